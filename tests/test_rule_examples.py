"""Every rule's TOML examples run as tests: bad spans exact, fixes exact, good text silent."""
from __future__ import annotations

from collections import Counter

import pytest

from stylecheck.fixes import apply_edits
from stylecheck.packs import CODE, SLUG, builtin_rules

from conftest import lint

RULES = builtin_rules()


def _cases():
    for rule in RULES:
        for i, ex in enumerate(rule.examples):
            yield pytest.param(rule, ex, id=f"{rule.code}-{i}-{'bad' if ex.bad is not None else 'good'}")


def test_every_rule_has_bad_and_good_examples():
    missing = [r.code for r in RULES if not any(e.bad for e in r.examples) or not any(e.good for e in r.examples)]
    assert not missing, f"rules without both a bad and a good example: {missing}"


def test_codes_and_slugs_are_well_formed_and_unique():
    assert all(CODE.match(r.code) and SLUG.match(r.slug) for r in RULES)
    dup = [k for k, n in Counter([r.code for r in RULES] + [r.slug for r in RULES]).items() if n > 1]
    assert not dup


def test_every_rule_explains_itself():
    assert all(r.why.strip() and r.message.strip() for r in RULES)


def _check(rule, text: str) -> list:
    """The rule's findings on an example; a cross-article rule's example is a batch of articles."""
    if rule.kind == "archive":
        from stylecheck.archive.batch import check_example
        from stylecheck.config import Settings

        return [f for f in check_example(text, Settings(select=(rule.code,))) if f.rule == rule.code]
    return [f for f in lint(text, select=(rule.code,)) if f.rule == rule.code]


@pytest.mark.parametrize("rule,example", list(_cases()))
def test_example(rule, example):
    if example.bad is not None:
        text, start, end = example.marked_span()
        found = _check(rule, text)
        spans = [(f.start, f.end) for f in found]
        assert (start, end) in spans, f"expected {text[start:end]!r} at {start}:{end}, got {[(text[s:e], s, e) for s, e in spans]}"
        if example.fixed is not None:
            hit = next(f for f in found if (f.start, f.end) == (start, end))
            assert hit.suggestions, "a rule with `fixed` must suggest a replacement"
            fixed, n = apply_edits(text, [hit], unsafe=True)
            assert fixed == example.fixed
    else:
        found = _check(rule, example.good)
        assert not found, [(f.text, f.message) for f in found]
