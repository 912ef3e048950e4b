"""Words within two edits of a typed word: a symmetric-delete index (SymSpell's method) over a word pool.

Why an index: the words one edit away can be enumerated (a few hundred strings to look up), but
two edits away there are some 100,000 strings per word. SymSpell turns that around: every pool
word is stored under the strings it becomes after deleting up to two of its letters, and a typed
word is looked up under its own deletions (29 probes for a 7-letter prefix), which finds every
pool word within two insertions, deletions, substitutions or transpositions; each candidate is
then checked with the true distance. As in SymSpell, only the first PREFIX letters are indexed
(a slip beyond them still leaves the prefixes within two edits), which keeps the index small.

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
    """Optimal string alignment distance (a transposition of neighbours counts as one edit), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        low = i
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            low = min(low, v)
        if low > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


class NearIndex:
    """Read-only: the pool words within two edits of a word (see the module docstring)."""

    __slots__ = ("words", "offsets", "keys", "ids")

    def __init__(self, words=b"", offsets=None, keys=None, ids=None):
        self.words = words
        self.offsets = offsets if offsets is not None else array("I", [0])
        self.keys = keys if keys is not None else array("I")
        self.ids = ids if ids is not None else array("I")

    @classmethod
    def build(cls, pool) -> "NearIndex":
        words = sorted(set(pool))
        offsets, pos, blob = array("I"), 0, []
        for w in words:
            offsets.append(pos)
            b = w.encode("utf-8", "surrogatepass")
            blob.append(b + b"\n")
            pos += len(b) + 1
        offsets.append(pos)
        # one int per row (CRC in the high bits, word number in the low): sorting ints is fast
        rows = sorted(crc32(d.encode("utf-8", "surrogatepass")) << 32 | i for i, w in enumerate(words) for d in _deletes(w))
        mask = (1 << 32) - 1
        return cls(b"".join(blob), offsets, array("I", (r >> 32 for r in rows)), array("I", (r & mask for r in rows)))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def word(self, i: int) -> str:
        return bytes(self.words[self.offsets[i]:self.offsets[i + 1] - 1]).decode("utf-8", "surrogatepass")

    def near(self, word: str, limit: int = MAX_EDITS) -> list[tuple[str, int]]:
        """(pool word, distance) for every pool word within `limit` edits of word (itself excluded)."""
        keys, ids = self.keys, self.ids
        found: set[int] = set()
        for d in _deletes(word):
            k = crc32(d.encode("utf-8", "surrogatepass"))
            i = bisect.bisect_left(keys, k)
            while i < len(keys) and keys[i] == k:
                found.add(ids[i])
                i += 1
        out = []
        n = len(word)
        for i in found:
            w = self.word(i)
            if w != word and abs(len(w) - n) <= limit and len(set(w).symmetric_difference(word)) <= 2 * limit:
                dist = distance(word, w, limit)
                if dist <= limit:
                    out.append((w, dist))
        return out

    def blobs(self) -> list[bytes]:
        return [bytes(self.words), bytes(self.offsets), bytes(self.keys), bytes(self.ids)]

    @classmethod
    def from_blobs(cls, blobs) -> "NearIndex":
        words, offsets, keys, ids = blobs
        return cls(words, offsets.cast("I"), keys.cast("I"), ids.cast("I"))
