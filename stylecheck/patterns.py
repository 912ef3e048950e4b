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
    """Stored compiler output by pattern: loaded on first use, added to, saved once at exit if it grew.

    The file holds an index (pattern key -> where its entry lies) and the entries, each marshalled
    on its own: a run unmarshals the index and only the entries it asks for. The store is shared
    by every configuration and version that runs on the machine, so most of its entries are other
    runs' (unmarshalling all of them cost ~3 ms of a cold start on a well-used machine).
    """

    MAX_ENTRIES = 2000  # past this, a save keeps only this process's entries: the store cannot grow forever

    def __init__(self, directory=None):
        self._directory = directory
        self._store = None  # the store.Store, made on first use: its directories follow the environment then
        self._entries: dict | None = None  # entries unmarshalled or compiled by this process
        self._index: dict = {}  # stored key -> (offset, length) in self._blobs, not unmarshalled yet
        self._blobs = b""
        self._used: set = set()  # keys this process read or wrote
        self._dirty = False
        self._lock = threading.Lock()

    def _load(self) -> dict:
        with self._lock:
            if self._entries is None:
                self._store = store_for(self._directory)
                found = self._store.get()
                if found is not None:
                    self._index, self._blobs = found
                self._entries = {}
            return self._entries

    def _stored(self, key):
        """The stored entry under key, unmarshalled now; None when there is none or it is damaged."""
        where = self._index.get(key)
        if where is None:
            return None
        import marshal

        offset, length = where
        try:
            value = marshal.loads(self._blobs[offset:offset + length])
        except (ValueError, EOFError, TypeError):
            return None
        self._entries.setdefault(key, value)
        return value

    def get(self, key):
        self._used.add(key)
        entries = self._entries if self._entries is not None else self._load()
        found = entries.get(key)
        return found if found is not None else self._stored(key)

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
        if self._entries is None:
            return {}
        keep = None if len(self._index.keys() | self._entries.keys()) <= self.MAX_ENTRIES else self._used
        out = {}
        for key in self._index:
            if keep is None or key in keep:
                value = self._entries.get(key)
                value = value if value is not None else self._stored(key)
                if value is not None:
                    out[key] = value
        out.update((k, v) for k, v in self._entries.items() if keep is None or k in keep)
        return out

    def save(self) -> bool:
        """Write the store now (tests; the exit handler does this once per process)."""
        return bool(self._dirty and self._store is not None and self._store.put(self.snapshot()))


def _encode(entries: dict) -> bytes:
    """The index (key -> offset and length of its entry), then each entry marshalled on its own."""
    import marshal

    blobs, index, pos = [], {}, 0
    for key, value in entries.items():
        blob = marshal.dumps(value)
        index[key] = (pos, len(blob))
        blobs.append(blob)
        pos += len(blob)
    head = marshal.dumps(index)
    return b"".join((len(head).to_bytes(8, "little"), head, *blobs))


def _decode(view: memoryview) -> tuple[dict, memoryview]:
    """(index, the entries' bytes): the entries stay in the (mapped) file until asked for."""
    import marshal

    size = int.from_bytes(view[:8], "little")
    if len(view) < 8 or size > len(view) - 8:
        raise ValueError("truncated")
    index = marshal.loads(view[8:8 + size])
    if not isinstance(index, dict):
        raise ValueError("not an index")
    return index, view[8 + size:]


def store_for(directory=None):
    """The store.Store that holds the compiled patterns (the index format is part of its key)."""
    from .store import Codec, Store

    return Store("re", (_python_tag(), "indexed"), Codec("marshal", _encode, _decode, mapped=True), directory)


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
