"""Findings: what a rule reports, with exact source positions and optional replacements.

Value types here and on the rest of the start-up path are NamedTuples, not dataclasses:
importing dataclasses pulls in inspect (~11 ms) and each frozen dataclass costs ~0.7 ms to
create, against ~0.1 ms for a NamedTuple; a cold start is what a pre-commit hook pays.
"""
from __future__ import annotations

import enum
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

CATEGORIES = ("spelling", "consistency", "phrasing", "style", "attribution")


class Severity(enum.IntEnum):
    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name]
        except KeyError:
            raise ValueError(f"unknown severity {name!r}; expected info, warning or error") from None

    def __str__(self) -> str:
        return self.name


class Hit(NamedTuple):
    """What a kind reports: a source span, fields for the rule's message, suggestions.

    `severity` overrides the rule's default (analyzers grade their confidence);
    `message` overrides the rule's template when an analyzer words it itself;
    `applicability` "unsafe" marks this hit's suggestions unsafe even when the rule's are safe
    (a guessed correction beside a rule's certain ones).
    """

    start: int
    end: int
    fields: Mapping[str, Any] = MappingProxyType({})
    suggestions: tuple[str, ...] = ()
    severity: Severity | None = None
    message: str | None = None
    applicability: str | None = None


class Finding(NamedTuple):
    """One reported problem. Offsets are code points into the source, end exclusive."""

    rule: str
    slug: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    suggestions: tuple[str, ...] = ()
    # "safe": --fix applies it; "unsafe": only with --unsafe-fixes; "display-only": the suggestion
    # is shown, never applied (it would change markup or delete a character the script needs)
    applicability: str = "unsafe"
    text: str = ""  # the source text of the span, for baselines and reports
    # the source edits that make the first suggestion, prose characters only (fixprose.prose_edits)
    edits: tuple[tuple[int, int, str], ...] = ()

    def fixes(self) -> list[tuple[str, tuple[tuple[int, int, str], ...]]]:
        """Each suggestion an editor may apply, with the edits that make it (quick fixes, SARIF):
        every suggestion when the span is prose, only the first (rewritten) when the span
        crosses markup, none when the finding is display-only."""
        if not self.edits:
            return []
        if self.edits == ((self.start, self.end, self.suggestions[0]),):
            return [(s, ((self.start, self.end, s),)) for s in self.suggestions]
        return [(self.suggestions[0], self.edits)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "slug": self.slug, "category": self.category,
            "severity": str(self.severity), "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "message": self.message, "suggestions": list(self.suggestions),
            "applicability": self.applicability if self.suggestions else None,
        }
