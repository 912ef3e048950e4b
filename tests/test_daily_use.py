"""A writer's and a desk's daily use: init, --watch, progress on a terminal, the one-time-preparation
note being quiet with --quiet, and rules/explain over the project's own packs."""
from __future__ import annotations

import io
import json
import os
import tomllib

import pytest

from stylecheck import progress, starter
from stylecheck.cli import main
from stylecheck.config import load_config
from stylecheck.packs import PRESETS
from stylecheck.watch import watch
from pathlib import Path

pytestmark = pytest.mark.usefixtures("workdir")

ARTICLE = "Harbour plan\n\nThe council approved the plan.\n"
PACK = '''[[rule]]
code = "DK101"
slug = "desk-utilise"
kind = "substitution"
category = "phrasing"
severity = "warning"
message = "Use '{expected}' instead of '{found}'."
why = "The desk prefers plain words."
terms = { "utilise" = "use" }
examples = [ { bad = "We ⟦utilise⟧ it.", fixed = "We use it." }, { good = "We use it." } ]
'''


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    Path(path).write_text(text, encoding="utf-8")


# --- init ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("preset", [*PRESETS, "none"])
def test_init_writes_a_config_that_loads_with_the_chosen_preset(capsys, preset):
    assert main(["init", "--preset", preset]) == 0
    settings = load_config(Path(".stylecheck.toml"))
    assert settings.preset == (None if preset == "none" else preset)
    assert "Wrote .stylecheck.toml" in capsys.readouterr().out
    assert main(["init", "--preset", preset]) == 2  # never overwrites without --force
    assert "exists" in capsys.readouterr().err
    assert main(["init", "--preset", "bbc", "--force"]) == 0
    assert load_config(Path(".stylecheck.toml")).preset == "bbc"


def test_init_into_pyproject_keeps_what_is_there(capsys):
    write("pyproject.toml", '[project]\nname = "desk"\n')
    assert main(["init", "--pyproject", "--preset", "guardian"]) == 0
    data = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["name"] == "desk" and data["tool"]["stylecheck"]["preset"] == "guardian"
    assert main(["init", "--pyproject", "--preset", "ap"]) == 2


def test_init_asks_for_the_preset_on_a_terminal():
    out = io.StringIO()
    assert starter._ask(io.StringIO("7\nbbc\n"), out) == "bbc"  # a wrong answer is asked again
    assert "choose 1-4" in out.getvalue()
    assert starter._ask(io.StringIO("1\n"), io.StringIO()) == PRESETS[0]
    assert starter._ask(io.StringIO("\n"), io.StringIO()) == "none"


# --- watch ---------------------------------------------------------------------------------------

def test_watch_checks_again_when_a_file_changes(capsys):
    write("a.md", ARTICLE)
    from stylecheck.runner import RunOptions

    checks = []

    def check():
        checks.append(Path("a.md").read_text(encoding="utf-8"))
        return 0

    def edit_then_wait(_seconds):  # the writer saves the file while the loop waits
        if len(checks) == 1:
            st = os.stat("a.md")
            write("a.md", ARTICLE.replace("plan.", "plan again."))
            os.utime("a.md", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))

    assert watch(check, ["."], RunOptions(), sleep=edit_then_wait, rounds=2) == 0
    assert len(checks) == 2 and "again" in checks[1] and "again" not in checks[0]
    assert "watching 1 file and the config for changes" in capsys.readouterr().err


def test_watch_reports_a_broken_config_and_goes_on(capsys, monkeypatch):
    write("a.md", "The the end.\n")
    write(".stylecheck.toml", "preset = 'nope'\n")
    import stylecheck.watch as watch_mod

    real = watch_mod.watch
    monkeypatch.setattr(watch_mod, "watch", lambda check, paths, options: real(check, paths, options, rounds=1))
    assert main(["--watch", "a.md"]) == 0
    assert "preset" in capsys.readouterr().err


