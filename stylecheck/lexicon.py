"""The word lexicon, dictionary, misspelling list, UK/US table, gazetteer and near-miss index.

What "known" means: a word is known when a curated dictionary (SCOWL, through the Hunspell
en_US/en_GB dictionaries and their affix rules) or the gazetteer holds it; web frequencies
(wordfreq) rank words and suggestions but do not make a misspelling a word ("goverment" and
"tennesee" are on the web, in no dictionary). All of it is derived once, by
scripts/build_lexicon_data.py, into the data shipped in stylecheck/data/, and from that into one
compact index file: prepared in stylecheck/_prepared/ for a fresh install, else built (about 2 s,
lexicon_data.py) and kept in the user's cache through the store (store.py), keyed by the builder
version and the data's digest (data/VERSION).

The index loads in a few milliseconds: only the most frequent words and the gazetteer's big
places are dicts; every other table is a sorted array of 64-bit hashes with parallel values
(hashtables.py), viewed straight from the memory-mapped file, with no Python string per word.

Frequencies are Zipf values times ten (an integer 10..80: 30 means once per million words).
"""
from __future__ import annotations

import marshal
import os
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .hashtables import HOT_MIN, HashTable, WordTable  # noqa: F401 (HOT_MIN, WordTable: the lexicon's API)
from .nearwords import NearIndex, OneEditIndex
from .store import Codec, get_or_build

BUILDER_VERSION = 14
COMMON_MIN = 20  # words at or above this Zipf*10 are suggestion candidates
# Dictionary flags, by the case a word form has in the dictionary (defined here, not in lexicon_data,
# so the rules that read them do not import the data builder and lzma on every start).
LOWER, CAPITAL, OTHER = 1, 2, 4  # "berlin" never, "Berlin"; "McDonald", "NASA", "iPhone"
MIXED = 8  # with OTHER: a form in mixed case ("McDonald", "iPhone"), a name's shape; OTHER alone: all capitals ("NASA")
_DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Casefold and strip diacritics: the lookup form for names ("Zürich" -> "zurich")."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_EMPTY = HashTable.build({})


class Lexicon(NamedTuple):
    """Read-only word data; build with `load()`."""

    common: WordTable  # casefolded word -> Zipf*10, for words >= COMMON_MIN (suggestion candidates)
    rare: HashTable  # the rarer words' Zipf*10
    misspelled: HashTable  # codespell and typos: misspelling -> corrections ("a, b")
    gb_us: dict[str, str]  # British -> American spelling
    places: dict[str, int]  # folded name -> 3 well-known (countries, capitals, states, 1M+ cities), 2 (100k+)
    small_places: HashTable  # folded names of the other places (tier 1): known, never suggested
    listed: frozenset[str] = frozenset()  # common words that are also on the misspelling list ("thier")
    dictionary: HashTable = _EMPTY  # casefolded dictionary word -> its cases (lexicon_data.LOWER|CAPITAL|OTHER)
    near: NearIndex = NearIndex()  # frequent words, names and big places, by their deletions (two-edit search)
    one: OneEditIndex = OneEditIndex()  # the common words and big places spelled a-z, by their deletions (one edit)

    def zipf10(self, word: str) -> int:
        """Frequency of a casefolded word as Zipf*10; 0 when the word is unknown."""
        z = self.common.get(word)
        return z if z is not None else self.rare.get(word)

    def misspelling(self, word: str) -> str | None:
        """The listed corrections for a casefolded misspelling ("a, b"), or None."""
        return self.misspelled.text(word)

    def place_tier(self, folded: str) -> int:
        """3 for a well-known place, 2 for a big city, 1 for any other, 0 for none."""
        return self.places.get(folded) or self.small_places.get(folded)

    def cases(self, word: str) -> int:
        """How the dictionary writes a casefolded word (lexicon_data.LOWER | CAPITAL | OTHER); 0: not in it."""
        return self.dictionary.get(word)

    def in_dictionary(self, word: str) -> bool:
        """A casefolded word the curated dictionary holds in some case."""
        return self.dictionary.get(word) > 0

    def known(self, word: str) -> bool:
        """In the dictionary, the gazetteer or the frequency list."""
        return self.zipf10(word) > 0 or self.in_dictionary(word) or self.place_tier(fold(word)) > 0


def _data_version() -> str:
    """The store key's data part: the digest the data script wrote (one small file read per start)."""
    try:
        with open(os.path.join(_DATA_DIR, "VERSION"), encoding="ascii") as fh:
            return fh.read().strip()
    except OSError:
        return "none"


def build() -> Lexicon:
    """The lexicon from the shipped data (lexicon_data.py: about 2 s); load() stores it."""
    from .lexicon_data import build as from_data

    return from_data()


# The index (LEXICON, a store codec): the header's length (8 bytes), the header (marshal: the dicts,
# and each blob's offset and length), then the blobs (8-byte aligned: the store's own header is 32
# bytes), which the tables view in place.
_BLOBS = 34


def _dump(lex: Lexicon) -> bytes:
    blobs = [*lex.common.blobs(), *lex.rare.blobs(), *lex.misspelled.blobs(), *lex.small_places.blobs(),
             *lex.dictionary.blobs(), *lex.near.blobs(),
             *lex.one.blobs()]
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
    if len(blobs) != _BLOBS:
        raise ValueError("a stored lexicon of another shape")
    return Lexicon(WordTable.from_blobs(hot, blobs[0:6]), HashTable.from_blobs(blobs[6:11]),
                   HashTable.from_blobs(blobs[11:16]), gb_us, places, HashTable.from_blobs(blobs[16:21]),
                   frozenset(listed), HashTable.from_blobs(blobs[21:26]), NearIndex.from_blobs(blobs[26:30]),
                   OneEditIndex.from_blobs(blobs[30:34]))


LEXICON = Codec("bin", _dump, _undump, mapped=True)


def load(directory: Path | None = None, whole_tables: bool = False) -> Lexicon:
    """The lexicon from the store (the packaged index first), built from the shipped data when missing or damaged.

    whole_tables: every common word in a dict (WordTable.whole), for runs over many articles.
    directory: keep the index there only, instead of the store's search path (tests, the data script).
    """
    lex = get_or_build("lexicon", (f"b{BUILDER_VERSION}", _data_version()), build, LEXICON, directory)
    return lex._replace(common=lex.common.whole()) if whole_tables else lex
