"""Outputs for CI and for people: GitLab Code Quality, reviewdog rdjson, concise text, the sentence
as context (never raw markup), statistics as JSON, and colour by --color, NO_COLOR and FORCE_COLOR."""
from __future__ import annotations

import json
import os

import pytest

from stylecheck.baseline import fingerprint
from stylecheck.cli import colour_wanted
from stylecheck.excerpt import excerpts
from stylecheck.formatters import formatter
from stylecheck.runner import FileResult

from test_formatters import file_result, golden_results
from conftest import run_cli as run


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- GitLab Code Quality -------------------------------------------------------------------------

def test_gitlab_issues_have_what_code_quality_requires():
    issues = json.loads(formatter("gitlab")(golden_results(), {"fingerprint": fingerprint}))
    assert isinstance(issues, list) and len(issues) == 8  # 7 findings and the unreadable file
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["positions"]["begin"]["line"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["check_name"]: i["severity"] for i in issues} == {
        "QX901": "minor", "QX902": "info", "QX903": "major", "QX904": "minor", "SC-E004": "critical"}


def test_gitlab_fingerprints_survive_line_moves_and_repeated_slips_stay_distinct():
    def prints(text):
        return [i["fingerprint"] for i in json.loads(formatter("gitlab")([file_result("a.txt", text)], {"fingerprint": fingerprint}))]

    body = "The mayor said the the plan was fine. Later the mayor said the the plan was fine.\n"
    before, after = prints("Title\n\n" + body), prints("Title\n\nA new paragraph.\n\n" + body)
    assert before == after and len(set(before)) == 2


def test_gitlab_paths_are_relative_to_the_project(tmp_path):
    r = file_result(str(tmp_path / "desk" / "a.txt"), "It was the the end.\n")
    (issue,) = json.loads(formatter("gitlab")([r], {"root": str(tmp_path)}))
    assert issue["location"]["path"] == "desk/a.txt"
    r = file_result("./desk/a.txt", "It was the the end.\n")
    (issue,) = json.loads(formatter("gitlab")([r], {}))
    assert issue["location"]["path"] == "desk/a.txt"


# --- reviewdog rdjson ----------------------------------------------------------------------------

def test_rdjson_columns_count_utf8_bytes_and_fixes_are_suggestions():
    results = golden_results()
    report = json.loads(formatter("rdjson")(results, {}))
    assert report["source"]["name"] == "stylecheck"
    diags = report["diagnostics"]
    color = next(d for d in diags if d["message"].startswith("'color'"))
    f = next(f for f in results[0].findings if f.text == "color")
    # the 🎉 before it is one code point and four UTF-8 bytes
    assert color["location"]["range"]["start"] == {"line": f.line, "column": f.column + 3}
    line = results[0].source.text.splitlines()[f.line - 1].encode("utf-8")
    start = color["location"]["range"]["start"]["column"] - 1
    end = color["location"]["range"]["end"]["column"] - 1
    assert line[start:end] == b"color"
    assert color["suggestions"] == [{"range": color["location"]["range"], "text": "colour"}]
    assert color["severity"] == "WARNING" and color["code"] == {"value": "QX904"}
    assert diags[-1] == {"message": "binary file (contains NUL bytes), skipped", "location": {"path": "desk/photo.txt"},
                         "severity": "ERROR", "code": {"value": "SC-E004"}}


# --- the context line: the sentence, as the reader sees it ---------------------------------------

def _context_lines(r: FileResult) -> list[str]:
    out = formatter("text")([r], {"excerpts": excerpts}).splitlines()
    return [line[4:] for line in out if line.startswith("  | ")]


def test_context_is_the_sentence_not_the_hard_wrapped_paragraph_line():
    text = ("Title\n\nThe first sentence is long and harmless. The council said the\nthe vote was "
            "delayed. A third sentence follows it.\n")
    shown, carets = _context_lines(file_result("a.txt", text))
    assert shown == "The council said the the vote was delayed."
    assert carets == " " * shown.index("the the") + "^" * 7


def test_context_of_markdown_and_html_is_formatted_text_never_markup():
    md = file_result("a.md", "# Title\n\nThe [council](https://example.org) said **the the** vote was late.\n", "markdown")
    md.format = "markdown"
    shown, carets = _context_lines(md)
    assert shown == "The council said the the vote was late."
    assert carets.index("^") == shown.index("the the")
    html = file_result("a.html", "<p>The council &amp; the mayor said <b>the</b> the vote was late.</p>\n", "html")
    html.format = "html"
    shown, carets = _context_lines(html)
    assert shown == "The council & the mayor said the the vote was late."
    assert "<" not in shown and carets.index("^") == shown.index("the the")


def test_without_excerpts_the_source_line_is_shown():
    r = file_result("a.txt", "Title\n\nOne. The council said the the vote was late.\n")
    out = formatter("text")([r], {}).splitlines()
    assert out[1] == "  | One. The council said the the vote was late."


# --- the command line ----------------------------------------------------------------------------

def _slips(path="a.md"):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# Harbour plan\n\nThe council approved <em>the</em> the plan. It was late.\n")
    return path


def test_concise_is_one_line_per_finding_and_the_summary(capsys):
    _slips()
    code, out, _ = run(capsys, "a.md", "--output-format", "concise", "--select", "CR101")
    assert code == 1
    assert out.splitlines() == ["a.md:3:26: CR101 warning: Doubled word 'the': delete one. [→ 'the']",
                                "Found 1 finding (1 warning) in 1 file."]


def test_text_report_shows_the_sentence_without_html(capsys):
    with open("a.html", "w", encoding="utf-8") as fh:
        fh.write("<h1>Harbour plan</h1>\n<p>The council approved <em>the</em> the plan. It was late.</p>\n")
    code, out, _ = run(capsys, "a.html", "--select", "CR101")
    assert out.splitlines()[1] == "  | The council approved the the plan."


def test_statistics_honour_json(capsys):
    _slips()
    code, out, _ = run(capsys, "a.md", "--statistics", "--output-format", "json", "--select", "CR101,CR201")
    assert code == 1
    assert json.loads(out) == [{"code": "CR101", "name": "doubled-word", "count": 1, "fixable": True}]
    code, out, _ = run(capsys, "a.md", "--statistics", "--select", "CR101")
    assert out == "     1  CR101  doubled-word\n"


class _Stream:
    def __init__(self, tty):
        self.tty = tty

    def isatty(self):
        return self.tty


@pytest.mark.parametrize("choice,env,tty,expected", [
    ("auto", {}, True, True), ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False), ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False), ("auto", {"NO_COLOR": ""}, True, True),
    ("always", {"NO_COLOR": "1"}, False, True), ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_colour_choice(monkeypatch, choice, env, tty, expected):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert colour_wanted(choice, _Stream(tty)) is expected


def test_color_flag_reaches_the_report(capsys, monkeypatch):
    _slips()
    assert "\033[" in run(capsys, "a.md", "--select", "CR101", "--color", "always")[1]
    assert "\033[" not in run(capsys, "a.md", "--select", "CR101")[1]  # captured output is no terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\033[" in run(capsys, "a.md", "--select", "CR101")[1]
    assert "\033[" not in run(capsys, "a.md", "--select", "CR101", "--color", "never")[1]


def test_check_is_the_default_command(capsys):
    _slips()
    assert run(capsys, "check", "a.md", "--select", "CR101") == run(capsys, "a.md", "--select", "CR101")
    assert os.path.exists("a.md")
