"""One article of an archive: its id, text, format, desk and date, as every input yields it.

An export row has a headline and a body; the text checked is the headline, a blank line and the
body (in Markdown the headline is a `# ` heading, in HTML an `<h1>`, so headline-scoped rules see
it as one). Positions in findings count in that text: the headline is line 1.
"""
from __future__ import annotations

import html
from typing import NamedTuple

from ..patterns import compile_re
from ..source import Source

# a date in a row's `date` or in a file's path: 2024-05-03, 2024/05/03, 20240503, 2024-05
_DATE = compile_re(r"(?<!\d)((?:19|20)\d\d)[-/_.]?(0[1-9]|1[0-2])(?:[-/_.]?(0[1-9]|[12]\d|3[01]))?(?!\d)")


class Article(NamedTuple):
    """An article ready to check, or the reason it cannot be (`error`, `error_code`)."""

    id: str
    source: Source | None
    fmt: str
    desk: str = ""
    date: str = ""  # ISO date or month ("2024-05-03", "2024-05"), "" when unknown
    config_path: str = ""  # the path whose configuration applies (the file, or the export)
    error: str = ""
    error_code: str = ""

    @property
    def month(self) -> str:
        """"YYYY-MM", or "" when the article has no date."""
        return month_of(self.date)


def month_of(date: str) -> str:
    m = _DATE.search(date or "")
    return f"{m.group(1)}-{m.group(2)}" if m else ""


def date_in_path(rel: str) -> str:
    """The first date a relative path spells (archive/2024/05/03/x.md, 2024-05-03-x.md), ISO; "" if none."""
    m = _DATE.search(rel)
    if not m:
        return ""
    return f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")


def compose(headline: str, body: str, fmt: str) -> str:
    """The text checked for an export row: the headline as its format's heading, a blank line, the body."""
    if not headline:
        return body
    headline = " ".join(headline.split())
    if fmt == "markdown":
        return f"# {headline}\n\n{body}"
    if fmt == "html":
        return f"<h1>{html.escape(headline, quote=False)}</h1>\n\n{body}"
    return f"{headline}\n\n{body}"


def failed(article_id: str, reason: str, code: str, config_path: str = "") -> Article:
    return Article(article_id, None, "text", config_path=config_path, error=reason, error_code=code)
