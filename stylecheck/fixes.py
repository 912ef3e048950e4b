"""Fixes: which edits a finding may make, chosen by applicability, applied byte-exactly, re-linted, written atomically.

The one place fixes are made, for `--fix`/`--diff`, the server's `/v1/fix` and the language
server's "fix all". A fix pass applies non-overlapping replacements; passes repeat until
nothing is left to fix (at most MAX_PASSES). Fixes that introduce findings the original did
not have, or do not converge, are all undone. Every re-lint is a whole, error-free
`Linter.run`: a fix is never verified against a partial check.

A fix changes prose characters only (`prose_edits`, called by the engine as each finding is
made): a span that crosses markup (a tag, an attribute, link syntax, a comment, code) is fixed
by edits of the prose inside it, or not at all ("display-only": the suggestion is shown, never
applied). No fix deletes an invisible character that is spelling where it stands
(text/invisible.py: a joiner inside an emoji, a non-joiner in Persian).

Applicability is defined here and in the rule data (docs/architecture.md "Fixes"): "safe" only
for edits that are certain and cannot change meaning or a name (a doubled word, a stray space,
a hidden character, a/an before a plain word); every name suggestion, every choice between forms
the article uses about equally, every rewording is "unsafe". A rule is "unsafe" unless its pack
says "safe"; a kind may lower one finding's applicability through its Hit, never raise it.
"""
from __future__ import annotations

import os
from collections import Counter
from bisect import bisect_right
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple, Tuple

from .findings import Finding, Hit
from .source import Source

if TYPE_CHECKING:
    from .document import Document
    from .engine import Linter
    from .runner import FileResult

MAX_PASSES = 10
LEVELS = ("safe", "unsafe", "display-only")  # from most to least applicable
Edit = Tuple[int, int, str]  # (start, end, replacement) in source offsets


class FixError(Exception):
    """A fix that could not be applied or written; the file is left untouched."""


class FixIncomplete(FixError):
    """The deadline passed before a check of the fixed text finished; nothing was changed."""


class FixResult(NamedTuple):
    text: str
    applied: int
    remaining: list[Finding]


def fixable(f: Finding, unsafe: bool) -> bool:
    """Whether --fix applies f's fix (with --unsafe-fixes when `unsafe`)."""
    return bool(f.edits) and (f.applicability == "safe" or unsafe and f.applicability == "unsafe")


def lower(*levels: str | None) -> str:
    """The least applicable of the levels given (None: no opinion)."""
    return LEVELS[max((LEVELS.index(level) for level in levels if level is not None), default=0)]


def choose(findings: list[Finding], unsafe: bool = False) -> list[Finding]:
    """The findings one pass fixes: each fixable finding, in source order; one overlapping an
    earlier one waits for the next pass."""
    chosen = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if not fixable(f, unsafe) or f.start < last_end:
            continue
        chosen.append(f)
        last_end = max(f.end, f.start + 1)
    return chosen


def choose_edits(findings: list[Finding], unsafe: bool = False) -> list[Edit]:
    """The source edits of one pass (choose's findings' edits), in source order."""
    return [e for f in choose(findings, unsafe) for e in f.edits]


def apply_edits(text: str, findings: list[Finding], unsafe: bool = False) -> tuple[str, int]:
    """The text after one pass of choose_edits, and how many findings were fixed."""
    chosen = choose(findings, unsafe)
    if not chosen:
        return text, 0
    return splice(text, [e for f in chosen for e in f.edits]), len(chosen)


def splice(text: str, edits: list[Edit]) -> str:
    """text with non-overlapping edits (in source order) made."""
    out, pos = [], 0
    for s, e, r in edits:
        out.append(text[pos:s])
        out.append(r)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def count(findings: list[Finding]) -> Counter:
    """How many findings could be fixed, by applicability ("safe", "unsafe", "display-only")."""
    return Counter(f.applicability for f in findings if f.suggestions)


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False,
             findings: list[Finding] | None = None) -> FixResult:
    """Fix until stable; undo everything if the fixes created new findings or did not converge.

    `findings` are text's findings when the caller has them already (saves one lint). When a
    check stopped at the per-file cap of findings, only the part of the text it saw is fixed
    and compared: each fix reveals findings further on that no check had seen, which are not
    new (a long document was undone or "did not converge" for that reason); a later run
    fixes the rest. A finding is new when no finding of its rule was there before: the
    original findings are followed through every pass's edits, so a finding whose words a fix
    changed (a hidden character deleted inside a word another rule flags) is not new.
    """
    original = lint(text) if findings is None else findings
    seen = _seen_until(original)
    current, findings, total = text, _before(original, seen), 0
    checked = original
    where = [(f.rule, f.start, f.end) for f in findings]  # the original findings, moved with the text
    for _ in range(MAX_PASSES):
        chosen = choose(findings, unsafe)
        if not chosen:
            break
        edits = [e for f in chosen for e in f.edits]
        total += len(chosen)
        if seen is not None:  # where the seen part ends, in the edited text
            seen = _moved(seen, edits, after=False)
        where = [(rule, _moved(s, edits, after=False), _moved(e, edits, after=True)) for rule, s, e in where]
        current = splice(current, edits)
        checked = lint(current)
        findings = _before(checked, seen)
    else:
        if any(fixable(f, unsafe) for f in findings):
            rules = sorted({f.rule for f in findings if fixable(f, unsafe)})
            raise FixError(f"fixes did not converge after {MAX_PASSES} passes: rules {', '.join(rules)}")
    introduced = _new(findings, where)
    if introduced:
        raise FixError(f"fix reverted: it introduced new findings ({', '.join(introduced)})")
    return FixResult(current, total, checked)


