"""metric: sentence-level measures, such as sentences too long to read in one breath."""
from __future__ import annotations

from typing import Iterator

from ..findings import Hit
from .base import BaseKind, hit


class SentenceLength(BaseKind):
    OPTIONS = {"max_words": (int, 40)}

    def check(self, doc) -> Iterator[Hit]:
        limit = self.opts["max_words"]
        for seg, prose in zip(doc.segments, doc.layer.prose()):
            if seg.scope == "headline":
                continue
            for s, e in prose.sents:
                n = len(seg.text[s:e].split())
                if n > limit:
                    yield hit(seg, s, e, fields={"words": n, "max": limit})


KINDS = {"metric": SentenceLength}
