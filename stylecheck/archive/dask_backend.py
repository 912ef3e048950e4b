"""The Dask backend: the same tasks on a Dask cluster (`--scheduler ADDRESS`) or a local one (`--dask-workers N`).

Needs the extra: pip install 'stylecheck[dask]'. Every worker must be able to import stylecheck
and read the archive's paths (a shared file system). A worker plugin warms each worker's state
once when it joins (rules compiled, lexicon loaded); the phase-1 tallies are merged on the
cluster by a tree of merge tasks, so only the merged vocabulary and the findings come back to
this process. Phase 2 gets the verdicts scattered to every worker once.
"""
from __future__ import annotations

import logging
import uuid

from distributed import Client, LocalCluster, WorkerPlugin

from . import tasks
from .tally import Tally

FAN_IN = 8  # tallies merged by one task of the reduction tree


class WarmUp(WorkerPlugin):
    """Build the worker's state (Linter, families, lexicon) once, when the worker starts."""

    name = "stylecheck-warm-up"

    def __init__(self, job: tasks.Job, config_path: str):
        self.job, self.config_path = job, config_path

    def setup(self, worker) -> None:
        tasks.state().warm(self.job, self.config_path)


def _merge(*tallies: Tally) -> Tally:
    out = Tally()
    for t in tallies:
        out += t
    return out


def _records(result: tasks.PartResult) -> tasks.PartResult:
    return result._replace(tally=None)


def _tally(result: tasks.PartResult) -> Tally:
    return result.tally


class DaskBackend:
    """Run the phases on a Dask cluster: an existing one (scheduler address) or a local one of N workers."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.run_id = uuid.uuid4().hex[:8]
        self.workers = len(self.client.scheduler_info().get("workers", {}))

    def __enter__(self) -> "DaskBackend":
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def start(self, parts: list, job: tasks.Job, config_path: str) -> None:
        plugin = WarmUp(job, config_path)
        register = getattr(self.client, "register_plugin", None) or self.client.register_worker_plugin
        register(plugin)
        tasks.state().warm(job, config_path)  # the driver decides with the same families

    def _keys(self, phase: str, n: int) -> list[str]:
        return [f"stylecheck-{phase}-{self.run_id}-{i}" for i in range(n)]

    def phase1(self, parts: list, job: tasks.Job) -> tuple[list, Tally]:
        c = self.client
        futures = c.map(tasks.lint_partition, parts, job=job, key=self._keys("lint", len(parts)))
        level = c.map(_tally, futures, key=self._keys("tally", len(parts)))
        depth = 0
        while len(level) > 1:  # a tree of merges on the cluster: only the merged vocabulary comes back
            depth += 1
            groups = [level[i:i + FAN_IN] for i in range(0, len(level), FAN_IN)]
            keys = self._keys(f"merge{depth}", len(groups))
            level = [c.submit(_merge, *g, key=k) for g, k in zip(groups, keys)]
        records = c.gather(c.map(_records, futures, key=self._keys("records", len(parts))))
        tally = level[0].result() if level else Tally()
        return records, tally

    def phase2(self, work: list, job: tasks.Job, verdicts: dict) -> list:
        if not work:
            return []
        c = self.client
        shared = c.scatter(verdicts, broadcast=True, hash=False)
        parts = [p for p, _ in work]
        wanted = [w for _, w in work]
        futures = c.map(tasks.cross_partition, parts, [job] * len(work), wanted, [shared] * len(work),
                        key=self._keys("cross", len(work)))
        return c.gather(futures)

    def worker_peaks(self) -> dict:
        """pid -> (lexicon loads, peak resident memory KiB, CPU seconds) of every worker, read at the end of the run."""
        return {pid: tuple(rest) for pid, *rest in self.client.run(tasks.worker_info).values()}
