"""HTML to prose segments with exact source offsets, using the stdlib's tolerant HTMLParser.

Block elements (p, headings, li, blockquote, td/th, figcaption, title, ...) end a segment;
inline elements (a, em, strong, span, ...) leave a gap that is not a character. The content of
script, style, template, code, pre, noscript, svg, math (and form controls) is not prose, and
neither is any attribute; inline `<code>`/`<kbd>`/`<samp>` inside a sentence is one object
character (see common.py). Entities and character references decode to one character mapped to
the whole reference; `<br>` is a "\\n" mapped to the tag. Comments carrying stylecheck
directives become Document.directives.

Positions: HTMLParser's getpos() is (line, column) with lines counted on "\\n" only, so it is
converted with our own "\\n"-only line table, never the editor's LineIndex (a CR-only file is
one HTMLParser line). The element stack is a list, so 10,000 nested divs cost no recursion.
"""
from __future__ import annotations

import html as _html
from html.parser import HTMLParser

from ..document import Document
from ..text.quotes import mark_quotes
from ..source import Source
from .common import SegmentBuilder
from .directives import find_directives

BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li main menu nav ol p "
    "pre section summary table tbody td tfoot th thead title tr ul".split()
)
SKIP = frozenset("script style template code pre noscript svg math textarea select button iframe object canvas kbd samp".split())
# Inline non-prose elements shown as an object inside a sentence.
OBJECTS = frozenset("code kbd samp math svg".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SCOPE_OF = {
    "title": "headline", "h1": "headline", "h2": "headline", "h3": "headline", "h4": "headline",
    "h5": "headline", "h6": "headline", "figcaption": "caption", "caption": "caption",
    "li": "list_item", "blockquote": "blockquote", "td": "table_cell", "th": "table_cell",
}
_STRONG_SCOPES = ("headline", "caption", "table_cell")  # not overridden by a container inside them
# Start tags that implicitly close an open element of these names (a tolerant subset of HTML5).
_CLOSES = {
    "li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "tr": ("tr", "td", "th"),
    "td": ("td", "th"), "th": ("td", "th"), "option": ("option",),
}
_P_CLOSERS = BLOCKS - {"body", "html", "head", "title", "caption", "td", "th", "tr", "tbody", "thead", "tfoot"}


class _Parser(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.nl = [0]
        i = text.find("\n")
        while i >= 0:
            self.nl.append(i + 1)
            i = text.find("\n", i + 1)
        self.stack: list[tuple[str, str]] = []  # (tag, scope in effect inside it)
        self.open_count: dict[str, int] = {}
        self.skip = 0
        self.object_start = -1
        self.builder = SegmentBuilder(text)
        self.scope = "paragraph"
        self.segments = []
        self.directives: list[tuple[int, str, tuple[str, ...]]] = []

    # -- positions -------------------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.nl[line - 1] + col if line - 1 < len(self.nl) else len(self.text)

    def _tag_end(self, start: int) -> int:
        end = self.text.find(">", start)
        return len(self.text) if end < 0 else end + 1

    # -- segments --------------------------------------------------------------------------------
    def _flush(self) -> None:
        if self.builder:
            seg = self.builder.build(self.scope)
            if seg is not None:
                self.segments.append(seg)
            self.builder = SegmentBuilder(self.text)

    def _current_scope(self) -> str:
        return self.stack[-1][1] if self.stack else "paragraph"

    def _start_text(self) -> None:
        if not self.builder:
            self.scope = self._current_scope()

    # -- the element stack -----------------------------------------------------------------------
    def _push(self, tag: str) -> None:
        parent = self._current_scope()
        own = _SCOPE_OF.get(tag)
        scope = parent if own is None or parent in _STRONG_SCOPES and own not in _STRONG_SCOPES else own
        self.stack.append((tag, scope))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        if tag in SKIP:
            self.skip += 1

    def _pop_to(self, tag: str) -> None:
        """Close tag and everything opened inside it; a stray end tag closes nothing."""
        if not self.open_count.get(tag):
            return
        while self.stack:
            name, _ = self.stack.pop()
            self.open_count[name] -= 1
            if name in SKIP:
                self.skip -= 1
            if name == tag:
                return

    def _close_implied(self, tag: str) -> None:
        if tag in _P_CLOSERS and self.open_count.get("p"):
            self._pop_to("p")
        for name in _CLOSES.get(tag, ()):
            if self.open_count.get(name) and self.stack and self.stack[-1][0] in _CLOSES[tag]:
                self._pop_to(self.stack[-1][0])

    # -- HTMLParser callbacks --------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        start = self._offset()
        raw = self.get_starttag_text() or ""
        if tag == "br":
            if not self.skip and self.builder:
                self.builder.mapped("\n", start, start + len(raw))
            return
        if tag in BLOCKS and not self.skip:
            self._flush()
        if tag in VOID:
            return
        if tag in OBJECTS and not self.skip:
            self.object_start = start
        self._close_implied(tag)
        self._push(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in BLOCKS and not self.skip:
            self._flush()
        if tag in OBJECTS and self.object_start >= 0 and self.open_count.get(tag):
            self._pop_to(tag)
            if not self.skip:
                self._start_text()
                self.builder.obj(self.object_start, self._tag_end(self._offset()))
                self.object_start = -1
            return
        self._pop_to(tag)
        if tag in BLOCKS and not self.skip:
            self._flush()

    def handle_data(self, data):
        if self.skip or not data:
            return
        start = self._offset()
        if not self.builder and not data.strip():
            return
        self._start_text()
        self.builder.verbatim(start, start + len(data))

    def _reference(self, raw_start: int, body_len: int) -> None:
        if self.skip:
            return
        end = raw_start + body_len
        if end < len(self.text) and self.text[end] == ";":
            end += 1
        raw = self.text[raw_start:end]
        decoded = _html.unescape(raw)
        self._start_text()
        # "&notit;" decodes its legacy prefix only ("¬it;"): the undecoded tail stays verbatim
        keep = 0
        while keep < len(raw) - 1 and keep < len(decoded) and raw[-1 - keep] == decoded[-1 - keep]:
            keep += 1
        head = decoded[:len(decoded) - keep]
        if decoded == raw or len(head) != 1:  # unknown, or a rare multi-character entity: leave as written
            self.builder.verbatim(raw_start, end)
        else:
            self.builder.mapped(head, raw_start, end - keep)
            self.builder.verbatim(end - keep, end)

    def handle_entityref(self, name):
        self._reference(self._offset(), 1 + len(name))

    def handle_charref(self, name):
        self._reference(self._offset(), 2 + len(name))

    def handle_comment(self, data):
        start = self._offset()
        end = self._tag_end(start + 4 + len(data))
        self.directives.extend(find_directives(self.text, start, end))

    def close(self):
        super().close()
        self._flush()

    def parse_marked_section(self, i, report=1):
        """`<![CDATA[...]]>` and kin; after `<![` anything else is a bogus comment in HTML5, not an error.

        The standard library raises AssertionError on `<![word` with an unknown keyword, and on
        `<![` with no word, after moving its position past `<![`: the position is put back, or
        every later offset would be off by three.
        """
        position = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position
            j = self.rawdata.find(">", i + 3)
            return j + 1 if j >= 0 else -1


def parse_html(source: Source) -> Document:
    """Prose segments of an HTML document in reading order, with directives."""
    p = _Parser(source.text)
    p.feed(source.text)
    p.close()
    segments = p.segments
    for n, seg in enumerate(segments):
        seg.index = n
    mark_quotes(segments)
    return Document(source.text, "html", segments, sorted(p.directives))

