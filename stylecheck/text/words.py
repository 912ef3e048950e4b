"""Words: the one definition of a word, of a word's case shape, and of "this word opens a sentence".

Every rule that asks these questions asks them here, so two rules can never disagree about
whether "Smith" starts its sentence or whether "counter-claims" holds the word "claims".

- PART: letters with inner apostrophes, also as part of a hyphenated compound ("counter-claims")
  or stuck to a number ("20million"); never part of an e-mail address, a URL or a dotted
  abbreviation. What the spelling rules judge.
- WORD: the same, whole words only (never a piece of a compound or of a number).
- WORD_OR_NUMBER: letters or digits with inner apostrophes: what a quotation "says" is counted in.
- TOKEN: a run of word characters, the cheap index a rule uses to skip a paragraph early.

The letter patterns are for the standard `re` engine (a third faster than `regex` here); the
possessive quantifiers never give letters back, so a run of letters that fails is dropped in one step.
"""
from __future__ import annotations

from typing import NamedTuple

from ..patterns import compile_re

PART = compile_re(r"(?<![^\W\d])(?<![@/.&])[^\W\d_]++(?:['\u2019][^\W\d_]++)*+(?![\w@/&])(?!\.[^\W\d_])")
WORD = compile_re(r"(?<![\w@/.&-])[^\W\d_]++(?:['\u2019][^\W\d_]++)*+(?![\w@/&-])(?!\.[^\W\d_])")
WORD_OR_NUMBER = compile_re(r"[^\W_]+(?:['\u2019][^\W\d_]+)*")
TOKEN = compile_re(r"\w+")

# What may stand before a word that opens a sentence, a quotation, a bracket, or a clause after a
# colon, semicolon or dash.
_OPENING = frozenset(".!?:;\"\u201c\u2018([\u2014\u2013-'")
_LOOK_BACK = 4  # characters: bounded, so asking at every word of a paragraph stays linear


def starts_clause(text: str, start: int) -> bool:
    """True when the word at start opens a sentence, a quotation, a bracket or a clause after a dash.

    A capitalised word there may be an ordinary word; anywhere else it is part of a name.
    """
    before = text[max(0, start - _LOOK_BACK):start].rstrip()
    return not before or before[-1] in _OPENING


def case_shape(word: str) -> str:
    """"lower", "capital" (Smith), "upper" (NASA), or "mixed" (McDonald, iPhone, WIldcats)."""
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return "capital"
    return "mixed"


def strip_possessive(word: str) -> str:
    """The word without a possessive 's ("Smith's" -> "Smith")."""
    if len(word) > 3 and word[-2] in "'\u2019" and word[-1] in "sS":
        return word[:-2]
    return word


def match_case(replacement: str, found: str) -> str:
    """Give the replacement the capitalisation of the text it replaces ("GOVERMENT" -> "GOVERNMENT")."""
    if found.isupper() and len(found) > 1 and not replacement.isupper():
        return replacement.upper()
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Token(NamedTuple):
    """One word of a segment (a PART match) with what rules ask of it."""

    start: int
    end: int
    text: str
    initial: bool  # opens a sentence, quotation, bracket or clause (starts_clause)
    shape: str  # case_shape(text)


def tokens(text: str) -> list[Token]:
    """The words of text, in order, with their sentence-initial and case-shape flags."""
    return [Token(m.start(), m.end(), m.group(), starts_clause(text, m.start()), case_shape(m.group()))
            for m in PART.finditer(text)]
