"""Human output: `path:line:col: CODE message`, the sentence around it, and the span underlined."""
from __future__ import annotations

from . import describe_suggestion, escape_controls

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _BOLD = "\033[0m", "\033[1m"


def _line_text(source, line: int) -> str:
    starts = source.lines.starts
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(source.text)
    return source.text[start:end].rstrip("\r\n")


def _pad(prefix: str) -> str:
    """Blank space as wide on screen as prefix: tabs kept, wide characters doubled, marks dropped."""
    import unicodedata

    out = []
    for ch in prefix:
        if ch == "\t":
            out.append("\t")
        elif unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
            continue
        else:
            out.append("  " if unicodedata.east_asian_width(ch) in "WF" else " ")
    return "".join(out)


def _width(text: str) -> int:
    return len(_pad(text).expandtabs(1))


def format(results, options=None) -> str:
    """The findings, each with its sentence and the span underlined (`concise`: one line each).

    With `options["excerpts"]` (the CLI passes excerpt.excerpts), the context line is the sentence
    around the finding as the reader sees it (markup gone, line breaks as spaces); where the span
    lies outside the prose, plain text shows its source line and Markdown or HTML nothing (never
    raw markup). Without it, the finding's source line.
    """
    options = options or {}
    colour = bool(options.get("colour"))
    show_source = not options.get("concise")
    out = []
    for r in results:
        if r.error is not None:
            continue
        shown = _excerpts(r, options.get("excerpts")) if show_source else [None] * len(r.findings)
        for f, excerpt in zip(r.findings, shown):
            sev = f"{_COLOURS[str(f.severity)]}{f.severity}{_RESET}" if colour else str(f.severity)
            code = f"{_BOLD}{f.rule}{_RESET}" if colour else f.rule
            hint = f" [→ {describe_suggestion(f.suggestions[0])}]" if f.suggestions else ""
            out.append(f"{escape_controls(r.path)}:{f.line}:{f.column}: {code} {sev}: {escape_controls(f.message)}{hint}")
            if excerpt is not None:
                out.extend(_context(*excerpt, _COLOURS[str(f.severity)] if colour else ""))
    return "\n".join(out) + ("\n" if out else "")


def _excerpts(r, excerpts) -> list:
    """(line, column, width) to show for each finding of r, or None for none."""
    if r.source is None:
        return [None] * len(r.findings)
    out = []
    found = excerpts(r.source, r.format, r.findings) if excerpts else [None] * len(r.findings)
    for f, ex in zip(r.findings, found):
        if ex is not None:
            out.append((ex.text, ex.start + 1, ex.end - ex.start))
        elif r.format == "text" or excerpts is None:  # outside the prose, or a file too long to parse again: the line
            text = _line_text(r.source, f.line)
            out.append((text, f.column, (f.end_column - f.column) if f.end_line == f.line else len(text) - f.column + 1))
        else:
            out.append(None)
    return out


def _context(text: str, col: int, width: int, colour: str) -> list[str]:
    """The context line and the carets under the span; a window of 300 characters on long lines."""
    if len(text) > 300:
        lo = max(0, col - 100)
        text, col = text[lo:lo + 300], col - lo
    shown = escape_controls(text)
    pad = _pad(escape_controls(text[: col - 1]))
    carets = "^" * max(1, _width(escape_controls(text[col - 1: col - 1 + width])))
    if colour:
        carets = f"{colour}{carets}{_RESET}"
    return [f"  | {shown}", f"  | {pad}{carets}"]


def summary(results) -> str:
    """`Found N findings (E errors, W warnings, I info) in F files.` for the end of a text report."""
    from collections import Counter

    checked = [r for r in results if r.error is None]
    counts = Counter(str(f.severity) for r in checked for f in r.findings)
    total = sum(counts.values())
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if counts[s]]
    detail = f" ({', '.join(parts)})" if parts else ""
    files = len(checked)
    return f"Found {total} finding{'s' if total != 1 else ''}{detail} in {files} file{'s' if files != 1 else ''}.\n"
