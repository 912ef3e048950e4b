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
    UNKNOWN = "'{found}' is in no dictionary and near no likely word: check the spelling."

    def __init__(self, rule, context):
        super().__init__(rule, context)
        # the engine has merged the rule's vocabulary file (option `vocab`) into the context
        self.accept, self.prefer = context.accept, tuple(sorted(dict(context.prefer).items()))

    def check(self, doc) -> Iterator[Hit]:
        for f in analyse(doc, self.context.runtime.lexicon, self.accept, self.prefer):
            if f.kind not in self.OWN:
                continue
            if not f.suggestion:  # an unknown word near nothing likely: say so, suggest nothing
                yield hit(f.seg, f.start, f.end, severity=f.severity, message=self.UNKNOWN.format(found=f.seg.text[f.start:f.end]))
                continue
            # only a listed misspelling of an ordinary word, or a slip of the shift key, is a certain fix
            certain = f.kind == "word" and f.source in ("list", "case")
            yield hit(f.seg, f.start, f.end, suggestions=(f.suggestion,), severity=f.severity,
                      applicability=None if certain else "unsafe",
                      fields={"expected": f.suggestion, "count": f.count, "evidence": _EVIDENCE[f.source]})


_EVIDENCE = {
    "list": "a common misspelling",
    "article": "the article's own spelling",
    "lexicon": "a near miss of a common word",
    "place": "a near miss of a known place",
    "vocab": "a near miss of a name in the house vocabulary",
    "glued": "two words run together",
    "case": "a slip of the shift key",
}


class NameTypo(_Judged):
    OWN = ("name",)
    UNKNOWN = "'{found}' is a name no dictionary or gazetteer knows, close to a better-known one: check the spelling."


class NameVariant(_Judged):
    OWN = ("variant",)


class WordTypo(_Judged):
    OWN = ("word",)
