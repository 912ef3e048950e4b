"""consistency: two forms of the same thing in one article; flag the minority form.

The form to keep is the house-preferred one (config `prefer`, or a group's `prefer`), else the
form the article uses most (ties go to the first used).
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..findings import Hit
from ..terms import compile_terms, match_case, normalise, scan
from .base import BaseKind, hit


class Consistency(BaseKind):
    OPTIONS = {"groups": (list, []), "ignorecase": (bool, False), "prefer": (list, []), "skip_proper": (bool, False)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.group_of: dict[str, int] = {}
        self.groups: list[list[str]] = []
        for gi, group in enumerate(self.opts["groups"]):
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(x, str) for x in group):
                raise ValueError("each consistency group is a list of two or more spellings")
            self.groups.append(group)
            for form in group:
                self.group_of[self._key(form)] = gi
        if not self.groups:
            raise ValueError("consistency needs `groups`")
        house = {normalise(v): p for v, p in context.prefer}
        self.preferred: dict[int, str] = {}
        for form in self.opts["prefer"]:
            if self._key(form) in self.group_of:
                self.preferred[self.group_of[self._key(form)]] = form
        for variant, pref in house.items():
            for key in (self._key(variant), self._key(pref)):
                if key in self.group_of:
                    self.preferred[self.group_of[key]] = pref
        self.pattern = compile_terms([f for g in self.groups for f in g], self.opts["ignorecase"])

    def _key(self, text: str) -> str:
        return normalise(text) if self.opts["ignorecase"] else " ".join(text.split())

    def check(self, doc) -> Iterator[Hit]:
        uses: dict[int, list[tuple]] = {}
        for seg, m in scan(doc, self.pattern):
            if self.opts["skip_proper"] and _proper(seg.text, m.start()):
                continue
            gi = self.group_of.get(self._key(m.group()))
            if gi is not None:
                uses.setdefault(gi, []).append((seg, m.start(), m.end(), self._key(m.group()), m.group()))
        for gi, occurrences in uses.items():
            counts = Counter(o[3] for o in occurrences)
            pref = self.preferred.get(gi)
            if len(counts) < 2 and (pref is None or self._key(pref) in counts):
                continue
            if pref is None:
                first = {}
                for o in occurrences:
                    first.setdefault(o[3], len(first))
                keep_key = max(counts, key=lambda k: (counts[k], -first[k]))
                keep = next(o[4] for o in occurrences if o[3] == keep_key)
            else:
                keep_key, keep = self._key(pref), pref
            for seg, s, e, key, found in occurrences:
                if key != keep_key:
                    expected = match_case(keep, found) if self.opts["ignorecase"] else keep
                    yield hit(seg, s, e, suggestions=(expected,), fields={"expected": expected, "count": counts[keep_key]})


def _proper(text: str, start: int) -> bool:
    """A capitalised word mid-sentence is part of a name ("US Defense Department")."""
    if not text[start:start + 1].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?:\"\u201c\u2018'("


KINDS = {"consistency": Consistency}
