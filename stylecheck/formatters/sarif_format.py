"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDE viewers).

One run; `tool.driver.rules` describes the rules the results refer to (id = code, name = slug).
Each result carries its span as a 1-based region and, given `options["fingerprint"]` (the CLI
passes baseline.fingerprint: rule, matched text, nearby words), a partial fingerprint, so a
dashboard tracks a finding across line moves. `options["rules"]` are the Rule records the
results came from (the CLI passes those of every Linter of the run); a rule not among them is
described from its findings. Nothing here reads packs, baselines or the disk.
Columns count Unicode code points of the original file (`run.columnKind = "unicodeCodePoints"`),
the same unit as every other stylecheck output. Replacements become SARIF `fixes`; files that could
not be checked and rule failures become `invocations[0].toolExecutionNotifications`, with
`executionSuccessful` false.
"""
from __future__ import annotations

import json
import os
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from ..version import __version__

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A path as a SARIF URI reference: relative paths stay relative (posix, percent-encoded)."""
    if os.path.isabs(path):
        if os.name == "nt":  # pragma: no cover - not exercised on Linux CI
            return PureWindowsPath(path).as_uri()
        return PurePosixPath(path).as_uri()
    parts = path.replace(os.sep, "/")
    if parts.startswith("./"):
        parts = parts[2:]
    return quote(parts, safe="/")


def _level(severity) -> str:
    return _LEVELS[str(severity)]


def _title(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _rule_descriptor(code: str, rule, finding) -> dict:
    if rule is None:  # a rule we have no metadata for: describe it from the finding
        return {
            "id": code, "name": finding.slug,
            "shortDescription": {"text": _title(finding.slug)},
            "defaultConfiguration": {"level": _level(finding.severity)},
            "properties": {"category": finding.category, "tags": [finding.category]},
        }
    d = {
        "id": rule.code, "name": rule.slug,
        "shortDescription": {"text": _title(rule.slug)},
        "fullDescription": {"text": rule.why.strip() or _title(rule.slug)},
        "defaultConfiguration": {"level": _level(rule.severity), "enabled": bool(rule.default)},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }
    help_lines = [rule.why.strip()]
    for ex in rule.examples:
        if ex.bad is not None:
            help_lines.append(f"Bad: {ex.bad}" + (f"\nFixed: {ex.fixed}" if ex.fixed is not None else ""))
        elif ex.good is not None:
            help_lines.append(f"Good: {ex.good}")
    d["help"] = {"text": "\n".join(help_lines)}
    return d


def _region(f) -> dict:
    return {
        "startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
    }


def _result(f, uri: str, rule_index: int, fingerprint: str | None = None) -> dict:
    region = _region(f)
    if f.text:
        region["snippet"] = {"text": f.text}
    res = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _level(f.severity),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "properties": {"category": f.category, "slug": f.slug},
    }
    if fingerprint:
        res["partialFingerprints"] = {"stylecheckContext/v1": fingerprint}
    fixes = f.fixes()  # none when a replacement would change markup (display-only)
    if fixes:
        res["fixes"] = [
            {
                "description": {"text": f"Replace with {s!r}" if s else "Delete"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri},
                    "replacements": [{"deletedRegion": _edit_region(f, start, end), "insertedContent": {"text": new}}
                                     for start, end, new in edits],
                }],
                "properties": {"applicability": f.applicability},
            }
            for s, edits in fixes
        ]
    return res


def _edit_region(f, start: int, end: int) -> dict:
    """The finding's own region for an edit of its whole span; else the edit's characters
    (a fix rewritten to leave the markup inside the span alone)."""
    if (start, end) == (f.start, f.end):
        return _region(f)
    return {"charOffset": start, "charLength": end - start}


def _notification(path: str, text: str, code: str = "") -> dict:
    n = {
        "level": "error",
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}],
    }
    if code:
        n["descriptor"] = {"id": code}
    return n


def format(results, options=None) -> str:
    options = options or {}
    known = {r.code: r for r in options.get("rules") or ()}
    fingerprint = options.get("fingerprint")
    descriptors: list[dict] = []
    index: dict[str, int] = {}
    first = {}
    for r in results:
        for f in r.findings:
            first.setdefault(f.rule, f)
    for code in sorted(first):
        index[code] = len(descriptors)
        descriptors.append(_rule_descriptor(code, known.get(code), first[code]))

    out_results, notes = [], []
    for r in results:
        if r.error is not None:
            notes.append(_notification(r.path, f"{r.error_code} {r.error}".strip(), r.error_code))
            continue
        uri = _uri(r.path)
        out_results.extend(
            _result(f, uri, index[f.rule],
                    fingerprint(r.path, f, r.source.text) if fingerprint and r.source is not None else None)
            for f in r.findings)
        for e in r.rule_errors:
            code = e.split(" ", 1)[0] if e.startswith("SC-E") else ""
            notes.append(_notification(r.path, e, code))

    run = {
        "tool": {"driver": {
            "name": "stylecheck", "version": __version__, "semanticVersion": __version__,
            "rules": descriptors,
        }},
        "invocations": [{"executionSuccessful": not notes, "toolExecutionNotifications": notes}],
        "columnKind": "unicodeCodePoints",
        "results": out_results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"

