"""The command-line contract under faults: exit codes, one-line errors, isolation.

Exit 0 clean, 1 findings, 2 tool error (errors win; --exit-zero never hides 2). Each failed
file gets one stderr line `PATH: SC-E### reason` and a final "N files failed"; every other file
is still checked; no traceback unless --debug. RELIABILITY.md rows E1-E6, F1-F3, F8, G1-G3,
H1-H5 (the fix-related rows F4-F7 and kill -9 are in test_fix_fidelity.py).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stylecheck import cli, parallel
from stylecheck.kinds import resolve
from stylecheck.terms import DEFAULT_BUDGET

from scaling import GROWTH_10X, best_time
from conftest import run_cli as run

pytestmark = pytest.mark.usefixtures("isolated_cache")

STYLECHECK = [sys.executable, "-m", "stylecheck"]


def project(tmp_path: Path, rules: str, config: str = 'packs = ["pack.toml"]\n') -> Path:
    proj = tmp_path / "proj"
    proj.mkdir(parents=True, exist_ok=True)
    (proj / "pack.toml").write_text(rules, encoding="utf-8")
    (proj / ".stylecheck.toml").write_text(config, encoding="utf-8")
    return proj


def rule(code: str, body: str, kind: str = "existence") -> str:
    return (f'[[rule]]\ncode = "{code}"\nslug = "zz-{code.lower()}"\nkind = "{kind}"\ncategory = "style"\n'
            f'severity = "warning"\nmessage = "m"\nwhy = "w"\n{body}\n')


# ---- the contract ------------------------------------------------------------------------------

def test_exit_codes_errors_win_and_exit_zero_never_hides_2(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("Officials met on Tuesday.\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("Officials met on on Tuesday.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    assert run(capsys, "--no-cache", str(clean))[0] == 0
    assert run(capsys, "--no-cache", str(dirty))[0] == 1
    assert run(capsys, "--no-cache", "--exit-zero", str(dirty))[0] == 0
    code, out, err = run(capsys, "--no-cache", str(dirty), str(missing))
    assert code == 2 and "dirty.txt:1:15: CR101" in out  # the good file is still reported
    assert err.splitlines() == [f"{missing}: SC-E902 no such file or directory", "1 file failed"]
    assert run(capsys, "--no-cache", "--exit-zero", str(dirty), str(missing))[0] == 2


def test_poisoned_corpus_clean_files_unaffected_and_every_poison_named(tmp_path, capsys):
    """5% poisoned files, one per fault class; clean files' findings equal running them alone."""
    d = tmp_path / "corpus"
    d.mkdir()
    clean = []
    for i in range(60):
        p = d / f"story{i:02d}.txt"
        p.write_text(f"Story {i} said the the plan would utilise funds.\n", encoding="utf-8")
        clean.append(p)
    poison = {
        d / "bad_utf8.txt": lambda p: p.write_bytes(b"caf\xe9 menu\n"),
        d / "bad_utf16.txt": lambda p: p.write_bytes(b"\xff\xfeA\x00B"),
        d / "fifo.txt": lambda p: os.mkfifo(p),
        d / "link.txt": lambda p: p.symlink_to("/etc/hostname"),
    }
    for p, make in poison.items():
        make(p)
    alone = {}
    for p in clean[:5]:
        _, out, _ = run(capsys, "--no-cache", "--output-format", "json", str(p))
        alone[str(p)] = json.loads(out)["files"][0]["findings"]
    named = [str(p) for p in clean] + [str(d / "bad_utf8.txt"), str(d / "bad_utf16.txt"), str(d / "fifo.txt")]
    code, out, err = run(capsys, "--no-cache", "--output-format", "json", *named)
    assert code == 2
    together = {f["path"]: f["findings"] for f in json.loads(out)["files"]}
    assert all(together[p] == alone[p] for p in alone)
    assert len([p for p in together if together[p]]) == 60
    for name, reason in [("bad_utf8.txt", "SC-E003"), ("bad_utf16.txt", "SC-E003"), ("fifo.txt", "SC-E903")]:
        assert f"{d / name}: {reason}" in err
    assert err.strip().endswith("3 files failed")
    # the same tree walked: special files and symlinks are skipped, bad encodings still fail
    code, out, err = run(capsys, "--no-cache", str(d))
    assert code == 2 and "fifo.txt" not in err and "2 files failed" in err


