"""The sentence splitter and the line-paragraph splitter the attribution analyzer builds on."""
from __future__ import annotations

from stylecheck.text.sentences import paragraph_spans, sentence_spans


def pieces(text, fn=sentence_spans):
    return [text[s:e] for s, e in fn(text)]


def test_splits_on_full_stops_and_keeps_offsets():
    text = "The vote passed. Turnout was low!  Will it hold?"
    assert pieces(text) == ["The vote passed.", "Turnout was low!", "Will it hold?"]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    assert pieces("Mr. Okafor met Dr. Lind at 9 a.m. on Monday.") == ["Mr. Okafor met Dr. Lind at 9 a.m. on Monday."]
    assert pieces("George W. Bush spoke. He left.") == ["George W. Bush spoke.", "He left."]


def test_closing_quote_stays_with_its_sentence():
    text = "\u201cWe will win.\u201d The coach smiled."
    assert pieces(text) == ["\u201cWe will win.\u201d", "The coach smiled."]


def test_speaker_clause_after_a_quote_is_the_same_sentence():
    text = "\u201cWe will win!\u201d he said. Nobody believed him."
    assert pieces(text) == ["\u201cWe will win!\u201d he said.", "Nobody believed him."]


def test_line_paragraphs_split_after_sentence_punctuation_only():
    text = "The vote passed.\nTurnout was low\nin the north.\n\u201cIt will hold.\u201d\u00a0\nDone"
    assert pieces(text, paragraph_spans) == ["The vote passed.", "Turnout was low\nin the north.", "\u201cIt will hold.\u201d", "Done"]


def test_crlf_line_paragraphs():
    text = "One line.\r\nTwo lines:\r\nthree."
    assert pieces(text, paragraph_spans) == ["One line.", "Two lines:", "three."]


def test_abbreviation_that_ends_a_sentence_before_an_opener():
    text = "The plant moved to the U.S. The workers stayed in Ohio."
    assert pieces(text) == ["The plant moved to the U.S.", "The workers stayed in Ohio."]
    assert pieces("The U.S. Senate voted. It passed.") == ["The U.S. Senate voted.", "It passed."]
    assert pieces("Talks with Gov. The Rock went well.") == ["Talks with Gov. The Rock went well."]
