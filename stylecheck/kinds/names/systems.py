"""British and American spellings mixed in one article ("colour" here, "color" there).

The UK/US table is the lexicon's (codespell's en-GB -> en-US dictionary plus the regular
families), so a new pair is a data update, not a code change. What the table cannot know is
kept in the rule's data and applied here:

- words standard in both systems (`neutral`: "judgment", "analogue", the plural "analyses",
  "program" in computing) neither vote nor are flagged; words that belong to a system only in one
  sense count only in that sense (`after_number`: "meter" is a unit only after a number);
- names spelled the other way ("Australian Labor Party", "Pearl Harbor", "Centre Pompidou",
  "Dunkin' Donuts") are skipped: a capitalised word next to another capitalised word, or one
  that does not open its sentence, or one listed in `names`;
- only the article's narrative votes: a headline keeps its own style, and quoted words (often a
  document reproduced as written) neither vote nor are flagged above info;
- -ise/-ize is its own axis: Oxford, Canadian and much Australian copy write "organize" beside
  "colour", so -ize beside otherwise British spelling is a system, not a mix. -ise is British in
  every system, so it also votes (and is judged) with the other British spellings; a mix of
  -ise and -ize is flagged on its own.
"""
from __future__ import annotations

from typing import Iterator

from ...findings import Hit, Severity
from ...text.words import PART, match_case, strip_possessive
from ..base import hit
from ..forms import HEADLINE, NARRATIVE, QUOTE, Use, minority, place_of, proper_name_part
from .judged import _Judged


class _Systems:
    """The UK/US table: its words (and their possessives) as one set, each word's entry made when
    first asked for. Building every entry (both spellings and their axes) cost ~3 ms per run, while
    an article holds a handful of marked words; the key set (~0.5 ms) keeps the per-document test in C.
    """

    __slots__ = ("_gb_us", "_us_gb", "_neutral", "_entries", "keys")

    def __init__(self, gb_us: dict[str, str], neutral: frozenset[str]):
        self._gb_us = gb_us
        self._us_gb = {us: gb for gb, us in gb_us.items()}  # the last British form of an American one
        self._neutral = neutral
        self._entries: dict[str, tuple[str, str, str]] = {}
        words = frozenset(gb_us).union(gb_us.values()) - neutral
        # the possessives too ("centre's"): the text layer's words keep their 's
        self.keys = words.union([w + "'s" for w in words], [w + "\u2019s" for w in words])

    def __getitem__(self, word: str) -> tuple[str, str, str]:
        """(its system, its counterpart, its axis) of a word both systems spell, British first."""
        found = self._entries.get(word)
        if found is None:
            if word in self._neutral:
                raise KeyError(word)
            us = self._gb_us.get(word)
            if us is not None:
                found = ("gb", us, _axis(word, us))
            else:
                gb = self._us_gb[word]
                found = ("us", gb, _axis(gb, word))
            self._entries[word] = found
        return found


def _axis(gb: str, us: str) -> str:
    """"z" when the pair differs only by s/z ("organise"/"organize", "analyse"/"analyze"), else "system"."""
    return "z" if len(gb) == len(us) and all(a == b or (a, b) == ("s", "z") for a, b in zip(gb, us)) else "system"


def _name_word(text: str, start: int, end: int) -> bool:
    """A capitalised word in a name: mid-sentence, or beside another capitalised word ("Centre Pompidou", "Dunkin' Donuts")."""
    if not text[start:start + 1].isupper():
        return False
    if proper_name_part(text, start):
        return True
    nxt = PART.match(text, end + 1) if text[end:end + 1] == " " else None
    if nxt and nxt.group()[:1].isupper():
        return True
    prev = _word_before(text, start)
    return prev is not None and prev[:1].isupper()


def _word_before(text: str, start: int) -> str | None:
    """The word right before start in the same sentence (an elided "Dunkin'" included), if any."""
    j = start
    while j > 0 and text[j - 1] == " ":
        j -= 1
    if j == start:
        return None
    if text[j - 1:j] in ("'", "\u2019"):
        j -= 1
    last = None
    for last in PART.finditer(text, max(0, j - 40), j):
        pass
    return last.group() if last is not None and last.end() == j else None


