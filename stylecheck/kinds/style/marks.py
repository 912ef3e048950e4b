"""marks: dash spacing, one article's dashes set one way.

An em dash is spaced ("in 2024 — a record", AP and most British papers) or closed ("in 2024—a
record", Chicago and many US magazines); either is a house style, a mix is copy pasted from two
sources, and a dash spaced on one side only ("rose —a record") is a slip in any style. Each dash
character is its own family (an em dash "—" and a typed double hyphen "--"); a spaced en dash
(" – ", the British dash) counts with spaced dashes of its family, while a closed en dash is a
range or a link ("2019–20", "the Paris–Berlin train"), not a dash. A dash that opens or ends a
line (a list, a dateline's tail) has no spacing to compare, and headlines keep their own style.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ...findings import Hit, Severity
from ...patterns import compile_re
from ..base import BaseKind, hit

# A dash; the spaces around it (horizontal only: a line break is not spacing) are read after,
# so a run of spaces is never rescanned from every position inside it.
_DASH = compile_re(r"\u2014|--|\u2013")
_SPACES = " \u00a0"
_SHOW = {"spaced": "word \u2014 word", "closed": "word\u2014word"}


def _span(text: str, m) -> tuple[int, int]:
    """The dash with the spaces right around it."""
    s, e = m.span()
    while s > 0 and text[s - 1] in _SPACES:
        s -= 1
    while e < len(text) and text[e] in _SPACES:
        e += 1
    return s, e


def _classify(text: str, m) -> tuple[str, str] | None:
    """(family, "spaced" | "closed" | "left" | "right") for a dash between two words, else None."""
    s, e = _span(text, m)
    dash = m.group()
    before, after = text[s - 1:s], text[e:e + 1]
    if not before or not after or before.isspace() or after.isspace():
        return None  # opens or ends a line, or a run of spaces: nothing to compare
    lead = s < m.start()
    trail = e > m.end()
    if dash == "\u2013" and not (lead or trail):
        return None  # a closed en dash is a range or a link: "2019–20"
    family = "--" if dash == "--" else "\u2014"
    if lead and trail:
        return family, "spaced"
    if not lead and not trail:
        if not (before.isalnum() or before in ".,;:!?)\"'\u201d\u2019") or not (after.isalnum() or after in "(\"'\u201c\u2018"):
            return None
        return family, "closed"
    return family, "left" if lead else "right"


class DashSpacing(BaseKind):
    """Flag dashes spaced against the article's own majority, and dashes spaced on one side only."""

    OPTIONS = {}

    def check(self, doc) -> Iterator[Hit]:
        found = []
        for seg in doc.segments:
            if seg.scope == "headline" or ("\u2014" not in seg.text and "--" not in seg.text and " \u2013" not in seg.text):
                continue
            for m in _DASH.finditer(seg.text):
                if seg.text[m.end():m.end() + 1] == "-" or seg.text[m.start() - 1:m.start()] == "-":
                    continue  # "---" and longer rules are not dashes
                kind = _classify(seg.text, m)
                if kind is not None:
                    found.append((seg, _span(seg.text, m), m.group(), *kind))
        counts = Counter((fam, style) for _, _, _, fam, style in found if style in ("spaced", "closed"))
        first: dict[str, str] = {}  # the style each family uses first: it wins a tie
        for _, _, _, fam, style in found:
            if style in ("spaced", "closed"):
                first.setdefault(fam, style)
        for seg, (start, end), dash, fam, style in found:
            spaced, closed = counts[(fam, "spaced")], counts[(fam, "closed")]
            if style in ("left", "right"):
                want = "closed" if closed > spaced else "spaced"
                severity, reason = None, "a dash spaced on one side only is a slip"
            elif min(spaced, closed) == 0 or counts[(fam, style)] > counts[(fam, _other(style))] \
                    or (spaced == closed and style == first[fam]):
                continue  # one style, or this dash is the majority's (or, in a tie, the first used)
            else:
                want = _other(style)
                severity = Severity.info if spaced == closed else None
                reason = "the article sets its other dashes that way"
            if dash == "\u2013" and want == "closed":
                continue  # closing up an en dash would make a range of it
            fixed = f" {dash} " if want == "spaced" else dash
            suggestions = () if severity is Severity.info else (fixed,)
            yield hit(seg, start, end, suggestions=suggestions, severity=severity,
                      fields={"expected": fixed, "style": _SHOW[want].replace("\u2014", dash), "reason": reason})


def _other(style: str) -> str:
    return "closed" if style == "spaced" else "spaced"
