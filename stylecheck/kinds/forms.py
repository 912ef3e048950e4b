"""forms: one term written two (or more) ways in one article; flag the minority form.

`groups` lists the forms of each term (["per cent", "percent"], ["Kyiv", "Kiev", "Kyyiv"]). A
group's forms are its *sides*; groups whose last forms differ only by a plural s ("e-mail"/"email"
and "e-mails"/"emails") vote together, and with `one_family` every group votes together (an
article that writes U.K. and U.N. with points should write U.S. so too). The side to keep is the
house's (config `prefer`, or the rule's `prefer`), else the one the article uses most (ties: the
one it used first); every use of another side is flagged with its own group's form on the kept
side, so a plural stays plural.

Only the article's own narrative votes. A headline keeps its own style (many desks drop points
there), so it neither votes nor is flagged; quoted material (a court filing, a statement, an
e-mail) is often reproduced as written, so it only breaks a tie in the narrative (or decides a
term the narrative never uses), and its minority forms are at most an info. With `one_family`, a form whose own group the article never writes the other way is
only voted against by other terms ("UN" beside "U.S."): a house-style hint, at info, worded with
`family_message`. A form right after a capitalised word belongs to a name ("Priorities USA").
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterator, NamedTuple

from ..findings import Hit, Severity
from ..terms import compile_terms
from ..text.words import PART, match_case, starts_clause
from .base import BaseKind, hit

NARRATIVE, QUOTE, HEADLINE = "narrative", "quote", "headline"


class Use(NamedTuple):
    """One occurrence of a form: where, which family and side, and whether it votes."""

    seg: Any
    start: int
    end: int
    family: str
    side: Any
    payload: Any  # the kind's own data (a group, a counterpart spelling)
    place: str = NARRATIVE  # NARRATIVE votes; QUOTE and HEADLINE do not


def place_of(seg, start: int, end: int) -> str:
    """Where a use sits: the headline, a direct quotation, or the article's own narrative."""
    if seg.scope == "headline":
        return HEADLINE
    if seg.quotes and seg.in_quote(start, end):
        return QUOTE
    return NARRATIVE


def minority(uses: list[Use], house: dict | None = None) -> Iterator[tuple[Use, object, int, bool]]:
    """(use, the kept side, uses of the kept side, tied) for each use on a side not kept in its family.

    `uses` are in reading order. The kept side of a family is the house's, else the one the
    narrative uses most; quotations break a tie in the narrative, count with it when its
    majority is a single use, and decide a family the narrative never uses; last, the side used
    first wins. `tied` is true when the counted uses of both sides are equal: the
    article itself does not say which form it means. Headline uses are never flagged.
    """
    votes: Counter = Counter()
    first: dict[tuple, int] = {}
    for u in uses:
        if u.place != HEADLINE:
            votes[(u.family, u.side, u.place)] += 1
            first.setdefault((u.family, u.side), len(first))
    told = {fam for fam, _, place in votes if place == NARRATIVE}
    # a narrative whose majority is a single use (1-0, 2-1, 3-2) is no evidence against its
    # quotations: count them too
    thin = {fam for fam in told if _margin([n for (f, _, p), n in votes.items() if f == fam and p == NARRATIVE]) < 2}

    def weight(fam, side) -> tuple:
        narrative, quoted = votes[(fam, side, NARRATIVE)], votes[(fam, side, QUOTE)]
        if fam in thin:
            return narrative + quoted, 0, -first.get((fam, side), 0)
        own = narrative if fam in told else quoted
        return own, quoted, -first.get((fam, side), 0)

    keep = dict(house or {})
    for fam, side in first:
        if fam not in keep or (fam not in (house or {}) and weight(fam, side) > weight(fam, keep[fam])):
            keep[fam] = side
    for u in uses:
        if u.place == HEADLINE or u.side == keep[u.family]:
            continue
        kept = weight(u.family, keep[u.family])[0]
        tied = u.family not in (house or {}) and weight(u.family, u.side)[0] >= kept
        yield u, keep[u.family], kept, tied


