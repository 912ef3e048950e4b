"""The proselint pack: one adapter, exact positions, quote exemption, lazy import, full coverage."""
from __future__ import annotations

import subprocess
import sys

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.kinds.proselint_adapter import registry
from stylecheck.packs import builtin_rules
from stylecheck.source import Source

from conftest import lint

PL_RULES = [r for r in builtin_rules() if r.code.startswith("PL")]


def test_every_proselint_check_belongs_to_exactly_one_rule():
    for check in registry():
        owners = [r.code for r in PL_RULES if any(check.matches_partial(p) for p in r.options["checks"])]
        assert len(owners) == 1, (check.path, owners)


def test_positions_map_back_through_markdown_and_later_paragraphs():
    text = "# Title\n\nFirst paragraph is fine.\n\nHis **affrontery** angered MPs, and the *biggest bottleneck* stayed.\n"
    found = Linter(Settings(select=("PL113", "PL110"))).run(Source("a.md", text), "markdown").findings_or_raise()
    assert sorted((f.rule, text[f.start:f.end]) for f in found) == [("PL110", "biggest bottleneck"), ("PL113", "affrontery")]
    nonword = next(f for f in found if f.rule == "PL113")
    assert nonword.suggestions == ("effrontery",) and nonword.line == 5


def test_quotes_are_exempt():
    assert lint("\u201cHis affrontery is the biggest bottleneck,\u201d she said.", select=("PL",)) == []


def test_reverse_existence_spans_start_at_the_word():
    found = lint("The zeppelin landed.", select=("PL117",))
    assert "zeppelin" in [f.text for f in found]


def test_spans_never_cross_paragraphs():
    text = "It was the\n\nthe end of it all.\n"
    for f in lint(text, select=("PL107",)):
        assert "\n" not in f.text


def test_the_pack_is_off_by_default_and_one_line_turns_it_on():
    on = {cr.rule.code for cr in Linter(Settings()).rules}
    assert not any(code.startswith("PL") for code in on)
    with_pack = {cr.rule.code for cr in Linter(Settings(extend_select=("PL",))).rules}
    assert {"PL108", "PL113", "PL117", "PL123"} <= with_pack


def test_proselint_is_imported_only_when_a_pl_rule_runs():
    code = (
        "import sys\n"
        "from stylecheck.config import Settings\n"
        "from stylecheck.engine import Linter\n"
        "Linter(Settings(select=('PH',)))\n"
        "print('proselint' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_rule_can_be_narrowed_to_single_checks_by_options():
    text = "But the plan is obviously flawed.\n"
    everything = {f.text for f in lint(text, select=("PL109",))}
    assert {"But", "obviously"} <= everything
    narrowed = Linter(Settings(select=("PL109",), rule_options=(("PL109", (("checks", ["misc.greylist"]),)),)))
    assert [f.text for f in narrowed.run(Source("<t>", text), "text").findings_or_raise()] == ["obviously"]
