"""Post-rule filters: quote scope, segment scope, inline suppression, dedupe and order."""
from __future__ import annotations

import bisect

from .document import Document
from .findings import Finding
from .packs import Rule
from .selection import matches
from .source import line_starts

MAX_FINDINGS_PER_FILE = 10_000


def _quote_spans(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for seg in doc.segments:
        for q in seg.quotes:
            spans.append(seg.to_source(q.start, q.end))
        if "''" in seg.text:
            spans.extend(seg.to_source(a, b) for a, b in _apostrophe_quotes(seg.text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:  # nested or overlapping spans become one, so a bisect finds the outer
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _apostrophe_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations marked with two apostrophes, as archives converted from typeset copy write them
    (''We will act,'' she said): an opener before a word, a closer after one. Only the word-choice
    rules' scope reads these (the speech layer does not): what a speaker said is not reworded."""
    out = []
    i = text.find("''")
    start = None
    while i >= 0:
        before, after = text[i - 1:i], text[i + 2:i + 3]
        if start is None and (not before or before in " \t([\u2014-") and after and not after.isspace():
            start = i
        elif start is not None and before and not before.isspace():
            out.append((start, i + 2))
            start = None
        i = text.find("''", i + 2)
    if start is not None and (start == 0 or text[:start].rstrip().endswith((".", "?", "!"))):
        out.append((start, len(text)))  # a quote carried on into the next paragraph
    return out


def _segment_scopes(doc: Document) -> tuple[list[int], list[tuple[int, int, str]]]:
    spans = sorted((*seg.to_source(0, len(seg.text)), seg.scope) for seg in doc.segments if seg.text)
    return [s for s, _, _ in spans], spans


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and spans[k][0] <= start and end <= spans[k][1]


def suppressed(doc: Document, finding: Finding, rule: Rule, starts=None) -> bool:
    """Honour <!-- stylecheck-disable/enable/disable-next-line CODE --> directives.

    starts: the source's line starts when the caller has them (the engine does: a document
    checked in parts would otherwise index the whole source again for every part).
    """
    active = False
    for offset, action, codes in doc.directives:
        applies = not codes or any(matches(c, rule) for c in codes)
        if not applies:
            continue
        if action == "disable-next-line":
            # the directive's end offset is stored; the next line is the one after the line it
            # ends on, counted on CRLF/CR/LF like the editor (CR-only files included)
            if starts is None:
                starts = line_starts(doc.source)
            k = bisect.bisect_right(starts, offset - 1)
            if k < len(starts) and starts[k] <= finding.start and (k + 1 >= len(starts) or finding.start < starts[k + 1]):
                return True
        elif offset <= finding.start:
            active = action == "disable"
    return active


def apply_filters(findings: list[Finding], doc: Document, rules: dict[str, Rule], starts=None) -> list[Finding]:
    """Drop findings the rule's scope or the author's directives exclude; dedupe; sort."""
    # the span tables cost more than the filtering: build them only when a finding's rule needs them
    quotes = _quote_spans(doc) if any(rules[f.rule].exclude_quotes for f in findings) else []
    qstarts = [s for s, _ in quotes]
    seg_starts, seg_spans = _segment_scopes(doc) if any(rules[f.rule].scopes for f in findings) else ([], [])
    out = []
    seen = set()
    for f in findings:
        rule = rules[f.rule]
        if rule.exclude_quotes and _inside(quotes, qstarts, f.start, f.end):
            continue
        if rule.scopes:
            k = bisect.bisect_right(seg_starts, f.start) - 1
            if k < 0 or seg_spans[k][2] not in rule.scopes:
                continue
        if doc.directives and suppressed(doc, f, rule, starts):
            continue
        key = (f.rule, f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return out[:MAX_FINDINGS_PER_FILE]
