"""Where stylecheck keeps per-user data: prepared indexes, compiled patterns, cached results.

A module of its own, importing only `os`: every start asks for this directory, while the
results cache (hashing, JSON) is not needed by a run with --no-cache.
"""
from __future__ import annotations

import os


def user_cache_dir() -> str:
    """$STYLECHECK_CACHE_DIR, else $XDG_CACHE_HOME/stylecheck, else ~/.cache/stylecheck.

    Prepared data (lexicon, packs, compiled patterns) and results live here, never inside the
    tree being checked.
    """
    return os.environ.get("STYLECHECK_CACHE_DIR") or home_cache_dir()


def home_cache_dir() -> str:
    """The user's cache even when $STYLECHECK_CACHE_DIR points elsewhere (tests, CI jobs)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "stylecheck")
