"""The GitHub Action under a simulated GitHub environment.

A real git repository holds a pull request's two commits; GitHub's variables (GITHUB_EVENT_NAME,
GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV, RUNNER_TEMP) point into the test's
directory. The action's script (scripts/github_action.py) runs as action.yml runs it, and one test
plays action.yml itself step by step: its `${{ }}` expressions filled in, its shell steps run,
the steps that use other actions (setup-python, cache, upload-sarif) checked instead of run.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "github_action.py"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
CLEAN = "# Harbour plan\n\nThe council approved the plan.\n"
SLIP = "# Harbour plan\n\nThe council approved the the plan.\n"


def stylecheck_exe() -> str:
    exe = shutil.which("stylecheck", path=os.path.dirname(sys.executable)) or shutil.which("stylecheck")
    assert exe, "the stylecheck console script is not installed (pip install -e .)"
    return exe


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")


@pytest.fixture
def pull_request(tmp_path):
    """A repository whose second commit is a pull request's head; the event payload names both commits."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, {"a.md": CLEAN, "old.md": SLIP, ".stylecheck.toml": 'exclude = ["archive"]\n'})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    base = git(repo, "rev-parse", "HEAD")
    write(repo, {"a.md": SLIP, "b.md": CLEAN, "c.txt": "It was was late.\n", "archive/d.md": SLIP,
                 "tool.py": "# the the\n", "desk notes.md": SLIP})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "head")
    head = git(repo, "rev-parse", "HEAD")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": base}, "head": {"sha": head}}}), encoding="utf-8")
    return repo, event, base, head


