"""Markdown (CommonMark + tables + strikethrough) to prose segments with exact source offsets.

markdown-it-py gives block tokens line ranges but nothing finer, so the parser is made to say
where things are (mdpositions.py): each inline token carries the source offset of every
character of its `content`, read from the block parser's own line marks, and the inline
rules with grammar-dependent extents (links, code spans, images, autolinks) note where they
stopped. Positions are never found by searching for a token's text. The inline children are
walked over the content in order, each starting where the one before ended: emphasis
markers, link syntax and the backslash of an escape become gaps; entities decode to one
character mapped to the whole entity; inline code, images and autolinks become one object
character (see common.py). Image alt text is not prose: it is the image's `alt` attribute,
which the HTML parser does not read either.

Code blocks, fenced code, raw HTML and front matter (`---` YAML or `+++` TOML at the top) are
not prose; a simple `title` in front matter is read as a headline. `<!-- stylecheck-... -->`
comments in raw HTML become Document.directives. Soft line breaks keep the source's own line
ending in the text. Nesting deeper than markdown-it's maxNesting is not parsed as Markdown;
those lines are kept as plain paragraphs so no prose is lost.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from ..document import Document, Segment
from ..patterns import compile_regex
from ..source import Source, line_starts
from ..text.quotes import mark_quotes
from . import mdpositions
from .common import SegmentBuilder
from .directives import find_directives

MAX_NESTING = 20
# Block markers at the front of a line past maxNesting (which markdown-it leaves unparsed):
# indentation, `>`, list bullets, ATX `#`s.
_PREFIX = compile_regex(r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|#{1,6}(?=[ \t]|$)))*[ \t]*")
_REFERENCE_DEF = compile_regex(r"[ \t>]*\[[^\]]+\]:")
_NEWLINES = compile_regex(r"\r\n?")
_LINE_END = compile_regex(r"\r\n|\r|\n")
_FRONT_TITLE = compile_regex(
    r"""(?:^|(?<=[\r\n]))title[ \t]*[:=][ \t]*"""
    r"""(?:"([^"\\\r\n]*)"|'([^'\r\n]*)'|([^\s"'#|>&*!%@`{\[][^\r\n#]*?))[ \t]*(?=[\r\n]|\Z)"""
)
_LEAF_BLOCKS = {"paragraph_open", "heading_open", "table_open", "fence", "code_block", "html_block", "hr"}
_CONTAINERS = {"blockquote_open": "blockquote", "list_item_open": "list_item", "th_open": "table_cell", "td_open": "table_cell"}


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    md.disable("text_join")  # keep escapes and entities as their own tokens, with their markup
    mdpositions.install(md)
    return md


class _Lines:
    """Source lines by 0-based number: where each starts and where its text ends."""

    def __init__(self, source: Source):
        self.text = source.text
        self.starts = source.lines.starts

    def span(self, n: int) -> tuple[int, int]:
        s = self.starts[n]
        e = self.starts[n + 1] if n + 1 < len(self.starts) else len(self.text)
        while e > s and self.text[e - 1] in "\r\n":
            e -= 1
        return s, e


def front_matter(text: str) -> tuple[int, int]:
    """(end offset, number of lines) of front matter at the very top, or (0, 0)."""
    for fence in ("---", "+++"):
        m = regex.match(rf"{regex.escape(fence)}[ \t]*(?:\r\n|\r|\n)", text)
        if not m:
            continue
        closers = (fence, "...") if fence == "---" else (fence,)
        pos = m.end()
        lines = 1
        while pos < len(text):
            nl = _LINE_END.search(text, pos)
            end = nl.start() if nl else len(text)
            lines += 1
            if text[pos:end].rstrip() in closers:
                return (nl.end() if nl else len(text)), lines
            pos = nl.end() if nl else len(text)
        return 0, 0  # never closed: not front matter
    return 0, 0


class _BodyIndex:
    """Offsets in the text markdown-it parsed (one `\n` per line break) to offsets in the source."""

    def __init__(self, body: str, source: Source):
        self.source = source.text
        self.body_starts = line_starts(body)
        self.src_starts = source.lines.starts

    def to_source(self, b: int) -> int:
        k = bisect.bisect_right(self.body_starts, b) - 1
        return self.src_starts[k] + b - self.body_starts[k]


