"""Human output: `path:line:col: CODE message`, the source line, and the span underlined."""
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
    colour = bool(options and options.get("colour"))
    show_source = not (options and options.get("concise"))
    out = []
    for r in results:
        if r.error is not None:
            continue
        for f in r.findings:
            sev = f"{_COLOURS[str(f.severity)]}{f.severity}{_RESET}" if colour else str(f.severity)
            code = f"{_BOLD}{f.rule}{_RESET}" if colour else f.rule
            hint = f" [→ {describe_suggestion(f.suggestions[0])}]" if f.suggestions else ""
            out.append(f"{escape_controls(r.path)}:{f.line}:{f.column}: {code} {sev}: {escape_controls(f.message)}{hint}")
            if show_source and r.source is not None:
                text = _line_text(r.source, f.line)
                if len(text) > 300:  # keep a window around the span on very long lines
                    lo = max(0, f.column - 100)
                    text, col = text[lo:lo + 300], f.column - lo
                else:
                    col = f.column
                width = (f.end_column - f.column) if f.end_line == f.line else len(text) - col + 1
                shown = escape_controls(text)
                pad = _pad(escape_controls(text[: col - 1]))
                carets = "^" * max(1, _width(escape_controls(text[col - 1: col - 1 + width])))
                if colour:
                    carets = f"{_COLOURS[str(f.severity)]}{carets}{_RESET}"
                out.append(f"  | {shown}")
                out.append(f"  | {pad}{carets}")
    return "\n".join(out) + ("\n" if out else "")


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
