"""One line per finding: `path:line:col: CODE severity: message [→ fix]`, the text report without context."""
from __future__ import annotations

from . import text_format


def format(results, options=None) -> str:
    return text_format.format(results, {**(options or {}), "concise": True})
