"""Keep derived data on disk: get_or_build(name, key, build, codec), the one way every cache works.

The bundled rules (packs.py), the lexicon index (lexicon.py), tables prepared from other packages
(prepared.py), the compiled-pattern store (patterns.py) and linted results (cache.py) all live
behind this module, so they share one policy:

- **Where**: cachedir.py. A value is looked up in the packaged data directory (read-only, shipped
  inside the wheel: the seam for issue 17), then the user's cache, then the user's own cache when
  $STYLECHECK_CACHE_DIR points elsewhere; it is written to the user's cache only. A store with
  many entries (results) lives in its own directory of the user's cache and nowhere else.
- **Keys**: a value whose repr() is stable (str, int, tuples of them) naming everything the stored
  value depends on: builder version, source package versions, content digests, Python version.
  What is stored under a key must never hold anything specific to one install or machine (an
  absolute path, a user name), because every install that computes the same key shares the file.
- **Files**: `<name>-<16 hex digits of the key>.<codec suffix>`, starting with a 32-byte header:
  MAGIC, 16 bytes of the key's digest, the payload's length. A file whose header does not match
  (another store format, another key, a truncated copy) or whose payload the codec rejects is
  rebuilt, never trusted; a bad file in the user's cache is deleted.
- **Writes**: atomic (atomic.try_write_atomic). An unwritable cache only costs speed: the value is
  built in memory and the run goes on.
- **Slow builds**: a build still running after NOTICE_AFTER seconds prints one line on stderr
  when stderr is a terminal (once per process; never on a pipe, never with --quiet).
- **Old files**: writing a version of a store removes that store's other versions once they are
  unwritten for a month, and all but the three most recent (cachedir.remove_stale).

A codec is how a value becomes bytes and back: MARSHAL here, the lexicon's memory-mapped
tables (lexicon.LEXICON), JSON for results (cache.RESULTS). Its decode must raise on anything
it does not recognise; values are never None (None means "not stored").
"""
from __future__ import annotations

import os
import sys
import threading
from typing import Any, Callable, TypeVar

from .cachedir import remove_stale, search_path, user_cache_dir
from .fastpath import blake2b, map_file

T = TypeVar("T")
MAGIC = b"SCSTORE1"
HEADER = len(MAGIC) + 16 + 8  # magic, key digest, payload length: 32 bytes keep payloads 8-byte aligned
_HEX = frozenset("0123456789abcdef")


class Codec:
    """How a value is stored: its file suffix, encode(value) -> bytes, decode(buffer) -> value.

    A plain slotted class, not a NamedTuple: creating a NamedTuple class costs a compile at import.
    """

    __slots__ = ("suffix", "encode", "decode", "mapped")

    def __init__(self, suffix: str, encode: Callable[[Any], bytes], decode: Callable[[memoryview], Any],
                 mapped: bool = False):
        self.suffix = suffix
        self.encode = encode
        self.decode = decode  # raises on bytes it does not recognise
        self.mapped = mapped  # decode gets a view of a memory map: pages load as the value is read


def _marshal_loads(view: memoryview):
    import marshal

    return marshal.loads(view)  # loads(buffer): load(file) reads in tiny chunks, 30x slower


def _marshal_dumps(value) -> bytes:
    import marshal

    return marshal.dumps(value)  # ValueError for a value marshal cannot store: the run goes uncached


MARSHAL = Codec("marshal", _marshal_dumps, _marshal_loads)


def get_or_build(name: str, key: Any, build: Callable[[], T], codec: Codec = MARSHAL,
                 directory: str | os.PathLike | None = None) -> T:
    """The value stored under (name, key), or build()'s, stored for next time.

    directory: read and write only there (tests; an explicit lexicon directory) instead of the
    cachedir.py search path.
    """
    store = Store(name, key, codec, directory)
    value = store.get()
    if value is None:
        notice = _SlowBuildNotice(name)
        try:
            value = build()
        finally:
            notice.cancel()
        store.put(value)
    return value


# One-time preparation (a fresh machine, a new package version) can take seconds: say so, once per
# process, on a terminal only, and only when the build is still running after NOTICE_AFTER seconds.
NOTICE_AFTER = 0.5
notices = True  # the CLI turns them off with --quiet
_noticed = threading.Event()
_DESCRIBED = {"lexicon": "word and place index", "packs": "rule packs", "re": "compiled patterns"}


class _SlowBuildNotice:
    """A one-line note on stderr if a build outlasts NOTICE_AFTER; nothing on a pipe or a file."""

    __slots__ = ("timer",)

    def __init__(self, name: str):
        self.timer = None
        if not notices or _noticed.is_set() or not _is_terminal(sys.stderr):
            return
        self.timer = threading.Timer(NOTICE_AFTER, _print_notice, (name,))
        self.timer.daemon = True
        self.timer.start()

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


