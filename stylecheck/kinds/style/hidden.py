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

Those are left alone (text/invisible.py decides, for this rule and for every fix). The others in a paragraph make one finding, from the first to the last,
whose fix deletes every junk character in the span and keeps everything else.
"""
from __future__ import annotations

from typing import Iterator

from ...findings import Hit
from ...patterns import compile_re
from ...text.invisible import INVISIBLE, orthographic
from ..base import BaseKind

_CANDIDATES = compile_re(f"[{INVISIBLE}]")
_NAMES = {
    "\u00ad": "soft hyphen", "\u061c": "Arabic letter mark", "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner", "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark", "\u2060": "word joiner", "\ufeff": "byte-order mark",
}


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
            junk = [m.start() for m in _CANDIDATES.finditer(text) if not orthographic(text, m.start())]
            if not junk:
                continue
            # the fix is built from the source span, so markup between the characters stays byte-exact
            s, e = seg.to_source(junk[0], junk[-1] + 1)
            drop = {seg.to_source(i, i + 1)[0] for i in junk}
            fixed = "".join(c for i, c in enumerate(doc.source[s:e], s) if i not in drop)
            what, it = _describe([text[i] for i in junk])
            yield Hit(s, e, suggestions=(fixed,), fields={"what": what, "it": it, "count": len(junk)})
