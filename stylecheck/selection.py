"""Which rules run: defaults, presets, select/extend-select/ignore by code, prefix, slug or category.

A selector that names no rule is an error, never a silent no-op: `--select CR10l` in a CI job
must not pass by running nothing. `unknown` finds such selectors; the config, the command line
and the HTTP API each report them with where they came from.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from .config import ConfigError, Settings
from .packs import Rule


class SelectionError(ConfigError):
    """A selector (or a `[rules.X]` name) that selects no rule; `key` says which setting held it."""

    def __init__(self, key: str, selector: str, reason: str):
        super().__init__(f"{key}: {selector!r} {reason}" if selector.strip() else f"{key} {reason}")
        self.key, self.selector, self.reason = key, selector, reason


def matches(selector: str, rule: Rule) -> bool:
    """A selector names a rule by code, code prefix, slug, category or ALL."""
    return (
        selector == "ALL"
        or rule.code.startswith(selector)
        or selector == rule.slug
        or selector == rule.category
    )


def enabled(rule: Rule, settings: Settings) -> bool:
    if any(matches(s, rule) for s in settings.ignore):
        return False
    if settings.select is not None:
        on = any(matches(s, rule) for s in settings.select)
    else:
        on = rule.default if not rule.presets else (settings.preset in rule.presets)
    return on or any(matches(s, rule) for s in settings.extend_select)


def severity_for(rule: Rule, settings: Settings) -> str | None:
    """The configured severity for a rule ('off' disables it), or None for its default."""
    found = None
    for selector, level in settings.severity:  # later, more specific entries win
        if matches(selector, rule):
            found = level
    return found


def _hint(name: str, rules: Sequence[Rule]) -> str:
    import difflib

    if name.upper() != name and any(matches(name.upper(), r) for r in rules):
        return f"; did you mean {name.upper()!r}?"  # codes are capitals
    names = {n.lower(): n for r in rules for n in (r.code, r.slug, r.category)}
    close = difflib.get_close_matches(name.lower(), sorted(names), n=1, cutoff=0.6)
    return f"; did you mean {names[close[0]]!r}?" if close else "; see `stylecheck rules --all`"


def unknown(selectors: Iterable[str], rules: Sequence[Rule], exact: bool = False) -> Iterator[tuple[str, str]]:
    """(selector, reason) for each selector that selects no rule.

    `exact`: the selector must be one rule's code or slug (a `[rules.X]` table: options belong
    to one rule, not to a prefix or a category).
    """
    for s in selectors:
        if not s.strip():
            yield s, "holds an empty selector, which names no rule"
        elif exact and not any(s in (r.code, r.slug) for r in rules):
            yield s, "is not a rule's code or slug" + _hint(s, rules)
        elif not exact and s != s.strip():
            yield s, "has spaces around it"
        elif not exact and not any(matches(s, r) for r in rules):
            yield s, "selects no rule (no code, code prefix, slug or category matches)" + _hint(s, rules)


def validate(settings: Settings, rules: Sequence[Rule], keys: dict[str, str] | None = None) -> None:
    """Raise SelectionError for the first selector in settings that selects no rule.

    `keys` names each setting as its source spells it (`--select`, `config.select`); the
    default is the config file's spelling.
    """
    keys = keys or {}
    lists = (("select", settings.select or ()), ("extend-select", settings.extend_select),
             ("ignore", settings.ignore), ("severity", [s for s, _ in settings.severity]))
    if settings.select is not None and not settings.select:
        raise SelectionError(keys.get("select", "select"), "", "is empty: it would run no rule (leave it out for the defaults)")
    for key, selectors in lists:
        for selector, reason in unknown(selectors, rules):
            raise SelectionError(keys.get(key, key), selector, reason)
    for selector, reason in unknown([k for k, _ in settings.rule_options], rules, exact=True):
        raise SelectionError(keys.get("rules", "rules"), selector, reason)
