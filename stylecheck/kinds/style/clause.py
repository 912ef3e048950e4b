"""clause: a stray comma straight after a clause-opening subordinator ("Although, Russia ...").

A subordinating conjunction introduces its clause directly; a comma after it is a slip, except
before a parenthetical ("If, as expected, ...", "Although, frankly, ..."). Words that can also
be adverbs ("after", "before", "since", "once") are only judged at the start of a sentence,
where "After, the ..." cannot be adverbial; "although", "because", "unless", "whereas" also
after "and", "but", "or" or a comma.
"""
from __future__ import annotations

import re
from typing import Iterator

import regex

from ...findings import Hit
from ...patterns import compile_re, compile_regex
from ...text.words import starts_clause
from ..base import BaseKind, hit

# matched backwards from a position (.match(text, 0, i)): it reads only what it needs before i,
# so a long paragraph stays linear (a search of text[:i] for `...$` read the whole prefix each time)
_AFTER_LINK = compile_regex(r"(?r)(?:\b(?:and|but|or|yet)\s+|,\s+)", regex.IGNORECASE)
_NEXT_WORD = compile_regex(r"\s+([\w'\u2019]+)", regex.V1)


class SubordinatorComma(BaseKind):
    OPTIONS = {"anywhere": (list, []), "sentence_start": (list, []), "parenthetical": (list, [])}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.anywhere = {w.casefold() for w in self.opts["anywhere"]}
        words = sorted(self.anywhere | {w.casefold() for w in self.opts["sentence_start"]}, key=lambda w: (-len(w), w))
        if not words:
            raise ValueError("clause needs `anywhere` or `sentence_start` words")
        body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
        self.pattern = compile_re(rf"\b(?<![\w'\u2019-])({body})(,)", re.IGNORECASE)
        self.lower_pattern = compile_re(rf"\b(?<![\w'\u2019-])({body})(,)")
        self.parenthetical = {w.casefold() for w in self.opts["parenthetical"]}
        # Every match ends with a listed word's last word and a comma (on the lowercase view).
        self.last_words = tuple(sorted({w.split()[-1] for w in words}))

    def check(self, doc) -> Iterator[Hit]:
        for seg, low in doc.layer.lowered():
            text = seg.text
            # The shared lowercased view is scanned twice as fast as an IGNORECASE pattern.
            if len(low) == len(text):
                if not self._comma_after_word(low):
                    continue  # no listed word before any comma: the pattern cannot match here
                matches = self.lower_pattern.finditer(low)
            else:
                matches = self.pattern.finditer(text)
            for m in matches:
                word = " ".join(m.group(1).split()).casefold()
                if not starts_clause(text, m.start()):
                    if word not in self.anywhere or not _AFTER_LINK.match(text, 0, m.start()):
                        continue
                nxt = _NEXT_WORD.match(text, m.end())
                if not nxt:
                    continue  # "..., although," at the end: the clause has gone
                nw = nxt.group(1).casefold()
                if nw in self.parenthetical or (nw.endswith("ly") and len(nw) > 4):
                    continue  # an aside set off by commas: "If, as expected, ...", "If, say, ..."
                found = text[m.start(1):m.end(1)]
                yield hit(seg, m.start(), m.end(), suggestions=(found,), fields={"expected": found, "word": found})

    def _comma_after_word(self, low: str) -> bool:
        """Whether some comma directly follows a listed word's last word (a yes/no prefilter).

        Commas are few and `str.find` and `str.endswith` run in C, so this settles most
        paragraphs faster than the word-boundary pattern could scan them.
        """
        i = low.find(",")
        while i >= 0:
            if low.endswith(self.last_words, 0, i):
                return True
            i = low.find(",", i + 1)
        return False


