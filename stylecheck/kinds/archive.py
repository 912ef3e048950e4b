"""archive: the options of the cross-article rule (CA101); it finds nothing in one article alone.

A name or term spelled one way across an archive and another way in a few articles is only
visible over the whole batch, so the work happens in `stylecheck archive` (stylecheck/archive/):
this kind validates the rule's options when the Linter compiles it, and the archive run reads
them (and the rule's message, severity and vocabulary) from the compiled rule. Linting a single
article with it selected is silent by design.
"""
from __future__ import annotations

from typing import Iterator

from ..findings import Hit
from .base import BaseKind

FAMILIES = ("names", "forms", "systems")
SCOPES = ("archive", "desk")


class CrossArticle(BaseKind):
    """Options of the cross-article pass; `check` is a no-op on one article."""

    OPTIONS = {
        "vocab": (str, None),  # a vocabulary file whose house forms win (merged into the context by the engine)
        "families": (list, list(FAMILIES)),  # which variant keys to compare across articles
        "min_articles": (int, 3),  # articles the kept form must appear in
        "min_share": (float, 0.8),  # share of the family's articles the kept form must have
        "sure_share": (float, 0.9),  # from this share on, a warning; below it, info
        "scope": (str, "archive"),  # whose majority decides: the whole archive, or each desk
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        bad = [f for f in self.opts["families"] if f not in FAMILIES]
        if bad:
            raise ValueError(f"unknown family {bad[0]!r}; expected some of {', '.join(FAMILIES)}")
        if self.opts["scope"] not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
        if not 0.5 < self.opts["min_share"] <= 1 or not self.opts["min_share"] <= self.opts["sure_share"] <= 1:
            raise ValueError("min_share and sure_share are shares above 0.5, min_share <= sure_share <= 1")
        if self.opts["min_articles"] < 1:
            raise ValueError("min_articles must be at least 1")

    def check(self, doc) -> Iterator[Hit]:
        return iter(())


KINDS = {"archive": CrossArticle}
