"""The sentence around each finding as the reader sees it, for the text report's context line.

The report used to show the finding's source line: a whole hard-wrapped paragraph's line, or raw
Markdown and HTML. Here the file is parsed again (only for files with findings, only for the text
report) and each finding's span is mapped from source offsets into its prose segment through the
segment's OffsetMap; the sentences around it (text/sentences.py) are shown on one line, markup gone,
entities decoded, line breaks as spaces, with the span's columns in that line.
"""
from __future__ import annotations

import bisect

from .patterns import compile_re

MAX_CHARS = 500_000  # a longer file is shown by source lines (parsing it again costs as much as its lint)
# a line break with the spaces around it; (?<!…) starts only at the first space of a run: linear on long runs
_BREAKS = compile_re(r"(?<![^\S\r\n])[^\S\r\n]*(?:\r\n|\r|\n)\s*")
_BLANK = compile_re(r"(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)\s*")  # a paragraph break


class Excerpt:
    """One line of prose and the span's place in it: text[start:end] is the finding."""

    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end


def excerpts(source, fmt: str, findings) -> list[Excerpt | None]:
    """An Excerpt per finding, None where its span lies outside the prose (or the file is too long)."""
    if not findings or len(source.text) > MAX_CHARS:
        return [None] * len(findings)
    if fmt == "text":  # prose is the source itself: its paragraphs, without the parser (a cached run has none loaded)
        breaks = [(m.start(), m.end()) for m in _BLANK.finditer(source.text)]
        return [_in_paragraph(source.text, breaks, f.start, f.end) for f in findings]
    from .parsers import parse

    try:
        segments = parse(source, fmt).segments
    except Exception:  # the report must not fail for its context lines
        return [None] * len(findings)
    index = _SegmentIndex(segments)
    return [index.excerpt(f.start, f.end) for f in findings]


class _SegmentIndex:
    """Source offset -> (segment, prose offset), through every segment's runs in source order."""

    def __init__(self, segments):
        self.runs = sorted((s, s + sl, t, tl, seg) for seg in segments for t, s, tl, sl in seg.map.runs)
        self.starts = [r[0] for r in self.runs]

    def _find(self, pos: int, end: bool):
        """The run holding source offset pos (as a span's start, or as its exclusive end)."""
        k = bisect.bisect_right(self.starts, pos - 1 if end else pos) - 1
        if k < 0:
            return None
        s, e, t, tl, seg = self.runs[k]
        if not (s < pos <= e if end else s <= pos < e):
            return None
        if tl == e - s:
            return seg, t + (pos - s)
        return seg, (t + tl if end else t)  # an entity: all of it or none

    def excerpt(self, start: int, end: int) -> Excerpt | None:
        first = self._find(start, end=False)
        last = self._find(end, end=True) if end > start else first
        if first is None or last is None or first[0] is not last[0]:
            return None
        seg, lo = first
        hi = max(last[1], lo)
        return _in_sentence(seg.text, lo, hi)


def _in_paragraph(text: str, breaks: list[tuple[int, int]], lo: int, hi: int) -> Excerpt:
    """Plain text: the sentence around [lo, hi) within its paragraph (text between blank lines)."""
    k = bisect.bisect_right(breaks, (lo, lo))  # the first paragraph break at or after lo
    start = breaks[k - 1][1] if k and breaks[k - 1][1] <= lo else 0
    while k < len(breaks) and breaks[k][0] < hi:
        k += 1
    end = breaks[k][0] if k < len(breaks) else len(text)
    return _in_sentence(text[start:end], lo - start, hi - start)


def _in_sentence(text: str, lo: int, hi: int) -> Excerpt:
    from .text.sentences import sentence_spans

    spans = sentence_spans(text) or [(0, len(text))]
    s = next((a for a, b in reversed(spans) if a <= lo), 0)
    e = next((b for a, b in spans if b >= hi), len(text))
    pre, mid, post = (_one_line(p) for p in (text[s:lo], text[lo:hi], text[hi:e]))
    return Excerpt(pre + mid + post, len(pre), len(pre) + len(mid))


def _one_line(text: str) -> str:
    return _BREAKS.sub(" ", text)
