"""Find direct quotations in a run of prose segments.

Double quotes (straight or curly) delimit speech; single quotes nest inside them. A paragraph
that ends inside a quote leaves it open, and the next paragraph that opens with a quote mark
carries that quote on (the news convention of omitting the closing mark between paragraphs).
"""
from __future__ import annotations

from .document import Quote, Segment

_OPENERS = "\u201c\u201e"  # “ „
_CLOSERS = "\u201d"  # ”
_BEFORE_OPEN = " \t\r\n([{\u2014\u2013-/:;,"


def find_quotes(text: str) -> list[Quote]:
    """Top-level double-quoted spans of one paragraph, marks included."""
    quotes: list[Quote] = []
    start = -1
    for i, ch in enumerate(text):
        if ch == '"':
            opener = i == 0 or text[i - 1] in _BEFORE_OPEN or text[i - 1] in _OPENERS
            if start < 0 and opener:
                start = i
            elif start >= 0:
                quotes.append(Quote(start, i + 1))
                start = -1
        elif ch in _OPENERS:
            if start < 0:
                start = i
        elif ch in _CLOSERS:
            if start >= 0:
                quotes.append(Quote(start, i + 1))
                start = -1
    if start >= 0:
        end = len(text.rstrip())
        if end > start + 1:
            quotes.append(Quote(start, end, closed=False))
    return quotes


def mark_quotes(segments: list[Segment]) -> None:
    """Fill each segment's quotes, linking quotes that run across paragraphs."""
    open_before = False
    for seg in segments:
        seg.quotes = find_quotes(seg.text)
        if open_before and seg.quotes and seg.quotes[0].start == len(seg.text) - len(seg.text.lstrip()):
            seg.quotes[0].continues = True
        open_before = bool(seg.quotes) and not seg.quotes[-1].closed
