"""A directory nobody can write to, root included (not a test module itself).

Permission bits do not stop root, and CI runs as root, so a test that makes a directory mode
0o555 and expects EACCES proves nothing there. `read_only(directory)` sets the mode and, when
running as root, also refuses creating, replacing, truncating or removing anything inside
the directory at the os layer, with the EACCES the kernel gives a normal user. The refusal
sits below every module that writes (os.open, open, mkdir, replace...), so it does not
depend on how the code under test writes its files.
"""
from __future__ import annotations

import builtins
import errno
import io
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@contextmanager
def read_only(directory: str | os.PathLike):
    """Inside the block, nothing in `directory` can be created, replaced or removed."""
    root = Path(directory).resolve()
    mode = os.stat(root).st_mode & 0o7777
    os.chmod(root, 0o555)
    try:
        with pytest.MonkeyPatch.context() as mp:
            if os.geteuid() == 0:  # root ignores the mode: refuse as the kernel would
                _refuse_writes(mp, root)
            yield
    finally:
        os.chmod(root, mode)


def _refuse_writes(mp: pytest.MonkeyPatch, root: Path) -> None:
    def inside(path) -> bool:
        if isinstance(path, int):  # a file descriptor, opened before the block
            return False
        p = Path(os.path.abspath(os.fsdecode(path)))
        return root in p.parents

    def deny(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    def guard(fn, *checked):
        """fn, refusing when any of the checked positional arguments is inside root."""
        def guarded(*args, **kwargs):
            for i in checked:
                if i < len(args) and inside(args[i]):
                    deny(args[i])
            return fn(*args, **kwargs)
        return guarded

    real_os_open, real_open = os.open, builtins.open

    def os_open(path, flags, *args, **kwargs):
        if flags & _WRITING and inside(path):
            deny(path)
        return real_os_open(path, flags, *args, **kwargs)

    def open_(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+") and inside(file):
            deny(file)
        return real_open(file, mode, *args, **kwargs)

    mp.setattr(os, "open", os_open)
    mp.setattr(builtins, "open", open_)
    mp.setattr(io, "open", open_)
    for name in ("mkdir", "unlink", "remove", "rmdir"):
        mp.setattr(os, name, guard(getattr(os, name), 0))
    for name in ("replace", "rename", "link", "symlink"):
        mp.setattr(os, name, guard(getattr(os, name), 0, 1))
