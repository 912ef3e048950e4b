"""The archive run: plan, phase 1 (lint and tally), reduce (the merged vocabulary), decide, phase 2, merge.

    partitions ─map: lint + tally─▶ records, tallies ─reduce─▶ Tally ─decide─▶ verdicts
    partitions with a flagged form ─map: locate─▶ cross-article findings ─merge─▶ ArchiveResult

The backend (local.LocalBackend, dask_backend.DaskBackend) only runs tasks; everything they
compute is a function of the partition and the verdicts, so every backend gives the same
result. Phase 2 re-reads only the partitions holding an article that uses a flagged form, and
parses only those articles.
"""
from __future__ import annotations

import os
import time
from array import array
from typing import NamedTuple

from ..runner import RunOptions, settings_for
from . import inputs, tasks
from .families import Verdict
from .tally import Tally, decide


class ArchiveResult(NamedTuple):
    """What an archive run found: per-article records (findings merged), the tally and the verdicts."""

    records: list  # tasks.Record, in archive order, findings including the cross-article ones
    tally: Tally
    verdicts: dict  # (desk or None, family, form) -> Verdict
    settings: object  # the run's Settings (the archive root's config)
    timings: dict  # seconds: plan, lint (phase 1), decide, cross (phase 2)
    workers: dict  # pid -> (lexicon loads, peak resident memory KiB, CPU seconds)
    backend: str
    cross_rule: str | None  # the cross-article rule's code, None when it is off

    @property
    def words(self) -> int:
        return sum(r.words for r in self.records)


def config_path(paths: list[str]) -> str:
    """The path whose configuration governs the run (the first input; a directory's own config)."""
    first = paths[0]
    return os.path.join(first, "x") if os.path.isdir(first) else first


def run_archive(paths: list[str], options: RunOptions, backend, part_bytes: int = inputs.PART_BYTES) -> ArchiveResult:
    """Check an archive on a backend: every article's own findings plus the cross-article ones."""
    t0 = time.perf_counter()
    parts = inputs.plan(paths, options, part_bytes)
    where = config_path(paths)
    return run_parts(parts, settings_for(where, options), tasks.Job(options), where, backend, t0)


def run_parts(parts: list, settings, job: tasks.Job, where: str, backend, t0: float) -> ArchiveResult:
    """The two phases over planned partitions; `settings` decide the cross-article verdicts."""
    families = tasks.state().families(settings)
    job = job._replace(cross=families is not None)
    backend.start(parts, job, where)
    t1 = time.perf_counter()
    results, tally = backend.phase1(parts, job)
    t2 = time.perf_counter()
    verdicts: dict[tuple, Verdict] = decide(tally, families) if families is not None else {}
    work = _phase2_work(parts, results, verdicts)
    t3 = time.perf_counter()
    crossed = backend.phase2(work, job, verdicts) if work else []
    t4 = time.perf_counter()
    records = _merge(results, work, crossed)
    workers = _workers(results, crossed, backend)
    timings = {"plan": t1 - t0, "lint": t2 - t1, "decide": t3 - t2, "cross": t4 - t3}
    code = families.rule.code if families is not None else None
    return ArchiveResult(records, tally, verdicts, settings, timings, workers, backend.name, code)


def _phase2_work(parts: list, results: list, verdicts: dict) -> list:
    """(partition, positions of its articles that use a flagged form) for each partition with any."""
    keys = {tasks.form_key(fam, form) for (_, fam, form) in verdicts}
    if not keys:
        return []
    work = []
    for r in results:
        wanted = frozenset(k for k, rec in enumerate(r.records) if rec.keys and not keys.isdisjoint(array("I", rec.keys)))
        if wanted:
            work.append((parts[r.index], wanted))
    return work


def _merge(results: list, work: list, crossed: list) -> list:
    found: dict[tuple[int, int], list] = {}
    for (part, _), (pairs, _) in zip(work, crossed):
        for k, findings in pairs:
            found[(part.index, k)] = findings
    records = []
    for r in results:
        for k, rec in enumerate(r.records):
            extra = found.get((r.index, k))
            records.append(rec._replace(findings=tasks.merge(rec, extra)) if extra else rec)
    return records


def _workers(results: list, crossed: list, backend) -> dict:
    """pid -> (lexicon loads, peak memory KiB, CPU seconds) of the processes that ran tasks."""
    seen: dict = {}
    infos = [r.worker for r in results] + [info for _, info in crossed]
    if hasattr(backend, "worker_peaks"):
        infos += [(pid, *v) for pid, v in backend.worker_peaks().items()]
    for info in infos:
        if info:
            pid, *values = info
            old = seen.get(pid, (0, 0, 0.0))
            seen[pid] = tuple(max(a, b) for a, b in zip(old, values))
    return seen
