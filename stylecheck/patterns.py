"""Compile patterns once per machine, not once per run.

Both regex engines parse and compile in pure Python: a term list of hundreds of phrases (one
trie pattern in `re`) takes tens of milliseconds, and the few dozen `regex` patterns of the
analyzers another fifteen, which is most of a cold start. The compilers' output is kept in one
store (store.py, name "re") keyed by the exact Python version, one entry per pattern and flags
(and `regex` version), and handed straight to the C engine on the next run (fastpath.py: with
the tricks off, every pattern is compiled the plain way). Anything unexpected (another Python,
a damaged entry) falls back to a fresh compile.

The store is the process's, not a Runtime's: module-level patterns compile at import, before any
Runtime exists. It is an append-only memo whose entries never change an answer (a stored
program and a fresh compile match alike), read from disk once, and written back at most once,
at exit, and only when this process compiled something new.
"""
from __future__ import annotations

import re
import sys
import threading

from . import fastpath


def _python_tag() -> str:
    return f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}{sys.hexversion:x}"


class PatternStore:
    """Stored compiler output by pattern: loaded on first use, added to, saved once at exit if it grew."""

    MAX_ENTRIES = 2000  # past this, a save keeps only this process's entries: the store cannot grow forever

    def __init__(self, directory=None):
        self._directory = directory
        self._store = None  # the store.Store, made on first use: its directories follow the environment then
        self._entries: dict | None = None
        self._used: set = set()  # keys this process read or wrote
        self._dirty = False
        self._lock = threading.Lock()

    def _load(self) -> dict:
        with self._lock:
            if self._entries is None:
                from .store import Store

                self._store = Store("re", _python_tag(), directory=self._directory)
                entries = self._store.get()
                self._entries = entries if isinstance(entries, dict) else {}
            return self._entries

    def get(self, key):
        self._used.add(key)
        entries = self._entries if self._entries is not None else self._load()
        return entries.get(key)

    def put(self, key, value) -> None:
        entries = self._entries if self._entries is not None else self._load()
        with self._lock:
            entries[key] = value
            self._used.add(key)
            if not self._dirty:
                self._dirty = True
                self._store.put_at_exit(self.snapshot)

    def snapshot(self) -> dict:
        """What a save writes: every entry, or only this process's once the store is full."""
        entries = self._entries or {}
        if len(entries) <= self.MAX_ENTRIES:
            return entries
        return {k: v for k, v in entries.items() if k in self._used}

    def save(self) -> bool:
        """Write the store now (tests; the exit handler does this once per process)."""
        return bool(self._dirty and self._store is not None and self._store.put(self.snapshot()))


_process = PatternStore()


def compile_built(material: str, build, flags: int = 0) -> re.Pattern:
    """Compile the pattern that build() makes from material, storing the built source too.

    Building a trie pattern over hundreds of phrases in Python costs more than compiling it;
    the source is stored under a digest of the material it was built from.
    """
    key = ("source", fastpath.blake2b(material.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest())
    source = _process.get(key)
    if not isinstance(source, str):
        source = build()
        _process.put(key, source)
    return compile_re(source, flags)


def compile_regex(pattern: str, flags: int = 0):
    """regex.compile(pattern, flags), from the stored compiler output when there is one."""
    import regex

    if not fastpath.ENABLED:
        return regex.compile(pattern, flags)
    key = ("regex", regex.__version__, pattern, int(flags))
    program = _process.get(key)
    if program is not None:
        compiled = fastpath.regex_load(program)
        if compiled is not None:
            return compiled
    compiled = regex.compile(pattern, flags)
    program = fastpath.regex_program(compiled)
    if program is not None:
        _process.put(key, program)
    return compiled


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), from the stored compiler output when there is one."""
    flags = int(flags)
    if not fastpath.RE_PROGRAMS:
        return re.compile(pattern, flags)
    program = _process.get((pattern, flags))
    if program is not None:
        compiled = fastpath.re_load(pattern, program)
        if compiled is not None:
            return compiled
    made = fastpath.re_compile(pattern, flags)
    if made is None:
        return re.compile(pattern, flags)
    _process.put((pattern, flags), made[1])
    return made[0]
