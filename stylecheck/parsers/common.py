"""Build prose segments with exact offset maps; shared by the text, Markdown and HTML parsers.

A parser feeds a SegmentBuilder the pieces of one block in reading order: verbatim source runs,
decoded characters standing for longer source spans (entities, `<br>`), and *objects* (inline
code, images, autolinks) that are not prose but sit inside a sentence. The builder then:

- replaces URLs and e-mail addresses in the prose with an object too (they are not prose in any
  format, and spelling or phrasing rules must not read them);
- trims surrounding whitespace and drops blocks without a letter or digit.

An object is one OBJECT character (U+FFFC, the Unicode "object replacement character") mapped
to the whole source span it replaces. Dropping such things outright would glue the words on
either side together: "the `x` the" would read as a doubled word and "see www.example.org."
would read as a space before a full stop. U+FFFC is neither a letter, a space nor sentence
punctuation, so rules see a neutral token, and any span that touches it maps back to the
whole object in the source.
"""
from __future__ import annotations

import bisect

import regex

from ..document import OffsetMap, Segment
from ..patterns import compile_regex

OBJECT = "\ufffc"

# Scheme URLs, www. hosts and e-mail addresses; trailing sentence punctuation is trimmed below.
_URL = compile_regex(
    r"""(?:(?<![\w@.])(?:https?|ftp|file)://|(?<![\w@./])www\.)[^\s<>"\u201c\u201d\u2018\u2019\u00ab\u00bb\ufffc]+"""
    r"""|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+""",
    regex.IGNORECASE,
)
_TRAILING = ".,;:!?'*_"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses in prose, without trailing sentence punctuation."""
    if "://" not in text and "@" not in text and "www." not in text.lower():
        return []
    spans = []
    for m in _URL.finditer(text):
        s, e = m.span()
        while e > s:
            ch = text[e - 1]
            if ch in _TRAILING:
                e -= 1
            elif ch in _PAIRS and text.count(_PAIRS[ch], s, e) < text.count(ch, s, e):
                e -= 1  # "(see https://x.org/a)" keeps its closing bracket out of the URL
            else:
                break
        if e - s > 4:
            spans.append((s, e))
    return spans


class SegmentBuilder:
    """Accumulate the prose of one block with its source offsets, then build a Segment."""

    def __init__(self, source: str):
        self.source = source
        self.parts: list[str] = []
        self.map = OffsetMap()
        self.length = 0
        self.objects: list[tuple[int, int]] = []  # text spans of objects (each one OBJECT char)

    def __bool__(self) -> bool:
        return self.length > 0

    def verbatim(self, start: int, end: int) -> None:
        """Source text [start, end) is prose exactly as written."""
        if end > start:
            self.parts.append(self.source[start:end])
            self.map.add(self.length, start, end - start)
            self.length += end - start

    def mapped(self, text: str, start: int, end: int) -> None:
        """Prose text (a decoded entity, a line break) that stands for source [start, end)."""
        if not text:
            return
        self.parts.append(text)
        self.map.add(self.length, start, len(text), end - start)
        self.length += len(text)

    def obj(self, start: int, end: int) -> None:
        """A non-prose object inside the prose (inline code, image, link target) at source [start, end)."""
        self.objects.append((self.length, self.length + 1))
        self.mapped(OBJECT, start, end)

    def build(self, scope: str = "paragraph") -> Segment | None:
        """The Segment for what was collected (URLs made objects, trimmed), or None if no prose."""
        text = "".join(self.parts)
        if not any(ch.isalnum() for ch in text):
            return None
        urls = url_spans(text)
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip())
        if not urls and lead == 0 and trail == len(text):
            return Segment(text, self.map, scope)
        pieces: list[tuple[int, int, bool]] = []  # (start, end, is_object)
        pos = lead
        for s, e in urls:
            s, e = max(s, lead), min(e, trail)
            if e <= s:
                continue
            if s > pos:
                pieces.append((pos, s, False))
            pieces.append((s, e, True))
            pos = e
        if trail > pos:
            pieces.append((pos, trail, False))
        out_parts: list[str] = []
        out_map = OffsetMap()
        n = 0
        for s, e, is_obj in pieces:
            if is_obj:
                src_s, src_e = self.map.span(s, e)
                out_map.add(n, src_s, 1, src_e - src_s)
                out_parts.append(OBJECT)
                n += 1
            else:
                copy_runs(self.map, s, e, out_map, n)
                out_parts.append(text[s:e])
                n += e - s
        new_text = "".join(out_parts)
        if not any(ch.isalnum() for ch in new_text):
            return None
        return Segment(new_text, out_map, scope)


def copy_runs(src: OffsetMap, start: int, end: int, dst: OffsetMap, at: int) -> None:
    """Append to dst the runs of src covering text [start, end), shifted to begin at `at`."""
    runs = src.runs
    k = max(bisect.bisect_right(src._starts, start) - 1, 0)
    while k < len(runs):
        t, s, tl, sl = runs[k]
        if t >= end:
            break
        lo, hi = max(start, t), min(end, t + tl)
        if hi > lo:
            if tl == sl:
                dst.add(at + lo - start, s + lo - t, hi - lo)
            else:  # a decoded run is never split in two: keep its whole source span
                dst.add(at + lo - start, s, hi - lo, sl)
        k += 1
