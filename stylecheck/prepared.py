"""Data derived from installed packages, prepared once and kept in the user cache.

Reading a data package (hundreds of JSON files, a big CSV) on every start costs tens of
milliseconds; the derived table, marshalled, loads in well under one. The key is the table's
name, the builder's version and the size and mtime of each source package's files, so a
package upgrade rebuilds it. Any failure to read or write the cache just rebuilds in memory.
"""
from __future__ import annotations

import marshal
import os
from functools import lru_cache
from importlib.util import find_spec
from typing import Callable, TypeVar

from .hashing import blake2b

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
    """build()'s marshallable result, from the cache when the sources have not changed."""
    from .cachedir import remove_stale, user_cache_dir

    stamp = blake2b(repr((version, [package_stamp(p) for p in packages])).encode(), digest_size=8).hexdigest()
    directory = user_cache_dir()
    path = os.path.join(directory, f"{name}-{stamp}.marshal")
    try:
        with open(path, "rb") as fh:
            return marshal.loads(fh.read())  # load(file) reads in tiny chunks: 30x slower
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    from .atomic import try_write_atomic

    try:
        if try_write_atomic(path, marshal.dumps(value)):
            remove_stale(directory, f"{name}-", ".marshal", path)
    except (OSError, ValueError):  # unwritable, or a value marshal cannot store: run uncached
        pass
    return value
