"""hidden: invisible characters that are junk in copy, reported once per paragraph with one safe fix.

Soft hyphens, zero-width spaces, word joiners, stray byte-order marks and bidi controls pasted in
from a CMS or a PDF break search and name matching, and bidi overrides can make text display in
an order other than the one it is stored in (CVE-2021-42574). The same characters are also real
orthography in some places, and deleting them there damages the text:

- a zero-width joiner (U+200D) between emoji builds one emoji ("family", "rainbow flag"), and in
  Indic and Arabic script it selects a letter form;
- a zero-width non-joiner (U+200C) is part of Persian, Urdu and Indic spelling;
- left-to-right and right-to-left marks (U+200E, U+200F, U+061C) steer numbers and punctuation
  next to Hebrew or Arabic words;
- a zero-width space (U+200B) marks word breaks in Thai, Lao, Khmer, Myanmar and Tibetan.

Those are left alone. The others in a paragraph make one finding, from the first to the last,
whose fix deletes every junk character in the span and keeps everything else.
"""
from __future__ import annotations

import unicodedata
from typing import Iterator

from ...findings import Hit
from ...patterns import compile_re
from ..base import BaseKind

_CANDIDATES = compile_re("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_NAMES = {
    "\u00ad": "soft hyphen", "\u061c": "Arabic letter mark", "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner", "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark", "\u2060": "word joiner", "\ufeff": "byte-order mark",
}
# Scripts where the joiners are spelling: Arabic, Syriac, Thaana, N'Ko; the Indic scripts; Hebrew
# and the rest of the right-to-left blocks for the direction marks.
_JOINING = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0xA8E0, 0xA8FF))
_RTL = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_BREAKING = ((0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3000, 0x9FFF))
_MODIFIERS = "\ufe0f\ufe0e\u20e3"


def _within(ch: str, ranges) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ranges)


def _pictographic(ch: str) -> bool:
    """An emoji or a symbol that emoji sequences join (variation selectors and skin tones count)."""
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF or 0x2190 <= cp <= 0x21FF
            or 0xE0020 <= cp <= 0xE007F or ch in _MODIFIERS or unicodedata.category(ch) == "So")


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The visible characters right before and after position i (other hidden characters skipped)."""
    j = i - 1
    while j >= 0 and _CANDIDATES.match(text, j):
        j -= 1
    k = i + 1
    while k < len(text) and _CANDIDATES.match(text, k):
        k += 1
    return (text[j] if j >= 0 else ""), (text[k] if k < len(text) else "")


def legitimate(text: str, i: int) -> bool:
    """Whether the invisible character at i is orthography here, not junk."""
    ch = text[i]
    before, after = _neighbours(text, i)
    if ch == "\u200d":
        return bool(before and after) and ((_pictographic(before) and _pictographic(after))
                                           or (_within(before, _JOINING) and _within(after, _JOINING)))
    if ch == "\u200c":
        return bool(before and after) and _within(before, _JOINING) and _within(after, _JOINING)
    if ch in "\u200e\u200f\u061c":
        near = text[max(0, i - 3):i] + text[i + 1:i + 4]
        return any(_within(c, _RTL) for c in near)
    if ch == "\u200b":
        return bool(before and after) and _within(before, _BREAKING) and _within(after, _BREAKING)
    return False


def _describe(junk: list[str]) -> tuple[str, str]:
    """("character U+00AD (soft hyphen)" or "characters (3 × U+200B zero-width space, ...)", "it"/"them")."""
    counts: dict[str, int] = {}
    for ch in junk:
        counts[ch] = counts.get(ch, 0) + 1
    parts = [f"{'%d × ' % n if n > 1 else ''}U+{ord(ch):04X} ({_NAMES.get(ch, 'bidi control')})" for ch, n in counts.items()]
    if len(junk) == 1:
        return "character " + parts[0], "it"
    return f"characters: {', '.join(parts)}", "them"


class HiddenCharacters(BaseKind):
    """One finding per paragraph holding junk invisible characters, fixed by deleting them all."""

    OPTIONS = {}

    def check(self, doc) -> Iterator[Hit]:
        for seg, view in zip(doc.segments, doc.layer.views()):
            if view is seg:
                continue  # the matching view drops every invisible character: none here
            text = seg.text
            junk = [m.start() for m in _CANDIDATES.finditer(text) if not legitimate(text, m.start())]
            if not junk:
                continue
            # the fix is built from the source span, so markup between the characters stays byte-exact
            s, e = seg.to_source(junk[0], junk[-1] + 1)
            drop = {seg.to_source(i, i + 1)[0] for i in junk}
            fixed = "".join(c for i, c in enumerate(doc.source[s:e], s) if i not in drop)
            what, it = _describe([text[i] for i in junk])
            yield Hit(s, e, suggestions=(fixed,), fields={"what": what, "it": it, "count": len(junk)})
