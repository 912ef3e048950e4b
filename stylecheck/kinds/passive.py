"""passive: passive voice with no agent ("mistakes were made"), which hides who acted."""
from __future__ import annotations

from typing import Iterator

import regex

from ..findings import Hit
from ..patterns import compile_regex
from .base import BaseKind, hit

_IRREGULAR = (
    "made done given taken seen known shown told found held kept left lost paid sold sent spent built bought brought "
    "caught taught thought fought sought won hit hurt cut put set shut struck stolen chosen driven written spoken "
    "broken frozen forgotten hidden beaten bitten eaten fallen forgiven ridden risen shaken sworn torn worn thrown "
    "drawn grown blown flown withdrawn overthrown undertaken overtaken mistaken shot led fed bred met read said laid "
    "bound ground wound understood misunderstood"
).split()
_PASSIVE = compile_regex(
    rf"(?<![\w'-])(?:is|are|was|were|be|been|being)(?:\s+(?:not|never|also|already|still|then|later|reportedly|allegedly))?"
    rf"\s+(?:\w+ed|{'|'.join(_IRREGULAR)})(?![\w'-])",
    regex.IGNORECASE | regex.V1,
)
_AGENT = compile_regex(r"\bby\b", regex.IGNORECASE)
# Adjectives in -ed that follow "be" without being passive ("was tired", "were married").
_ADJECTIVES = frozenset("tired interested concerned worried pleased surprised married engaged supposed used related "
                        "based scheduled expected excited bored scared determined prepared qualified allowed".split())


class Passive(BaseKind):
    OPTIONS = {}

    def check(self, doc) -> Iterator[Hit]:
        for seg, prose in zip(doc.segments, doc.layer.prose()):
            for s, e in prose.sents:
                sentence = seg.text[s:e]
                for m in _PASSIVE.finditer(sentence):
                    if m.group().split()[-1].casefold() in _ADJECTIVES:
                        continue
                    if _AGENT.search(sentence, m.end()):
                        continue
                    yield hit(seg, s + m.start(), s + m.end())


KINDS = {"passive": Passive}
