"""Write a file so that readers see the old bytes or the new bytes, never a partial file."""
from __future__ import annotations

import os
import tempfile

TEMP_PREFIX, TEMP_SUFFIX = ".stylecheck-", ".tmp"


def write_atomic(path: str | os.PathLike, data: bytes, make_dirs: bool = True) -> None:
    """Write data to a temp file beside path, then os.replace it; raise OSError on failure."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    if make_dirs:
        os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def try_write_atomic(path: str | os.PathLike, data: bytes) -> bool:
    """write_atomic for caches: an unwritable location only costs speed, so report, don't raise."""
    try:
        write_atomic(path, data)
        return True
    except OSError:
        return False
