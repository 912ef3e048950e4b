"""--fix is byte-exact and atomic (issue 7; RELIABILITY.md rows A1-A6, B1, E5, F4-F7, H1).

The fixes here include rewordings (CR201), so the runs pass --unsafe-fixes: what is tested is
how a fix is written, not which fixes are safe (test_fix_policy.py).

A generated corpus of 500 files mixes encodings (UTF-8 with and without BOM, UTF-16 LE/BE,
cp1252), line endings (LF, CRLF, CR, mixed within a file), final newline or not, and file
modes. Every line is either clean or a bad line whose fixed form we wrote by hand, so the
expected bytes of every fixed file are known exactly: outside the fixed spans nothing moves.
Faults (ENOSPC, EACCES, partial writes, kill -9) must never leave a partial file behind.
"""
from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stylecheck import atomic, cli, fixes
from stylecheck.atomic import WriteRefused, clean_stale_temps, write_atomic

from readonly import read_only

pytestmark = pytest.mark.usefixtures("isolated_cache")

# Our own sentences: (bad line, the line after --fix). Only core rules run (--select), so packs
# other helpers add cannot change the oracle.
PAIRS = [
    ("The council said the the plan was ready.", "The council said the plan was ready."),
    ("Engineers will utilise the new crane.", "Engineers will use the new crane."),
    ("Prior to the vote, talks stalled.", "Before the vote, talks stalled."),
    ("Residents were told to to leave early.", "Residents were told to leave early."),
    ("The mayor will commence the works on Monday.", "The mayor will begin the works on Monday."),
    ("The mur\u200bder trial opened in the city.", "The murder trial opened in the city."),
    ("Workers utilised old tools for the café roof.", "Workers used old tools for the café roof."),
    ("Crowds gathered in the square \U0001F600 at noon and and cheered.",
     "Crowds gathered in the square \U0001F600 at noon and cheered."),
]
CLEAN = [
    "Officials met on Tuesday to discuss the budget.",
    "\u201cWe are ready,\u201d the minister said.",
    "Prices rose by 3% in the year to March.",
    "The café reopened after the floods.",
    "",
    "   ",
    "Ships docked at the port before dawn.",
    "Fares\u2028rose\fagain.",  # U+2028 and form feed are not line breaks
]
SELECT = "CR101,CR201,CR601"
ENCODINGS = [  # (codec, BOM)
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("cp1252", b""),
]
ENDINGS = ["\n", "\r\n", "\r"]
MODES = [0o644, 0o600, 0o664, 0o640, 0o755]


def _encodable(line: str, codec: str) -> bool:
    try:
        line.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def make_case(rng: random.Random):
    """(original bytes, expected fixed bytes, codec, mode) for one random file."""
    codec, bom = rng.choice(ENCODINGS)
    style = rng.choice(["lf", "crlf", "cr", "mixed"])
    n = rng.randint(0, 12)
    before, after = [], []
    for i in range(n):
        if rng.random() < 0.35:
            bad, good = rng.choice([p for p in PAIRS if _encodable(p[0], codec)])
        else:
            bad = good = rng.choice([c for c in CLEAN if _encodable(c, codec)])
        end = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}.get(style) or rng.choice(ENDINGS)
        if i == n - 1 and rng.random() < 0.4:
            end = ""  # no final newline
        before.append(bad + end)
        after.append(good + end)
    # a blank separator keeps a CR-ended line from gluing onto a following LF ("\r" + "\n" = CRLF)
    text_before, text_after = _join(before), _join(after)
    return bom + text_before.encode(codec), bom + text_after.encode(codec), codec, rng.choice(MODES)


def _join(lines: list[str]) -> str:
    out = []
    for ln in lines:
        if out and out[-1].endswith("\r") and ln.startswith("\n"):
            ln = " " + ln
        out.append(ln)
    return "".join(out)


