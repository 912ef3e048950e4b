"""Write a file so that readers see the old bytes or the new bytes, never a partial file.

The one writer for everything stylecheck writes: fixed articles, baselines and caches. Temp
files sit beside the target as `.stylecheck-PID-XXXX.tmp`, so a run killed mid-write leaves
only a temp file, which `clean_stale_temps` removes once its writer is gone.
"""
from __future__ import annotations

import os
import stat
import time

TEMP_PREFIX, TEMP_SUFFIX = ".stylecheck-", ".tmp"
STALE_AFTER = 3600.0  # seconds; a temp file this old is stale even if its pid was reused


class WriteRefused(OSError):
    """Nothing was written: the target is a symbolic link or not a regular file (a device, a FIFO,
    a directory), or changed since it was read."""


CHANGED = "changed since it was read; not written"


def _fingerprint(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def write_atomic(path: str | os.PathLike, data: bytes, make_dirs: bool = True, *,
                 expected: bytes | None = None, durable: bool = False, shared: bool = False) -> None:
    """Replace path with data via a temp file in the same directory; raise OSError on failure.

    The target holds either its old bytes or the complete new bytes, whatever happens (kill,
    disk full, permission error), and keeps its file mode. Never writes through a symbolic
    link (WriteRefused). With `expected`, the file must still hold exactly those bytes, from
    before the temp file is made until it replaces the target (WriteRefused otherwise).
    `durable` fsyncs the data and the directory (fixed articles need it; a lost cache entry
    only costs speed). Hard links to the target are broken by the rename (docs/reliability.md).
    A target that exists must be a regular file (WriteRefused for a device, a FIFO, a directory).
    A new file is private (0600), or with `shared` (an output the user hands on: a report, a
    vocabulary) has the usual mode, 0666 less the umask.
    """
    path = os.fspath(path)
    _check_target(path)
    before = None
    if expected is not None:
        with open(path, "rb") as fh:
            before = _fingerprint(os.fstat(fh.fileno()))
            if fh.read() != expected:
                raise WriteRefused(CHANGED)
    try:
        mode: int | None = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None  # a new file keeps its private mode (0600)
        if shared:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    directory = os.path.dirname(os.path.abspath(path))
    if make_dirs:
        os.makedirs(directory, exist_ok=True)
    made: list[str] = []  # the temp file's name, recorded before the file exists
    fd = -1
    try:
        fd = _open_temp(directory, made)
        tmp = made[0]
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        _check_target(path)  # nothing renames over a device, a FIFO or a directory made meanwhile
        if before is not None and _fingerprint(os.stat(path)) != before:
            raise WriteRefused(CHANGED)
        os.replace(tmp, path)
        made.clear()  # renamed: nothing left to remove
        if durable:
            _fsync_dir(directory)
    finally:
        if fd >= 0:
            os.close(fd)
        if made and made[0]:
            try:
                os.unlink(made[0])
            except OSError:
                pass


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))


def _check_target(path: str) -> None:
    """WriteRefused unless path is a regular file or does not exist yet: the rename would replace
    a symbolic link, a device node (`-o /dev/full` became a regular file), a FIFO or a directory."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise WriteRefused("is a symbolic link; not written through")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise WriteRefused(f"is {kind}, not a regular file; not written")


def _open_temp(directory: str, made: list[str]) -> int:
    """Create a new temp file in directory; its name is in `made` before the file exists.

    tempfile.mkstemp returns the name only after creating the file, so an interrupt (Ctrl-C)
    between the two left a temp file nobody knew to remove. Here the caller holds the name
    first, and removes it whatever happens.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        made[:] = [os.path.join(directory, f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}")]
        try:
            return os.open(made[0], flags, 0o600)
        except FileExistsError:  # another of this pid's names (a dead run's): never ours to remove
            made[:] = [""]
    raise FileExistsError(f"no free temp file name in {directory}")


def try_write_atomic(path: str | os.PathLike, data: bytes) -> bool:
    """write_atomic for caches: an unwritable location only costs speed, so report it instead
    of raising."""
    try:
        write_atomic(path, data)
        return True
    except OSError:
        return False


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


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_stale_temps(directory: str) -> list[str]:
    """Remove temp files a killed writer left in directory; return their names.

    Temp names carry the writer's pid, so a concurrent run's temp file is left alone while
    its process lives (and for STALE_AFTER seconds, in case the pid was reused).
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
            if alive and now - e.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                continue
            os.unlink(e.path)
            removed.append(e.name)
        except OSError:
            continue
    return removed