def _print_notice(name: str) -> None:
    if _noticed.is_set():
        return
    _noticed.set()
    try:
        what = _DESCRIBED.get(name, f"{name} data")
        print(f"stylecheck: preparing its {what} once for this machine (kept in {search_path()[0]}) ...",
              file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


class Store:
    """The files of one store: one value per key, or with `entries`, many values under one key.

    An entries store (the results cache) keeps `<directory>/<key digest>/<entry[:2]>/<entry>.<suffix>`
    for entries named by hex digests; its versions are directories, dated when first written to
    in a process, and removed as other stores' old files are.
    """

    __slots__ = ("name", "codec", "entries", "digest", "version", "dirs", "write_dir", "_swept")

    def __init__(self, name: str, key: Any, codec: Codec = MARSHAL, directory: str | os.PathLike | None = None,
                 entries: bool = False):
        self.name, self.codec, self.entries = name, codec, entries
        self.digest = blake2b(repr((name, key, codec.suffix)).encode("utf-8", "surrogatepass"), digest_size=16).digest()
        self.version = self.digest[:8].hex()
        if directory is not None:
            self.write_dir, self.dirs = os.fspath(directory), [os.fspath(directory)]
        elif entries:
            self.write_dir = os.path.join(user_cache_dir(), name)
            self.dirs = [self.write_dir]
        else:
            self.write_dir, self.dirs = search_path()
        self._swept = False

    def path(self, directory: str, entry: str | None = None) -> str:
        if entry is None:
            return os.path.join(directory, f"{self.name}-{self.version}.{self.codec.suffix}")
        if not entry or not _HEX.issuperset(entry):
            raise ValueError(f"an entry is named by a lowercase hex digest, not {entry!r}")
        return os.path.join(directory, self.version, entry[:2], f"{entry}.{self.codec.suffix}")

    def _check(self, entry: str | None) -> bytes:
        """The 16 bytes a file's header must hold: the key's digest (with the entry's name)."""
        return self.digest if entry is None else blake2b(self.digest + entry.encode(), digest_size=16).digest()

    def get(self, entry: str | None = None, on_corrupt: Callable[[str, Exception], None] | None = None):
        """The stored value, or None when no directory holds a sound file for it."""
        check = self._check(entry)
        for directory in self.dirs:
            path = self.path(directory, entry)
            data = map_file(path) if self.codec.mapped else _read(path)
            if data is None:
                continue
            try:
                return self.codec.decode(_payload(data, check))
            except Exception as exc:  # foreign, truncated or corrupt: never trusted
                if directory == self.write_dir:
                    _unlink(path)
                if on_corrupt is not None:
                    on_corrupt(path, exc)
        return None

    def put(self, value, entry: str | None = None) -> bool:
        """Store value atomically in the user's cache; False when it could not be (the run goes on)."""
        try:
            payload = self.codec.encode(value)
        except (ValueError, TypeError):  # a value this codec cannot store: run uncached
            return False
        path = self.path(self.write_dir, entry)
        if entry is not None and not self._swept:
            self._swept = True
            self._mark_in_use()
        from .atomic import try_write_atomic  # tempfile: only when something is written

        data = b"".join((MAGIC, self._check(entry), len(payload).to_bytes(8, "little"), payload))
        if not try_write_atomic(path, data):
            return False
        if entry is None:
            remove_stale(self.write_dir, self._is_other_version, os.path.basename(path))
        return True

    def _is_other_version(self, filename: str) -> bool:
        prefix, suffix = f"{self.name}-", f".{self.codec.suffix}"
        if not (filename.startswith(prefix) and filename.endswith(suffix)):
            return False
        stamp = filename[len(prefix):-len(suffix)]
        return _is_version(stamp) or stamp.startswith(_LEGACY.get(self.name, "\0"))

    def put_at_exit(self, value: Callable[[], Any]) -> None:
        """Store value() when the process exits: at most once per store and process."""
        with _pending_lock:
            if any(store is self for store, _ in _pending):
                return
            if not _pending:
                import atexit

                atexit.register(_put_pending)
            _pending.append((self, value))

    def _mark_in_use(self) -> None:
        """Date this version of an entries store as used now; remove the old ones."""
        version_dir = os.path.join(self.write_dir, self.version)
        try:
            os.makedirs(version_dir, exist_ok=True)
            os.utime(version_dir)
        except OSError:
            return
        remove_stale(self.write_dir, _is_version, self.version)


# Files from before the store, named by their own stamps: they go by the same rule as old versions.
_LEGACY = {"lexicon": "b", "re": f"{sys.implementation.cache_tag}-"}
_pending: list[tuple[Store, Callable[[], Any]]] = []
_pending_lock = threading.Lock()


def _put_pending() -> None:
    with _pending_lock:
        todo = _pending[:]
        _pending.clear()
    for store, value in todo:
        store.put(value())


def _is_version(name: str) -> bool:
    return len(name) == 16 and _HEX.issuperset(name)


def _payload(data, check: bytes) -> memoryview:
    """The payload of a stored file, or ValueError when its header is not this key's."""
    view = memoryview(data)
    if len(view) < HEADER or view[:len(MAGIC)] != MAGIC or view[len(MAGIC):len(MAGIC) + 16] != check:
        raise ValueError("not this store's file")
    if int.from_bytes(view[len(MAGIC) + 16:HEADER], "little") != len(view) - HEADER:
        raise ValueError("truncated")
    return view[HEADER:]


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
