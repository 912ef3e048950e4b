"""`--show-files` and `--show-settings`: what a run would check, and with what, without checking it."""
from __future__ import annotations

import json
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
    settings = effective_settings(path, settings_for(path, options), options)
    if args.output_format == "json":
        print(json.dumps(settings, ensure_ascii=False, indent=1))
    else:
        print(settings_text(settings))
    return 0


def effective_settings(path: str, s, options) -> dict:
    """The settings path is checked with, in config spelling, and the rules that run."""
    from .engine import linter_for
    from .parsers import format_for

    linter = linter_for(s)
    return {
        "path": path, "config-file": s.origin or None, "input-format": options.format_in or format_for(path),
        "select": list(s.select) if s.select is not None else None, "extend-select": list(s.extend_select),
        "ignore": list(s.ignore), "severity": dict(s.severity), "fail-on": str(s.fail_on),
        "preset": s.preset or "none", "packs": list(s.packs), "accept": sorted(s.accept), "prefer": dict(s.prefer),
        "include": list(s.include), "exclude": list(s.exclude), "per-file": [g for g, _ in s.per_file],
        "max-file-size": s.max_file_size, "respect-gitignore": options.respect_gitignore,
        "force-exclude": options.force_exclude, "rules": {key: dict(opts) for key, opts in s.rule_options},
        "root": s.root or None,
        "enabled": [{"code": cr.rule.code, "slug": cr.rule.slug, "severity": str(cr.severity)} for cr in linter.rules],
    }


def _toml(value) -> str:
    if value is None:
        return "(default)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (str, Severity)):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml(k) if ' ' in str(k) else k} = {_toml(v)}" for k, v in value.items()) + "}"
    return str(value)


def settings_text(d: dict) -> str:
    """effective_settings as `key = value` lines, the rules that run as comments."""
    lines = [f"# Settings for {d['path']}",
             f"config-file = {_toml(d['config-file']) if d['config-file'] else '(none: defaults)'}"]
    for key in ("input-format", "select", "extend-select", "ignore", "severity", "fail-on", "preset", "packs",
                "accept", "prefer", "include", "exclude", "per-file", "max-file-size"):
        lines.append(f"{key} = {_toml(d[key])}")
    lines.append(f"respect-gitignore = {_toml(d['respect-gitignore'])}  # --no-respect-gitignore")
    lines.append(f"force-exclude = {_toml(d['force-exclude'])}  # --force-exclude")
    lines += [f"rules.{key} = {_toml(opts)}" for key, opts in d["rules"].items()]
    lines.append(f"# {len(d['enabled'])} rules run:")
    lines += [f"#   {r['code']} {r['slug']} ({r['severity']})" for r in d["enabled"]]
    if d["root"]:
        lines.append(f"# paths in exclude and per-file are relative to {d['root']}{os.sep}")
    return "\n".join(lines)
