"""Compile term lists into one pattern, and run patterns over segments under a time budget.

A list of hundreds of phrases becomes a single alternation (longest first, whitespace-flexible,
word-bounded), so each rule costs one scan per segment however long its list is.
"""
from __future__ import annotations

import re
import time
from functools import lru_cache
from typing import Iterable, Iterator

import regex

from . import patterns
from .document import Document, Segment

DEFAULT_BUDGET = 0.25  # CPU seconds per rule per file for user patterns


def normalise(term: str) -> str:
    """Lookup key for a matched term: case-folded, whitespace collapsed, curly apostrophes straight."""
    return " ".join(term.replace("\u2019", "'").split()).casefold()


def word_trie_source(node: dict) -> str:
    """Alternation over a *word* trie (keys are words, None marks a term's end)."""
    alts = []
    for word in sorted(k for k in node if k is not None):
        child = node[word]
        piece = re.escape(word).replace("'", "['\u2019]")
        if any(k is not None for k in child):
            rest = r"\s+" + word_trie_source(child)
            piece += f"(?:{rest})?" if None in child else rest
        alts.append(piece)
    return "(?:" + "|".join(alts) + ")"


def _trie_source(node: dict) -> str:
    """Alternation over a character trie, so the engine rejects most positions after a character or two."""
    alts = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else "['\u2019]" if ch == "'" else re.escape(ch)
        child = node[ch]
        if any(child):
            rest = _trie_source(child)
            piece += f"(?:{rest})?" if "" in child else rest
        alts.append(piece)
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def compile_terms(terms: Iterable[str], ignorecase: bool = True, lowercase_text: bool = False) -> re.Pattern | None:
    """One word-bounded `re` pattern for all literal terms, or None for an empty list.

    The terms become a character trie for the standard `re` engine. Measured: on a 2,000-word
    article with 500 terms a word trie scans in 0.3 ms against 6.5 ms for a flat alternation
    in `regex`, and a character trie is several times faster again on long lists. With
    `lowercase_text` the pattern is case-sensitive lowercase, for text lowercased once per document.
    """
    terms = tuple(sorted(terms))  # callers may pass sets: the stored source's key must not vary per run
    if not "".join(terms).strip():
        return None

    def build() -> str:
        # only on the first run with these terms: the built source is stored under their digest
        keys = sorted({" ".join(t.replace("\u2019", "'").split()) for t in terms} - {""})
        if ignorecase:
            keys = sorted({k.lower() for k in keys})
        trie: dict = {}
        for key in keys:
            node = trie
            for ch in key:
                node = node.setdefault(ch, {})
            node[""] = {}
        # \b is a cheap first test, valid only when every term starts with a word character
        lead = r"\b" if all(k[0].isalnum() or k[0] == "_" for k in keys) else ""
        return rf"{lead}(?<![\w-]){_trie_source(trie)}(?![\w-])"

    flags = re.IGNORECASE if ignorecase and not lowercase_text else 0
    return patterns.compile_built(repr((ignorecase, terms)), build, flags)


def compile_user_pattern(pattern: str, ignorecase: bool = False) -> regex.Pattern:
    """Compile a pattern from a pack; reject ones that can match the empty string."""
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        raise ValueError(f"invalid pattern {pattern!r}: {exc}") from None
    if _matches_empty(compiled):
        raise ValueError(f"pattern {pattern!r} matches the empty string")
    return compiled


# Where an empty match could hide: start, end, word edges, punctuation, line breaks.
_EMPTY_PROBES = ("", "a", "The word, 12 (x).\n\r\nAB-c d'e \u201cq\u201d\t\u00e9 !")


def _matches_empty(compiled: regex.Pattern) -> bool:
    """True when the pattern can match zero characters anywhere (`x*`, `\\b`, `(?=a)`)."""
    for probe in _EMPTY_PROBES:
        try:
            if any(m.end() == m.start() for m in compiled.finditer(probe, timeout=0.05)):
                return True
        except TimeoutError:
            return False
    return False


class Budget:
    """The CPU time a rule's user patterns may spend matching in one file (all their scans together).

    Only the time spent inside the regex engine counts, on this thread's clock: neither the rule's
    own work on each match nor another thread nor a busy machine eats it. `regex`'s own timeout
    (the process's CPU time since the scan began, the rule's work between matches included) is
    only the guard that stops a runaway search; when it fires with budget left, the scan goes on
    from the last match, so what is found never depends on the machine's load.
    """

    def __init__(self, seconds: float = DEFAULT_BUDGET):
        self.left = seconds

    def remaining(self) -> float:
        if self.left <= 0:
            raise TimeoutError("pattern exceeded its time budget")
        return self.left

    def finditer(self, pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
        """pattern.finditer(text), charged to this budget (TimeoutError when it runs out)."""
        pos = 0
        while True:
            it = pattern.finditer(text, pos, timeout=self.remaining())
            while True:
                t = time.thread_time()
                try:
                    m = next(it)
                except StopIteration:
                    self.left -= time.thread_time() - t
                    return
                except TimeoutError:  # the guard: go on from the last match while budget is left
                    self.left -= time.thread_time() - t
                    break
                self.left -= time.thread_time() - t
                pos = m.end() if m.end() > m.start() else m.end() + 1
                yield m
            if pos > len(text):
                return


@lru_cache(maxsize=1024)
def targets_hidden(pattern: regex.Pattern) -> bool:
    """True when pattern can match a hidden or combining character itself (e.g. CR601's)."""
    probes = "\u00ad\u034f\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\ufe0f\ufeff" \
             "\u0301\u0334\u0336\u1ab0\u1dc0\u20d2\ufe20"
    return any(pattern.search(ch) for ch in probes)


def scan(doc: Document, pattern: regex.Pattern, budget: Budget | None = None) -> Iterator[tuple[Segment, regex.Match]]:
    """Every match of pattern in every segment (timeouts raise TimeoutError).

    Patterns run on the normalised view of each segment (text/normalise.py), so zero-width, soft
    hyphen, stray combining characters and NFD cannot hide a term; the yielded segment maps the
    match back to exact source offsets. A pattern that itself targets hidden characters runs on
    the raw text.
    """
    segments = doc.segments if targets_hidden(pattern) else doc.layer.views()
    for seg in segments:
        if budget is None:
            yield from ((seg, m) for m in pattern.finditer(seg.text))
        else:
            for m in budget.finditer(pattern, seg.text):
                yield seg, m
