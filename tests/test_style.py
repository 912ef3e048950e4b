"""Typography and house-style presets (ST1xx/ST2xx): presets switch rules, quiet cases stay quiet,
and a golden news article per preset pins the whole result.

Regenerate the goldens after an intended change with

    STYLECHECK_UPDATE_GOLDEN=1 python3 -m pytest tests/test_style.py

and review the diff.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.packs import PackError, builtin_rules
from stylecheck.source import Source

from conftest import lint

GOLDEN = Path(__file__).resolve().parent / "golden" / "presets"
UPDATE = os.environ.get("STYLECHECK_UPDATE_GOLDEN") == "1"
PRESETS = ("none", "ap", "bbc", "guardian")


def _codes(text, **settings):
    return sorted({f.rule for f in lint(text, **settings) if f.category in ("phrasing", "style")})


def test_every_preset_rule_cites_its_convention():
    for rule in builtin_rules():
        if rule.code.startswith("ST") and rule.presets:
            assert any(p.upper() in rule.why or p.capitalize() in rule.why for p in rule.presets), rule.code


def test_preset_rules_run_only_under_their_preset():
    text = "Police arrested 3 men and the US envoy arrived at 7am.\n"
    assert not {"ST201", "ST204", "ST207"} & set(_codes(text))
    assert {"ST201", "ST204", "ST207"} <= set(_codes(text, preset="ap"))
    assert "ST204" not in _codes(text, preset="bbc")


def test_bbc_drops_the_middle_initial_stop():
    text = "Yesterday George W Bush met Lloyd J. Austin in Texas.\n"
    assert "ST101" in _codes(text)
    bbc = lint(text, preset="bbc")
    assert not [f for f in bbc if f.rule == "ST101"]
    assert [f.suggestions[0] for f in bbc if f.rule == "ST104"] == ["Lloyd J Austin"]


def test_a_preset_rule_can_be_selected_without_its_preset():
    assert [f.rule for f in lint("Turnout was 48 percent.", select=("ST202",))] == ["ST202"]


@pytest.mark.parametrize("text", [
    "Kick-off is at 10 : 30 on Saturday.",
    "Visit example .com for details.",
    "He paused . . . and went on.",
    "The rate fell to .5 points.",
])
def test_space_before_punctuation_quiet_cases(text):
    assert lint(text, select=("ST102",)) == []


def test_mixed_quotes_one_finding_per_paragraph():
    text = "“One,” she said. “Two.”\n\n“Three,” he said. \"Four\" and \"five\".\n"
    found = lint(text, select=("ST103",))
    assert len(found) == 1 and found[0].text == '"' and found[0].suggestions == ("\u201c",)


def test_replacement_template_is_checked_at_load(tmp_path):
    pack = tmp_path / "house.toml"
    pack.write_text(
        "[[rule]]\ncode = \"HS101\"\nslug = \"house\"\nkind = \"replace\"\ncategory = \"style\"\n"
        "severity = \"info\"\nmessage = \"m\"\nwhy = \"w\"\npattern = '(a)b'\nreplace = '\\g<2>'\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="missing group"):
        Linter(Settings(packs=(str(pack),)))


def _record(f):
    return {"rule": f.rule, "text": f.text, "line": f.line, "column": f.column, "suggestions": list(f.suggestions)}


@pytest.mark.parametrize("preset", PRESETS)
def test_golden_article_per_preset(preset):
    path = GOLDEN / f"{preset}.txt"
    source = Source(str(path), path.read_text(encoding="utf-8"))
    settings = Settings(preset=None if preset == "none" else preset)
    linter = Linter(settings)
    found = [f for f in linter.run(source, "text").findings_or_raise() if f.category in ("phrasing", "style") and f.rule[:2] in ("PH", "ST", "CR", "PL")]
    for f in found:
        assert source.text[f.start:f.end] == f.text
    golden = GOLDEN / f"{preset}.json"
    if UPDATE:
        golden.write_text(json.dumps([_record(f) for f in found], indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    assert [_record(f) for f in found] == json.loads(golden.read_text(encoding="utf-8"))
