"""repetition: a word repeated back to back ("the the"), except idioms like "had had"."""
from __future__ import annotations

from typing import Iterator

import regex

from ..findings import Hit
from ..terms import scan
from .base import BaseKind, hit

_DOUBLED = regex.compile(r"(?<![\w'\u2019-])(\p{L}+)([ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)(\1)(?![\w'\u2019-])", regex.IGNORECASE | regex.V1)


class Repetition(BaseKind):
    OPTIONS = {"allow": (list, [])}

    def __init__(self, rule, settings):
        super().__init__(rule, settings)
        self.allow = {w.casefold() for w in self.opts["allow"]}

    def check(self, doc) -> Iterator[Hit]:
        for seg, m in scan(doc, _DOUBLED):
            word = m.group(1)
            if word.casefold() in self.allow:
                continue
            yield hit(seg, m.start(1), m.end(3), suggestions=(word,), fields={"word": word})


KINDS = {"repetition": Repetition}
