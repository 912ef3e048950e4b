"""Shared plumbing for kinds: the rule context, option validation and span mapping."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from ..document import Segment
from ..findings import Hit

if TYPE_CHECKING:
    from ..packs import Rule
    from ..runtime import Runtime


class RuleContext(NamedTuple):
    """What a rule may know besides its own options: the desk's vocabulary, its house style, the shared data.

    Built by the engine from the settings (and the rule's vocabulary file, if it names one), so a
    kind never reads configuration, packs or files itself.
    """

    runtime: "Runtime"
    accept: frozenset[str] = frozenset()  # words and names the desk knows
    prefer: tuple[tuple[str, str], ...] = ()  # (variant, house form)
    preset: str | None = None  # house-style preset (ap, bbc, guardian) or None


class BaseKind:
    """Validate a rule's options against OPTIONS (name -> (type, default))."""

    OPTIONS: dict[str, tuple[type | tuple[type, ...], Any]] = {}

    def __init__(self, rule: "Rule", context: RuleContext):
        self.rule = rule
        self.context = context
        unknown = set(rule.options) - set(self.OPTIONS)
        if unknown:
            raise ValueError(f"unknown option {sorted(unknown)[0]!r} for kind {rule.kind!r}")
        self.opts: dict[str, Any] = {}
        for name, (typ, default) in self.OPTIONS.items():
            value = rule.options.get(name, default)
            if value is not None and not isinstance(value, typ):
                raise ValueError(f"option {name!r} must be {getattr(typ, '__name__', typ)}")
            self.opts[name] = value


def hit(seg: Segment, start: int, end: int, **kw: Any) -> Hit:
    """A Hit for the segment span [start, end), mapped to source offsets."""
    s, e = seg.to_source(start, end)
    return Hit(s, e, **kw)
