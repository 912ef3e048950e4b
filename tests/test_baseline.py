"""Baselines: findings recorded once are not reported again, however the text around them moves."""
from __future__ import annotations

import json
import os

import pytest

from stylecheck import baseline
from stylecheck.cli import main
from stylecheck.config import Overrides
from stylecheck.runner import RunOptions, lint_file

OPTIONS = RunOptions(overrides=Overrides(select=("CR101",)))

ARTICLE = (
    "Harbour plan approved\n\n"
    "The council approved the the harbour plan on Tuesday.\n\n"
    "Fishermen said they they had not been consulted.\n"
)


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / ".cache"))


def results_for(*paths):
    return [lint_file(str(p), OPTIONS) for p in paths]


def record(bl, *paths):
    return baseline.write(str(bl), results_for(*paths))


def new_findings(bl, *paths):
    results = results_for(*paths)
    baseline.filter_new(results, baseline.read(str(bl)), baseline.root_of(str(bl)))
    return [(r.path, f.text, f.line) for r in results for f in r.findings]


def test_nothing_new_right_after_recording(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE)
    bl = tmp_path / "baseline.json"
    assert record(bl, a) == 2
    assert new_findings(bl, a) == []


def test_survives_paragraphs_inserted_above(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE)
    bl = tmp_path / "baseline.json"
    record(bl, a)
    head, rest = ARTICLE.split("\n\n", 1)
    a.write_text(head + "\n\nA new opening paragraph was added by the desk.\n\nAnd a second one, much longer than the first.\n\n" + rest)
    assert [f.line for f in results_for(a)[0].findings] == [7, 9]  # the findings did move
    assert new_findings(bl, a) == []


def test_survives_rewrapping_and_line_ending_changes(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE)
    bl = tmp_path / "baseline.json"
    record(bl, a)
    a.write_bytes(ARTICLE.replace("\n", "\r\n").replace("approved the the", "approved\r\nthe the").encode())
    assert new_findings(bl, a) == []


def test_reports_only_the_new_finding(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE)
    bl = tmp_path / "baseline.json"
    record(bl, a)
    a.write_text(ARTICLE + "\nThe mayor said she would would appeal.\n")
    assert new_findings(bl, a) == [(str(a), "would would", 7)]


def test_a_changed_context_counts_as_new(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE)
    bl = tmp_path / "baseline.json"
    record(bl, a)
    a.write_text(ARTICLE.replace("approved the the harbour", "rejected the the harbour"))
    assert [t for _, t, _ in new_findings(bl, a)] == ["the the"]


def test_duplicates_are_a_multiset(tmp_path):
    same = "It was the the end.\n\n"
    a = tmp_path / "a.txt"
    a.write_text(same * 2)
    bl = tmp_path / "baseline.json"
    assert record(bl, a) == 2
    entries = json.loads(bl.read_text())["findings"]
    assert len(entries) == 1 and entries[0]["count"] == 2
    a.write_text(same * 3)  # a third copy of the same slip is new
    assert [line for _, _, line in new_findings(bl, a)] == [5]
    a.write_text(same)  # one fixed: nothing new, nothing hidden
    assert new_findings(bl, a) == []


def test_keys_are_per_file_and_relative_to_the_baseline(tmp_path, monkeypatch):
    desk = tmp_path / "desk"
    desk.mkdir()
    a, b = desk / "a.txt", desk / "b.txt"
    a.write_text(ARTICLE)
    b.write_text("Nothing wrong here.\n")
    bl = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    record(bl, "desk/a.txt", "desk/b.txt")
    assert {e["path"] for e in json.loads(bl.read_text())["findings"]} == {"desk/a.txt"}
    b.write_text(ARTICLE)  # the same text in another file is new there
    assert len(new_findings(bl, "desk/a.txt", "desk/b.txt")) == 2
    monkeypatch.chdir(desk)  # run from elsewhere, with other spellings of the same path
    assert new_findings(bl, "./a.txt") == []
    assert new_findings(bl, os.path.join(str(desk), "a.txt")) == []


def test_html_paragraph_inserted_directly_above(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<h1>Harbour plan</h1>\n<p>The the council met.</p>\n")
    bl = tmp_path / "baseline.json"
    record(bl, page)
    page.write_text("<h1>Harbour plan</h1>\n<p>Added first.</p>\n<p>The the council met.</p>\n")
    assert new_findings(bl, page) == []


def test_update_keeps_entries_of_files_not_checked(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE)
    b.write_text("It was was over.\n")
    bl = tmp_path / "baseline.json"
    record(bl, a, b)
    a.write_text("Clean now.\n")
    baseline.write(str(bl), results_for(a), baseline.read(str(bl)))
    paths = [e["path"] for e in json.loads(bl.read_text())["findings"]]
    assert paths == ["b.txt"]


@pytest.mark.parametrize("content", ["not json", "[]", '{"version": 1}', '{"version": 99, "findings": []}',
                                     '{"version": 1, "findings": [{"path": "a"}]}',
                                     '{"version": 1, "findings": [{"path": "a", "rule": "R", "text": "t", "before": "", "after": "", "count": 0}]}'])
def test_malformed_baseline_is_rejected(tmp_path, content):
    bl = tmp_path / "baseline.json"
    bl.write_text(content)
    with pytest.raises(ValueError):
        baseline.read(str(bl))


# --- through the CLI -----------------------------------------------------------------------------

def test_cli_baseline_round_trip(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE)
    args = ["a.txt", "--select", "CR101", "--baseline", "bl.json", "--output-format", "json"]
    assert main(args) == 0  # first run records
    assert "recorded 2 findings" in capsys.readouterr().err
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["findings"] == []
    (tmp_path / "a.txt").write_text(ARTICLE + "\nIt was was late.\n")
    assert main(args) == 1
    (f,) = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert (f["line"], f["column"]) == (7, 4)
    assert main(args + ["--update-baseline"]) == 0
    capsys.readouterr()
    assert main(args) == 0
    assert sum(e["count"] for e in json.loads((tmp_path / "bl.json").read_text())["findings"]) == 3


def test_cli_bad_baseline_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "bl.json").write_text("{oops")
    assert main(["a.txt", "--baseline", "bl.json"]) == 2
    assert "bl.json: SC-E010 cannot read baseline" in capsys.readouterr().err
    assert main(["a.txt", "--update-baseline"]) == 2
    assert "--update-baseline needs --baseline" in capsys.readouterr().err