def build_corpus(root: Path, count: int, seed: int) -> dict[Path, tuple[bytes, bytes, str, int]]:
    rng = random.Random(seed)
    cases = {}
    for codec in sorted({c for c, _ in ENCODINGS}):
        (root / codec).mkdir(parents=True, exist_ok=True)
    for i in range(count):
        orig, exp, codec, mode = make_case(rng)
        path = root / codec / f"story{i:04d}.txt"
        path.write_bytes(orig)
        os.chmod(path, mode)
        cases[path] = (orig, exp, codec, mode)
    return cases


def run_fix(paths: list[str], *extra: str) -> int:
    return cli.main(["--fix", "--unsafe-fixes", "--no-cache", "--select", SELECT, "--quiet", *extra, *paths])


def test_corpus_of_500_files_is_fixed_byte_exact_and_idempotent(tmp_path, capsys):
    cases = build_corpus(tmp_path / "c", 500, seed=7)
    dirs = sorted({str(p.parent) for p in cases})
    for codec_dir in dirs:  # the encoding is per directory, as an editor would pass --encoding
        extra = ("--encoding", "cp1252") if codec_dir.endswith("cp1252") else ()
        assert run_fix([codec_dir], *extra) in (0, 1)
    changed = 0
    for path, (orig, exp, codec, mode) in cases.items():
        got = path.read_bytes()
        assert got == exp, (path.name, codec, orig, got, exp)
        assert os.stat(path).st_mode & 0o7777 == mode
        changed += got != orig
    assert changed > 100  # the corpus really exercised the fixer
    # fix(fix(x)) == fix(x): a second run changes nothing
    snapshot = {p: p.read_bytes() for p in cases}
    for codec_dir in dirs:
        extra = ("--encoding", "cp1252") if codec_dir.endswith("cp1252") else ()
        run_fix([codec_dir], *extra)
    assert all(p.read_bytes() == b for p, b in snapshot.items())
    leftovers = [p for p in (tmp_path / "c").rglob("*") if p.name.endswith(".tmp")]
    assert not leftovers
    capsys.readouterr()


def test_utf16_and_cp1252_are_written_back_in_their_own_encoding(tmp_path, capsys):
    u16 = tmp_path / "a.txt"
    u16.write_bytes("Crews will utilise the café.\r\n".encode("utf-16"))
    cp = tmp_path / "b.txt"
    cp.write_bytes("Crews will utilise the café \u2019now\u2019.\n".encode("cp1252"))
    assert run_fix([str(u16)]) == 0
    assert u16.read_bytes() == "Crews will use the café.\r\n".encode("utf-16")
    assert run_fix([str(cp)], "--encoding", "cp1252") == 0
    assert cp.read_bytes() == "Crews will use the café \u2019now\u2019.\n".encode("cp1252")
    capsys.readouterr()


def _pack_project(tmp_path: Path, swap: str) -> Path:
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "pack.toml").write_text(
        '[[rule]]\ncode = "ZZ101"\nslug = "zz-swap"\nkind = "substitution"\ncategory = "style"\n'
        'severity = "warning"\nmessage = "m"\nwhy = "w"\nignorecase = false\n'
        f"swap = {swap}\n"
        '[[rule]]\ncode = "ZZ102"\nslug = "zz-banned"\nkind = "existence"\ncategory = "style"\n'
        'severity = "warning"\nmessage = "m"\nwhy = "w"\ntokens = ["forbidden"]\n', encoding="utf-8")
    (proj / ".stylecheck.toml").write_text('packs = ["pack.toml"]\n', encoding="utf-8")
    return proj


def test_unencodable_replacement_is_reported_and_nothing_written(tmp_path, capsys):
    proj = _pack_project(tmp_path, '{ "arrow" = "\u2192" }')
    f = proj / "a.txt"
    original = "Follow the arrow.\n".encode("latin-1")
    f.write_bytes(original)
    code = cli.main(["--fix", "--unsafe-fixes", "--no-cache", "--encoding", "latin-1", str(f)])
    err = capsys.readouterr().err
    assert code == 2
    assert "SC-E021" in err and "latin" in err.lower() and str(f) in err
    assert f.read_bytes() == original


