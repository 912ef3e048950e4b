"""Words within one or two edits of a typed word: symmetric-delete indexes (SymSpell's method) over word pools.

Why an index: the words one edit away can be enumerated (some 500 strings for an 8-letter word,
each a lookup: half a millisecond per word in Python), and two edits away there are some 100,000
strings per word. SymSpell turns that around: every pool
word is stored under the strings it becomes after deleting up to two of its letters, and a typed
word is looked up under its own deletions (29 probes for a 7-letter prefix), which finds every
pool word within two insertions, deletions, substitutions or transpositions; each candidate is
then checked with the true distance. As in SymSpell, only the first PREFIX letters are indexed
(a slip beyond them still leaves the prefixes within two edits), which keeps the index small.
The one-edit index (OneEditIndex) stores whole words under themselves and their single
deletions: len(word) + 1 probes find every pool word one edit away.

Layout (all arrays, viewed in place from the memory-mapped lexicon index): the pool's words
(UTF-8, newline-joined) with their start offsets, and the sorted CRC-32s of the deletion strings
with a parallel array of word numbers. A CRC collision only adds a candidate that the distance
check then drops. Used per unknown word, never per word of an article.
"""
from __future__ import annotations

import bisect
from array import array
from zlib import crc32

PREFIX = 7  # letters of a word that are indexed
MAX_EDITS = 2


def _deletes(word: str) -> set[str]:
    """word's first PREFIX letters with up to MAX_EDITS of them deleted (the prefix itself included)."""
    out = {word[:PREFIX]}
    edge = out
    for _ in range(MAX_EDITS):
        edge = {w[:i] + w[i + 1:] for w in edge if len(w) > 1 for i in range(len(w))}
        out |= edge
    return out


def distance(a: str, b: str, limit: int = MAX_EDITS) -> int:
    """Optimal string alignment distance (a transposition of neighbours counts as one edit), capped at limit+1.

    Only the diagonal band |i - j| <= limit is filled (a cell outside it costs more than limit
    whatever the path), so a check costs some 5 cells a letter, not the whole table.
    """
    la, lb = len(a), len(b)
    big = limit + 1
    if abs(la - lb) > limit:
        return big
    prev2: list[int] = []
    prev = [j if j <= limit else big for j in range(lb + 1)]
    for i in range(1, la + 1):
        ca = a[i - 1]
        cur = [big] * (lb + 1)
        low = cur[0] = i if i <= limit else big
        for j in range(max(1, i - limit), min(lb, i + limit) + 1):
            cb = b[j - 1]
            v = prev[j - 1] + (ca != cb)
            x = prev[j] + 1
            if x < v:
                v = x
            x = cur[j - 1] + 1
            if x < v:
                v = x
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                x = prev2[j - 2] + 1
                if x < v:
                    v = x
            cur[j] = v
            if v < low:
                low = v
        if low > limit:
            return big
        prev2, prev = prev, cur
    return prev[lb] if prev[lb] < big else big


class _DeleteIndex:
    """The shared layout: pool words by the CRC-32s of their deletion strings (see the module docstring)."""

    __slots__ = ("words", "offsets", "keys", "ids")

    def __init__(self, words=b"", offsets=None, keys=None, ids=None):
        self.words = words
        self.offsets = offsets if offsets is not None else array("I", [0])
        self.keys = keys if keys is not None else array("I")
        self.ids = ids if ids is not None else array("I")

    @staticmethod
    def _deletes(word: str) -> set[str]:
        raise NotImplementedError

    @classmethod
    def build(cls, pool):
        words = sorted(set(pool))
        offsets, pos, blob = array("I"), 0, []
        for w in words:
            offsets.append(pos)
            b = w.encode("utf-8", "surrogatepass")
            blob.append(b + b"\n")
            pos += len(b) + 1
        offsets.append(pos)
        # one int per row (CRC in the high bits, word number in the low): sorting ints is fast
        rows = sorted(crc32(d.encode("utf-8", "surrogatepass")) << 32 | i for i, w in enumerate(words) for d in cls._deletes(w))
        mask = (1 << 32) - 1
        return cls(b"".join(blob), offsets, array("I", (r >> 32 for r in rows)), array("I", (r & mask for r in rows)))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def word(self, i: int) -> str:
        return bytes(self.words[self.offsets[i]:self.offsets[i + 1] - 1]).decode("utf-8", "surrogatepass")

    def _ids(self, probes) -> set[int]:
        """The numbers of the pool words stored under any of the probe strings (or a CRC-equal one)."""
        keys, ids = self.keys, self.ids
        found: set[int] = set()
        for d in probes:
            k = crc32(d.encode("utf-8", "surrogatepass"))
            i = bisect.bisect_left(keys, k)
            while i < len(keys) and keys[i] == k:
                found.add(ids[i])
                i += 1
        return found

    def blobs(self) -> list[bytes]:
        return [bytes(self.words), bytes(self.offsets), bytes(self.keys), bytes(self.ids)]

    @classmethod
    def from_blobs(cls, blobs):
        words, offsets, keys, ids = blobs
        return cls(words, offsets.cast("I"), keys.cast("I"), ids.cast("I"))


class NearIndex(_DeleteIndex):
    """Read-only: the pool words within two edits of a word (see the module docstring)."""

    __slots__ = ()
    _deletes = staticmethod(_deletes)

    def near(self, word: str, limit: int = MAX_EDITS, among=None) -> list[tuple[str, int]]:
        """(pool word, distance) for every pool word within `limit` edits of word (itself excluded).

        among: only pool words in this container (the distance is the costly part; a caller that
        wants only frequent words says so first).
        """
        out = []
        n = len(word)
        for i in self._ids(_deletes(word)):
            w = self.word(i)
            if among is not None and w not in among:
                continue
            if w != word and abs(len(w) - n) <= limit and len(set(w).symmetric_difference(word)) <= 2 * limit:
                dist = distance(word, w, limit)
                if dist <= limit:
                    out.append((w, dist))
        return out


def _one_deletes(word: str) -> set[str]:
    """The whole word and every string one deletion from it."""
    out = {word[:i] + word[i + 1:] for i in range(len(word))}
    out.add(word)
    return out


class OneEditIndex(_DeleteIndex):
    """Read-only: the pool words exactly one edit from a word, for the price of len(word) + 1 probes.

    The same layout over whole words and single deletions: a word's one-edit neighbours among
    100,000 frequent words without spelling out its some 500 one-edit strings and looking up each.
    """

    __slots__ = ()
    _deletes = staticmethod(_one_deletes)

    def within_one(self, word: str) -> list[str]:
        """Every pool word one insertion, deletion, substitution or swap of neighbours from word."""
        out = []
        for i in self._ids(_one_deletes(word)):
            w = self.word(i)
            if damerau1(word, w):
                out.append(w)
        return out


def damerau1(a: str, b: str) -> bool:
    """True when a and b are exactly one insertion, deletion, substitution or transposition apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])
