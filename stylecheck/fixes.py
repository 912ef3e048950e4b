"""Fixes: which edits a finding may make, chosen by applicability, applied byte-exactly, re-linted, written atomically.

The one place fixes are made, for `--fix`/`--diff`, the server's `/v1/fix` and the language
server's "fix all". A fix pass applies non-overlapping replacements; passes repeat until
nothing is left to fix (at most MAX_PASSES). Fixes that introduce findings the original did
not have, or do not converge, are all undone. Every re-lint is a whole, error-free
`Linter.run`: a fix is never verified against a partial check.

A fix changes prose characters only (fixprose.py: `prose_edits`, called by the engine as each finding is
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
    from .fixprose import prose_edits

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

    from .text.invisible import WITHOUT_INVISIBLE

    old = source[start:end].translate(WITHOUT_INVISIBLE)  # "Jo\u00adnes" is "Jones"
    if source[end:end + 1] in ("'", "\u2019") and old[-1:].isalpha() and not replacement.endswith(old[-1:]):
        return False
    common = word_set("sentence_words")

    def names(text: str) -> list[str]:
        return sorted(w.casefold() for w in TOKEN.findall(text) if w[0].isupper() and w.casefold() not in common)

    return names(old) == names(replacement)
