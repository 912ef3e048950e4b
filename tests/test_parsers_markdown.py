"""Markdown parser: what is prose, where it came from, scopes, directives, hostile input."""
from __future__ import annotations

import pytest
import regex

from stylecheck.parsers.common import OBJECT
from stylecheck.parsers.markdown import parse_markdown
from stylecheck.source import Source, decode

from conftest import lint
from offsetcheck import check_document, check_findings
from scaling import assert_scales_linearly


def parse(text: str):
    doc = parse_markdown(Source("t.md", text))
    check_document(doc)
    return doc


def texts(doc):
    return [s.text for s in doc.segments]


def scopes(doc):
    return [(s.scope, s.text) for s in doc.segments]


def test_scopes():
    doc = parse("# Head line\n\nBody text.\n\n> Quoted words.\n\n- first item\n- second item\n\n| a1 | b1 |\n|----|----|\n| a2 | b2 |\n\nSub head\n---\n")
    assert scopes(doc) == [
        ("headline", "Head line"), ("paragraph", "Body text."), ("blockquote", "Quoted words."),
        ("list_item", "first item"), ("list_item", "second item"),
        ("table_cell", "a1"), ("table_cell", "b1"), ("table_cell", "a2"), ("table_cell", "b2"),
        ("headline", "Sub head"),
    ]


def test_list_inside_blockquote_takes_innermost_scope():
    doc = parse("> - item in quote\n>\n> plain in quote\n")
    assert scopes(doc) == [("list_item", "item in quote"), ("blockquote", "plain in quote")]


def test_code_html_and_front_matter_are_not_prose():
    src = (
        "---\ntitle: The real headline\ntags: [a, b]\n---\n\n"
        "Words before `inline the the code` after.\n\n"
        "    indented code the the\n\n"
        "```python\nfenced = 'the the'\n```\n\n"
        "<div>\nraw html the the\n</div>\n\n"
        "Closing words.\n"
    )
    doc = parse(src)
    assert scopes(doc) == [
        ("headline", "The real headline"),
        ("paragraph", f"Words before {OBJECT} after."),
        ("paragraph", "Closing words."),
    ]
    assert not [f for f in lint(src, fmt="markdown", select=("CR101",))]


def test_toml_front_matter_and_unclosed_front_matter():
    assert texts(parse("+++\ntitle = \"Toml title\"\n+++\nBody.\n")) == ["Toml title", "Body."]
    # no closing fence: an ordinary thematic break and paragraph, nothing hidden
    assert "title: x" in " ".join(texts(parse("---\ntitle: x\n")))


def test_inline_markup_is_a_gap_and_text_maps_exactly():
    src = "Some *emphasis*, **strong**, ~~struck~~ and [a link](https://example.org/x \"title\") end."
    doc = parse(src)
    assert texts(doc) == ["Some emphasis, strong, struck and a link end."]
    seg = doc.segments[0]
    i = seg.text.index("link")
    assert seg.to_source(i, i + 4) == (src.index("link]"), src.index("link]") + 4)


def test_images_autolinks_code_and_urls_are_objects():
    src = "See ![alt text here](pic.png) and <https://auto.example> or `x` at www.example.com/page."
    seg = parse(src).segments[0]
    assert seg.text == f"See {OBJECT} and {OBJECT} or {OBJECT} at {OBJECT}."
    spans = [src[slice(*seg.to_source(i, i + 1))] for i, ch in enumerate(seg.text) if ch == OBJECT]
    assert spans == ["![alt text here](pic.png)", "<https://auto.example>", "`x`", "www.example.com/page"]


def test_entities_and_escapes():
    src = "Fish &amp; chips, caf&eacute; \\*not emphasis\\* &#8217;90s"
    doc = parse(src)
    seg = doc.segments[0]
    assert seg.text == "Fish & chips, café *not emphasis* \u201990s"
    amp = seg.text.index("&")
    assert src[slice(*seg.to_source(amp, amp + 1))] == "&amp;"
    star = seg.text.index("*")
    assert seg.to_source(star, star + 1) == (src.index("\\*") + 1, src.index("\\*") + 2)
    assert check_document(doc)["entity"] == 3


def test_soft_breaks_keep_the_source_line_endings():
    for nl in ("\n", "\r\n", "\r"):
        src = f"First line\nsecond line\n\n> quoted one\n> quoted two\n".replace("\n", nl)
        doc = parse(src)
        assert texts(doc) == [f"First line{nl}second line", f"quoted one{nl}quoted two"]


