"""Offset-map invariants for all three formats, on hand-written and generated documents.

For every prose character, source[map(i)] == text[i], except decoded entities, <br> and object
characters, which are checked against what they stand for (see offsetcheck.py); every finding
lies inside the source and its text is the source slice.
"""
from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings, strategies as st

from stylecheck.config import Settings
from stylecheck.document import OffsetMap
from stylecheck.engine import Linter
from stylecheck.parsers import parse
from stylecheck.parsers.common import OBJECT, SegmentBuilder, url_spans
from stylecheck.source import Source

from conftest import lint
from offsetcheck import check_document, check_findings

FORMATS = ("text", "markdown", "html")


@lru_cache(maxsize=1)
def _linter() -> Linter:
    return Linter(Settings())


def _check(text: str, fmt: str):
    source = Source("<t>", text)
    doc = parse(source, fmt)
    check_document(doc)
    check_findings(_linter().run(source, fmt).findings_or_raise(), text)
    return doc


# -- plain text -------------------------------------------------------------------------------

def test_plaintext_urls_and_emails_are_objects():
    src = "Headline\n\nSee https://example.org/a_(b) or www.example.com, mail desk@example.org. (http://x.org/y)"
    doc = _check(src, "text")
    seg = doc.segments[1]
    assert seg.text == f"See {OBJECT} or {OBJECT}, mail {OBJECT}. ({OBJECT})"
    objs = [src[slice(*seg.to_source(i, i + 1))] for i, ch in enumerate(seg.text) if ch == OBJECT]
    assert objs == ["https://example.org/a_(b)", "www.example.com", "desk@example.org", "http://x.org/y"]


def test_url_next_to_a_word_does_not_make_a_doubled_word_or_space_before_punctuation():
    src = "Details at www.example.org. Visit the https://example.org the day after."
    doc = _check(src, "text")
    assert "at \ufffc." in doc.segments[0].text
    assert not lint(src, select=("CR101",))


def test_url_spans_trim_sentence_punctuation():
    text = "Go to https://a.org/x?y=1, then www.b.co.uk/p! Or see (https://c.org/d)."
    assert [text[s:e] for s, e in url_spans(text)] == ["https://a.org/x?y=1", "www.b.co.uk/p", "https://c.org/d"]
    assert url_spans("No links here; just prose.") == []


def test_builder_keeps_entity_runs_when_cutting_around_urls():
    src = "&ldquo;see www.x.org&rdquo; now"
    b = SegmentBuilder(src)
    b.mapped("\u201c", 0, 7)
    b.verbatim(7, 20)
    b.mapped("\u201d", 20, 27)
    b.verbatim(27, len(src))
    seg = b.build()
    assert seg.text == "\u201csee \ufffc\u201d now"
    assert [seg.to_source(i, i + 1) for i in range(len(seg.text))][:1] == [(0, 7)]
    assert src[slice(*seg.to_source(5, 6))] == "www.x.org"
    assert src[slice(*seg.to_source(6, 7))] == "&rdquo;"


def test_offset_map_spans_over_decoded_runs():
    m = OffsetMap()
    m.add(0, 0, 3)  # "abc"
    m.add(3, 3, 1, 5)  # "&amp;" -> "&"
    m.add(4, 8, 2)
    assert m.span(0, 4) == (0, 8)
    assert m.span(3, 4) == (3, 8)
    assert m.span(4, 6) == (8, 10)


def test_crlf_and_cr_only_positions_in_all_formats():
    bodies = {
        "text": "Title here{nl}{nl}It was the the end.{nl}",
        "markdown": "# Title here{nl}{nl}It was the the end.{nl}",
        "html": "<h1>Title here</h1>{nl}{nl}<p>It was the the end.</p>{nl}",
    }
    for fmt, body in bodies.items():
        for nl in ("\n", "\r\n", "\r"):
            src = body.format(nl=nl)
            _check(src, fmt)
            found = lint(src, fmt=fmt, select=("CR101",))
            assert [(f.line, f.text) for f in found] == [(3, "the the")], (fmt, nl)


# -- generated documents ----------------------------------------------------------------------

_WORDS = st.sampled_from([
    "the", "The", "flood", "café", "naïve", "Orbán", "12\"", "don\u2019t", "\u2018quote\u2019", "\u201cspeech\u201d",
    "\"said\"", "www.example.org", "https://x.org/a(b)", "a@b.org", "&amp;", "&#8217;", "&bogus;", "&nbsp;",
    "\\*", "*em*", "**strong**", "`code`", "[link](http://l.org)", "![alt](p.png)", "<b>", "</b>", "<br>",
    "<!-- stylecheck-disable CR101 -->", "<script>", "</script>", "|", ">", "-", "1.", "#", "---", "```",
    "\U0001f600", "e\u0301", "\u2028", "\t", "  ", ".", ",", "!", "(", ")", "[", "]", "<", "&",
])
_SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n> ", "\n- ", "\n    ", "\n| "])


@st.composite
def _documents(draw):
    parts = draw(st.lists(st.tuples(_WORDS, _SEPARATORS), min_size=0, max_size=60))
    return "".join(w + s for w, s in parts)


_HTML_TAGS = st.sampled_from([
    "<p>", "</p>", "<h1>", "</h1>", "<li>", "<ul>", "</ul>", "<blockquote>", "</blockquote>", "<td>", "<tr>",
    "<table>", "</table>", "<figcaption>", "<div>", "</div>", "<span class='the the'>", "</span>", "<a href=x>",
    "</a>", "<em>", "</em>", "<code>", "</code>", "<pre>", "</pre>", "<style>", "</style>", "<br>", "<br/>",
    "<img alt='x'>", "<!-- c -->", "<!-- stylecheck-disable-next-line -->", "<title>", "</title>", "<svg>", "</svg>",
])


@st.composite
def _html_documents(draw):
    parts = draw(st.lists(st.one_of(_HTML_TAGS, _WORDS, _SEPARATORS), min_size=0, max_size=80))
    return "".join(parts)


_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_documents())
def test_generated_markdown_keeps_offsets(text):
    _check(text, "markdown")


@_SETTINGS
@given(_html_documents())
def test_generated_html_keeps_offsets(text):
    _check(text, "html")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_generated_text_keeps_offsets(text):
    _check(text, "text")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), st.sampled_from(FORMATS))
def test_arbitrary_text_never_raises(text, fmt):
    _check(text, fmt)
