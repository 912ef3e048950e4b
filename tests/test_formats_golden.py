"""The same article as .txt, .md and .html gives the same findings at the right source positions.

Golden files: tests/golden/flood-report.<ext>.json record, per format, every finding of the
rules enabled when the file was written. Regenerate them after an intended change with

    STYLECHECK_UPDATE_GOLDEN=1 python3 -m pytest tests/test_formats_golden.py

and review the diff. Each golden lists the rule codes it covers; findings of rules added later
are left out of the comparison (the cross-format test below still covers them), so new rule
packs do not break the goldens, while a changed result of a recorded rule does.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.parsers import format_for
from stylecheck.source import Source

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
EXTS = ("txt", "md", "html")
UPDATE = os.environ.get("STYLECHECK_UPDATE_GOLDEN") == "1"


def _lint(ext: str, settings: Settings | None = None):
    path = EXAMPLES / f"flood-report.{ext}"
    source = Source(str(path), path.read_bytes().decode("utf-8"))
    linter = Linter(settings or Settings())
    return source, linter, linter.run(source, format_for(str(path))).findings_or_raise()


def _record(f) -> dict:
    return {"rule": f.rule, "text": f.text, "line": f.line, "column": f.column,
            "end_line": f.end_line, "end_column": f.end_column, "suggestions": list(f.suggestions)}


@pytest.mark.parametrize("ext", EXTS)
def test_golden(ext):
    source, linter, findings = _lint(ext)
    for f in findings:  # every finding's position holds exactly its text
        assert source.text[f.start:f.end] == f.text
        assert source.lines.position(f.start) == (f.line, f.column)
    golden = GOLDEN / f"flood-report.{ext}.json"
    if UPDATE or not golden.exists():
        if not UPDATE:
            pytest.fail(f"{golden} missing; run with STYLECHECK_UPDATE_GOLDEN=1 to create it")
        rules = sorted(cr.rule.code for cr in linter.rules)
        data = {"rules": rules, "findings": [_record(f) for f in findings]}
        golden.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    data = json.loads(golden.read_text(encoding="utf-8"))
    covered = set(data["rules"])
    assert [_record(f) for f in findings if f.rule in covered] == data["findings"]


def test_same_findings_in_every_format():
    found = {ext: sorted((f.rule, f.text) for f in _lint(ext)[2]) for ext in EXTS}
    assert found["txt"], "the example article should have findings"
    assert found["md"] == found["txt"]
    assert found["html"] == found["txt"]


# Rule-independent: only CR101 (doubled word), with exact editor positions in each format. The
# code sample in the .md and the script in the .html also contain "the the" and must stay silent.
EXPECTED_CR101 = {"txt": (11, 40, 47), "md": (16, 40, 47), "html": (15, 43, 50)}


@pytest.mark.parametrize("ext", EXTS)
def test_doubled_word_position_in_every_format(ext):
    source, _, findings = _lint(ext, Settings(select=("CR101",)))
    assert [(f.line, f.column, f.end_column, f.text) for f in findings] == [(*EXPECTED_CR101[ext], "the the")]
    line = source.text.splitlines()[findings[0].line - 1]
    assert line[findings[0].column - 1:findings[0].end_column - 1] == "the the"
