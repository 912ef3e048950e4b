"""Timing in tests by growth ratio, never by absolute time (not a test module itself).

CI is a busy two-core box: any fixed limit in milliseconds fails there sooner or later. The
ratio of two timings taken the same way, moments apart, does not: a linear job takes about
10x longer on 10x the input, a quadratic one 100x. So a test states "ten times the input
costs at most GROWTH_10X times as long".

Each size is run several times and the fastest run is kept (noise only ever adds time). The
clock is the CPU time of the thread running the job (time.thread_time), so other jobs on the
machine do not count; a job that waits on other processes passes `clock=time.perf_counter`
and a more generous bound. (Not process_time: once any test arms a CPU-time itimer, Linux
reports process CPU time at scheduler-tick resolution for the rest of the process.)
"""
from __future__ import annotations

import time
from typing import Callable

# Allowed growth for ten times the input: linear is ~10x (less when fixed costs dominate the
# small run), quadratic ~100x. The margin covers caches (a small input fits, a large one
# does not) and a loaded machine.
GROWTH_10X = 30


def best_time(job: Callable[[], object], repeats: int = 3, clock: Callable[[], float] = time.thread_time) -> float:
    """The fastest of `repeats` runs of job(), in seconds of `clock`."""
    best = float("inf")
    for _ in range(repeats):
        t = clock()
        job()
        best = min(best, clock() - t)
    return best


def growth(job: Callable[[object], object], small: object, large: object, repeats: int = 3,
           clock: Callable[[], float] = time.thread_time) -> float:
    """How many times longer job(large) takes than job(small), fastest run of each."""
    job(small)  # warm up: lazy loading and compiling belong to neither size
    t_small = best_time(lambda: job(small), repeats, clock)
    t_large = best_time(lambda: job(large), repeats, clock)
    return t_large / max(t_small, 1e-6)


def assert_scales_linearly(job: Callable[[object], object], small: object, large: object, *, factor: float = 10,
                           limit: float | None = None, repeats: int = 3, clock: Callable[[], float] = time.thread_time,
                           what: str = "") -> float:
    """Assert job(large) costs at most `limit` (default 3x factor) times job(small); return the growth.

    `factor` is how much larger `large` is than `small`.
    """
    limit = limit if limit is not None else GROWTH_10X * factor / 10
    g = growth(job, small, large, repeats, clock)
    assert g <= limit, f"{what or 'job'}: {g:.1f}x the time for {factor:g}x the input (limit {limit:g}x)"
    return g
