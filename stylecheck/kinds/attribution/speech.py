"""Whether a quotation reads as speech, and how it sits in its sentence (set into a clause, or set off)."""
from __future__ import annotations

from functools import lru_cache

from ...document import Quote, Segment
from ...patterns import compile_regex
from ...text.words import WORD_OR_NUMBER

_SENT_PUNCT = compile_regex(r"[.!?](?=\s|$|['\"\u2019\u201d])")


def quote_words(seg: Segment, q: Quote) -> list[str]:
    s, e = q.inner
    return WORD_OR_NUMBER.findall(seg.text[s:e])


@lru_cache(maxsize=4096)
def _speech_facts(inner: str) -> tuple[int, bool, int]:
    """(words, sentence punctuation?, capitalised words) of a quotation's text.

    A pure function of the text, cached: several rules ask about the same quotations.
    """
    words = WORD_OR_NUMBER.findall(inner)
    punct = bool(_SENT_PUNCT.search(inner)) or inner.endswith((",", ".", "!", "?", "\u2026"))
    return len(words), punct, sum(1 for w in words if w[:1].isupper())


def is_speech(seg: Segment, q: Quote, min_words: int) -> bool:
    """A quotation that reads as someone's words, not a title, nickname, scare quote or short term."""
    s, e = q.inner
    n, punct, caps = _speech_facts(seg.text[s:e].strip())
    if n < 3:
        return False
    if n < min_words and not punct:
        return False
    if not punct and caps >= 0.6 * n:  # "The Art of the Deal": a title
        return False
    return True


def is_embedded(seg: Segment, masked: str, sent_start: int, q: Quote) -> bool:
    """A partial quote inside a clause ("called it "a disgrace to us all"") rather than speech set off."""
    before = masked[sent_start:q.start].rstrip()
    if not before:
        return False
    return before[-1] not in ":,\u2014\u2013-([" and not before.endswith(("\u2014", "--"))