def test_internal_error_is_one_line_unless_debug(tmp_path, capsys, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("Text.\n", encoding="utf-8")

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr("stylecheck.formatters.formatter", lambda name: broken)
    code, out, err = run(capsys, "--no-cache", str(f))
    assert code == 2 and "Traceback" not in err
    assert err.strip() == "stylecheck: internal error: RuntimeError: boom (run with --debug for a traceback)"
    with pytest.raises(RuntimeError):
        cli.main(["--no-cache", "--debug", str(f)])


def test_a_crashing_rule_fails_only_its_file_and_other_rules_still_report(tmp_path, capsys, monkeypatch):
    from stylecheck.kinds.substitution import Substitution

    real = Substitution.check

    def crash_on_poison(self, doc):
        if "poison" in doc.source:
            raise ZeroDivisionError("simulated bug")
        return real(self, doc)

    monkeypatch.setattr(Substitution, "check", crash_on_poison)
    bad = tmp_path / "bad.txt"
    bad.write_text("The poison the the pill.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Crews will utilise it.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", "--select", "CR101,CR201", str(bad), str(good))
    assert code == 2 and "Traceback" not in err
    assert f"{bad}: SC-E999 rule CR201 crashed: ZeroDivisionError: simulated bug" in err
    assert "bad.txt:1:12: CR101" in out and "good.txt:1:12: CR201" in out


# ---- E: hostile rule packs ---------------------------------------------------------------------

def test_E1_invalid_user_regex_is_a_load_error_naming_pack_line_and_rule(tmp_path, capsys):
    proj = project(tmp_path, rule("ZZ001", "patterns = ['(a+']"))
    (proj / "a.txt").write_text("aaa the the\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(proj / "a.txt"))
    assert code == 2 and not out.strip().startswith(str(proj))
    assert f"{proj / 'pack.toml'}:2: rule ZZ001" in err and "missing )" in err
    assert "CR101" not in out  # nothing linted


@pytest.mark.parametrize("pattern", ["", "x*", "(?:a|)", "\\b"])
def test_E4_patterns_matching_empty_are_rejected_at_load(tmp_path, capsys, pattern):
    proj = project(tmp_path, rule("ZZ002", f"patterns = ['{pattern}']"))
    (proj / "a.txt").write_text("text\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(proj / "a.txt"))
    assert code == 2 and "matches the empty string" in err and "ZZ002" in err


def test_E2_evil_user_regex_times_out_other_rules_still_reported(tmp_path, capsys):
    def cpu_run(name, pattern):
        """(CPU seconds, exit code, stdout, stderr, path) of a run with one user pattern."""
        proj = project(tmp_path / name, rule("ZZ003", f"patterns = ['{pattern}']"))
        f = proj / "a.txt"
        f.write_text("The the vote.\n\n" + "a" * 20_000 + "!\n", encoding="utf-8")
        t = time.thread_time()
        code, out, err = run(capsys, "--no-cache", str(f))
        return time.thread_time() - t, code, out, err, f

    harmless = min(cpu_run(f"harmless{i}", "zq+x")[0] for i in range(2))
    evil, code, out, err, f = cpu_run("evil", "(a|aa)+$")
    assert code == 2
    assert f"{f}: SC-E-TIMEOUT rule ZZ003" in err
    assert "a.txt:1:1: CR101" in out
    # the budget, not the pattern, bounds the cost (both in CPU time: a busy machine does not count)
    assert evil - harmless <= 4 * DEFAULT_BUDGET, f"{evil - harmless:.2f} s CPU over a {DEFAULT_BUDGET} s budget"


def test_E3_toml_basic_string_escape_gets_a_hint(tmp_path, capsys):
    proj = project(tmp_path, rule("ZZ004", 'patterns = ["\\d+"]'))
    (proj / "a.txt").write_text("text\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(proj / "a.txt"))
    assert code == 2 and "line 9" in err and "single-quoted literal strings" in err


def test_E6_duplicate_ids_unknown_keys_wrong_types(tmp_path, capsys):
    cases = {
        "duplicate": rule("CR101", "tokens = ['x']"),
        "unknown": rule("ZZ005", "tokens = ['x']\ntokenz = ['y']"),
        "type": rule("ZZ006", "tokens = 'x'"),
        "severity": rule("ZZ007", "tokens = ['x']").replace('severity = "warning"', "severity = 3"),
    }
    expect = {"duplicate": "duplicate rule 'CR101'", "unknown": "unknown option 'tokenz'",
              "type": "option 'tokens' must be list", "severity": "severity: expected str"}
    for name, text in cases.items():
        proj = project(tmp_path / name, text)
        (proj / "a.txt").write_text("text\n", encoding="utf-8")
        code, out, err = run(capsys, "--no-cache", str(proj / "a.txt"))
        assert code == 2 and expect[name] in err and str(proj / "pack.toml") in err, (name, err)


def test_E6_large_pack_loads_in_linear_time(tmp_path, capsys):
    # pack loading is linear in the number of rules (it was quadratic, ~40 s for 10,000, before #6)
    projects = iter(range(100))

    def load(n: int, repeats: int) -> float:
        """Fastest CPU time of a run over a pack of n rules, each run in a new project (nothing cached)."""
        rules = "".join(rule(f"Z{chr(65 + i // 1000)}{i % 1000:03d}", f"tokens = ['zqx{i}word']") for i in range(n))
        best = float("inf")
        for _ in range(repeats):
            proj = project(tmp_path / f"p{next(projects)}", rules)
            f = proj / "a.txt"
            f.write_text("The zqx42word appears.\n", encoding="utf-8")
            t = time.thread_time()
            code, out, err = run(capsys, "--no-cache", "--select", "ZA042", str(f))
            best = min(best, time.thread_time() - t)
            assert code == 1 and "ZA042" in out
        return best

    load(1_000, 1)  # warm up: the built-in rules and lexicons load once per process
    small, large = load(1_000, 3), load(10_000, 2)
    assert large / small <= GROWTH_10X, f"{large / small:.1f}x the time for 10x the rules"


# ---- F: paths ----------------------------------------------------------------------------------

def test_F1_unreadable_file_and_directory_as_file(tmp_path, capsys, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text("It was the the end.\n", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.\n", encoding="utf-8")
    real_open = open

    def guarded(path, *a, **k):  # root ignores mode 0o000, so deny like the kernel would
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", guarded)
    code, out, err = run(capsys, "--no-cache", str(locked), str(good))
    assert code == 2 and f"{locked}: SC-E902 Permission denied" in err and "good.txt:1:8: CR101" in out
    code, out, err = run(capsys, "--no-cache", "--config", str(tmp_path), str(good))
    assert code == 2 and "config file not found" in err


def test_F2_fifo_and_device_files_never_block(tmp_path):
    d = tmp_path / "tree"
    d.mkdir()
    os.mkfifo(d / "pipe.md")
    (d / "ok.txt").write_text("Fine copy.\n", encoding="utf-8")
    cmd = [*STYLECHECK, "--no-cache", str(d)]
    walked = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    assert walked.returncode == 0, walked.stderr
    named = subprocess.run([*STYLECHECK, "--no-cache", str(d / "pipe.md"), "/dev/zero"],
                           capture_output=True, text=True, timeout=30)
    assert named.returncode == 2
    assert "pipe.md: SC-E903 not a regular file" in named.stderr and "/dev/zero: SC-E903" in named.stderr


def test_F3_symlink_loop_terminates_and_visits_each_file_once(tmp_path, capsys):
    root = tmp_path / "root"
    sub = root / "sub"
    sub.mkdir(parents=True)
    (sub / "up").symlink_to("..")
    (sub / "a.txt").write_text("The the loop.\n", encoding="utf-8")
    for flags in ([], ["--follow-symlinks"]):
        code, out, err = run(capsys, "--no-cache", "--output-format", "json", *flags, str(root))
        paths = [f["path"] for f in json.loads(out)["files"]]
        assert code == 1 and len(paths) == 1, (flags, paths)


def test_F8_odd_paths_are_escaped_and_dash_prefixed_names_work(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    nl = tmp_path / "new\nline.txt"
    nl.write_text("The the end.\n", encoding="utf-8")
    dash = tmp_path / "-x.txt"
    dash.write_text("The the end.\n", encoding="utf-8")
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(b"The the end.\n")
    code, out, err = run(capsys, "--no-cache", str(nl))
    assert code == 1 and "new<U+000A>line.txt:1:1" in out and "new\nline" not in out
    code, out, err = run(capsys, "--no-cache", "--", "-x.txt")
    assert code == 1 and "-x.txt:1:1: CR101" in out
    code, out, err = run(capsys, "--no-cache", os.fsdecode(raw))
    assert code == 1 and "CR101" in out


def test_F8_deep_tree_is_walked_iteratively(tmp_path, capsys):
    d = tmp_path / "deep"
    p = d
    for _ in range(300):
        p = p / "d"
    p.mkdir(parents=True)
    (p / "a.txt").write_text("The the bottom.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", "--output-format", "json", str(d))
    assert code == 1 and len(json.loads(out)["files"]) == 1


# ---- G: config never runs code -----------------------------------------------------------------

def test_G1_kinds_load_only_from_the_package_or_entry_points(tmp_path):
    marker = tmp_path / "pwned"
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "evil.py").write_text(f"open({str(marker)!r}, 'w').write('x')\nKINDS = {{'evil': object}}\n")
    (tree / "pack.toml").write_text(rule("ZZ010", "tokens = ['x']", kind="evil"), encoding="utf-8")
    (tree / ".stylecheck.toml").write_text('packs = ["pack.toml"]\n', encoding="utf-8")
    (tree / "a.txt").write_text("Text.\n", encoding="utf-8")
    done = subprocess.run([*STYLECHECK, "--no-cache", "a.txt"], cwd=tree, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(tree)}, timeout=60)
    assert done.returncode == 2 and "unknown kind 'evil'" in done.stderr
    assert not marker.exists()
    for bad in ("os.system", "..evil", "evil/../x", "__import__", "stylecheck.cli"):
        with pytest.raises(LookupError):
            resolve(bad)


def test_G2_pack_paths_must_stay_inside_the_project(tmp_path, capsys):
    outside = tmp_path / "outside.toml"
    outside.write_text(rule("ZZ011", "tokens = ['x']"), encoding="utf-8")
    proj = project(tmp_path, rule("ZZ012", "tokens = ['x']"), config='packs = ["../outside.toml"]\n')
    (proj / "link.toml").symlink_to(outside)
    (proj / "a.txt").write_text("Text.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(proj / "a.txt"))
    assert code == 2 and "lies outside the project" in err
    (proj / ".stylecheck.toml").write_text('packs = ["link.toml"]\n', encoding="utf-8")
    code, out, err = run(capsys, "--no-cache", str(proj / "a.txt"))
    assert code == 2 and "lies outside the project" in err


def test_G3_malformed_toml_fails_before_any_file_is_touched(tmp_path, capsys):
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / ".stylecheck.toml").write_text('select = ["CR101"\nignore = 3\n', encoding="utf-8")
    f = proj / "a.txt"
    f.write_bytes(b"The the end.\n")
    code, out, err = run(capsys, "--no-cache", "--fix", str(f))
    assert code == 2 and ".stylecheck.toml" in err and "line 2" in err and "Traceback" not in err
    assert f.read_bytes() == b"The the end.\n"


# ---- H: process faults -------------------------------------------------------------------------

def _many_findings(tmp_path: Path, n: int = 60) -> Path:
    d = tmp_path / "many"
    d.mkdir()
    for i in range(n):
        (d / f"f{i:03d}.txt").write_text("The the plan. " * 50 + "\n", encoding="utf-8")
    return d


def test_H2_closed_stdout_exits_quietly(tmp_path):
    d = _many_findings(tmp_path)
    done = subprocess.run(f"{sys.executable} -m stylecheck --no-cache {d} | head -1", shell=True,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr and "error" not in done.stderr


def test_H1_sigint_during_fix_exits_130_and_leaves_whole_files(tmp_path):
    d = _many_findings(tmp_path, 200)
    before = {p: p.read_bytes() for p in d.iterdir()}
    fixed = ("The plan. " * 50 + "\n").encode()
    proc = subprocess.Popen([*STYLECHECK, "--no-cache", "--fix", "--select", "CR101", str(d)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20  # interrupt once fixing has begun, however slow the machine
    while time.monotonic() < deadline and proc.poll() is None and all(p.read_bytes() == b for p, b in before.items()):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode in (130, 0), err  # interrupted, or finished before the signal
    assert b"Traceback" not in err
    assert all(p.read_bytes() in (b, fixed) for p, b in before.items())
    assert not list(d.glob(".stylecheck-*.tmp"))  # the interrupted write cleaned up after itself


def test_H3_non_utf8_console_escapes_instead_of_crashing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Caf\u00e9 \u201cquoted\u201d the the end \u202e.\n", encoding="utf-8")
    for env in ({"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "cp1252"}, {"LC_ALL": "C", "LANG": "C"}):
        done = subprocess.run([*STYLECHECK, "--no-cache", str(f)], capture_output=True,
                              env={**os.environ, **env}, timeout=60)
        assert done.returncode == 1, (env, done.stderr)
        assert b"CR101" in done.stdout and b"\xe2\x80\xae" not in done.stdout


def test_H4_corrupt_cache_is_discarded_with_a_warning(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "cache"))
    files = []
    for i in range(4):
        f = tmp_path / f"a{i}.txt"
        f.write_text(f"Story {i} said the the plan.\n", encoding="utf-8")
        files.append(str(f))
    fresh = run(capsys, "--no-cache", "--output-format", "json", *files)[1]
    run(capsys, "--output-format", "json", *files)  # fill the cache
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 4
    entries[0].write_bytes(entries[0].read_bytes()[:10])  # truncated
    entries[1].write_bytes(b"\x00\xff garbage")  # binary
    entries[2].write_text('{"findings": [{"rule": 1}], "rule_errors": []}', encoding="utf-8")  # wrong shape
    code, out, err = run(capsys, "--output-format", "json", *files)
    assert code == 1 and json.loads(out) == json.loads(fresh)
    assert "corrupt cache entry" in err


def test_H4_every_cache_file_corrupted_still_gives_fresh_results(tmp_path):
    """Results (JSON), prepared data, packs and stored patterns (marshal): all overwritten."""
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / "cache")}
    f = tmp_path / "a.txt"
    f.write_text("Crews will utilise the the plan.\n", encoding="utf-8")
    cmd = [*STYLECHECK, "--output-format", "json", str(f)]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files
    for p in files:
        p.write_bytes(b"\x00\xff garbage" * 3)
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and "Traceback" not in second.stderr


_real_chunk = parallel._lint_chunk


def _crashing_chunk(chunk):
    """A worker that dies like an OOM kill on one file (module level, so it pickles)."""
    if any("poison" in p for p in chunk):
        os._exit(1)
    return _real_chunk(chunk)


def test_H5_worker_crash_fails_its_files_without_hanging(tmp_path, capsys, monkeypatch):
    d = tmp_path / "w"
    d.mkdir()
    paths = []
    for i in range(40):
        p = d / f"{'poison' if i == 5 else 'ok'}{i:02d}.txt"
        p.write_text("The the plan.\n", encoding="utf-8")
        paths.append(str(p))
    monkeypatch.setattr(parallel, "MIN_BYTES_FOR_POOL", 0)
    argv = ("--no-cache", "--jobs", "2", "--output-format", "json", *paths)
    clean = best_time(lambda: run(capsys, *argv), repeats=3, clock=time.perf_counter)  # workers: wall time
    monkeypatch.setattr(parallel, "_lint_chunk", _crashing_chunk)
    t = time.perf_counter()
    code, out, err = run(capsys, *argv)
    crashed = time.perf_counter() - t
    # restarting the pool costs a few clean runs, not a hang (a generous bound: wall time, busy box)
    assert crashed <= 50 * clean, f"{crashed:.2f} s with a crashing worker, {clean:.2f} s without"
    assert code == 2
    assert f"{d / 'poison05.txt'}: SC-E906" in err
    # A dead worker breaks the whole pool; the unfinished files are retried in fresh workers,
    # so only the file that kills a worker fails and every other file is still checked.
    reported = {f["path"] for f in json.loads(out)["files"] if f["findings"]}
    failed = {line.split(": SC-E906")[0] for line in err.splitlines() if ": SC-E906" in line}
    assert failed == {str(d / "poison05.txt")}
    assert reported == set(paths) - failed
