"""Spelling (issue 3): known misspellings, keyboard slips, UK/US mixing, and the lexicon cache."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import lint

from stylecheck import lexicon
from stylecheck.findings import Severity
from stylecheck.kinds.names.edits import channel, damerau1, edits1


def typos(text, select=("SP101",), **settings):
    return [(f.text, f.severity, f.suggestions) for f in lint(text, select=select, **settings)]


@pytest.mark.parametrize("wrong,right", [("goverment", "government"), ("recieve", "receive"), ("accomodate", "accommodate")])
def test_listed_misspellings(wrong, right):
    assert typos(f"They will {wrong} the money.") == [(wrong, Severity.warning, (right,))]


@pytest.mark.parametrize("wrong,right", [("incestigate", "investigate"), ("beflre", "before"), ("minsiter", "minister")])
def test_keyboard_slips_suggest_the_likely_word(wrong, right):
    hits = typos(f"The {wrong} came to town.")
    assert [(h[0], h[2]) for h in hits] == [(wrong, (right,))]


def test_sentence_initial_slip_keeps_the_capital():
    assert typos("Beflre the vote, talks stalled.") == [("Beflre", Severity.warning, ("Before",))]


@pytest.mark.parametrize("text", [
    "The organisers said the colour of the flags would not change.",
    "The organizers said the color of the flags would not change.",
    "A well-known cross-border smuggler was arrested.",
    "The sommelier recommended a rosé from the arrondissement.",
    "He said the defendants' affidavits were notarised.",
    "The app's users can retweet, livestream and unfollow.",
])
def test_correct_words_are_silent(text):
    assert typos(text) == []


def test_slip_inside_a_hyphenated_compound():
    assert typos("The claims and counter-cpaims went on.") == [("cpaims", Severity.warning, ("claims",))]


def test_accept_list_silences_a_word():
    assert typos("The beflre stays.", accept=frozenset({"beflre"})) == []


def test_mixed_uk_us_flags_the_minority_system():
    text = "The centre was full and the colour bright; their behavior was odd."
    hits = [(f.text, f.suggestions) for f in lint(text, select=("CR301",))]
    assert hits == [("behavior", ("behaviour",))]


def test_mixed_uk_us_skips_proper_names():
    text = "The defence minister met the US Defense Secretary at the World Trade Center."
    assert lint(text, select=("CR301",)) == []


def test_mixed_uk_us_covers_regular_families_not_in_the_table():
    text = "The offence was minor and the theatre was full, but the organizers had traveled far."
    flagged = {f.text for f in lint(text, select=("CR301",))}
    assert flagged == {"organizers", "traveled"} or flagged == {"offence", "theatre"}


# -- the edit model ---------------------------------------------------------------------------
def test_edits1_covers_every_single_edit():
    e = edits1("form")
    assert {"from", "for", "forms", "farm", "fomr"} <= e
    assert "form" not in e


def test_damerau1():
    assert damerau1("from", "form") and damerau1("form", "forms") and damerau1("form", "farm")
    assert not damerau1("form", "form") and not damerau1("form", "forums") and not damerau1("abcd", "badc")


def test_channel_prefers_common_slips():
    assert channel("fomr", "form") > channel("fxrm", "form")  # transposition beats a random substitution
    assert channel("minisster", "minister") > channel("minixster", "minister")  # doubled letter


# -- the cached lexicon -----------------------------------------------------------------------
def _tiny() -> lexicon.Lexicon:
    return lexicon.Lexicon(
        common=lexicon.WordTable.build({"washington": 50, "form": 55, "gazetteer": 22}), rare=lexicon.HashTable.build({"yermak": 12}),
        misspelled=lexicon.HashTable.build({"teh": "the"}), gb_us={"colour": "color"},
        places={"washington": 3}, small_places=lexicon.HashTable.build({"makhnovka": 1}),
    )


def test_cache_round_trip_and_rebuild_when_corrupt(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(lexicon, "build", lambda: calls.append(1) or _tiny())
    lex = lexicon.load(tmp_path)
    assert calls == [1]
    files = list(tmp_path.glob("lexicon-*.bin"))
    assert len(files) == 1
    again = lexicon.load(tmp_path)
    assert calls == [1], "a cached lexicon must not be rebuilt"
    assert again.zipf10("yermak") == 12 and again.misspelling("teh") == "the" and again.place_tier("makhnovka") == 1
    assert again.zipf10("nothing") == 0 and again.misspelling("the") is None and again.place_tier("paris") == 0
    stale, other = tmp_path / f"lexicon-{'0' * 16}.bin", tmp_path / f"lexicon-{'1' * 16}.bin"  # other versions
    stale.write_bytes(b"stale")
    other.write_bytes(b"in use by another environment")
    month_ago = time.time() - 31 * 86400
    os.utime(stale, (month_ago, month_ago))
    files[0].write_bytes(b"\x00garbage")
    lexicon.load(tmp_path)
    assert calls == [1, 1], "a corrupt cache is rebuilt"
    assert sorted(p.name for p in tmp_path.glob("lexicon-*.bin")) == sorted([files[0].name, other.name]), \
        "indexes unused for a month are removed, recent ones of other installs kept"
    reloaded = lexicon.load(tmp_path).common
    assert reloaded.hot == lex.common.hot and reloaded.blobs() == lex.common.blobs()


@pytest.mark.parametrize("damage", ["truncated", "empty", "other version"])
def test_a_damaged_index_file_is_rebuilt_not_trusted(tmp_path, monkeypatch, damage):
    calls = []
    monkeypatch.setattr(lexicon, "build", lambda: calls.append(1) or _tiny())
    lexicon.load(tmp_path)
    (path,) = tmp_path.glob("lexicon-*.bin")
    data = path.read_bytes()
    if damage == "truncated":  # header intact, blobs cut short (a full disk, a copy cut off)
        path.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # the same name, but holding the index of other sources (another key)
        from stylecheck.store import Store

        foreign = Store("lexicon", "b0_elsewhere", lexicon.LEXICON, tmp_path)
        foreign.put(_tiny())
        os.replace(foreign.path(str(tmp_path)), path)
    again = lexicon.load(tmp_path)
    assert calls == [1, 1] and again.zipf10("yermak") == 12 and again.misspelling("teh") == "the"


def test_word_table_answers_like_a_dict_across_its_two_tiers():
    words = {"the": 78, "minister": 52, "gazetteer": 22, "zeugma": 21}  # two above HOT_MIN, two below
    table = lexicon.WordTable.build(words)
    assert set(table.hot) == {"the", "minister"}, "only the frequent words are kept as strings"
    for w, z in words.items():
        assert table.get(w) == table[w] == z and w in table
    assert table.get("nothing") is None and table.get("nothing", 0) == 0 and "nothing" not in table
    with pytest.raises(KeyError):
        table["nothing"]
    assert table.unknown(["the", "zeugma", "qwzx", "the"]) == {"qwzx"}
    assert table.present({"minister", "gazetteer", "ministre"}) == {"minister", "gazetteer"}
    loaded = lexicon.WordTable.from_blobs(table.hot, [memoryview(b) for b in table.blobs()])
    assert loaded.present(set(words)) == set(words) and loaded.unknown(["zeugma", "qwzx"]) == {"qwzx"}


def test_a_whole_word_table_is_a_new_table_that_answers_alike():
    words = {"the": 78, "gazetteer": 22, "zeugma": 21}
    table = lexicon.WordTable.build(words)
    whole = table.whole()
    assert whole.hot == words and not whole.tail_words, "every word in the dict"
    assert set(table.hot) == {"the"} and table.tail_words, "the compact table is left as it was"
    for t in (table, whole):
        assert t.get("gazetteer") == 22 and t.get("x") is None and t.unknown(["x", "the"]) == {"x"}
        assert t.present({"zeugma", "y"}) == {"zeugma"}
    assert whole.whole() is whole


def test_a_word_table_never_changes_while_it_answers():
    """Read by the server's threads at once: no lookup may change it (it once merged itself after many probes)."""
    table = lexicon.WordTable.build({"the": 78, "gazetteer": 22, "zeugma": 21})
    before = (dict(table.hot), table.tail, table.tail_words)
    for i in range(50_000):
        table.get(f"w{i}")
        table.unknown([f"u{i}", "zeugma"])
        table.present({f"p{i}", "gazetteer"})
    assert (table.hot, table.tail, table.tail_words) == before
    with pytest.raises(AttributeError):
        table.extra = 1  # slotted: no state can be added on the side