class _Placed:
    """One inline token's content characters at their source offsets (from its Placement)."""

    def __init__(self, placement, index: _BodyIndex, content: str):
        self.content = content
        self.source = index.source
        # a run never crosses a line, so it stays contiguous in the source
        self.runs = [(c, index.to_source(b), n) for c, b, n in placement.runs]
        self._starts = [r[0] for r in self.runs]

    def source_at(self, i: int) -> int:
        """Source offset of content char i, or -1 if it has none (a space from tab expansion)."""
        k = bisect.bisect_right(self._starts, i) - 1
        if k >= 0:
            c, s, n = self.runs[k]
            if i < c + n:
                return s + i - c
        return -1

    def span(self, a: int, b: int) -> tuple[int, int] | None:
        """Source span from content char a to content char b-1 (inclusive of both ends)."""
        s, e = self.source_at(a), self.source_at(b - 1)
        if s < 0 or e < s:
            return None
        return s, e + 1

    def line_end(self, i: int) -> tuple[int, int] | None:
        """Source span of the line ending that content char i (a `\n`) stands for."""
        s = self.source_at(i)
        if s < 0:
            return None
        return s, s + (2 if self.source.startswith("\r\n", s) else 1)

    def emit(self, builder: SegmentBuilder, a: int, b: int) -> None:
        """Add content [a, b) to the builder verbatim: only characters the source holds as they are."""
        k = max(bisect.bisect_right(self._starts, a) - 1, 0)
        src = self.source
        while k < len(self.runs):
            c, s, n = self.runs[k]
            if c >= b:
                break
            lo, hi = max(a, c), min(b, c + n)
            if hi > lo:
                ss = s + lo - c
                if src[ss:ss + hi - lo] == self.content[lo:hi]:
                    builder.verbatim(ss, ss + hi - lo)
                else:  # markdown-it reads NUL as U+FFFD: that character is not the source's
                    for i in range(lo, hi):
                        if src[ss + i - lo] == self.content[i]:
                            builder.verbatim(ss + i - lo, ss + i - lo + 1)
            k += 1


_MARKERS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


class _InlineWalk:
    """Consume one inline token's children over its content, adding prose, objects and gaps.

    A child starts where the one before it ended and takes what the parser consumed for it
    (mdpositions); a child that does not fit there means the walk and the parser disagree,
    and the rest of the block is left out rather than guessed.
    """

    def __init__(self, tok, placed: _Placed, builder: SegmentBuilder, directives: list):
        self.content, self.placed = tok.content, placed
        self.builder, self.directives = builder, directives
        self.pos = 0

    def run(self, children) -> bool:
        """Walk all children; False if one did not fit where it should start."""
        i = 0
        while i < len(children):
            c = children[i]
            i += 1
            if c.type == "link_open" and (c.markup == "autolink" or c.info == "auto"):
                while i < len(children) and children[i].type != "link_close":
                    i += 1
                if i == len(children) or not self.obj(children[i].meta.get(mdpositions.END, -1)):
                    return False
                i += 1
            elif not self.step(c):
                return False
        return True

    def step(self, c) -> bool:
        t = c.type
        if t == "text":
            return self.verbatim(c.content)
        if t == "text_special":
            return self.special(c)
        if t in ("softbreak", "hardbreak"):
            return self.line_break(t == "hardbreak")
        if t in _MARKERS:
            return self.skip(c.markup)
        if t in ("code_inline", "image"):  # image alt text is not prose (nor is it in HTML)
            return self.obj(c.meta.get(mdpositions.END, -1))
        if t == "html_inline":
            span = self.placed.span(self.pos, self.pos + len(c.content))
            if span and self.skip(c.content):
                self.directives.extend(find_directives(self.placed.source, *span))
                return True
            return False
        if t == "link_open":
            return self.skip("[")
        if t == "link_close":  # `]`, then the destination and title or the reference label
            end = c.meta.get(mdpositions.END, -1)
            if not self.content.startswith("]", self.pos) or end <= self.pos:
                return False
            self.pos = end
            return True
        return False

    def skip(self, markup: str) -> bool:
        """Markup (an emphasis run, a bracket) at pos is a gap."""
        if not self.content.startswith(markup, self.pos):
            return False
        self.pos += len(markup)
        return True

    def verbatim(self, text: str) -> bool:
        start = self.pos
        if not self.skip(text):
            return False
        self.placed.emit(self.builder, start, self.pos)
        return True

    def special(self, c) -> bool:
        """An escape (the backslash is markup, the character prose) or an entity (decoded)."""
        start = self.pos
        if not self.skip(c.markup):
            return False
        if c.info == "escape":
            self.placed.emit(self.builder, start + 1, self.pos)
        else:
            span = self.placed.span(start, self.pos)
            if span:
                self.builder.mapped(c.content, *span)
        return True

    def line_break(self, hard: bool = False) -> bool:
        """Spaces markdown-it dropped, a `\\` for a hard break, the line end, the next line's indent.

        A hard break is markup (the spaces or the backslash make it): its line end stands for
        them all, so a fix never deletes it or leaves the spaces behind to make another."""
        content, p = self.content, self.pos
        while p < len(content) and content[p] == " ":
            p += 1
        if content.startswith("\\\n", p):
            p += 1
        if not content.startswith("\n", p):
            return False
        span = self.placed.line_end(p)
        first = self.placed.source_at(self.pos) if hard and p > self.pos else -1
        if span and 0 <= first < span[0]:
            self.builder.mapped("\n", first, span[1])
        elif span:
            self.builder.verbatim(*span)
        p += 1
        while p < len(content) and content[p] in " \t":
            p += 1
        self.pos = p
        return True

    def obj(self, end: int) -> bool:
        """Inline code, an image or an autolink from pos to end: one object character."""
        if end <= self.pos:
            return False
        span = self.placed.span(self.pos, end)
        if span:
            self.builder.obj(*span)
        self.pos = end
        return True


