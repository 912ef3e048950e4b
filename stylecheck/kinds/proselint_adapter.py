"""proselint_adapter: run proselint's checks, through its API, as stylecheck rules.

One adapter for the whole package (STYLE.md habit 9): each PL rule names the proselint check
paths it covers (`checks = ["cliches"]`), and the adapter feeds every prose segment's text to
those checks, then maps each reported span back to the source through the segment's offset
map. Quote exemption, selection, severity and suppression are stylecheck's, like any rule.

proselint is imported lazily, on the first PL rule that is enabled, so start-up stays fast when
the pack is off; its registry is built once per process.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from ..findings import Hit
from .base import BaseKind, hit


@lru_cache(maxsize=None)
def registry() -> tuple[Any, ...]:
    """Every check proselint registers (its `Check` records), imported once."""
    from proselint.checks import __register__  # lazy: ~35 ms, and only when a PL rule runs

    return tuple(__register__)


def checks_for(prefixes: tuple[str, ...]) -> tuple[Any, ...]:
    """The registered checks whose dotted path equals or starts with one of prefixes."""
    return tuple(c for c in registry() if any(c.matches_partial(p) for p in prefixes))


class Proselint(BaseKind):
    OPTIONS = {"checks": (list, []), "skip": (list, [])}

    def __init__(self, rule, settings):
        super().__init__(rule, settings)
        if not self.opts["checks"]:
            raise ValueError("proselint rules need `checks`: proselint check paths or prefixes")
        skip = tuple(self.opts["skip"])
        self.checks = tuple(c for c in checks_for(tuple(self.opts["checks"])) if not any(c.matches_partial(s) for s in skip))
        if not self.checks:
            raise ValueError(f"no proselint check matches {self.opts['checks']!r}")

    def check(self, doc) -> Iterator[Hit]:
        for seg in doc.segments:
            if not seg.text.strip():
                continue
            # proselint pads its input with a newline on each side (its checks expect it);
            # spans come back in padded offsets, hence the -1.
            padded = f"\n{seg.text}\n"
            n = len(seg.text)
            for chk in self.checks:
                for result in chk.check_with_flags(padded):
                    start, end = result.span
                    start, end = max(start - 1, 0), min(end - 1, n)
                    if end <= start:
                        continue
                    repl = result.replacements
                    suggestions = (repl,) if isinstance(repl, str) and repl and "\\" not in repl else ()
                    yield hit(seg, start, end, suggestions=suggestions,
                              fields={"detail": result.message, "check": result.check_path})


KINDS = {"proselint_adapter": Proselint}
