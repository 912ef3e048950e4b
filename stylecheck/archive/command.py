"""`stylecheck archive PATHS`: check a whole archive, with consistency across its articles.

Arguments, choosing the backend, writing the outputs and the exit code (0 clean, 1 findings at
or above --fail-on, 2 usage, configuration or input errors); the run itself is pipeline.py's.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Sequence

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    from ..cli import add_selection_arguments
    from ..formatters import FORMATS
    from ..parsers import FORMATS as INPUT_FORMATS
    from .outputs import FORMATS as ROW_FORMATS

    p = argparse.ArgumentParser(
        prog="stylecheck archive",
        description="Check a whole archive: every article's own findings, plus names and terms spelled "
        "differently across articles (rule CA101). PATHS are directories of article files, or exports with "
        "one article per row: JSON Lines (.jsonl) or Parquet (.parquet) with id, headline, body, format, date, desk.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error.",
    )
    p.add_argument("paths", nargs="+", help="directories, .jsonl or .parquet exports")
    p.add_argument("--output-format", choices=(*FORMATS, *ROW_FORMATS), default="text",
                   help="json is the documented schema (articles as files); jsonl and parquet write one row per finding")
    p.add_argument("-o", "--output", help="write the findings to this file (default: stdout)")
    add_selection_arguments(p)
    p.add_argument("--format-in", choices=INPUT_FORMATS, help="input format of article files (default: by extension)")
    p.add_argument("--encoding", help="decode article files with this encoding instead of UTF-8")
    p.add_argument("--follow-symlinks", action="store_true", help="follow symlinked files and directories")
    p.add_argument("--max-file-size", type=int, help="skip article files larger than this many bytes")
    p.add_argument("--jobs", "-j", type=int, help="local worker processes (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on this Dask cluster (tcp://host:8786); needs stylecheck[dask]")
    p.add_argument("--dask-workers", type=int, metavar="N", help="run on a local Dask cluster of N worker processes")
    p.add_argument("--report", metavar="FILE.html", help="also write an HTML report for the desk heads")
    p.add_argument("--write-vocab", metavar="FILE.toml", help="also write the archive's learned vocabulary (names, house forms)")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (errors still exit 2)")
    p.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    return p


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _err(msg: str) -> None:
    from ..formatters import escape_controls

    print(escape_controls(msg), file=sys.stderr)


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    from ..config import ConfigError, Overrides
    from ..packs import PackError
    from ..runner import RunOptions
    from .inputs import InputProblem

    overrides = Overrides(select=_split(args.select) if args.select is not None else None,
                          extend_select=_split(args.extend_select), ignore=_split(args.ignore),
                          fail_on=args.fail_on, preset=args.preset)
    options = RunOptions(config=args.config, overrides=overrides, format_in=args.format_in, encoding=args.encoding,
                         follow_symlinks=args.follow_symlinks, max_file_size=args.max_file_size)
    try:
        if args.config and not os.path.isfile(args.config):
            raise ConfigError(f"{args.config}: config file not found")
        if args.output_format == "parquet" and not args.output and sys.stdout.isatty():
            raise ConfigError("parquet output is binary: pass -o FILE.parquet or redirect stdout")
        backend = _backend(args)
        with backend:
            result = _run(args, options, backend)
    except (ConfigError, PackError, InputProblem) as exc:
        _err(f"stylecheck: {exc}")
        return EXIT_ERROR
    except OSError as exc:  # an output that cannot be written
        _err(f"stylecheck: cannot write {exc}")
        return EXIT_ERROR
    except ImportError as exc:
        _err(f"stylecheck: {exc}")
        return EXIT_ERROR
    except Exception as exc:  # an internal error: one line unless --debug
        if args.debug:
            raise
        _err(f"stylecheck: internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)")
        return EXIT_ERROR
    return _finish(args, result)


def _backend(args):
    if args.scheduler or args.dask_workers is not None:
        if args.dask_workers is not None and args.dask_workers < 1:
            from ..config import ConfigError

            raise ConfigError("--dask-workers needs at least 1")
        try:
            from .dask_backend import DaskBackend
        except ImportError:
            raise ImportError("running on Dask needs the extra: pip install 'stylecheck[dask]'") from None
        return DaskBackend(args.scheduler, args.dask_workers)
    from .local import LocalBackend

    return LocalBackend(args.jobs)


def _run(args, options, backend):
    from .pipeline import run_archive

    start = time.perf_counter()
    result = run_archive(args.paths, options, backend)
    _write_findings(args, result)
    if args.report:
        from .report import render

        here = os.path.dirname(os.path.abspath(args.report))
        _write(args.report, render(result, here, args.paths).encode("utf-8"))
    if args.write_vocab:
        _write_vocab(args.write_vocab, result)
    if not args.quiet:
        _summary(result, time.perf_counter() - start)
    return result


def _write_findings(args, result) -> None:
    from . import outputs

    if args.output_format == "parquet":
        data = outputs.parquet(result)
    elif args.output_format == "jsonl":
        data = outputs.jsonl(result).encode("utf-8")
    else:
        from ..formatters import formatter

        colour = args.output_format == "text" and not args.output and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        fmt_options = {"colour": colour}
        results = outputs.file_results(result)
        if args.output_format == "sarif":
            from ..baseline import fingerprint
            from ..runner import rules_in_use

            fmt_options.update(rules=rules_in_use(results), fingerprint=fingerprint)
        data = formatter(args.output_format)(results, fmt_options).encode("utf-8")
    if args.output:
        _write(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _write_vocab(path: str, result) -> None:
    from ..vocab import render
    from .tally import learned
    from .tasks import state

    names, prefer = learned(result.tally, result.verdicts, state().runtime.lexicon)
    _write(path, render(names, prefer).encode("utf-8"))
    _err(f"wrote {len(names)} names and {len(prefer)} preferred forms to {path}")


def _write(path: str, data: bytes) -> None:
    """Write an output file atomically; a new one gets the usual mode (0666 less the umask), not 0600.
    A path that is not a regular file (a device, a FIFO, a directory) is refused (OSError)."""
    from ..atomic import write_atomic

    try:
        write_atomic(path, data, shared=True)
    except OSError as exc:
        raise OSError(f"{path}: {exc.strerror or exc}") from None


def _summary(result, seconds: float) -> None:
    n = len(result.records)
    found = sum(len(r.findings) for r in result.records)
    cross = sum(1 for r in result.records for f in r.findings if f.rule == result.cross_rule)
    workers = f"{len(result.workers)} worker{'s' if len(result.workers) != 1 else ''}"
    _err(f"stylecheck archive: {n:,} articles, {result.words:,} words, {found:,} findings "
         f"({cross:,} across articles) in {seconds:.1f} s on {result.backend} ({workers})")


def _finish(args, result) -> int:
    failed = [r for r in result.records if r.error]
    for r in failed:
        _err(f"{r.id}: {r.error_code} {r.error}")
    for r in result.records:
        for e in r.rule_errors:
            _err(f"{r.id}: {e}")
    if failed or any(r.rule_errors for r in result.records):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    fail_on = result.settings.fail_on
    return EXIT_FINDINGS if any(f.severity >= fail_on for r in result.records for f in r.findings) else EXIT_CLEAN
