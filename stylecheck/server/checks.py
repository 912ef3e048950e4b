"""Checks for the HTTP API: client config as data, a time budget per check, the API's JSON.

Nothing here imports a web framework, so the same code serves the API and the page and is
tested without a socket. The lint loop is `Linter.run` and fixes are `fixes.fix_source`; this
module only adapts them to requests. Client configuration is data only (select, ignore, preset,
accept, prefer, ...): it can never name a file, a pack or anything that runs code.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from ..config import Settings
from ..engine import Progress, RunResult
from ..findings import Finding, Severity
from ..fixes import FixError, FixIncomplete, fix_source
from ..packs import PRESETS
from ..source import Source

FORMATS = {"text": "text", "txt": "text", "plain": "text", "markdown": "markdown", "md": "markdown", "html": "html"}
# Client config keys -> Settings fields; "packs" and file paths are deliberately absent.
_LIST_KEYS = {"select": "select", "extend-select": "extend_select", "extend_select": "extend_select", "ignore": "ignore"}
MAX_CONFIG_ITEMS = 2000
MAX_ITEM_LENGTH = 200


class ClientError(ValueError):
    """A request the client must correct (HTTP 400); the message says what is wrong."""


def parse_format(value: Any = "text") -> str:
    """The parser name for a client's `format` (text when absent; null is a mistake, not a default)."""
    if not isinstance(value, str) or value.lower() not in FORMATS:
        raise ClientError("format must be one of text, markdown, html")
    return FORMATS[value.lower()]


def _strings(key: str, value: Any) -> tuple[str, ...]:
    # a string is refused, not split: "CR101" and ["CR101"] must not both be guessed at
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ClientError(f"config.{key} must be a list of strings")
    if len(value) > MAX_CONFIG_ITEMS or any(len(v) > MAX_ITEM_LENGTH for v in value):
        raise ClientError(f"config.{key} is too long")
    return tuple(value)


def settings_from(config: Any, base: Settings | None = None) -> Settings:
    """Settings from a client's config object; unknown keys (packs included) are refused."""
    settings = base or Settings()
    if config is None:
        return settings
    if not isinstance(config, dict):
        raise ClientError("config must be an object")
    kw: dict[str, Any] = {}
    for key, value in config.items():
        if key in _LIST_KEYS:
            kw[_LIST_KEYS[key]] = _strings(key, value)
        elif key == "preset":
            if value not in (*PRESETS, "none", None):
                raise ClientError(f"config.preset must be one of {', '.join(PRESETS)} or none")
            kw["preset"] = None if value in ("none", None) else value
        elif key == "accept":
            kw["accept"] = settings.accept | frozenset(_strings(key, value))
        elif key == "prefer":
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise ClientError("config.prefer must map variant strings to preferred strings")
            if len(value) > MAX_CONFIG_ITEMS:
                raise ClientError("config.prefer is too long")
            kw["prefer"] = settings.prefer + tuple(sorted(value.items()))
        elif key == "severity":
            if not isinstance(value, dict) or not all(
                    isinstance(k, str) and v in ("info", "warning", "error", "off") for k, v in value.items()):
                raise ClientError("config.severity must map rule selectors to info, warning, error or off")
            kw["severity"] = settings.severity + tuple(value.items())
        elif key == "packs":
            raise ClientError("config.packs is not accepted over the API: rule packs are configured on the server")
        else:
            raise ClientError(f"unknown config key {key!r}; allowed: select, extend-select, ignore, preset, accept, prefer, severity")
    _check_selection(kw, config, settings)
    return settings._replace(**kw)


_KEYS = {"select": "config.select", "extend-select": "config.extend-select", "ignore": "config.ignore",
         "severity": "config.severity"}


def _check_selection(kw: dict[str, Any], config: dict[str, Any], base: Settings) -> None:
    """The client's selectors must each select a rule, as on the command line (400 otherwise)."""
    from ..config import ConfigError
    from ..packs import PackError, available_rules
    from ..selection import SelectionError, validate

    client = Settings(select=kw.get("select"), extend_select=kw.get("extend_select", ()), ignore=kw.get("ignore", ()),
                      severity=tuple(config["severity"].items()) if "severity" in config else ())
    try:
        validate(client, available_rules(base.packs), _KEYS)
    except SelectionError as exc:
        raise ClientError(str(exc)) from None
    except (ConfigError, PackError) as exc:  # the server's own packs: not the client's mistake
        raise RuntimeError(str(exc)) from None


def start_check(linter_for: Callable[[Settings], Any], settings: Settings, text: str, fmt: str,
                deadline: float) -> tuple[Callable[[], RunResult], Callable[[], RunResult]]:
    """(work, snapshot) for one budgeted check: `work` compiles the rules and runs Linter.run in
    the calling (worker) thread; `snapshot`, from any thread, gives what the finished rules found
    so far, so the server can answer at the deadline while an overrunning rule finishes."""
    progress = Progress()

    def work() -> RunResult:
        return linter_for(settings).run(Source("<text>", text), fmt, deadline=deadline, progress=progress)

    return work, progress.snapshot


