"""AT102/AT103: a hedged figure ("it is thought half a million…", "experts say it is worth $18m") with no named source near.


On real copy an editor judged most hedges fine as they stand: "is thought to", "are said to",
"critics said" are the wire's and the broadcaster's own idiom, and the source they leave out is often
named a sentence or a paragraph away. What is worth a note is a figure resting on nobody: a number
whose source the reader cannot check. So a hedge is reported when its clause carries a figure
(`figures`: an amount, a percentage, a number that is not a year, or one of the number words) and no named source stands within `before` sentences
before it or `after` sentences after it, across paragraph breaks: "according to X", a source cue with
a name next to it ("Smith said", "said Smith"), or a quotation the speaker model gives a name.
"""
from __future__ import annotations

from typing import Iterator

import regex

from ...findings import Hit
from ...patterns import compile_regex
from ...text.names import speaker_after, speaker_before
from ...text.prose import sentence_range
from ..base import BaseKind, hit
from .cues import Terms

# "according to [the] [three words] Name": a named source (only "according to" ignores case: the name needs its capital)
_ACCORDING_NAMED = compile_regex(r"\b(?i:according\s+to)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{Ll}-]+\s+){0,3}\p{Lu}", regex.V1)
_CLAUSE_STOP = compile_regex(r"[,;](?=\s)|[\u2014\u2013()]")  # "2,000" is no clause break
# A quantity: money, a percentage, or a number that is not a year, a date or part of a name ("50 Cent", "G7", "9/11").
_FIGURE = compile_regex(
    r"[$\u00a3\u20ac\u00a5]\s?\d|\d\s?%"
    r"|(?<![\w/.,-])(?!(?:19|20)\d\d(?!\d|,\d))\d[\d,.]*+(?![\w/-])(?!\s+\p{Lu})", regex.V1)


class UnsourcedClaim(BaseKind):
    """A hedged figure with no named source in the sentences around it."""

    OPTIONS = {
        "phrases": (list, []),
        "source_cues": (list, []),
        "before": (int, 2),  # sentences before the hedge searched for a named source
        "after": (int, 2),  # sentences after it
        "figures": (list, []),  # number words that make a figure, besides digits; empty: every hedge counts
    }
    RANGES = {"window": (0, 10)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.phrases = Terms(self.opts["phrases"])
        if not self.phrases:
            raise ValueError("attribution.unsourced_claim needs `phrases`")
        self.source_cues = Terms(self.opts["source_cues"])
        self.figures = Terms(self.opts["figures"]) if self.opts["figures"] else None

    def check(self, doc) -> Iterator[Hit]:
        info = doc.layer.prose()
        for k, seg in enumerate(doc.segments):
            for m in self.phrases.finditer(info[k]):
                sents = info[k].sents
                first, last = sentence_range(sents, m.start(), m.end())
                if self.figures is not None and not self._figure(info[k], *_clause(info[k].masked, sents[first][0],
                                                                                    sents[last][1], m.start(), m.end())):
                    continue
                if self._sourced(doc, k, first, last, m.start(), m.end()):
                    continue
                yield hit(seg, m.start(), m.end())

    def _figure(self, prose, lo: int, hi: int) -> bool:
        """The sentence carries a number: digits, or a number word ("half a million")."""
        return _FIGURE.search(prose.masked, lo, hi) is not None or self.figures.search(prose, lo, hi) is not None

    def _sourced(self, doc, k: int, first: int, last: int, ms: int, me: int) -> bool:
        """A named source in the window of sentences around the hedge (sentences first..last of segment k)."""
        for kk, s, e in _window(doc, k, first, last, self.opts["before"], self.opts["after"]):
            if self._named_source(doc, kk, s, e, (ms, me) if kk == k else (-1, -1)):
                return True
        return False

    def _named_source(self, doc, k: int, lo: int, hi: int, own: tuple[int, int]) -> bool:
        """In [lo, hi) of segment k: "according to Reuters", "Smith said", "said Smith", or a named speaker's quote."""
        prose = doc.layer.prose()[k]
        masked = prose.masked
        if _ACCORDING_NAMED.search(masked, lo, hi):
            return True
        if self.source_cues:
            for c in self.source_cues.finditer(prose, lo, hi):
                if own[0] <= c.start() < own[1]:
                    continue
                if speaker_before(masked, lo, c.start()) or speaker_after(masked, c.end(), hi):
                    return True
        if doc.segments[k].quotes:
            for qt in _quotations_of(doc, k):
                if lo <= qt.quote.start < hi and qt.how and qt.speaker:
                    return True
        return False


def _clause(masked: str, lo: int, hi: int, ms: int, me: int) -> tuple[int, int]:
    """The clause of the sentence [lo, hi) that holds the hedge [ms, me): between commas, semicolons or dashes.

    "where more than 2,000 people are thought to have died" is the clause a hedge governs; a figure
    elsewhere in the sentence ("an audience of 144.4 million, with many … said to tune in") is not its.
    """
    start = lo
    for m in _CLAUSE_STOP.finditer(masked, lo, ms):
        start = m.end()
    m = _CLAUSE_STOP.search(masked, me, hi)
    return start, (m.start() if m else hi)


def _quotations_of(doc, k: int):
    """The speaker model's quotations of segment k (the model is built once per document)."""
    by_seg = doc.layer.shared("attribution.quotations-by-segment", lambda: _by_segment(doc.layer.quotations()))
    return by_seg.get(k, ())


def _by_segment(found) -> dict:
    out: dict[int, list] = {}
    for qt in found:
        out.setdefault(qt.seg, []).append(qt)
    return out


def _window(doc, k: int, first: int, last: int, before: int, after: int):
    """(segment, start, end) spans of the sentences first-before .. last+after around segment k's sentences."""
    info = doc.layer.prose()
    sents = info[k].sents
    yield k, sents[max(0, first - before)][0], sents[min(len(sents) - 1, last + after)][1]
    need, kk = before - first, k
    while need > 0 and kk > 0:  # sentences still wanted from the segments before
        kk -= 1
        prev = info[kk].sents
        if prev:
            yield kk, prev[max(0, len(prev) - need)][0], prev[-1][1]
            need -= len(prev)
    need, kk = after - (len(sents) - 1 - last), k
    while need > 0 and kk + 1 < len(info):
        kk += 1
        nxt = info[kk].sents
        if nxt:
            yield kk, nxt[0][0], nxt[min(len(nxt), need) - 1][1]
            need -= len(nxt)