def test_whole_tables_are_chosen_when_the_lexicon_loads(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "build", _tiny)
    compact, whole = lexicon.load(tmp_path), lexicon.load(tmp_path, whole_tables=True)
    assert "gazetteer" not in compact.common.hot and whole.common.hot["gazetteer"] == 22
    assert compact.zipf10("gazetteer") == whole.zipf10("gazetteer") == 22


def test_unwritable_cache_falls_back_to_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "build", _tiny)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    lex = lexicon.load(blocker / "sub")  # mkdir fails: not an error
    assert lex.zipf10("form") == 55


def test_cache_dir_honours_environment(monkeypatch, tmp_path):
    from stylecheck.cachedir import search_path, user_cache_dir

    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "x"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    written, read = search_path()
    assert user_cache_dir() == written == str(tmp_path / "x")
    assert read[-2:] == [str(tmp_path / "x"), str(tmp_path / "stylecheck")], "the user's own cache, read-only"
    monkeypatch.delenv("STYLECHECK_CACHE_DIR")
    assert user_cache_dir() == str(tmp_path / "stylecheck") == search_path()[0] == search_path()[1][-1]


def test_real_lexicon_knows_the_sources():
    from stylecheck.runtime import default_runtime

    lex = default_runtime().lexicon
    assert lex.zipf10("the") > 60 and lex.zipf10("washington") > 40
    assert lex.misspelling("goverment") == "government"
    assert lex.gb_us["colour"] == "color" and lex.gb_us.get("offence") == "offense"
    assert "programme" not in lex.gb_us  # "program" is British for software
    assert lex.place_tier("washington") == 3 and lex.place_tier("nairobi") == 3


