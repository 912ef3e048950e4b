"""conditional: a term that needs an earlier one, e.g. an acronym used before it is spelled out."""
from __future__ import annotations

from typing import Iterator

import regex

from ..findings import Hit
from ..patterns import compile_regex
from ..terms import Budget, scan
from .base import BaseKind, hit

_DEFINED = compile_regex(r"\(([\p{Lu}]{2,6})s?\)|([\p{Lu}]{2,6})\s+\(")  # "Full Name (ABC)", "ABC (Full Name)"

class Acronym(BaseKind):
    """Flag the first use of an acronym the article never defines as "Full Name (ABC)"."""

    OPTIONS = {"pattern": (str, r"\b[\p{Lu}]{3,5}s?\b"), "exceptions": (list, [])}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        # a desk's pattern (a pack's, or a config `pattern`) is checked and runs under the CPU budget
        self.user = not self.trusted("pattern")
        self.pattern = self.user_pattern("pattern", self.opts["pattern"]) if self.user else compile_regex(
            self.opts["pattern"], regex.V1)
        self.exceptions = set(self.opts["exceptions"]) | set(context.accept)

    def check(self, doc) -> Iterator[Hit]:
        defined: set[str] = set()
        for seg in doc.segments:
            for m in _DEFINED.finditer(seg.text):
                defined.add(m.group(1) or m.group(2))
        seen: set[str] = set()
        for seg, m in scan(doc, self.pattern, Budget() if self.user else None):
            word = m.group().rstrip("s") if m.group().endswith("s") and m.group()[:-1].isupper() else m.group()
            if seg.scope == "headline" or word in self.exceptions or word in defined or word in seen:
                continue
            seen.add(word)
            yield hit(seg, m.start(), m.end(), fields={"acronym": word})


KINDS = {"conditional": Acronym}
