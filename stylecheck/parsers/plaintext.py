"""Plain text: paragraphs are separated by blank lines; a short first line is the headline."""
from __future__ import annotations

from ..document import Document
from ..patterns import compile_regex
from ..quotes import mark_quotes
from ..source import Source
from .common import SegmentBuilder

_BLANK_LINES = compile_regex(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:(?:\r\n|\r(?!\n)|\n)[ \t]*)+")


def split_paragraphs(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of text, offsets shifted by base."""
    spans = []
    pos = 0
    for m in _BLANK_LINES.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((base + s + lead, base + s + trail))
    return out


def is_headline(text: str) -> bool:
    """A single short line without closing punctuation reads as a headline."""
    return "\n" not in text and "\r" not in text and len(text.split()) <= 20 and not text.rstrip().endswith((".", "?", "!", '"', "\u201d"))


def parse_plaintext(source: Source) -> Document:
    """Paragraphs as segments; URLs and e-mail addresses inside them are not prose."""
    segments = []
    for n, (s, e) in enumerate(split_paragraphs(source.text)):
        builder = SegmentBuilder(source.text)
        builder.verbatim(s, e)
        scope = "headline" if n == 0 and is_headline(source.text[s:e]) else "paragraph"
        seg = builder.build(scope)
        if seg is not None:
            seg.index = len(segments)
            segments.append(seg)
    mark_quotes(segments)
    return Document(source.text, "text", segments)
