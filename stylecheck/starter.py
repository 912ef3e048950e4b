"""`stylecheck init`: write a starter config for a desk, with the house-style preset it chooses.

Writes `.stylecheck.toml` (or, with `--pyproject`, a `[tool.stylecheck]` table appended to
pyproject.toml) holding the preset and the settings a desk usually changes first, each commented.
Asks for the preset on a terminal when `--preset` is not given; elsewhere uses none. Never
overwrites a config without `--force`. The written file is read back through the config loader,
so what it writes always loads.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from .packs import PRESETS

DESCRIPTIONS = {
    "ap": "Associated Press style (US newsrooms)",
    "bbc": "BBC News style guide (UK)",
    "guardian": "Guardian and Observer style guide (UK)",
    "none": "no house-style preset: spelling, names, phrasing and attribution only",
}

TEMPLATE = '''\
# stylecheck configuration (`stylecheck init`). Every key: README.md "Configuration";
# every rule: `stylecheck rules --all`, and `stylecheck explain CODE` for one.
{preset_line:<33}# {description}
fail-on = "warning"              # info | warning | error: the lowest severity that fails a run
# extend-select = ["long-sentence"]   # add rules that are off by default
# ignore = ["CR201"]                  # codes, prefixes, slugs or categories to skip
# accept = ["Szentendre", "Kovacs"]   # names and words your desk knows
include = ["*.txt", "*.md", "*.markdown", "*.html", "*.htm"]   # files a directory walk checks
exclude = []                     # globs a walk skips, e.g. ["archive/**", "drafts"]; .gitignore applies too

# [prefer]                       # the house form of a variant
# "Zelensky" = "Zelenskyy"

# [per-file."archive/**"]        # settings for some files only
# ignore = ["CR301"]
'''


def render(preset: str, table: str | None = None) -> str:
    """The starter config for preset; under `[table]` keys (pyproject), sub-tables nested under it."""
    text = TEMPLATE.format(preset_line=f'preset = "{preset}"', description=DESCRIPTIONS[preset])
    if table is None:
        return text
    text = text.replace("# [prefer]", f"# [{table}.prefer]").replace('# [per-file."archive/**"]', f'# [{table}.per-file."archive/**"]')
    return f"\n[{table}]\n{text}"


def _ask(stream_in, stream_out) -> str:
    choices = (*PRESETS, "none")
    for i, name in enumerate(choices, 1):
        print(f"  {i}. {name:<9} {DESCRIPTIONS[name]}", file=stream_out)
    while True:
        print(f"House-style preset [1-{len(choices)}, default {len(choices)} (none)]: ", end="", file=stream_out, flush=True)
        answer = stream_in.readline()
        if not answer:  # end of input
            return "none"
        answer = answer.strip().lower()
        if not answer:
            return "none"
        if answer in choices:
            return answer
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        print(f"  choose 1-{len(choices)} or a name: {', '.join(choices)}", file=stream_out)


def main(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(prog="stylecheck init", description="Write a starter config (.stylecheck.toml) for a desk.")
    p.add_argument("directory", nargs="?", default=".", help="where to write it (default: here)")
    p.add_argument("--preset", choices=(*PRESETS, "none"), help="house-style preset (asked on a terminal when not given)")
    p.add_argument("--pyproject", action="store_true", help="append [tool.stylecheck] to pyproject.toml instead")
    p.add_argument("--force", action="store_true", help="overwrite an existing .stylecheck.toml")
    args = p.parse_args(argv)
    directory = Path(args.directory)
    if not directory.is_dir():
        print(f"stylecheck: {directory}: no such directory", file=sys.stderr)
        return 2
    preset = args.preset or (_ask(sys.stdin, sys.stderr) if sys.stdin.isatty() else "none")
    if args.pyproject:
        target = directory / "pyproject.toml"
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        if "[tool.stylecheck" in old:
            print(f"stylecheck: {target} already has [tool.stylecheck]; edit it there", file=sys.stderr)
            return 2
        text = old + ("\n" if old and not old.endswith("\n") else "") + render(preset, "tool.stylecheck")
    else:
        target = directory / ".stylecheck.toml"
        if target.exists() and not args.force:
            print(f"stylecheck: {target} exists; pass --force to overwrite it", file=sys.stderr)
            return 2
        text = render(preset)
    from .atomic import write_atomic

    try:
        write_atomic(os.fspath(target), text.encode("utf-8"), shared=True)
    except OSError as exc:  # a directory or a device in its place, a read-only directory
        print(f"stylecheck: {target}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    from .config import ConfigError, load_config

    try:
        load_config(target)
    except ConfigError as exc:  # pragma: no cover - the template is tested; an edited pyproject may not be
        print(f"stylecheck: wrote {target}, but it does not load: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {target} (preset: {preset}). Check your copy with: stylecheck {args.directory}")
    return 0
