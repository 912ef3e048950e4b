"""Settings that fail closed (issue 16): a selector, rule name, glob or option that selects or
means nothing is an error (exit 2) that says where it came from, never a run of no rules."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stylecheck import lint_text
from stylecheck.config import ConfigError, Settings
from stylecheck.engine import Linter
from conftest import run_cli as run

pytestmark = pytest.mark.usefixtures("isolated_cache")

DOUBLED = "It was the the end.\n"


@pytest.fixture
def article(tmp_path) -> Path:
    p = tmp_path / "proj" / "d.txt"
    p.parent.mkdir()
    p.write_text(DOUBLED, encoding="utf-8")
    return p


@pytest.mark.parametrize("flag, value, hint", [
    ("--select", "ZZ", "rules --all"),
    ("--select", "CR10l", "did you mean 'CR101'"),
    ("--select", "doubled-wrd", "did you mean 'doubled-word'"),
    ("--select", "cr101", "did you mean 'CR101'"),
    ("--select", "CR101,ZZ", "'ZZ'"),
    ("--select", "", "is empty"),
    ("--select", ",", "is empty"),
    ("--extend-select", "CR40l", "did you mean 'CR401'"),
    ("--ignore", "plain-wrod", "did you mean 'plain-word'"),
])
def test_a_flag_that_selects_nothing_is_an_error_naming_the_flag(capsys, article, flag, value, hint):
    code, out, err = run(capsys, "--no-cache", f"{flag}={value}", str(article))
    assert code == 2 and out == ""
    assert err.startswith(f"stylecheck: {flag}") and hint in err and "Traceback" not in err


@pytest.mark.parametrize("config, line, fragment", [
    ('select = ["CR10l"]\n', 1, "select: 'CR10l' selects no rule"),
    ('fail-on = "info"\nignore = [\n  "CR101",\n  "XX9",\n]\n', 4, "ignore: 'XX9'"),
    ('extend-select = [""]\n', 1, "extend-select holds an empty selector"),
    ("select = []\n", 1, "select is empty"),
    ('\n[severity]\nCR20l = "warning"\n', 3, "severity: 'CR20l'"),
    ("[rules.CR40]\nmax_words = 5\n", 1, "rules: 'CR40' is not a rule's code or slug"),
    ("[rules.spelling]\nmax_words = 5\n", 1, "rules: 'spelling' is not a rule's code or slug"),
    ('[per-file."archive/**"]\nignore = ["CR10l"]\n', 2, "per-file.'archive/**'.ignore: 'CR10l'"),
    ('[per-file."archive/[ab"]\nignore = ["CR101"]\n', 1, "never closed"),
    ('[per-file."*.{md,txt}"]\nignore = ["CR101"]\n', 1, "braces"),
    ('[per-file.""]\nignore = ["CR101"]\n', 1, "empty glob"),
    ('[per-file."/srv/news/**"]\nignore = ["CR101"]\n', 1, "not absolute"),
    ('exclude = ["drafts/[x"]\n', 1, "never closed"),
])
def test_a_config_entry_that_selects_nothing_is_an_error_at_its_line(capsys, article, config, line, fragment):
    cfg = article.parent / ".stylecheck.toml"
    cfg.write_text(config, encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(article))
    assert code == 2 and out == "", err
    assert err.startswith(f"stylecheck: {cfg}:{line}: ") and fragment in err, err


@pytest.mark.parametrize("options, fragment", [
    ("max_words = true", "'max_words' must be int, not bool"),
    ("max_words = -3", "'max_words' must be above zero"),
    ("max_words = 0", "'max_words' must be above zero"),
    ("max_words = 40.5", "'max_words' must be int, not float"),
    ("max_wordz = 35", "unknown option 'max_wordz'"),
])
@pytest.mark.parametrize("enable", ['extend-select = ["long-sentence"]\n', ""])  # CR401 is off by default
def test_rule_options_are_checked_even_when_the_rule_is_off_and_cite_the_users_config(
        capsys, article, options, fragment, enable):
    cfg = article.parent / ".stylecheck.toml"
    cfg.write_text(f'{enable}fail-on = "warning"\n\n[rules.CR401]\n{options}\n', encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(article))
    line = 4 + bool(enable)
    assert code == 2 and err.startswith(f"stylecheck: {cfg}:{line}: rules.CR401: ") and fragment in err, err
    assert "core.toml" not in err  # the bundled pack is not the user's to edit


def test_good_options_and_selectors_still_work(capsys, article):
    cfg = article.parent / ".stylecheck.toml"
    cfg.write_text('ignore = ["plain-word"]\n[severity]\nCR101 = "error"\n[rules.CR401]\nmax_words = 30\n'
                   '[per-file."archive/**"]\nignore = ["CR101"]\n', encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", "--select", "CR1,phrasing", str(article))
    assert code == 1 and "CR101 error" in out and err == ""


def test_deeply_nested_toml_and_huge_terms_are_clear_errors(capsys, article):
    cfg = article.parent / ".stylecheck.toml"
    cfg.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(article))
    assert code == 2 and "nested too deeply" in err and str(cfg) in err
    assert "RecursionError" not in err and "internal error" not in err

    pack = article.parent / "desk.toml"
    pack.write_text('[[rule]]\ncode = "DK101"\nslug = "desk-term"\nkind = "existence"\ncategory = "style"\n'
                    f'severity = "warning"\nmessage = "m"\nwhy = "w"\ntokens = ["{"x" * 100_000}"]\n', encoding="utf-8")
    cfg.write_text('packs = ["desk.toml"]\n', encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(article))
    assert code == 2 and f"{pack}:2: rule DK101: " in err and "too long" in err
    assert "RecursionError" not in err and "internal error" not in err


def test_selectors_of_a_desks_own_pack_are_known(capsys, article):
    (article.parent / "desk.toml").write_text(
        '[[rule]]\ncode = "DK101"\nslug = "desk-term"\nkind = "existence"\ncategory = "style"\n'
        'severity = "warning"\nmessage = "m"\nwhy = "w"\ntokens = ["end"]\n', encoding="utf-8")
    (article.parent / ".stylecheck.toml").write_text('packs = ["desk.toml"]\nextend-select = ["DK"]\n', encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", "--select", "desk-term", str(article))
    assert code == 1 and "DK101" in out and err == ""


def test_the_python_api_refuses_what_selects_nothing():
    with pytest.raises(ConfigError, match="select: 'ZZ'"):
        Linter(Settings(select=("ZZ",)))
    with pytest.raises(ConfigError, match="rules: 'CR4'"):
        lint_text(DOUBLED, config=Settings(rule_options=(("CR4", (("max_words", 5),)),)))


# ---- inputs that are not regular files, or too big -----------------------------------------------

STYLECHECK = [sys.executable, "-m", "stylecheck", "--no-cache"]


def _cli(tmp_path, *argv):
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / ".cache")}
    return subprocess.run([*STYLECHECK, *argv], capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.parametrize("where", ["baseline", "pack", "vocab"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/full"])
def test_a_fifo_or_device_as_baseline_pack_or_vocab_is_refused_at_once(tmp_path, article, where, special):
    if special == "fifo":
        special = str(article.parent / "fifo")
        os.mkfifo(special)
    elif not os.path.exists(special):
        pytest.skip(f"no {special} here")
    if where == "baseline":
        argv = ["--baseline", special]
    else:
        key = 'packs = ["fifo"]' if where == "pack" else f'[rules.NM101]\nvocab = "{special}"'
        if where == "pack" and not special.endswith("fifo"):
            pytest.skip("packs must lie inside the project")
        (article.parent / ".stylecheck.toml").write_text(key + "\n", encoding="utf-8")
        argv = []
    done = _cli(tmp_path, *argv, str(article))  # before: blocked forever, or read until MemoryError
    assert done.returncode == 2 and "not a regular file" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_inputs_over_the_size_limit_are_refused(tmp_path, article, capsys, monkeypatch):
    from stylecheck import inputs

    baseline = article.parent / "base.json"
    baseline.write_text('{"version": 1, "findings": []}' + " " * 5000, encoding="utf-8")
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 4096)
    code, out, err = run(capsys, "--no-cache", "--baseline", str(baseline), str(article))
    assert code == 2 and "SC-E010" in err and "over the 4,096-byte limit" in err
    deep = article.parent / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1 << 20)
    code, out, err = run(capsys, "--no-cache", "--baseline", str(deep), str(article))
    assert code == 2 and "SC-E010" in err and "nested too deeply" in err and "Recursion" not in err