def _scope(stack: list[str], heading: bool) -> str:
    if heading:
        return "headline"
    for name in reversed(stack):
        if name == "table_cell":
            return "table_cell"
        if name in ("blockquote", "list_item"):
            return name
    return "paragraph"


def _front_title(text: str, end: int, builder: SegmentBuilder) -> bool:
    """Add a simple one-line `title:` / `title =` value from front matter to builder."""
    m = _FRONT_TITLE.search(text, 0, end)
    if not m:
        return False
    g = next(k for k in (1, 2, 3) if m.group(k) is not None)
    builder.verbatim(m.start(g), m.end(g))
    return True


def _body(text: str) -> tuple[str, int, Segment | None]:
    """(what markdown-it parses, front matter lines, the front matter title as a headline).

    Line breaks become `\n` and front matter becomes blank lines, so line numbers stay the
    source's and `_BodyIndex` can map offsets back line by line.
    """
    fm_end, fm_lines = front_matter(text)
    body = _NEWLINES.sub("\n", text)
    if not fm_lines:
        return body, 0, None
    b = SegmentBuilder(text)
    title = b.build("headline") if _front_title(text, fm_end, b) else None
    nl = -1
    for _ in range(fm_lines):
        nl = body.find("\n", nl + 1)
    return "\n" * fm_lines + (body[nl + 1:] if nl >= 0 else ""), fm_lines, title


def _inline_segment(tok, index: _BodyIndex, directives: list, scope: str) -> Segment | None:
    """The prose of one inline token, or None (no prose, or no placement for its content)."""
    placement = tok.meta.get(mdpositions.PLACEMENT)
    if placement is None:
        return None
    b = SegmentBuilder(index.source)
    _InlineWalk(tok, _Placed(placement, index, tok.content), b, directives).run(tok.children or [])
    return b.build(scope)


def parse_markdown(source: Source) -> Document:
    """Prose segments of a Markdown document in reading order, with directives."""
    text = source.text
    lines = _Lines(source)
    directives: list[tuple[int, str, tuple[str, ...]]] = []
    body, fm_lines, title = _body(text)
    segments = [title] if title is not None else []
    tokens = _parser().parse(body)
    index = _BodyIndex(body, source)
    covered = [k < fm_lines for k in range(len(lines.starts) + 1)]
    stack: list[str] = []
    heading = False
    for tok in tokens:
        t = tok.type
        if t in _LEAF_BLOCKS and tok.map:
            for k in range(tok.map[0], min(tok.map[1], len(covered))):
                covered[k] = True
        if t in _CONTAINERS:
            stack.append(_CONTAINERS[t])
        elif t in ("blockquote_close", "list_item_close", "th_close", "td_close"):
            if stack:
                stack.pop()
        elif t in ("heading_open", "heading_close"):
            heading = t == "heading_open"
        elif t == "html_block" and tok.map:
            s = lines.starts[tok.map[0]] if tok.map[0] < len(lines.starts) else len(text)
            e = lines.starts[tok.map[1]] if tok.map[1] < len(lines.starts) else len(text)
            directives.extend(find_directives(text, s, e))
        elif t == "inline" and tok.map:
            seg = _inline_segment(tok, index, directives, _scope(stack, heading))
            if seg is not None:
                segments.append(seg)
    if any(tok.level >= MAX_NESTING - 1 for tok in tokens):  # markdown-it stopped nesting here
        segments.extend(_uncovered(lines, covered))
    segments.sort(key=lambda sg: sg.map.runs[0][1] if sg.map.runs else 0)
    for n, seg in enumerate(segments):
        seg.index = n
    mark_quotes(segments)
    directives.sort()
    return Document(text, "markdown", segments, directives)


def _uncovered(lines: _Lines, covered: list[bool]):
    """Paragraphs for non-blank lines no block token claimed (nesting past maxNesting)."""
    text = lines.text
    b = SegmentBuilder(text)
    for n in range(len(lines.starts)):
        ls, le = lines.span(n)
        line = text[ls:le]
        if covered[n] or not line.strip() or _REFERENCE_DEF.match(line):
            seg = b.build() if b else None
            if seg is not None:
                yield seg
            b = SegmentBuilder(text)
            continue
        if b:
            b.verbatim(lines.span(n - 1)[1], ls)  # the line ending between two lines
        q = _PREFIX.match(line).end()
        b.verbatim(ls + q, le)
    seg = b.build() if b else None
    if seg is not None:
        yield seg
