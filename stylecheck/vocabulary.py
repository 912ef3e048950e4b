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


def vocab_path(path: str, root: str) -> Path:
    """Where a rule's `vocab` option points: relative to the config's directory."""
    p = Path(path)
    return Path(root) / p if not p.is_absolute() and root else p


def vocab_files(settings) -> tuple[str, ...]:
    """Every vocabulary file the settings' rules read (config `[rules.X] vocab`, a desk pack's
    rules): with the packs, the files besides the article whose content can change a finding,
    so caches of results and of Linters are keyed by them (a vocabulary edit counts at once).
    The bundled rules name none (a test keeps it so)."""
    from .packs import available_rules

    named = [dict(opts).get("vocab") for _, opts in settings.rule_options]
    if settings.packs:
        try:
            named += [r.options.get("vocab") for r in available_rules(settings.packs)]
        except Exception:  # a broken pack: the Linter reports it
            pass
    return tuple(sorted({str(vocab_path(v, settings.root)) for v in named if isinstance(v, str) and v}))


def merged(accept: frozenset[str], prefer: tuple[tuple[str, str], ...], path: str, root: str
           ) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """accept and prefer extended with a vocabulary file (relative to root); the config's own entries win."""
    names, house = load_vocab(vocab_path(path, root))
    return accept | names, tuple(sorted({**house, **dict(prefer)}.items()))
