"""Command line: arguments, choosing a formatter, printing and exit codes. No lint logic here.

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, config or input error
(errors win over findings; --exit-zero never hides 2).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from .version import __version__

# Subcommands load lazily: name -> "module:function", each function takes argv and returns an exit code.
SUBCOMMANDS = {
    "rules": "stylecheck.catalogue:cmd_rules",
    "explain": "stylecheck.catalogue:cmd_explain",
    "init": "stylecheck.starter:main",
    "vocab": "stylecheck.vocab:main",
    "archive": "stylecheck.archive.command:main",
    "serve": "stylecheck.server:main",
    "lsp": "stylecheck.lsp:main",
}
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, sized by os.get_terminal_size.

    argparse builds a formatter for every add_argument call, and its own sizing imports shutil:
    2 ms of every start, for help text that is almost never printed.
    """

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            columns = os.environ.get("COLUMNS", "")
            try:
                width = int(columns) if columns.isdigit() else os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (ValueError, OSError, AttributeError):  # not a terminal, or no stdout at all
                width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


def add_selection_arguments(p: argparse.ArgumentParser) -> None:
    """The options that choose rules, severity and settings, shared by `stylecheck` and `stylecheck archive`."""
    from .findings import Severity
    from .packs import PRESETS

    p.add_argument("--select", help="comma-separated codes, prefixes, slugs or categories to run (replaces the defaults)")
    p.add_argument("--extend-select", help="add these to the selection")
    p.add_argument("--ignore", help="comma-separated codes, prefixes, slugs or categories to skip")
    p.add_argument("--fail-on", choices=[s.name for s in Severity], help="lowest severity that makes the exit code 1")
    p.add_argument("--preset", choices=(*PRESETS, "none"), help="house-style preset")
    p.add_argument("--config", help="use this config file instead of discovering one")


def _lint_parser() -> argparse.ArgumentParser:
    # the choices come from their registries (every lint run imports these modules anyway)
    from .formatters import FORMATS as OUTPUT_FORMATS
    from .parsers import FORMATS as INPUT_FORMATS

    p = argparse.ArgumentParser(
        prog="stylecheck",
        formatter_class=_HelpFormatter,
        description="Editorial style and consistency linter for news copy. `stylecheck check PATHS` is the same "
        f"as `stylecheck PATHS`. Subcommands: {', '.join(SUBCOMMANDS)} (`stylecheck SUBCOMMAND --help`).",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error.",
    )
    p.add_argument("paths", nargs="*", help="files or directories to check; - reads stdin")
    p.add_argument("--version", action="version", version=f"stylecheck {__version__}")
    p.add_argument("--output-format", choices=OUTPUT_FORMATS, default="text",
                   help="text (with the sentence), concise (one line each), json, sarif, github, gitlab "
                   "(Code Quality), rdjson (reviewdog), junit")
    add_selection_arguments(p)
    p.add_argument("--format-in", choices=INPUT_FORMATS, help="input format (default: by extension)")
    p.add_argument("--encoding", help="decode input with this encoding (e.g. cp1252) instead of UTF-8")
    p.add_argument("--stdin-filename", help="name to report (and pick format/config by) for stdin")
    p.add_argument("--fix", action="store_true", help="apply safe replacements in place")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe replacements")
    p.add_argument("--diff", action="store_true", help="show the fixes as a diff; write nothing")
    p.add_argument("--baseline", help="report only findings not recorded in this file (created on first use)")
    p.add_argument("--update-baseline", action="store_true", help="rewrite the baseline with the current findings")
    p.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    p.add_argument("--statistics", action="store_true", help="print counts per rule instead of findings")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (errors still exit 2)")
    p.add_argument("--follow-symlinks", action="store_true", help="follow symlinked files and directories")
    p.add_argument("--max-file-size", type=int, help="skip files larger than this many bytes")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the results cache (~/.cache/stylecheck)")
    p.add_argument("--jobs", "-j", type=int, help="worker processes for many files (default: all cores)")
    p.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    _adoption_arguments(p)
    return p


