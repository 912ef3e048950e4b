"""`--show-files` and `--show-settings`: what a run would check, and with what, without checking it."""
from __future__ import annotations

import os
import sys

from .findings import Severity


def show(args, options) -> int:
    """Print the files (or the first file's settings) and return the exit code."""
    from .runner import discover, settings_for

    found = [p for p, _ in discover(args.paths, options)]
    if args.show_files:
        for path in found:
            print(path)
        if not args.show_settings:
            return 0
    if not found:
        print("stylecheck: no files to check", file=sys.stderr)
        return 2
    path = found[0] if found[0] != "-" else (args.stdin_filename or "-")
    print(settings_text(path, settings_for(path, options), options))
    return 0


def settings_text(path: str, s, options) -> str:
    """The effective settings for path, as `key = value` lines in config spelling, and the rules that run."""
    from .engine import linter_for
    from .parsers import format_for

    def fmt(value) -> str:
        if isinstance(value, frozenset):
            value = sorted(value)
        if isinstance(value, (tuple, list)):
            return "[" + ", ".join(fmt(v) for v in value) + "]"
        if isinstance(value, (str, Severity)):
            return f'"{value}"'
        if value is None:
            return "(default)"
        return str(value).lower() if isinstance(value, bool) else str(value)

    linter = linter_for(s)
    lines = [
        f"# Settings for {path}",
        f"config-file = {fmt(s.origin or None) if s.origin else '(none: defaults)'}",
        f"input-format = {fmt(options.format_in or format_for(path))}",
        f"select = {fmt(s.select)}",
        f"extend-select = {fmt(s.extend_select)}",
        f"ignore = {fmt(s.ignore)}",
        f"severity = {{{', '.join(f'{k} = {fmt(v)}' for k, v in s.severity)}}}",
        f"fail-on = {fmt(s.fail_on)}",
        f"preset = {fmt(s.preset or 'none')}",
        f"packs = {fmt(s.packs)}",
        f"accept = {fmt(s.accept)}",
        f"prefer = {{{', '.join(f'{fmt(k)} = {fmt(v)}' for k, v in s.prefer)}}}",
        f"include = {fmt(s.include)}",
        f"exclude = {fmt(s.exclude)}",
        f"per-file = {fmt([g for g, _ in s.per_file])}",
        f"max-file-size = {s.max_file_size}",
        f"respect-gitignore = {fmt(options.respect_gitignore)}  # --no-respect-gitignore",
        f"force-exclude = {fmt(options.force_exclude)}  # --force-exclude",
    ]
    for key, opts in s.rule_options:
        lines.append(f"rules.{key} = {{{', '.join(f'{k} = {fmt(v)}' for k, v in opts)}}}")
    lines.append(f"# {len(linter.rules)} rules run:")
    lines += [f"#   {cr.rule.code} {cr.rule.slug} ({cr.severity})" for cr in linter.rules]
    if s.root:
        lines.append(f"# paths in exclude and per-file are relative to {s.root}{os.sep}")
    return "\n".join(lines)