def _moved(pos: int, edits: list[Edit], after: bool) -> int:
    """Where source offset pos is after the edits (source order); a position inside an edit goes
    to the edit's start, or its end when `after` (a span's end)."""
    shift = 0
    for s, e, r in edits:
        if e < pos or e == pos and (s < e or not after):
            shift += len(r) - (e - s)
        elif s < pos:
            return s + shift + (len(r) if after else 0)
        else:
            break
    return pos + shift


def _new(findings: list[Finding], where: list[tuple[str, int, int]]) -> list[str]:
    """The rules of findings with no original finding of their rule at their place (each original
    accounts for one finding)."""
    free: dict[str, list[tuple[int, int]]] = {}
    for rule, s, e in where:
        free.setdefault(rule, []).append((s, e))
    new = set()
    for f in findings:
        spans = free.get(f.rule, [])
        k = next((k for k, (s, e) in enumerate(spans) if s <= f.end and f.start <= e), None)
        if k is None:
            new.add(f.rule)
        else:
            spans.pop(k)
    return sorted(new)


def _seen_until(findings: list[Finding]) -> int | None:
    """Where a check that stopped at the per-file cap stopped looking (None: it saw everything)."""
    from . import filters

    if len(findings) < filters.MAX_FINDINGS_PER_FILE:
        return None
    return max(f.start for f in findings)


def _before(findings: list[Finding], offset: int | None) -> list[Finding]:
    return findings if offset is None else [f for f in findings if f.start < offset]


def relinter(linter: Linter, source: Source, fmt: str, deadline: float | None = None) -> Callable[[str], list[Finding]]:
    """A lint function for fix_text: the findings of a whole, error-free run over new text.

    Raises FixIncomplete when the deadline cuts a check short and FixError when a rule fails.
    A long document is checked in the parts of the original (Linter.part_starts): fixes that
    shorten a paragraph must not move it into another part and change article-level findings.
    """
    parts = linter.part_starts(source, fmt)

    def lint(text: str) -> list[Finding]:
        result = linter.run(Source(source.path, text, source.encoding, source.bom), fmt, deadline=deadline,
                            parts=parts)
        if not result.complete:
            raise FixIncomplete("time budget exceeded; no fix applied")
        if result.errors:
            raise FixError(f"fix abandoned: {result.errors[0]}")
        return result.findings

    return lint


def fix_source(linter: Linter, source: Source, fmt: str, *, unsafe: bool = False,
               select: Callable[[Finding], bool] | None = None, deadline: float | None = None,
               findings: list[Finding] | None = None) -> FixResult:
    """Fix a document: every fixable finding (fix_text's passes), or with `select` just the
    findings it picks, applied in one pass and re-checked (what remains is reported, nothing is
    undone). Raises FixError (FixIncomplete past the deadline); the caller's text is untouched."""
    lint = relinter(linter, source, fmt, deadline)
    if select is None:
        return fix_text(source.text, lint, unsafe, findings)
    found = lint(source.text) if findings is None else findings
    new_text, applied = apply_edits(source.text, [f for f in found if select(f)], unsafe)
    return FixResult(new_text, applied, lint(new_text) if applied else found)


class FixTally:
    """What a --fix or --diff run fixed, and how many more --unsafe-fixes would fix."""

    def __init__(self) -> None:
        self.fixed = 0
        self.unsafe_left = 0

    def add(self, applied: int, remaining: list[Finding], unsafe: bool) -> None:
        self.fixed += applied
        if not unsafe:
            self.unsafe_left += sum(1 for f in remaining if fixable(f, True) and not fixable(f, False))

    def line(self, diff: bool = False) -> str:
        """"Fixed 3 findings (2 more with --unsafe-fixes)." and the like."""
        n = self.fixed
        what = f"{'Would fix' if diff else 'Fixed'} {n} finding{'s' if n != 1 else ''}"
        return what + (f" ({self.unsafe_left} more with --unsafe-fixes)." if self.unsafe_left else ".")