def test_fix_that_does_not_converge_is_reverted_with_exit_2(tmp_path, capsys):
    proj = _pack_project(tmp_path, '{ "alpha" = "beta", "beta" = "alpha" }')
    f = proj / "a.txt"
    f.write_bytes(b"The alpha team won.\n")
    code = cli.main(["--fix", "--unsafe-fixes", "--no-cache", str(f)])
    err = capsys.readouterr().err
    assert code == 2 and "did not converge" in err and "ZZ101" in err
    assert f.read_bytes() == b"The alpha team won.\n"


def test_fix_that_introduces_findings_is_reverted(tmp_path, capsys):
    proj = _pack_project(tmp_path, '{ "twice" = "forbidden" }')
    f = proj / "a.txt"
    f.write_bytes(b"Say it twice.\n")
    code = cli.main(["--fix", "--unsafe-fixes", "--no-cache", str(f)])
    err = capsys.readouterr().err
    assert code == 2 and "introduced new findings" in err and "ZZ102" in err
    assert f.read_bytes() == b"Say it twice.\n"


def test_overlapping_fixes_from_two_rules_converge(tmp_path, capsys):
    # CR601 deletes the zero-width space inside the span CR201 replaces: one waits a pass
    f = tmp_path / "a.txt"
    f.write_bytes("They will utili\u200bse it.\n".encode())
    assert run_fix([str(f)]) == 0
    assert f.read_bytes() == b"They will use it.\n"
    capsys.readouterr()


# ---- faults: every target holds its original bytes or the complete new ones -------------------

def _one_file(tmp_path: Path) -> tuple[Path, bytes]:
    f = tmp_path / "story.txt"
    data = b"Officials will utilise the hall.\r\nThe the end.\r\n"
    f.write_bytes(data)
    os.chmod(f, 0o640)
    return f, data


