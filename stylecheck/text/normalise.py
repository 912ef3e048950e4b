"""A normalised view of a segment for matching, so hidden characters cannot evade a term rule.

`mur\u200bder`, `mur\u00adder`, `murd\u0334er` and the decomposed (NFD) spelling of `café` all
read as the plain word to an editor; a banned-term or substitution rule must see them so too
(CVE-2021-42694). The view is the segment text with

- invisible format characters removed (zero-width space/joiners, word joiner, BOM, soft
  hyphen, bidi controls, variation selectors),
- NFC composition applied (so NFD copy matches NFC terms), and
- stray combining marks from the generic diacritics blocks removed when they did not compose
  into a letter (overlay marks, "Zalgo" stacks).

Each view character remembers the source span it stands for, so a match in the view maps to
exact source offsets through an ordinary OffsetMap (the span then includes the hidden
characters, and a fix replaces them too). The segment text itself is left untouched: the
hidden-character rule and every other kind still see the raw characters.

NOTE(#7): a combining mark that composes with its letter (`u` + U+0301 -> `ú`) makes a
different letter, like a homoglyph; that is a confusables question (catalogue row C3), not
handled here. Decomposed Hangul jamo are not recomposed across starters.
"""
from __future__ import annotations

import unicodedata

from ..document import OffsetMap, Quote, Segment
from ..patterns import compile_re

# Invisible format characters that may sit inside a word without changing how it reads.
IGNORABLE = (
    "\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufe00-\ufe0f\ufeff"
)
# Generic combining diacritics (not script-specific vowel signs): dropped when left uncomposed.
_STRAY_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_IGNORABLE_RE = compile_re(f"[{IGNORABLE}]")
_SUSPECT_RE = compile_re(f"[{IGNORABLE}{_STRAY_MARKS}]")
_STRAY_RE = compile_re(f"[{_STRAY_MARKS}]")


def needs_view(text: str) -> bool:
    """True when text holds characters the view would drop or recompose."""
    return _SUSPECT_RE.search(text) is not None or not unicodedata.is_normalized("NFC", text)


def folded(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The view of text and, per view character, the [start, end) range of text it stands for."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        # a cluster: one starter plus the non-starters (and ignorables) that follow it
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or _IGNORABLE_RE.match(text[j])):
            j += 1
        cluster = "".join(c for c in text[i:j] if not _IGNORABLE_RE.match(c))
        if not cluster:  # an ignorable with nothing before it: attach it to nothing
            i = j
            continue
        composed = _STRAY_RE.sub("", unicodedata.normalize("NFC", cluster)) or cluster[:1]
        end = j  # trailing ignorables belong to the gap, not to this character
        while end > i + 1 and _IGNORABLE_RE.match(text[end - 1]):
            end -= 1
        start = i
        while start < end - 1 and _IGNORABLE_RE.match(text[start]):
            start += 1
        for ch in composed:
            chars.append(ch)
            spans.append((start, end))
        i = j
    return "".join(chars), spans


def view_of(seg: Segment) -> Segment:
    """seg itself when it is already clean, else a Segment of the view mapped to the source."""
    if not needs_view(seg.text):
        return seg
    text, spans = folded(seg.text)
    m = OffsetMap()
    for k, (a, b) in enumerate(spans):
        s, e = seg.map.span(a, b)
        m.add(k, s, 1, e - s)
    # quotes move with the characters they enclose
    firsts = [a for a, _ in spans]
    quotes = [Quote(_first_at_or_after(firsts, q.start), _first_at_or_after(firsts, q.end), q.closed, q.continues)
              for q in seg.quotes]
    return Segment(text, m, seg.scope, quotes, seg.index)


def _first_at_or_after(firsts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_left(firsts, offset)
