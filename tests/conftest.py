"""Shared test helpers: lint a string with just the rules under test."""
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
