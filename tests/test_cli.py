"""The command line contract: exit codes, selection, config and input errors, stdin, output modes.

Runs `stylecheck.cli.main([...])` in-process (fast); a few subprocess runs check the real entry point.
Each test works in its own directory, so no config file is discovered unless the test writes one.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest

from stylecheck.cli import main
from conftest import run_cli as run

pytestmark = pytest.mark.usefixtures("workdir")

SLIPS = "Harbour plan\n\nThe council approved the the plan and will commence work soon.\n"
# CR101 (doubled word, warning) at 3:22-3:29; CR201 (plain word, info) at 3:50-3:58


def write(path: str, content: str | bytes) -> str:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(path, mode, **({} if isinstance(content, bytes) else {"encoding": "utf-8", "newline": ""})) as fh:
        fh.write(content)
    return path


def rules_found(capsys, *args: str) -> list[str]:
    code, out, _ = run(capsys, *args, "--output-format", "json")
    return [f["rule"] for file in json.loads(out)["files"] for f in file["findings"]]


# --- exit codes ----------------------------------------------------------------------------------

def test_exit_0_when_clean(capsys):
    write("clean.txt", "Harbour plan\n\nThe council approved the plan.\n")
    code, out, err = run(capsys, "clean.txt", "--select", "CR")
    assert code == 0, err
    assert out.endswith("Found 0 findings in 1 file.\n")


def test_exit_1_on_findings(capsys):
    write("a.txt", SLIPS)
    code, out, _ = run(capsys, "a.txt", "--select", "CR101")
    assert code == 1
    assert out.startswith("a.txt:3:22: CR101 warning: Doubled word 'the': delete one.")


def test_exit_2_on_usage_errors(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--output-format", "yaml"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_errors_win_over_findings(capsys):
    write("a.txt", SLIPS)
    code, out, err = run(capsys, "a.txt", "missing.txt", "--select", "CR101")
    assert code == 2
    assert "a.txt:3:22: CR101" in out  # the readable file is still reported
    assert "missing.txt: SC-E902 no such file or directory" in err
    assert err.rstrip().endswith("1 file failed")


def test_fail_on_threshold(capsys):
    write("info.txt", "The works will commence in May.\n")  # only an info finding
    assert run(capsys, "info.txt", "--select", "CR201")[0] == 0  # default fail-on: warning
    assert run(capsys, "info.txt", "--select", "CR201", "--fail-on", "info")[0] == 1
    write("a.txt", SLIPS)
    assert run(capsys, "a.txt", "--select", "CR101", "--fail-on", "error")[0] == 0
    assert run(capsys, "a.txt", "--select", "CR101", "--fail-on", "warning")[0] == 1


def test_fail_on_from_config(capsys):
    write("info.txt", "The works will commence in May.\n")
    write(".stylecheck.toml", 'fail-on = "info"\n')
    assert run(capsys, "info.txt", "--select", "CR201")[0] == 1
    assert run(capsys, "info.txt", "--select", "CR201", "--fail-on", "warning")[0] == 0  # the command line wins


def test_exit_zero_hides_findings_but_never_errors(capsys):
    write("a.txt", SLIPS)
    code, out, _ = run(capsys, "a.txt", "--select", "CR101", "--exit-zero")
    assert code == 0 and "CR101" in out
    assert run(capsys, "a.txt", "missing.txt", "--exit-zero")[0] == 2
    write("broken/a.txt", SLIPS)
    write("broken/.stylecheck.toml", "bogus = 1\n")
    assert run(capsys, "broken/a.txt", "--exit-zero")[0] == 2


# --- selection -----------------------------------------------------------------------------------

@pytest.mark.parametrize("selector,expected", [
    ("CR101", {"CR101"}),              # code
    ("CR1", {"CR101"}),                # prefix
    ("CR", {"CR101", "CR201"}),        # prefix
    ("doubled-word", {"CR101"}),       # slug
    ("plain-word", {"CR201"}),         # slug
    ("CR101,plain-word", {"CR101", "CR201"}),
])
def test_select(capsys, selector, expected):
    write("a.txt", SLIPS)
    assert set(rules_found(capsys, "a.txt", "--select", selector)) == expected


def test_select_by_category(capsys):
    write("a.txt", SLIPS)
    found = set(rules_found(capsys, "a.txt", "--select", "phrasing"))
    assert {"CR101", "CR201"} <= found
    assert not {"CR101", "CR201"} & set(rules_found(capsys, "a.txt", "--select", "style"))


@pytest.mark.parametrize("ignore,gone", [("CR101", "CR101"), ("plain-word", "CR201"), ("CR2", "CR201")])
def test_ignore(capsys, ignore, gone):
    write("a.txt", SLIPS)
    found = set(rules_found(capsys, "a.txt", "--select", "CR101,CR201", "--ignore", ignore))
    assert found == {"CR101", "CR201"} - {gone}


def test_ignore_category_and_extend_select(capsys):
    write("a.txt", SLIPS)
    assert not {"CR101", "CR201"} & set(rules_found(capsys, "a.txt", "--ignore", "phrasing"))
    long = "Harbour plan\n\n" + " ".join(["word"] * 45) + ".\n"
    write("long.txt", long)
    assert "CR401" not in rules_found(capsys, "long.txt", "--select", "CR101")  # off by default
    assert "CR401" in rules_found(capsys, "long.txt", "--select", "CR101", "--extend-select", "long-sentence")


# --- configuration errors ------------------------------------------------------------------------

def _config_error(capsys, config: str, name: str = ".stylecheck.toml") -> str:
    write("a.txt", SLIPS)
    write(name, config)
    code, out, err = run(capsys, "a.txt")
    assert code == 2, (out, err)
    assert out == ""  # nothing is linted with a broken config
    return err


def test_config_unknown_key(capsys):
    err = _config_error(capsys, 'select = ["CR"]\nbogus-key = 1\n')
    assert re.search(r"\.stylecheck\.toml:2: bogus-key: unknown key", err), err


def test_config_bad_type(capsys):
    err = _config_error(capsys, 'fail-on = "warning"\nselect = "CR101"\n')
    assert re.search(r"\.stylecheck\.toml:2: select: expected list, got str", err), err


def test_config_bad_value(capsys):
    err = _config_error(capsys, 'fail-on = "sometimes"\n')
    assert re.search(r"\.stylecheck\.toml:1: fail-on: unknown severity", err), err


def test_config_invalid_toml(capsys):
    err = _config_error(capsys, 'select = ["CR101"]\nignore = [1,,]\n')
    assert ".stylecheck.toml: invalid TOML" in err and "line 2" in err, err


def test_config_in_pyproject(capsys):
    err = _config_error(capsys, '[project]\nname = "desk"\n\n[tool.stylecheck]\nselct = ["CR"]\n', "pyproject.toml")
    assert re.search(r"pyproject\.toml:5: selct: unknown key", err), err


def test_explicit_config_file_missing(capsys):
    write("a.txt", SLIPS)
    code, _, err = run(capsys, "a.txt", "--config", "nope.toml")
    assert code == 2 and "nope.toml: config file not found" in err


def test_invalid_regex_in_a_pack(capsys):
    write("packs/desk.toml", (
        '[[rule]]\ncode = "DK101"\nslug = "desk-bad-pattern"\nkind = "existence"\ncategory = "style"\n'
        'severity = "warning"\nmessage = "Bad."\nwhy = "A test rule."\npatterns = [\'(a+\']\n'))
    err = _config_error(capsys, 'packs = ["packs/desk.toml"]\n')
    assert re.search(r"packs/desk\.toml:\d+: rule DK101: .*\(a\+", err), err


def test_pack_outside_the_project_is_refused(capsys):
    err = _config_error(capsys, 'packs = ["../elsewhere.toml"]\n')
    assert "outside the project" in err


# --- bad input -----------------------------------------------------------------------------------

def test_binary_file_named_explicitly_is_an_error(capsys):
    write("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, out, err = run(capsys, "photo.md")
    assert code == 2
    assert "photo.md: SC-E004 binary file" in err
    assert "Traceback" not in err


def test_binary_file_in_a_directory_walk_is_skipped(capsys):
    write("desk/photo.md", b"\x89PNG\r\n\x1a\n\x00\x00")
    write("desk/story.md", "# Harbour\n\nThe plan was approved.\n")
    code, out, err = run(capsys, "desk", "--select", "CR")
    assert code == 0
    assert "desk/photo.md: SC-E004" in err  # still mentioned, as a warning
    assert "Found 0 findings in 1 file." in out


def test_invalid_utf8(capsys):
    write("legacy.txt", "Caf\xe9 owners met the the mayor.\n".encode("cp1252"))
    code, _, err = run(capsys, "legacy.txt", "--select", "CR101")
    assert code == 2
    assert "legacy.txt: SC-E003 invalid UTF-8 at byte 3" in err
    code, out, _ = run(capsys, "legacy.txt", "--select", "CR101", "--encoding", "cp1252")
    assert code == 1 and "legacy.txt:1:17: CR101" in out  # columns count characters, not bytes


def test_empty_and_bom_only_files(capsys):
    write("empty.txt", b"")
    write("bom.txt", b"\xef\xbb\xbf")
    code, out, err = run(capsys, "empty.txt", "bom.txt")
    assert code == 0, err
    assert "Found 0 findings in 2 files." in out


def test_bom_does_not_shift_columns(capsys):
    write("bom.txt", b"\xef\xbb\xbfIt was the the end.\n")
    code, out, _ = run(capsys, "bom.txt", "--select", "CR101")
    assert code == 1 and out.startswith("bom.txt:1:8: CR101")


def test_missing_file(capsys):
    code, out, err = run(capsys, "nowhere.md")
    assert code == 2
    assert err.splitlines()[0] == "nowhere.md: SC-E902 no such file or directory"


def test_directory_with_a_symlink_loop(capsys):
    write("desk/story.txt", SLIPS)
    os.symlink("..", "desk/up")
    os.symlink(".", "desk/self")
    code, out, err = run(capsys, "desk", "--select", "CR101")
    assert code == 1
    assert out.count("CR101") == 1  # the file is checked once, the loop not followed
    assert "Found 1 finding" in out


def test_crlf_and_cr_line_endings_give_editor_positions(capsys):
    write("crlf.txt", SLIPS.replace("\n", "\r\n"))
    write("cr.txt", SLIPS.replace("\n", "\r"))
    code, out, _ = run(capsys, "crlf.txt", "cr.txt", "--select", "CR101", "--output-format", "json")
    positions = {f["path"]: [(x["line"], x["column"], x["end_column"]) for x in f["findings"]] for f in json.loads(out)["files"]}
    assert positions == {"crlf.txt": [(3, 22, 29)], "cr.txt": [(3, 22, 29)]}


# --- stdin ---------------------------------------------------------------------------------------

def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_with_stdin_filename(capsys, monkeypatch):
    md = "# Harbour\n\nThe council approved the the plan.\n\n```\ncode code\n```\n"
    _stdin(monkeypatch, md.encode())
    code, out, _ = run(capsys, "-", "--stdin-filename", "desk/story.md", "--select", "CR101", "--output-format", "json")
    assert code == 1
    (file,) = json.loads(out)["files"]
    assert file["path"] == "desk/story.md"
    assert [(f["line"], f["column"]) for f in file["findings"]] == [(3, 22)]  # Markdown: the code block is not prose


def test_stdin_picks_config_by_stdin_filename(capsys, monkeypatch):
    write("desk/.stylecheck.toml", 'ignore = ["CR101"]\n')
    _stdin(monkeypatch, b"It was the the end.\n")
    assert run(capsys, "-", "--stdin-filename", "desk/story.txt")[0] == 0
    _stdin(monkeypatch, b"It was the the end.\n")
    assert run(capsys, "-", "--stdin-filename", "other/story.txt", "--select", "CR101")[0] == 1


def test_stdin_without_a_name(capsys, monkeypatch):
    _stdin(monkeypatch, b"It was the the end.\n")
    code, out, _ = run(capsys, "-", "--select", "CR101")
    assert code == 1 and out.startswith("-:1:8: CR101")


# --- output modes --------------------------------------------------------------------------------

def test_text_output_underlines_the_span(capsys):
    write("a.txt", SLIPS)
    code, out, _ = run(capsys, "a.txt", "--select", "CR101")
    lines = out.splitlines()
    assert lines[1] == "  | The council approved the the plan and will commence work soon."
    assert lines[2] == "  | " + " " * 21 + "^" * 7
    assert "\033[" not in out  # no colour when not a terminal


def test_quiet_drops_the_summary(capsys):
    write("a.txt", SLIPS)
    code, out, _ = run(capsys, "a.txt", "--select", "CR101,CR201", "--quiet")
    assert code == 1
    assert "Found" not in out and "CR101" in out


def test_summary_counts_severities(capsys):
    write("a.txt", SLIPS)
    out = run(capsys, "a.txt", "--select", "CR101,CR201")[1]
    assert out.splitlines()[-1] == "Found 2 findings (1 warning, 1 info) in 1 file."


def test_statistics(capsys):
    write("a.txt", SLIPS + "\nIt was was late and the the bus was full.\n")
    write("b.txt", SLIPS)
    code, out, _ = run(capsys, "a.txt", "b.txt", "--select", "CR101,CR201", "--statistics")
    assert code == 1
    assert out.splitlines() == ["     4  CR101  doubled-word", "     2  CR201  plain-word"]


def test_json_output_shape(capsys):
    write("a.txt", SLIPS)
    code, out, _ = run(capsys, "a.txt", "missing.txt", "--select", "CR101", "--output-format", "json")
    data = json.loads(out)
    assert set(data) == {"version", "files", "errors"} and data["version"] == 1
    (f,) = data["files"][0]["findings"]
    assert f == {"rule": "CR101", "slug": "doubled-word", "category": "phrasing", "severity": "warning",
                 "line": 3, "column": 22, "end_line": 3, "end_column": 29,
                 "message": "Doubled word 'the': delete one.", "suggestions": ["the"], "applicability": "safe"}
    assert data["errors"] == [{"path": "missing.txt", "message": "no such file or directory"}]


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit"])
def test_other_formats_through_the_cli(capsys, fmt):
    write("a.txt", SLIPS)
    code, out, _ = run(capsys, "a.txt", "--select", "CR101", "--output-format", fmt)
    assert code == 1
    if fmt == "sarif":
        run_ = json.loads(out)["runs"][0]
        (rule,) = run_["tool"]["driver"]["rules"]
        assert rule["id"] == "CR101" and rule["name"] == "doubled-word" and rule["fullDescription"]["text"]
    elif fmt == "github":
        assert out.startswith("::warning file=a.txt,line=3,col=22,endLine=3,endColumn=29,title=CR101 doubled-word::")
    else:
        assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>') and 'type="CR101"' in out
    assert "Found" not in out  # the summary belongs to the text format only


# --- subcommands ---------------------------------------------------------------------------------

def test_rules_lists_code_slug_category_severity(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("CR101"))
    assert row.split() == ["CR101", "doubled-word", "phrasing", "warning", "safe", "on"]
    assert not any(line.startswith("CR401") for line in out.splitlines())  # off by default
    code, out, _ = run(capsys, "rules", "--all")
    row = next(line for line in out.splitlines() if line.startswith("CR401"))
    assert row.split() == ["CR401", "long-sentence", "style", "info", "-", "off"]


def test_explain(capsys):
    code, out, _ = run(capsys, "explain", "CR101")
    assert code == 0
    assert out.startswith("CR101 doubled-word (phrasing, warning)")
    assert "typed twice" in out
    assert "bad:" in out and "fixed:" in out and "good:" in out
    assert run(capsys, "explain", "doubled-word")[1] == out  # by slug too


def test_explain_unknown_rule(capsys):
    code, out, err = run(capsys, "explain", "ZZ999")
    assert code == 2 and "unknown rule 'ZZ999'" in err


# --- the real entry point (subprocess; kept few) -------------------------------------------------

def _exe(*args, **kw):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "stylecheck", *args], capture_output=True, timeout=60, env=env, **kw)


def test_entry_point_stdin_and_exit_code(workdir):
    p = _exe("-", "--stdin-filename", "story.txt", "--select", "CR101", input=b"It was the the end.\n")
    assert p.returncode == 1, p.stderr
    assert p.stdout.decode().startswith("story.txt:1:8: CR101")


def test_entry_point_delivers_all_output_and_usage_errors(workdir):
    """The console entry skips the interpreter's teardown: output must still be flushed whole."""
    write("long.txt", "It was the the end.\n\n" * 3000)
    p = _exe("long.txt", "--select", "CR101", "--no-cache")
    assert p.returncode == 1 and p.stdout.decode().rstrip().endswith("Found 3000 findings (3000 warnings) in 1 file.")
    assert p.stdout.decode().count("CR101") == 3000
    bad = _exe("--no-such-option")
    assert bad.returncode == 2 and b"unrecognized arguments" in bad.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_entry_point_reports_output_it_could_not_write(workdir):
    write("a.txt", "It was the the end.\n")
    with open("/dev/full", "wb") as full:
        p = subprocess.run([sys.executable, "-m", "stylecheck", "a.txt", "--no-cache"], stdout=full,
                           stderr=subprocess.PIPE, timeout=60)
    assert p.returncode == 2 and b"No space left" in p.stderr


