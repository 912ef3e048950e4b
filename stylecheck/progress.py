"""Progress of a long run on stderr: files done of the total and the rate, on one rewritten line.

Only on a terminal, never with --quiet, and only once a run has lasted SHOW_AFTER seconds (a
short run prints nothing extra). The line is cleared before the report is printed.
"""
from __future__ import annotations

import sys
import time

SHOW_AFTER = 1.0  # seconds before the first line
EVERY = 0.2  # seconds between redraws


class Progress:
    """`update(done)` as files finish; `close()` clears the line."""

    def __init__(self, total: int, stream, clock=time.monotonic):
        self.total, self.stream, self.clock = total, stream, clock
        self.started = clock()
        self.last = -1.0
        self.shown = False

    def update(self, done: int) -> None:
        now = self.clock()
        if now - self.started < SHOW_AFTER or (now - self.last < EVERY and done < self.total):
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        line = f"stylecheck: {done:,}/{self.total:,} files ({rate:,.0f} files/s)"
        try:
            self.stream.write(f"\r{line}\033[K")
            self.stream.flush()
            self.shown = True
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        if self.shown:
            try:
                self.stream.write("\r\033[K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self.shown = False


def for_run(total: int, quiet: bool = False, stream=None) -> Progress | None:
    """A Progress for a run over total files when stderr is a terminal and not quiet; else None."""
    stream = sys.stderr if stream is None else stream
    if quiet or total < 2:
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return Progress(total, stream)
