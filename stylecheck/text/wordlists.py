"""The word lists several rules share (titles, speech verbs, ...), read once from wordlists.txt.

Kept as data in one file, so "what counts as a title" has one answer for every rule. The format
is plain sections of words (no TOML parser on the start-up path).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in (Path(__file__).parent / "wordlists.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
        elif line and current is not None:
            current.extend(line.split())
    return {k: tuple(v) for k, v in out.items()}


def words(name: str) -> tuple[str, ...]:
    """The words of one list, in file order; KeyError for a list that does not exist."""
    return _lists()[name]


def word_set(name: str) -> frozenset[str]:
    """The words of one list as a set."""
    return frozenset(words(name))
