"""Lint many files on all cores; results come back in input order, whatever finishes first.

Workers are forked after the parent has compiled the rules and checked the first file, so they
inherit the Linter and the loaded data instead of each building them again, and reuse them for
every file they get. A crashed worker fails only its own files.
"""
from __future__ import annotations

import os
import sys

from .runner import FileResult, RunOptions, lint_file
from .runtime import default_runtime

# Below this much text a pool costs more than it saves (measured: ~0.1 s to start workers).
MIN_BYTES_FOR_POOL = 512 * 1024
CHUNK = 16

_worker_state: dict = {}


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _init(options: RunOptions, cache_dir: str | None, parent: int | None = None) -> None:
    if parent is not None:
        import signal

        _die_with_parent(parent)
        # Ctrl-C reaches the whole process group: the parent stops the workers, they do not react
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _worker_state["options"] = options
    if cache_dir:
        from .cache import ResultsCache

        _worker_state["cache"] = ResultsCache(cache_dir)


def _lint_chunk(paths: list[str]) -> list[FileResult]:
    options = _worker_state["options"]
    cache = _worker_state.get("cache")
    return [lint_file(p, options, cache=cache) for p in paths]


def lint_many(paths: list[str], options: RunOptions, jobs: int, cache=None, progress=None) -> list[FileResult]:
    """FileResults for paths, in the same order; parallel when it pays.

    progress: an object with `update(files_done)` (progress.py), told as files finish.
    """
    done: dict[str, FileResult] = {}
    if cache is not None:  # answer what we can from the cache before starting any worker
        for p in paths:
            r = lint_file(p, options, cache=cache, only_cached=True)
            if r is not None:
                done[p] = r
    todo = [p for p in paths if p not in done]
    size = _total_size(todo)
    if todo:
        default_runtime(size)  # the process's Runtime, made for this much text unless one exists already
    if jobs <= 1 or len(todo) < 2 or size < MIN_BYTES_FOR_POOL:
        for p in todo:
            done[p] = lint_file(p, options, cache=cache)
            if progress is not None:
                progress.update(len(done))
        return [done[p] for p in paths]
    from concurrent.futures.process import BrokenProcessPool

    # Lint the first file here: the compiled rules and lazily loaded data (lexicon, tables)
    # are then inherited by the forked workers instead of being rebuilt in each of them.
    done[todo[0]] = lint_file(todo[0], options, cache=cache)
    todo = todo[1:]
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    cache_dir = str(cache.dir.parent) if cache is not None else None
    initargs = (options, cache_dir, os.getpid())
    broken: list[list[str]] = []
    with _Pool(jobs, initargs) as pool:
        from concurrent.futures import as_completed

        futures = dict(zip(pool.submit_all(chunks), chunks))
        for fut in as_completed(futures):
            try:
                done.update(zip(futures[fut], fut.result()))
            except BrokenProcessPool:
                broken.append(futures[fut])
            if progress is not None:
                progress.update(len(done))
    broken.sort(key=chunks.index)  # retried in input order
    # A dead worker (an OOM kill, a crash in a C extension) breaks the whole pool, so every
    # unfinished chunk lands here. Retry each in a fresh worker, halving the ones that crash
    # again, until the file that kills a worker is found alone and reported as failed.
    while broken:
        chunk = broken.pop(0)
        with _Pool(1, initargs) as pool:
            try:
                done.update(zip(chunk, pool.submit_all([chunk])[0].result()))
                continue
            except BrokenProcessPool:
                pass
        if len(chunk) == 1:
            done[chunk[0]] = FileResult(chunk[0], error="worker process crashed while checking this file",
                                        error_code="SC-E906")
        else:
            half = len(chunk) // 2
            broken[:0] = [chunk[:half], chunk[half:]]
    return [done[p] for p in paths]


class _Pool:
    """A ProcessPoolExecutor that stops at once when the run is interrupted.

    On Ctrl-C (or any error) in the parent, pending chunks are cancelled and the workers are
    killed, instead of the executor's exit waiting for every chunk already queued (20-40 s).
    Workers are forked with SIGINT blocked, so one cannot die of it before ignoring it.
    """

    def __init__(self, jobs: int, initargs: tuple):
        from concurrent.futures import ProcessPoolExecutor

        self.executor = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init,
                                            initargs=initargs)

    def submit_all(self, chunks: list[list[str]]) -> list:
        """Submit every chunk (the workers are forked by the first submit)."""
        import signal

        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return [self.executor.submit(_lint_chunk, c) for c in chunks]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a Ctrl-C meanwhile arrives now

    def __enter__(self) -> "_Pool":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.executor.shutdown(wait=True)
            return
        import multiprocessing

        self.executor.shutdown(wait=False, cancel_futures=True)
        workers = multiprocessing.active_children()
        for w in workers:
            w.kill()
        for w in workers:
            w.join(1.0)


def _die_with_parent(parent: int) -> None:
    """Make the kernel kill this worker when its parent dies, `kill -9` included (Linux).

    Without it a killed parent left its workers blocked forever on a queue they themselves
    hold open, and holding the caller's stderr pipe. Elsewhere a thread watches the parent.
    """
    import signal

    try:
        import ctypes

        if ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0) != 0:  # PR_SET_PDEATHSIG
            raise OSError("prctl failed")
    except (OSError, AttributeError):
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os.kill(os.getpid(), signal.SIGKILL)

        threading.Thread(target=watch, daemon=True, name="stylecheck-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the request took effect: as the kernel would
        os.kill(os.getpid(), signal.SIGKILL)


def _context():
    """Fork on Linux, where it is safe, whatever the interpreter's default (forkserver from 3.14 on).

    The design depends on it: forked workers inherit the compiled rules and loaded data; started
    afresh, each would import and compile everything again (~0.1 s a worker).
    """
    import multiprocessing

    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None


def _total_size(paths: list[str]) -> int:
    total = 0
    for p in paths:
        try:
            total += os.path.getsize(p)
        except OSError:
            pass
    return total