def _margin(counts: list[int]) -> int:
    """How many more uses the most used side has than the next."""
    top = sorted(counts, reverse=True) + [0]
    return top[0] - top[1]


def proper_name_part(text: str, start: int) -> bool:
    """A capitalised word that does not open its sentence is part of a name ("the US Defense Department")."""
    return text[start:start + 1].isupper() and not starts_clause(text, start)


def after_name_word(text: str, start: int) -> bool:
    """The form follows a capitalised word inside its sentence: "Priorities USA", "Team GB"."""
    j = start
    while j > 0 and text[j - 1] in " \u00a0":
        j -= 1
    if j == start:
        return False
    last = None
    for last in PART.finditer(text, max(0, j - 40), j):
        pass
    if last is None or last.end() != j:
        return False
    word = last.group()
    return word[:1].isupper() and not word.endswith(("'s", "\u2019s")) and not starts_clause(text, last.start())


class Forms(BaseKind):
    OPTIONS = {
        "groups": (list, []), "prefer": (list, []), "ignorecase": (bool, True), "one_family": (bool, False),
        "skip_proper": (bool, False), "skip_after_names": (bool, False), "family_message": (str, None),
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

    def _judged(self, doc) -> tuple[set[str], tuple[str, ...]]:
        """The families the article may write two ways (a cheap test on its words), and their probes."""
        vocab = doc.layer.vocab(folded=self.opts["ignorecase"])
        found = [(piece, fam, side) for words, piece, fam, side in self.probes
                 if (words <= vocab if words else any(piece in seg.text for seg in doc.segments))]
        sides: dict[str, set[int]] = {}
        for _, fam, side in found:
            sides.setdefault(fam, set()).add(side)
        # a family is judged when the article writes it two ways, or one way the house does not prefer
        judged = {fam for fam, s in sides.items() if len(s) >= 2 or (fam in self.house and s != {self.house[fam]})}
        return judged, tuple({piece for piece, fam, _ in found if fam in judged})

    def _uses(self, doc, judged: set[str], pieces: tuple[str, ...]) -> list[Use]:
        ic = self.opts["ignorecase"]
        uses = []
        for seg in doc.layer.views():
            text = seg.text.casefold() if ic else seg.text
            if not any(p in text for p in pieces):
                continue
            for m in self.pattern.finditer(seg.text):
                entry = self.table.get(self._key(m.group()))
                if entry is None or entry[0] not in judged:
                    continue
                if self.opts["skip_proper"] and proper_name_part(seg.text, m.start()):
                    continue
                if self.opts["skip_after_names"] and after_name_word(seg.text, m.start()):
                    continue
                fam, side, group = entry
                uses.append(Use(seg, m.start(), m.end(), fam, side, group, place_of(seg, m.start(), m.end())))
        return uses

    def check(self, doc) -> Iterator[Hit]:
        judged, pieces = self._judged(doc)
        if not pieces:
            return
        uses = self._uses(doc, judged, pieces)
        # with one family, which groups the narrative itself writes on more than one side
        written: dict[int, set] = {}
        for u in uses:
            if u.place == NARRATIVE:
                written.setdefault(id(u.payload), set()).add(u.side)
        house = {fam: side for fam, side in self.house.items() if fam in judged}
        for u, kept, n, tied in minority(uses, house):
            found = u.seg.text[u.start:u.end]
            expected = match_case(u.payload[kept], found) if self.opts["ignorecase"] else u.payload[kept]
            fields = {"expected": expected, "count": n}
            severity, message = None, None
            if u.place == QUOTE or tied:
                severity = Severity.info
            if self.opts["one_family"] and kept not in written.get(id(u.payload), ()) and u.family not in house:
                severity = Severity.info  # only other terms vote: "UN" beside "U.S." is a house call
                if self.opts["family_message"]:
                    message = self.opts["family_message"].format(found=found, expected=expected)
            yield hit(u.seg, u.start, u.end, suggestions=(expected,), fields=fields, severity=severity, message=message)


KINDS = {"forms": Forms}
