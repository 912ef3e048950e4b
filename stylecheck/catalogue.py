"""`stylecheck rules` and `stylecheck explain`: the rules a project can run, its own packs included.

The packs are the ones the project's config names (found from the working directory upward, or
`--config FILE`), after the bundled ones. "fixable" comes from the rule's own examples: a rule
whose bad examples show the `fixed` text offers replacements (tests/test_rule_examples.py checks
the fixed text, and that every rule that suggests shows one); `safe` ones are applied by
`--fix`, `unsafe` ones only with `--unsafe-fixes`.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Sequence

from .packs import Rule, builtin_rules, load_rules


def fixable(rule: Rule) -> str:
    """"safe", "unsafe" (applied only with --unsafe-fixes) or "" for a rule that offers no replacement."""
    if not any(e.fixed is not None for e in rule.examples):
        return ""
    return rule.applicability


def state(rule: Rule) -> str:
    if rule.presets:
        return f"preset {','.join(rule.presets)}"
    return "on" if rule.default else "off"


def project_rules(config: str | None = None) -> list[Rule]:
    """The bundled rules, then those of the packs the project's config names (PackError, ConfigError raise)."""
    from .config import find_config, settings_for_config

    path = config or find_config(os.getcwd())
    settings = settings_for_config(str(path) if path else None)
    rules = list(builtin_rules())
    if settings.packs:
        rules += load_rules([os.fspath(p) for p in settings.packs])
    return rules


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description=description)
    p.add_argument("--config", help="use this config file (and its packs) instead of discovering one")
    p.add_argument("--output-format", choices=("text", "json"), default="text")
    return p


def _as_dict(r: Rule) -> dict:
    return {"code": r.code, "slug": r.slug, "category": r.category, "severity": str(r.severity),
            "fixable": fixable(r) or None, "state": state(r), "default": r.default, "presets": list(r.presets),
            "pack": None if r.bundled else r.pack, "message": r.message, "why": r.why.strip()}


def cmd_rules(argv: Sequence[str]) -> int:
    p = _parser("stylecheck rules", "List the rules with code, slug, category, severity, fixable and state; "
                "the project's own packs (from its config) after the bundled ones.")
    p.add_argument("--all", action="store_true", help="include rules that are off by default")
    args = p.parse_args(argv)
    from .config import ConfigError

    try:
        rules = [r for r in project_rules(args.config) if r.default or args.all or r.presets]
    except ConfigError as exc:
        print(f"stylecheck: {exc}", file=sys.stderr)
        return 2
    if args.output_format == "json":
        print(json.dumps([_as_dict(r) for r in rules], ensure_ascii=False, indent=1))
        return 0
    print(f"{'CODE':<6} {'SLUG':<36} {'CATEGORY':<12} {'SEVERITY':<8} {'FIXABLE':<7} STATE")
    for r in rules:
        pack = "" if r.bundled else f"  ({os.path.basename(r.pack)})"
        print(f"{r.code:<6} {r.slug:<36} {r.category:<12} {str(r.severity):<8} {fixable(r) or '-':<7} {state(r)}{pack}")
    return 0


def cmd_explain(argv: Sequence[str]) -> int:
    p = _parser("stylecheck explain", "Explain a rule (code or slug, any case): why, and examples.")
    p.add_argument("rule", help="code or slug")
    args = p.parse_args(argv)
    from .config import ConfigError

    try:
        rules = project_rules(args.config)
    except ConfigError as exc:
        print(f"stylecheck: {exc}", file=sys.stderr)
        return 2
    wanted = args.rule.strip().lower()
    rule = next((r for r in rules if wanted in (r.code.lower(), r.slug)), None)
    if rule is None:
        from .formatters import escape_controls

        print(escape_controls(f"stylecheck: unknown rule {args.rule!r}; see `stylecheck rules --all`"), file=sys.stderr)
        return 2
    if args.output_format == "json":
        examples = [dict(zip(("bad", "good", "fixed"), e)) for e in rule.examples]
        print(json.dumps({**_as_dict(rule), "examples": examples}, ensure_ascii=False, indent=1))
        return 0
    _print_explanation(rule)
    return 0


def _print_explanation(r: Rule) -> None:
    print(f"{r.code} {r.slug} ({r.category}, {r.severity}{', off by default' if not r.default else ''})")
    if r.presets:
        print(f"Presets: {', '.join(r.presets)}")
    fix = fixable(r)
    print("Fixable: " + {"safe": "yes (--fix)", "unsafe": "with --unsafe-fixes", "": "no"}[fix])
    if not r.bundled:
        print(f"Pack: {r.pack}")
    print(f"\n{r.why}\n")
    if r.source:
        print(f"Source: {r.source}\n")
    for ex in r.examples:
        if ex.bad is not None:
            print(f"  bad:   {ex.bad}")
            if ex.fixed is not None:
                print(f"  fixed: {ex.fixed}")
        else:
            print(f"  good:  {ex.good}")
