"""Where markdown-it's inline content was cut from, taken from the parser's own state.

markdown-it gives each block a line range (`token.map`) but no columns, and the tokens inside
a block no positions at all (upstream declines to add them: it would need a new parser
design). So positions come from the parser itself, never from searching for a token's text:

- Blocks. The rules that cut inline content from the source (paragraph, setext heading, ATX
  heading, table) are wrapped. When one succeeds, the block state it cut the content from
  (`bMarks`/`eMarks`/`tShift`, the block indent) is read once more, the same way the rule
  read it, to record which source offset each character of the inline token's `content`
  came from: a Placement, kept in `token.meta[PLACEMENT]`.
- Inlines. A child token starts where the one before it ended, and reaches as far as what it
  consumed (its text, its markup). Where that is grammar (a link's destination and title, a
  code span's closing run, an image, an autolink), the inline rule that made it is wrapped
  too and notes where it stopped, in `meta[END]` of the last token it pushed.

Invariant (tests/test_markdown_positions.py): a Placement maps content characters to
strictly increasing offsets inside the token's own lines, and each mapped character is the
character found there. A placement is recorded only after the characters it maps have been
compared with `content`, so a future markdown-it that cuts differently leaves a token
unplaced (and its prose out) rather than misplaced.
"""
from __future__ import annotations

import regex

from ..patterns import compile_regex

try:  # the CommonMark trim set (markdown-it-py >= 4); older versions trim with str.strip()
    from markdown_it.common.utils import MD_TRIM_CHARS as TRIM
except ImportError:  # pragma: no cover - markdown-it-py 3
    TRIM = None
_TRIM_RUN = compile_regex(f"[{regex.escape(TRIM)}]*" if TRIM else r"\s*")

PLACEMENT = "stylecheck.placement"
END = "stylecheck.end"  # in a token's meta: where in its inline content the construct it closes ends
Run = tuple[int, int, int]  # (content start, source start, length) in markdown-it's source


class Placement:
    """The source offset of each character of one inline token's content, as runs.

    A character no run covers has no source: a space markdown-it inserted for a tab stop.
    """

    __slots__ = ("runs",)

    def __init__(self, runs: list[Run]):
        self.runs = runs


def _placed(content: str, pieces: list[tuple[int, int, int]], src: str) -> Placement | None:
    """Placement for content cut as `pieces` (padding, start, end), then trimmed as markdown-it trims.

    Each piece is `padding` inserted spaces (tab stops expanded) then src[start:end]. A piece
    that takes its line's `\n` gets that as a run of its own, so no run crosses a line.
    """
    if len(pieces) == 1 and not pieces[0][0] and not src.endswith("\n", 0, pieces[0][2]):  # one line, as is
        _, s, e = pieces[0]
        start = _TRIM_RUN.match(src, s, e).end()
        if start + len(content) > e or not src.startswith(content, start):
            return None
        return Placement([(0, start, len(content))] if content else [])
    cut = "".join(" " * pad + src[s:e] for pad, s, e in pieces)
    lead = _lead(cut)
    if cut[lead:lead + len(content)] != content:
        return None
    runs: list[Run] = []
    c = -lead  # content index of the next character cut
    for pad, s, e in pieces:
        c += pad
        parts = ((s, e - 1), (e - 1, e)) if e > s and src[e - 1] == "\n" else ((s, e),)
        for a, b in parts:
            at = c + a - s
            lo, hi = max(at, 0), min(at + b - a, len(content))
            if hi > lo:
                runs.append((lo, a + lo - at, hi - lo))
        c += e - s
    return Placement(runs)


def _lines(state, begin: int, end: int, indent: int) -> list[tuple[int, int, int]]:
    """(padding, start, end) of what StateBlock.getLines(begin, end, indent, False) cuts per line."""
    src = state.src
    out = []
    for line in range(begin, end):
        indent_now = 0
        start = first = state.bMarks[line]
        last = state.eMarks[line] + 1 if line + 1 < end else state.eMarks[line]
        if not indent:
            out.append((0, first, last))
            continue
        while first < last and indent_now < indent:
            ch = src[first]
            if ch == "\t":
                indent_now += 4 - (indent_now + state.bsCount[line]) % 4
            elif ch == " " or first - start < state.tShift[line]:
                indent_now += 1
            else:
                break
            first += 1
        out.append((max(indent_now - indent, 0), first, last))
    return out


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip(TRIM))


