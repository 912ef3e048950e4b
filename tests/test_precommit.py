"""The pre-commit hook: its definition selects article files, and its entry runs the installed CLI."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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
    assert h["entry"] == "stylecheck"
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
    (ep,) = [ep for ep in entry_points(group="console_scripts") if ep.name == hook()["entry"]]
    assert ep.value == "stylecheck.cli:entry"


@pytest.fixture
def run_hook(tmp_path):
    exe = shutil.which(hook()["entry"]) or shutil.which(hook()["entry"], path=os.path.dirname(sys.executable))
    assert exe, "the stylecheck console script is not installed (pip install -e .)"
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / ".cache"), "NO_COLOR": "1"}

    def run(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([exe, *files], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)

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
