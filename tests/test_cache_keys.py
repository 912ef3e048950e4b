"""Caches that never lie: every input that can change a finding is in the key (issue 16).

The results cache ignored a vocabulary edit (a `prefer` or `names` entry added, the old result
until --no-cache), and the in-process Linter cache (the server, the language server, --watch)
did too. A data package upgrade (a new word list) or shipped data of any file type changed
findings without changing the results cache's key.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from stylecheck import cache as results
from stylecheck import prepared
from stylecheck.cli import main
from stylecheck.config import Settings
from stylecheck.engine import linter_for
from stylecheck.packs import builtin_rules
from stylecheck.source import Source
from stylecheck.vocab import render


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _found(capsys, *args) -> list[str]:
    main([*args, "--output-format", "json"])
    return [f["message"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]]


def test_a_vocabulary_edit_is_seen_with_the_cache_on(tmp_path, capsys):
    (tmp_path / ".stylecheck.toml").write_text('select = ["NM101", "NM102"]\n[rules.NM101]\nvocab = "desk.toml"\n'
                                              '[rules.NM102]\nvocab = "desk.toml"\n', encoding="utf-8")
    (tmp_path / "desk.toml").write_text(render([], {}), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Trade talks with Frnace resumed. Zelensky spoke on Monday.\n", encoding="utf-8")
    first = _found(capsys, "a.txt")
    assert len(first) == 1 and "Frnace" in first[0]
    assert _found(capsys, "a.txt") == first  # answered from the cache
    (tmp_path / "desk.toml").write_text(render(["Frnace"], {"Zelensky": "Zelenskyy"}), encoding="utf-8")
    again = _found(capsys, "a.txt")  # before: the cached answer, until --no-cache
    assert again == _found(capsys, "a.txt", "--no-cache")
    assert len(again) == 1 and "Zelenskyy" in again[0]


def test_a_vocabulary_edit_reaches_a_long_running_process(tmp_path):
    (tmp_path / "desk.toml").write_text(render([], {}), encoding="utf-8")
    settings = Settings(select=("NM101",), root=str(tmp_path), rule_options=(("NM101", (("vocab", "desk.toml"),)),))
    text = Source("<t>", "Trade talks with Frnace resumed.")
    assert len(linter_for(settings).run(text).findings) == 1
    (tmp_path / "desk.toml").write_text(render(["Frnace"], {}), encoding="utf-8")
    assert linter_for(settings).run(text).findings == []  # before: the Linter built with the old file


def test_the_results_key_covers_data_packages_and_shipped_data_of_any_kind(monkeypatch, tmp_path):
    results.code_fingerprint.cache_clear()
    base = results.code_fingerprint()
    real = prepared.package_stamp
    monkeypatch.setattr(prepared, "package_stamp", lambda p: real(p) + ("-next" if p == "codespell_lib" else ""))
    results.code_fingerprint.cache_clear()
    upgraded = results.code_fingerprint()
    monkeypatch.setattr(prepared, "package_stamp", real)
    data = Path(results.__file__).parent / "data-for-a-test.tsv.xz"  # suffixes the old key skipped
    try:
        data.write_bytes(b"new data")
        results.code_fingerprint.cache_clear()
        shipped = results.code_fingerprint()
    finally:
        data.unlink()
        results.code_fingerprint.cache_clear()
    assert len({base, upgraded, shipped}) == 3 and results.code_fingerprint() == base


def test_the_bundled_rules_name_no_vocabulary_file():
    """vocab_files reads the config's and the desk packs' rules only: keep the bundled ones free of it."""
    assert [r.code for r in builtin_rules() if r.options.get("vocab")] == []