def result_json(result: RunResult, path: str = "<text>", planned: tuple[str, ...] = ()) -> dict[str, Any]:
    """The `--output-format json` document for one text, plus how much of it was checked.

    `status` is "complete"; "partial" (some rules did not check the whole text: `skipped_rules`
    names them); or "not_checked" (no rule did: the answer says nothing about the text, and an
    empty list of findings must not read as "clean"). `incomplete` is true unless complete.
    `planned` are the rules the check would run, named as skipped when it never started.
    """
    from ..formatters import formatter
    from ..runner import FileResult

    fr = FileResult(path, findings=result.findings, rule_errors=list(result.errors))
    data = json.loads(formatter("json")([fr]))
    data["incomplete"] = not result.complete
    data["status"] = "complete"
    if not result.complete:
        skipped = list(result.skipped) or list(planned)
        ran = [cr.rule.code for cr in result.linter.rules] if result.linter is not None else list(planned)
        none_ran = not result.findings and set(ran) <= set(skipped)
        data["status"] = "not_checked" if none_ran else "partial"
        data["skipped_rules"] = skipped
    return data


def planned_rules(settings: Settings) -> tuple[str, ...]:
    """The codes of the rules these settings run, without compiling them (a check that never
    started still names what it skipped)."""
    from ..packs import available_rules
    from ..selection import enabled, severity_for

    try:
        rules = available_rules(settings.packs)
    except Exception:  # the server's own packs: a real check reports the problem
        return ()
    return tuple(r.code for r in rules if enabled(r, settings) and severity_for(r, settings) != "off")


def matches_selector(f: Finding, selectors: list[dict[str, Any]]) -> bool:
    """True when a finding is one of the client's {rule, line, column} selectors."""
    return any(s.get("rule") == f.rule and s.get("line") == f.line and s.get("column") == f.column for s in selectors)


def parse_only(value: Any) -> list[dict[str, Any]] | None:
    """Validate /v1/fix's `only`: a list of {rule, line, column} naming findings to fix."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_CONFIG_ITEMS:
        raise ClientError("only must be a list of {rule, line, column} objects")
    for s in value:
        if not (isinstance(s, dict) and isinstance(s.get("rule"), str)
                and isinstance(s.get("line"), int) and isinstance(s.get("column"), int)):
            raise ClientError("only must be a list of {rule, line, column} objects")
    return value


def rules_json(settings: Settings | None = None) -> dict[str, Any]:
    """Every built-in rule with its why and examples, and whether the given settings enable it."""
    from ..packs import builtin_rules
    from ..selection import enabled

    settings = settings or Settings()
    rules = []
    for r in builtin_rules():
        rules.append({
            "rule": r.code, "slug": r.slug, "category": r.category, "severity": str(r.severity),
            "kind": r.kind, "default": r.default, "presets": list(r.presets), "enabled": enabled(r, settings),
            "applicability": r.applicability, "message": r.message, "why": r.why, "source": r.source,
            "examples": [{k: v for k, v in (("bad", e.bad), ("fixed", e.fixed), ("good", e.good)) if v is not None}
                         for e in r.examples],
        })
    from ..findings import CATEGORIES

    return {"version": 1, "presets": ["none", *PRESETS], "categories": list(CATEGORIES),
            "severities": [s.name for s in Severity], "rules": rules}


@dataclass
class FixOutcome:
    text: str
    applied: int
    remaining: RunResult
    errors: list[str] = field(default_factory=list)


OVERRUN = "time budget exceeded; no fix applied"


def fix(text: str, fmt: str, settings: Settings, unsafe: bool = False, only: list[dict[str, Any]] | None = None,
        budget: float | None = None, linter_for: Callable | None = None) -> FixOutcome:
    """Apply replacements (all fixable ones, or just the `only` findings) and re-check the result.

    fixes.fix_source makes the fix, as for `stylecheck --fix`: "fix all" repeats until stable and
    undoes fixes that create new findings; chosen findings are applied once. A fix is never made
    from a partial check: when the budget runs out first, the text comes back unchanged with
    `incomplete` set.
    """
    if linter_for is None:
        from ..engine import linter_for
    linter = linter_for(settings)
    deadline = time.monotonic() + budget if budget is not None else None
    source = Source("<text>", text)
    select = None if only is None else (lambda f: matches_selector(f, only))
    try:
        fixed = fix_source(linter, source, fmt, unsafe=unsafe, select=select, deadline=deadline)
    except FixIncomplete:
        return FixOutcome(text, 0, RunResult([], complete=False), [OVERRUN])
    except FixError as exc:
        remaining = linter.run(source, fmt, deadline=deadline)
        return FixOutcome(text, 0, remaining, [str(exc)])
    return FixOutcome(fixed.text, fixed.applied, RunResult(fixed.remaining))
