"""docs/rules.md is generated from the code's tables (scripts/gen_rules_doc.py), describes every kind
and option there is and no other, and every example in it runs: bad span found, fix exact, good silent."""
from __future__ import annotations

import importlib.util
import inspect
import re
import sys
from pathlib import Path

import pytest

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.fixes import apply_edits
from stylecheck.packs import load_pack
from stylecheck.source import Source

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py")
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)
SOURCE = gen.source()
KINDS = gen.kinds()


def test_the_committed_doc_is_what_the_script_writes():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == gen.render(), \
        "docs/rules.md is out of date: run python scripts/gen_rules_doc.py"


def test_every_kind_and_option_in_the_code_is_described_and_nothing_else():
    assert set(SOURCE["kinds"]) == set(KINDS)
    for name, cls in KINDS.items():
        described = SOURCE["kinds"][name].get("options", {})
        assert set(described) == set(cls.OPTIONS), name
        assert all(text.strip() for text in described.values()), name


def test_documented_message_fields_are_ones_the_kind_fills():
    for name, cls in KINDS.items():
        module = sys.modules[cls.__module__]
        package = module.__name__.rsplit(".", 1)[0] if name.count(".") else module.__name__
        text = "".join(inspect.getsource(m) for n, m in list(sys.modules.items()) if m and n.startswith(package))
        for field in SOURCE["kinds"][name].get("fields", {}):
            assert f'"{field}"' in text, (name, field)


def _examples():
    yield pytest.param("pack", SOURCE["example_pack"], id="example_pack")
    for name in KINDS:
        yield pytest.param(name, SOURCE["kinds"][name]["example"]["rule"], id=name)


@pytest.mark.parametrize("kind,text", list(_examples()))
def test_example_runs(tmp_path, kind, text):
    pack = tmp_path / "desk.toml"
    pack.write_text(text, encoding="utf-8")
    (rule,) = load_pack(pack)
    assert kind == "pack" or rule.kind == kind
    assert any(e.bad for e in rule.examples) and any(e.good for e in rule.examples)
    settings = Settings(packs=(str(pack),), select=(rule.code,))
    linter = Linter(settings)

    def check(text: str) -> list:
        if rule.kind == "archive":  # a cross-article rule's example is a batch of articles joined by " ‖ "
            from stylecheck.archive.batch import check_example

            return [f for f in check_example(text, settings) if f.rule == rule.code]
        return [f for f in linter.run(Source("<doc>", text)).findings_or_raise() if f.rule == rule.code]

    for ex in rule.examples:
        if ex.bad is not None:
            source, start, end = ex.marked_span()
            found = check(source)
            assert (start, end) in [(f.start, f.end) for f in found], \
                [(source[f.start:f.end], f.start, f.end) for f in found]
            hit = next(f for f in found if (f.start, f.end) == (start, end))
            assert not re.search(r"\{[a-z_]+\}", hit.message), hit.message  # every field the message names is filled
            if ex.fixed is not None:
                assert hit.suggestions and apply_edits(source, [hit], unsafe=True)[0] == ex.fixed
        else:
            found = check(ex.good)
            assert not found, [(f.text, f.message) for f in found]
