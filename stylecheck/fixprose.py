"""A fix changes prose characters only: the edits that make a suggestion in Markdown and HTML.

A finding's span that crosses markup (a tag, an attribute, link syntax, a comment, code) is
rewritten into edits of the prose characters inside it, or not fixed at all ("display-only":
the suggestion is shown, never applied). Edits that could make markup where they join text are
checked by parsing the paragraph before and after. No edit deletes an invisible character that
is spelling where it stands (text/invisible.py). fixes.fix_for calls `prose_edits` as the
engine makes each finding.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Tuple

from .source import Source

if TYPE_CHECKING:
    from .document import Document

Edit = Tuple[int, int, str]  # (start, end, replacement) in source offsets

MAX_REWRITE = 2000  # source characters: a longer span that crosses markup is not rewritten
# characters a replacement may not bring into a format's prose: they would make markup
_MARKUP_CHARS = {"html": "<&", "markdown": "<`*_[]\\|"}


def prose_edits(doc: Document, start: int, end: int, replacement: str) -> tuple[Edit, ...]:
    """The source edits that replace [start, end) by `replacement` changing prose characters only.

    In plain text that is the span itself. In Markdown and HTML a span inside one run of verbatim
    prose (the parser's OffsetMap) is edited as it is; a span that crosses markup is rewritten
    into edits of the prose characters inside it: the replacement read as new source for the span
    (markup kept in it, as a fix that deletes hidden characters around a tag builds it), or as new
    prose for the span's prose ("the <b>the</b>" -> "the" deletes the first "the " and keeps the
    tag). Empty when no rewrite keeps the markup, or the edit would delete an invisible character
    that is spelling where it stands; then the finding's suggestion is shown, never applied.
    """
    from .text.invisible import deletes_orthography

    source = doc.source
    if doc.format == "text":
        edits: tuple[Edit, ...] | None = ((start, end, replacement),)
    elif _brings_markup(source[start:end], replacement, _MARKUP_CHARS.get(doc.format, "")):
        return ()
    else:
        edits = doc.layer.shared("fixes.prose", lambda: _Prose(doc)).edits(start, end, replacement)
        if edits and not _keeps_markup(doc, edits):
            return ()
    if not edits or not any(deletes_orthography(source, s, e, r) for s, e, r in edits):
        return edits or ()
    return _sparing_orthography(source, edits)


def _brings_markup(old: str, replacement: str, chars: str) -> bool:
    """Whether the replacement holds markup characters the span did not (one that keeps the span's
    own markup, as deleting hidden characters around a tag does, is checked by `_keeps_markup`)."""
    return any(replacement.count(c) > old.count(c) for c in set(replacement) if c in chars)


def _sparing_orthography(source: str, edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
    """Deletions that keep the invisible characters a script needs (a run of hidden characters
    holding an emoji's joiner loses the others); () when a replacement would drop one."""
    from .text.invisible import deletes_orthography, orthographic

    out: list[Edit] = []
    for s, e, r in edits:
        if r:
            if deletes_orthography(source, s, e, r):
                return ()
            out.append((s, e, r))
            continue
        keep = [i for i in range(s, e) if orthographic(source, i)]
        for a, b in zip([s] + [i + 1 for i in keep], keep + [e]):
            if b > a:
                out.append((a, b, ""))
    return tuple(out)


def _keeps_markup(doc: Document, edits: tuple[Edit, ...]) -> bool:
    """Whether the edits leave the markup as it was: prose edits can still make markup where
    they leave it ("word \u200b \n" in Markdown becomes a hard line break once the hidden
    character goes; "a < b" in HTML a tag once the space goes). When markup could form there,
    the part of the document around the edits is parsed before and after, and what is not prose
    must be the same."""
    source = doc.source
    lo, hi = edits[0][0], edits[-1][1]
    if not _could_make_markup(doc, lo, hi, edits):
        return True
    if doc.format == "html":
        a, b = 0, len(source)
    else:  # Markdown: the paragraph (between blank lines) holding the edits
        k = source.rfind("\n\n", 0, lo)
        a, b = (k + 2 if k >= 0 else 0), source.find("\n\n", hi)
        b = len(source) if b < 0 else b
    before = source[a:b]
    from .fixes import splice

    after = splice(before, [(s - a, e - a, r) for s, e, r in edits])
    known = doc.layer.shared("fixes.skeletons", dict)  # a paragraph's, for its other findings
    if (a, b) not in known:
        known[a, b] = _markup_of(before, doc.format)
    return known[a, b] == _markup_of(after, doc.format)


def _markup_of(text: str, fmt: str) -> tuple:
    """What is not prose in a fragment: the source between its prose runs and, in Markdown, the
    parse's structure too (the same `*`s can close a different emphasis: "*the*the" -> "*the *the")."""
    from .parsers import parse

    skeleton = _skeleton(parse(Source("fragment", text), fmt))
    return (skeleton, _md_structure(text)) if fmt == "markdown" else (skeleton, ())


def _md_structure(text: str) -> list[tuple]:
    """markdown-it's tokens, prose text and soft breaks left out."""
    from .parsers.markdown import _parser

    out: list[tuple] = []

    def walk(tokens) -> None:
        for t in tokens:
            if t.type not in ("text", "softbreak"):
                raw = t.content if t.type in ("code_inline", "code_block", "fence", "html_inline", "html_block") else ""
                out.append((t.type, t.tag, t.markup, t.info, t.nesting, tuple(sorted((t.attrs or {}).items())), raw))
            walk(t.children or [])

    walk(_parser().parse(text))
    return out


_MD_SENSITIVE = set("*_`[]<>!\\&~|#")


def _could_make_markup(doc: Document, lo: int, hi: int, edits: tuple[Edit, ...]) -> bool:
    """Whether markup could form where the edits join text: HTML, a raw "<" or "&" of the prose
    just before them; Markdown, a delimiter near them, or an edit at a line's start or end."""
    source = doc.source
    near = source[max(0, lo - 40):min(len(source), hi + 40)]
    if doc.format == "html":
        prose = doc.layer.shared("fixes.prose", lambda: _Prose(doc))
        return any(source[i] in "<&" and prose.is_prose(i) for i in range(max(0, lo - 40), lo))
    if any(c in _MD_SENSITIVE for c in near) or any(c in _MD_SENSITIVE for _, _, r in edits for c in r):
        return True
    line_start = max(source.rfind("\n", 0, lo), source.rfind("\r", 0, lo)) + 1
    ends = [i for i in (source.find("\n", hi), source.find("\r", hi)) if i >= 0]
    line_end = min(ends) if ends else len(source)
    return not source[line_start:lo].strip() or not source[hi:line_end].strip()


def _skeleton(doc: Document) -> list[str]:
    """What a document holds besides verbatim prose: the source between its prose runs, in order."""
    prose = _Prose(doc)
    spans = []  # prose characters, as [start, end) source spans
    for s, e, t, tl, seg in prose.rows:
        if e - s != tl:
            continue
        if doc.source[s:e] == seg.text[t:t + tl]:
            spans.append((s, e))
        else:
            spans.extend((i, i + 1) for i in range(s, e) if prose.is_prose(i))
    out, pos = [], 0
    for s, e in sorted(spans):
        if s > pos:
            out.append(doc.source[pos:s])
        pos = max(pos, e)
    if pos < len(doc.source):
        out.append(doc.source[pos:])
    return out


class _Prose:
    """A document's prose runs by source offset: which source characters are prose, and where
    each sits in its segment's text."""

    def __init__(self, doc: Document):
        self.source = doc.source
        rows = sorted((s, s + sl, t, tl, seg) for seg in doc.segments for t, s, tl, sl in seg.map.runs)
        self.rows = rows
        self.starts = [r[0] for r in rows]

    def _row(self, i: int):
        k = bisect_right(self.starts, i) - 1
        return self.rows[k] if k >= 0 and i < self.rows[k][1] else None

    def is_prose(self, i: int) -> bool:
        """Whether source[i] is a character of verbatim prose (a whitespace character may stand
        for another: a parser that writes a line break as a space)."""
        row = self._row(i)
        if row is None or row[1] - row[0] != row[3]:
            return False
        c, p = self.source[i], row[4].text[row[2] + i - row[0]]
        return c == p or c.isspace() and p.isspace()

    def _insertable(self, i: int) -> bool:
        """Whether new text may go in at source offset i: inside or at the edge of verbatim prose."""
        return self.is_prose(i) or i > 0 and self.is_prose(i - 1)

    def edits(self, start: int, end: int, replacement: str) -> tuple[Edit, ...] | None:
        if start == end:
            return ((start, end, replacement),) if self._insertable(start) else None
        if all(self.is_prose(i) for i in range(start, end)):
            return ((start, end, replacement),)
        if end - start > MAX_REWRITE:
            return None
        return self._as_source(start, end, replacement) or self._as_prose(start, end, replacement)

    def _valid(self, edits: list[Edit]) -> bool:
        return all(all(self.is_prose(i) for i in range(s, e)) if e > s else self._insertable(s) for s, e, _ in edits)

    def _as_source(self, start: int, end: int, replacement: str) -> tuple[Edit, ...] | None:
        """The replacement as new source text for the span: its differences from the span, when
        they fall on prose characters only."""
        from difflib import SequenceMatcher

        old = self.source[start:end]
        ops = SequenceMatcher(None, old, replacement, autojunk=False).get_opcodes()
        edits = [(start + i1, start + i2, replacement[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal"]
        return tuple(edits) if self._valid(edits) else None

    def _as_prose(self, start: int, end: int, replacement: str) -> tuple[Edit, ...] | None:
        """The replacement as new prose for the span's prose: the one change it makes, placed
        where it needs the fewest edits of prose characters (a deletion may take several, one
        per run; new text goes into one run)."""
        first, last = self._row(start), self._row(end - 1)
        if first is None or last is None or first[4] is not last[4]:
            return None
        seg = first[4]
        t0 = _prose_offset(first, start)
        t1 = _prose_offset(last, end - 1, after=True)
        if t0 is None or t1 is None:
            return None
        old = seg.text[t0:t1]
        best = None
        for i, k in _alignments(old, replacement):
            edits = self._pieces(seg, t0 + i, t0 + len(old) - k, replacement[i:len(replacement) - k])
            if edits is not None and (best is None or len(edits) < len(best)):
                best = edits
                if len(best) == 1:
                    break
        return best

    def _pieces(self, seg, a: int, b: int, new: str) -> tuple[Edit, ...] | None:
        """Source edits replacing segment text [a, b) by new, one per run of prose it covers."""
        srcs = [seg.map.to_source(t) for t in range(a, b)]
        if not all(self.is_prose(p) for p in srcs):
            return None
        if not srcs:  # an insertion: after the character before it, else before the one after it
            if a > 0 and self.is_prose(p := seg.map.to_source(a - 1)):
                return ((p + 1, p + 1, new),)
            if a < len(seg.text) and self.is_prose(p := seg.map.to_source(a)):
                return ((p, p, new),)
            return None
        runs = [[srcs[0], srcs[0] + 1]]
        for p in srcs[1:]:
            if p == runs[-1][1]:
                runs[-1][1] = p + 1
            else:
                runs.append([p, p + 1])
        if new and len(runs) > 1:
            return None  # new text spread over several runs would be a guess
        return tuple((s, e, new if n == 0 else "") for n, (s, e) in enumerate(runs))


def _prose_offset(row, i: int, after: bool = False) -> int | None:
    """The segment offset of source offset i in its run (just after it when `after`)."""
    s, e, t, tl, _ = row
    if e - s == tl:
        return t + i - s + (1 if after else 0)
    if after and i == e - 1:
        return t + tl
    if not after and i == s:
        return t
    return None


def _alignments(old: str, new: str) -> list[tuple[int, int]]:
    """(prefix kept, suffix kept) for each smallest single change turning old into new, the
    change at the end first ("the the" -> "the": delete the second word, or else the first)."""
    n = min(len(old), len(new))
    p = 0
    while p < n and old[p] == new[p]:
        p += 1
    q = 0
    while q < n and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    m = min(p + q, n)
    return [(i, m - i) for i in range(min(p, m), max(0, m - q) - 1, -1)]
