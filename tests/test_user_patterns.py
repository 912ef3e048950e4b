"""Every user pattern runs under one CPU budget, and a bad one is an error where it was written (issue 16).

A desk's pattern, in any kind (existence `patterns`, replace `pattern`, conditional `pattern`),
from its own pack or from a config `[rules.X]` option on a bundled rule, is checked when the rule
is built (invalid or empty-matching: an error naming the pack or config file, the line and the
rule) and runs under terms.Budget: a catastrophic pattern stops the rule with SC-E-TIMEOUT
instead of hanging the run. The budget counts the pattern's own matching time on the rule's
thread only, so a busy machine, another thread or the rule's work on many matches never makes
a harmless pattern time out (the flake of test_D5_rule_matching_every_character_is_capped).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time

import pytest
import regex

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.terms import Budget, compile_user_pattern

EVIL = "(a|aa)+$"
EVIL_TEXT = "a" * 20_000 + "!"
PACK_RULE = ('[[rule]]\ncode = "ZZ501"\nslug = "zz-acronym"\nkind = "{kind}"\ncategory = "style"\n'
             'severity = "info"\nmessage = "m"\nwhy = "w"\n{option}\n')


def _cli(cwd, *args, timeout: float = 120) -> subprocess.CompletedProcess:
    """The CLI in a new interpreter: a pattern without a budget would hang it (the timeout fails the test)."""
    return subprocess.run([sys.executable, "-m", "stylecheck", "--no-cache", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def _project(tmp_path, config: str, pack: str | None = None):
    (tmp_path / ".stylecheck.toml").write_text(config, encoding="utf-8")
    if pack is not None:
        (tmp_path / "pack.toml").write_text(pack, encoding="utf-8")
    (tmp_path / "a.txt").write_text(EVIL_TEXT + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("config, pack", [
    # a desk's conditional rule: before, compiled without checks and run with no budget (a hang)
    ('packs = ["pack.toml"]\nselect = ["ZZ501"]\n', PACK_RULE.format(kind="conditional", option=f"pattern = '{EVIL}'")),
    # a config `pattern` on the bundled CR501: before, the same
    (f'select = ["CR501"]\n[rules.CR501]\npattern = \'{EVIL}\'\n', None),
    # a config `pattern` on the bundled ST202 (a `replace` rule): run as the user's, in `regex`, budgeted
    (f'select = ["ST202"]\n[rules.ST202]\npattern = \'{EVIL}\'\n', None),
])
def test_a_catastrophic_user_pattern_stops_at_its_budget(tmp_path, config, pack):
    proj = _project(tmp_path, config, pack)
    done = _cli(proj, "--output-format", "json", "a.txt")
    assert done.returncode == 2, done.stderr
    errors = [e["message"] for e in json.loads(done.stdout)["errors"]]
    assert len(errors) == 1 and "SC-E-TIMEOUT" in errors[0] and "time budget" in errors[0]


@pytest.mark.parametrize("pattern, why", [("(a+", "invalid pattern"), ("a*", "matches the empty string")])
def test_a_bad_pack_pattern_is_an_error_naming_the_pack_line_and_rule(tmp_path, pattern, why):
    pack = "# a desk's pack\n\n" + PACK_RULE.format(kind="conditional", option=f"pattern = '{pattern}'")
    proj = _project(tmp_path, 'packs = ["pack.toml"]\nselect = ["ZZ501"]\n', pack)
    done = _cli(proj, "a.txt")
    assert done.returncode == 2
    assert "pack.toml:4: rule ZZ501:" in done.stderr and why in done.stderr, done.stderr  # before: a traceback
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("rule, option, value", [
    ("CR501", "pattern", "'(a+'"), ("CR501", "pattern", "'\\b'"), ("ST202", "pattern", "'x?'"),
])
def test_a_bad_config_pattern_is_an_error_at_its_line(tmp_path, rule, option, value):
    proj = _project(tmp_path, f'select = ["{rule}"]\n\n[rules.{rule}]\n{option} = {value}\n')
    done = _cli(proj, "a.txt")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f".stylecheck.toml:4: rules.{rule}:" in done.stderr, done.stderr


def test_a_bundled_rule_whose_config_sets_other_options_keeps_its_fast_unbudgeted_patterns():
    settings = Settings(select=("ST106",), rule_options=(("ST106", (("skip_headlines", True),)),))
    (cr,) = Linter(settings).rules
    assert [type(c.pattern) for c in cr.kind.cases] == [re.Pattern]  # ours: tested, run in `re`
    (cr,) = Linter(Settings(select=("ST106",), rule_options=(("ST106", (("pattern", " +(?=')"),)),))).rules
    assert [type(c.pattern) for c in cr.kind.cases] == [regex.Pattern]  # the desk's: `regex`, under the budget


def test_the_budget_counts_matching_not_the_rules_work_on_each_match():
    """Before, regex's timeout (process CPU since the scan began) ran out while the rule worked on
    many matches of a harmless pattern: the D5 flake on a busy machine."""
    budget = Budget(0.05)
    found = 0
    for _m in budget.finditer(compile_user_pattern("[a-z]"), "abcdefghij " * 40):
        found += 1
        end = time.thread_time() + 0.002  # the rule's own work: 0.8 s of CPU over 400 matches
        while time.thread_time() < end:
            pass
    assert found == 400 and budget.left > 0


def test_the_budget_is_not_eaten_by_another_thread():
    stop = threading.Event()

    def hog():
        while not stop.is_set():
            sum(range(1000))

    threads = [threading.Thread(target=hog) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        budget = Budget(0.05)
        found = 0
        for _m in budget.finditer(compile_user_pattern("[a-z]"), "abcdefghij " * 10):
            found += 1
            time.sleep(0.001)  # the other threads run meanwhile: process CPU time grows past the budget
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert found == 100


def test_the_budget_still_stops_a_runaway_search():
    budget = Budget(0.1)
    start = time.thread_time()
    with pytest.raises(TimeoutError):
        list(budget.finditer(compile_user_pattern(EVIL), EVIL_TEXT))
    assert time.thread_time() - start <= 0.1 * 3  # stopped near its budget, with a margin for a busy box


def test_a_scan_resumed_after_the_guard_finds_what_one_scan_finds(monkeypatch):
    """When regex's guard fires with budget left the scan goes on from the last match: same matches."""
    pattern = compile_user_pattern(r"(?<=\s)\w+")  # what comes before the resumed scan counts
    text = "one two three four five six seven " * 30
    real = pattern.finditer
    calls = []

    class Guarded:
        def __init__(self, p):
            self.p = p

        def finditer(self, s, pos=0, timeout=None):
            calls.append(pos)
            it = real(s, pos)
            for k, m in enumerate(it):
                if k == 7:
                    raise TimeoutError("regex time out")
                yield m

    got = [m.span() for m in Budget(1.0).finditer(Guarded(pattern), text)]
    assert got == [m.span() for m in real(text)] and len(calls) > 10
