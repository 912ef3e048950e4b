"""Checks for the HTTP API and the language server: client config as data, a time budget per check.

Nothing here imports a web framework, so the same code serves the API, the page and the LSP,
and is tested without a socket. Client configuration is data only (select, ignore, preset,
accept, prefer, ...): it can never name a file, a pack or anything that runs code.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from ..config import Settings
from ..findings import Finding, Severity
from ..packs import PRESETS

FORMATS = {"text": "text", "txt": "text", "plain": "text", "markdown": "markdown", "md": "markdown", "html": "html"}
# Client config keys -> Settings fields; "packs" and file paths are deliberately absent.
_LIST_KEYS = {"select": "select", "extend-select": "extend_select", "extend_select": "extend_select", "ignore": "ignore"}
MAX_CONFIG_ITEMS = 2000
MAX_ITEM_LENGTH = 200


class ClientError(ValueError):
    """A request the client must correct (HTTP 400); the message says what is wrong."""


def parse_format(value: Any) -> str:
    """The parser name for a client's `format` (text when absent)."""
    if value is None:
        return "text"
    if not isinstance(value, str) or value.lower() not in FORMATS:
        raise ClientError("format must be one of text, markdown, html")
    return FORMATS[value.lower()]


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
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
    return settings._replace(**kw)


@dataclass
class CheckResult:
    """Findings of one check; `incomplete` when the time budget ran out before every rule ran."""

    findings: list[Finding]
    incomplete: bool = False
    skipped_rules: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Check:
    """One budgeted lint of one text; a worker thread runs it, the caller may take a snapshot.

    Rules run one at a time and the deadline is checked between rules, so a check that runs
    out of time still reports what the finished rules found. If a single rule overruns, the
    caller calls `snapshot()` and answers with the rules finished so far while the worker
    thread finishes in the background (still holding its worker slot, so load stays bounded).
    """

    def __init__(self, linter, text: str, fmt: str, deadline: float):
        # `linter` is a Linter, or a zero-argument callable making one inside the worker thread
        self.linter = linter
        self.text = text
        self.fmt = fmt
        self.deadline = deadline
        self._lock = threading.Lock()
        self._rules: list = []
        self._doc = None
        self._raw: list[Finding] = []
        self._done: list[str] = []
        self._errors: list[str] = []

    def run(self) -> CheckResult:
        from ..parsers import parse
        from ..source import Source

        if callable(self.linter):
            self.linter = self.linter()
        source = Source("<text>", self.text)
        doc = parse(source, self.fmt)
        with self._lock:
            self._rules, self._doc = list(self.linter.rules), doc
        for cr in self._rules:
            if time.monotonic() >= self.deadline:
                break
            try:
                hits = list(cr.kind.check(doc))
            except Exception as exc:  # one rule's failure must not lose the others' findings
                with self._lock:
                    self._errors.append(f"rule {cr.rule.code}: {type(exc).__name__}: {exc}")
                    self._done.append(cr.rule.code)
                continue
            # NOTE(#8): Linter._finding is the engine's one place that turns a Hit into a Finding.
            made = [self.linter._finding(cr, h, source) for h in hits]
            with self._lock:
                self._raw.extend(made)
                self._done.append(cr.rule.code)
        return self.snapshot()

    def snapshot(self) -> CheckResult:
        """The findings of the rules finished so far, filtered exactly as the engine filters them."""
        from ..filters import apply_filters

        with self._lock:
            doc, rules = self._doc, self._rules
            raw, done, errors = list(self._raw), set(self._done), list(self._errors)
        if doc is None:  # still parsing (or compiling rules) when the budget ran out
            return CheckResult([], incomplete=True, errors=errors)
        skipped = [cr.rule.code for cr in rules if cr.rule.code not in done]
        findings = apply_filters(raw, doc, {cr.rule.code: cr.rule for cr in rules})
        return CheckResult(findings, incomplete=bool(skipped), skipped_rules=skipped, errors=errors)


def check_text(text: str, fmt: str, settings: Settings, budget: float | None = None,
               linter_for: Callable | None = None) -> CheckResult:
    """Lint text within budget seconds (None: no limit) in the calling thread."""
    if linter_for is None:
        from ..engine import linter_for
    deadline = time.monotonic() + budget if budget is not None else float("inf")
    return Check(linter_for(settings), text, fmt, deadline).run()


def result_json(result: CheckResult, path: str = "<text>") -> dict[str, Any]:
    """The `--output-format json` document for one text, plus `incomplete` (and what was skipped)."""
    from ..formatters import formatter
    from ..runner import FileResult

    fr = FileResult(path, findings=result.findings, rule_errors=list(result.errors))
    data = json.loads(formatter("json")([fr]))
    data["incomplete"] = result.incomplete
    if result.incomplete:
        data["skipped_rules"] = result.skipped_rules
    return data


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


class BudgetExceeded(Exception):
    """A fix could not be verified within the time budget; nothing was changed."""


@dataclass
class FixOutcome:
    text: str
    applied: int
    remaining: CheckResult
    errors: list[str] = field(default_factory=list)


def fix(text: str, fmt: str, settings: Settings, unsafe: bool = False, only: list[dict[str, Any]] | None = None,
        budget: float | None = None, linter_for: Callable | None = None) -> FixOutcome:
    """Apply replacements (all fixable ones, or just the `only` findings) and re-check the result.

    Uses fixes.fix_text (repeat until stable, undo fixes that create new findings) for "fix all";
    a chosen finding is applied once. A fix is never made from a partial check: when the budget
    runs out first, the text comes back unchanged with `incomplete` set.
    """
    from ..fixes import FixError, apply_edits, fix_text

    if linter_for is None:
        from ..engine import linter_for
    linter = linter_for(settings)
    deadline = time.monotonic() + budget if budget is not None else float("inf")

    def lint(t: str) -> list[Finding]:
        res = Check(linter, t, fmt, deadline).run()
        if res.incomplete:
            raise BudgetExceeded()
        return res.findings

    try:
        if only is not None:
            chosen = [f for f in lint(text) if matches_selector(f, only)]
            new_text, applied = apply_edits(text, chosen, unsafe)
            return FixOutcome(new_text, applied, CheckResult(lint(new_text)))
        try:
            res = fix_text(text, lint, unsafe)
        except FixError as exc:
            return FixOutcome(text, 0, CheckResult(lint(text)), [str(exc)])
        return FixOutcome(res.text, res.applied, CheckResult(res.remaining))
    except BudgetExceeded:
        return FixOutcome(text, 0, CheckResult([], incomplete=True), ["time budget exceeded; no fix applied"])