@pytest.mark.parametrize("fault", ["fsync-enospc", "replace-eacces", "write-enospc", "chmod-eperm"])
def test_disk_full_and_permission_errors_leave_original_and_no_temp(tmp_path, monkeypatch, capsys, fault):
    f, data = _one_file(tmp_path)
    other = tmp_path / "other.txt"
    other.write_bytes(b"Prior to noon.\n")

    def boom(code):
        def raiser(*a, **k):
            raise OSError(code, os.strerror(code))
        return raiser

    target = str(f)
    if fault == "fsync-enospc":
        monkeypatch.setattr(atomic.os, "fsync", boom(errno.ENOSPC))
    elif fault == "replace-eacces":
        real_replace = os.replace
        monkeypatch.setattr(atomic.os, "replace",
                            lambda a, b: boom(errno.EACCES)() if b == target else real_replace(a, b))
    elif fault == "chmod-eperm":
        monkeypatch.setattr(atomic.os, "chmod", boom(errno.EPERM))
    else:
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, b):
                self.fh.write(b[: len(b) // 2])
                self.fh.flush()
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def flush(self):
                pass

            def fileno(self):
                return self.fh.fileno()

        monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    code = cli.main(["--fix", "--unsafe-fixes", "--no-cache", "--select", SELECT, str(f), str(other)])
    out, err = capsys.readouterr()
    assert code == 2
    assert f.read_bytes() == data and os.stat(f).st_mode & 0o777 == 0o640
    assert f"{f}: SC-E021 fix not written" in err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if fault not in ("fsync-enospc", "write-enospc", "chmod-eperm"):  # those faults hit every write
        assert other.read_bytes() == b"Before noon.\n"


def test_read_only_directory_reports_errno_and_keeps_original(tmp_path, capsys):
    d = tmp_path / "ro"
    d.mkdir()
    f, data = _one_file(d)
    with read_only(d):  # refused as root too, where the mode alone stops nothing
        code = cli.main(["--fix", "--unsafe-fixes", "--no-cache", "--select", SELECT, str(f)])
    assert code == 2 and "Permission denied" in capsys.readouterr().err
    assert f.read_bytes() == data
    assert sorted(p.name for p in d.iterdir()) == [f.name]  # no temporary file left behind


def test_file_changed_between_read_and_write_is_skipped(tmp_path, monkeypatch, capsys):
    f, _ = _one_file(tmp_path)
    real = fixes.fix_text

    def editor_saves_meanwhile(*a, **k):
        result = real(*a, **k)
        f.write_bytes(b"An editor's new text.\n")
        return result

    monkeypatch.setattr(fixes, "fix_text", editor_saves_meanwhile)
    code = cli.main(["--fix", "--unsafe-fixes", "--no-cache", "--select", SELECT, str(f)])
    assert code == 2 and "changed during fix" in capsys.readouterr().err
    assert f.read_bytes() == b"An editor's new text.\n"


def test_write_atomic_refuses_a_file_changed_since_read(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"new content")
    with pytest.raises(WriteRefused, match="changed since it was read"):
        write_atomic(str(f), b"fixed", expected=b"old content")
    assert f.read_bytes() == b"new content"


def test_never_writes_through_a_symlink(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "hostname.txt"
    target.write_bytes(b"The the host.\n")
    root = tmp_path / "root"
    root.mkdir()
    link = root / "x.txt"
    link.symlink_to(target)
    # not followed by default: skipped with a warning, nothing written
    assert cli.main(["--fix", "--unsafe-fixes", "--no-cache", "--select", SELECT, str(root), str(link)]) == 0
    assert "SC-E907" in capsys.readouterr().err
    # followed on request: linted, but never written through
    code = cli.main(["--fix", "--unsafe-fixes", "--no-cache", "--follow-symlinks", "--select", SELECT, str(link)])
    assert code == 2 and "symbolic link" in capsys.readouterr().err
    assert target.read_bytes() == b"The the host.\n" and link.is_symlink()


def test_stale_temp_files_are_cleaned_but_live_ones_kept(tmp_path):
    dead = tmp_path / ".stylecheck-999999999-abc.tmp"
    dead.write_bytes(b"partial")
    live = tmp_path / f".stylecheck-{os.getpid()}-def.tmp"
    live.write_bytes(b"in progress")
    unrelated = tmp_path / "notes.tmp"
    unrelated.write_bytes(b"x")
    assert clean_stale_temps(str(tmp_path)) == [dead.name]
    assert live.exists() and unrelated.exists() and not dead.exists()


def test_kill_9_during_fix_never_leaves_a_partial_file(tmp_path):
    """kill -9 a real --fix run at random moments; each file is old or new bytes, never between."""
    rng = random.Random(11)
    cases = build_corpus(tmp_path / "k", 300, seed=3)
    utf8 = {p: c for p, c in cases.items() if c[2] != "cp1252"}
    dirs = sorted({str(p.parent) for p in utf8})
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / ".cache")}
    cmd = [sys.executable, "-m", "stylecheck", "--fix", "--unsafe-fixes", "--no-cache", "--select", SELECT, "--quiet", *dirs]
    def restore():
        for p, (orig, _, _, mode) in utf8.items():
            p.write_bytes(orig)
            os.chmod(p, mode)

    restore()
    start = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True)
    duration = time.perf_counter() - start  # kill somewhere inside a run of this length
    trials, mid_run = 16, 0
    for t in range(trials):
        restore()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        fixed = 0
        for p, (orig, exp, _, _) in utf8.items():
            got = p.read_bytes()
            assert got in (orig, exp), f"trial {t}: {p.name} is neither original nor fixed"
            fixed += got == exp != orig
        mid_run += 0 < fixed < sum(o != e for o, e, _, _ in utf8.values())
    assert mid_run >= 1, "no kill landed while files were being written; the trial proves nothing"
    # the next run cleans whatever temp files the kills left and finishes the job
    done = subprocess.run(cmd, env=env, capture_output=True)
    assert done.returncode in (0, 1), done.stderr
    assert not [p for p in (tmp_path / "k").rglob("*.tmp")]
    assert all(p.read_bytes() == exp for p, (_, exp, _, _) in utf8.items())
