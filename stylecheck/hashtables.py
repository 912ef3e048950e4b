"""Read-only string tables that load in microseconds: sorted 64-bit hashes viewed in place.

The lexicon (lexicon.py) keeps its big word lists in these: a HashTable holds a string -> small
int (or string) mapping as sorted hashes with parallel value arrays and a Bloom filter, so a
table of 300,000 words loads without creating one Python object per word; a WordTable keeps the
frequent words in a dict in front of one. Both are built once (from the shipped data) and then
only read, straight from the memory-mapped index file.
"""
from __future__ import annotations

import bisect
from array import array
from zlib import crc32

from .fastpath import blake2b

HOT_MIN = 35  # words at or above this Zipf*10 (about 16,000) are kept in a dict: most lookups stop there


def _key(word: str) -> int:
    """A stable 64-bit hash of a casefolded word (Python's hash() is salted per process)."""
    return int.from_bytes(blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class HashTable:
    """A read-only string -> small int (or string) table as sorted 64-bit hashes: loads in microseconds.

    Membership and lookups cost a hash and a binary search; no per-entry Python objects are
    created at load, which is what makes the 250,000-word tail cheap to carry: the arrays are
    views of the memory-mapped index file, so only the pages a lookup touches are read. String
    values live in one UTF-8 text with an array of start offsets. Most lookups are misses (a
    spelling suggestion probes hundreds of non-words), so a one-hash Bloom filter of 16 bits
    per entry turns 94% of them away for the price of a CRC.
    """

    def __init__(self, keys, vals, texts=b"", offsets=None, bloom=b""):
        self.keys, self.vals, self.texts = keys, vals, texts  # sequences of ints (arrays or memoryviews)
        self.offsets = offsets if offsets is not None else array("I")
        self.bloom = bloom or b"\xff" * 8  # no filter given: every word goes on to the hash search
        self.mask = len(self.bloom) * 8 - 1

    @classmethod
    def build(cls, items: dict[str, int] | dict[str, str]) -> "HashTable":
        rows = sorted((_key(k), v) for k, v in items.items())
        keys = array("Q", (k for k, _ in rows))
        bloom = _bloom(items)
        if all(isinstance(v, int) for _, v in rows):
            return cls(keys, bytes(min(v, 255) for _, v in rows), bloom=bloom)
        texts = [str(v).encode("utf-8", "surrogatepass") for _, v in rows]
        offsets, pos = array("I"), 0
        for t in texts:
            offsets.append(pos)
            pos += len(t)
        offsets.append(pos)
        return cls(keys, b"", b"".join(texts), offsets, bloom)

    def _find(self, word: str) -> int:
        bit = crc32(word.encode("utf-8", "surrogatepass")) & self.mask
        if not self.bloom[bit >> 3] & (1 << (bit & 7)):
            return -1
        k = _key(word)
        i = bisect.bisect_left(self.keys, k)
        return i if i < len(self.keys) and self.keys[i] == k else -1

    def get(self, word: str) -> int:
        i = self._find(word)
        return self.vals[i] if i >= 0 else 0

    def holding(self, words) -> list[str]:
        """The words the table holds, the Bloom test inlined: hundreds of probes for one suggestion."""
        bloom, mask = self.bloom, self.mask
        maybe = [w for w in words
                 if bloom[(bit := crc32(w.encode("utf-8", "surrogatepass")) & mask) >> 3] & (1 << (bit & 7))]
        return [w for w in maybe if self._find(w) >= 0]

    def text(self, word: str) -> str | None:
        i = self._find(word)
        if i < 0:
            return None
        return bytes(self.texts[self.offsets[i]:self.offsets[i + 1]]).decode("utf-8", "surrogatepass")

    def blobs(self) -> list[bytes]:
        return [bytes(self.keys), bytes(self.vals), bytes(self.texts), bytes(self.offsets), bytes(self.bloom)]

    @classmethod
    def from_blobs(cls, blobs: list[memoryview]) -> "HashTable":
        keys, vals, texts, offsets, bloom = blobs
        return cls(keys.cast("Q"), vals, texts, offsets.cast("I"), bloom)


def _bloom(words) -> bytes:
    """A bit per CRC32 of each word, in a power-of-two table of at least 16 bits per word."""
    words = list(words)
    size = 64
    while size < 16 * len(words):
        size *= 2
    bits = bytearray(size // 8)
    for w in words:
        bit = crc32(w.encode("utf-8", "surrogatepass")) & (size - 1)
        bits[bit >> 3] |= 1 << (bit & 7)
    return bytes(bits)


class WordTable:
    """Casefolded word -> Zipf*10 for the common words: a dict of the frequent ones, a HashTable for the rest.

    Answers like a read-only dict (get, [], in), and never changes after it is made. The
    frequent words settle most of an article's lookups in C; the rest cost a CRC each (a hash
    and a binary search for the few the Bloom filter lets through). A run over many articles,
    whose suggestion searches probe hundreds of candidate spellings each, asks for `whole()`
    up front (runtime.py): every word in the dict, some tens of ms once, then dict speed.
    """

    __slots__ = ("hot", "tail", "tail_words")

    def __init__(self, hot: dict[str, int], tail: HashTable, tail_words=b""):
        self.hot, self.tail = hot, tail
        self.tail_words = tail_words  # the tail's words in its row order, UTF-8, joined by newlines

    @classmethod
    def build(cls, items: dict[str, int]) -> "WordTable":
        rest = {w: z for w, z in items.items() if z < HOT_MIN}
        return cls({w: z for w, z in items.items() if z >= HOT_MIN}, HashTable.build(rest),
                   "\n".join(sorted(rest, key=_key)).encode("utf-8", "surrogatepass"))

    def whole(self) -> "WordTable":
        """The same table with every word in the dict: for long runs, where lookups outnumber the load."""
        if not self.tail_words:
            return self
        words = bytes(self.tail_words).decode("utf-8", "surrogatepass").split("\n")
        return WordTable({**self.hot, **dict(zip(words, self.tail.vals))}, HashTable(array("Q"), b""))

    def get(self, word: str, default: int | None = None) -> int | None:
        z = self.hot.get(word)
        if z is None and self.tail_words:
            z = self.tail.get(word) or None
        return default if z is None else z

    def __getitem__(self, word: str) -> int:
        z = self.get(word)
        if z is None:
            raise KeyError(word)
        return z

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def unknown(self, words) -> set[str]:
        """The words that are not in the table."""
        rest = set(words).difference(self.hot)
        if rest and self.tail_words:
            rest = rest.difference(self.tail.holding(rest))
        return rest

    def present(self, words: set[str]) -> set[str]:
        """The words that are in the table."""
        hot = self.hot
        found = {w for w in words if w in hot}  # iterates the few words, not the dict (keys() & set copies it)
        if self.tail_words:
            found.update(self.tail.holding(words - found))
        return found

    def blobs(self) -> list[bytes]:
        return [*self.tail.blobs(), bytes(self.tail_words)]

    @classmethod
    def from_blobs(cls, hot: dict[str, int], blobs: list[memoryview]) -> "WordTable":
        return cls(hot, HashTable.from_blobs(blobs[:5]), blobs[5])
