"""substitution: flag a term and propose its replacement (wordy phrases, house spellings)."""
from __future__ import annotations

from typing import Iterator

from ..findings import Hit
from ..terms import compile_terms, match_case, normalise, scan
from .base import BaseKind, hit


class Substitution(BaseKind):
    OPTIONS = {"swap": (dict, {}), "ignorecase": (bool, True), "accept": (list, [])}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        swap = self.opts["swap"]
        if not swap or not all(isinstance(v, (str, list)) for v in swap.values()):
            raise ValueError("substitution needs a `swap` table of term = replacement")
        self.table = {normalise(k): ([v] if isinstance(v, str) else list(v)) for k, v in swap.items()}
        self.pattern = compile_terms(swap, self.opts["ignorecase"])
        self.accept = {normalise(a) for a in self.opts["accept"]} | {normalise(a) for a in context.accept}

    def check(self, doc) -> Iterator[Hit]:
        for seg, m in scan(doc, self.pattern):
            key = normalise(m.group())
            if key in self.accept:
                continue
            found = m.group()
            repl = [match_case(r, found) for r in self.table.get(key, ())]
            if not self.opts["ignorecase"] and found[:1].isupper():
                repl = [r[:1].upper() + r[1:] for r in repl]
            expected = repl[0] if repl else ""
            yield hit(seg, m.start(), m.end(), suggestions=tuple(repl), fields={"expected": expected})


KINDS = {"substitution": Substitution}
