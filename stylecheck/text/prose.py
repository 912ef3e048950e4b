"""One segment as rules that reason about sentences see it: quotations blanked out, words, sentences.

A segment may hold several paragraphs (plain-text copy often runs them together, one a line);
sentences are found per paragraph. Cue words found *inside* a quotation never count as the
narrative's own words, so searches for them run over the text with its quotations blanked out.
Sentences, paragraph numbers and the word index are built on first use: most segments hold no
quotation and none of a rule's words, and are never split or indexed at all.
"""
from __future__ import annotations

import bisect
from typing import Iterator

from ..document import Segment
from ..terms import compile_terms, normalise
from .sentences import paragraph_spans, sentence_spans
from .words import TOKEN


def masked_text(seg: Segment) -> str:
    """The segment text with every quotation blanked out (same length, so offsets still hold)."""
    text = seg.text
    if not seg.quotes:
        return text
    parts, pos = [], 0
    for q in seg.quotes:
        if q.start < pos:
            continue
        parts.append(text[pos:q.start])
        parts.append(" " * (q.end - q.start))
        pos = q.end
    parts.append(text[pos:])
    return "".join(parts)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Prose:
    """A segment's masked text, its lowercase form, its word set and (on first use) its sentences."""

    __slots__ = ("text", "masked", "lower", "words", "_sents", "_paras", "_index")

    def __init__(self, seg: Segment):
        self.text = seg.text
        self.masked = masked_text(seg)
        lower = self.masked.lower()
        self.lower = lower if len(lower) == len(self.masked) else self.masked  # offsets must agree
        self.words = frozenset(TOKEN.findall(self.lower))
        self._sents: list[tuple[int, int]] | None = None
        self._paras: list[int] = []
        self._index: dict[str | frozenset[str], list[int]] = {}

    def positions(self, word: str) -> list[int]:
        """Where a (lower-case) word starts as a whole word; found on first ask, then remembered."""
        found = self._index.get(word)
        if found is None:
            text, n, found = self.lower, len(word), []
            i = text.find(word)
            while i >= 0:
                j = i + n
                if (i == 0 or not _is_word_char(text[i - 1])) and (j == len(text) or not _is_word_char(text[j])):
                    found.append(i)
                i = text.find(word, j)
            self._index[word] = found
        return found

    def positions_of(self, words: frozenset[str]) -> list[int]:
        """Where any of the words starts, in order; merged once per set of words, then remembered
        (merged again for each quotation, the candidates made a long paragraph quadratic)."""
        found = self._index.get(words)
        if found is None:
            found = self._index[words] = sorted(p for w in words for p in self.positions(w))
        return found

    def _split(self) -> None:
        sents, paras = [], []
        for n, (ps, pe) in enumerate(paragraph_spans(self.text)):
            for s, e in sentence_spans(self.text[ps:pe]):
                sents.append((ps + s, ps + e))
                paras.append(n)
        self._sents, self._paras = sents, paras

    @property
    def sents(self) -> list[tuple[int, int]]:
        """Sentence spans, trimmed, in segment offsets."""
        if self._sents is None:
            self._split()
        return self._sents  # type: ignore[return-value]

    @property
    def paras(self) -> list[int]:
        """The paragraph number of each sentence (a segment may hold several paragraphs, one a line)."""
        if self._sents is None:
            self._split()
        return self._paras


def sentence_range(sents: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Indices (first, last) of the sentences that [start, end) overlaps (sentences are in order)."""
    ends = [e for _, e in sents] if len(sents) < 64 else None
    if ends is None:
        lo, hi = 0, len(sents)
        while lo < hi:  # first sentence ending after start
            mid = (lo + hi) // 2
            if sents[mid][1] > start:
                hi = mid
            else:
                lo = mid + 1
        first = lo
    else:
        first = bisect.bisect_right(ends, start)
    if first >= len(sents):
        return len(sents) - 1, len(sents) - 1
    if sents[first][0] >= end:  # the span lies between sentences (whitespace): take the nearest one
        k = max(first - 1, 0)
        return k, k
    last = first
    while last + 1 < len(sents) and sents[last + 1][0] < end:
        last += 1
    return first, last


class Terms:
    """A list of cue words or phrases, compiled once, scanned only over prose that can hold one.

    Every segment's word set (built once per document) tells in one set operation whether any
    term can occur there, so most segments are skipped without running the alternation over them;
    where one can, the pattern is tried only where a term's first word starts.
    """

    def __init__(self, terms):
        terms = [t for t in terms if t.strip()]
        self.pattern = compile_terms(terms)
        # The longest word of each term is the rarest: a segment without any of them cannot match.
        self.keys = frozenset(max(TOKEN.findall(normalise(t)), key=len, default="") for t in terms) - {""}
        self.firsts = frozenset(m.group() for t in terms if (m := TOKEN.match(normalise(t))))

    def __bool__(self) -> bool:
        return self.pattern is not None

    def finditer(self, prose: Prose, lo: int = 0, hi: int | None = None) -> Iterator:
        """Matches inside [lo, hi) of one segment's masked text, tried only where a term's first word starts."""
        if self.keys.isdisjoint(prose.words):
            return
        found = self.firsts.intersection(prose.words)
        if len(found) == 1:
            cands = prose.positions(next(iter(found)))
        else:
            cands = prose.positions_of(found)
        masked, match = prose.masked, self.pattern.match
        hi = len(masked) if hi is None else hi
        end = -1
        for p in cands[bisect.bisect_left(cands, lo):]:
            if p >= hi:
                break
            if p >= end:
                m = match(masked, p, hi)
                if m:
                    end = m.end()
                    yield m

    def search(self, prose: Prose, lo: int = 0, hi: int | None = None):
        return next(self.finditer(prose, lo, hi), None)
