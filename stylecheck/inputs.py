"""Read the files a run names besides its articles (configs, packs, vocabularies, baselines) safely.

Only regular files are read, up to a size limit: a FIFO would block the run forever, and a
device (`/dev/zero`, `/dev/full`) would be read until memory runs out. Each refusal is an
OSError whose `strerror` is one line for the user. Articles have their own reader
(runner.read_path), with per-file error codes.
"""
from __future__ import annotations

import errno
import os
import stat

MAX_INPUT_BYTES = 64 * 1024 * 1024  # a vocabulary learned from a large archive, a baseline of a big tree


def read_bytes(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (MAX_INPUT_BYTES); OSError (one-line
    strerror) otherwise."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    # O_NONBLOCK: opening a FIFO for reading waits for a writer; this way it returns and is refused
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a device, FIFO or socket); refused", str(path))
        if st.st_size > limit:
            raise OSError(errno.EFBIG, f"is {st.st_size:,} bytes, over the {limit:,}-byte limit; refused", str(path))
        chunks, size = [], 0
        while size <= limit:  # a file growing while read stops at the limit too
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise OSError(errno.EFBIG, f"grew over the {limit:,}-byte limit while read; refused", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike, limit: int | None = None) -> str:
    """read_bytes decoded as UTF-8 (UnicodeDecodeError when it is not)."""
    return read_bytes(path, limit).decode("utf-8")


def reason(exc: OSError) -> str:
    """The one-line reason of an OSError, without Python's `[Errno N]` prefix."""
    return exc.strerror or str(exc)
