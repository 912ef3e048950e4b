"""Shared plumbing for kinds: option validation and span mapping."""
from __future__ import annotations

from typing import Any

from ..config import Settings
from ..document import Segment
from ..findings import Hit
from ..packs import Rule


class BaseKind:
    """Validate a rule's options against OPTIONS (name -> (type, default))."""

    OPTIONS: dict[str, tuple[type | tuple[type, ...], Any]] = {}

    def __init__(self, rule: Rule, settings: Settings):
        self.rule = rule
        self.settings = settings
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