def test_entry_point_version_and_broken_pipe(workdir):
    p = _exe("--version")
    assert p.returncode == 0 and p.stdout.decode().startswith("stylecheck ")
    write("a.txt", "It was the the end.\n" * 2000)
    proc = subprocess.Popen([sys.executable, "-m", "stylecheck", "a.txt", "--select", "CR101"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as with `| head -1`
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err


def test_help_wraps_to_the_terminal_width(capsys, monkeypatch):
    widths = {}
    for columns in ("60", "120"):
        monkeypatch.setenv("COLUMNS", columns)
        with pytest.raises(SystemExit) as exit_info:
            main(["--help"])
        assert exit_info.value.code == 0
        widths[columns] = [len(line) for line in capsys.readouterr().out.splitlines()]
    assert max(widths["120"]) <= 118 and max(widths["120"]) > max(widths["60"])
    assert len(widths["60"]) > len(widths["120"]), "a narrow terminal gets more, shorter lines"


def test_a_file_at_the_findings_cap_says_so_without_failing(capsys, monkeypatch):
    from stylecheck import engine, filters

    monkeypatch.setattr(filters, "MAX_FINDINGS_PER_FILE", 5)
    monkeypatch.setattr(engine, "MAX_FINDINGS_PER_FILE", 5)
    write("slips.txt", "".join(f"Line {i} had the the slip.\n\n" for i in range(8)))
    write("fine.txt", "It was the the end.\n")
    code, out, err = run(capsys, "--no-cache", "--select", "CR101", "slips.txt", "fine.txt")
    assert code == 1 and out.count("CR101") == 6
    assert "slips.txt: warning: stopped at 5 findings" in err and "fine.txt" not in err


def test_a_parser_crash_fails_its_file_only(capsys, monkeypatch):
    """An unforeseen parser bug on one odd file is that file's error; the others are still checked."""
    from stylecheck.parsers import plaintext

    real = plaintext.parse_plaintext

    def fragile(source):
        if "explode" in source.text:
            raise AssertionError("a parser bug")
        return real(source)

    monkeypatch.setattr(plaintext, "parse_plaintext", fragile)
    write("odd.txt", "Words that explode the parser.\n")
    write("fine.txt", "It was the the end.\n")
    code, out, err = run(capsys, "--no-cache", "--select", "CR101", "odd.txt", "fine.txt")
    assert code == 2 and "fine.txt:1:8: CR101" in out
    assert "odd.txt: SC-E908 could not be checked: internal error AssertionError: a parser bug" in err
