"""The document model: prose segments with an offset map back to the original source.

Parsers strip markup and record where each piece of prose came from; rules only ever see
prose text, and every span they report is mapped back through the segment's OffsetMap.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

# Scopes a segment can have; rules may restrict themselves to some of them.
SCOPES = ("headline", "paragraph", "blockquote", "list_item", "caption", "table_cell")


@dataclass
class OffsetMap:
    """Piecewise map from prose offsets to source offsets.

    Each run is (text_start, src_start, text_len, src_len). Verbatim runs have
    text_len == src_len; a decoded entity (`&amp;` -> `&`) is a run of 1 text char
    standing for src_len source chars.
    """

    runs: list[tuple[int, int, int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

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


@dataclass
class Quote:
    """A direct quotation inside a segment, in segment offsets (marks included).

    `closed` is False when the paragraph ends before the closing mark (a quote that carries
    on into the next paragraph); `continues` is True when this quote carries on the previous
    paragraph's quote.
    """

    start: int
    end: int
    closed: bool = True
    continues: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


@dataclass
class Segment:
    """One block of prose (headline, paragraph, list item, ...) and where it came from."""

    text: str
    map: OffsetMap
    scope: str = "paragraph"
    quotes: list[Quote] = field(default_factory=list)
    index: int = 0

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


@dataclass
class Document:
    """A parsed article: its source text, format and prose segments in reading order."""

    source: str
    format: str
    segments: list[Segment]
    # Inline suppression directives as (source_offset, action, codes) collected by parsers.
    directives: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)
    # Per-document memo for analyzers that share work (e.g. name mentions); never global.
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.segments)
