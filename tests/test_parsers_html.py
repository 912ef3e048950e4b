"""HTML parser: blocks and scopes, non-prose elements, entities, <br>, directives, bad markup."""
from __future__ import annotations

import pytest

from stylecheck.parsers.common import OBJECT
from stylecheck.parsers.html import parse_html
from stylecheck.source import Source, decode

from conftest import lint
from offsetcheck import check_document, check_findings
from scaling import assert_scales_linearly


def parse(text: str):
    doc = parse_html(Source("t.html", text))
    check_document(doc)
    return doc


def scopes(doc):
    return [(s.scope, s.text) for s in doc.segments]


def test_scopes():
    src = (
        "<html><head><title>Page title</title></head><body>"
        "<h1>Main head</h1><p>Body text.</p><blockquote><p>Quoted words.</p></blockquote>"
        "<ul><li>first item<li>second item</ul>"
        "<figure><img src=a.png alt='not prose'><figcaption>A caption.</figcaption></figure>"
        "<table><caption>Table caption</caption><tr><th>Head cell<td>Body cell</table>"
        "<div>Loose div text<p>then a paragraph</div><dl><dt>Term<dd>Definition</dl>"
        "</body></html>"
    )
    assert scopes(parse(src)) == [
        ("headline", "Page title"), ("headline", "Main head"), ("paragraph", "Body text."),
        ("blockquote", "Quoted words."), ("list_item", "first item"), ("list_item", "second item"),
        ("caption", "A caption."), ("caption", "Table caption"), ("table_cell", "Head cell"),
        ("table_cell", "Body cell"), ("paragraph", "Loose div text"), ("paragraph", "then a paragraph"),
        ("paragraph", "Term"), ("paragraph", "Definition"),
    ]


def test_non_prose_elements_and_attributes():
    src = (
        "<p title='the the attribute'>Kept <span class=\"the the\">words</span>.</p>"
        "<script>var s = 'the the';</script><style>p::after{content:'the the'}</style>"
        "<template><p>the the</p></template><noscript>the the</noscript><pre>the the</pre>"
        "<svg><title>the the</title><text>the the</text></svg><math><mi>the the</mi></math>"
        "<p>Run <code>the the</code> now.</p>"
    )
    doc = parse(src)
    assert scopes(doc) == [("paragraph", "Kept words."), ("paragraph", f"Run {OBJECT} now.")]
    assert not lint(src, fmt="html", select=("CR101",))


def test_inline_tags_leave_no_character_and_doubled_word_spans_them():
    src = "<p>It was <b>the</b> the end.</p>"
    doc = parse(src)
    assert doc.segments[0].text == "It was the the end."
    (f,) = lint(src, fmt="html", select=("CR101",))
    assert f.text == "the</b> the"


def test_entities_map_to_the_whole_reference():
    src = "<p>Fish &amp; chips &#8217; &#x2019; caf&eacute; a&nbsp;b &zzbogus; &notit; AT&T</p>"
    doc = parse(src)
    seg = doc.segments[0]
    assert seg.text == "Fish & chips \u2019 \u2019 café a\xa0b &zzbogus; \xacit; AT&T"  # legacy "&not" decodes as browsers do
    assert check_document(doc)["entity"] == 6
    for ch, raw in (("&", "&amp;"), ("é", "&eacute;"), ("\xa0", "&nbsp;")):
        i = seg.text.index(ch)
        assert src[slice(*seg.to_source(i, i + 1))] == raw


def test_br_is_a_line_break_mapped_to_the_tag():
    src = "<p>One line<br>two line<br/>three</p>"
    doc = parse(src)
    assert doc.segments[0].text == "One line\ntwo line\nthree"
    assert check_document(doc)["br"] == 2


def test_urls_in_text_are_objects_but_link_text_is_prose():
    src = '<p>Read <a href="https://example.org">the report</a> at https://example.org/r.pdf.</p>'
    assert parse(src).segments[0].text == f"Read the report at {OBJECT}."


