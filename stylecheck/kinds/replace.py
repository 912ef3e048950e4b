"""replace: a house-style pattern with a replacement template, for preset house styles (AP numbers, months, a.m.)."""
from __future__ import annotations

from typing import Iterator

import regex

from ..findings import Hit
from ..terms import Budget
from .base import BaseKind, hit


class Replace(BaseKind):
    """A house-style pattern with a replacement template (`\\g<1>`, `\\g<name>`).

    With `words`, the text of the group named `key` (or the whole match) is looked up and
    `{word}` in the template becomes its entry ("Jan" → "January"); no entry, no finding.
    """

    OPTIONS = {
        "pattern": (str, None), "replace": (str, None), "ignorecase": (bool, False), "skip_headlines": (bool, False),
        "words": (dict, {}),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        if not self.opts["pattern"] or self.opts["replace"] is None:
            raise ValueError("typography.replace needs `pattern` and `replace`")
        self.pattern = self.user_pattern("pattern", self.opts["pattern"], self.opts["ignorecase"])
        for ref in regex.findall(r"\\g<([^>]*)>|\\(\d+)", self.opts["replace"]):
            name = ref[0] or ref[1]
            ok = int(name) <= self.pattern.groups if name.isdigit() else name in self.pattern.groupindex
            if not ok:  # a template naming a missing group fails at load, not mid-run
                raise ValueError(f"replacement {self.opts['replace']!r} refers to missing group {name!r}")

    def check(self, doc) -> Iterator[Hit]:
        budget = Budget()
        for seg in doc.segments:
            if self.opts["skip_headlines"] and seg.scope == "headline":
                continue
            for m in budget.finditer(self.pattern, seg.text):
                if m.end() == m.start():
                    continue
                fixed = m.expand(self.opts["replace"])
                if self.opts["words"]:
                    key = m.group("key") if "key" in self.pattern.groupindex else m.group()
                    word = self.opts["words"].get(key)
                    if word is None:
                        continue
                    fixed = fixed.replace("{word}", word)
                if fixed == m.group():
                    continue
                yield hit(seg, m.start(), m.end(), suggestions=(fixed,), fields={"expected": fixed})


KINDS = {"replace": Replace}
