"""Plain text: paragraphs are separated by blank lines; a short first line is the headline."""
from __future__ import annotations

from typing import Iterator

from ..document import Document, Segment
from ..patterns import compile_regex
from ..text.quotes import mark_quotes
from ..source import Source
from .common import SegmentBuilder

_BLANK_LINES = compile_regex(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:(?:\r\n|\r(?!\n)|\n)[ \t]*)+")


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of text."""
    pos = 0
    for m in _BLANK_LINES.finditer(text):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    chunk = text[s:e]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    if trail > lead:
        yield s + lead, s + trail


def is_headline(text: str) -> bool:
    """A single short line without closing punctuation reads as a headline."""
    return "\n" not in text and "\r" not in text and len(text.split()) <= 20 and not text.rstrip().endswith((".", "?", "!", '"', "\u201d"))


def parse_plaintext(source: Source) -> Document:
    """Paragraphs as segments; URLs and e-mail addresses inside them are not prose."""
    segments = list(_segments(source))
    mark_quotes(segments)
    return Document(source.text, "text", segments)


def parse_plaintext_parts(source: Source, part_chars: int, cuts: tuple[int, ...] | None = None) -> Iterator[Document]:
    """parse_plaintext's segments as Documents of about part_chars characters, built one at a time
    (or starting at the segments numbered in `cuts`).

    For a file far longer than any article: only the part being checked is held in memory.
    Quotes that run across paragraphs are linked across parts too.
    """
    run: list[Segment] = []
    size, quote_open = 0, False
    starts = set(cuts or ())
    for n, seg in enumerate(_segments(source)):
        if run and (n in starts if cuts is not None else size + len(seg.text) > part_chars):
            quote_open = mark_quotes(run, quote_open)
            yield Document(source.text, "text", run)
            run, size = [], 0
        run.append(seg)
        size += len(seg.text)
    mark_quotes(run, quote_open)
    yield Document(source.text, "text", run)


def _segments(source: Source) -> Iterator[Segment]:
    index = 0
    for n, (s, e) in enumerate(iter_paragraphs(source.text)):
        builder = SegmentBuilder(source.text)
        builder.verbatim(s, e)
        scope = "headline" if n == 0 and is_headline(source.text[s:e]) else "paragraph"
        seg = builder.build(scope)
        if seg is not None:
            seg.index = index
            index += 1
            yield seg