# --- progress on a terminal ----------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_files_total_and_rate_then_clears():
    now = [0.0]
    stream = _Terminal()
    p = progress.Progress(200, stream, clock=lambda: now[0])
    p.update(10)  # too early: a short run prints nothing
    assert stream.getvalue() == ""
    now[0] = 2.0
    p.update(100)
    assert stream.getvalue() == "\rstylecheck: 100/200 files (50 files/s)\033[K"
    now[0] = 2.05
    p.update(101)  # redraws at most every 0.2 s
    assert stream.getvalue().count("\r") == 1
    p.close()
    assert stream.getvalue().endswith("\r\033[K")


def test_progress_only_on_a_terminal_and_never_quiet():
    assert progress.for_run(100, stream=io.StringIO()) is None
    assert progress.for_run(100, quiet=True, stream=_Terminal()) is None
    assert isinstance(progress.for_run(100, stream=_Terminal()), progress.Progress)


def test_a_long_run_on_a_terminal_shows_progress_on_stderr(capsys, monkeypatch):
    for i in range(6):
        write(f"desk/{i}.md", ARTICLE)
    err = _Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    assert main(["desk", "--jobs", "1", "--select", "CR101"]) == 0
    assert "stylecheck: 6/6 files" in err.getvalue() and err.getvalue().endswith("\r\033[K")
    assert "Found 0 findings in 6 files." in capsys.readouterr().out
    err.truncate(0)
    err.seek(0)
    assert main(["desk", "--jobs", "1", "--select", "CR101", "--quiet"]) == 0
    assert err.getvalue() == ""


def test_quiet_turns_off_the_one_time_preparation_note(monkeypatch):
    from stylecheck import cli, store

    seen = []
    monkeypatch.setattr(store, "notices", True)
    monkeypatch.setattr(cli, "_run_checked", lambda args, options: seen.append(store.notices) or 0)
    main(["a.md", "--quiet"])
    main(["a.md"])
    assert seen == [False, True]  # off during the quiet run only
    assert store.notices is True


# --- rules and explain over the project's packs --------------------------------------------------

def test_rules_and_explain_cover_the_projects_packs(capsys):
    write("style/desk.toml", PACK)
    write(".stylecheck.toml", 'packs = ["style/desk.toml"]\n')
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["CODE", "SLUG", "CATEGORY", "SEVERITY", "FIXABLE", "STATE"]
    row = next(line for line in lines if line.startswith("DK101"))
    assert row.split() == ["DK101", "desk-utilise", "phrasing", "warning", "unsafe", "on", "(desk.toml)"]
    assert main(["explain", "dk101"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DK101 desk-utilise (phrasing, warning)\nFixable: with --unsafe-fixes\nPack: ")
    assert main(["explain", "Desk-Utilise", "--output-format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["code"] == "DK101" and data["fixable"] == "unsafe" and data["examples"][0]["fixed"] == "We use it."
    assert main(["rules", "--all", "--output-format", "json"]) == 0
    rules = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert rules["CR401"]["state"] == "off" and rules["CR401"]["fixable"] is None
    assert rules["DK101"]["pack"].endswith("desk.toml") and rules["CR101"]["pack"] is None


def test_explain_is_case_insensitive(capsys):
    assert main(["explain", "cr101"]) == 0
    first = capsys.readouterr().out
    assert main(["explain", "DOUBLED-WORD"]) == 0
    assert capsys.readouterr().out == first
    assert "Fixable: yes (--fix)" in first


def test_every_rule_that_suggests_shows_its_fix_in_an_example():
    """The fixable column reads the examples: a rule that offers replacements must show one."""
    from stylecheck.catalogue import fixable
    from stylecheck.packs import builtin_rules

    from conftest import lint

    for rule in builtin_rules():
        suggests = False
        for ex in rule.examples:
            if ex.bad is not None:
                text, _, _ = ex.marked_span()
                if rule.kind == "archive":  # a cross-article rule's example is a batch of articles
                    from stylecheck.archive.batch import check_example
                    from stylecheck.config import Settings

                    found = check_example(text, Settings(select=(rule.code,)))
                else:
                    found = lint(text, select=(rule.code,))
                suggests |= any(f.suggestions for f in found if f.rule == rule.code)
        assert bool(fixable(rule)) == suggests, rule.code
