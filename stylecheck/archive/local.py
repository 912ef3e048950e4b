"""The local backend: partitions on a pool of forked worker processes (or in this process).

The parent warms its WorkerState (rules compiled, lexicon loaded) before forking, so every
worker starts with them and never loads them again. Results come back in partition order. A
worker that dies (an out-of-memory kill) fails only the articles of the partition it held.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from typing import Iterator

from ..parallel import MIN_BYTES_FOR_POOL, _context, default_jobs
from . import inputs, tasks
from .tally import Tally


class LocalBackend:
    """Run the phases on `jobs` local processes (default: all cores)."""

    name = "local"

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or default_jobs()
        self.pool: ProcessPoolExecutor | None = None
        self.workers = 0

    def __enter__(self) -> "LocalBackend":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def start(self, parts: list, job: tasks.Job, config_path: str) -> None:
        tasks.state().warm(job, config_path)  # before the fork: every worker inherits it
        size = sum(p.size for p in parts)
        if self.jobs > 1 and len(parts) > 1 and size >= MIN_BYTES_FOR_POOL:
            self.workers = min(self.jobs, len(parts))
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())

    def _map(self, fn, items: list, *args) -> Iterator:
        """fn(item, *args) for each item, in order, as they finish; None for an item whose worker died twice."""
        if self.pool is None:
            yield from (fn(item, *args) for item in items)
            return
        done = 0
        try:
            for result in self.pool.map(fn, items, *(repeat(a) for a in args)):
                done += 1
                yield result
        except BrokenProcessPool:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())
            yield from (self._one(fn, item, *args) for item in items[done:])

    def _one(self, fn, item, *args):
        """Retry one task alone in a fresh pool; None when it kills its worker again."""
        try:
            return self.pool.submit(fn, item, *args).result()
        except BrokenProcessPool:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())
            return None

    def phase1(self, parts: list, job: tasks.Job) -> tuple[list, Tally]:
        """Records of every partition, and their tallies folded as they arrive (one held at a time)."""
        tally = Tally()
        out = []
        for part, r in zip(parts, self._map(tasks.lint_partition, parts, job)):
            r = r or crashed(part, job)
            tally += r.tally
            out.append(r._replace(tally=None))
        return out, tally

    def phase2(self, work: list, job: tasks.Job, verdicts: dict) -> list:
        found = self._map(_cross, work, job, verdicts)
        return [r or ([], ()) for r in found]


def _cross(item: tuple, job: tasks.Job, verdicts: dict):
    part, wanted = item
    return tasks.cross_partition(part, job, wanted, verdicts)


def crashed(part: inputs.Partition, job: tasks.Job) -> tasks.PartResult:
    """The result of a partition whose worker died: each of its articles failed."""
    records = [tasks.Record(a.id, a.desk, a.date, 0, [], [], "worker process crashed while checking this partition",
                            "SC-E906") for a in inputs.read(part, job.options)]
    return tasks.PartResult(part.index, records, Tally(), ())
