"""reviewdog's Diagnostic Format (rdjson): one object with a `diagnostics` list, for
`reviewdog -f=rdjson` to comment on a pull or merge request, fixes included as suggestions.

Positions follow reviewdog's definition: lines from 1, columns from 1 counted in UTF-8 bytes
(not the code points of every other stylecheck output), end exclusive. A replacement becomes a
`suggestions` entry over the finding's range (or over the prose it edits, when the span crosses
markup; none when it cannot be made without changing markup). Files that could not be checked and rule failures
are ERROR diagnostics without a range.
"""
from __future__ import annotations

import json

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _byte_column(source, line: int, column: int) -> int:
    """The 1-based UTF-8 byte column of a 1-based code-point column on a line of source."""
    if source is None:
        return column
    starts = source.lines.starts
    start = starts[line - 1] if line - 1 < len(starts) else len(source.text)
    prefix = source.text[start:start + column - 1]
    return len(prefix.encode("utf-8", "surrogatepass")) + 1


def _range(source, f) -> dict:
    return {"start": {"line": f.line, "column": _byte_column(source, f.line, f.column)},
            "end": {"line": f.end_line, "column": _byte_column(source, f.end_line, f.end_column)}}


def _offsets(source, start: int, end: int) -> dict:
    (l1, c1), (l2, c2) = source.lines.position(start), source.lines.position(end)
    return {"start": {"line": l1, "column": _byte_column(source, l1, c1)},
            "end": {"line": l2, "column": _byte_column(source, l2, c2)}}


def format(results, options=None) -> str:
    diagnostics = []
    for r in results:
        if r.error is not None:
            diagnostics.append({"message": r.error, "location": {"path": r.path}, "severity": "ERROR",
                                "code": {"value": r.error_code or "stylecheck"}})
            continue
        for e in r.rule_errors:
            diagnostics.append({"message": e, "location": {"path": r.path}, "severity": "ERROR",
                                "code": {"value": "stylecheck"}})
        for f in r.findings:
            rng = _range(r.source, f)
            d = {"message": f.message, "location": {"path": r.path, "range": rng},
                 "severity": _SEVERITY[str(f.severity)], "code": {"value": f.rule}}
            # a fix that edits around markup inside the span becomes its one edit, when it is one;
            # a display-only finding (its fix would change markup) gets no suggestion
            fixes = [(edits[0], s) for s, edits in f.fixes() if len(edits) == 1]
            if fixes:
                d["suggestions"] = [{"range": rng if (a, b) == (f.start, f.end) else _offsets(r.source, a, b), "text": s}
                                    for (a, b, _), s in fixes]
            diagnostics.append(d)
    report = {"source": {"name": "stylecheck"}, "severity": "WARNING", "diagnostics": diagnostics}
    return json.dumps(report, ensure_ascii=False, indent=1) + "\n"
