"""Markdown (CommonMark + tables + strikethrough) to prose segments with exact source offsets.

markdown-it-py gives block tokens with line ranges but no positions inside a line, so each
inline token's `content` is aligned with its source lines (block markers such as `>`, list
bullets and indentation are what it lacks), and the inline children are then walked over that
content, consuming their markup: emphasis markers, link syntax and the backslash of an escape
become gaps; entities decode to one character mapped to the whole entity; inline code, images
and autolinks become one object character (see common.py). Image alt text is not prose: it is
the image's `alt` attribute, which the HTML parser does not read either.

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

from ..document import Document
from ..patterns import compile_regex
from ..text.quotes import mark_quotes
from ..source import Source
from .common import SegmentBuilder
from .directives import find_directives

MAX_NESTING = 20
# What markdown-it strips from the front of a line: indentation, `>`, list bullets, ATX `#`s.
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


class _Aligner:
    """Map an inline token's content to source offsets, line by line, as contiguous chunks."""

    def __init__(self, lines: _Lines, content: str, first_line: int, table: bool, cursor: dict[int, int]):
        self.content = content
        self.chunks: list[tuple[int, int, int]] = []  # (content start, source start, length)
        text = lines.text
        cpos = 0
        for k, cl in enumerate(content.split("\n")):
            n = first_line + k
            if n >= len(lines.starts):
                break
            ls, le = lines.span(n)
            line = text[ls:le]
            start = cursor.get(n, 0) if table else 0
            p = -1
            if not table:
                q = _PREFIX.match(line).end()
                if line.startswith(cl, q):
                    p = q
            if p < 0:
                p = line.find(cl, start)
            if p >= 0:
                self._add(cpos, ls + p, len(cl))
                if table:
                    cursor[n] = p + len(cl)
            else:  # content differs from the source (tab expansion, escaped pipes): align greedily
                j = start
                for i, ch in enumerate(cl):
                    f = line.find(ch, j)
                    if f >= 0:
                        self._add(cpos + i, ls + f, 1)
                        j = f + 1
                if table:
                    cursor[n] = j
            cpos += len(cl)
            if cpos < len(content):  # the "\n" between content lines: the source's line ending
                self._add(cpos, le, 1)
                cpos += 1
        self._starts = [c[0] for c in self.chunks]

    def _add(self, c: int, s: int, n: int) -> None:
        if n <= 0:
            return
        if self.chunks:
            c0, s0, n0 = self.chunks[-1]
            if c0 + n0 == c and s0 + n0 == s:
                self.chunks[-1] = (c0, s0, n0 + n)
                return
        self.chunks.append((c, s, n))

    def source_at(self, i: int) -> int:
        """Source offset of content char i, or -1 if it has none."""
        k = bisect.bisect_right(self._starts, i) - 1
        if k >= 0:
            c, s, n = self.chunks[k]
            if i < c + n:
                return s + i - c
        return -1

    def source_span(self, a: int, b: int) -> tuple[int, int] | None:
        """Source span from content char a to content char b-1 (inclusive of both ends)."""
        s, e = self.source_at(a), self.source_at(b - 1)
        if s < 0 or e < s:
            return None
        return s, e + 1

    def emit(self, builder: SegmentBuilder, a: int, b: int) -> None:
        """Add content [a, b) to the builder verbatim, chunk by chunk (unaligned chars are dropped)."""
        k = max(bisect.bisect_right(self._starts, a) - 1, 0)
        src = builder.source
        while k < len(self.chunks):
            c, s, n = self.chunks[k]
            if c >= b:
                break
            lo, hi = max(a, c), min(b, c + n)
            if hi > lo:
                ss = s + lo - c
                if src[ss:ss + hi - lo] == self.content[lo:hi]:
                    builder.verbatim(ss, ss + hi - lo)
                else:
                    for i in range(lo, hi):
                        if src[ss + i - lo] == self.content[i]:
                            builder.verbatim(ss + i - lo, ss + i - lo + 1)
            k += 1


def _closing_bracket(content: str, i: int, opening: str = "[", closing: str = "]") -> int:
    """Index of the bracket matching the one at i (nesting and backslash escapes respected), or -1."""
    depth = 0
    j = i
    n = len(content)
    while j < n:
        ch = content[j]
        if ch == "\\":
            j += 2
            continue
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _skip_link_tail(content: str, j: int) -> int:
    """Index just past a link's destination `(...)` or reference `[...]` starting at j."""
    if j < len(content) and content[j] == "(":
        k = _closing_bracket(content, j, "(", ")")
        return k + 1 if k >= 0 else j
    if j < len(content) and content[j] == "[":
        k = content.find("]", j)
        return k + 1 if k >= 0 else j
    return j


