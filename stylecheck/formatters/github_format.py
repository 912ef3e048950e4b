"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

`::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE slug::message`. The runner reads
these lines from stdout, so every value is escaped the way the runner unescapes it: `%`, CR and LF in
the message; additionally `:` and `,` in the properties. Without that a message holding a newline could
start a workflow command of its own. Hidden characters are shown as <U+XXXX>. A finding across lines
gets no columns: GitHub takes columns only on a single-line annotation.
"""
from __future__ import annotations

from . import describe_suggestion, escape_controls

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_controls(text)


def escape_property(text: str) -> str:
    """Escape a command property value (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format(results, options=None) -> str:
    out = []
    for r in results:
        path = escape_property(r.path)
        if r.error is not None:
            out.append(f"::error file={path},title={escape_property(r.error_code or 'stylecheck')}::"
                       f"{escape_data(r.error)}")
            continue
        for e in r.rule_errors:
            out.append(f"::error file={path},title=stylecheck::{escape_data(e)}")
        for f in r.findings:
            if f.end_line == f.line:
                where = f"line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column}"
            else:  # GitHub accepts columns only on a single-line annotation
                where = f"line={f.line},endLine={f.end_line}"
            props = f"file={path},{where},title={escape_property(f'{f.rule} {f.slug}')}"
            message = f.message
            if f.suggestions:
                message += f" (suggestion: {describe_suggestion(f.suggestions[0])})"
            out.append(f"::{_LEVELS[str(f.severity)]} {props}::{escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "")
