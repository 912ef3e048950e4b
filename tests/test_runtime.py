"""One Runtime shared by threads: read-only after construction, so the answers do not depend on timing."""
from __future__ import annotations

import threading

import pytest

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.runtime import WHOLE_TABLES_FROM, Runtime
from stylecheck.source import Source

# Text written for these tests: misspelled words and names, keyboard slips, phrasing and style slips.
TEXTS = [
    "The goverment said on Tuesday that the the bridge would reopen.\n\n"
    "Mayor Alina Kovacs said the repairs were necesary. Later Kovac said crews would work overnight.\n",
    "Officials in Washngton said the plan, which was recieved well, would cost more than expected.\n\n"
    "\"We will finish by June,\" the engineer said. Critics say the budget is too small.\n",
    "In order to reduce delays, the council will utilise a new system. The colour of the signs and the color "
    "of the rails will match.\n\nThe minster said the tranport links were adequete.\n",
]


def _lint_all(linter: Linter, rounds: int = 1) -> list:
    return [linter.run(Source(f"t{i}.txt", text), "text").findings_or_raise()
            for _ in range(rounds) for i, text in enumerate(TEXTS)]


def _state(runtime: Runtime) -> tuple:
    """Everything a lookup could have changed in the runtime's lexicon."""
    lex = runtime.lexicon
    return (len(lex.common.hot), id(lex.common.hot), id(lex.common.tail), bytes(lex.common.tail_words)[:64],
            len(lex.common.tail_words), len(lex.gb_us), len(lex.places), len(lex.listed))


def test_two_threads_sharing_one_runtime_find_what_one_finds():
    alone = _lint_all(Linter(Settings(), Runtime()))
    assert any(f.rule.startswith("SP") or f.rule.startswith("NM") for found in alone for f in found), \
        "the texts exercise the lexicon"
    runtime = Runtime()
    linter = Linter(Settings(), runtime)
    results: dict[int, list] = {}
    start = threading.Barrier(2)

    def work(n: int) -> None:
        start.wait()  # both threads load the lexicon and lint at once
        results[n] = _lint_all(linter, rounds=3)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results[0] == results[1] == alone * 3


def test_nothing_reachable_from_a_runtime_changes_while_it_lints():
    runtime = Runtime()
    linter = Linter(Settings(), runtime)
    before = _state(runtime)
    _lint_all(linter, rounds=20)  # enough suggestion searches to have merged the old self-changing table
    assert _state(runtime) == before


def test_the_table_layout_is_chosen_at_construction_and_answers_alike():
    one_article, archive = Runtime.for_run(4_000), Runtime.for_run(WHOLE_TABLES_FROM)
    assert not one_article.whole_tables and archive.whole_tables
    with pytest.raises(AttributeError):
        archive.whole_tables = False  # chosen at construction, not afterwards
    assert one_article.lexicon.common.tail_words and not archive.lexicon.common.tail_words
    assert _lint_all(Linter(Settings(), one_article)) == _lint_all(Linter(Settings(), archive))


def test_the_lexicon_loads_once_under_concurrent_first_use():
    loads = []
    start = threading.Barrier(4)

    def load():
        loads.append(1)
        return object()

    runtime = Runtime(load)
    seen = []

    def first_use():
        start.wait()
        seen.append(runtime.lexicon)

    threads = [threading.Thread(target=first_use) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert loads == [1] and len({id(x) for x in seen}) == 1
