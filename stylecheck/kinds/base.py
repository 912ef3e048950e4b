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
    user_options: frozenset[str] = frozenset()  # the rule's options a desk's config set (not stylecheck's own)


class OptionError(ValueError):
    """A rule option that cannot be used; `option` names it, so a config can point at its line."""

    def __init__(self, option: str, message: str):
        super().__init__(message)
        self.option = option


class BaseKind:
    """Validate a rule's options against OPTIONS (name -> (type, default)).

    A number must be a number (`true` is not 40) and a limit must be above zero, unless
    RANGES gives the option its own inclusive (lowest, highest) bounds (None: unbounded).
    """

    OPTIONS: dict[str, tuple[type | tuple[type, ...], Any]] = {}
    RANGES: dict[str, tuple[float | None, float | None]] = {}

    def __init__(self, rule: "Rule", context: RuleContext):
        self.rule = rule
        self.context = context
        unknown = set(rule.options) - set(self.OPTIONS)
        if unknown:
            name = sorted(unknown)[0]
            raise OptionError(name, f"unknown option {name!r} for kind {rule.kind!r}")
        self.opts: dict[str, Any] = {}
        for name, (typ, default) in self.OPTIONS.items():
            value = rule.options.get(name, default)
            if typ is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if value is not None and (not isinstance(value, typ) or isinstance(value, bool) and typ in (int, float)):
                raise OptionError(name, f"option {name!r} must be {getattr(typ, '__name__', typ)}, "
                                        f"not {type(value).__name__}")
            if typ in (int, float) and value is not None:
                self._check_range(name, value)
            self.opts[name] = value

    def trusted(self, option: str) -> bool:
        """Whether an option's value is stylecheck's own (the kind's default, or a bundled rule's
        that no config changed): its patterns are tested against adversarial input and run
        without a budget. A desk's pack or a config `[rules.X]` option is the user's."""
        if option not in self.rule.options:
            return True
        return self.rule.bundled and option not in self.context.user_options

    def user_pattern(self, option: str, source: str, ignorecase: bool = False):
        """A user's pattern, compiled (terms.compile_user_pattern); an invalid or empty-matching one
        is an error at the option (the config's line, or the pack's rule)."""
        from ..terms import compile_user_pattern

        try:
            return compile_user_pattern(source, ignorecase)
        except ValueError as exc:
            raise OptionError(option, f"option {option!r}: {exc}") from None

    def _check_range(self, name: str, value: float) -> None:
        low, high = self.RANGES.get(name, (None, None))
        if name not in self.RANGES and value <= 0:
            raise OptionError(name, f"option {name!r} must be above zero, not {value}")
        if low is not None and value < low or high is not None and value > high:
            bounds = f"from {low}" if high is None else f"from {low} to {high}"
            raise OptionError(name, f"option {name!r} must be {bounds}, not {value}")


def hit(seg: Segment, start: int, end: int, **kw: Any) -> Hit:
    """A Hit for the segment span [start, end), mapped to source offsets."""
    s, e = seg.to_source(start, end)
    return Hit(s, e, **kw)
