"""AT104: a quotation put in a country's or capital's mouth ("Ukraine warned "…""): name the person or office.

The speaker comes from the text layer's speaker model: when it names a person in the quotation's
sentence ("Ukraine's foreign minister Dmytro Kuleba warned"), the country is only context.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex

from ...findings import Hit
from ...patterns import compile_regex
from ...terms import normalise
from ...text.names import NAME, speaker_after, speaker_before
from ...text.prose import Prose, sentence_range
from ..base import BaseKind, hit
from .cues import Terms
from ...text.speech import is_speech

_PRONOUN_BEFORE = compile_regex(r"(?:^|\W)(it|he|she|they|we|I)\s+(?:\p{Ll}+ly\s+)?$", regex.V1 | regex.IGNORECASE)
_SUBJECT = compile_regex(rf"\s*({NAME})", regex.V1)


@lru_cache(maxsize=4)
def _country_names(extra: tuple[str, ...], exclude: tuple[str, ...]) -> frozenset[str]:
    """Country names (the shipped gazetteer's, lexicon_data.countries) plus the pack's extras.

    Names that are also common first names or US states ("Jordan", "Georgia") are left to the
    pack's `not_places`, so "Jordan said" about a person is not mistaken for a country.
    """
    from ...lexicon_data import countries

    names = {normalise(x).removeprefix("the ") for x in extra}
    for name in countries():
        names.add(normalise(name))
        names.add(normalise(name.split(",")[0]))
    return frozenset(names - {normalise(x) for x in exclude})


class CountrySpeaker(BaseKind):
    """A quote attributed to a country or capital ("Ukraine warned "…""): name the person or office."""

    OPTIONS = {"verbs": (list, []), "places": (list, []), "not_places": (list, []), "min_words": (int, 4)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.verbs = Terms(self.opts["verbs"])
        if not self.verbs:
            raise ValueError("attribution.country_speaker needs `verbs`")
        self.places = tuple(self.opts["places"])

    def _is_place(self, name: str) -> bool:
        key = normalise(name)
        if key.startswith("the "):
            key = key[4:]
        return key in _country_names(self.places, tuple(self.opts["not_places"]))

    def check(self, doc) -> Iterator[Hit]:
        info = doc.layer.prose()
        segs = doc.segments
        for qt in doc.layer.quotations():
            seg, q = segs[qt.seg], qt.quote
            if qt.how != "clause" or qt.kind not in ("speech", "partial") or not is_speech(seg, q, self.opts["min_words"]):
                continue
            if qt.speaker is not None:  # the model named the speaker: a place, or a person (then all is well)
                place = qt.speaker if self._speaks(info[qt.seg], q, qt.speaker) and self._is_place(qt.speaker) else None
            else:  # "…as it warned "…"": the place is the subject the pronoun stands for
                place = self._place_subject(info[qt.seg], q)
            if place:
                yield hit(seg, q.start, q.end, fields={"place": place})

    def _speaks(self, prose: Prose, q, name: str) -> bool:
        """`name` is next to one of this rule's verbs in the quotation's sentences (not any cue)."""
        sents = prose.sents
        first, last = sentence_range(sents, q.start, q.end)
        lo, hi = sents[first][0], sents[last][1]
        masked = prose.masked
        for v in self.verbs.finditer(prose, lo, hi):
            if name in (speaker_before(masked, lo, v.start()), speaker_after(masked, v.end(), hi)):
                return True
        return False

    def _place_subject(self, prose: Prose, q) -> str | None:
        """A country or capital standing for "it" before one of the verbs: "Ukraine … as it warned"."""
        sents = prose.sents
        first, last = sentence_range(sents, q.start, q.end)
        lo, hi = sents[first][0], sents[last][1]
        masked = prose.masked
        for v in self.verbs.finditer(prose, lo, hi):
            p = _PRONOUN_BEFORE.search(masked[lo:v.start()])
            if p and p.group(1).casefold() == "it":
                subject = _SUBJECT.match(masked[lo:v.start()])
                if subject and self._is_place(subject.group(1).split("'")[0].split("\u2019")[0]):
                    return subject.group(1)
        return None