def fix_results(results: list[FileResult], unsafe: bool = False, write: bool = True,
                tally: FixTally | None = None) -> Iterator[str]:
    """Fix each file that was read and checked cleanly, in place (write) or as a unified diff.

    Yields the diffs (when not writing). A file whose fix fails keeps its bytes and gets an
    SC-E020 (fix) or SC-E021 (write) line in its rule_errors; the others go on. A fixed file's
    result is updated to the fixed text and what remains in it. Standard input is fixed in
    memory, never written anywhere: the caller prints its result's text. `tally` counts.
    """
    from .atomic import clean_stale_temps
    from .engine import linter_for

    tally = FixTally() if tally is None else tally
    if write:  # temp files a killed run left behind
        for d in sorted({os.path.dirname(os.path.abspath(r.path)) for r in results if r.source and r.source.path != "-"}):
            clean_stale_temps(d)
    for r in results:
        src = r.source
        if src is None or r.rule_errors or r.settings is None:
            continue  # unreadable, or not checked cleanly
        try:
            fixed = fix_source(linter_for(r.settings), src, r.format, unsafe=unsafe, findings=r.findings)
        except FixError as exc:
            r.rule_errors.append(f"SC-E020 {exc}")
            tally.add(0, r.findings, unsafe)
            continue
        tally.add(fixed.applied, fixed.remaining, unsafe)
        if fixed.applied == 0:
            continue
        if not write:
            yield unified_diff(r.path, src.text, fixed.text)
            continue
        if src.path != "-":
            try:
                write_fixed(r.path, src, fixed.text)
            except FixError as exc:
                r.rule_errors.append(f"SC-E021 fix not written: {exc}")
                continue
        r.source = Source(src.path, fixed.text, src.encoding, src.bom)
        r.findings = fixed.remaining


def write_fixed(path: str, source: Source, text: str) -> None:
    """Write text over path in the source's encoding, only if path still holds source's bytes."""
    from .atomic import CHANGED, write_atomic

    try:
        data = source.encode(text)
    except UnicodeEncodeError as exc:
        raise FixError(f"replacement {exc.object[exc.start:exc.end]!r} cannot be written in {source.encoding}") from None
    try:
        write_atomic(path, data, expected=source.encode(source.text), durable=True)
    except OSError as exc:
        message = exc.strerror or str(exc)
        raise FixError("changed during fix; not written" if message == CHANGED else message) from None


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff that `patch` and `git apply` accept, for any line endings.

    Lines are split at LF only, as patch reads them (a CR-only file is one long line, its CRs
    kept inside it), and a last line without a newline is marked `\\ No newline at end of file`.
    """
    import difflib

    out = []
    for line in difflib.unified_diff(_lf_lines(before), _lf_lines(after), f"a/{path}", f"b/{path}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lf_lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def fix_for(doc: Document, hit: Hit, applicability: str) -> tuple[str, tuple[Edit, ...]]:
    """(applicability, edits) of a hit with suggestions, whose rule says `applicability`.

    The hit may lower it (a guess, a tie), never raise it. A safe fix that would change a
    capitalised word beyond its case (a name, as far as a fix can tell: "Sammon" is not
    "Salmon", "Debate Debate" may be coined) or a word an apostrophe continues ("childrens'")
    is unsafe. A fix that cannot be made of prose edits is display-only.
    """
    edits = prose_edits(doc, hit.start, hit.end, hit.suggestions[0])
    level = lower(applicability, hit.applicability, None if edits else "display-only")
    if level == "safe" and not _keeps_names(doc.source, hit.start, hit.end, hit.suggestions[0]):
        level = "unsafe"
    return level, edits


def _keeps_names(source: str, start: int, end: int, replacement: str) -> bool:
    """Whether replacing source[start:end] leaves its capitalised words as they were, case aside
    (words that are capitalised only to open a sentence do not count), and is not cut off from
    the rest of its word by an apostrophe."""
    from .text.wordlists import word_set
    from .text.words import TOKEN

    old = source[start:end]
    if source[end:end + 1] in ("'", "\u2019") and old[-1:].isalpha() and not replacement.endswith(old[-1:]):
        return False
    common = word_set("sentence_words")

    def names(text: str) -> list[str]:
        return sorted(w.casefold() for w in TOKEN.findall(text) if w[0].isupper() and w.casefold() not in common)

    return names(old) == names(replacement)


# -- a fix changes prose only ---------------------------------------------------------------------
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
    elif any(c in _MARKUP_CHARS.get(doc.format, "") for c in replacement):
        return ()
    else:
        edits = doc.layer.shared("fixes.prose", lambda: _Prose(doc)).edits(start, end, replacement)
        if edits and not _keeps_markup(doc, edits):
            return ()
    if not edits or not any(deletes_orthography(source, s, e, r) for s, e, r in edits):
        return edits or ()
    return _sparing_orthography(source, edits)


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
