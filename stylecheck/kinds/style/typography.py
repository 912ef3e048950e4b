"""typography: punctuation house style — middle initials, spaces before punctuation, mixed quote styles."""
from __future__ import annotations

from typing import Iterator

import regex

from ...findings import Hit, Severity
from ...patterns import compile_re, compile_regex
from ...text.words import PART
from ..base import BaseKind, hit

_INITIAL = compile_regex(
    r"(?<![\w.'\u2019-])(?P<first>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?P<s1>[ \u00a0])(?P<init>[A-Z])"
    r"(?P<s2>[ \u00a0])(?P<last>\p{Lu}(?:\p{Ll}|\p{Lu}\p{Ll})[\p{L}'\u2019-]*)(?![\w.'\u2019-]*\.\w)", regex.V1
)
# Every reported initial is a capital other than "I" standing alone between two spaces: paragraphs
# without one are skipped after this `re` scan (several times faster than the full pattern).
_LONE_CAPITAL = compile_re(r"[ \u00a0][A-HJ-Z][ \u00a0]")
# ... and before that, a set test on the paragraph's words (the text layer's): one capital alone
_INITIALS = frozenset("ABCDEFGHJKLMNOPQRSTUVWXYZ")


def _title_case_run(text: str, start: int, end: int) -> bool:
    """True when the words around [start, end) are capitalised too, as in a title."""
    before = PART.findall(text[max(0, start - 40):start])[-1:]
    after = PART.findall(text[end:end + 40])[:1]
    words = before + after
    return bool(words) and all(w[:1].isupper() for w in words)


