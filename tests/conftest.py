"""Shared test helpers: lint a string with just the rules under test; run the CLI in a test's own
directory and cache."""
from __future__ import annotations


import pytest

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.source import Source


def lint(text: str, select: tuple[str, ...] | None = None, fmt: str = "text", **settings):
    s = Settings(select=select, **settings) if select is not None else Settings(**settings)
    return Linter(s).run(Source("<test>", text), fmt).findings_or_raise()


@pytest.fixture
def lint_with():
    return lint


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch):
    """The disk store in the test's own directory: no test reads what another stored."""
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / ".cache"))


@pytest.fixture
def workdir(tmp_path, monkeypatch, isolated_cache):
    """The test's own directory as the working directory, with its own cache and no colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `stylecheck ARGV` in process: (exit code, stdout, stderr)."""
    from stylecheck.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
