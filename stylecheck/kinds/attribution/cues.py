"""Cue lists from the pack (speech verbs, hedges, loaded verbs), compiled once and scanned only where they can match."""
from __future__ import annotations

import bisect
from typing import Iterator

from ...terms import compile_terms, normalise
from ...text.prose import Prose
from ...text.words import TOKEN


class Terms:
    """A term list from the pack, compiled once, scanned only over segments that can hold it.

    Every attribution rule reads the same prose; the segment's word set (built once per document)
    tells in one set operation whether any term can occur there, so most segments are skipped
    without running the rule's alternation over them.
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
        """Matches inside [lo, hi) of one segment, tried only where a term's first word starts."""
        if self.keys.isdisjoint(prose.words):
            return
        found = self.firsts.intersection(prose.words)
        if len(found) == 1:
            cands = prose.positions(next(iter(found)))
        else:
            cands = sorted(p for w in found for p in prose.positions(w))
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
