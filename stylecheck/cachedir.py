"""Where stylecheck keeps per-user data: prepared indexes, compiled patterns, cached results.

A module of its own, importing only `os`: every start asks for this directory, while the
results cache (hashing, JSON) is not needed by a run with --no-cache.
"""
from __future__ import annotations

import os
import time

STALE_AFTER = 30 * 86400  # seconds since another version of a cache file was written


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


def remove_stale(directory: str | os.PathLike, prefix: str, suffix: str, keep: str | os.PathLike) -> None:
    """Delete other versions of a cache file (`prefix*suffix`) not rewritten for STALE_AFTER.

    Not all of them: another install on the machine (a pre-commit environment beside the
    project's virtualenv) may have other package versions and use its own file every day;
    deleting it would make the two rebuild each other's index on every run.
    """
    now, kept = time.time(), os.path.basename(keep)
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(suffix) and entry.name != kept:
            try:
                if now - entry.stat().st_mtime > STALE_AFTER:
                    os.unlink(entry.path)
            except OSError:
                pass