def _adoption_arguments(p: argparse.ArgumentParser) -> None:
    """Discovery, display and writer's-loop flags (issue 17)."""
    p.add_argument("--color", "--colour", dest="color", choices=("auto", "always", "never"), default="auto",
                   help="colour the text report: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)")
    p.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false",
                   help="walk into what .gitignore and .ignore files ignore")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply the config's `exclude` to files named on the command line too (pre-commit)")
    p.add_argument("--show-files", action="store_true", help="list the files that would be checked, then exit")
    p.add_argument("--show-settings", action="store_true",
                   help="show the settings the first file would be checked with, then exit")
    p.add_argument("--watch", "-w", action="store_true", help="check again whenever a file changes (Ctrl-C stops)")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _overrides(args):
    from .config import Overrides

    return Overrides(
        select=_split(args.select) if args.select is not None else None,
        extend_select=_split(args.extend_select), ignore=_split(args.ignore),
        fail_on=args.fail_on, preset=args.preset,
    )


def _err(msg: str) -> None:
    """One line on stderr; a closed or full stderr (`2>/dev/full`) must not turn errors into a crash."""
    from .formatters import escape_controls

    if sys.stderr is None:
        return
    try:
        print(escape_controls(msg), file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass  # the exit code still says what happened


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _closed_output() and not (argv and argv[0] == "serve"):
        _err("stylecheck: standard output is closed: there is nowhere to write the report")
        return EXIT_ERROR
    if hasattr(sys.stdout, "reconfigure"):  # a cp1252 or ASCII console: escape, never crash
        try:
            sys.stdout.reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass
    try:
        if argv and argv[0] in SUBCOMMANDS:
            import importlib

            from .packs import PackError

            module, _, func = SUBCOMMANDS[argv[0]].partition(":")
            try:
                return getattr(importlib.import_module(module), func)(argv[1:])
            except PackError as exc:
                _err(f"stylecheck: {exc}")
                return EXIT_ERROR
        if argv and argv[0] == "check":  # `stylecheck check PATHS`, as ruff
            argv = argv[1:]
        return run(_lint_parser().parse_args(argv))
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (`stylecheck ... | head`): exit quietly, as SIGPIPE would
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        return 130


def entry() -> None:
    """The console script: main(), flush the output, then leave (fastpath.leave: without the
    interpreter's teardown when the trick is on). Every file stylecheck writes is closed
    before main() returns; the atexit handlers (the compiled-pattern store) still run.
    """
    try:
        code = main()
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): as main() treats it
        _silence_stdout()
    except (OSError, ValueError) as exc:  # a full disk, a closed stream: the report is incomplete
        _err(f"stylecheck: cannot write the output: {exc}")
        code = EXIT_ERROR
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    from .fastpath import leave

    leave(code)


def _closed_output() -> bool:
    """True when the process started with stdout closed (`>&-`).

    Closed standard descriptors are pointed at the null device first, so no file this run
    opens (a temp file, a cache entry) can become fd 1 or 2 and receive the report.
    """
    closed = False
    for fd, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is None:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                if devnull != fd:
                    os.dup2(devnull, fd)
                    os.close(devnull)
            except OSError:
                pass
            closed = closed or fd == 1
    return closed


