#!/usr/bin/env python3
"""Archive-scale benchmark: the dev originals replicated 16x as one JSON Lines export.

    python benchmarks/archive_bench.py [--data ../shared/eval/dev/original] [--copies 16] [--repeat 2]
    python benchmarks/archive_bench.py --interleaved     # the cross-article pass's CPU cost, in one process

Runs `stylecheck archive`'s pipeline, each configuration in a fresh process, on the local process
pool (2 workers) and on a local Dask cluster of 2 workers, with the cross-article rule (CA101)
on and off: throughput, time per phase, peak resident memory per worker, and the overhead of
the cross-article pass over per-article linting alone (wall clock; on a shared machine also
`--interleaved`, in CPU time measured partition by partition). The articles are built in a temporary
directory and never stored: they are the publishers' copy. Desks are the file names' sources
(bbc-politics, polnear-nyt, ...), dates the dates the names carry.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONFIGS = ("local-lint", "local-full", "dask-lint", "dask-full")


def build(data: Path, copies: int, out: Path) -> int:
    """Write the replicated archive; return its size in bytes."""
    files = sorted(data.glob("*.txt"))
    with open(out, "w", encoding="utf-8") as fh:
        for k in range(copies):
            for f in files:
                headline, _, body = f.read_text(encoding="utf-8").partition("\n")
                m = re.search(r"(20\d\d-\d\d-\d\d)", f.name)
                desk = "-".join(f.stem.split("-")[:2]) if f.name.startswith("bbc-") else f.stem.split("_")[0]
                fh.write(json.dumps({"id": f"{k:02d}/{f.name}", "headline": headline, "body": body.lstrip("\n"),
                                     "format": "text", "date": m.group(1) if m else "", "desk": desk}) + "\n")
    return out.stat().st_size


def one(config: str, path: str, workers: int) -> dict:
    """Run one configuration in this process and describe it."""
    from stylecheck.archive.pipeline import run_archive
    from stylecheck.config import Overrides
    from stylecheck.runner import RunOptions

    backend_name, mode = config.split("-")
    options = RunOptions(overrides=Overrides(ignore=("CA101",) if mode == "lint" else ()))
    t0 = time.perf_counter()
    if backend_name == "dask":
        from stylecheck.archive.dask_backend import DaskBackend

        backend = DaskBackend(workers=workers)
    else:
        from stylecheck.archive.local import LocalBackend

        backend = LocalBackend(jobs=workers)
    started = time.perf_counter()
    with backend:
        t1 = time.perf_counter()
        result = run_archive([path], options, backend)
        wall = time.perf_counter() - t1
    closed = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    cross = sum(1 for r in result.records for f in r.findings if f.rule == "CA101")
    return {"config": config, "articles": len(result.records), "words": result.words, "wall_s": round(wall, 2),
            "words_per_s": round(result.words / wall), "cluster_start_s": round(started - t0, 2),
            "cluster_close_s": round(closed - t1 - wall, 2), "phases_s": {k: round(v, 2) for k, v in result.timings.items()},
            "cpu_s": round(cpu.ru_utime + cpu.ru_stime + sum(v[2] for pid, v in result.workers.items() if pid != os.getpid()), 1),
            "workers": {str(pid): {"lexicon_loads": loads, "peak_mb": round(rss / 1024), "cpu_s": round(cpu_s, 1)}
                        for pid, (loads, rss, cpu_s) in result.workers.items()},
            "driver_peak_mb": round(cpu.ru_maxrss / 1024), "findings": sum(len(r.findings) for r in result.records),
            "cross_article_findings": cross, "verdicts": len(result.verdicts)}


def interleaved(path: str) -> dict:
    """The cross-article pass's cost in CPU time, measured in one process, partition by partition.

    Each partition is linted twice in turn, alone and with the tally (the order alternating), so
    a busy machine slows both the same; then the merge, the verdicts and phase 2 are timed.
    """
    from time import process_time

    from stylecheck.archive import inputs, tasks
    from stylecheck.archive.pipeline import _phase2_work
    from stylecheck.archive.tally import Tally, decide
    from stylecheck.config import Overrides
    from stylecheck.runner import RunOptions, settings_for

    parts = inputs.plan([path], RunOptions())
    full, alone = tasks.Job(RunOptions()), tasks.Job(RunOptions(overrides=Overrides(ignore=("CA101",))), cross=False)
    for job in (full, alone):  # compile both Linters and load the lexicon before timing
        tasks.lint_partition(parts[0], job)
    spent = {"lint alone": 0.0, "lint + tally": 0.0}
    results = []
    for i, part in enumerate(parts):
        order = ((alone, "lint alone"), (full, "lint + tally"))
        for job, name in (order if i % 2 else order[::-1]):
            t = process_time()
            r = tasks.lint_partition(part, job)
            spent[name] += process_time() - t
            if job is full:
                results.append(r)
    t = process_time()
    tally = Tally()
    for r in results:
        tally += r.tally
    spent["merge"] = process_time() - t
    t = process_time()
    families = tasks.state().families(settings_for(path, RunOptions()))
    verdicts = decide(tally, families)
    work = _phase2_work(parts, results, verdicts)
    spent["decide"] = process_time() - t
    t = process_time()
    for part, wanted in work:
        tasks.cross_partition(part, full, wanted, verdicts)
    spent["phase 2"] = process_time() - t
    cross = spent["lint + tally"] - spent["lint alone"] + spent["merge"] + spent["decide"] + spent["phase 2"]
    out = {k: round(v, 2) for k, v in spent.items()}
    out["phase 2 articles"] = sum(len(w) for _, w in work)
    out["cross_overhead_cpu"] = round(cross / spent["lint alone"], 3)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared/eval/dev/original"))
    ap.add_argument("--copies", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2, help="runs per configuration; the fastest is reported")
    ap.add_argument("--configs", default=",".join(CONFIGS))
    ap.add_argument("--interleaved", action="store_true", help="only the CPU-time overhead of the cross-article pass, in one process")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.path, args.workers)))
        return 0
    with tempfile.TemporaryDirectory(prefix="stylecheck-archive-bench-") as tmp:
        path = Path(tmp) / "archive.jsonl"
        size = build(Path(args.data), args.copies, path)
        print(f"archive: {path.name}, {size / 1e6:.1f} MB, {args.copies} copies of {args.data}", file=sys.stderr)
        if args.interleaved:
            print(json.dumps(interleaved(str(path)), indent=1))
            return 0
        best: dict[str, dict] = {}
        for _ in range(args.repeat):
            for config in args.configs.split(","):
                out = subprocess.run([sys.executable, __file__, "--one", config, "--path", str(path),
                                      "--workers", str(args.workers)], capture_output=True, text=True, check=True)
                run = json.loads(out.stdout.strip().splitlines()[-1])
                print(json.dumps(run), file=sys.stderr)
                if config not in best or run["wall_s"] < best[config]["wall_s"]:
                    best[config] = run
    for backend in ("local", "dask"):
        lint, full = best.get(f"{backend}-lint"), best.get(f"{backend}-full")
        if lint and full:
            full["cross_overhead"] = round(full["wall_s"] / lint["wall_s"] - 1, 3)
            full["cross_overhead_cpu"] = round(full["cpu_s"] / lint["cpu_s"] - 1, 3)
    print(json.dumps(best, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
