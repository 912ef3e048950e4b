"""acronyms: well-known initialisms and acronyms in the wrong case ("Fbi", "Nasa" under AP).

Two kinds of abbreviation, as data:
- `initialisms`, read letter by letter, are capitals in every house style: "Fbi" or "fbi" is a
  slip wherever it appears ("FBI");
- `acronyms`, read as words, are capitals in AP style (NATO, NASA) and title case in BBC and
  Guardian style (Nato, Nasa). Under a preset in `upper_presets` or `title_presets` the other
  form is flagged; with no preset the article's own majority decides (a tie is an info).
Headlines keep their own capitals; web addresses and handles are not words (`text.words.PART`).
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ...findings import Hit, Severity
from ...text.words import PART
from ..base import BaseKind, hit


class AcronymCase(BaseKind):
    OPTIONS = {
        "initialisms": (list, []), "acronyms": (list, []), "upper_presets": (list, []), "title_presets": (list, []),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.initialisms = {w.casefold(): w for w in self.opts["initialisms"]}
        self.acronyms = {w.casefold(): w for w in self.opts["acronyms"]}
        if not self.initialisms and not self.acronyms:
            raise ValueError("acronym_case needs `initialisms` or `acronyms`")
        self.keys = frozenset(self.initialisms) | frozenset(self.acronyms)
        # the written forms worth a look: lower, Capital and UPPER (other mixes are not checked)
        self.forms = frozenset(v for k in self.keys for v in (k, k.capitalize(), k.upper()))
        preset = context.preset
        self.house = "upper" if preset in self.opts["upper_presets"] else "title" if preset in self.opts["title_presets"] else None

    def check(self, doc) -> Iterator[Hit]:
        if doc.layer.vocab(folded=True).isdisjoint(self.keys):
            return
        if not self._anything(doc.layer.vocab(folded=False)):
            return
        uses = []
        for seg, words in zip(doc.segments, doc.layer.segment_words()):
            if seg.scope == "headline" or words.isdisjoint(self.forms):
                continue
            for m in PART.finditer(seg.text):
                word = m.group()
                if word in self.forms:
                    uses.append((seg, m.start(), m.end(), word, word.casefold()))
        shape = Counter(_shape(w) for _, _, _, w, low in uses if low in self.acronyms)
        first = next((_shape(w) for _, _, _, w, low in uses if low in self.acronyms and _shape(w) != "other"), None)
        for seg, s, e, word, low in uses:
            if low in self.initialisms:
                right = self.initialisms[low]
                if word != right and not word.islower():  # "fbi" alone may be a URL slug or a hashtag
                    yield hit(seg, s, e, suggestions=(right,), fields={"expected": right, "style": "capitals"})
                continue
            yield from self._acronym(seg, s, e, word, low, shape, first)

    def _anything(self, written) -> bool:
        """Whether the article's words, as written, hold anything to report: an initialism not in
        capitals, or an acronym in a case the house (or, without one, the article) does not keep."""
        shapes: dict[str, set] = {}
        for w in written & self.forms:
            low = w.casefold()
            if low in self.initialisms:
                if w != self.initialisms[low] and not w.islower():
                    return True
            elif low in self.acronyms:
                shapes.setdefault(low, set()).add(_shape(w))
        want = {"upper": {"upper"}, "title": {"title"}}.get(self.house)
        for found in shapes.values():
            found.discard("other")
            if (want is not None and found - want) or len(found) > 1:
                return True
        return False

    def _acronym(self, seg, s: int, e: int, word: str, low: str, shape: Counter, first: str | None) -> Iterator[Hit]:
        """An acronym against the house's case, or else the article's majority (a tie: the form used first, at info)."""
        mine = _shape(word)
        if mine == "other":
            return
        want, severity = self.house, None
        if want is None:
            if shape["upper"] == shape["title"]:
                want, severity = first, Severity.info
            else:
                want = "upper" if shape["upper"] > shape["title"] else "title"
        if mine == want:
            return
        right = self.acronyms[low].upper() if want == "upper" else self.acronyms[low].capitalize()
        yield hit(seg, s, e, suggestions=(right,), severity=severity,
                  fields={"expected": right, "style": "capitals" if want == "upper" else "a capital initial"})


def _shape(word: str) -> str:
    if word.isupper():
        return "upper"
    if word[:1].isupper() and word[1:].islower():
        return "title"
    return "other"
