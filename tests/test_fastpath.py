"""The start-up tricks change how fast stylecheck starts, never what it finds."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "examples").iterdir())
PROBE = (
    "import json, re, sys, regex\n"
    "from stylecheck import fastpath, patterns\n"
    "re_made = fastpath.re_compile(r'a+b', 0)\n"
    "rx = patterns.compile_regex(r'\\p{Lu}\\w+', regex.V1)\n"
    "print(json.dumps({'enabled': fastpath.ENABLED, 're_program': re_made is not None,\n"
    "    'regex_program': fastpath.regex_program(rx) is not None,\n"
    "    'mapped': type(fastpath.map_file(sys.argv[1])).__name__,\n"
    "    'openssl': '_hashlib' in sys.modules}))\n"
)


def _run(args, tmp_path, plain: bool, **kw):
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / ("plain" if plain else "fast"))}
    env.pop("STYLECHECK_NO_FASTPATH", None)
    if plain:
        env["STYLECHECK_NO_FASTPATH"] = "1"
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=120, **kw)


def test_findings_are_identical_with_and_without_the_tricks(tmp_path):
    article = tmp_path / "desk.txt"
    article.write_text("The goverment said the the plan, which Washngton recieved, would utilise new pumps.\n\n"
                       "\"It will work,\" an engineer said. Critics say it will not.\n", encoding="utf-8")
    args = ["-m", "stylecheck", "--no-cache", "--output-format", "json", *EXAMPLES, str(article)]
    outputs = []
    for plain in (False, True, False):  # the third run: the fast path reading what the first stored
        done = _run(args, tmp_path, plain)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
        outputs.append(done.stdout)
    assert json.loads(outputs[0])["files"] and outputs[0] == outputs[1] == outputs[2]


def test_the_switch_turns_every_trick_off(tmp_path):
    target = tmp_path / "data.bin"
    target.write_bytes(b"x" * 64)
    seen = {}
    for plain in (False, True):
        done = _run(["-c", PROBE, str(target)], tmp_path, plain)
        assert done.returncode == 0, done.stderr
        seen[plain] = json.loads(done.stdout)
    if sys.implementation.name == "cpython":
        assert seen[False] == {"enabled": True, "re_program": True, "regex_program": True, "mapped": "mmap",
                               "openssl": False}
    assert seen[True] == {"enabled": False, "re_program": False, "regex_program": False, "mapped": "bytes",
                          "openssl": True}


def test_a_reader_that_goes_away_is_no_error_either_way(tmp_path):
    """`stylecheck ... | head`: the fast exit and the plain one both leave quietly."""
    for plain in (False, True):
        reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path / "pipe")}
        env.pop("STYLECHECK_NO_FASTPATH", None)
        if plain:
            env["STYLECHECK_NO_FASTPATH"] = "1"
        # far more output than a pipe holds, so the write after head has gone fails
        proc = subprocess.run([sys.executable, "-m", "stylecheck", "--no-cache", *EXAMPLES * 100],
                              stdout=reader.stdin, stderr=subprocess.PIPE, env=env, timeout=300)
        reader.stdin.close()
        reader.wait()
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr == b"", proc.stderr


def test_no_trick_lives_outside_fastpath():
    """The internals and shortcuts fastpath wraps are used nowhere else in the package."""
    import re

    tricks = re.compile(r"\b(?:_sre|re\._compiler|re\._parser|_regex|_blake2|_pickled_data|_run_exitfuncs|_exit|mmap)\b"
                        r"|from re import _")
    package = Path(__file__).resolve().parent.parent / "stylecheck"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "fastpath.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if tricks.search(code):
                offenders.append(f"{path.relative_to(package)}:{n}: {line.strip()}")
    assert not offenders, offenders
