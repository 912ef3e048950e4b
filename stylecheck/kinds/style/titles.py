"""titles: a formal title written in lower case directly before a name ("prime minister Tony Blair").

AP and the BBC capitalise a formal title used directly before a name ("Prime Minister Tony
Blair", "President Joe Biden") and lowercase it elsewhere; the Guardian lowercases titles
everywhere ("the prime minister, Keir Starmer"). So the house decides: under a preset in
`on_presets` a lowercase title before a name is always reported, under one in `off_presets`
never, and with no preset the article's own copy decides: when it capitalises titles before
names more often than it lowercases them, a lowercase one is a slip. A title after a
determiner, a possessive, a modifier houses treat differently ("former", "shadow") or a noun
naming another body ("the then prime minister Tony Blair", "his chancellor Gordon Brown",
"former Maryland governor Martin O'Malley", "company president Jo Smith") or after the name of
an organisation ("Ifo president Hans Sinn": a capitalised word that is not a place, a
nationality or a party) describes rather than names, and is left alone, as is a headline.
The name is the text layer's (`text.names.NAME`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex

from ...findings import Hit
from ...patterns import compile_regex
from ...text.names import NAME, NOT_NAMES
from ...text.words import PART, starts_clause
from ..base import BaseKind, hit

_SMALL = frozenset({"of", "the", "and", "for"})


def _capitalised(title: str) -> str:
    """ "prime minister" -> "Prime Minister", "secretary of state" -> "Secretary of State"."""
    words = title.split()
    return " ".join(w if i and w in _SMALL else w[:1].upper() + w[1:] for i, w in enumerate(words))


@lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    """The last words of the countries' adjectives ("African" of "South African"): a nationality before a title."""
    from .demonym import countryinfo_demonyms

    return frozenset(dem.split()[-1] for _, dem in countryinfo_demonyms())


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


class TitleCase(BaseKind):
    OPTIONS = {
        "titles": (list, []), "not_after": (list, []), "qualifiers": (list, []), "on_presets": (list, []),
        "off_presets": (list, []),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        titles = sorted({" ".join(t.split()).casefold() for t in self.opts["titles"]}, key=lambda t: (-len(t), t))
        if not titles:
            raise ValueError("title_case needs `titles`")
        alternation = "|".join(r"\s+".join(regex.escape(w) for w in t.split()) for t in titles)
        self.firsts = frozenset(t.split()[0] for t in titles)  # a document without any of these has no title
        self.written = frozenset(v for f in self.firsts for v in (f, f.capitalize(), f.upper()))
        self.capitalised = frozenset(w.capitalize() for t in titles for w in t.split())
        self.pattern = compile_regex(
            rf"(?<![\w.'\u2019-])(?P<title>(?i:{alternation}))[ \u00a0]+(?P<name>{NAME})", regex.V1)
        self.not_after = frozenset(w.casefold() for w in self.opts["not_after"])
        self.qualifiers = frozenset(self.opts["qualifiers"])
        self.off = context.preset in self.opts["off_presets"]
        self.always = context.preset is not None and context.preset in self.opts["on_presets"]

    def _uses(self, doc) -> list[tuple]:
        """(segment, match, lowercase?) for each title directly before a name, outside headlines."""
        out = []
        if doc.layer.vocab(folded=True).isdisjoint(self.firsts):
            return out
        if not self.always and doc.layer.vocab(folded=False).isdisjoint(self.capitalised):
            return out  # no capitalised title anywhere: no evidence that the house capitalises them
        for seg, words in zip(doc.segments, doc.layer.segment_words()):
            if seg.scope == "headline" or words.isdisjoint(self.written):
                continue
            text = seg.text
            for m in self._matches(text, {w.lower() for w in words & self.written}):
                first = m.group("name").split()[0]
                if first.casefold() in NOT_NAMES or first.casefold() in self.not_after:
                    continue  # "president Monday", "mayor This": not a name
                if text[m.start() - 1:m.start()] == "-" or self._describes(text, m.start()):
                    continue
                words = m.group("title").split()
                initial = starts_clause(text, m.start())
                if initial and len(words) == 1:
                    continue  # "President" opening a sentence is capitalised by position: no evidence
                rest = words[1:] if initial else words
                if all(w.islower() for w in rest):
                    out.append((seg, m, True))
                elif all(w[:1].isupper() or w in _SMALL for w in rest):
                    out.append((seg, m, False))
        return out

    def _matches(self, text: str, firsts: set[str]) -> Iterator:
        """The pattern's matches, tried only where one of the titles' first words starts (str.find
        on the lowercased text, in C) instead of at every position of the paragraph."""
        low = text.lower()
        if len(low) != len(text):
            yield from self.pattern.finditer(text)
            return
        starts = sorted({i for f in firsts for i in _find_all(low, f)})
        end = 0
        for i in starts:
            if i < end:
                continue
            m = self.pattern.match(text, i)
            if m is not None:
                end = m.end()
                yield m

    def _describes(self, text: str, start: int) -> bool:
        """The title is part of a description, not a name's title: one of the three words before
        it in its clause is a determiner, a possessive, a modifier whose style differs between
        houses ("former", "shadow") or a noun naming another body (`not_after`: "the then prime
        minister", "his chancellor", "former Maryland governor", "company president")."""
        clause = text[max(0, start - 60):start]
        cut = max(clause.rfind(c) for c in ",.;:()\"\u201c\u201d")
        before = PART.findall(clause[cut + 1:])[-3:]
        if any(w.casefold() in self.not_after for w in before):
            return True
        prev = before[-1] if before and clause.endswith(before[-1] + " ") else ""
        if not prev[:1].isupper() or starts_clause(text, start - len(prev) - 1):
            return False  # "Later foreign secretary ...": a sentence opener says nothing
        return not self._qualifies(prev)

    def _qualifies(self, word: str) -> bool:
        """A capitalised word that leaves a title formal: a country, a well-known place, a nationality
        or a party ("French president", "London mayor", "Labour leader"); any other ("Ifo president",
        "AFL-CIO president") names an organisation, whose officers' titles are lowercase."""
        if word in self.qualifiers or word in _demonym_words():
            return True
        from ...lexicon import fold

        return self.context.runtime.lexicon.place_tier(fold(word)) >= 2

    def check(self, doc) -> Iterator[Hit]:
        if self.off:
            return
        uses = self._uses(doc)
        lowered = [u for u in uses if u[2]]
        if not lowered:
            return
        capitalised = len(uses) - len(lowered)
        if not self.always and capitalised <= len(lowered):
            return  # the article lowercases its titles as often as not: that is its style
        for seg, m, _ in lowered:
            title = m.group("title")
            fixed = _capitalised(" ".join(title.split()).casefold())
            yield hit(seg, m.start("title"), m.end("title"), suggestions=(fixed,),
                      fields={"expected": fixed, "count": capitalised})
