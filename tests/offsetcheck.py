"""Offset-map invariants shared by the parser tests (not a test module itself)."""
from __future__ import annotations

import html
import re

from stylecheck.parsers.common import OBJECT

_BR = re.compile(r"<br\b[^>]*>", re.IGNORECASE)
_HARD_BREAK = re.compile(r"(?: {2,}|\\)(?:\r\n|\n|\r)")  # Markdown: its spaces or backslash are markup


def check_document(doc) -> dict[str, int]:
    """Assert every prose char maps to itself in the source, or is an entity, <br> or object.

    Returns how many chars of each special kind were seen so tests can assert them separately.
    Also checks that each segment's characters map to strictly increasing source offsets and
    that segments do not overlap.
    """
    src = doc.source
    seen = {"verbatim": 0, "entity": 0, "br": 0, "object": 0}
    last_end = -1
    for seg in sorted(doc.segments, key=lambda s: s.to_source(0, len(s.text))[0] if s.text else 0):
        assert seg.text, "empty segment"
        assert seg.text == seg.text.strip(), f"untrimmed segment {seg.text!r}"
        prev = -1
        for i, ch in enumerate(seg.text):
            a, b = seg.to_source(i, i + 1)
            assert 0 <= a < b <= len(src), (i, ch, a, b)
            assert a > prev, f"prose char {i} ({ch!r}) maps backwards: {a} <= {prev}"
            prev = a
            raw = src[a:b]
            if b - a == 1 and raw == ch:
                seen["verbatim"] += 1
            elif ch == OBJECT:
                seen["object"] += 1
            elif ch == "\n" and (_BR.fullmatch(raw) or _HARD_BREAK.fullmatch(raw)):
                seen["br"] += 1
            elif raw == "\r\n" and ch in "\r\n":
                seen["verbatim"] += 1
            else:
                assert html.unescape(raw).startswith(ch) and raw.startswith("&"), f"{ch!r} maps to {raw!r}"
                seen["entity"] += 1
        s, e = seg.to_source(0, len(seg.text))
        assert s >= last_end, f"segments overlap at {s}"
        last_end = e
    for q_seg in doc.segments:
        for q in q_seg.quotes:
            assert 0 <= q.start < q.end <= len(q_seg.text)
    return seen


def check_findings(findings, source: str) -> None:
    for f in findings:
        assert 0 <= f.start < f.end <= len(source), f
        assert f.text == source[f.start:f.end]
