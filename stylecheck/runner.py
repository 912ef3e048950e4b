"""Lint files: discover paths, read them safely, pick their settings, run the linter."""
from __future__ import annotations

import fnmatch
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple

from .config import Overrides, Settings, find_config, settings_for_config
from .engine import linter_for
from .findings import Finding, Severity
from .parsers import format_for
from .source import InputError, Source, decode


class FileResult:
    """Findings for one file, or the one-line reason it could not be checked.

    `settings` and `format` are what the file was (or would have been) checked with, so
    reports, exit codes and fixes use them instead of working them out again.
    """

    __slots__ = ("path", "findings", "error", "error_code", "source", "rule_errors", "skipped", "settings", "format")

    def __init__(self, path: str, findings: list[Finding] | None = None, error: str | None = None,
                 error_code: str = "", source: Source | None = None, rule_errors: list[str] | None = None,
                 skipped: bool = False, settings: Settings | None = None, format: str = "text"):
        self.path, self.error, self.error_code, self.source = path, error, error_code, source
        self.findings: list[Finding] = [] if findings is None else findings
        self.rule_errors: list[str] = [] if rule_errors is None else rule_errors
        self.skipped = skipped  # a warning, not an error (e.g. a binary file met in a directory walk)
        self.settings, self.format = settings, format

    def fails(self) -> bool:
        """True when a finding is at or above the file's fail-on severity."""
        fail_on = self.settings.fail_on if self.settings is not None else Severity.warning
        return any(f.severity >= fail_on for f in self.findings)

    def __repr__(self) -> str:
        return f"FileResult({self.path!r}, {len(self.findings)} findings, error={self.error!r})"


class RunOptions(NamedTuple):
    """What the command line adds on top of the config files."""

    config: str | None = None  # explicit config file; None: discover per file
    overrides: Overrides | None = None
    format_in: str | None = None
    encoding: str | None = None
    follow_symlinks: bool = False
    max_file_size: int | None = None
    respect_gitignore: bool = True  # directory walks skip what .gitignore and .ignore files ignore
    force_exclude: bool = False  # the config's `exclude` applies to files named explicitly too


def settings_for(path: str, options: RunOptions) -> Settings:
    """Discovered (or explicit) config for path, with command-line overrides applied."""
    cfg = options.config or find_config(str(Path(path).parent if path != "-" else Path.cwd()))
    settings = settings_for_config(str(cfg) if cfg else None)
    if path != "-":
        settings = settings.for_path(path)
    if options.overrides:
        _check_overrides(options.overrides, settings.packs)
        settings = options.overrides.apply(settings)
    if options.max_file_size:
        settings = settings._replace(max_file_size=options.max_file_size)
    return settings


FLAGS = {"select": "--select", "extend-select": "--extend-select", "ignore": "--ignore"}


@lru_cache(maxsize=64)
def _check_overrides(overrides: Overrides, packs: tuple[str, ...]) -> None:
    """The command line's selectors must each select a rule (ConfigError naming the flag)."""
    if overrides.select is None and not overrides.extend_select and not overrides.ignore:
        return
    from .packs import available_rules
    from .selection import validate

    validate(Settings(select=overrides.select, extend_select=overrides.extend_select, ignore=overrides.ignore),
             available_rules(packs), FLAGS)


def discover(paths: list[str], options: RunOptions, settings: Settings | None = None) -> Iterator[tuple[str, bool]]:
    """(path, explicit) for each file to lint; walks directories without following symlinked dirs.

    A walk skips hidden entries, the config's `exclude` globs, and (unless
    `respect_gitignore` is off) what .gitignore and .ignore files ignore (ignores.py); it keeps
    files matching `include`. A file named explicitly is always checked, unless `force_exclude`
    is on and the config's `exclude` matches it or a directory it lies in.
    A file reached twice (`d.txt ./d.txt $PWD/d.txt`, a directory and a file in it, a hard
    link) is yielded once, under the first name: it is checked, reported and fixed once.
    """
    files: set[tuple[int, int]] = set()
    for p, explicit in _discover(paths, options, settings):
        if p != "-":
            try:
                st = os.stat(p) if options.follow_symlinks or not os.path.islink(p) else None
            except OSError:
                st = None  # reported when read
            if st is not None and stat.S_ISREG(st.st_mode):
                if (st.st_dev, st.st_ino) in files:
                    continue
                files.add((st.st_dev, st.st_ino))
        yield p, explicit


def _discover(paths: list[str], options: RunOptions, settings: Settings | None) -> Iterator[tuple[str, bool]]:
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            if p == "-" or not (options.force_exclude and excluded(p, settings or settings_for(p, options))):
                yield p, True
            continue
        s = settings or settings_for(os.path.join(p, "x"), options)
        if options.force_exclude and excluded(p, s):
            continue
        yield from _walk(p, s, options)


