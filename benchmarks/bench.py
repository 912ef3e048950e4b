#!/usr/bin/env python3
"""Reproducible throughput benchmark: words/second, time per stage and per rule, peak memory.

    python benchmarks/bench.py                      # bundled examples, repeated to ~200k words
    python benchmarks/bench.py DIR --words 1000000  # your own articles, repeated to a size

Runs in one process with the full default rule set, no cache, so it measures the linter itself.
"""
from __future__ import annotations

import argparse
import resource
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("directory", nargs="?", default=str(HERE.parent / "examples"))
    ap.add_argument("--words", type=int, default=200_000, help="repeat the articles up to this many words")
    ap.add_argument("--preset", default=None)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from stylecheck.config import Settings
    from stylecheck.engine import Linter, Progress
    from stylecheck.formatters import formatter
    from stylecheck.parsers import format_for
    from stylecheck.runner import FileResult
    from stylecheck.source import decode

    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    linter = Linter(Settings(preset=args.preset))
    compile_s = time.perf_counter() - t0
    kinds = {cr.rule.code: cr.rule.kind for cr in linter.rules}

    class _Timer(Progress):
        """Times the parse (up to the first part) and each rule (up to its end) of one run."""

        def __init__(self, stage, per_rule, kinds):
            super().__init__()
            self.stage, self.per_rule, self.kinds = stage, per_rule, kinds
            self.mark = time.perf_counter()

        def part_started(self):
            now = time.perf_counter()
            self.stage["parse"] += now - self.mark
            self.mark = now

        def rule_finished(self, code):
            now = time.perf_counter()
            self.per_rule[f"{code} {self.kinds[code]}"] += now - self.mark
            self.mark = now

    paths = sorted(p for p in Path(args.directory).rglob("*") if p.suffix in (".txt", ".md", ".html"))
    if not paths:
        print(f"no articles in {args.directory}")
        return 2
    stage: dict[str, float] = defaultdict(float)
    per_rule: dict[str, float] = defaultdict(float)
    words = nbytes = files = findings = 0
    results = []
    while words < args.words:
        for p in paths:
            t = time.perf_counter()
            data = p.read_bytes()
            source = decode(data, str(p))
            stage["read"] += time.perf_counter() - t
            timer = _Timer(stage, per_rule, kinds)
            kept = linter.run(source, format_for(str(p)), progress=timer).findings
            stage["filters"] += time.perf_counter() - timer.mark
            results.append(FileResult(str(p), kept, source=source))
            words += len(source.text.split())
            nbytes += len(data)
            files += 1
            findings += len(kept)
    t = time.perf_counter()
    formatter("json")(results)
    stage["output (json)"] += time.perf_counter() - t
    stage["rules"] = sum(per_rule.values())
    total = sum(stage.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{files} files, {words:,} words, {nbytes / 1e6:.2f} MB, {findings} findings")
    print(f"start-up: import {import_s * 1000:.1f} ms, compile rules {compile_s * 1000:.1f} ms")
    print(f"throughput: {words / total:,.0f} words/s, {nbytes / 1e6 / total:.2f} MB/s (one core)")
    print(f"peak memory: {peak_mb:.0f} MB")
    print("\nstage            seconds   share")
    for name, sec in sorted(stage.items(), key=lambda kv: -kv[1]):
        if name != "rules":
            print(f"  {name:<14} {sec:8.3f}  {sec / total:6.1%}")
    print(f"  {'rules':<14} {stage['rules']:8.3f}  {stage['rules'] / total:6.1%}")
    for name, sec in sorted(per_rule.items(), key=lambda kv: -kv[1])[:25]:
        print(f"    {name:<30} {sec:8.3f}  {sec / total:6.1%}  {sec / words * 1e6:7.2f} ms/1k words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
