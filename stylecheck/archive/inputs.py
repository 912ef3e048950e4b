"""Batch inputs: plan an archive into partitions, and read the articles of one partition.

An archive is directory trees of article files (`.txt`, `.md`, `.html`: the config's `include`),
or exports with one article per row: JSON Lines (`.jsonl`) or Parquet (`.parquet`, needs pyarrow),
with the fields id, headline, body, format (text, markdown, html), date and desk. The driver plans
partitions from file names, byte offsets and Parquet metadata only; each worker reads its own
partition (so on a cluster the paths must be readable by the workers), and reading one twice
gives the same articles, which the cross-article pass relies on.

In a directory tree an article's id is its path below the directory, its desk the first directory
below it (`archive/sport/...`: "sport") and its date the first date its path spells
(`2024/05/03/`, `2024-05-03-title.md`).
"""
from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Iterator, NamedTuple

from ..parsers import FORMATS, format_for
from ..runner import RunOptions, discover, read_path, settings_for
from ..source import InputError, Source
from .articles import Article, compose, date_in_path, failed

PART_BYTES = 256 * 1024  # text per partition: ~0.25 s of linting on one core, well above a task's cost
MAX_FILES = 64  # files per partition, whatever their size
EXPORTS = (".jsonl", ".parquet")


class Partition(NamedTuple):
    """A slice of the archive one task checks: data only, cheap to send to a worker."""

    index: int
    kind: str  # "files", "jsonl", "parquet", or "texts" (given in memory)
    path: str  # the directory of "files", else the export
    items: tuple  # files: relative paths; jsonl: (start byte, end byte, first line); parquet: (first row, row groups...)
    size: int  # bytes of input, for balancing and for choosing the lexicon's layout


class InputProblem(Exception):
    """An input that cannot be planned (missing, or an export without its reader installed)."""


def plan(paths: list[str], options: RunOptions, part_bytes: int = PART_BYTES) -> list[Partition]:
    """Partitions for every path, in the order given: files sorted as the linter walks them."""
    parts: list[Partition] = []
    for p in paths:
        suffix = PurePath(p).suffix.lower()
        if not os.path.exists(p):
            raise InputProblem(f"{p}: no such file or directory")
        if os.path.isfile(p) and suffix == ".jsonl":
            spans = _jsonl_spans(p, part_bytes)
            parts += [Partition(len(parts) + i, "jsonl", p, span, span[1] - span[0]) for i, span in enumerate(spans)]
        elif os.path.isfile(p) and suffix == ".parquet":
            parts += [Partition(len(parts) + i, "parquet", p, groups, size)
                      for i, (groups, size) in enumerate(_parquet_groups(p, part_bytes))]
        else:
            parts += _file_partitions(p, options, part_bytes, len(parts))
    return parts


def _file_partitions(p: str, options: RunOptions, part_bytes: int, first: int) -> list[Partition]:
    root = p if os.path.isdir(p) else os.path.dirname(p) or "."
    files = [f for f, _ in discover([p], options)]
    parts, run, size = [], [], 0
    for f in files:
        try:
            n = os.path.getsize(f)
        except OSError:
            n = 0
        if run and (size + n > part_bytes or len(run) >= MAX_FILES):
            parts.append(Partition(first + len(parts), "files", root, tuple(run), size))
            run, size = [], 0
        run.append(os.path.relpath(f, root))
        size += n
    if run:
        parts.append(Partition(first + len(parts), "files", root, tuple(run), size))
    return parts


def _jsonl_spans(path: str, part_bytes: int) -> list[tuple[int, int, int]]:
    """(start, end, first line number) of runs of whole lines of about part_bytes each."""
    spans, start, line, pos = [], 0, 1, 0
    lines_in_run = 0
    with open(path, "rb") as fh:
        for raw in iter(lambda: fh.readline(), b""):
            pos += len(raw)
            lines_in_run += 1
            if pos - start >= part_bytes:
                spans.append((start, pos, line))
                start, line, lines_in_run = pos, line + lines_in_run, 0
    if pos > start:
        spans.append((start, pos, line))
    return spans


