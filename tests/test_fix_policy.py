"""Safe means safe: which fixes --fix applies, and what every output says about it (issue 16).

A fix is "safe" only when it is certain and cannot change meaning or a name (a doubled word, a
stray space, a hidden character, a/an before a plain word, a listed misspelling); every name
suggestion, every choice between forms, every rewording is "unsafe". The default is unsafe;
a kind may lower one finding's applicability through its Hit, never raise it.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stylecheck import fixes
from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.findings import Hit
from stylecheck.packs import builtin_rules
from stylecheck.source import Source
from conftest import run_cli as run

pytestmark = pytest.mark.usefixtures("workdir")

ROOT = Path(__file__).resolve().parent.parent
# The bundled rules whose fixes --fix applies without --unsafe-fixes, and why each is certain.
SAFE = {
    "CR101": "a doubled word",
    "CR601": "a hidden character (never one a script needs: text/invisible.py)",
    "PH501": "a/an before a plain lowercase word (names, initialisms and figures are unsafe per finding)",
    "SP101": "a listed misspelling (guesses are unsafe per finding)",
    "ST102": "a stray space before punctuation",
}


def test_only_certain_rules_are_safe():
    assert {r.code for r in builtin_rules() if r.applicability == "safe"} == set(SAFE)


def test_a_rule_is_unsafe_unless_its_pack_says_safe(tmp_path, capsys):
    (tmp_path / "desk.toml").write_text(
        '[[rule]]\ncode = "DK101"\nslug = "desk-swap"\nkind = "substitution"\ncategory = "phrasing"\n'
        'severity = "warning"\nmessage = "m"\nwhy = "w"\nswap = { "utilise" = "use" }\n', encoding="utf-8")
    (tmp_path / ".stylecheck.toml").write_text('packs = ["desk.toml"]\nselect = ["DK101"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("We utilise it.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", "--fix", "a.txt")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "We utilise it.\n"  # before: "We use it."
    assert "Fixed 0 findings (1 more with --unsafe-fixes)." in out


def test_a_hit_lowers_applicability_never_raises_it():
    assert fixes.lower("safe", None, None) == "safe"
    assert fixes.lower("safe", "unsafe") == "unsafe"
    assert fixes.lower("unsafe", "safe") == "unsafe"
    assert fixes.lower("safe", "safe", "display-only") == "display-only"
    assert Hit(0, 1).applicability is None
    found = Linter(Settings(select=("PH501",))).run(Source("a", "He met an union leader and a FBI agent.\n")).findings
    assert [(f.text, f.applicability) for f in found] == [("an union", "safe"), ("a FBI", "unsafe")]


def test_the_bundled_example_keeps_its_names(tmp_path, capsys):
    story = tmp_path / "flood-report.txt"
    shutil.copy(ROOT / "examples" / "flood-report.txt", story)
    before = story.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "--no-cache", "--fix", str(story))
    after = story.read_text(encoding="utf-8")
    # before: "Orbán" became "Orban" (a tie between two spellings), "Budapst" a guess, rewordings applied
    assert after.count("Orbán") == before.count("Orbán") == 1 and "Peter K Horvath" in after
    assert "in order to" in after and "the the" not in after and "Source: MTI" in after
    assert "Fixed 2 findings (6 more with --unsafe-fixes)." in out  # "Peter K Horvath": an info, no fix


def test_json_and_sarif_say_how_applicable_each_fix_is(tmp_path, capsys):
    (tmp_path / "a.html").write_text("<p>We will utilise the <b>the</b> plan and comm<b>ence</b> work.</p>\n",
                                     encoding="utf-8")
    code, out, _ = run(capsys, "--no-cache", "--select", "CR101,CR201", "--output-format", "json", "a.html")
    got = [(f["rule"], f["suggestions"], f["applicability"]) for f in json.loads(out)["files"][0]["findings"]]
    assert got == [("CR201", ["use"], "unsafe"), ("CR101", ["the"], "safe"), ("CR201", ["begin"], "display-only")]
    code, out, _ = run(capsys, "--no-cache", "--select", "CR101,CR201", "--output-format", "sarif", "a.html")
    results = json.loads(out)["runs"][0]["results"]
    fixes_of = [[(x["properties"]["applicability"], x["artifactChanges"][0]["replacements"]) for x in r.get("fixes", [])]
                for r in results]
    assert fixes_of[0][0][0] == "unsafe"
    # the doubled word across a tag: the edit of the prose only, by character offsets
    assert fixes_of[1] == [("safe", [{"deletedRegion": {"charOffset": 19, "charLength": 4}, "insertedContent": {"text": ""}}])]
    assert fixes_of[2] == []  # display-only: no fix offered
    (tmp_path / "b.txt").write_text("We will utilise it.\n", encoding="utf-8")
    code, out, _ = run(capsys, "--no-cache", "--select", "CR201", "--output-format", "json", "b.txt")
    assert json.loads(out)["files"][0]["findings"][0]["applicability"] == "unsafe"
    code, out, _ = run(capsys, "--no-cache", "--select", "AT101", "--output-format", "json", "b.txt")
    assert json.loads(out)["files"][0]["findings"] == []


def test_fix_reports_what_it_fixed_and_what_waits_for_unsafe_fixes(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("We will utilise the the crane prior to noon.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", "--select", "CR101,CR201", "--diff", "a.txt")
    assert out.endswith("Would fix 1 finding (2 more with --unsafe-fixes).\n")
    code, out, err = run(capsys, "--no-cache", "--select", "CR101,CR201", "--fix", "--output-format", "json", "a.txt")
    assert json.loads(out)["files"][0]["findings"][0]["rule"] == "CR201"  # the JSON stays JSON
    assert err == "Fixed 1 finding (2 more with --unsafe-fixes).\n"
    code, out, err = run(capsys, "--no-cache", "--select", "CR101,CR201", "--fix", "--unsafe-fixes", "a.txt")
    assert out.endswith("Fixed 2 findings.\n") and (tmp_path / "a.txt").read_text() == "We will use the crane before noon.\n"
    code, out, err = run(capsys, "--no-cache", "--select", "CR101,CR201", "--fix", "--quiet", "a.txt")
    assert "Fixed" not in out + err


# ---- standard input ----------------------------------------------------------------------------

def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_fix_prints_the_fixed_text_and_writes_nothing(tmp_path, capsys, monkeypatch):
    on_disk = tmp_path / "story.txt"
    on_disk.write_text("What is on disk stays.\n", encoding="utf-8")
    _stdin(monkeypatch, b"It was the the end.\n")
    code, out, err = run(capsys, "-", "--stdin-filename", "story.txt", "--select", "CR101", "--fix")
    assert out == "It was the end.\n" and code == 0  # before: the report, and no text
    assert "Fixed 1 finding." in err and "Found 0 findings" in err
    assert on_disk.read_text(encoding="utf-8") == "What is on disk stays.\n"
    _stdin(monkeypatch, b"Nothing to fix here.\n")
    code, out, err = run(capsys, "-", "--stdin-filename", "story.txt", "--fix", "--output-format", "json")
    assert out == "Nothing to fix here.\n" and json.loads(err.split("\nFixed")[0])["version"] == 1


def test_stdin_fix_through_the_entry_point_passes_unreadable_input_through(tmp_path):
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / ".cache")}
    cmd = [sys.executable, "-m", "stylecheck", "-", "--stdin-filename", "s.txt", "--fix", "--select", "CR101"]
    p = subprocess.run(cmd, input="Café the the end.\n".encode("utf-16"), capture_output=True, env=env, cwd=tmp_path)
    assert p.stdout == "Café the end.\n".encode("utf-16") and p.returncode == 0, p.stderr
    binary = b"\x00\x01\x02 not text \xff"
    p = subprocess.run(cmd, input=binary, capture_output=True, env=env, cwd=tmp_path)
    assert p.stdout == binary and p.returncode == 2 and not (tmp_path / "s.txt").exists()


def test_a_safe_fix_never_changes_a_capitalised_word_or_a_word_an_apostrophe_continues(tmp_path, capsys):
    # on 350 real articles the "safe" fixes turned names into words (a press secretary called
    # Sammon into "Salmon", an athlete called Thie into "The") and "childrens'" into "children'"
    (tmp_path / "desk.toml").write_text(
        '[[rule]]\ncode = "DK101"\nslug = "desk-list"\nkind = "substitution"\ncategory = "spelling"\n'
        'severity = "warning"\nmessage = "m"\nwhy = "w"\napplicability = "safe"\nignorecase = true\n'
        'swap = { "sammon" = "salmon", "childrens" = "children", "recieve" = "receive" }\n', encoding="utf-8")
    (tmp_path / ".stylecheck.toml").write_text('packs = ["desk.toml"]\nselect = ["DK101", "CR101"]\n',
                                              encoding="utf-8")
    (tmp_path / "a.txt").write_text("Aide Brooke Sammon said their childrens' toys would recieve a check.\n"
                                    "The the plan was to stage the Great Debate Debate again.\n", encoding="utf-8")
    code, out, _ = run(capsys, "--no-cache", "--output-format", "json", "a.txt")
    got = [(f["suggestions"][0], f["applicability"]) for f in json.loads(out)["files"][0]["findings"]]
    # "Debate Debate", capitalised, is taken for a coined name and not reported at all (CR101)
    assert got == [("Salmon", "unsafe"), ("children", "unsafe"), ("receive", "safe"), ("The", "safe")]
