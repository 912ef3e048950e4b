"""AT105: a quotation that nearly repeats another in the same article but changes its words."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...findings import Hit
from ..base import BaseKind, hit
from .speech import quote_words


class QuoteMismatch(BaseKind):
    """A quotation that nearly repeats another in the same article but changes its words."""

    OPTIONS = {"min_words": (int, 6), "min_share": (float, 0.75)}
    RANGES = {"min_share": (0.05, 1.0)}

    MAX_QUOTES = 300  # bounds the pairwise comparison on pathological input

    def check(self, doc) -> Iterator[Hit]:
        quotes, seen = [], set()
        for seg, q in ((seg, q) for seg in doc.segments for q in seg.quotes):
            words = [w.casefold().replace("\u2019", "'") for w in quote_words(seg, q)]
            if len(words) >= self.opts["min_words"] and tuple(words) not in seen:
                seen.add(tuple(words))
                quotes.append((seg, q, words, set(words)))
                if len(quotes) >= self.MAX_QUOTES:
                    break
        # Which quotes hold each word: a near copy of a shares most of a's words, so it holds at
        # least one of a's three rarest words.
        holders: dict[str, list[int]] = defaultdict(list)
        for i, (_, _, _, ws) in enumerate(quotes):
            for w in ws:
                holders[w].append(i)
        share = self.opts["min_share"]
        for i, (seg, q, a, aset) in enumerate(quotes):
            rare = sorted(aset, key=lambda w: len(holders[w]))[:3]
            for j in sorted({j for w in rare for j in holders[w]}):
                seg2, q2, b, bset = quotes[j]
                if i == j or len(a) > len(b):
                    continue
                if len(aset & bset) < share * len(aset) or _contains(b, a):
                    continue
                if len(a) == len(b) and j < i:
                    continue  # same length: report the pair once, on the earlier quote
                if self._near_copy(a, b):
                    s, _ = seg2.to_source(q2.start, q2.end)
                    yield hit(seg, q.start, q.end, fields={"other": doc.source[s:s + 60]})
                    break

    def _near_copy(self, a: list[str], b: list[str]) -> bool:
        """a lines up word for word with a stretch of b except for one or two swapped words.

        Substitution only ("Moscow is getting what it deserves" against "Russia is getting what it
        deserves"): a quote that adds or drops words is usually a different sentence by the same
        speaker, not a misquote.
        """
        n = len(a)
        best = 0
        for i in range(len(b) - n + 1):
            same = sum(1 for x, y in zip(a, b[i:i + n]) if x == y)
            best = max(best, same)
        return n - 2 <= best < n and best >= self.opts["min_share"] * n
def _contains(b: list[str], a: list[str]) -> bool:
    n = len(a)
    return any(b[i:i + n] == a for i in range(len(b) - n + 1))
