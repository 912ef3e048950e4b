"""article: "a" or "an" that does not fit the sound of the next word ("a empire", "an European").

English chooses the article by the first *sound*, not letter. Letters are a good guide with
known exceptions, which this module encodes as general rules rather than word lists:
- a vowel letter read as a consonant: "eu-"/"ewe" (a European), "one"/"once" (a one-off),
  "u" read "you" (a union, a Ukrainian, a usual, a utility — but an unidentified, an urban);
- a silent h (an hour, an honest, an heir);
- initialisms read letter by letter (an MP, an FBI agent, a UN report, a U-turn) and figures
  (an 8, an 11-year-old, an 18th).
Words whose sound these rules cannot settle are left alone: quiet beats clever.
"""
from __future__ import annotations

from typing import Iterator

import regex

from ...findings import Hit
from ...patterns import compile_re, compile_regex
from ...text.words import starts_clause
from ..base import BaseKind, hit

# Only pairs that can be wrong: "a" before a letter or figure that may start a vowel sound
# (vowels, h, letters named with a vowel sound, 8, 11, 18), and every "an" ("an", "An", "AN").
# The pattern opens with the letter itself and checks what precedes it afterwards (a two-wide
# lookbehind), so the engine skips in C to the next a/A instead of trying every position: 4x faster.
# Groups: 1 the a/A, 2 the space after "a", 3 the space after "an", 4 the word, 5 what follows it.
_CANDIDATE = compile_re(
    r"([aA])(?<![\w'\u2019.&/-][aA])(?:(\s+)(?=[aeiouhAEIOUHFLMNRSX8]|1[18])|(?:(?<=a)n|(?<=A)[nN])(\s+))"
    r"([^\W_][^\W_'\u2019]*(?:['\u2019][^\W_]+)*)(\S?)"
)

_LETTER_VOWEL_SOUND = set("AEFHILMNORSX")  # "an A", "an F", "an M": letter names that start with a vowel
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
# "an historic", "an hotel": old-fashioned but accepted; never ask for "a" there.
_H_EITHER = ("histori", "hot", "hab", "her", "hyp", "hom", "hum", "hor", "hyst", "heroi")
_U_AS_YOU = compile_regex(
    r"^(?:uni(?![mnd])|unan|us[aeiu]|ut[aeiouy](?!t)|ur[aeiouy]|uk|ug[a]|ubi|uv|uy|uig|uf|ure|ula|usur|eu|ewe)", regex.V1
)
_ONE = compile_regex(r"^(?:one|once)(?:\b|$)")
_DIGITS = compile_regex(r"\d+")
_UPPER_VOWEL = compile_regex(r"[AEIOU]")
_LOWER_VOWEL = compile_regex(r"[aeiouy]")
_PROPER_OR_FOREIGN = frozenset({"la", "le", "priori", "posteriori", "fortiori"})


def vowel_sound(word: str, follower: str = "") -> bool | None:
    """True if word starts with a vowel sound, False if a consonant sound, None when unsure."""
    if word[0].isdigit():
        if word[0] == "8":
            return True
        m = _DIGITS.match(word)
        if m is None:  # isdigit() but not a decimal digit, e.g. superscript "\u2070" (fuzz, #7)
            return None
        digits = m.group()
        if digits in ("11", "18") and not word[2:3].isdigit():
            return True
        return False
    letters = word.replace("'", "").replace("\u2019", "")
    if len(letters) == 1:
        if letters.isupper() or follower in ("-", "."):
            return letters.upper() in _LETTER_VOWEL_SOUND
        return None
    if letters.isupper():
        if len(letters) <= 3 or not _UPPER_VOWEL.search(letters):
            return letters[0] in _LETTER_VOWEL_SOUND  # an initialism: "an MP", "a UN", "an FBI"
        return None  # an acronym read as a word (NATO, UNESCO): too varied to judge
    low = letters.casefold()
    if low[0] in "aeiou":
        if low[0] in "ue" and _U_AS_YOU.match(low):
            return False
        if low[0] == "o" and _ONE.match(low):
            return False
        return True
    if low[0] == "h":
        if low.startswith(_SILENT_H):
            return True
        if low.startswith(_H_EITHER):
            return None
        return False
    if low[0] == "x":
        return None  # "an Xbox" (ex-) but "a xylophone" (zee-)
    if low[0] == "y":
        return None if low.startswith(("yt", "yv")) else False
    if not _LOWER_VOWEL.search(low):
        return None  # lowercase abbreviations ("mph", "km"): read as letters or as words
    return False


class Article(BaseKind):
    OPTIONS = {}

    def check(self, doc) -> Iterator[Hit]:
        for seg in doc.segments:
            text = seg.text
            for m in _CANDIDATE.finditer(text):
                if m.group(2) is not None:
                    art, space = m.group(1), m.group(2)
                else:
                    art, space = text[m.start():m.start(3)], m.group(3)
                word, follower = m.group(4), m.group(5)
                if art[0] == "A" and not starts_clause(text, m.start()):
                    continue  # "Plan A or B", "Grade A": a letter, not an article
                if art == "AN" or (art == "A" and word.isupper() and len(word) > 1 and seg.scope == "headline"):
                    continue
                if word.casefold() in _PROPER_OR_FOREIGN or "\n" in space and seg.scope == "headline":
                    continue
                sound = vowel_sound(word, follower)
                if sound is None:
                    continue
                wants_an = art.casefold() == "an"
                if sound == wants_an:
                    continue
                right = ("an" if sound else "a")
                right = right.capitalize() if art[0].isupper() else right
                # certain before a plain word; before a name, an initialism or a figure the sound is a judgement
                plain = word.isalpha() and word.islower()
                yield hit(seg, m.start(), m.end(4), suggestions=(f"{right}{space}{word}",),
                          fields={"expected": f"{right} {word}", "article": right},
                          applicability=None if plain else "unsafe")