def _place_lines(state, tokens) -> None:
    """Paragraph or setext heading: content = trim(getLines(first line, end, blkIndent)).

    The lines are the opening token's map, less the underline of a setext heading.
    """
    opening = tokens[0] if tokens and tokens[0].map else None
    for tok in tokens:
        if tok.type == "inline" and opening is not None:
            end = opening.map[1] - (opening.type == "heading_open")
            placed = _placed(tok.content, _lines(state, opening.map[0], end, state.blkIndent), state.src)
            if placed:
                tok.meta[PLACEMENT] = placed


def _place_heading(state, tokens) -> None:
    """ATX heading: content = trim(the line after its `#` run, closing `#`s removed)."""
    for tok in tokens:
        if tok.type == "inline" and tok.map:
            line = tok.map[0]
            pos, end = state.bMarks[line] + state.tShift[line], state.eMarks[line]
            while pos < end and state.src[pos] == "#":
                pos += 1
            placed = _placed(tok.content, [(0, pos, end)], state.src)
            if placed:
                tok.meta[PLACEMENT] = placed


def _row_cells(src: str, start: int, end: int) -> list[list[tuple[int, int, int]]]:
    """The cells of one table row as pieces, split the way the table rule's escapedSplit does.

    An escaped pipe `\\|` is a pipe inside a cell and loses its backslash, so one cell can be
    several pieces; empty first and last columns (outer pipes) are dropped, and each cell is
    trimmed as the rule trims it.
    """
    text = src[start:end]
    start += _lead(text)
    line = text.strip(TRIM)
    columns: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last = 0
    escaped = False
    for pos, ch in enumerate(line):
        if ch == "|":
            if not escaped:
                columns.append(current + [(last, pos)])
                current, last = [], pos + 1
            else:
                current.append((last, pos - 1))
                last = pos
        escaped = ch == "\\"
    columns.append(current + [(last, len(line))])
    if columns and all(a == b for a, b in columns[0]):
        columns.pop(0)
    if columns and all(a == b for a, b in columns[-1]):
        columns.pop()
    return [[(0, start + a, start + b) for a, b in col if b > a] for col in columns]


def _place_table(state, tokens) -> None:
    """Table: the i-th inline token of a row is the row's i-th cell (cells past the row are empty)."""
    rows: dict[int, list] = {}
    for tok in tokens:
        if tok.type == "inline" and tok.map:
            rows.setdefault(tok.map[0], []).append(tok)
    for line, cells in rows.items():
        start = state.bMarks[line] + state.tShift[line]
        for tok, pieces in zip(cells, _row_cells(state.src, start, state.eMarks[line])):
            placed = _placed(tok.content, pieces, state.src) if tok.content else None
            if placed:
                tok.meta[PLACEMENT] = placed


def _recording(rule, place):
    """A block rule, unchanged, that also places the inline tokens it pushed when it succeeds."""
    def recorded(state, start_line, end_line, silent):
        if silent:  # a look-ahead (can this line end a paragraph?): nothing is pushed
            return rule(state, start_line, end_line, silent)
        n = len(state.tokens)
        ok = rule(state, start_line, end_line, silent)
        if ok:
            place(state, state.tokens[n:])
        return ok
    return recorded


def _ending(rule):
    """An inline rule, unchanged, that also notes where it stopped on the last token it pushed."""
    def recorded(state, silent):
        if silent:
            return rule(state, silent)
        n = len(state.tokens)
        ok = rule(state, silent)
        if ok and len(state.tokens) > n:
            state.tokens[-1].meta[END] = state.pos
        return ok
    return recorded


# Block rules that cut inline content, and how to place it.
_BLOCK = {"paragraph": _place_lines, "lheading": _place_lines, "heading": _place_heading, "table": _place_table}
# Inline rules whose extent is grammar (a link's destination and title, a code span's closing
# run): the last token each pushes (link_close, code_inline, image) records where it stopped.
_INLINE = ("link", "image", "backticks", "autolink")


def install(md) -> None:
    """Make md record where its inline content and inline constructs lie (chains kept as they are)."""
    for rule in list(md.block.ruler.__rules__):
        if rule.name in _BLOCK:
            md.block.ruler.at(rule.name, _recording(rule.fn, _BLOCK[rule.name]), {"alt": list(rule.alt)})
    for rule in list(md.inline.ruler.__rules__):
        if rule.name in _INLINE:
            md.inline.ruler.at(rule.name, _ending(rule.fn), {"alt": list(rule.alt)})
