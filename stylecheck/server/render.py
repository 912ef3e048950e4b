"""The article as the page shows it: its prose segments, each with its kind and its offset map.

The page draws Markdown and HTML as formatted text (a heading, paragraphs, list items, quotes)
from what the parser read, never from the raw source, and highlights findings through the runs:
(text_start, src_start, text_len, src_len) in code points, as the parser recorded them. A run with
text_len == src_len is the source verbatim (editable in place on the page); another stands for
markup such as an entity (`&amp;` is one character of text for five of source).
"""
from __future__ import annotations

from typing import Any


def segments_json(text: str, fmt: str) -> list[dict[str, Any]] | None:
    """The segments of text parsed as fmt, or None when it cannot be parsed."""
    from ..parsers import parse
    from ..source import Source

    try:
        doc = parse(Source("<text>", text), fmt)
    except Exception:  # the page falls back to the source view
        return None
    return [{"scope": seg.scope, "text": seg.text, "runs": [list(run) for run in seg.map.runs]} for seg in doc.segments]
