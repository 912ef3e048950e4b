"""Compile patterns once per machine, not once per run.

Both regex engines parse and compile in pure Python: a term list of hundreds of phrases (one
trie pattern in `re`) takes tens of milliseconds, and the few dozen `regex` patterns of the
analyzers another fifteen, which is most of a cold start. The compilers' output is stored in a
marshal file in the user cache directory, keyed by pattern, flags and the exact Python (and
`regex`) version, and handed straight to the C engine on the next run: for `re` the opcode
list `_sre.compile` takes, for `regex` the arguments its own pickle support rebuilds a pattern
from. Anything unexpected (another Python, a corrupt file) falls back to a fresh compile.
"""
from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from array import array

_STORE: dict | None = None
_DIRTY = False
_USED: set = set()  # keys this process read or wrote
_MAX_ENTRIES = 2000  # past this, a save keeps only this process's entries: the store cannot grow forever


def _store_path() -> str:
    from .cachedir import user_cache_dir

    tag = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}{sys.hexversion:x}"
    return os.path.join(user_cache_dir(), f"re-{tag}.marshal")


def _load() -> dict:
    global _STORE
    if _STORE is None:
        try:
            with open(_store_path(), "rb") as fh:
                data = marshal.loads(fh.read())  # loads(bytes): load(file) reads in tiny chunks, 30x slower
            _STORE = data if isinstance(data, dict) else {}
        except (OSError, EOFError, ValueError, TypeError):
            _STORE = {}
    return _STORE


def _save() -> None:
    if not _DIRTY or not _STORE:
        return
    path = _store_path()
    from .atomic import try_write_atomic

    store = _STORE if len(_STORE) <= _MAX_ENTRIES else {k: v for k, v in _STORE.items() if k in _USED}
    try:
        try_write_atomic(path, marshal.dumps(store))
    except ValueError:  # an entry marshal cannot store: keep running uncached
        pass


def _get(key):
    _USED.add(key)
    return _load().get(key)


def _put(key, value) -> None:
    global _DIRTY
    _load()[key] = value
    _USED.add(key)
    if not _DIRTY:
        _DIRTY = True
        atexit.register(_save)


def compile_built(material: str, build, flags: int = 0) -> re.Pattern:
    """Compile the pattern that build() makes from material, storing the built source too.

    Building a trie pattern over hundreds of phrases in Python costs more than compiling it;
    the source is stored under a digest of the material it was built from.
    """
    from .hashing import blake2b

    key = ("source", blake2b(material.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest())
    source = _get(key)
    if not isinstance(source, str):
        source = build()
        _put(key, source)
    return compile_re(source, flags)


def compile_regex(pattern: str, flags: int = 0):
    """regex.compile(pattern, flags), from the stored compiler output when there is one.

    A `regex` pattern pickles as `_regex.compile(*pattern._pickled_data)`, which skips the
    Python parser; the store keeps that data, keyed by the `regex` version that made it.
    """
    import regex
    from regex import _regex

    key = ("regex", regex.__version__, pattern, int(flags))
    entry = _get(key)
    if entry is not None:
        try:
            return _regex.compile(*entry)
        except Exception:  # a stale or foreign entry: compile afresh below
            pass
    compiled = regex.compile(pattern, flags)
    try:
        data = compiled._pickled_data
        marshal.dumps(data)  # only what marshal can store (no named lists of sets)
    except (AttributeError, ValueError):
        return compiled
    _put(key, data)
    return compiled


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), from the stored compiler output when there is one."""
    if sys.implementation.name != "cpython":
        return re.compile(pattern, flags)
    import _sre

    flags = int(flags)
    entry = _get((pattern, flags))
    if entry is not None:
        try:
            full_flags, code, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, full_flags, _code_list(code), groups, groupindex, indexgroup)
        except Exception:  # a stale or foreign entry: compile afresh below
            pass
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        code = [int(c) for c in code]
        full_flags, groups = int(flags | parsed.state.flags), parsed.state.groups - 1
        compiled = _sre.compile(pattern, full_flags, code, groups, dict(groupindex), tuple(indexgroup))
        entry = (full_flags, array("I", code).tobytes(), groups, dict(groupindex), tuple(indexgroup))
    except Exception:
        return re.compile(pattern, flags)
    _put((pattern, flags), entry)
    return compiled


def _code_list(code: bytes) -> list[int]:
    """Opcodes are stored as bytes (32-bit units, as _sre uses): marshal loads one object, not thousands of ints."""
    units = array("I")
    units.frombytes(code)
    return units.tolist()
