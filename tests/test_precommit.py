"""The pre-commit hook: its definition selects article files, and its entry runs the installed CLI."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml
from identify import identify

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def hook() -> dict:
    (h,) = [h for h in HOOKS if h["id"] == "stylecheck"]
    return h


def selected(h: dict, path: Path) -> bool:
    """pre-commit's documented file filter: files/exclude regexes, then types, types_or, exclude_types."""
    name = path.as_posix()
    if not re.search(h.get("files", ""), name) or re.search(h.get("exclude", "^$"), name):
        return False
    tags = identify.tags_from_path(str(path))
    return (set(h.get("types", ["file"])) <= tags
            and (not h.get("types_or") or bool(set(h["types_or"]) & tags))
            and not set(h.get("exclude_types", [])) & tags)


def test_hook_definition():
    h = hook()
    assert h["entry"] == "stylecheck --force-exclude"  # the config's exclude holds for named files
    assert h["language"] == "python"
    assert h["types_or"] == ["text", "markdown", "html"]
    assert all(t in identify.ALL_TAGS for t in h["types_or"]), "types_or must be identify tags"
    assert not h.get("pass_filenames") is False, "the hook lints the files pre-commit passes"


def test_hook_selects_articles_only(tmp_path):
    h = hook()
    names = {"story.md": True, "story.MD": True, "page.html": True, "page.htm": True, "copy.txt": True,
             "setup.py": False, "pyproject.toml": False, "ci.yaml": False, "photo.png": False, "notes": False}
    for name, expected in names.items():
        p = tmp_path / name
        p.write_bytes(b"\x89PNG\r\n\x1a\n\x00" if name.endswith(".png") else b"Some text.\n")
        assert selected(h, p) is expected, name


def test_entry_is_the_installed_console_script():
    (ep,) = [ep for ep in entry_points(group="console_scripts") if ep.name == hook()["entry"].split()[0]]
    assert ep.value == "stylecheck.cli:entry"


@pytest.fixture
def run_hook(tmp_path):
    name, *args = hook()["entry"].split()
    exe = shutil.which(name) or shutil.which(name, path=os.path.dirname(sys.executable))
    assert exe, "the stylecheck console script is not installed (pip install -e .)"
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / ".cache"), "NO_COLOR": "1"}

    def run(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([exe, *args, *files], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)

    return run


def test_hook_exit_codes(tmp_path, run_hook):
    (tmp_path / "clean.md").write_text("# Harbour plan\n\nThe council approved the plan.\n")
    (tmp_path / "slip.md").write_text("# Harbour plan\n\nThe council approved the the plan.\n")
    clean = run_hook("clean.md")
    assert clean.returncode == 0, clean.stderr
    slip = run_hook("clean.md", "slip.md")
    assert slip.returncode == 1, slip.stderr
    assert "slip.md:3:22: CR101" in slip.stdout
    missing = run_hook("slip.md", "gone.md")  # an error wins over findings
    assert missing.returncode == 2
    assert "gone.md: SC-E902" in missing.stderr


# --- the README's snippet, run by pre-commit itself ----------------------------------------------

README_URL = "https://git.example.org/desk/stylecheck"


def readme_snippet() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## pre-commit"):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def _hook_repo(tmp_path: Path) -> Path:
    """This repository's committed files and working copies, committed and tagged v0.1.0 in a new repo."""
    repo = tmp_path / "stylecheck-repo"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / name)
    env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "d@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "d@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "release"], ["tag", "v0.1.0"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return repo


def test_readme_snippet_works_with_pre_commit(tmp_path):
    """`pre-commit run` with the README's config, its repo URL pointed at a local copy of this repository.

    pre-commit clones the tag and pip-installs the hook into an environment of its own; stylecheck's
    dependencies are not downloaded again: the test environment's packages stand in for them.
    """
    pytest.importorskip("pre_commit")
    snippet = readme_snippet()
    assert README_URL in snippet and "rev: v0.1.0" in snippet and "id: stylecheck" in snippet
    hook_repo = _hook_repo(tmp_path)
    project = tmp_path / "desk"
    project.mkdir()
    (project / ".pre-commit-config.yaml").write_text(snippet.replace(README_URL, str(hook_repo)), encoding="utf-8")
    (project / ".stylecheck.toml").write_text('exclude = ["archive"]\n', encoding="utf-8")
    (project / "clean.md").write_text("# Harbour plan\n\nThe council approved the plan.\n")
    (project / "slip.md").write_text("# Harbour plan\n\nThe council approved the the plan.\n")
    (project / "archive").mkdir()
    (project / "archive" / "old.md").write_text("# Old\n\nThe the old copy.\n")
    (project / "setup.py").write_text("# the the\n")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PIP_NO_DEPS": "1",
           "PYTHONPATH": sysconfig.get_paths()["purelib"], "STYLECHECK_CACHE_DIR": str(tmp_path / "cache"),
           "NO_COLOR": "1", "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "d@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "d@example.org"}
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    done = subprocess.run([*pre_commit, "run", "--all-files"], cwd=project, env=env, capture_output=True,
                          text=True, timeout=600)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "slip.md:3:22: CR101" in out
    assert "archive/old.md" not in out and "setup.py" not in out  # excluded by the config; not an article
    (project / "slip.md").write_text("# Harbour plan\n\nThe council approved the plan.\n")
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    done = subprocess.run([*pre_commit, "run", "--all-files"], cwd=project, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
