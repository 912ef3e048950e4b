"""replace: house-style patterns with a replacement template (AP numbers, months, a.m.; confusable words).

A rule gives one `pattern` with its `replace` template, or a list of them in `patterns`
(tables with `pattern`, `replace` and optionally `words`), so a family of slips with one
message ("would of", "in principal", "its been") is one rule with one code. Two prefilters
keep the scans off paragraphs that cannot match: a case's `needs` (words, one of which the
paragraph must hold) and the rule's `contains` (substrings, one of which it must hold). A
group named `span` narrows the finding (and the replaced text) to that part of the match, so
context can be matched without a lookbehind ("to (?P<span>loose) their").
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

import regex

from ..findings import Hit
from ..patterns import compile_re
from ..terms import Budget
from .base import BaseKind, hit


class _Case(NamedTuple):
    pattern: regex.Pattern | re.Pattern
    replace: str
    words: dict
    needs: frozenset  # the case runs only on paragraphs holding one of these words (as written: lower, Capital, UPPER)


class Replace(BaseKind):
    """A house-style pattern with a replacement template (`\\g<1>`, `\\g<name>`).

    With `words`, the text of the group named `key` (or the whole match) is looked up and
    `{word}` in the template becomes its entry ("Jan" → "January"); no entry, no finding. With
    `translate` (a table of characters), `{translated}` in the template becomes the group named
    `key` (or the whole match) with those characters replaced ("2o24" → "2024").
    """

    OPTIONS = {
        "pattern": (str, None), "replace": (str, None), "ignorecase": (bool, False), "skip_headlines": (bool, False),
        "words": (dict, {}), "patterns": (list, []), "translate": (dict, {}), "contains": (list, []),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        specs = [{"pattern": self.opts["pattern"], "replace": self.opts["replace"], "words": self.opts["words"]}] \
            if self.opts["pattern"] else []
        for n, spec in enumerate(self.opts["patterns"]):
            if not isinstance(spec, dict) or not set(spec) <= {"pattern", "replace", "words", "needs"}:
                raise ValueError(f"patterns[{n}] must be a table with `pattern`, `replace` and optional `words`, `needs`")
            specs.append(spec)
        if not specs:
            raise ValueError("replace needs `pattern` and `replace`, or `patterns`")
        self.cases = [self._case(spec, "pattern" if self.opts["pattern"] and n == 0 else "patterns")
                      for n, spec in enumerate(specs)]
        self.table = str.maketrans(self.opts["translate"]) if self.opts["translate"] else None

    def _case(self, spec: dict, option: str) -> _Case:
        if not spec.get("pattern") or spec.get("replace") is None:
            raise ValueError("replace needs `pattern` and `replace`")
        pattern = None
        if self.trusted(option):
            # our own patterns (tested against adversarial input) run in `re` when it can compile
            # them, several times faster than `regex` (and from the stored compiler output, so
            # they cost nothing at start-up); a desk's own run in `regex` under a CPU budget
            try:
                pattern = compile_re(spec["pattern"], re.IGNORECASE if self.opts["ignorecase"] else 0)
            except re.error:
                pass
        if pattern is None:
            pattern = self.user_pattern(option, spec["pattern"], self.opts["ignorecase"])
        for ref in regex.findall(r"\\g<([^>]*)>|\\(\d+)", spec["replace"]):
            name = ref[0] or ref[1]
            ok = int(name) <= pattern.groups if name.isdigit() else name in pattern.groupindex
            if not ok:  # a template naming a missing group fails at load, not mid-run
                raise ValueError(f"replacement {spec['replace']!r} refers to missing group {name!r}")
        needs = {v for w in spec.get("needs", []) for v in (w.lower(), w.capitalize(), w.upper())}
        return _Case(pattern, spec["replace"], spec.get("words") or {}, frozenset(needs))

    def check(self, doc) -> Iterator[Hit]:
        budget = Budget()
        contains = self.opts["contains"]
        vocabs = doc.layer.segment_words() if any(c.needs for c in self.cases) else None
        for k, seg in enumerate(doc.segments):
            if self.opts["skip_headlines"] and seg.scope == "headline":
                continue
            if contains and not any(c in seg.text for c in contains):
                continue  # none of the characters every match needs: nothing to scan
            for case in self.cases:
                if case.needs and case.needs.isdisjoint(vocabs[k]):
                    continue
                found = case.pattern.finditer(seg.text) if isinstance(case.pattern, re.Pattern) \
                    else budget.finditer(case.pattern, seg.text)
                for m in found:
                    fixed = self._fixed(case, m)
                    start, end = m.span("span") if "span" in case.pattern.groupindex else m.span()
                    if fixed is not None and fixed != seg.text[start:end]:
                        yield hit(seg, start, end, suggestions=(fixed,), fields={"expected": fixed})

    def _fixed(self, case: _Case, m) -> str | None:
        """The replacement for one match, or None when there is none (no finding)."""
        if m.end() == m.start():
            return None
        fixed = m.expand(case.replace)
        key = m.group("key") if "key" in case.pattern.groupindex else m.group("span") \
            if "span" in case.pattern.groupindex else m.group()
        if case.words:
            word = case.words.get(key)
            if word is None:
                return None
            fixed = fixed.replace("{word}", word)
        if self.table is not None:
            fixed = fixed.replace("{translated}", key.translate(self.table))
        return fixed


KINDS = {"replace": Replace}
