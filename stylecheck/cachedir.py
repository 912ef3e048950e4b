"""Where stylecheck's stored data lives, and when old files go: the one policy for every store.

A module of its own, importing only `os` and `time`: every start asks for these directories,
while the stores' formats (store.py) and the results cache (JSON) load only when used.

Reading, in order: the packaged data directory shipped inside the installed package (read-only;
issue 17 will fill it at wheel build time), the user's cache directory, and, when
$STYLECHECK_CACHE_DIR points elsewhere (a test, a CI job), the user's own cache, read-only.
Writing: the user's cache directory only. Files of prepared data are keyed by everything they
depend on, so any of these directories may answer for any install.
"""
from __future__ import annotations

import os
import time

STALE_AFTER = 30 * 86400  # seconds: another version of a store not written for this long is removed
KEEP_VERSIONS = 4  # versions of one store kept (this one included): two installs in use and spares
PACKAGED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_prepared")


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


_packaged: list[str] | None = None


def search_path() -> tuple[str, list[str]]:
    """(the directory prepared files are written to, the directories they are read from, in order)."""
    global _packaged
    if _packaged is None:  # one stat per process: the directory ships with the package or not at all
        _packaged = [PACKAGED_DIR] if os.path.isdir(PACKAGED_DIR) else []
    redirected, home = os.environ.get("STYLECHECK_CACHE_DIR"), home_cache_dir()
    if redirected and redirected != home:
        return redirected, [*_packaged, redirected, home]
    return home, [*_packaged, home]


def remove_stale(directory: str | os.PathLike, is_version, keep: str) -> None:
    """Remove other versions of a store (entries of directory for which is_version(name) holds).

    A version goes when it was not written for STALE_AFTER, or when it is not among the
    KEEP_VERSIONS most recently written (keep, the one just written, counts as one). Not every
    other version at once: another install on the machine (a pre-commit environment beside the
    project's virtualenv) may have other package versions and use its own file every day;
    deleting it would make the two rebuild each other's data on every run. A version that is a
    directory (the results cache's) goes with everything in it.
    """
    now = time.time()
    try:
        found = []
        for entry in os.scandir(directory):
            if entry.name != keep and is_version(entry.name):
                try:
                    found.append((entry.stat(follow_symlinks=False).st_mtime, entry))
                except OSError:
                    pass
    except OSError:
        return
    found.sort(key=lambda pair: pair[0], reverse=True)
    for rank, (mtime, entry) in enumerate(found, start=1):
        if rank < KEEP_VERSIONS and now - mtime <= STALE_AFTER:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                import shutil

                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass
