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
