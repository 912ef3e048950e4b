"""Every start-up trick in one place, each beside the plain way it falls back to.

A pre-commit hook starts a new interpreter for every commit, so start-up time is a feature, and
a few of the things that make it short lie outside the documented standard library. They are
all here, and nowhere else; each function does its job the plain way when the trick is
unavailable (another interpreter, a Python whose internals moved) or switched off.
`STYLECHECK_NO_FASTPATH=1` runs with the plain ways only: the findings are the same either way
(tests/test_fastpath.py), only the start is slower. docs/architecture.md "Cold start" says what
each trick saves.

| trick | plain way |
|---|---|
| `re_compile`/`re_load`: `re`'s parser and compiler output (`re._parser`, `re._compiler`), stored, handed straight to `_sre.compile` | `re.compile` |
| `regex_program`/`regex_load`: the data `regex` pickles a pattern as, rebuilt with `regex._regex.compile` | `regex.compile` |
| `map_file`: a read-only memory map (only the pages a lookup touches are read) | read the whole file |
| `leave`: run the atexit handlers, then `os._exit` (no interpreter teardown) | `sys.exit` |
| `blake2b`: from the built-in `_blake2` module (no OpenSSL load) | `hashlib.blake2b` |
"""
from __future__ import annotations

import os
import sys

__all__ = ["ENABLED", "RE_PROGRAMS", "blake2b", "re_compile", "re_load", "regex_program", "regex_load", "map_file",
           "leave"]

ENABLED = os.environ.get("STYLECHECK_NO_FASTPATH", "") in ("", "0")

if ENABLED:
    try:
        from _blake2 import blake2b  # hashlib also loads OpenSSL's libcrypto: ~4 ms of a slow start
    except ImportError:  # an interpreter without the built-in module
        from hashlib import blake2b
else:
    from hashlib import blake2b

RE_PROGRAMS = ENABLED and sys.implementation.name == "cpython"  # re_compile and re_load can work
if RE_PROGRAMS:
    import _sre
    from array import array


def re_compile(pattern: str, flags: int):
    """(compiled pattern, program to store) from `re`'s own parser and compiler, or None.

    The program is what `_sre.compile` takes, with the opcodes as bytes (32-bit units, as `_sre`
    uses them): marshal then loads one object per pattern, not thousands of ints.
    """
    if not RE_PROGRAMS:
        return None
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        full_flags, groups = int(flags | parsed.state.flags), parsed.state.groups - 1
        compiled = _sre.compile(pattern, full_flags, code, groups, groupindex, tuple(indexgroup))
        return compiled, (full_flags, array("I", code).tobytes(), groups, groupindex, tuple(indexgroup))
    except Exception:  # internals that moved (re._compiler is new in 3.11): the caller compiles plainly
        return None


def re_load(pattern: str, program):
    """The pattern rebuilt from a stored program, or None (trick off, or a stale or foreign program)."""
    if not RE_PROGRAMS:
        return None
    try:
        full_flags, code, groups, groupindex, indexgroup = program
        units = array("I")
        units.frombytes(code)
        return _sre.compile(pattern, full_flags, units.tolist(), groups, groupindex, indexgroup)
    except Exception:  # _sre validates the code: a damaged program raises, never runs
        return None


def regex_program(compiled):
    """The marshallable data `regex` rebuilds compiled from, or None."""
    if not ENABLED:
        return None
    try:
        import marshal

        data = compiled._pickled_data
        marshal.dumps(data)  # only what marshal can store (no named lists of sets)
        return data
    except (AttributeError, ValueError):
        return None


def regex_load(program):
    """The `regex` pattern rebuilt from stored data, or None."""
    if not ENABLED:
        return None
    try:
        from regex import _regex

        return _regex.compile(*program)
    except Exception:  # a stale or foreign entry
        return None


def map_file(path: str):
    """The file's bytes: a read-only memory map when the trick is on, else read; None if unreadable."""
    try:
        with open(path, "rb") as fh:
            if ENABLED:
                import mmap

                try:
                    return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                except (OSError, ValueError):  # empty (mmap refuses length 0), or a file system without mmap
                    pass
            return fh.read()
    except OSError:
        return None


def leave(code: int):
    """Exit the process with code, skipping the interpreter's teardown when the trick is on.

    Freeing every module and object at exit costs ~10 ms of an ~80 ms run. The caller flushes
    its output first; the atexit handlers (the compiled-pattern store) still run.
    """
    import atexit

    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if ENABLED and run_exitfuncs is not None:
        run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):  # a handler may have written
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(code)
    sys.exit(code)
