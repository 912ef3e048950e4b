"""AT102/AT103: a hedged or second-hand claim ("reportedly", "critics say") with no named source nearby."""
from __future__ import annotations

from typing import Iterator

import regex

from ...findings import Hit
from ...patterns import compile_regex
from ...text.names import speaker_after, speaker_before
from ...text.prose import Prose, sentence_range
from ..base import BaseKind, hit
from .cues import Terms

_ACCORDING_NAMED = compile_regex(r"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?:[\p{Ll}-]+\s+){0,3}\p{Lu}", regex.V1 | regex.IGNORECASE)


class UnsourcedClaim(BaseKind):
    """A hedged or second-hand claim ("reportedly", "critics say") with no named source nearby."""

    OPTIONS = {
        "phrases": (list, []),
        "source_cues": (list, []),
        "window": (int, 1),  # also look this many sentences ahead for the named source
    }
    RANGES = {"window": (0, 10)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.phrases = Terms(self.opts["phrases"])
        if not self.phrases:
            raise ValueError("attribution.unsourced_claim needs `phrases`")
        self.source_cues = Terms(self.opts["source_cues"])

    def check(self, doc) -> Iterator[Hit]:
        info = doc.layer.prose()
        for k, seg in enumerate(doc.segments):
            for m in self.phrases.finditer(info[k]):
                sents = info[k].sents
                first, last = sentence_range(sents, m.start(), m.end())
                hi = sents[min(last + self.opts["window"], len(sents) - 1)][1]
                if self._named_source(info[k], sents[first][0], hi, m.start(), m.end()):
                    continue
                yield hit(seg, m.start(), m.end())

    def _named_source(self, prose: Prose, lo: int, hi: int, ms: int, me: int) -> bool:
        """A named source in [lo, hi): "according to Reuters", "Smith said", "said Smith"."""
        masked = prose.masked
        if _ACCORDING_NAMED.search(masked, lo, hi):
            return True
        if not self.source_cues:
            return False
        for c in self.source_cues.finditer(prose, lo, hi):
            if ms <= c.start() < me:
                continue
            if speaker_before(masked, lo, c.start()) or speaker_after(masked, c.end(), hi):
                return True
        return False