def test_positions_with_crlf_cr_and_bom():
    for nl in ("\n", "\r\n", "\r"):
        src = f"<html>{nl}<body>{nl}<h1>Title</h1>{nl}<p>First.</p>{nl}<p>It was{nl}the the end.</p>{nl}</body></html>{nl}"
        for data in (src.encode(), b"\xef\xbb\xbf" + src.encode()):
            source = decode(data, "a.html")
            found = lint(source.text, fmt="html", select=("CR101",))
            assert [(f.line, f.column, f.end_column, f.text) for f in found] == [(6, 1, 8, "the the")]


def test_directives_end_to_end():
    src = (
        "<p>It was the the start.</p>\n"
        "<!-- stylecheck-disable CR101 -->\n"
        "<p>It was the the middle.</p>\n"
        "<!-- stylecheck-enable doubled-word -->\n"
        "<!-- stylecheck-disable-next-line CR101 -->\n"
        "<p>It was the the next line.</p>\n"
        "<p>It was the the end.</p>\n"
    )
    doc = parse(src)
    assert [d[1:] for d in doc.directives] == [("disable", ("CR101",)), ("enable", ("doubled-word",)), ("disable-next-line", ("CR101",))]
    assert [f.line for f in lint(src, fmt="html", select=("CR101",))] == [1, 7]


def test_malformed_markup_is_tolerated():
    src = "</p><p>Unclosed <b>bold <i>italic</p></div></span><p>Next para<li>stray item</ul><p>&amp more<p>x < y & z"
    doc = parse(src)
    assert [s.text for s in doc.segments] == ["Unclosed bold italic", "Next para", "stray item", "& more", "x < y & z"]


def test_unclosed_script_hides_the_rest_but_does_not_crash():
    doc = parse("<p>Before.</p><script>var x = '<p>the the</p>'")
    assert [s.text for s in doc.segments] == ["Before."]


def test_ten_thousand_nested_divs():
    def nested(n):
        return "<div>" * n + "deep text" + "</div>" * n + "</p>" * n + "<p>after"

    doc = parse(nested(10_000))
    assert [s.text for s in doc.segments] == ["deep text", "after"]
    assert_scales_linearly(lambda src: parse_html(Source("t.html", src)), nested(1_000), nested(10_000),
                           what="nested divs")


@pytest.mark.parametrize("src", [
    "", "<", "&", "<!--", "<!-- stylecheck-disable", "<p", "<![CDATA[x]]>", "<?php echo 1 ?>", "<!DOCTYPE html>",
    "&#0; &#xFFFFFF; &#99999999999;", "<p>a\u2028b\fc</p>", "<br><br>", "<title>", "<code>x", "<p>\ufeff</p>",
])
def test_odd_inputs(src):
    doc = parse(src)
    check_findings(lint(src, fmt="html"), src)
    assert all(s.text for s in doc.segments)


@pytest.mark.parametrize("section", ["<![if !ie]>", "<![CDATA[x < y]]>", "<![endif]>", "<![unknown keyword]>"])
def test_marked_sections_of_any_kind_are_not_prose_and_never_crash(section):
    src = f"<p>It was the {section} the end.</p>"
    assert parse(src).segments[0].text == "It was the  the end."
    (f,) = lint(src, fmt="html", select=("CR101",))
    assert f.text == f"the {section} the"


def test_marked_sections_without_a_name_keep_later_offsets_exact():
    # found by the long fuzzer: `<![<![` made the stdlib parser count three characters twice
    src = "<p>" + "<![" * 5 + "x></p><p>It was the the end.</p>"  # one line: nothing resets the column
    assert [s.text for s in parse(src).segments] == ["It was the the end."]
    (f,) = lint(src, fmt="html", select=("CR101",))
    assert (f.text, f.start) == ("the the", src.index("the the"))


def test_an_unclosed_bogus_section_ends_at_the_next_bracket_as_in_browsers():
    # `<![` with an unknown keyword is a bogus comment (HTML5): it runs to the next ">"
    doc = parse("<p>See <![alt](p.png) here.</p><p>Next one.</p>")
    assert [s.text for s in doc.segments] == ["See", "Next one."]
