"""Inline suppression comments: `<!-- stylecheck-disable CODE, ... -->` and friends.

Markdown and HTML parsers call find_directives on the raw source of each HTML comment-bearing
region; the result goes to Document.directives, which filters.suppressed() honours.
"""
from __future__ import annotations

import regex

from ..patterns import compile_regex

ACTIONS = ("disable-next-line", "disable", "enable")
_DIRECTIVE = compile_regex(r"<!--[ \t\r\n]*stylecheck-(disable-next-line|disable|enable)(?![\w-])(.*?)-->", regex.DOTALL)
_CODE = compile_regex(r"[A-Za-z0-9_.-]+")


def find_directives(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str, tuple[str, ...]]]:
    """(offset just past the comment, action, codes) for each directive comment in text[start:end].

    Codes are separated by commas or spaces; none means every rule.
    """
    end = len(text) if end is None else end
    if "stylecheck-" not in text[start:end]:
        return []
    return [
        (m.end(), m.group(1), tuple(_CODE.findall(m.group(2))))
        for m in _DIRECTIVE.finditer(text, start, end)
    ]
