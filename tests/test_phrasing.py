"""The news phrasing pack (PH1xx-PH7xx) and CR101: behaviour beyond each rule's TOML examples."""
from __future__ import annotations

import pytest

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.kinds.style.article import vowel_sound
from stylecheck.kinds.style.demonym import countryinfo_demonyms
from stylecheck.kinds.substitution import package_data
from stylecheck.terms import compile_terms
from stylecheck.packs import builtin_rules
from stylecheck.source import Source

from conftest import lint

# An article of our own that repeats the seed article's four slips, plus quoted speech that
# holds word-choice "errors" the reporter may not edit.
SEED_LIKE = (
    "Border fighting flares\n\n"
    "Image Source : AP Soldiers rest near the front line.\n\n"
    "The governor said the Russia forces had withdrawn from two villages overnight.\n\n"
    "Troops advanced, and although, Russia sent reinforcements, the line held.\n\n"
    "US Defense Secretary Lloyd J Austin will attend the talks on Friday.\n\n"
    "\"We moved in order to protect the Russia forces still there,\" a commander said.\n"
)


def _by_rule(findings, code):
    return [f for f in findings if f.rule == code]


def test_seed_bars_flagged_with_the_right_replacement():
    found = lint(SEED_LIKE)
    expect = {
        "PH101": ("Russia forces", "Russian forces"),
        "PH201": ("although,", "although"),
        "ST101": ("Lloyd J Austin", "Lloyd J. Austin"),
        "ST102": (" :", ":"),
    }
    for code, (text, fixed) in expect.items():
        hits = _by_rule(found, code)
        assert hits, f"{code} did not fire"
        assert hits[0].text == text and hits[0].suggestions[0] == fixed
        assert SEED_LIKE[hits[0].start:hits[0].end] == text


def test_nothing_flagged_inside_quoted_speech():
    quote_start = SEED_LIKE.index("\"We moved")
    inside = [f for f in lint(SEED_LIKE) if f.start >= quote_start and f.category in ("phrasing", "style")]
    assert inside == []


def test_mechanical_slips_are_flagged_inside_quotes_but_word_choice_is_not():
    text = "\"It was a honour to to serve in order to help,\" she said.\n"
    rules = {f.rule for f in lint(text)}
    assert {"PH501", "CR101"} <= rules
    assert "PH301" not in rules


def test_demonym_table_comes_from_the_data_package():
    table = dict(countryinfo_demonyms())
    assert len(table) > 150
    assert table["France"] == "French" and table["Russia"] == "Russian" and table["China"] == "Chinese"
    assert "Hong Kong" not in table  # its data demonym ("Chinese") is not built on the name
    assert not any(d.endswith("er") for d in table.values())  # "Icelander" is a noun, not an adjective


@pytest.mark.parametrize("text", [
    "She worked for Russia Today for a year.",
    "The group Britain Stronger in Europe disbanded.",
    "Papers from the India Office were found.",
    "He joined the Team Russia forces squad.",
    "In Russia people queue for bread.",
    "China firms up its stance on trade.",
])
def test_demonym_silent_in_names_and_verbs(text):
    assert _by_rule(lint(text, select=("PH101",)), "PH101") == []


def test_demonym_uses_continents_and_home_nations():
    found = lint("Ministers met their Europe counterparts and Britain citizens.", select=("PH101",))
    assert [f.suggestions[0] for f in found] == ["European counterparts", "British citizens"]


@pytest.mark.parametrize("word,vowel", [
    ("hour", True), ("honest", True), ("heir", True), ("European", False), ("euro", False),
    ("one", False), ("once", False), ("union", False), ("unidentified", True), ("urban", True),
    ("Ukrainian", False), ("utility", False), ("MP", True), ("FBI", True), ("UN", False), ("NHS", True),
    ("8", True), ("11", True), ("18", True), ("180", False), ("apple", True), ("house", False),
    ("historic", None), ("history", False), ("NATO", None), ("onerous", True), ("umbrella", True),
])
def test_vowel_sound(word, vowel):
    assert vowel_sound(word) is vowel


def test_u_turn_takes_a():
    assert lint("The minister made a U-turn and an X-ray showed it.", select=("PH501",)) == []
    found = lint("The minister made an U-turn.", select=("PH501",))
    assert found and found[0].suggestions == ("a U",)


@pytest.mark.parametrize("text", [
    "If, as expected, the talks fail, prices rise.",
    "Although, frankly, nobody knew, the vote went ahead.",
    "Nothing has changed since, the residents say.",
    "Plans made before, during and after the war.",
])
def test_subordinator_comma_quiet_cases(text):
    assert lint(text, select=("PH201",)) == []


def test_lists_are_broad_and_read_from_maintained_data():
    rules = {r.code: r for r in builtin_rules()}
    assert len(rules["PH301"].options["swap"]) >= 150
    data = [p for spec in rules["PH401"].options["data"] for p in package_data(spec)]
    assert len(data) >= 300
    assert ("end result", "result") in {(p.lower(), r) for p, r in data} or "end result" in rules["PH401"].options["swap"]


def test_drop_list_and_desk_accept_silence_entries():
    assert lint("The port is a safe haven for ships.", select=("PH401",)) == []
    assert lint("The end result was clear.", select=("PH401",))
    assert Linter(Settings(select=("PH401",), accept=frozenset({"end result"}))).run(
        Source("<t>", "The end result was clear."), "text").findings_or_raise() == []


def test_phrase_trie_matches_whole_phrases_only():
    pattern = compile_terms(["in order to", "in order for", "end result", "don't you know"])
    text = "in order  to; In Order For; end results; the end result; don\u2019t you know; within order to"
    assert [m.group() for m in pattern.finditer(text)] == ["in order  to", "In Order For", "end result", "don\u2019t you know"]


def test_doubled_word_skips_word_then_acronym():
    assert lint("She worked at AT&T for years.", select=("CR101",)) == []
    assert lint("She worked at at the firm.", select=("CR101",))


def test_positions_map_through_markdown():
    text = "# Report\n\nThe *Russia forces* left, and although, **Russia** returned.\n"
    found = Linter(Settings(select=("PH101", "PH201"))).run(Source("a.md", text), "markdown").findings_or_raise()
    assert sorted(text[f.start:f.end] for f in found) == ["Russia forces", "although,"]


def test_passive_is_off_by_default_and_available():
    text = "Mistakes were made during the count."
    assert _by_rule(lint(text), "PH701") == []
    assert _by_rule(lint(text, extend_select=("PH701",)), "PH701")
    assert lint("The count was delayed by a power cut.", select=("PH701",)) == []


def test_demonym_any_plural_noun_after_a_determiner_but_not_topic_nouns():
    found = lint("The France statistics office and three Britain authors disagreed.", select=("PH101",))
    assert [f.suggestions[0] for f in found] == ["French statistics", "British authors"]
    assert lint("The Iraq talks resumed, and the Russia sanctions stayed.", select=("PH101",)) == []
    assert lint("He said the president of Russia wants talks.", select=("PH101",)) == []


def test_demonym_silent_for_regions():
    assert lint("A delegation of north Wales councils visited.", select=("PH101",)) == []


def test_phrasebooks_sharing_one_scan_find_what_each_finds_alone():
    text = "In order to win, the end result was a brand new first time ever plan.\n"
    together = {(f.rule, f.text) for f in lint(text, select=("PH301", "PH401", "PH601"))}
    alone = {(f.rule, f.text) for code in ("PH301", "PH401", "PH601") for f in lint(text, select=(code,))}
    assert together == alone and {r for r, _ in together} >= {"PH301", "PH401"}
