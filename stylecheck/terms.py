"""Compile term lists into one pattern, and run patterns over segments under a time budget.

A list of hundreds of phrases becomes a single alternation (longest first, whitespace-flexible,
word-bounded), so each rule costs one scan per segment however long its list is.
"""
from __future__ import annotations

import time
from typing import Iterable, Iterator

import regex

from .document import Document, Segment

DEFAULT_BUDGET = 0.25  # CPU seconds per rule per file for user patterns


def normalise(term: str) -> str:
    """Lookup key for a matched term: case-folded, whitespace collapsed, curly apostrophes straight."""
    return " ".join(term.replace("\u2019", "'").split()).casefold()


def term_source(term: str) -> str:
    """Regex source for one literal term: spaces match any whitespace, apostrophes either form."""
    parts = []
    for word in term.split():
        parts.append(regex.escape(word).replace("'", "['\u2019]"))
    return r"\s+".join(parts)


def compile_terms(terms: Iterable[str], ignorecase: bool = True) -> regex.Pattern | None:
    """One word-bounded alternation for all terms, or None for an empty list."""
    uniq = sorted({t.strip() for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    if not uniq:
        return None
    body = "|".join(term_source(t) for t in uniq)
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    return regex.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


def compile_user_pattern(pattern: str, ignorecase: bool = False) -> regex.Pattern:
    """Compile a pattern from a pack; reject ones that can match the empty string."""
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        raise ValueError(f"invalid pattern {pattern!r}: {exc}") from None
    if compiled.fullmatch("") is not None:
        raise ValueError(f"pattern {pattern!r} matches the empty string")
    return compiled


def match_case(replacement: str, found: str) -> str:
    """Give the replacement the capitalisation of the text it replaces."""
    if found.isupper() and len(found) > 1 and not replacement.isupper():
        return replacement.upper()
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Budget:
    """A CPU-time allowance shared by all scans of one rule over one file."""

    def __init__(self, seconds: float = DEFAULT_BUDGET):
        self.deadline = time.process_time() + seconds

    def remaining(self) -> float:
        left = self.deadline - time.process_time()
        if left <= 0:
            raise TimeoutError("pattern exceeded its time budget")
        return left


def scan(doc: Document, pattern: regex.Pattern, budget: Budget | None = None) -> Iterator[tuple[Segment, regex.Match]]:
    """Every match of pattern in every segment (timeouts raise TimeoutError)."""
    for seg in doc.segments:
        if budget is None:
            yield from ((seg, m) for m in pattern.finditer(seg.text))
        else:
            for m in pattern.finditer(seg.text, timeout=budget.remaining()):
                yield seg, m
