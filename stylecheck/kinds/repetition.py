"""repetition: a word repeated back to back ("the the"), except idioms ("had had") and names ("Bora Bora").

A capitalised word doubled mid-copy is most often a name or a coinage ("Bora Bora", "Duran Duran",
"Sing Sing", a columnist's "Debate Debate"), so it is a slip only when the word is one that is never
a name (`function_words`: "The The", "To To"). Some doublings are grammar, not slips, before
particular words (`allow_before`: "the first first lady").
"""
from __future__ import annotations

import re
from itertools import islice
from operator import eq
from typing import Iterator

from ..findings import Hit
from ..patterns import compile_re
from ..text.words import PART, case_shape
from .base import BaseKind, hit

# `re` scans 4x faster than `regex` here; [^\W\d_] is "a letter", and the possessive `++` stops
# the engine from retrying every shorter prefix of each word (1.6x). No leading \b: the lookbehind
# already implies it, and the extra test at every position cost 17%.
_SOURCE = r"(?<![\w'\u2019-])([^\W\d_]++)([ \t]++|[ \t]*+(?:\r\n|\r|\n)[ \t]*+)(\1)(?![\w'\u2019-])"
_DOUBLED = compile_re(_SOURCE, re.IGNORECASE)
# the same on the text layer's lowercased view, case-sensitive: `re` scans it about twice as fast
_DOUBLED_LOWER = compile_re(_SOURCE)


class Repetition(BaseKind):
    OPTIONS = {"allow": (list, []), "function_words": (list, []), "allow_before": (dict, {})}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.allow = {w.casefold() for w in self.opts["allow"]}
        self.function_words = {w.casefold() for w in self.opts["function_words"]}
        self.allow_before = {w.casefold(): {n.casefold() for n in nxt} for w, nxt in self.opts["allow_before"].items()}

    def check(self, doc) -> Iterator[Hit]:
        for seg, m in _matches(doc):
            text = seg.text
            word = text[m.start(1):m.end(1)]
            low = word.casefold()
            if low in self.allow:
                continue
            second = text[m.start(3):m.end(3)]
            if second.isupper() and len(second) > 1 and not word.isupper():
                continue  # "at AT&T", "us US": a word, then an acronym spelled the same
            if self.function_words and case_shape(word) == case_shape(second) == "capital" and low not in self.function_words:
                continue  # "Bora Bora", "Debate Debate": a name or a coinage
            if low in self.allow_before:
                nxt = PART.search(seg.text, m.end())
                if nxt and nxt.start() - m.end() <= 2 and nxt.group().casefold() in self.allow_before[low]:
                    continue  # "the first first lady": the first holder of a "first ..." title
            yield hit(seg, m.start(1), m.end(3), suggestions=(word,), fields={"word": word})


def _matches(doc) -> Iterator:
    """(segment view, match) for every doubled word: on the lowercased view where that keeps
    offsets, else case-insensitively on the view itself (a dotted capital I changes length).

    A paragraph is scanned only when its words in order (the text layer's) hold the same word
    twice in a row: compared in C (map over the list), that settles almost every paragraph.
    """
    for seg, (view, low), words in zip(doc.segments, doc.layer.lowered(), doc.layer.word_lists()):
        if view is seg and not _repeats(words):
            continue
        seg = view
        if len(low) == len(seg.text):
            for m in _DOUBLED_LOWER.finditer(low):
                yield seg, m
        else:
            for m in _DOUBLED.finditer(seg.text):
                yield seg, m


def _repeats(words: list[str]) -> bool:
    """Whether some word is followed by the same word (any case)."""
    folded = list(map(str.casefold, words))
    return any(map(eq, folded, islice(folded, 1, None)))


KINDS = {"repetition": Repetition}