class MixedSpelling(_Judged):
    """Flag the spellings of the article's minority system (British or American).

    The article's system is the one most of its narrative's marked words use (ties go to the
    system it uses first); every word spelled the other way is flagged with its counterpart.
    """

    OPTIONS = {
        "vocab": (str, None), "skip_proper": (bool, True), "neutral": (list, []), "names": (list, []),
        "after_number": (list, []),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self._table: _Systems | None = None  # from the lexicon, on first use
        self.neutral = frozenset(w.casefold() for w in self.opts["neutral"])
        self.names = frozenset(self.opts["names"])
        self.after_number = frozenset(w.casefold() for w in self.opts["after_number"])

    def _lookup(self) -> _Systems:
        table = self._table
        if table is None:  # the same value whichever thread builds it first
            table = self._table = _Systems(self.context.runtime.lexicon.gb_us, self.neutral)
        return table

    @staticmethod
    def _occurrences(text: str, words: set[str]) -> list[tuple[int, str]]:
        """(start, word as written, a possessive's 's dropped) of each whole-word use of the given
        casefolded words, in reading order: found with str.find instead of visiting every word."""
        low = text.casefold()
        if len(low) != len(text):
            return [(m.start(), strip_possessive(m.group())) for m in PART.finditer(text)
                    if m.group().casefold() in words]
        out = []
        for w in words:
            i = low.find(w)
            while i >= 0:
                m = PART.match(text, i)
                if m is not None and m.end() == i + len(w):
                    out.append((i, strip_possessive(m.group())))
                i = low.find(w, i + len(w))
        out.sort()
        return out

    def _counts(self, text: str, start: int, end: int, low: str) -> bool:
        """Whether this use of a marked word is a spelling choice at all (not a name, not another sense)."""
        found = text[start:end]
        if found in self.accept or low in self.accept or found in self.names:
            return False
        if self.opts["skip_proper"] and _name_word(text, start, end):
            return False
        if low in self.after_number:
            before = text[max(0, start - 12):start].rstrip().rstrip("-").rstrip()
            return bool(before) and (before[-1].isdigit() or before.split()[-1:] in (["square"], ["cubic"]))
        return True

    def check(self, doc) -> Iterator[Hit]:
        table = self._lookup()
        present = doc.layer.vocab(folded=True) & table.keys
        if len({table[strip_possessive(w)][0] for w in present}) < 2:
            return  # one spelling system (or none): nothing can be mixed
        uses = []
        for seg, vocab in zip(doc.segments, doc.layer.segment_vocab(folded=True)):
            found = vocab & table.keys
            if not found:
                continue  # most paragraphs hold no word with two spellings
            for start, word in self._occurrences(seg.text, found):
                low = word.casefold()
                if not self._counts(seg.text, start, start + len(word), low):
                    continue
                side, other, axis = table[low]
                end = start + len(word)
                use = Use(seg, start, end, axis, side, match_case(other, word), place_of(seg, start, end))
                uses.append(use)
                if axis == "z" and side == "gb":
                    uses.append(use._replace(family="system"))  # -ise is British in every system; -ize is not American
        yield from self._report(uses)

    def _report(self, uses: list[Use]) -> Iterator[Hit]:
        flagged = list(minority(uses))
        votes = [u.side for u in uses if u.family == "system" and u.place == NARRATIVE]
        z_votes = [u.side for u in uses if u.family == "z" and u.place == NARRATIVE] \
            or [u.side for u in uses if u.family == "z" and u.place == QUOTE and not votes]
        z_sides = set(z_votes)
        if not votes and len(z_sides) == 1:
            # the only marked words outside the other family are -ise/-ize (the narrative's, else the
            # quotations'): weak evidence of the system (Oxford spelling writes -ize too), so an info
            side = z_sides.pop()
            flagged = [f for f in flagged if f[0].family != "system"]
            flagged += [(u, side, len(z_votes), True) for u in uses
                        if u.family == "system" and u.side != side and u.place != HEADLINE]
        for u, kept, n, tied in flagged:
            keep = "American" if kept == "us" else "British"
            severity = Severity.info if u.place == QUOTE or tied else None
            yield hit(u.seg, u.start, u.end, suggestions=(u.payload,), severity=severity,
                      fields={"expected": u.payload, "system": keep, "count": n})
