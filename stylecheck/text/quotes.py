"""Find direct quotations in a run of prose segments.

Double quotes (straight or curly, „…“ and «…» too) delimit speech, and any single quotes inside
them belong to the outer quote. Curly single quotes ‘…’ are speech marks in British copy, where
double quotes nest inside them; they are told apart from apostrophes by position: an opening ‘
stands before a word and after a space or bracket (so `’90s`, `don’t` never open), and a closing
’ follows a word and is not followed by a letter (so `don’t` never closes). A plural possessive
(`the players’ union`) looks like a closing mark, so a ’ after "s" and before another word is
passed over while a better closer follows. A ‘ that is never closed is dropped unless it opens
the paragraph (speech carried on into the next paragraph). A straight " between a digit or
letter and a word character (`12"-long`) is an inch mark, not a quote.

A paragraph that ends inside a quote leaves it open, and the next paragraph that opens with a
quote mark carries that quote on (the news convention of omitting the closing mark between
paragraphs). The same happens inside one segment when paragraphs were run together: an opening
mark right after a finished sentence inside an open quote ends that quote (unclosed) and starts
one that continues it.
"""
from __future__ import annotations

from ..document import Quote, Segment
from ..patterns import compile_re

_DOUBLE = {"\u201c": "\u201d\"", "\u201e": "\u201c\u201d\"", "\u00ab": "\u00bb"}  # opener -> closers
_LEFT_SINGLE, _RIGHT_SINGLE = "\u2018", "\u2019"
_BEFORE_OPEN = " \t\r\n\u00a0([{\u2014\u2013-/:;,\ufffc\u201c\u201e\u00ab\""
_ELISIONS = ("em", "til", "tis", "twas", "n")  # ‘em, ‘til … are mis-curled apostrophes, not quotes
_MAX_RETRIES = 8
# Every branch of the scan acts only on one of these marks, so it visits them alone (one C-level
# search) instead of stepping through every character in Python.
_MARKS = compile_re("[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]")


def _opens_after(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _BEFORE_OPEN or text[i - 1] == _LEFT_SINGLE


def _straight_opens(text: str, i: int) -> bool:
    return _opens_after(text, i) and i + 1 < len(text) and not text[i + 1].isspace()


def _inch_mark(text: str, i: int) -> bool:
    """A straight double quote inside a token, like 12"-long or 5"x7."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and (text[i + 1].isalnum() or text[i + 1] == "-")


def _digit_inch(text: str, i: int) -> bool:
    """12" pipe: a digit, the mark, a space and a lowercase word, with a later closing mark."""
    if not (i > 0 and text[i - 1].isdigit() and text[i + 1:i + 2] == " " and text[i + 2:i + 3].islower()):
        return False
    j = text.find('"', i + 1)
    return j > 0 and not text[j - 1].isspace()


def _reopens(text: str, i: int, start: int) -> bool:
    """An opening mark after a finished sentence while a quote is open: a new paragraph of the
    same speech whose previous paragraph omitted its closing mark (BBC copy often runs several
    paragraphs together on one line)."""
    if i + 1 >= len(text) or not text[i - 1].isspace() or not (text[i + 1].isalnum() or text[i + 1] == "\u2018"):
        return False
    j = i - 1
    while j > start and text[j].isspace():
        j -= 1
    return j > start + 1 and text[j] in ".!?"


def _end_before(text: str, i: int) -> int:
    j = i
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j


def _single_opens(text: str, i: int) -> bool:
    if not _opens_after(text, i) or i + 1 >= len(text) or not text[i + 1].isalpha():
        return False
    j = i + 1
    while j < len(text) and text[j].isalpha():
        j += 1
    return text[i + 1:j].casefold() not in _ELISIONS


def _single_closes(text: str, i: int) -> bool:
    if i == 0 or text[i - 1].isspace():
        return False
    nxt = text[i + 1:i + 2]
    if nxt.isalnum():
        return False  # don’t, rock’n’roll
    if text[i - 1] in "sS" and nxt.isspace() and text[i + 2:i + 3].isalnum():
        return False  # the players’ union: a possessive, most likely
    return True


def _scan(text: str, rejected: set[int]) -> tuple[list[Quote], int | None]:
    """One pass: the quotes found, and a single-quote opener to reject (then scan again)."""
    quotes: list[Quote] = []
    start = -1
    mode = ""  # "" outside, '"' straight, a curly double opener, or "‘"
    nested = False  # inside ‘…’: a double-quoted quote nested in it is open
    reopened = False  # the open quote carries on one whose closing mark was omitted
    lead = len(text) - len(text.lstrip())
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if not mode:
            if ch == '"':
                if _straight_opens(text, i):
                    start, mode = i, '"'
            elif ch in _DOUBLE:
                start, mode = i, ch
            elif ch == _LEFT_SINGLE and i not in rejected and _single_opens(text, i):
                start, mode, nested = i, _LEFT_SINGLE, False
        elif mode == '"':
            if ch == '"' and _reopens(text, i, start):
                quotes.append(Quote(start, _end_before(text, i), closed=False, continues=reopened))
                start, reopened = i, True
            elif (ch == '"' and not _inch_mark(text, i) and not _digit_inch(text, i)) or ch == "\u201d":
                quotes.append(Quote(start, i + 1, continues=reopened))
                mode, reopened = "", False
        elif mode == _LEFT_SINGLE:
            if ch in "\u201c\u201e\u00ab" or (ch == '"' and not nested and _straight_opens(text, i)):
                nested = True
            elif nested and ch in "\u201d\u00bb\"":
                nested = False
            elif ch == _RIGHT_SINGLE and not nested and _single_closes(text, i):
                quotes.append(Quote(start, i + 1))
                mode = ""
        elif ch == mode and _reopens(text, i, start):
            quotes.append(Quote(start, _end_before(text, i), closed=False, continues=reopened))
            start, reopened = i, True
        elif ch in _DOUBLE[mode] and not (ch == '"' and text[i - 1].isspace()):
            quotes.append(Quote(start, i + 1, continues=reopened))
            mode, reopened = "", False
    if mode:
        if mode == _LEFT_SINGLE and start != lead:
            return quotes, start
        end = len(text.rstrip())
        if end > start + 1:
            quotes.append(Quote(start, end, closed=False, continues=reopened))
    return quotes, None


def find_quotes(text: str) -> list[Quote]:
    """Top-level quoted spans of one paragraph, marks included."""
    rejected: set[int] = set()
    while True:
        quotes, bad = _scan(text, rejected)
        if bad is None:
            return quotes
        rejected.add(bad)
        if len(rejected) > _MAX_RETRIES:  # a paragraph full of stray ‘ marks: ignore single quotes
            rejected.update(i for i, ch in enumerate(text) if ch == _LEFT_SINGLE)


def mark_quotes(segments: list[Segment], open_before: bool = False) -> bool:
    """Fill each segment's quotes, linking quotes that run across paragraphs.

    open_before: a quote was left open just before these segments (a document checked in
    parts). Returns whether one is left open after them.
    """
    for seg in segments:
        seg.quotes = find_quotes(seg.text)
        if open_before and seg.quotes and seg.quotes[0].start == len(seg.text) - len(seg.text.lstrip()):
            seg.quotes[0].continues = True
        open_before = bool(seg.quotes) and not seg.quotes[-1].closed
    return open_before
