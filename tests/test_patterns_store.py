"""The stored-compiler-output path gives patterns identical to re.compile's."""
from __future__ import annotations

import re

from stylecheck import patterns


def test_stored_pattern_matches_like_re(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns, "_STORE", None)
    phrases = [f"phrase{i} number {i}" for i in range(300)] + ["in order to", "due to the fact that"]
    source = r"(?<![\w-])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")(?![\w-])"
    first = patterns.compile_re(source, re.IGNORECASE)
    patterns._save()
    monkeypatch.setattr(patterns, "_STORE", None)  # a new process: reads the stored entry
    again = patterns.compile_re(source, re.IGNORECASE)
    assert (source, int(re.IGNORECASE)) in patterns._STORE
    reference = re.compile(source, re.IGNORECASE)
    text = "We did it In  Order To win, due to the fact that PHRASE12 number 12 held. phrase7 number 77."
    spans = [m.span() for m in reference.finditer(text)]
    assert spans and [m.span() for m in first.finditer(text)] == spans == [m.span() for m in again.finditer(text)]
    assert again.flags == reference.flags and again.groups == reference.groups


def test_corrupt_store_falls_back_to_re(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns, "_STORE", None)
    path = patterns._store_path()
    (tmp_path / "stylecheck").mkdir()
    with open(path, "wb") as fh:
        fh.write(b"\x00garbage")
    source = "(?:" + "|".join(f"word{i}" for i in range(400)) + ")"
    assert patterns.compile_re(source).fullmatch("word399")


def test_stored_regex_pattern_matches_like_a_fresh_one(tmp_path, monkeypatch):
    import regex

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns, "_STORE", None)
    source = r"(?<![\p{L}\p{M}'-])(?P<name>\p{Lu}[\p{Ll}\p{M}]+)(?:\s+\p{Lu}\.)?\s+(?:said|says)\b"
    flags = regex.V1 | regex.IGNORECASE
    first = patterns.compile_regex(source, flags)
    patterns._save()
    monkeypatch.setattr(patterns, "_STORE", None)  # a new process: rebuilt from the stored data
    again = patterns.compile_regex(source, flags)
    assert ("regex", regex.__version__, source, int(flags)) in patterns._STORE
    reference = regex.compile(source, flags)
    text = "Zoë Ndiaye said so; then Élodie K. says \u00e9e and kiev SAID it."
    expected = [(m.span(), m.group("name")) for m in reference.finditer(text)]
    assert len(expected) == 3
    for compiled in (first, again):
        assert [(m.span(), m.group("name")) for m in compiled.finditer(text)] == expected
        assert compiled.flags == reference.flags and compiled.groupindex == reference.groupindex


def test_a_full_store_keeps_only_the_entries_this_process_used(tmp_path, monkeypatch):
    import marshal

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns, "_STORE", {("stale", i): "x" for i in range(patterns._MAX_ENTRIES)})
    monkeypatch.setattr(patterns, "_USED", set())
    monkeypatch.setattr(patterns, "_DIRTY", False)
    patterns.compile_re(r"\bkept\b")
    patterns._save()
    with open(patterns._store_path(), "rb") as fh:
        saved = marshal.loads(fh.read())
    assert list(saved) == [(r"\bkept\b", 0)]


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
    (store,) = (tmp_path / "cache").glob("re-*.marshal")
    before = store.read_bytes()
    for seed in ("1", "2"):  # str hashes differ per process: a set's order must not reach a pattern
        subprocess.run(cmd, env={**env, "PYTHONHASHSEED": seed}, capture_output=True, check=False)
        assert store.read_bytes() == before
