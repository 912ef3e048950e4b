"""String distance for spelling: one-edit neighbours, the typing channel, transliteration keys.

Pure functions of strings, shared by the names analysis and `vocab learn`.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from ...lexicon import fold
from ...nearwords import damerau1  # noqa: F401 (one definition, shared with the index)

ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, str]:
    pos = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    out = {}
    for c, (r, i) in pos.items():
        out[c] = "".join(d for d, (r2, i2) in pos.items() if d != c and abs(r2 - r) <= 1 and -1 <= i2 - i + (r2 - r) * 0.5 <= 1.5)
    return out


NEAR_KEYS = _neighbours()
VOWELS = set("aeiouy")


def edits1(word: str) -> set[str]:
    """Every lowercase string one insertion, deletion, substitution or transposition away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update([a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1])
    for a, b in splits:  # one set, filled in place (no lists concatenated first)
        rest = b[1:]
        if b:
            out.update([a + c + rest for c in ALPHABET])
        out.update([a + c + b for c in ALPHABET])
    out.discard(word)
    return out


def typical_edits(word: str) -> set[str]:
    """The strings word is a typical slip of (channel >= 3): a letter doubled or undoubled, two
    neighbours swapped, a neighbouring key or another vowel: some 70 strings instead of edits1's 500."""
    n = len(word)
    out = {word[:i] + word[i - 1] + word[i:] for i in range(1, n + 1)}  # the meant word had this letter twice
    out.update(word[:i] + word[i + 1:] for i in range(n) if (i > 0 and word[i - 1] == word[i]) or (i + 1 < n and word[i + 1] == word[i]))
    out.update(word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(n - 1))
    for i, c in enumerate(word):
        head, tail = word[:i], word[i + 1:]
        out.update(head + d + tail for d in NEAR_KEYS.get(c, ""))
        if c in VOWELS:
            out.update(head + d + tail for d in "aeiouy" if d != c)
    out.discard(word)
    return out


def channel(typed: str, meant: str) -> int:
    """How likely fingers turn `meant` into `typed` (one edit apart): a bonus for common slips.

    Doubled or dropped double letters, swapped neighbours and neighbouring keys score 4, one
    vowel for another 3, a stray letter 1, any other substitution 0.
    """
    i = 0
    n = min(len(typed), len(meant))
    while i < n and typed[i] == meant[i]:
        i += 1
    if len(typed) > len(meant):  # an extra letter typed
        c = typed[i]
        return 4 if (i > 0 and typed[i - 1] == c) or (i + 1 < len(typed) and typed[i + 1] == c) else 1
    if len(typed) < len(meant):  # a letter dropped
        d = meant[i]
        return 4 if (i > 0 and meant[i - 1] == d) or (i + 1 < len(meant) and meant[i + 1] == d) else 1
    if i + 1 < n and typed[i] == meant[i + 1] and typed[i + 1] == meant[i] and typed[i + 2:] == meant[i + 2:]:
        return 4
    c, d = typed[i], meant[i]
    if d in NEAR_KEYS.get(c, ""):
        return 4
    return 3 if c in VOWELS and d in VOWELS else 0


_DROP = str.maketrans("", "", " \t\n'\u2019-")


@lru_cache(maxsize=1 << 14)
def translit_key(name: str) -> str:
    """A key under which spellings of one name in different transliterations coincide.

    Folds case and diacritics; ignores hyphens and spaces, a leading "al"; treats ph/f, ie/ei,
    y/i/iy/yy as one; collapses doubled letters ("Zelenskyy", "Zelensky", "Zelenskiy" -> "zelenski").
    """
    key = fold(name).translate(_DROP).replace("ph", "f").replace("y", "i").replace("ie", "i").replace("ei", "i")
    key = "".join(c for c, _ in groupby(key))
    if key.startswith("al") and len(key) > 4:
        key = key[2:]
    return key


def transliterated(low: str, cand: str) -> bool:
    """Two spellings of one transliteration key that differ as transliterations do, not as fingers slip.

    One y for an i, a y more at the end ("Zelenskyy", "Zelensky"), an i before or after a y ("Zelenskiy"), or more
    than one edit ("Gadaffi", "Gaddafi"). A doubled, dropped or swapped letter otherwise, an i doubled
    included, is a slip ("Obbama", "Hamiilton", "Tiegen").
    """
    if not damerau1(low, cand):
        return True
    if len(low) == len(cand):
        return all({a, b} == {"i", "y"} for a, b in zip(low, cand) if a != b)
    longer, shorter = (low, cand) if len(low) > len(cand) else (cand, low)
    i = next((k for k, (a, b) in enumerate(zip(shorter, longer)) if a != b), len(shorter))
    c, around = longer[i], longer[max(i - 1, 0):i] + longer[i + 1:i + 2]
    return (c == "y" and i >= len(longer) - 2) or (c == "i" and "y" in around)  # ("Royyal" is a slip)
