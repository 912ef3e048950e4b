"""existence: flag any of a list of terms or patterns (banned words, hidden characters)."""
from __future__ import annotations

from typing import Iterator

from ..findings import Hit
from ..terms import Budget, compile_terms, compile_user_pattern, scan
from .base import BaseKind, hit


class Existence(BaseKind):
    OPTIONS = {"tokens": (list, []), "patterns": (list, []), "ignorecase": (bool, True), "suggest": (str, None)}

    def __init__(self, rule, settings):
        super().__init__(rule, settings)
        self.patterns = []
        terms = compile_terms(self.opts["tokens"], self.opts["ignorecase"])
        if terms is not None:
            self.patterns.append((terms, False))
        for p in self.opts["patterns"]:
            self.patterns.append((compile_user_pattern(p, self.opts["ignorecase"]), True))
        if not self.patterns:
            raise ValueError("existence needs `tokens` or `patterns`")

    def check(self, doc) -> Iterator[Hit]:
        suggest = (self.opts["suggest"],) if self.opts["suggest"] is not None else ()
        for pattern, user in self.patterns:
            budget = Budget() if user else None
            for seg, m in scan(doc, pattern, budget):
                if m.end() > m.start():
                    yield hit(seg, m.start(), m.end(), suggestions=suggest)


KINDS = {"existence": Existence}
