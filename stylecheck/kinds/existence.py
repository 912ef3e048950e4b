"""existence: flag any of a list of terms or patterns (banned words, hidden characters)."""
from __future__ import annotations

import re
from typing import Iterator

from ..findings import Hit
from ..patterns import compile_re
from ..terms import Budget, compile_terms, scan
from .base import BaseKind, hit


class Existence(BaseKind):
    OPTIONS = {"tokens": (list, []), "patterns": (list, []), "ignorecase": (bool, True), "suggest": (str, None)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.patterns = []
        terms = compile_terms(self.opts["tokens"], self.opts["ignorecase"])
        if terms is not None:
            self.patterns.append((terms, False))
        # Bundled patterns are ours and tested against adversarial input (test_patterns_redos):
        # they run in `re`, several times faster than `regex`, when `re` can compile them. Patterns
        # from a desk's own packs run in `regex` under a CPU budget.
        bundled = self.trusted("patterns")
        for p in self.opts["patterns"]:
            compiled = self.user_pattern("patterns", p, self.opts["ignorecase"])
            if bundled:
                try:
                    self.patterns.append((compile_re(p, re.IGNORECASE if self.opts["ignorecase"] else 0), False))
                    continue
                except re.error:
                    pass
            self.patterns.append((compiled, True))
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