def _parquet_groups(path: str, part_bytes: int) -> list[tuple[tuple, int]]:
    pq = _pyarrow_parquet(path)
    meta = pq.ParquetFile(path).metadata
    out, run, size, row, first = [], [], 0, 0, 0
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).total_byte_size
        if run and size + n > part_bytes:
            out.append(((first, *run), size))
            run, size, first = [], 0, row
        run.append(g)
        size += n
        row += meta.row_group(g).num_rows
    if run:
        out.append(((first, *run), size))
    return out


def _pyarrow_parquet(path: str):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputProblem(f"{path}: reading Parquet needs pyarrow: pip install 'stylecheck[dask]'") from None
    return pq


def read(part: Partition, options: RunOptions) -> Iterator[Article]:
    """The articles of one partition, in order; unreadable ones carry their error."""
    if part.kind == "texts":  # the Python API's batch: (id, text, format) in the partition itself
        for ident, text, fmt in part.items:
            yield Article(ident, Source(ident, text), fmt)
    elif part.kind == "files":
        yield from _read_files(part, options)
    elif part.kind == "jsonl":
        yield from _read_jsonl(part)
    else:
        yield from _read_parquet(part)


def _read_files(part: Partition, options: RunOptions) -> Iterator[Article]:
    for rel in part.items:
        path = os.path.join(part.path, rel)
        ident = PurePath(rel).as_posix()
        dirs = PurePath(rel).parts[:-1]
        desk = dirs[0] if dirs else ""
        try:
            settings = settings_for(path, options)
            source = read_path(path, settings, options)
        except InputError as exc:
            yield failed(ident, exc.reason, exc.code, path)
            continue
        source.path = ident  # findings name the article by its id
        yield Article(ident, source, options.format_in or format_for(path), desk, date_in_path(ident), path)


def _read_jsonl(part: Partition) -> Iterator[Article]:
    start, end, line = part.items
    name = PurePath(part.path).name
    with open(part.path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    for k, raw in enumerate(data.splitlines()):
        where = f"{name}:{line + k}"
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            yield failed(where, f"invalid JSON: {exc}", "SC-E920", part.path)
            continue
        yield row_article(row, where, part.path)


def _read_parquet(part: Partition) -> Iterator[Article]:
    pq = _pyarrow_parquet(part.path)
    first, *groups = part.items
    pf = pq.ParquetFile(part.path)
    columns = [c for c in ("id", "headline", "body", "format", "date", "desk") if c in pf.schema_arrow.names]
    name = PurePath(part.path).name
    for k, row in enumerate(pf.read_row_groups(groups, columns=columns).to_pylist()):
        yield row_article(row, f"{name}:{first + k + 1}", part.path)


def row_article(row, where: str, config_path: str) -> Article:
    """An Article from one export row (a JSON object or a Parquet row); `where` names it when it has no id."""
    if not isinstance(row, dict):
        return failed(where, "a row must be an object with a `body`", "SC-E921", config_path)
    ident = row.get("id")
    ident = where if ident is None or ident == "" else str(ident)
    body, headline = row.get("body"), row.get("headline") or ""
    fmt = row.get("format") or "text"
    if not isinstance(body, str) or not isinstance(headline, str):
        return failed(ident, "`body` (and `headline`) must be text", "SC-E921", config_path)
    if fmt not in FORMATS:
        return failed(ident, f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", "SC-E922", config_path)
    date = row.get("date")
    date = date.isoformat() if hasattr(date, "isoformat") else str(date or "")
    desk = row.get("desk")
    return Article(ident, Source(ident, compose(headline, body, fmt)), fmt, "" if desk is None else str(desk),
                   date, config_path)
