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
    applicability: str = "unsafe"  # "safe" replacements are applied by --fix
    text: str = ""  # the source text of the span, for baselines and reports

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "slug": self.slug, "category": self.category,
            "severity": str(self.severity), "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "message": self.message, "suggestions": list(self.suggestions),
        }
