"""Which files a run checks: .gitignore and .ignore in directory walks (git's semantics, through
pathspec), --no-respect-gitignore, include/exclude, and --force-exclude for files named explicitly."""
from __future__ import annotations

import os

import pytest

from stylecheck.cli import main
from stylecheck.runner import RunOptions, discover

ARTICLE = "Harbour plan\n\nThe council approved the plan.\n"


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tree(files: dict[str, str]) -> None:
    for path, text in files.items():
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)


def found(*paths, **options) -> list[str]:
    return [p.replace(os.sep, "/") for p, _ in discover(list(paths), RunOptions(**options))]


def test_walks_respect_gitignore_and_ignore_as_git_does():
    tree({
        "repo/.git/HEAD": "ref: refs/heads/main\n",
        "repo/.gitignore": "drafts/\n*.tmp.md\n!keep.tmp.md\n/top-only.md\n",
        "repo/content/a.md": ARTICLE, "repo/content/x.tmp.md": ARTICLE, "repo/content/keep.tmp.md": ARTICLE,
        "repo/content/drafts/b.md": ARTICLE, "repo/content/top-only.md": ARTICLE, "repo/top-only.md": ARTICLE,
        "repo/content/wire/.ignore": "*.html\n",  # .ignore: for stylecheck (and ripgrep) only, not git
        "repo/content/wire/c.html": "<p>x</p>", "repo/content/wire/d.md": ARTICLE,
        "repo/content/wire/sub/.gitignore": "!*.html\n",  # a deeper file wins
        "repo/content/wire/sub/e.html": "<p>x</p>",
        "repo/.git/info/exclude": "local-notes.md\n",
        "repo/content/local-notes.md": ARTICLE,
    })
    assert found("repo") == ["repo/content/a.md", "repo/content/keep.tmp.md", "repo/content/top-only.md",
                             "repo/content/wire/d.md", "repo/content/wire/sub/e.html"]
    # walking from inside the repository, the root's .gitignore still applies
    assert found("repo/content/drafts") == []
    assert "repo/content/drafts/b.md" in found("repo", respect_gitignore=False)
    assert len(found("repo", respect_gitignore=False)) == 10
    # a file named explicitly is checked whatever the ignore files say
    assert found("repo/content/drafts/b.md") == ["repo/content/drafts/b.md"]


def test_outside_a_repository_only_ignore_files_inside_the_walk_count():
    tree({".gitignore": "*.md\n", "desk/a.md": ARTICLE, "desk/.gitignore": "b.md\n", "desk/b.md": ARTICLE})
    assert found("desk") == ["desk/a.md"]


def test_include_and_exclude_shape_a_walk():
    tree({".stylecheck.toml": 'include = ["*.md", "*.rst"]\nexclude = ["archive", "*-old.md"]\n',
          "a.md": ARTICLE, "b.txt": ARTICLE, "c.rst": ARTICLE, "d-old.md": ARTICLE, "archive/e.md": ARTICLE})
    assert found(".") == ["./a.md", "./c.rst"]


def test_force_exclude_applies_exclude_to_named_files():
    tree({".stylecheck.toml": 'exclude = ["archive", "*-old.md"]\n', "archive/2019/e.md": ARTICLE,
          "d-old.md": ARTICLE, "a.md": ARTICLE})
    named = ["a.md", "archive/2019/e.md", "d-old.md"]
    assert found(*named) == named
    assert found(*named, force_exclude=True) == ["a.md"]
    assert found("archive", force_exclude=True) == [] and found("archive") == ["archive/2019/e.md"]
    # the globs are relative to the config's directory, wherever the run starts
    os.chdir("archive")
    assert found("2019/e.md", force_exclude=True) == []


def test_show_files_lists_what_would_be_checked(capsys):
    tree({".gitignore": "drafts/\n", ".git/HEAD": "", "a.md": ARTICLE, "drafts/b.md": ARTICLE})
    assert main(["--show-files", "."]) == 0
    assert capsys.readouterr().out.splitlines() == ["./a.md"]
    assert main(["--show-files", "--no-respect-gitignore", "."]) == 0
    assert capsys.readouterr().out.splitlines() == ["./a.md", "./drafts/b.md"]


def test_show_settings_shows_the_effective_settings_and_rules(capsys):
    tree({"pyproject.toml": '[tool.stylecheck]\npreset = "ap"\nignore = ["CR201"]\n', "a.md": ARTICLE})
    assert main(["--show-settings", "a.md", "--extend-select", "long-sentence"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Settings for a.md\n")
    assert f"config-file = \"{os.path.join(os.getcwd(), 'pyproject.toml')}\"" in out or "config-file = \"pyproject.toml\"" in out
    assert 'preset = "ap"' in out and 'ignore = ["CR201"]' in out and 'extend-select = ["long-sentence"]' in out
    assert "CR401 long-sentence" in out and "CR201 plain-word" not in out
    assert 'input-format = "markdown"' in out


def test_force_exclude_through_the_command_line(capsys):
    tree({".stylecheck.toml": 'exclude = ["archive"]\n', "archive/e.md": "The the end.\n"})
    assert main(["archive/e.md", "--select", "CR101"]) == 1
    capsys.readouterr()
    assert main(["archive/e.md", "--select", "CR101", "--force-exclude"]) == 0
    assert "Found 0 findings in 0 files." in capsys.readouterr().out
