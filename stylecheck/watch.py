"""`--watch`: a writer's loop. Check, then check again whenever a checked file or a config changes.

Polls modification times (no extra dependency, works on every filesystem, network shares
included) every INTERVAL seconds; the results cache answers for the files that did not change,
so a re-check costs about one file's lint. Ctrl-C ends it with exit code 0.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Callable

INTERVAL = 0.5


def snapshot(paths: list[str], options) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file a run would check, and of the config files they use (under "config:")."""
    from .config import find_config
    from .runner import discover

    find_config.cache_clear()  # a config file may have come or gone
    stamps: dict[str, tuple[int, int]] = {}
    files = [p for p, _ in discover(paths, options) if p != "-"]
    configs = {options.config} if options.config else {find_config(os.path.dirname(os.path.abspath(p))) for p in files}
    for key, p in [*((f, f) for f in files), *((f"config:{c}", str(c)) for c in configs if c)]:
        try:
            st = os.stat(p)
        except OSError:
            continue
        stamps[key] = (st.st_mtime_ns, st.st_size)
    return stamps


def watch(check: Callable[[], int], paths: list[str], options, interval: float = INTERVAL,
          sleep: Callable[[float], None] = time.sleep, rounds: int | None = None) -> int:
    """Run check() now and after every change; `rounds` (tests) stops after that many checks."""
    if "-" in paths:
        print("stylecheck: --watch cannot read stdin", file=sys.stderr)
        return 2
    done = 0
    try:
        while True:
            before = snapshot(paths, options)
            _clear_screen()
            check()
            done += 1
            n = sum(not k.startswith("config:") for k in before)
            print(f"stylecheck: watching {n} file{'s' if n != 1 else ''} and the config for changes (Ctrl-C to stop)",
                  file=sys.stderr, flush=True)
            if rounds is not None and done >= rounds:
                return 0
            while snapshot(paths, options) == before:
                sleep(interval)
    except KeyboardInterrupt:
        return 0


def _clear_screen() -> None:
    if sys.stdout.isatty():
        sys.stdout.write("\033[2J\033[H")
        sys.stdout.flush()
