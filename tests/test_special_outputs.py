"""Outputs that are not regular files are refused; nothing renames over a device, FIFO or directory (issue 16).

`vocab learn -o /dev/full` replaced the device node with a regular file and reported success;
`-o` a directory printed a traceback. Every file stylecheck writes goes through atomic.write_atomic,
which now refuses a target that exists and is not a regular file, with a clear one-line error.
The device cases use a device node made in the test's own directory (skipped where mknod is not
allowed), never the machine's /dev.
"""
from __future__ import annotations

import os
import stat

import pytest

from stylecheck import atomic
from stylecheck.atomic import WriteRefused, write_atomic
from stylecheck.cli import main


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk").mkdir()
    for name, text in (("a.txt", "Viktor Orban spoke. Orban left.\n"), ("b.txt", "Viktor Orban met Orban aides.\n")):
        (tmp_path / "desk" / name).write_text(text, encoding="utf-8")
    return tmp_path


def _device(path) -> str:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # the numbers of /dev/full
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return str(path)


def _targets(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    directory = tmp_path / "out"
    directory.mkdir()
    return {"a FIFO": str(fifo), "a directory": str(directory)}


def test_write_atomic_refuses_what_is_not_a_regular_file(tmp_path):
    targets = {**_targets(tmp_path), "a character device": _device(tmp_path / "full")}
    for kind, path in targets.items():
        before = os.lstat(path)
        with pytest.raises(WriteRefused, match=f"is {kind}, not a regular file"):
            write_atomic(path, b"data")
        after = os.lstat(path)
        assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
    assert not [p for p in os.listdir(tmp_path) if p.endswith(atomic.TEMP_SUFFIX)]


def test_write_atomic_checks_again_just_before_the_rename(tmp_path, monkeypatch):
    target = tmp_path / "late"
    real = atomic._open_temp

    def made_meanwhile(directory, made):  # a FIFO appears while the temp file is written
        fd = real(directory, made)
        os.mkfifo(target)
        return fd

    monkeypatch.setattr(atomic, "_open_temp", made_meanwhile)
    with pytest.raises(WriteRefused, match="FIFO"):
        write_atomic(target, b"data")
    assert stat.S_ISFIFO(os.lstat(target).st_mode)


def test_vocab_learn_refuses_a_device_a_fifo_and_a_directory(tmp_path, capsys):
    targets = {**_targets(tmp_path), "a character device": _device(tmp_path / "full")}
    for kind, path in targets.items():
        code = main(["vocab", "learn", "desk", "-o", path, "--min-docs", "1", "--min-count", "1"])
        err = capsys.readouterr().err
        assert code == 2 and err == f"stylecheck vocab: {path}: is {kind}, not a regular file; not written\n"
        assert not stat.S_ISREG(os.lstat(path).st_mode)  # before: the device node became a regular file
    assert main(["vocab", "learn", "desk", "-o", "v.toml", "--min-docs", "1", "--min-count", "1"]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert "Orban" in (tmp_path / "v.toml").read_text() and (tmp_path / "v.toml").stat().st_mode & 0o777 == 0o666 & ~mask


def test_archive_and_init_refuse_special_outputs(tmp_path, capsys):
    targets = _targets(tmp_path)
    code = main(["archive", "desk", "-o", targets["a directory"], "-q"])
    assert code == 2 and "is a directory, not a regular file" in capsys.readouterr().err  # before: a traceback
    code = main(["archive", "desk", "--report", targets["a FIFO"], "-q"])
    assert code == 2 and "is a FIFO, not a regular file" in capsys.readouterr().err
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / ".stylecheck.toml").mkdir()
    code = main(["init", "conf", "--preset", "none", "--force"])
    assert code == 2 and "is a directory, not a regular file" in capsys.readouterr().err
