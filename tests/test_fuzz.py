"""Property tests: any bytes, in any format, give findings that fit the source (issue 7).

Bounded for CI (a few hundred inputs per format); scripts/fuzz_long.py runs a million.
Invariants for every input and every format:
- decoding either succeeds or raises InputError (a one-line reason), never anything else;
- linting never raises;
- every finding has 0 <= start <= end <= len(source), its (line, column) and end position
  agree with the editor's line index, and its `text` is exactly the source slice;
- every prose character of every segment maps inside the source.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stylecheck.config import Settings
from stylecheck.engine import linter_for
from stylecheck.parsers import parse
from stylecheck.source import InputError, decode

FORMATS = ("text", "markdown", "html")
PIECES = [
    "The council said", " the the ", "utilise", "prior to", "colour", "color", "\u201cWe will,\u201d she said.",
    "Mr Smith", "U.S.", "NATO", "...", "\u2014", "\n", "\r\n", "\r", "\n\n", "\u2028", "\f", "\v", "\x85",
    "\u00a0", "\u200b", "\u00ad", "\u202e", "\ufeff", "e\u0301", "\u0334\u0334", "\U0001F600", "# ", "> ", "- ",
    "1. ", "```", "    ", "**", "_", "`", "[a](http://x.y)", "![i](p.png)", "<b>", "</b>", "<p>", "</p>",
    "<div>", "<script>utilise</script>", "<!-- stylecheck-disable CR101 -->", "<!-- stylecheck-enable -->",
    "&amp;", "&#8217;", "&nbsp;", "&bogus;", "&#99999999;", "<![", "<![CDATA[", "]]>", "<!", "<?xml ?>", "</", "<!DOCTYPE html>", "<![if x]>", "---\ntitle: T\n---\n", "| a | b |\n|---|---|\n",
]


def linter():
    return linter_for(Settings())  # compiled once (engine caches it per Settings)


texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30).map("".join)
encoded = st.one_of(
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
    st.binary(max_size=200),
)


def check(data: bytes, fmt: str) -> None:
    try:
        src = decode(data, "fuzz")
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason and exc.code.startswith("SC-E")
        return
    n = len(src.text)
    doc = parse(src, fmt)
    for seg in doc.segments:
        if seg.text:
            s, e = seg.to_source(0, len(seg.text))
            assert 0 <= s <= e <= n
    for f in linter().run(src, fmt).findings_or_raise():
        assert 0 <= f.start <= f.end <= n, (f.rule, f.start, f.end, n)
        assert src.lines.position(f.start) == (f.line, f.column), f.rule
        assert src.lines.position(f.end) == (f.end_line, f.end_column), f.rule
        assert f.text == src.text[f.start:f.end], f.rule


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=encoded)
def test_any_bytes_give_findings_inside_the_source(fmt, data):
    check(data, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_known_awkward_inputs(fmt):
    """Inputs that broke linters before (minimised crash corpus; add new crashes here)."""
    corpus = [
        b"", b"\xef\xbb\xbf", b"\r", b"\r\r\n\n", b"\x00", b"<", b"&", b"&#", b"&#x;", b"<!--", b"```",
        b"> " * 100, b"<div>" * 300, b"- " * 200, b"\xe2\x80\xae" * 10, b"a\xcc\x81" * 100,
        "\u201c".encode() * 50, b"the the\r\nthe the\rthe the",
        b"---\n!!python/object/apply:os.system ['true']\n---\n", b"[" * 500 + b"x" + b"]" * 500,
        "It was an \u2070 and a \u00b2x.".encode(),  # fuzz crash #1: isdigit() but not \\d (article kind)
    ]
    for data in corpus:
        check(data, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_slow_inputs_found_by_fuzzing_stay_fast(fmt):
    """Inputs the long fuzzer found taking over 5 s (a cue word, then a 4,800-letter "name") grow linearly."""
    from scaling import assert_scales_linearly

    linter()  # compiled outside the timing
    for make in (lambda n: "Dr. Jones" + "organisation" * n, lambda n: "Mr " + "Smith" * n + " said.",
                 lambda n: "Kyiv" * n):
        assert_scales_linearly(lambda text: check(text.encode(), fmt), make(2_000), make(20_000),
                               what=f"{fmt} {make(1)!r}")
