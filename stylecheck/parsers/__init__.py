"""Parsers turn a Source into a Document; the format is chosen by file extension."""
from __future__ import annotations

from pathlib import PurePath

from ..document import Document
from ..source import Source

FORMATS = ("text", "markdown", "html")
_EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


def format_for(path: str, default: str = "text") -> str:
    """The input format for a path, by extension; unknown extensions are plain text."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower(), default)


def parse(source: Source, fmt: str) -> Document:
    """Parse with the parser for fmt (imported lazily so start-up stays fast)."""
    if fmt == "markdown":
        from .markdown import parse_markdown as parser
    elif fmt == "html":
        from .html import parse_html as parser
    elif fmt == "text":
        from .plaintext import parse_plaintext as parser
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return parser(source)
