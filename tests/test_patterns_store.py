"""The stored-compiler-output path gives patterns identical to re.compile's."""
from __future__ import annotations

import re

import pytest

from stylecheck import patterns


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    """A new process's pattern store in tmp_path: call it again for the next process."""
    def start() -> patterns.PatternStore:
        store = patterns.PatternStore(tmp_path)
        monkeypatch.setattr(patterns, "_process", store)
        return store

    return start


def _store_file(tmp_path) -> str:
    return patterns.store_for(tmp_path).path(str(tmp_path))


def test_stored_pattern_matches_like_re(fresh_store):
    store = fresh_store()
    phrases = [f"phrase{i} number {i}" for i in range(300)] + ["in order to", "due to the fact that"]
    source = r"(?<![\w-])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")(?![\w-])"
    first = patterns.compile_re(source, re.IGNORECASE)
    assert store.save()
    again_store = fresh_store()  # a new process: reads the stored entry
    again = patterns.compile_re(source, re.IGNORECASE)
    assert (source, int(re.IGNORECASE)) in again_store.snapshot() and not again_store.save(), "nothing new to save"
    reference = re.compile(source, re.IGNORECASE)
    text = "We did it In  Order To win, due to the fact that PHRASE12 number 12 held. phrase7 number 77."
    spans = [m.span() for m in reference.finditer(text)]
    assert spans and [m.span() for m in first.finditer(text)] == spans == [m.span() for m in again.finditer(text)]
    assert again.flags == reference.flags and again.groups == reference.groups


def test_corrupt_store_falls_back_to_re(tmp_path, fresh_store):
    with open(_store_file(tmp_path), "wb") as fh:
        fh.write(b"\x00garbage")
    store = fresh_store()
    source = "(?:" + "|".join(f"word{i}" for i in range(400)) + ")"
    assert patterns.compile_re(source).fullmatch("word399")
    assert store.save() and fresh_store().get((source, 0)) is not None, "the damaged store was replaced"


def test_stored_regex_pattern_matches_like_a_fresh_one(fresh_store):
    import regex

    store = fresh_store()
    source = r"(?<![\p{L}\p{M}'-])(?P<name>\p{Lu}[\p{Ll}\p{M}]+)(?:\s+\p{Lu}\.)?\s+(?:said|says)\b"
    flags = regex.V1 | regex.IGNORECASE
    first = patterns.compile_regex(source, flags)
    assert store.save()
    again_store = fresh_store()  # a new process: rebuilt from the stored data
    again = patterns.compile_regex(source, flags)
    assert ("regex", regex.__version__, source, int(flags)) in again_store.snapshot()
    reference = regex.compile(source, flags)
    text = "Zoë Ndiaye said so; then Élodie K. says \u00e9e and kiev SAID it."
    expected = [(m.span(), m.group("name")) for m in reference.finditer(text)]
    assert len(expected) == 3
    for compiled in (first, again):
        assert [(m.span(), m.group("name")) for m in compiled.finditer(text)] == expected
        assert compiled.flags == reference.flags and compiled.groupindex == reference.groupindex


def test_a_full_store_keeps_only_the_entries_this_process_used(tmp_path, fresh_store):
    patterns.store_for(tmp_path).put(
        {("stale", i): "x" for i in range(patterns.PatternStore.MAX_ENTRIES)})
    store = fresh_store()
    patterns.compile_re(r"\bkept\b")
    assert store.save()
    index, _ = patterns.store_for(tmp_path).get()
    assert list(index) == [(r"\bkept\b", 0)]


def test_a_second_run_compiles_nothing_and_writes_no_store(tmp_path):
    """Every pattern of a default run is found in the store: no run-to-run variation in its source."""
    import os
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("Officials said the the bridge, although closed, would reopen.\n", encoding="utf-8")
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "stylecheck", "--no-cache", str(article)]
    subprocess.run(cmd, env=env, capture_output=True, check=False)
    # the first run wrote what it compiled, unless the user's own store (read-only here) held it all
    before = {p.name: p.read_bytes() for p in (tmp_path / "cache").glob("re-*.marshal")}
    for seed in ("1", "2"):  # str hashes differ per process: a set's order must not reach a pattern
        subprocess.run(cmd, env={**env, "PYTHONHASHSEED": seed}, capture_output=True, check=False)
        assert {p.name: p.read_bytes() for p in (tmp_path / "cache").glob("re-*.marshal")} == before


def test_a_damaged_entry_is_compiled_afresh_and_the_others_are_kept(tmp_path, fresh_store):
    """Entries are unmarshalled one by one, when asked for: one bad entry costs only itself."""
    good, bad = r"\bgood\b", r"\bbad\b"
    store = fresh_store()
    patterns.compile_re(good)
    patterns.compile_re(bad)
    assert store.save()
    index, _ = patterns.store_for(tmp_path).get()
    offset, length = index[(bad, 0)]
    path = _store_file(tmp_path)
    data = bytearray(open(path, "rb").read())
    blobs_start = len(data) - sum(n for _, n in index.values())
    data[blobs_start + offset:blobs_start + offset + length] = b"\xff" * length
    with open(path, "wb") as fh:
        fh.write(bytes(data))
    store = fresh_store()
    assert store.get((good, 0)) is not None and store.get((bad, 0)) is None
    assert patterns.compile_re(bad).search("a bad day") and store.save()
    assert fresh_store().get((bad, 0)) is not None, "the damaged entry was replaced"
