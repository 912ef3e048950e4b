"""Markdown positions come from the parser (mdpositions.py), and they hold their invariant.

For every inline token markdown-it makes, on hand-written and generated documents:
- the token is placed (every character of its content that came from the source knows where),
  and the walk over its children consumes its content exactly, to the end;
- placed characters map to strictly increasing source offsets (so one-to-one), each holding
  the same character (markdown-it's NUL -> U+FFFD aside, which is left unmapped);
- every prose character of the token's segment lies inside the token's own source lines
  (its `map` line range, line ending included).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from stylecheck.parsers import markdown, mdpositions
from stylecheck.parsers.common import OBJECT
from stylecheck.source import Source

from conftest import lint
from offsetcheck import check_document
from test_offsets import _SEPARATORS, _WORDS

EXAMPLES = 1000

# Constructs whose extent or placement is easy to get wrong: tab stops, escaped pipes, link
# titles holding brackets, references, code spans, emphasis runs, NUL, lines mdTrim empties.
_TRICKY = st.sampled_from([
    "\t", "\t\t", "  \t", "\\|", "| x \\| y |", "[r]", "[r][]", "[a][r]", "\n[r]: http://x.org \"t\"\n",
    "[t](<a b> 'ti)tle')", "[x](y (z))", "`` a ` b ``", "` `", "***a***", "~~~a~~~", "~a~", "_a_", "__a__",
    "\\\n", "  \n", "\x00", "\ufffd", "===", "\n---\n", "\n===\n", "- [a](b)", "1) ", "2. ", "> > ", "    ",
    "<span>", "&copy;", "&#x41;", "\\a", "![a](b)", "![a [b](c)](d)", "[![i](p)](l)", "<http://a.b/c>",
    "<a@b.co>", "# x #", "#\t", "|", "-|-", "\x0b", "\x0c", "\u2028", "\u00a0",
])


@st.composite
def _documents(draw):
    parts = draw(st.lists(st.one_of(_WORDS, _SEPARATORS, _TRICKY), max_size=60))
    return "".join(parts)


def _inline_tokens(text: str):
    """(token, index) for every inline token, parsed exactly as parse_markdown parses."""
    source = Source("t.md", text)
    body, _, _ = markdown._body(text)
    index = markdown._BodyIndex(body, source)
    return [(tok, index) for tok in markdown._parser().parse(body) if tok.type == "inline" and tok.map], source


def _block_span(source: Source, tok) -> tuple[int, int]:
    """Source offsets from the start of the token's first line to the end of its last line."""
    starts = source.lines.starts
    first, last = tok.map[0], tok.map[1]
    return starts[first], starts[last] if last < len(starts) else len(source.text)


def check_positions(text: str) -> int:
    """Assert the invariants for every inline token of text; return how many were checked."""
    tokens, source = _inline_tokens(text)
    src = source.text
    for tok, index in tokens:
        placement = tok.meta.get(mdpositions.PLACEMENT)
        assert placement is not None or not tok.content, f"unplaced: {tok.content!r}"
        if placement is None:
            continue
        lo, hi = _block_span(source, tok)
        placed = markdown._Placed(placement, index, tok.content)
        prev_c = prev_s = -1
        for c, s, n in placed.runs:
            assert c > prev_c and s > prev_s, "runs must increase in content and in source"
            assert lo <= s and s + n <= hi, f"run {(c, s, n)} outside lines {tok.map}"
            for k in range(n):
                ch, at = tok.content[c + k], src[s + k]
                assert ch == at or (ch == "\n" and at == "\r") or (ch == "\ufffd" and at == "\x00"), (ch, at)
            prev_c, prev_s = c + n - 1, s + n - 1
        builder = markdown.SegmentBuilder(src)
        walk = markdown._InlineWalk(tok, placed, builder, [])
        assert walk.run(tok.children or []) and walk.pos == len(tok.content), f"walk stopped in {tok.content!r}"
        seg = builder.build()
        for i in range(len(seg.text) if seg else 0):
            a, b = seg.to_source(i, i + 1)
            assert lo <= a < b <= hi, f"prose char {seg.text[i]!r} at {a} outside lines {tok.map} ({lo}, {hi})"
    check_document(markdown.parse_markdown(source))
    return len(tokens)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_generated_markdown_positions_come_from_the_parser(text):
    check_positions(text)


@pytest.mark.parametrize("text", [
    "# Title\n\nPara *one* and **two**,\nsecond line.\n\n> quoted\nlazy line\n",
    "- item\n\n  continued\n\n1. first\n   more\n",
    "Tab\tlist:\n\n-\tone\n\n\ttwo words\n",
    "- a\n\n\tb c\n\n- d\n\t  e f\n\n- g\n\n \th\n",  # tab stops past the item's indent: padding
    "| a | b \\| c |\n|---|---|\n| x | y |\n| only |\n| 1 | 2 | 3 |\n",
    "Setext\nheading\n===\n\nAnother\n---\n",
    "Read [the report][r] and [this](http://x.org 'a) b') and ![i](p.png \"t\").\n\n[r]: http://x.org\n",
    "`` a ` b `` and `c`  \nhard and \\\nhard again <b>x</b> &amp; &bogus; <http://a.org>.\n",
    "\x0b\nSome words.\n",
    "Cr\r\nlf\r\n\r\nCr only\rline\r",
])
def test_hand_written_markdown_positions(text):
    assert check_positions(text) > 0


def test_link_title_does_not_capture_the_words_after_the_link():
    # a search for " today." found it inside the title, where it also occurs
    src = 'See [the report](http://x.org "a) today.") today.'
    (seg,) = markdown.parse_markdown(Source("t.md", src)).segments
    assert seg.text == "See the report today."
    start = seg.text.index(" today.")
    assert seg.to_source(start, len(seg.text)) == (src.rindex(" today."), len(src))


def test_image_object_spans_its_title():
    src = 'See ![chart](c.png "a) x") x.'
    (seg,) = markdown.parse_markdown(Source("t.md", src)).segments
    assert seg.text == f"See {OBJECT} x."
    assert src[slice(*seg.to_source(4, 5))] == '![chart](c.png "a) x")'


def test_list_text_maps_past_the_bullet():
    src = "1) 1) 1) \x001) x"
    (seg,) = markdown.parse_markdown(Source("t.md", src)).segments
    assert seg.text == "1) x"
    assert seg.to_source(0, len(seg.text)) == (src.rindex("1) x"), len(src))


def test_paragraph_after_a_line_markdown_trims_away_is_kept():
    # a first line of only a vertical tab is trimmed away by markdown-it, with its line break
    src = "\x0bIt was the the end.\n".replace("\x0b", "\x0b\n")
    (f,) = lint(src, fmt="markdown", select=("CR101",))
    assert (f.line, f.text) == (2, "the the")
