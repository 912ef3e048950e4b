"""British and American spellings mixed in one article ("colour" here, "color" there).

The UK/US table is the lexicon's (codespell's en-GB -> en-US dictionary plus the regular
families), so a new pair is a data update, not a code change.
"""
from __future__ import annotations

from typing import Iterator

from ...findings import Hit
from ...text.words import PART, match_case
from ..base import hit
from ..forms import minority, proper_name_part
from .judged import _Judged


def _system_table(gb_us: dict[str, str]) -> dict[str, tuple[str, str]]:
    """word -> (its system, its counterpart) for both spellings of every pair."""
    table = {gb: ("gb", us) for gb, us in gb_us.items()}
    table.update({us: ("us", gb) for gb, us in gb_us.items() if us not in table})
    return table


class MixedSpelling(_Judged):
    """Flag the spellings of the article's minority system (British or American).

    The article's system is the one most of its marked words use (ties go to the system it
    uses first); every word spelled the other way is flagged with its counterpart. A
    capitalised word mid-sentence is part of a name ("Defense Department") and is skipped.
    """

    OPTIONS = {"vocab": (str, None), "skip_proper": (bool, True)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self._table: dict[str, tuple[str, str]] | None = None  # from the lexicon, on first use
        self._keys: frozenset[str] = frozenset()

    def check(self, doc) -> Iterator[Hit]:
        table = self._table
        if table is None:  # the same value whichever thread builds it first
            table = _system_table(self.context.runtime.lexicon.gb_us)
            self._keys, self._table = frozenset(table), table
        keys = self._keys
        present = doc.layer.vocab(folded=True) & keys
        if len({table[w][0] for w in present}) < 2:
            return  # one spelling system (or none): nothing can be mixed
        uses = []
        for seg, vocab in zip(doc.segments, doc.layer.segment_vocab(folded=True)):
            if vocab.isdisjoint(keys):
                continue  # most paragraphs hold no word with two spellings
            for m in PART.finditer(seg.text):
                found = m.group()
                low = found.casefold()
                if low not in table or found in self.accept or low in self.accept:
                    continue
                if self.opts["skip_proper"] and proper_name_part(seg.text, m.start()):
                    continue
                side, other = table[low]
                uses.append((seg, m.start(), m.end(), "system", side, match_case(other, found)))
        for (seg, s, e, _, side, other), _, n in minority(uses):
            keep = "American" if side == "gb" else "British"
            yield hit(seg, s, e, suggestions=(other,), fields={"expected": other, "system": keep, "count": n})
