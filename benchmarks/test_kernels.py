"""Micro-benchmarks for the hot kernels (pytest-benchmark): `python -m pytest benchmarks/`.

Not part of the default test run (machines are noisy; no test asserts a wall time).
"""
from __future__ import annotations

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.parsers.plaintext import parse_plaintext
from stylecheck.text.quotes import find_quotes
from stylecheck.text.sentences import sentence_spans
from stylecheck.source import Source, line_starts
from stylecheck.terms import compile_terms

PARAGRAPH = (
    "The mayor, Anna B. Kowalska, said on Tuesday that the bridge would reopen in March. "
    "\"We have waited long enough,\" she told reporters outside the town hall. "
    "Engineers said repairs had cost more than expected, according to the council.\r\n"
)
ARTICLE = "Bridge to reopen in March\r\n\r\n" + (PARAGRAPH + "\r\n") * 40  # ~2,000 words


def test_line_index(benchmark):
    assert len(benchmark(line_starts, ARTICLE)) == ARTICLE.count("\r\n") + 1


def test_parse_plaintext(benchmark):
    assert len(benchmark(parse_plaintext, Source("a.txt", ARTICLE)).segments) == 41  # headline + 40 paragraphs


def test_sentences(benchmark):
    assert len(benchmark(sentence_spans, PARAGRAPH * 20)) == 3 * 20


def test_quotes(benchmark):
    assert len(benchmark(find_quotes, PARAGRAPH * 20)) == 20


def test_term_alternation_500_terms(benchmark):
    terms = [f"phrase number {i} here" for i in range(500)] + ["according to", "in order to"]
    pattern = compile_terms(terms)
    assert len(benchmark(lambda: list(pattern.finditer(ARTICLE)))) == 40  # "according to", once a paragraph


def test_full_default_rules(benchmark):
    linter = Linter(Settings())
    source = Source("a.txt", ARTICLE)
    found = benchmark(linter.run, source, "text")
    assert found.findings == linter.run(source, "text").findings  # the same answer every run
