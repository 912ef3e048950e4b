"""Data derived from installed packages, prepared once and kept in the store.

Reading a data package (hundreds of JSON files, a big CSV) on every start costs tens of
milliseconds; the derived table, marshalled, loads in well under one. The key is the builder's
version and each source package's installed version (package_stamp), so a package upgrade
rebuilds it. Any failure to read or write the store just rebuilds in memory (store.py).
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib.util import find_spec
from typing import Callable, TypeVar

from .fastpath import blake2b

T = TypeVar("T")


def package_stamp(package: str) -> str:
    """The installed version of the package's distribution, without importing anything.

    Read from the name of the `.dist-info` directory beside it, so every install of one version
    (a fresh virtualenv per CI job, a pre-commit environment) shares one prepared file. A package
    without one (a source checkout) is stamped by its top-level entries' sizes and mtimes.
    """
    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return f"{package}-none"
    roots = list(spec.submodule_search_locations or []) or [os.path.dirname(spec.origin or "")]
    version = _dist_version(os.path.dirname(roots[0]), package) if roots else None
    if version:
        return f"{package}-{version}"
    h = blake2b(digest_size=8)
    for root in roots:
        try:
            entries = sorted(os.scandir(root), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            if e.name != "__pycache__":
                st = e.stat()
                h.update(f"{e.path}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _dist_version(site: str, package: str) -> str | None:
    """The version in `<dist>-<version>.dist-info` beside a package (codespell_lib's dist is codespell)."""
    dist = package.split("_")[0].lower()
    for dist_name, version in _dist_infos(site):
        if dist_name in (dist, package.lower()):
            return version
    return None


@lru_cache(maxsize=8)
def _dist_infos(site: str) -> tuple[tuple[str, str], ...]:
    """(normalised name, version) of every distribution installed in a site directory, listed once."""
    try:
        names = os.listdir(site)
    except OSError:
        return ()
    stems = (n[: -len(".dist-info")].rpartition("-") for n in names if n.endswith(".dist-info"))
    return tuple((name.lower().replace("-", "_"), version) for name, _, version in stems if version)


def prepared(name: str, version: int, packages: tuple[str, ...], build: Callable[[], T]) -> T:
    """build()'s marshallable result, from the store when the source packages have not changed."""
    from .store import get_or_build

    return get_or_build(name, (version, tuple(package_stamp(p) for p in packages)), build)
