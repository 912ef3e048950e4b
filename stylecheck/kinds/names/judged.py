"""The names analysis' findings, reported by the rules that own them: name typos, name variants, word typos.

The judging itself lives in analysis.py (one pass over the document shared by these three rules,
so no word is judged twice and no two rules report the same slip); each rule here picks the
findings of its own kind and words them. The lexicon comes from the rule context's runtime.
"""
from __future__ import annotations

from typing import Iterator

from ...findings import Hit
from ..base import BaseKind, hit
from .analysis import analyse


class _Judged(BaseKind):
    """Report the shared analysis' findings of one kind."""

    OPTIONS = {"vocab": (str, None)}
    OWN: tuple[str, ...] = ()

    def __init__(self, rule, context):
        super().__init__(rule, context)
        # the engine has merged the rule's vocabulary file (option `vocab`) into the context
        self.accept, self.prefer = context.accept, tuple(sorted(dict(context.prefer).items()))

    def check(self, doc) -> Iterator[Hit]:
        for f in analyse(doc, self.context.runtime.lexicon, self.accept, self.prefer):
            if f.kind in self.OWN:
                yield hit(f.seg, f.start, f.end, suggestions=(f.suggestion,), severity=f.severity,
                          fields={"expected": f.suggestion, "count": f.count, "evidence": _EVIDENCE[f.source]})


_EVIDENCE = {
    "list": "a common misspelling",
    "article": "the article's own spelling",
    "lexicon": "a near miss of a common word",
    "place": "a near miss of a known place",
}


class NameTypo(_Judged):
    OWN = ("name",)


class NameVariant(_Judged):
    OWN = ("variant",)


class WordTypo(_Judged):
    OWN = ("word",)