class MiddleInitial(BaseKind):
    """A middle initial without its full stop: "Lloyd J Austin" → "Lloyd J. Austin".

    House styles differ (BBC and Guardian drop the stop), and a preset is a choice the desk makes
    in its config, not something every article carries: so the article's own copy decides too.
    Under a preset in `off_presets` the rule is silent, under one in `on_presets` it always
    reports. Otherwise the article's evidence decides: another middle initial written with its
    stop makes a missing one a slip (warning); else honorifics ("Mr Blair" or "Mr.":
    `stops_after`), abbreviations ("US" or "U.S.": `abbreviations`) and the spelling system
    vote, and a house style that drops stops ("Mr Blair") is silent, one that keeps them gets a
    warning, a tie an info, and weaker evidence for dropping them an info with no fix. Words that
    take a letter label ("Plan B", "Category A") are listed in `not_after`, names with a letter
    ("Malcolm X") in `letter_names`. A capital "A" counts as an initial only when the surname
    recurs on its own or the article dots its other initials ("Conjuring A Scene" is a title).
    """

    OPTIONS = {
        "not_after": (list, []), "not_before": (list, []), "off_presets": (list, []), "on_presets": (list, []),
        "stops_after": (list, []), "abbreviations": (list, []), "letter_names": (list, []),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.not_after = {w.casefold() for w in self.opts["not_after"]}
        self.not_before = {w.casefold() for w in self.opts["not_before"]}
        self.letter_names = {" ".join(n.split()).casefold() for n in self.opts["letter_names"]}
        self.off = context.preset in self.opts["off_presets"]
        self.always = context.preset is not None and context.preset in self.opts["on_presets"]
        stops = "|".join(sorted(self.opts["stops_after"])) or "(?!)"
        self.honorific = compile_regex(rf"(?<![\w.])(?:{stops})(\.?)[ \u00a0]+\p{{Lu}}", regex.V1)
        pairs = sorted((d, b) for d, b in self.opts["abbreviations"])
        dotted = "|".join(regex.escape(d) for d, _ in pairs) or "(?!)"
        bare = "|".join(regex.escape(b) for _, b in pairs) or "(?!)"
        self._systems: tuple[frozenset[str], frozenset[str]] | None = None  # the lexicon's UK/US words, on first use
        self.abbreviation = compile_regex(rf"(?<![\w.])(?:({dotted})|({bare})(?![\w.]))", regex.V1)

    def _house(self, doc) -> tuple[Severity, bool] | None:
        """The severity the article's own evidence gives a missing stop, and whether to offer the fix
        (None: its style drops them).

        Another dotted middle initial settles it. Otherwise each kind of evidence votes once:
        honorifics with or without stops ("Mr." / "Mr Blair") count two, abbreviations ("U.S." /
        "US") one, and the spelling system one (British copy drops the stops, American copy keeps them).
        """
        if self.always:
            return Severity.warning, True
        honorific, abbreviation = set(), set()
        for seg in doc.segments:
            if _DOTTED_INITIAL.search(seg.text):
                return Severity.warning, True
            honorific.update("dotted" if m.group(1) else "bare" for m in self.honorific.finditer(seg.text))
            abbreviation.update("dotted" if m.group(1) else "bare" for m in self.abbreviation.finditer(seg.text))
        votes = {"dotted": 0, "bare": 0}
        for found, weight in ((honorific, 2), (abbreviation, 1), ({self._system(doc)}, 1)):
            for side in found & votes.keys():
                votes[side] += weight
        if votes["bare"] > votes["dotted"]:
            # only "Mr Blair" shows that the house drops stops after initials too: "US" and British
            # spelling are common in copy that writes "Lloyd J. Austin" (an info, then)
            return None if "bare" in honorific else (Severity.info, False)
        return (Severity.warning if votes["dotted"] > votes["bare"] else Severity.info), True

    def _system(self, doc) -> str:
        """"bare" for British spelling, "dotted" for American, "" for neither (the lexicon's UK/US pairs)."""
        if self._systems is None:
            gb_us = self.context.runtime.lexicon.gb_us
            self._systems = (frozenset(gb_us), frozenset(gb_us.values()) - frozenset(gb_us))
        vocab = doc.layer.vocab(folded=True)
        gb, us = len(vocab & self._systems[0]), len(vocab & self._systems[1])
        return "bare" if gb > us else "dotted" if us > gb else ""

    def check(self, doc) -> Iterator[Hit]:
        if self.off:
            return
        found = []
        for seg, words in zip(doc.segments, doc.layer.segment_words()):
            if seg.scope == "headline":
                continue  # title case makes "Gets A Boost" look like a name
            if words.isdisjoint(_INITIALS) or not _LONE_CAPITAL.search(seg.text):
                continue  # no candidate initial (or only "I"): nothing this rule would report
            for m in _INITIAL.finditer(seg.text):
                first, init, last = m.group("first"), m.group("init"), m.group("last")
                if init == "I" or first.casefold() in self.not_after or last.casefold() in self.not_before:
                    continue
                if f"{first} {init}".casefold() in self.letter_names:
                    continue  # "Malcolm X", "Gen Z": the letter is part of the name
                if init == "A" and _title_case_run(seg.text, m.start(), m.end()):
                    continue  # "Tweets A Wildly Popular ...": a title, where "A" is the article
                found.append((seg, m))
        # "A" between capitalised words is more often the article in a title ("Conjuring A Scene")
        # than an initial: it counts when the surname recurs or the article dots its other initials
        if any(m.group("init") == "A" for _, m in found):
            dotted = any(_DOTTED_INITIAL.search(seg.text) for seg in doc.segments)
            found = [(seg, m) for seg, m in found if m.group("init") != "A" or dotted or _recurs(doc, m.group("last"))]
        if not found:
            return
        house = self._house(doc)
        if house is None:
            return
        severity, fix = house  # no fix when only weak signs ("US", British spelling) show the house style
        for seg, m in found:
            fixed = f"{m.group('first')}{m.group('s1')}{m.group('init')}.{m.group('s2')}{m.group('last')}"
            yield hit(seg, m.start(), m.end(), suggestions=(fixed,) if fix else (), fields={"expected": fixed},
                      severity=severity)


# A middle initial with its stop: "Lloyd J. Austin", the evidence that the house writes it.
_DOTTED_INITIAL = compile_regex(r"(?<![\w.])\p{Lu}\p{Ll}+[ \u00a0][A-Z]\.[ \u00a0]\p{Lu}\p{Ll}", regex.V1)


def _recurs(doc, surname: str) -> bool:
    """The surname is used again on its own in the article (a person, not a title's last word)."""
    return doc.layer.word_counts().get(surname, 0) > 1


# The lookbehind keeps long runs linear (#7); it sits after the first space (two wide), so the
# pattern opens with a character set and `re` skips in C from one space to the next (2x faster).
_SPACE_PUNCT = compile_re(r"([ \t\u00a0](?<![ \t\u00a0][ \t\u00a0])[ \t\u00a0]*)([,;:?!]|\.(?!\.))(?![^\W_])")
_BEFORE_SPACE = ")]\"'\u201d\u2019%"
_SPACE_THEN_MARK = (" ,", " .", " :", " ;", " ?", " !")


class SpaceBeforePunctuation(BaseKind):
    """A space before , . : ; ? or !: "Source : AP" → "Source: AP".

    Times and ratios ("10 : 30", "3 : 1"), decimals and domains (" .5", " .com") and
    ellipses are left alone.
    """

    OPTIONS = {}

    def check(self, doc) -> Iterator[Hit]:
        for seg in doc.segments:
            text = seg.text
            if not any(p in text for p in _SPACE_THEN_MARK) and "\t" not in text and "\u00a0" not in text:
                continue  # no space right before a mark: a few substring searches (in C) settle most paragraphs
            for m in _SPACE_PUNCT.finditer(text):
                prev = text[m.start() - 1:m.start()]
                if not prev or not (prev.isalnum() or prev in _BEFORE_SPACE):
                    continue
                mark = m.group(2)
                if mark == ":" and text[m.start() - 1:m.start()].isdigit():
                    continue
                if mark == "." and (text[m.end():m.end() + 2] == " ." or text[max(0, m.start() - 2):m.start()] == ". "):
                    continue  # a spaced ellipsis: ". . ."
                yield hit(seg, m.start(), m.end(), suggestions=(mark,), fields={"expected": mark, "mark": mark})


# Plain character searches: `re` finds them several times faster than `regex`.
_STRAIGHT = compile_re(r'"')
_CURLY = compile_re(r"[\u201c\u201d]")


class MixedQuotes(BaseKind):
    """Straight and curly double quotes mixed in one article: flag the minority style.

    One finding per article, at its first minority mark, counting the paragraphs that hold
    others: the mix is one fault of the article (copy pasted from two sources), and the editor
    fixes it in one pass. Marks inside embed markup that survived into plain text
    (`<tweet tweet-id="...">`) are not copy and neither vote nor count; a headline keeps its own style.
    """

    OPTIONS = {}

    def check(self, doc) -> Iterator[Hit]:
        if not any('"' in seg.text for seg in doc.segments) \
                or not any("\u201c" in seg.text or "\u201d" in seg.text for seg in doc.segments):
            return  # one kind of mark (or none): nothing is mixed
        straight, curly = [], []
        for seg in doc.segments:
            if seg.scope == "headline":
                continue  # a headline keeps its own style
            tags = [m.span() for m in _TAG.finditer(seg.text)] if "<" in seg.text else []
            for pattern, marks in ((_STRAIGHT, straight), (_CURLY, curly)):
                if tags:
                    marks.extend((seg, m.start()) for m in pattern.finditer(seg.text)
                                 if not any(a <= m.start() < b for a, b in tags))
                else:
                    marks.extend((seg, m.start()) for m in pattern.finditer(seg.text))
        if not straight or not curly:
            return
        minority, style = (straight, "curly") if len(straight) < len(curly) else (curly, "straight")
        seg, i = minority[0]
        if style == "straight":
            repl = '"'
        else:
            opening = i == 0 or seg.text[i - 1].isspace() or seg.text[i - 1] in "([{\u2014\u2013-"
            repl = "\u201c" if opening else "\u201d"
        paragraphs = len({id(s) for s, _ in minority})
        where = "this paragraph" if paragraphs == 1 else f"{paragraphs} paragraphs, the first here"
        yield hit(seg, i, i + 1, suggestions=(repl,), fields={"expected": repl, "style": style, "where": where})


# A markup tag left in plain text (an embed): `<tweet tweet-id="1">`, `</p>`.
_TAG = compile_re(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
