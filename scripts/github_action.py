"""The GitHub Action's check step (action.yml): which files, annotations, SARIF, a summary, the exit code.

Standard library only; run by action.yml after it has installed stylecheck. Reads the action's
inputs from the environment (INPUT_PATHS, INPUT_FAIL_ON, INPUT_ARGS, INPUT_SARIF, INPUT_SARIF_FILE)
and GitHub's own variables (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
GITHUB_WORKSPACE); STYLECHECK names the executable.

- Files: the given `paths`; else, on a pull request, the files it changes (base...head), and on a
  push, the files the push changes (before..after), kept when their names match the project's
  `include` globs and checked with `--force-exclude`, so the config's `exclude` holds; else the
  whole workspace (a scheduled or manual run, a new branch).
- Annotations: `--output-format github` on stdout, which the runner turns into annotations.
- SARIF (when asked): a second run with `--output-format sarif`, answered from the results cache.
- Summary: counts per rule in the job summary; outputs `exit-code`, `findings`, `files`, `sarif-file`.
- Always exits 0: action.yml uploads the SARIF first and then fails the job by `exit-code`.
"""
from __future__ import annotations

import fnmatch
import json
import os
import shlex
import subprocess
import sys

ZERO_SHA = "0" * 40


def inputs() -> dict:
    def get(name: str, default: str = "") -> str:
        return os.environ.get(f"INPUT_{name.upper().replace('-', '_')}", default).strip()

    return {"paths": get("paths"), "fail_on": get("fail-on", "warning") or "warning", "args": get("args"),
            "sarif": get("sarif", "false").lower() == "true",
            "sarif_file": get("sarif-file", "stylecheck.sarif") or "stylecheck.sarif"}


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True)


def _have(sha: str) -> bool:
    return git("cat-file", "-e", f"{sha}^{{commit}}").returncode == 0


def changed_files(event_name: str, event: dict) -> list[str] | None:
    """The files a pull request or push changes (added, copied, modified, renamed), or None for all."""
    if event_name.startswith("pull_request"):
        pr = event.get("pull_request") or {}
        base, head = (pr.get("base") or {}).get("sha"), (pr.get("head") or {}).get("sha")
    elif event_name == "push":
        base, head = event.get("before"), event.get("after")
    else:
        return None
    if not base or not head or base == ZERO_SHA:
        return None
    for sha in (base, head):
        if not _have(sha):  # a shallow checkout: fetch what the diff needs
            git("fetch", "--no-tags", "--quiet", "--depth=100", "origin", sha)
    for spec in (f"{base}...{head}", f"{base}..{head}"):  # the merge base, else the two trees
        out = git("diff", "--name-only", "--diff-filter=ACMRT", "-z", spec)
        if out.returncode == 0:
            return [p for p in out.stdout.split("\0") if p]
    print(f"::warning title=stylecheck::cannot diff {base[:12]}..{head[:12]}; checking the whole workspace "
          "(use actions/checkout with fetch-depth: 0)")
    return None


def include_globs(stylecheck: str, path: str) -> list[str]:
    """The `include` globs of the config that applies to path (--show-settings)."""
    out = subprocess.run([stylecheck, "--show-settings", "--output-format", "json", path],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return ["*.txt", "*.md", "*.markdown", "*.html", "*.htm"]
    return json.loads(out.stdout)["include"]


def files_to_check(opts: dict, stylecheck: str) -> list[str]:
    if opts["paths"]:
        return [p for line in opts["paths"].splitlines() for p in shlex.split(line)]
    event = {}
    path = os.environ.get("GITHUB_EVENT_PATH")
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            event = json.load(fh)
    changed = changed_files(os.environ.get("GITHUB_EVENT_NAME", ""), event)
    if changed is None:
        return ["."]
    existing = [p for p in changed if os.path.isfile(p)]
    if not existing:
        return []
    globs = include_globs(stylecheck, existing[0])
    return [p for p in existing if any(fnmatch.fnmatch(os.path.basename(p), g) for g in globs)]


def run(stylecheck: str, fmt: str, files: list[str], opts: dict, *extra: str) -> subprocess.CompletedProcess:
    fail = ["--exit-zero"] if opts["fail_on"] == "never" else ["--fail-on", opts["fail_on"]]
    cmd = [stylecheck, "--output-format", fmt, "--force-exclude", *fail, *shlex.split(opts["args"]), *extra, "--", *files]
    return subprocess.run(cmd, capture_output=True, text=True)


def write_outputs(values: dict) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.writelines(f"{k}={v}\n" for k, v in values.items())


def write_summary(counts: list[dict], files: int, code: int) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    total = sum(c["count"] for c in counts)
    lines = [f"### stylecheck: {total} finding{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}", ""]
    if counts:
        lines += ["| rule | | findings |", "|---|---|---:|"]
        lines += [f"| `{c['code']}` | {c['name']} | {c['count']} |" for c in counts]
    if code == 2:
        lines += ["", "Some files could not be checked, or the configuration has an error: see the log."]
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def main() -> int:
    opts = inputs()
    stylecheck = os.environ.get("STYLECHECK", "stylecheck")
    files = files_to_check(opts, stylecheck)
    if not files:
        print("stylecheck: no changed files to check")
        write_outputs({"exit-code": 0, "findings": 0, "files": 0, "sarif-file": ""})
        write_summary([], 0, 0)
        return 0
    checked = run(stylecheck, "github", files, opts)
    sys.stdout.write(checked.stdout)  # workflow commands: the runner makes them annotations
    sys.stderr.write(checked.stderr)
    code = checked.returncode
    sarif_file = ""
    if opts["sarif"]:
        sarif = run(stylecheck, "sarif", files, opts, "--exit-zero")
        sarif_file = opts["sarif_file"]
        with open(sarif_file, "w", encoding="utf-8") as fh:
            fh.write(sarif.stdout)
    stats = run(stylecheck, "json", files, opts, "--statistics", "--exit-zero")
    counts = json.loads(stats.stdout) if stats.returncode == 0 and stats.stdout.strip() else []
    listed = run(stylecheck, "json", files, opts, "--show-files")
    n_files = len(listed.stdout.splitlines()) if listed.returncode == 0 else len(files)
    write_outputs({"exit-code": code, "findings": sum(c["count"] for c in counts), "files": n_files,
                   "sarif-file": sarif_file})
    write_summary(counts, n_files, code)
    print(f"stylecheck: exit code {code} (fail-on: {opts['fail_on']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
