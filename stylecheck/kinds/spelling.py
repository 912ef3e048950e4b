"""spelling: typos in ordinary words, and British and American spellings mixed in one article.

Typos come from the shared analysis in `stylecheck.typos` (codespell's list of real-world
misspellings, and near misses of frequent words in wordfreq's lexicon). The UK/US table is
codespell's en-GB -> en-US dictionary, so a new pair is a data update, not a code change.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..findings import Hit
from .base import BaseKind, hit
from .names import _Judged


class WordTypo(_Judged):
    OWN = ("word",)


def _minority(uses: list[tuple], house: dict[str, str] | None = None) -> Iterator[tuple]:
    """Per family, the uses on the side the house does not prefer, else on the side the article
    uses less (ties: the side it used first).

    `uses` holds (seg, start, end, family, side, other_form) in reading order.
    """
    counts = Counter((u[3], u[4]) for u in uses)
    first: dict[tuple, int] = {}
    for u in uses:
        first.setdefault((u[3], u[4]), len(first))
    keep = dict(house or {})
    for fam, side in counts:
        if fam in (house or {}):
            continue
        best = keep.get(fam)
        if best is None or (counts[(fam, side)], -first[(fam, side)]) > (counts[(fam, best)], -first[(fam, best)]):
            keep[fam] = side
    for u in uses:
        if u[4] != keep[u[3]]:
            yield u, counts[(u[3], keep[u[3]])]


def _proper(text: str, start: int) -> bool:
    """A capitalised word mid-sentence is part of a name ("the US Defense Department")."""
    from ..typos import is_initial

    return text[start:start + 1].isupper() and not is_initial(text, start)


class MixedSpelling(_Judged):
    """Flag the spellings of the article's minority system (British or American).

    The article's system is the one most of its marked words use (ties go to the system it
    uses first); every word spelled the other way is flagged with its counterpart. A
    capitalised word mid-sentence is part of a name ("Defense Department") and is skipped.
    The word list compiles, on first use, into one pattern (a trie), so a document costs one scan.
    """

    OPTIONS = {"vocab": (str, None), "skip_proper": (bool, True)}

    def check(self, doc) -> Iterator[Hit]:
        from ..terms import match_case
        from ..typos import PART, document_vocab, segment_vocab

        if not hasattr(self, "_table"):
            gb_us = self.context.runtime.lexicon.gb_us
            table = {gb: ("gb", us) for gb, us in gb_us.items()}
            table.update({us: ("us", gb) for gb, us in gb_us.items() if us not in table})
            self._table, self._keys = table, frozenset(table)
        table = self._table
        present = document_vocab(doc, folded=True) & self._keys
        if len({table[w][0] for w in present}) < 2:
            return  # one spelling system (or none): nothing can be mixed
        uses = []
        for seg, vocab in zip(doc.segments, segment_vocab(doc, folded=True)):
            if vocab.isdisjoint(self._keys):
                continue  # most paragraphs hold no word with two spellings
            for m in PART.finditer(seg.text):
                found = m.group()
                low = found.casefold()
                if low not in table or found in self.accept or low in self.accept:
                    continue
                if self.opts["skip_proper"] and _proper(seg.text, m.start()):
                    continue
                side, other = self._table[low]
                uses.append((seg, m.start(), m.end(), "system", side, match_case(other, found)))
        for (seg, s, e, _, side, other), n in _minority(uses):
            keep = "American" if side == "gb" else "British"
            yield hit(seg, s, e, suggestions=(other,), fields={"expected": other, "system": keep, "count": n})


class MixedForms(BaseKind):
    """Flag the minority form of a term the article writes two ways (per cent/percent, US/U.S.).

    `pairs` lists [form_a, form_b]; a pair's family is form_b without a plural s, so "e-mail"
    and "e-mails" vote together against "email" and "emails". With `one_family`, every pair
    votes together: an article that writes U.K. and U.N. with points should write U.S. so too.
    """

    OPTIONS = {"pairs": (list, []), "ignorecase": (bool, True), "one_family": (bool, False), "skip_proper": (bool, False)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        from ..terms import compile_terms

        self.table: dict[str, tuple[str, str, str]] = {}
        for pair in self.opts["pairs"]:
            if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(x, str) for x in pair):
                raise ValueError("each pair is a list of two forms")
            a, b = pair
            fam = "all" if self.opts["one_family"] else self._key(b).rstrip("s")
            self.table[self._key(a)] = (fam, "a", b)
            self.table[self._key(b)] = (fam, "b", a)
        if not self.table:
            raise ValueError("forms needs `pairs`")
        # the desk's preferred forms (config `prefer`) decide a family before any vote
        self.house = {self.table[self._key(pref)][0]: self.table[self._key(pref)][1]
                      for _, pref in context.prefer if self._key(pref) in self.table}
        self.pattern = compile_terms([f for p in self.opts["pairs"] for f in p], self.opts["ignorecase"])
        # A form can occur only in a document that holds all its words: set tests on the document's
        # words settle most documents before any pattern runs. Forms with no word of their own
        # ("U.S.": letters between full stops) are probed as substrings instead.
        from ..typos import PART

        self.probes: list[tuple[frozenset[str], str, str, str]] = []  # (words, piece, family, side)
        for key, (fam, side, _) in self.table.items():
            self.probes.append((frozenset(PART.findall(key)), max(key.split(), key=len), fam, side))

    def _key(self, text: str) -> str:
        text = " ".join(text.split())
        return text.casefold() if self.opts["ignorecase"] else text

    def check(self, doc) -> Iterator[Hit]:
        from ..terms import match_case

        from ..typos import document_vocab

        ic = self.opts["ignorecase"]
        vocab = document_vocab(doc, folded=ic)
        found = [(piece, fam, side) for words, piece, fam, side in self.probes
                 if (words <= vocab if words else any(piece in seg.text for seg in doc.segments))]
        sides: dict[str, set[str]] = {}
        for _, fam, side in found:
            sides.setdefault(fam, set()).add(side)
        pieces = tuple({piece for piece, fam, _ in found if len(sides[fam]) == 2})
        if not pieces:
            return  # no term appears in both forms
        uses = []
        for seg in doc.segments:
            text = seg.text.casefold() if ic else seg.text
            if not any(p in text for p in pieces):
                continue
            for m in self.pattern.finditer(seg.text):
                entry = self.table.get(self._key(m.group()))
                if entry is None or (self.opts["skip_proper"] and _proper(seg.text, m.start())):
                    continue
                fam, side, other = entry
                expected = match_case(other, m.group()) if self.opts["ignorecase"] else other
                uses.append((seg, m.start(), m.end(), fam, side, expected))
        for (seg, s, e, _, _, other), n in _minority(uses, self.house):
            yield hit(seg, s, e, suggestions=(other,), fields={"expected": other, "count": n})


KINDS = {"typo": WordTypo, "mixed": MixedSpelling, "forms": MixedForms}
