#!/usr/bin/env python3
"""Many fault-injection trials of --fix (not in CI; tests/test_fix_fidelity.py runs a few).

Kill trials: a real `stylecheck --fix` over a generated corpus (the one the fidelity test
uses: UTF-8 with/without BOM, UTF-16 LE/BE, LF/CRLF/CR/mixed, with/without final newline) is
killed with SIGKILL at a random moment; every file must then hold its original bytes or the
complete fixed bytes. Fault trials: in-process runs where os.fsync / os.replace / the write
itself fail with ENOSPC or EACCES at a random file; again no partial file, no temp file.
After all trials one more run must clean every leftover temp file.

    python3 scripts/fix_fault_trials.py --kills 500 --faults 500
"""
from __future__ import annotations

import argparse
import errno
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_fix_fidelity import SELECT, build_corpus  # noqa: E402  (the corpus and its oracle)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=500)
    ap.add_argument("--faults", type=int, default=500)
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)

    from stylecheck import cli, fixes

    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="sc-faults-"))
    cases = {p: c for p, c in build_corpus(root / "c", args.files, args.seed).items() if c[2] != "cp1252"}
    dirs = sorted({str(p.parent) for p in cases})
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(root / ".cache")}
    cmd = [sys.executable, "-m", "stylecheck", "--fix", "--no-cache", "--select", SELECT, "--quiet", *dirs]

    def restore():
        for p, (orig, _, _, mode) in cases.items():
            p.write_bytes(orig)
            os.chmod(p, mode)

    def broken() -> list[str]:
        return [p.name for p, (orig, exp, _, _) in cases.items() if p.read_bytes() not in (orig, exp)]

    restore()
    t = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True)
    duration = time.perf_counter() - t
    bad_kills = mid_run = 0
    for _ in range(args.kills):
        restore()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        bad = broken()
        bad_kills += bool(bad)
        fixed = sum(p.read_bytes() == exp != orig for p, (orig, exp, _, _) in cases.items())
        mid_run += 0 < fixed < sum(o != e for o, e, _, _ in cases.values())
    temps_after_kills = len(list(root.rglob(".stylecheck-*.tmp")))

    bad_faults = temps_after_faults = 0
    real = {"fsync": os.fsync, "replace": os.replace}
    for _ in range(args.faults):
        restore()
        victim = rng.randrange(len(cases))
        kind = rng.choice(["fsync", "replace"])
        code = rng.choice([errno.ENOSPC, errno.EACCES, errno.EDQUOT])
        calls = {"n": 0}

        def failing(*a, _kind=kind, _code=code, _victim=victim, **k):
            calls["n"] += 1
            if calls["n"] == _victim + 1:
                raise OSError(_code, os.strerror(_code))
            return real[_kind](*a, **k)

        setattr(fixes.os, kind, failing)
        try:
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                cli.main(["--fix", "--no-cache", "--select", SELECT, "--quiet", *dirs])
        finally:
            setattr(fixes.os, kind, real[kind])
        bad_faults += bool(broken())
        temps_after_faults += len(list(root.rglob(".stylecheck-*.tmp")))

    final = subprocess.run(cmd, env=env, capture_output=True)
    temps_final = len(list(root.rglob(".stylecheck-*.tmp")))
    print(f"files per trial: {len(cases)}; run time {duration:.2f}s")
    print(f"kill -9 trials: {args.kills}, killed mid-write: {mid_run}, trials with a partial file: {bad_kills}, "
          f"temp files left by kills: {temps_after_kills}")
    print(f"ENOSPC/EACCES/EDQUOT trials: {args.faults}, trials with a partial file: {bad_faults}, "
          f"temp files left: {temps_after_faults}")
    print(f"after one clean run: exit {final.returncode}, temp files left {temps_final}, "
          f"files not fully fixed {sum(p.read_bytes() != e for p, (_, e, _, _) in cases.items())}")
    return 0 if not (bad_kills or bad_faults or temps_final or temps_after_faults) else 1


if __name__ == "__main__":
    sys.exit(main())
