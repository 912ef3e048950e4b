"""Formatters: pure functions (results, options) -> str. Only the CLI prints."""
from __future__ import annotations

import importlib
from typing import Callable

FORMATS = ("text", "json", "sarif", "github", "junit")


def formatter(name: str) -> Callable:
    """The `format` function of formatters/<name>.py, imported on demand."""
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r}; expected one of {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{name}_format").format


def escape_controls(text: str) -> str:
    """Show hidden and control characters as <U+XXXX> so a terminal cannot be tricked."""
    out = []
    for ch in text:
        cp = ord(ch)
        if (cp < 32 and ch not in "\t") or 0x7F <= cp < 0xA0 or 0x200B <= cp <= 0x200F or 0x202A <= cp <= 0x202E \
                or 0x2066 <= cp <= 0x2069 or cp in (0x061C, 0x2028, 0x2029, 0x2060, 0xFEFF, 0x00AD):
            out.append(f"<U+{cp:04X}>")
        else:
            out.append(ch)
    return "".join(out)


def describe_suggestion(text: str) -> str:
    """How a replacement reads in a report: quoted text, or `delete` for an empty replacement."""
    return repr(escape_controls(text)) if text else "delete"
