"""An archive run's findings out: the registry's formats (json, text, sarif, ...) or one row per finding.

`jsonl` and `parquet` write one row per finding with the article's id, desk and date, for runs
too big for one JSON document and for loading into a dataframe or warehouse. Articles that could
not be checked and rules that failed go to stderr (as for files), not into the rows.
"""
from __future__ import annotations

import json
from typing import Iterator

from ..runner import FileResult

ROW_FIELDS = ("id", "desk", "date", "rule", "slug", "category", "severity", "line", "column", "end_line",
              "end_column", "start", "end", "message", "suggestions", "text")
FORMATS = ("jsonl", "parquet")


def file_results(result) -> list[FileResult]:
    """One FileResult per article (its id as the path), for the formatters registry and exit codes."""
    out = []
    for r in result.records:
        out.append(FileResult(r.id, r.findings, r.error or None, r.error_code, None, r.rule_errors,
                              settings=result.settings, format=r.fmt))
    return out


def rows(result) -> Iterator[dict]:
    """One dict per finding, in archive order."""
    for r in result.records:
        for f in r.findings:
            yield {"id": r.id, "desk": r.desk, "date": r.date, "rule": f.rule, "slug": f.slug,
                   "category": f.category, "severity": str(f.severity), "line": f.line, "column": f.column,
                   "end_line": f.end_line, "end_column": f.end_column, "start": f.start, "end": f.end,
                   "message": f.message, "suggestions": list(f.suggestions), "text": f.text}


def jsonl(result) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows(result))


def parquet(result) -> bytes:
    """The rows as a Parquet file (needs pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = list(rows(result))
    columns = {name: [row[name] for row in data] for name in ROW_FIELDS}
    types = {"line": pa.int32(), "column": pa.int32(), "end_line": pa.int32(), "end_column": pa.int32(),
             "start": pa.int64(), "end": pa.int64(), "suggestions": pa.list_(pa.string())}
    table = pa.table({name: pa.array(columns[name], type=types.get(name, pa.string())) for name in ROW_FIELDS})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()
