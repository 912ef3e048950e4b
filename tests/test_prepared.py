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


def test_package_stamp_is_the_installed_version_so_installs_share_files(tmp_path, monkeypatch):
    site = tmp_path / "site"
    for pkg in ("inkpot", "quill_lib", "checkout"):
        (site / pkg).mkdir(parents=True)
        (site / pkg / "__init__.py").write_text("")
    (site / "inkpot-2.4.1.dist-info").mkdir()
    (site / "quill-0.9.dist-info").mkdir()  # the distribution of quill_lib, as codespell is of codespell_lib
    monkeypatch.syspath_prepend(str(site))
    assert prep.package_stamp("inkpot") == "inkpot-2.4.1"
    assert prep.package_stamp("quill_lib") == "quill_lib-0.9"
    source_checkout = prep.package_stamp("checkout")  # no .dist-info: sizes and mtimes of its files
    assert source_checkout != "checkout-none" and len(source_checkout) == 16
    assert prep.package_stamp("not_installed_anywhere") == "not_installed_anywhere-none"
