"""Apply replacements safely: only the replaced spans change, writes are atomic.

A fix pass applies non-overlapping replacements; passes repeat until nothing is left to fix
(at most MAX_PASSES). A fix that introduces findings the original did not have is undone.
"""
from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from .findings import Finding

MAX_PASSES = 10


class FixError(Exception):
    """A fix that could not be applied or written; the file is left untouched."""


@dataclass
class FixResult:
    text: str
    applied: int
    remaining: list[Finding]


def fixable(f: Finding, unsafe: bool) -> bool:
    return bool(f.suggestions) and (f.applicability == "safe" or unsafe)


def apply_edits(text: str, findings: list[Finding], unsafe: bool = False) -> tuple[str, int]:
    """Apply the first suggestion of each fixable finding; overlapping edits wait for the next pass."""
    edits = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if not fixable(f, unsafe) or f.start < last_end:
            continue
        edits.append((f.start, f.end, f.suggestions[0]))
        last_end = max(f.end, f.start + 1)
    if not edits:
        return text, 0
    out, pos = [], 0
    for s, e, r in edits:
        out.append(text[pos:s])
        out.append(r)
        pos = e
    out.append(text[pos:])
    return "".join(out), len(edits)


def _signature(findings: list[Finding]) -> Counter:
    return Counter((f.rule, f.text) for f in findings)


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False) -> FixResult:
    """Fix until stable; undo everything if the fixes created new findings or did not converge."""
    original = lint(text)
    current, findings, total = text, original, 0
    for _ in range(MAX_PASSES):
        new_text, n = apply_edits(current, findings, unsafe)
        if n == 0:
            break
        total += n
        current, findings = new_text, lint(new_text)
    else:
        if any(fixable(f, unsafe) for f in findings):
            rules = sorted({f.rule for f in findings if fixable(f, unsafe)})
            raise FixError(f"fixes did not converge after {MAX_PASSES} passes: rules {', '.join(rules)}")
    introduced = _signature(findings) - _signature(original)
    if introduced:
        rules = sorted({rule for rule, _ in introduced})
        raise FixError(f"fix reverted: it introduced new findings ({', '.join(rules)})")
    return FixResult(current, total, findings)


TEMP_PREFIX, TEMP_SUFFIX = ".stylecheck-", ".tmp"
_STALE_AFTER = 3600.0  # seconds; a temp file this old is stale even if its pid was reused


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_stale_temps(directory: str) -> list[str]:
    """Remove temp files a killed --fix run left in directory; return their names.

    Temp names carry the writer's pid (`.stylecheck-PID-XXXX.tmp`), so a concurrent run's
    temp file is left alone while its process lives.
    """
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for e in entries:
        if not (e.name.startswith(TEMP_PREFIX) and e.name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = e.name[len(TEMP_PREFIX):].split("-", 1)[0]
        try:
            if not e.is_file(follow_symlinks=False):
                continue
            alive = pid_text.isdigit() and _pid_alive(int(pid_text))
            if alive and now - e.stat(follow_symlinks=False).st_mtime < _STALE_AFTER:
                continue
            os.unlink(e.path)
            removed.append(e.name)
        except OSError:
            continue
    return removed


def _fingerprint(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def write_atomic(path: str, data: bytes, expected_original: bytes) -> None:
    """Replace path with data via a temp file in the same directory, keeping its mode.

    The target holds either its original bytes or the complete new bytes, whatever happens
    (kill, disk full, permission error). Refuses to write when the file changed since it was
    read, or when path is a symbolic link (never write through one). Hard links to the file
    are broken by the rename (documented in docs/reliability.md).
    """
    if os.path.islink(path):
        raise FixError("is a symbolic link; not written through")
    try:
        with open(path, "rb") as fh:
            before = _fingerprint(os.fstat(fh.fileno()))
            if fh.read() != expected_original:
                raise FixError("changed during fix; not written")
        mode = os.stat(path).st_mode & 0o7777
    except OSError as exc:
        raise FixError(exc.strerror or str(exc)) from None
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = -1, ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if os.path.islink(path) or _fingerprint(os.stat(path)) != before:
            raise FixError("changed during fix; not written")
        os.replace(tmp, path)
        tmp = ""
        _fsync_dir(directory)
    except OSError as exc:
        raise FixError(exc.strerror or str(exc)) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def _fsync_dir(directory: str) -> None:
    """Make the rename durable (best effort: not every platform can open a directory)."""
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"))
