"""forms: one term written two (or more) ways in one article; flag the minority form.

`groups` lists the forms of each term (["per cent", "percent"], ["Kyiv", "Kiev", "Kyyiv"]). A
group's forms are its *sides*; groups whose last forms differ only by a plural s ("e-mail"/"email"
and "e-mails"/"emails") vote together, and with `one_family` every group votes together (an
article that writes U.K. and U.N. with points should write U.S. so too). The side to keep is the
house's (config `prefer`, or the rule's `prefer`), else the one the article uses most (ties: the
one it used first); every use of another side is flagged with its own group's form on the kept
side, so a plural stays plural.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..findings import Hit
from ..terms import compile_terms
from ..text.words import PART, match_case, starts_clause
from .base import BaseKind, hit


def minority(uses: list[tuple], house: dict | None = None) -> Iterator[tuple[tuple, object, int]]:
    """(use, the kept side, uses of the kept side) for each use on a side not kept in its family.

    `uses` holds (seg, start, end, family, side, ...) in reading order. The kept side of a family
    is the house's, else the one used most (ties: the side used first).
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
            yield u, keep[u[3]], counts[(u[3], keep[u[3]])]


def proper_name_part(text: str, start: int) -> bool:
    """A capitalised word that does not open its sentence is part of a name ("the US Defense Department")."""
    return text[start:start + 1].isupper() and not starts_clause(text, start)


class Forms(BaseKind):
    OPTIONS = {
        "groups": (list, []), "prefer": (list, []), "ignorecase": (bool, True), "one_family": (bool, False),
        "skip_proper": (bool, False),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.table: dict[str, tuple[str, int, list[str]]] = {}  # form -> (family, side, its group)
        for group in self.opts["groups"]:
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(x, str) for x in group):
                raise ValueError("each group lists two or more forms of one term")
            fam = "all" if self.opts["one_family"] else self._key(group[-1]).rstrip("s")
            for side, form in enumerate(group):
                self.table[self._key(form)] = (fam, side, group)
        if not self.table:
            raise ValueError("forms needs `groups`")
        # the house's forms decide a family before any vote: the rule's `prefer`, then the desk's
        self.house: dict[str, int] = {}
        for pref in [*self.opts["prefer"], *(p for _, p in context.prefer)]:
            entry = self.table.get(self._key(pref))
            if entry is not None:
                self.house[entry[0]] = entry[1]
        self.pattern = compile_terms([f for g in self.opts["groups"] for f in g], self.opts["ignorecase"])
        # A form can occur only in a document that holds all its words: set tests on the document's
        # words settle most documents before any pattern runs. Forms with no word of their own
        # ("U.S.": letters between full stops) are probed as substrings instead.
        self.probes = [(frozenset(PART.findall(key)), max(key.split(), key=len), fam, side)
                       for key, (fam, side, _) in self.table.items()]

    def _key(self, text: str) -> str:
        text = " ".join(text.split())
        return text.casefold() if self.opts["ignorecase"] else text

    def check(self, doc) -> Iterator[Hit]:
        ic = self.opts["ignorecase"]
        vocab = doc.layer.vocab(folded=ic)
        found = [(piece, fam, side) for words, piece, fam, side in self.probes
                 if (words <= vocab if words else any(piece in seg.text for seg in doc.segments))]
        sides: dict[str, set[int]] = {}
        for _, fam, side in found:
            sides.setdefault(fam, set()).add(side)
        # a family is judged when the article writes it two ways, or one way the house does not prefer
        judged = {fam for fam, s in sides.items() if len(s) >= 2 or (fam in self.house and s != {self.house[fam]})}
        pieces = tuple({piece for piece, fam, _ in found if fam in judged})
        if not pieces:
            return
        uses = []
        for seg in doc.layer.views():
            text = seg.text.casefold() if ic else seg.text
            if not any(p in text for p in pieces):
                continue
            for m in self.pattern.finditer(seg.text):
                entry = self.table.get(self._key(m.group()))
                if entry is None or entry[0] not in judged or (self.opts["skip_proper"] and proper_name_part(seg.text, m.start())):
                    continue
                fam, side, group = entry
                uses.append((seg, m.start(), m.end(), fam, side, group))
        house = {fam: side for fam, side in self.house.items() if fam in judged}
        for (seg, s, e, _, _, group), kept, n in minority(uses, house):
            expected = match_case(group[kept], seg.text[s:e]) if ic else group[kept]
            yield hit(seg, s, e, suggestions=(expected,), fields={"expected": expected, "count": n})


KINDS = {"forms": Forms}
