"""proselint_adapter: run proselint's checks, through its API, as stylecheck rules.

One adapter for the whole package (STYLE.md habit 9): each PL rule names the proselint check
paths it covers (`checks = ["cliches"]`), and the adapter feeds every prose segment's text to
those checks, then maps each reported span back to the source through the segment's offset
map. Quote exemption, selection, severity and suppression are stylecheck's, like any rule.

proselint is imported lazily, on the first PL rule that is enabled, so start-up stays fast when
the pack is off; its registry is built once per process.
"""
from __future__ import annotations

import bisect
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

    def __init__(self, rule, context):
        super().__init__(rule, context)
        if not self.opts["checks"]:
            raise ValueError("proselint rules need `checks`: proselint check paths or prefixes")
        skip = tuple(self.opts["skip"])
        self.checks = tuple(c for c in checks_for(tuple(self.opts["checks"])) if not any(c.matches_partial(s) for s in skip))
        if not self.checks:
            raise ValueError(f"no proselint check matches {self.opts['checks']!r}")

    def check(self, doc) -> Iterator[Hit]:
        segments = [seg for seg in doc.segments if seg.text.strip()]
        if not segments:
            return
        # All prose segments go to proselint in one text, a blank line between them (as
        # proselint reads a file), padded with a newline each side as its checks expect.
        # One call per check per document instead of per paragraph: 10x less call overhead.
        # A span is mapped back to its own segment; one that crosses a break is dropped.
        starts, pos = [], 1
        for seg in segments:
            starts.append(pos)
            pos += len(seg.text) + 2
        text = "\n" + "\n\n".join(seg.text for seg in segments) + "\n"
        for chk in self.checks:
            # NOTE(#5): proselint 0.16's ReverseExistence reports start+1; undo it.
            shift = 1 if type(chk.check_type).__name__ == "ReverseExistence" else 0
            for result in chk.check_with_flags(text):
                start, end = result.span
                start -= shift
                k = bisect.bisect_right(starts, start) - 1
                if k < 0:
                    continue
                seg, base = segments[k], starts[k]
                s, e = start - base, end - base
                if s < 0 or e > len(seg.text) or e <= s:
                    continue
                repl = result.replacements
                suggestions = (repl,) if isinstance(repl, str) and repl and "\\" not in repl else ()
                yield hit(seg, s, e, suggestions=suggestions, fields={"detail": result.message, "check": result.check_path})


KINDS = {"proselint_adapter": Proselint}