def github_env(tmp_path: Path, event: Path, event_name: str = "pull_request", **inputs: str) -> dict:
    for name in ("output", "summary", "env"):
        (tmp_path / name).write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))}
    env.update({
        "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event_name, "GITHUB_EVENT_PATH": str(event),
        "GITHUB_OUTPUT": str(tmp_path / "output"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_ENV": str(tmp_path / "env"), "GITHUB_WORKSPACE": str(tmp_path / "repo"),
        "RUNNER_TEMP": str(tmp_path / "runner-temp"), "RUNNER_OS": "Linux",
        "STYLECHECK_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1",
    })
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    (tmp_path / "runner-temp").mkdir(exist_ok=True)
    return env


def outputs(tmp_path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in (tmp_path / "output").read_text(encoding="utf-8").splitlines() if line)


def run_script(repo: Path, env: dict) -> subprocess.CompletedProcess:
    env = {**env, "STYLECHECK": stylecheck_exe()}
    return subprocess.run([sys.executable, str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def annotations(stdout: str) -> list[tuple[str, str, str]]:
    """(level, file, title) of each workflow command that annotates."""
    return re.findall(r"^::(warning|error|notice) file=([^,]+),.*?title=([^:]+)::", stdout, re.M)


def test_a_pull_request_gets_annotations_on_its_changed_articles_only(tmp_path, pull_request):
    repo, event, _, _ = pull_request
    done = run_script(repo, github_env(tmp_path, event, FAIL_ON="warning", SARIF="true"))
    assert done.returncode == 0, done.stderr  # the job fails in action.yml's last step, after the upload
    found = annotations(done.stdout)
    # a.md and "desk notes.md" changed with a slip; c.txt too; archive/ is excluded by the config even
    # though the pull request changed it (--force-exclude); tool.py is not an article; old.md did not change
    assert sorted(found) == [("warning", "a.md", "CR101 doubled-word"), ("warning", "c.txt", "CR101 doubled-word"),
                             ("warning", "desk notes.md", "CR101 doubled-word")]
    out = outputs(tmp_path)
    assert out["exit-code"] == "1" and out["findings"] == "3" and out["files"] == "4"
    sarif = json.loads((repo / out["sarif-file"]).read_text(encoding="utf-8"))
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"])
    assert uris == ["a.md", "c.txt", "desk%20notes.md"]
    summary = (tmp_path / "summary").read_text(encoding="utf-8")
    assert summary.startswith("### stylecheck: 3 findings in 4 files") and "| `CR101` | doubled-word | 3 |" in summary


@pytest.mark.parametrize("fail_on,code", [("error", "0"), ("never", "0"), ("info", "1")])
def test_fail_on_decides_the_exit_code(tmp_path, pull_request, fail_on, code):
    repo, event, _, _ = pull_request
    done = run_script(repo, github_env(tmp_path, event, FAIL_ON=fail_on))
    assert done.returncode == 0, done.stderr
    assert outputs(tmp_path)["exit-code"] == code
    assert len(annotations(done.stdout)) == 3  # annotated whatever fails the job
    assert outputs(tmp_path)["sarif-file"] == ""


def test_given_paths_are_checked_instead_of_the_changes(tmp_path, pull_request):
    repo, event, _, _ = pull_request
    done = run_script(repo, github_env(tmp_path, event, PATHS="old.md\nb.md", ARGS="--select CR101"))
    assert [a[1] for a in annotations(done.stdout)] == ["old.md"]
    assert outputs(tmp_path)["exit-code"] == "1"


def test_a_push_checks_what_it_changed_and_a_new_branch_checks_everything(tmp_path, pull_request):
    repo, event, base, head = pull_request
    push = tmp_path / "push.json"
    push.write_text(json.dumps({"before": base, "after": head}), encoding="utf-8")
    done = run_script(repo, github_env(tmp_path, push, event_name="push"))
    assert sorted(a[1] for a in annotations(done.stdout)) == ["a.md", "c.txt", "desk notes.md"]
    push.write_text(json.dumps({"before": "0" * 40, "after": head}), encoding="utf-8")
    done = run_script(repo, github_env(tmp_path, push, event_name="push"))
    # the whole workspace: old.md too, archive/ still excluded by the walk
    assert sorted(a[1] for a in annotations(done.stdout)) == ["./a.md", "./c.txt", "./desk notes.md", "./old.md"]


def test_a_change_with_no_articles_passes_without_running(tmp_path, pull_request):
    repo, event, _, head = pull_request
    write(repo, {"tool.py": "# changed\n"})
    git(repo, "commit", "-qam", "code only")
    event.write_text(json.dumps({"pull_request": {"base": {"sha": head}, "head": {"sha": git(repo, "rev-parse", "HEAD")}}}))
    done = run_script(repo, github_env(tmp_path, event))
    assert "no changed files to check" in done.stdout
    assert outputs(tmp_path)["exit-code"] == "0"


def test_unreadable_or_broken_config_is_exit_code_2(tmp_path, pull_request):
    repo, event, _, _ = pull_request
    done = run_script(repo, github_env(tmp_path, event, PATHS="missing.md"))
    assert outputs(tmp_path)["exit-code"] == "2"
    assert "::error file=missing.md,title=SC-E902::" in done.stdout


# --- action.yml, played step by step ---------------------------------------------------------------

_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class Runner:
    """Just enough of the Actions runner for a composite action: expressions, env, outputs, `if:`."""

    def __init__(self, tmp_path: Path, env: dict, inputs: dict):
        self.tmp, self.env, self.steps = tmp_path, env, {}
        defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
        self.context = {"inputs": {**defaults, **inputs}, "github": {"action_path": str(ROOT), "action_ref": "v0.1.0",
                        "sha": "abc123"}, "runner": {"os": "Linux"}}
        self.used: list[tuple[str, dict]] = []

    def value(self, expr: str) -> str:
        head, *rest = expr.split(".")
        if head == "steps":
            return self.steps.get(rest[0], {}).get(rest[2], "")
        return str(self.context[head][".".join(rest)])

    def expand(self, text: str) -> str:
        return _EXPR.sub(lambda m: self.value(m.group(1)), text)

    def condition(self, expr: str) -> bool:
        for clause in expr.split("&&"):
            left, op, right = re.match(r"\s*(\S+)\s*(==|!=)\s*'([^']*)'\s*$", clause).groups()
            if (self.value(left) == right) != (op == "=="):
                return False
        return True

    def run(self) -> int:
        code = 0
        for step in ACTION["runs"]["steps"]:
            if "if" in step and not self.condition(step["if"]):
                continue
            if "uses" in step:
                self.used.append((step["uses"], {k: self.expand(str(v)) for k, v in step.get("with", {}).items()}))
                continue
            out = self.tmp / "output"
            out.write_text("", encoding="utf-8")
            env = {**self.env, **{k: self.expand(str(v)) for k, v in step.get("env", {}).items()}, "GITHUB_OUTPUT": str(out)}
            done = subprocess.run(["bash", "-e", "-c", self.expand(step["run"])], cwd=self.env["GITHUB_WORKSPACE"],
                                  env=env, capture_output=True, text=True, timeout=600)
            self.log = getattr(self, "log", "") + done.stdout + done.stderr
            if "id" in step:
                self.steps[step["id"]] = dict(line.split("=", 1) for line in out.read_text().splitlines() if line)
            for line in (self.tmp / "env").read_text().splitlines():  # GITHUB_ENV: for the later steps
                k, _, v = line.partition("=")
                self.env[k] = v
            code = done.returncode
            if code:
                return code
        return code


def test_action_yml_runs_end_to_end(tmp_path, pull_request):
    repo, event, _, _ = pull_request
    env = github_env(tmp_path, event)
    # the install step runs for real into RUNNER_TEMP, from this checkout (as `uses: OWNER/stylecheck@REF`
    # does; its build backend from the package index, as on a runner). stylecheck's own dependencies are
    # not installed again: the test environment's packages stand in for them (PIP_NO_DEPS, PYTHONPATH)
    env.update({"PIP_NO_DEPS": "1",
                "PYTHONPATH": sysconfig.get_paths()["purelib"], "PATH": f"{os.path.dirname(sys.executable)}:{env['PATH']}"})
    runner = Runner(tmp_path, env, {"sarif": "true"})
    assert runner.run() == 1, runner.log  # findings at warning: the last step fails the job
    installed = runner.env["STYLECHECK"]
    assert installed.startswith(str(tmp_path / "runner-temp" / "stylecheck-venv")), installed
    assert runner.steps["install"]["version"] == "0.1.0"
    assert runner.steps["check"]["exit-code"] == "1" and runner.steps["check"]["findings"] == "3"
    assert sorted(a[1] for a in annotations(runner.log)) == ["a.md", "c.txt", "desk notes.md"]
    used = dict(runner.used)
    assert used["actions/setup-python@v5"] == {"python-version": "3.12"}
    assert used["actions/cache@v4"]["path"] == "~/.cache/stylecheck"
    assert used["actions/cache@v4"]["key"].startswith("stylecheck-Linux-py3.12-0.1.0-v0.1.0-")
    assert used["github/codeql-action/upload-sarif@v3"]["sarif_file"] == "stylecheck.sarif"
    assert (repo / "stylecheck.sarif").exists()


def test_action_yml_skips_the_upload_and_passes_when_clean(tmp_path, pull_request):
    """Without sarif the upload step is skipped; with fail-on error the job passes (the install is faked)."""
    repo, event, _, _ = pull_request
    env = github_env(tmp_path, event)
    runner = Runner(tmp_path, env, {"fail-on": "error"})
    steps = ACTION["runs"]["steps"]
    install = next(s for s in steps if s.get("id") == "install")
    install_run, install["run"] = install["run"], (
        f'echo "version=0.1.0" >> "$GITHUB_OUTPUT"; echo "STYLECHECK={stylecheck_exe()}" >> "$GITHUB_ENV"')
    try:
        assert runner.run() == 0, runner.log
    finally:
        install["run"] = install_run
    assert [u for u, _ in runner.used] == ["actions/setup-python@v5", "actions/cache@v4"]
    assert runner.steps["check"]["exit-code"] == "0" and runner.steps["check"]["sarif-file"] == ""


def test_action_inputs_reach_the_script():
    check = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "check")
    script = SCRIPT.read_text(encoding="utf-8")
    for name in ACTION["inputs"]:
        if name in ("python-version", "install"):
            continue  # used by action.yml itself
        assert f"INPUT_{name.upper().replace('-', '_')}" in check["env"], name
        assert f'"{name}"' in script, name
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["outputs"]) <= {"exit-code", "findings", "sarif-file", "files"}
