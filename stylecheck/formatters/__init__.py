"""Formatters: pure functions (results, options) -> str. Only the CLI prints."""
from __future__ import annotations

import importlib
from typing import Callable

from ..patterns import compile_re

FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "rdjson", "junit")


def formatter(name: str) -> Callable:
    """The `format` function of formatters/<name>.py, imported on demand."""
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r}; expected one of {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{name}_format").format


# C0 controls but tab, DEL and C1, zero-width and bidi marks, line/paragraph separators, BOM, soft hyphen
_HIDDEN = compile_re("[\x00-\x08\x0a-\x1f\x7f-\x9f\xad\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029"
                     "\u2060\u2066-\u2069\ufeff]")


def escape_controls(text: str) -> str:
    """Show hidden and control characters as <U+XXXX> so a terminal cannot be tricked."""
    return _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def describe_suggestion(text: str) -> str:
    """How a replacement reads in a report: quoted text, or `delete` for an empty replacement."""
    return repr(escape_controls(text)) if text else "delete"
