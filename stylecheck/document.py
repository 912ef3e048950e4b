"""The document model: prose segments with an offset map back to the original source.

Parsers strip markup and record where each piece of prose came from; rules only ever see
prose text, and every span they report is mapped back through the segment's OffsetMap.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .text import TextLayer

# Scopes a segment can have; rules may restrict themselves to some of them.
SCOPES = ("headline", "paragraph", "blockquote", "list_item", "caption", "table_cell")


class OffsetMap:
    """Piecewise map from prose offsets to source offsets.

    Each run is (text_start, src_start, text_len, src_len). Verbatim runs have
    text_len == src_len; a decoded entity (`&amp;` -> `&`) is a run of 1 text char
    standing for src_len source chars.
    """

    __slots__ = ("runs", "_starts")

    def __init__(self) -> None:
        self.runs: list[tuple[int, int, int, int]] = []
        self._starts: list[int] = []

    def add(self, text_start: int, src_start: int, text_len: int, src_len: int | None = None) -> None:
        """Append a run; adjacent verbatim runs are merged to keep the map small."""
        if text_len <= 0:
            return
        src_len = text_len if src_len is None else src_len
        if self.runs:
            t, s, tl, sl = self.runs[-1]
            if tl == sl and text_len == src_len and t + tl == text_start and s + sl == src_start:
                self.runs[-1] = (t, s, tl + text_len, sl + src_len)
                return
        self.runs.append((text_start, src_start, text_len, src_len))
        self._starts.append(text_start)

    def _run(self, i: int) -> tuple[int, int, int, int]:
        k = bisect.bisect_right(self._starts, i) - 1
        return self.runs[max(k, 0)]

    def to_source(self, i: int) -> int:
        """Source offset of the prose character at i."""
        t, s, tl, sl = self._run(i)
        if tl == sl:
            return s + (i - t)
        return s if i == t else s + sl

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span for the prose span [start, end); end exclusive."""
        if end <= start:
            p = self.to_source(start)
            return p, p
        t, s, tl, sl = self._run(end - 1)
        if tl == sl:
            src_end = s + (end - t)
        else:
            src_end = s + sl
        return self.to_source(start), src_end


class Quote:
    """A direct quotation inside a segment, in segment offsets (marks included).

    `closed` is False when the paragraph ends before the closing mark (a quote that carries
    on into the next paragraph); `continues` is True when this quote carries on the previous
    paragraph's quote.
    """

    __slots__ = ("start", "end", "closed", "continues")

    def __init__(self, start: int, end: int, closed: bool = True, continues: bool = False):
        self.start, self.end, self.closed, self.continues = start, end, closed, continues

    def __repr__(self) -> str:
        return f"Quote({self.start}, {self.end}, closed={self.closed}, continues={self.continues})"

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


class Segment:
    """One block of prose (headline, paragraph, list item, ...) and where it came from."""

    __slots__ = ("text", "map", "scope", "quotes", "index")

    def __init__(self, text: str, map: OffsetMap, scope: str = "paragraph", quotes: list[Quote] | None = None,
                 index: int = 0):
        self.text, self.map, self.scope, self.index = text, map, scope, index
        self.quotes: list[Quote] = [] if quotes is None else quotes

    def __repr__(self) -> str:
        return f"Segment({self.text!r}, scope={self.scope!r}, index={self.index})"

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self.map.span(start, end)

    def in_quote(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a direct quotation."""
        for q in self.quotes:
            if q.start <= start and end <= q.end:
                return True
            if q.start >= end:
                break
        return False


class Document:
    """A parsed article: its source text, format and prose segments in reading order."""

    __slots__ = ("source", "format", "segments", "directives", "_layer")

    def __init__(self, source: str, format: str, segments: list[Segment],
                 directives: list[tuple[int, str, tuple[str, ...]]] | None = None):
        self.source, self.format, self.segments = source, format, segments
        # Inline suppression directives as (source_offset, action, codes) collected by parsers.
        self.directives = [] if directives is None else directives
        self._layer: "TextLayer | None" = None

    @property
    def layer(self) -> "TextLayer":
        """The text layer every rule reads (words, views, sentences, names), built on first use."""
        if self._layer is None:
            from .text import TextLayer

            self._layer = TextLayer(self)
        return self._layer

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.segments)