def _walk_inline(tok, al: _Aligner, builder: SegmentBuilder, directives: list) -> None:
    """Consume the children of one inline token, adding prose, objects and gaps to builder."""
    content = al.content
    src = builder.source
    pos = 0
    children = tok.children or []
    i = 0
    while i < len(children):
        c = children[i]
        t = c.type
        i += 1
        if t == "text":
            if not c.content:
                continue
            idx = content.find(c.content, pos)
            if idx < 0:
                return
            al.emit(builder, idx, idx + len(c.content))
            pos = idx + len(c.content)
        elif t == "text_special":
            idx = content.find(c.markup, pos)
            if idx < 0:
                return
            end = idx + len(c.markup)
            if c.info == "escape":
                al.emit(builder, idx + 1, end)  # the backslash is markup; the character is prose
            else:
                span = al.source_span(idx, end)
                if span:
                    builder.mapped(c.content, *span)
            pos = end
        elif t in ("softbreak", "hardbreak"):
            idx = content.find("\n", pos)
            if idx < 0:
                return
            s = al.source_at(idx)
            if s >= 0:
                n = 2 if src.startswith("\r\n", s) else 1
                builder.verbatim(s, s + n)
            pos = idx + 1
        elif t in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
            idx = content.find(c.markup, pos)
            if idx >= 0:
                pos = idx + len(c.markup)
        elif t == "code_inline":
            idx = content.find(c.markup, pos)
            if idx < 0:
                return
            end = idx + len(c.markup)
            close = end
            while True:
                close = content.find(c.markup, close)
                if close < 0 or not content.startswith("`", close + len(c.markup)):
                    break
                close += len(c.markup)
                while content.startswith("`", close):
                    close += 1
            end = close + len(c.markup) if close >= 0 else len(content)
            span = al.source_span(idx, end)
            if span:
                builder.obj(*span)
            pos = end
        elif t == "html_inline":
            idx = content.find(c.content, pos)
            if idx < 0:
                return
            end = idx + len(c.content)
            span = al.source_span(idx, end)
            if span:
                directives.extend(find_directives(src, *span))
            pos = end
        elif t == "link_open":
            if c.markup == "autolink" or c.info == "auto":
                idx = content.find("<", pos)
                end = content.find(">", idx + 1) + 1 if idx >= 0 else 0
                if idx < 0 or end <= 0:
                    return
                span = al.source_span(idx, end)
                if span:
                    builder.obj(*span)
                pos = end
                while i < len(children) and children[i].type != "link_close":
                    i += 1
                i += 1
            else:
                idx = content.find("[", pos)
                if idx < 0:
                    return
                pos = idx + 1
        elif t == "link_close":
            idx = content.find("]", pos)
            if idx < 0:
                return
            pos = _skip_link_tail(content, idx + 1)
        elif t == "image":
            idx = content.find("![", pos)
            if idx < 0:
                return
            close = _closing_bracket(content, idx + 1)
            if close < 0:
                return
            end = _skip_link_tail(content, close + 1)
            span = al.source_span(idx, end)
            if span:
                builder.obj(*span)
            pos = end


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


def parse_markdown(source: Source) -> Document:
    """Prose segments of a Markdown document in reading order, with directives."""
    text = source.text
    lines = _Lines(source)
    segments = []
    directives: list[tuple[int, str, tuple[str, ...]]] = []

    fm_end, fm_lines = front_matter(text)
    body = _NEWLINES.sub("\n", text)
    if fm_lines:
        b = SegmentBuilder(text)
        if _front_title(text, fm_end, b):
            seg = b.build("headline")
            if seg is not None:
                segments.append(seg)
        nl = -1
        for _ in range(fm_lines):
            nl = body.find("\n", nl + 1)
        body = "\n" * fm_lines + (body[nl + 1:] if nl >= 0 else "")

    tokens = _parser().parse(body)
    covered = [False] * (len(lines.starts) + 1)
    for k in range(fm_lines):
        covered[k] = True
    stack: list[str] = []
    heading = False
    cursor: dict[int, int] = {}
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
        elif t == "heading_open":
            heading = True
        elif t == "heading_close":
            heading = False
        elif t == "html_block" and tok.map:
            s = lines.starts[tok.map[0]] if tok.map[0] < len(lines.starts) else len(text)
            e = lines.starts[tok.map[1]] if tok.map[1] < len(lines.starts) else len(text)
            directives.extend(find_directives(text, s, e))
        elif t == "inline" and tok.map:
            in_table = bool(stack) and stack[-1] == "table_cell"
            al = _Aligner(lines, tok.content, tok.map[0], in_table, cursor)
            b = SegmentBuilder(text)
            _walk_inline(tok, al, b, directives)
            seg = b.build(_scope(stack, heading))
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