def _walk(p: str, s: Settings, options: RunOptions) -> Iterator[tuple[str, bool]]:
    ignores = None
    if options.respect_gitignore:
        from .ignores import IgnoreRules

        ignores = IgnoreRules(p)
    stack = [p]
    seen: set[tuple[int, int]] = set()
    while stack:
        d = stack.pop()
        try:
            st = os.stat(d)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for e in entries:
            rel = os.path.relpath(e.path, p)
            if e.name.startswith(".") or any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(e.name, g) for g in s.exclude):
                continue
            try:
                if e.is_dir(follow_symlinks=options.follow_symlinks):
                    if ignores is None or not ignores.ignored(e.path, True):
                        subdirs.append(e.path)
                elif e.is_file(follow_symlinks=options.follow_symlinks) and any(fnmatch.fnmatch(e.name, g) for g in s.include):
                    if ignores is None or not ignores.ignored(e.path, False):
                        yield e.path, False
            except OSError:
                continue
        stack.extend(reversed(subdirs))


def excluded(path: str, settings: Settings) -> bool:
    """True when an `exclude` glob matches path or a directory it lies in (relative to the config's
    directory when it lies inside it, else as given), or the name of either."""
    if not settings.exclude:
        return False
    rel = path
    if settings.root:
        absolute = os.path.abspath(path)
        if absolute.startswith(settings.root.rstrip(os.sep) + os.sep):
            rel = os.path.relpath(absolute, settings.root)
    parts = [q for q in rel.replace(os.sep, "/").split("/") if q not in ("", ".")]
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatch(prefix, g) or fnmatch.fnmatch(prefix.rsplit("/", 1)[-1], g)
               for prefix in prefixes for g in settings.exclude)


def read_path(path: str, settings: Settings, options: RunOptions, stdin: bytes | None = None) -> Source:
    """Bytes of a regular file (or stdin) decoded to a Source; InputError on anything else."""
    if path == "-":
        if stdin is not None and len(stdin) > settings.max_file_size:
            raise InputError(f"stdin is over max-file-size {settings.max_file_size}; skipped", "SC-E905")
        return decode(stdin or b"", "-", options.encoding)
    if not options.follow_symlinks and os.path.islink(path):
        raise InputError("symbolic link, skipped (pass --follow-symlinks to check it)", "SC-E907")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file or directory", "SC-E902") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), "SC-E902") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory", "SC-E902")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file, skipped", "SC-E903")
    if st.st_size > settings.max_file_size:
        raise InputError(f"file is {st.st_size} bytes, over max-file-size {settings.max_file_size}; skipped", "SC-E905")
    try:
        with open(path, "rb") as fh:
            data = fh.read(settings.max_file_size + 1)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), "SC-E902") from None
    return decode(data, path, options.encoding)


def lint_file(path: str, options: RunOptions, display: str | None = None, stdin: bytes | None = None,
              cache=None, only_cached: bool = False) -> FileResult | None:
    """Lint one path; never raises for bad input, returning the reason instead.

    With a ResultsCache, an unchanged file under unchanged settings is answered from it;
    `only_cached` returns None instead of linting when the cache has no answer.
    """
    display = display or path
    result = FileResult(display)
    settings = result.settings = settings_for(path if path != "-" else display, options)
    fmt = result.format = options.format_in or format_for(display)
    try:
        source = read_path(path, settings, options, stdin)
    except InputError as exc:
        result.error, result.error_code = exc.reason, exc.code
        return result
    result.source = source
    key = None
    if cache is not None:
        from .cache import settings_fingerprint

        key = cache.key(source.text.encode("utf-8", "surrogatepass"), settings_fingerprint(settings, (fmt, source.encoding)))
        hit = cache.get(key)
        if hit is not None:
            result.findings, result.rule_errors = hit
            return result
    if only_cached:
        return None
    linter = linter_for(settings)  # a bad config or pack raises: the CLI reports it once, for the run
    try:
        run = linter.run(source, fmt)
    except Exception as exc:  # a parser bug on odd input fails this file only; the run goes on (#7)
        result.error = f"could not be checked: internal error {type(exc).__name__}: {exc}"
        result.error_code = "SC-E908"
        return result
    result.findings, result.rule_errors = run.findings, run.errors
    if key is not None:
        cache.put(key, result.findings, result.rule_errors)
    return result


def rules_in_use(results: list[FileResult]) -> list:
    """The rules of every Linter these results were checked with (custom packs included), for SARIF."""
    rules: dict = {}
    for settings in dict.fromkeys(r.settings for r in results if r.settings is not None):
        try:
            linter = linter_for(settings)
        except Exception:  # the file's config failed; its error is reported elsewhere
            continue
        for cr in linter.rules:
            rules.setdefault(cr.rule.code, cr.rule)
    return list(rules.values())
