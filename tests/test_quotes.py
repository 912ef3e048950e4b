"""Quote marking: straight and curly doubles, British single quotes, apostrophes, inch marks."""
from __future__ import annotations

import pytest

from stylecheck.document import OffsetMap, Segment
from stylecheck.text.quotes import find_quotes, mark_quotes


def quoted(text):
    return [text[q.start:q.end] + ("" if q.closed else "…") for q in find_quotes(text)]


@pytest.mark.parametrize("text,expected", [
    ('"We will rebuild," the mayor said.', ['"We will rebuild,"']),
    ("\u201cWe will rebuild,\u201d the mayor said.", ["\u201cWe will rebuild,\u201d"]),
    ('He said "it\'s fine" and "we\'re ready".', ['"it\'s fine"', '"we\'re ready"']),
    # single quotes nested in double quotes belong to the outer quote
    ("\u201cShe told me \u2018never again\u2019, and meant it,\u201d he said.", ["\u201cShe told me \u2018never again\u2019, and meant it,\u201d"]),
    # British style: single quotes are the speech marks, doubles nest inside
    ("\u2018He told me \u201cno\u201d, and left,\u2019 she said.", ["\u2018He told me \u201cno\u201d, and left,\u2019"]),
    ("Minister \u2018to quit\u2019 over row", ["\u2018to quit\u2019"]),
    # apostrophes are not quotes
    ("In the \u201990s, Jones\u2019 shop didn\u2019t close.", []),
    ("They sold \u2018em all.", []),
    ("\u2018The players\u2019 union agreed,\u2019 he said.", ["\u2018The players\u2019 union agreed,\u2019"]),
    # inch marks
    ('A 12" pipe burst, and the engineer said "we will fix it."', ['"we will fix it."']),
    ('"We found a 12" pipe," he said.', ['"We found a 12" pipe,"']),
    ('The 5"x7" print sold.', []),
    # other conventions
    ("\u201eJa\u201c, sagte er.", ["\u201eJa\u201c"]),
    ("\u00abOui\u00bb, dit-il.", ["\u00abOui\u00bb"]),
    # unclosed at paragraph end: carries on
    ('"We will carry on', ['"We will carry on…']),
    ("\u2018Speech that carries on", ["\u2018Speech that carries on…"]),
    # an unclosed single quote mid-paragraph is an apostrophe or a slip, not a quote
    ("The \u2018so-called plan and a \u201creal\u201d one.", ["\u201creal\u201d"]),
])
def test_find_quotes(text, expected):
    assert quoted(text) == expected


def _seg(text):
    m = OffsetMap()
    m.add(0, 0, len(text))
    return Segment(text, m)


def test_quote_continues_across_paragraphs():
    segs = [_seg('"We lost everything,'), _seg('"but we will rebuild," she said.'), _seg('Then "another".')]
    mark_quotes(segs)
    assert [(q.closed, q.continues) for s in segs for q in s.quotes] == [(False, False), (True, True), (True, False)]


def test_british_quote_continues_across_paragraphs():
    segs = [_seg("\u2018We lost everything."), _seg("\u2018But we will rebuild,\u2019 she said.")]
    mark_quotes(segs)
    assert [(q.closed, q.continues) for s in segs for q in s.quotes] == [(False, False), (True, True)]


def test_many_stray_single_quotes_stay_fast():
    text = "x \u2018a " * 5000
    assert find_quotes(text) == []


def test_exclude_quotes_rule_is_silent_inside_british_quotes(lint_with):
    text = "\u2018We will utilise every crane,\u2019 the mayor said. Engineers will utilise the new crane."
    found = lint_with(text, select=("CR201",))
    assert [f.text for f in found] == ["utilise"] and found[0].start > text.index("said")


def test_paragraphs_run_together_reopen_the_quote():
    text = '"We lost the harvest. "We will plant again," she said. Then "a new quote".'
    quotes = find_quotes(text)
    assert [(text[q.start:q.end], q.closed, q.continues) for q in quotes] == [
        ('"We lost the harvest.', False, False),
        ('"We will plant again,"', True, True),
        ('"a new quote"', True, False),
    ]


def test_a_quote_mark_after_a_space_mid_sentence_does_not_reopen():
    text = '"It was a " strange" year," he said.'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ['"It was a "']
