"""typography: punctuation house style — middle initials, spaces before punctuation, mixed quote styles."""
from __future__ import annotations

from typing import Iterator

import regex

from ...findings import Hit
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


def _title_case_run(text: str, start: int, end: int) -> bool:
    """True when the words around [start, end) are capitalised too, as in a title."""
    before = PART.findall(text[max(0, start - 40):start])[-1:]
    after = PART.findall(text[end:end + 40])[:1]
    words = before + after
    return bool(words) and all(w[:1].isupper() for w in words)


class MiddleInitial(BaseKind):
    """A middle initial without its full stop: "Lloyd J Austin" → "Lloyd J. Austin".

    House styles differ (BBC drops the stop), so presets in `off_presets` silence it; words that
    take a letter label ("Plan B", "Category A") are listed in `not_after`.
    """

    OPTIONS = {"not_after": (list, []), "not_before": (list, []), "off_presets": (list, [])}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.not_after = {w.casefold() for w in self.opts["not_after"]}
        self.not_before = {w.casefold() for w in self.opts["not_before"]}
        self.off = context.preset in self.opts["off_presets"]

    def check(self, doc) -> Iterator[Hit]:
        if self.off:
            return
        for seg in doc.segments:
            if seg.scope == "headline":
                continue  # title case makes "Gets A Boost" look like a name
            if not _LONE_CAPITAL.search(seg.text):
                continue  # no candidate initial (or only "I"): nothing this rule would report
            for m in _INITIAL.finditer(seg.text):
                first, init, last = m.group("first"), m.group("init"), m.group("last")
                if init == "I" or first.casefold() in self.not_after or last.casefold() in self.not_before:
                    continue
                if init == "A" and _title_case_run(seg.text, m.start(), m.end()):
                    continue  # "Tweets A Wildly Popular ...": a title, where "A" is the article
                fixed = f"{first}{m.group('s1')}{init}.{m.group('s2')}{last}"
                yield hit(seg, m.start(), m.end(), suggestions=(fixed,), fields={"expected": fixed})


# The lookbehind keeps long runs linear (#7); it sits after the first space (two wide), so the
# pattern opens with a character set and `re` skips in C from one space to the next (2x faster).
_SPACE_PUNCT = compile_re(r"([ \t\u00a0](?<![ \t\u00a0][ \t\u00a0])[ \t\u00a0]*)([,;:?!]|\.(?!\.))(?![^\W_])")
_BEFORE_SPACE = ")]\"'\u201d\u2019%"


class SpaceBeforePunctuation(BaseKind):
    """A space before , . : ; ? or !: "Source : AP" → "Source: AP".

    Times and ratios ("10 : 30", "3 : 1"), decimals and domains (" .5", " .com") and
    ellipses are left alone.
    """

    OPTIONS = {}

    def check(self, doc) -> Iterator[Hit]:
        for seg in doc.segments:
            text = seg.text
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

    One finding per paragraph that holds minority marks (at its first one), so an article
    pasted from two sources gets a handful of findings, not one per mark.
    """

    OPTIONS = {}

    def check(self, doc) -> Iterator[Hit]:
        straight = [(seg, m.start()) for seg in doc.segments for m in _STRAIGHT.finditer(seg.text)]
        curly = [(seg, m.start()) for seg in doc.segments for m in _CURLY.finditer(seg.text)]
        if not straight or not curly:
            return
        minority, style = (straight, "curly") if len(straight) < len(curly) else (curly, "straight")
        seen = set()
        for seg, i in minority:
            if id(seg) in seen:
                continue
            seen.add(id(seg))
            if style == "straight":
                repl = '"'
            else:
                opening = i == 0 or seg.text[i - 1].isspace() or seg.text[i - 1] in "([{\u2014\u2013-"
                repl = "\u201c" if opening else "\u201d"
            yield hit(seg, i, i + 1, suggestions=(repl,), fields={"expected": repl, "style": style})


