"""Which rules run: defaults, presets, select/extend-select/ignore by code, prefix, slug or category."""
from __future__ import annotations

from .config import Settings
from .packs import Rule


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