def test_crlf_cr_and_bom_positions():
    for nl in ("\n", "\r\n", "\r"):
        src = f"# Title{nl}{nl}Para one.{nl}{nl}It was the the end.{nl}"
        for data in (src.encode(), b"\xef\xbb\xbf" + src.encode()):
            source = decode(data, "a.md")
            found = lint(source.text, fmt="markdown", select=("CR101",))
            assert [(f.line, f.column, f.end_column, f.text) for f in found] == [(5, 8, 15, "the the")]


def test_doubled_word_across_a_soft_break_in_a_blockquote_maps_to_source():
    src = "> He wanted to\n> to leave.\n"
    (f,) = lint(src, fmt="markdown", select=("CR101",))
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 13, 2, 5)
    assert f.text == "to\n> to"


def test_table_cells_with_escaped_pipes():
    src = "| left \\| cell | right |\n|---|---|\n| x | y |\n"
    doc = parse(src)
    assert texts(doc)[:2] == ["left | cell", "right"]


def test_directives_end_to_end():
    src = (
        "It was the the start.\n\n"
        "<!-- stylecheck-disable CR101 -->\n\n"
        "It was the the middle.\n\n"
        "<!-- stylecheck-enable CR101 -->\n\n"
        "<!-- stylecheck-disable-next-line -->\n"
        "It was the the next line.\n\n"
        "It was the the end.\n"
    )
    doc = parse(src)
    assert [d[1:] for d in doc.directives] == [("disable", ("CR101",)), ("enable", ("CR101",)), ("disable-next-line", ())]
    found = lint(src, fmt="markdown", select=("CR101",))
    assert [f.line for f in found] == [1, 12]


def test_directive_next_line_in_cr_only_file():
    src = "<!-- stylecheck-disable-next-line CR101 -->\rIt was the the one.\r\rIt was the the two.\r"
    found = lint(src, fmt="markdown", select=("CR101",))
    assert [f.line for f in found] == [4]


def test_inline_html_comment_directive_and_code_span_directive_ignored():
    src = "Text <!-- stylecheck-disable --> and `<!-- stylecheck-enable -->` here.\n"
    doc = parse(src)
    assert [d[1] for d in doc.directives] == ["disable"]
    assert doc.directives[0][0] == src.index("-->") + 3


DEEP = {  # name -> (document of size n, n, words that must survive)
    "blockquotes-10000": (lambda n: ">" * n + " deep text\n", 10_000, {"deep", "text"}),
    "lists-1000": (lambda n: "".join("  " * i + "- item%d\n" % i for i in range(n)), 1_000,
                   {"item0", "item500", "item999"}),
    "growing-quotes": (lambda n: "".join(">" * i + " line%d\n" % i for i in range(n)), 200,
                       {"line1", "line100", "line199"}),
    "emphasis-runs": (lambda n: "*" * n + "word" + "*" * n, 5_000, {"word"}),
    "brackets": (lambda n: "[" * n + "word" + "]" * n, 5_000, {"word"}),
    "images": (lambda n: "![" * n + "word", 3_000, {"word"}),
}


@pytest.mark.parametrize("name", list(DEEP))
def test_deep_nesting_does_not_recurse_or_lose_text(name):
    make, n, words = DEEP[name]
    src = make(n)
    found = set(regex.findall(r"\w+", " ".join(texts(parse(src)))))
    assert words <= found
    small = make(n // 10)  # time grows with the document's length, not faster
    assert_scales_linearly(lambda text: parse_markdown(Source("t.md", text)), small, src,
                           factor=len(src) / len(small), what=name)


@pytest.mark.parametrize("src", [
    "", "\n\n", "#", "> ", "- ", "```\nunclosed fence", "<!-- unclosed", "[a](", "`unclosed code",
    "| a |\n|", "***", "&#xFFFFFF; &#0; &bogus;", "a\u2028b\fc\x0bd", "\ufeffBOM inside", "- [ ] task\n- [x] done",
])
def test_odd_inputs(src):
    doc = parse(src)
    check_findings(lint(src, fmt="markdown"), src)
    assert all(s.text for s in doc.segments)


def test_reference_definitions_are_not_prose():
    doc = parse("Read [the report][r] today.\n\n[r]:\n  https://example.org/report\n  \"A title the the\"\n")
    assert texts(doc) == ["Read the report today."]


def test_just_past_max_nesting_keeps_the_text():
    doc = parse(">" * 25 + " deep words here\n")
    assert texts(doc) == ["deep words here"]