def test_a_blob_of_unknown_words_stays_fast():
    """Near-miss searches are capped per document: past the cap, more unknown words cost little."""
    import random

    from scaling import growth
    from stylecheck.kinds.names.lexical import MAX_SEARCHES

    def blob(n):
        rng = random.Random(3)
        return " ".join("".join(rng.choice("qwxzjkvbp") for _ in range(8)) for _ in range(n))

    # at the cap vs 20x past it: ~2x with the cap, ~20x without (every word searched)
    g = growth(lambda text: lint(text, select=("SP101", "NM101")), blob(MAX_SEARCHES), blob(20 * MAX_SEARCHES))
    assert g <= 6, f"{g:.1f}x the time for 20x the unknown words: near-miss searches are not capped"


def test_known_word_inside_a_compound_is_not_a_listed_misspelling():
    assert typos("The left-hander and the file-sharing site.") == []
    assert typos("The file-shareing site closed.") == [("shareing", Severity.warning, ("sharing",))]


def test_house_preference_decides_abbreviation_forms():
    from stylecheck import lint_text
    from stylecheck.config import Settings

    text = "The US and U.S. agreed. The U.S. again."
    assert [f.text for f in lint_text(text, fmt="text", config=Settings(select=("NM103",)))] == ["US"]
    house = lint_text(text, fmt="text", config=Settings(select=("NM103",), prefer=(("U.S.", "US"),)))
    assert [(f.text, f.suggestions) for f in house] == [("U.S.", ("US",)), ("U.S.", ("US",))]
