"""AT105: a quotation that nearly repeats another in the same article but changes its words.

Only the wording the two quotations share is compared: the shorter one must line up word for word
with a stretch of the longer one except for one or two swapped words. Two people may say nearly the
same thing, and one person may repeat a line with a new figure ("5,000 homes" then "6,000 homes"):
pairs the speaker model gives to different people, and pairs whose only swaps are numbers, are two
sentences, not a misquote.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...findings import Hit
from ...text.names import speaker_key
from ...text.speech import quote_words
from ..base import BaseKind, hit


class QuoteMismatch(BaseKind):
    """A quotation that nearly repeats another in the same article but changes its words."""

    OPTIONS = {"min_words": (int, 6), "min_share": (float, 0.75)}
    RANGES = {"min_share": (0.05, 1.0)}

    MAX_QUOTES = 300  # bounds the pairwise comparison on pathological input

    def check(self, doc) -> Iterator[Hit]:
        quotes, seen, who = [], set(), {}
        for qt in doc.layer.quotations():
            if qt.kind == "term":
                continue  # a title or a nickname is nobody's words to misquote
            seg, q = doc.segments[qt.seg], qt.quote
            words = [w.casefold().replace("\u2019", "'") for w in quote_words(seg, q)]
            if len(words) >= self.opts["min_words"] and tuple(words) not in seen:
                seen.add(tuple(words))
                who[len(quotes)] = speaker_key(qt.speaker) if qt.speaker else None
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
                if who[i] and who[j] and who[i] != who[j]:
                    continue  # two speakers saying nearly the same thing
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
        best, at = 0, 0
        for i in range(len(b) - n + 1):
            same = sum(1 for x, y in zip(a, b[i:i + n]) if x == y)
            if same > best:
                best, at = same, i
        if not (n - 2 <= best < n and best >= self.opts["min_share"] * n):
            return False
        swaps = [(x, y) for x, y in zip(a, b[at:at + n]) if x != y]
        return not all(x[:1].isdigit() and y[:1].isdigit() for x, y in swaps)  # a new figure: a new sentence
def _contains(b: list[str], a: list[str]) -> bool:
    n = len(a)
    return any(b[i:i + n] == a for i in range(len(b) - n + 1))
