"""Prepared data: built once, read back equal, rebuilt when corrupt or when sources change."""
from __future__ import annotations

import os
import time

from stylecheck import prepared as prep


def test_prepared_reads_back_what_it_built_and_survives_corruption(tmp_path, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return (("Ruritania", "Ruritanian"), ("Freedonia", "Freedonian"))

    first = prep.prepared("table", 1, ("json",), build)
    second = prep.prepared("table", 1, ("json",), build)
    assert first == second and len(calls) == 1
    for f in tmp_path.glob("table-*.marshal"):
        f.write_bytes(b"\x00not marshal")
    assert prep.prepared("table", 1, ("json",), build) == first and len(calls) == 2
    (old,) = tmp_path.glob("table-*.marshal")
    os.utime(old, (time.time() - 31 * 86400,) * 2)
    prep.prepared("table", 2, ("json",), build)  # a new builder version rebuilds and drops the month-old file
    assert len(calls) == 3 and len(list(tmp_path.glob("table-*.marshal"))) == 1 and not old.exists()


def test_unwritable_cache_still_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "missing" / "deeper"))
    (tmp_path / "missing").write_text("a file where a directory should be")
    assert prep.prepared("t", 1, (), lambda: (1, 2)) == (1, 2)