def _silence_stdout() -> None:
    """Point stdout at the null device: nothing more can reach a reader that went away."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run(args) -> int:
    from .runner import RunOptions

    if not args.paths:
        args.paths = ["."]
    if args.encoding:
        from .source import check_encoding

        try:
            check_encoding(args.encoding)
        except ValueError as exc:
            _err(f"stylecheck: --encoding: {exc}")
            return EXIT_ERROR
    options = RunOptions(
        config=args.config, overrides=_overrides(args), format_in=args.format_in, encoding=args.encoding,
        follow_symlinks=args.follow_symlinks, max_file_size=args.max_file_size,
        respect_gitignore=args.respect_gitignore, force_exclude=args.force_exclude,
    )
    from . import store

    notices, store.notices = store.notices, store.notices and not args.quiet
    try:
        return _run_checked(args, options)
    finally:
        store.notices = notices  # a process that calls main() again (tests, the API) gets its own choice


def _run_checked(args, options) -> int:
    from .config import ConfigError
    from .packs import PackError

    try:
        if args.config and not os.path.isfile(args.config):
            raise ConfigError(f"{args.config}: config file not found")
        if args.show_files or args.show_settings:
            from .show import show

            return show(args, options)
        if args.watch:
            from .watch import watch

            return watch(lambda: _run_reporting_config_errors(args, options), args.paths, options)
        return _run(args, options)
    except (ConfigError, PackError) as exc:
        _err(f"stylecheck: {exc}")
        return EXIT_ERROR
    except BrokenPipeError:
        raise  # main() exits quietly
    except Exception as exc:  # an internal error: one line unless --debug
        if args.debug:
            raise
        _err(f"stylecheck: internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)")
        return EXIT_ERROR


def _run_reporting_config_errors(args, options) -> int:
    """_run, with a broken config or pack reported instead of ending a --watch loop."""
    from .config import ConfigError
    from .packs import PackError

    try:
        return _run(args, options)
    except (ConfigError, PackError) as exc:
        _err(f"stylecheck: {exc}")
        return EXIT_ERROR


def _run(args, options) -> int:
    results = _lint_all(args, options)
    written = True  # False once the reader of stdout went away (`| head`): the run still ends properly
    tally = None
    # standard input fixed: its text goes to stdout (fixed, or as it came), the report to stderr
    piped = args.fix and not args.diff and "-" in args.paths
    if args.fix or args.diff:
        from .fixes import FixTally, fix_results

        tally = FixTally()
        for diff in fix_results(results, args.unsafe_fixes, write=not args.diff, tally=tally):
            written = written and _write(diff)
    if piped:
        written = _write_stdin_result(results, args.stdin_raw)
    code = _apply_baseline(args, results)
    if code is not None:
        return code

    # a file fails when it could not be read, a rule failed on it, or its fix was not written
    failed = [r for r in results if r.error is not None and not r.skipped or r.rule_errors]
    from .filters import MAX_FINDINGS_PER_FILE

    for r in results:
        if r.error is not None:
            _err(f"{r.path}: {r.error_code} {r.error}")
        for e in r.rule_errors:
            _err(f"{r.path}: {e}")
        if len(r.findings) >= MAX_FINDINGS_PER_FILE and not args.quiet:
            _err(f"{r.path}: warning: stopped at {MAX_FINDINGS_PER_FILE:,} findings; the rest of the file was not checked")
    shown = [r for r in results if not r.skipped]
    if written or piped:
        try:
            _report(args, shown, sys.stderr if piped else sys.stdout, tally)
        except BrokenPipeError:
            _silence_stdout()  # errors still win below: a broken pipe never hides them
    if failed:
        _err(f"{len(failed)} file{'s' if len(failed) != 1 else ''} failed")
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(r.fails() for r in shown) else EXIT_CLEAN


def _write(text: str) -> bool:
    """Write to stdout; False (and stdout silenced) when the reader has gone away."""
    try:
        sys.stdout.write(text)
        return True
    except BrokenPipeError:
        _silence_stdout()
        return False


def _write_stdin_result(results, raw: bytes | None) -> bool:
    """Write the fixed standard input to stdout in its own encoding, or the bytes as they came
    when they could not be read: an editor filtering its buffer through us never loses it."""
    fixed = [r.source for r in results if r.source is not None and r.source.path == "-"]
    try:
        sys.stdout.flush()
        if fixed:
            sys.stdout.buffer.write(fixed[0].encode(fixed[0].text))
        else:  # unreadable (binary, over the size limit): pass it through untouched, all of it
            sys.stdout.buffer.write(raw or b"")
            while chunk := sys.stdin.buffer.read(1 << 20):
                sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
        return True
    except BrokenPipeError:
        _silence_stdout()
        return False


def _read_stdin(args, options) -> bytes:
    """stdin, up to the max-file-size that applies to it (and one byte more, to tell it was over)."""
    from .runner import settings_for

    limit = settings_for(args.stdin_filename or "-", options).max_file_size
    return sys.stdin.buffer.read(limit + 1)


def _lint_all(args, options) -> list:
    """A FileResult for every file named or found, in order; warnings marked `skipped`."""
    from .parallel import default_jobs, lint_many
    from .runner import discover, lint_file

    stdin = args.stdin_raw = _read_stdin(args, options) if "-" in args.paths else None
    results = []
    cache = None
    if not args.no_cache:
        from .cache import ResultsCache, default_cache_dir

        cache = ResultsCache(default_cache_dir())
    found = list(discover(args.paths, options))
    files = [p for p, _ in found if p != "-"]
    progress = None
    if len(files) > 1 and not args.quiet and sys.stderr is not None and sys.stderr.isatty():  # only on a terminal
        from .progress import for_run

        progress = for_run(len(files), quiet=args.quiet)
    try:
        by_path = dict(zip(files, lint_many(files, options, args.jobs or default_jobs(), cache, progress)))
    finally:
        if progress is not None:
            progress.close()
    for path, explicit in found:
        if path == "-":
            r = lint_file(path, options, args.stdin_filename or "-", stdin)
        else:
            r = by_path[path]
        if r.error is not None and (not explicit and r.error_code in ("SC-E004", "SC-E903") or r.error_code == "SC-E907"):
            r.skipped = True  # a warning: binary/special files met in a walk, symlinks not followed
        results.append(r)
    return results


def _apply_baseline(args, results) -> int | None:
    """Record the findings in the baseline, or keep only new ones; an exit code when that fails."""
    if args.update_baseline and not args.baseline:
        _err("stylecheck: --update-baseline needs --baseline FILE")
        return EXIT_ERROR
    if not args.baseline:
        return None
    from . import baseline as baseline_mod

    exists = os.path.exists(args.baseline)
    try:
        known = baseline_mod.read(args.baseline) if exists else None
    except (OSError, ValueError) as exc:
        _err(f"{args.baseline}: SC-E010 cannot read baseline: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}")
        return EXIT_ERROR
    if args.update_baseline or not exists:
        try:
            n = baseline_mod.write(args.baseline, results, known)
        except OSError as exc:
            _err(f"{args.baseline}: SC-E011 cannot write baseline: {exc.strerror or exc}")
            return EXIT_ERROR
        if not args.quiet:
            _err(f"stylecheck: recorded {n} finding{'s' if n != 1 else ''} in baseline {args.baseline}")
        for r in results:
            r.findings = []
    else:
        baseline_mod.filter_new(results, known, baseline_mod.root_of(args.baseline))
    return None


def _report(args, shown, out=None, tally=None) -> None:
    """Print the findings (or their statistics) in the chosen format, the summary, and what
    --fix fixed (beside the text report; on stderr beside a machine-readable one)."""
    from .formatters import formatter

    out = sys.stdout if out is None else out
    if args.statistics:
        out.write(_statistics(shown, args.output_format == "json"))
    elif not args.diff:
        out.write(formatter(args.output_format)(shown, _format_options(args, shown, out)))
    human = args.output_format in ("text", "concise") and not args.statistics
    if human and not args.quiet and not args.diff:
        from .formatters.text_format import summary

        out.write(summary(shown))
    if tally is not None and not args.quiet:
        (out if human else sys.stderr).write(tally.line(diff=args.diff) + "\n")
    out.flush()


def _format_options(args, shown, out) -> dict:
    """What the chosen formatter needs beyond the results."""
    fmt = args.output_format
    options: dict = {"colour": fmt in ("text", "concise") and colour_wanted(args.color, out)}
    if fmt == "text":
        from .excerpt import excerpts

        options["excerpts"] = excerpts
    if fmt in ("sarif", "gitlab"):
        from .baseline import fingerprint

        options["fingerprint"] = fingerprint
    if fmt == "sarif":
        from .runner import rules_in_use

        options["rules"] = rules_in_use(shown)
    if fmt == "gitlab":
        options["root"] = os.environ.get("CI_PROJECT_DIR") or os.getcwd()
    return options


def colour_wanted(choice: str, stream) -> bool:
    """--color always/never; auto: not with NO_COLOR set, always with FORCE_COLOR set, else on a terminal."""
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _statistics(shown, as_json: bool) -> str:
    """Findings counted per rule, most first: text rows, or a JSON list (as ruff's)."""
    from collections import Counter

    counts = Counter((f.rule, f.slug) for r in shown for f in r.findings)
    fixable = {f.rule for r in shown for f in r.findings if f.suggestions}
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if as_json:
        import json

        data = [{"code": code, "name": slug, "count": n, "fixable": code in fixable} for (code, slug), n in rows]
        return json.dumps(data, indent=1) + "\n"
    return "".join(f"{n:6d}  {code}  {slug}\n" for (code, slug), n in rows)


if __name__ == "__main__":
    sys.exit(main())
