"""Vocabulary files: the names a desk uses and the house form of a name written several ways.

A vocabulary file is plain TOML (written by `stylecheck vocab learn`, edited by hand):

    [vocab]
    names = ["Kovacs", "Szentendre", "Zelenskyy"]

    [vocab.prefer]
    "Zelensky" = "Zelenskyy"   # variant = "house form"

The engine reads it for any rule with a `vocab` option and merges it into that rule's context,
so rules never open files themselves.
"""
from __future__ import annotations

from pathlib import Path


def load_vocab(path: Path) -> tuple[frozenset[str], dict[str, str]]:
    """(names, prefer) from a vocabulary file; its preferred forms count as names; errors name the file."""
    from .packs import PackError, read_toml

    data, _ = read_toml(path)
    table = data.get("vocab", {})
    if not isinstance(table, dict):
        raise PackError(f"{path}: [vocab] must be a table")
    names = table.get("names", [])
    prefer = table.get("prefer", {})
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise PackError(f"{path}: vocab.names must be a list of strings")
    if not isinstance(prefer, dict) or not all(isinstance(v, str) for v in prefer.values()):
        raise PackError(f"{path}: vocab.prefer must map variants to preferred strings")
    return frozenset(names) | frozenset(prefer.values()), dict(prefer)


def merged(accept: frozenset[str], prefer: tuple[tuple[str, str], ...], path: str, root: str
           ) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """accept and prefer extended with a vocabulary file (relative to root); the config's own entries win."""
    p = Path(path)
    if not p.is_absolute() and root:
        p = Path(root) / p
    names, house = load_vocab(p)
    return accept | names, tuple(sorted({**house, **dict(prefer)}.items()))
