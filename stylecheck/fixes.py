"""Fixes: choose replacements by applicability, apply them byte-exactly, re-lint, write atomically.

The one place fixes are made, for `--fix`/`--diff`, the server's `/v1/fix` and the language
server's "fix all". A fix pass applies non-overlapping replacements; passes repeat until
nothing is left to fix (at most MAX_PASSES). Fixes that introduce findings the original did
not have, or do not converge, are all undone. Every re-lint is a whole, error-free
`Linter.run`: a fix is never verified against a partial check.
"""
from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

from .findings import Finding
from .source import Source

if TYPE_CHECKING:
    from .engine import Linter
    from .runner import FileResult

MAX_PASSES = 10


class FixError(Exception):
    """A fix that could not be applied or written; the file is left untouched."""


class FixIncomplete(FixError):
    """The deadline passed before a check of the fixed text finished; nothing was changed."""


class FixResult(NamedTuple):
    text: str
    applied: int
    remaining: list[Finding]


def fixable(f: Finding, unsafe: bool) -> bool:
    return bool(f.suggestions) and (f.applicability == "safe" or unsafe)


def choose_edits(findings: list[Finding], unsafe: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for one pass: each fixable finding's first suggestion, in
    source order; an edit overlapping an earlier one waits for the next pass."""
    edits = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if not fixable(f, unsafe) or f.start < last_end:
            continue
        edits.append((f.start, f.end, f.suggestions[0]))
        last_end = max(f.end, f.start + 1)
    return edits


def apply_edits(text: str, findings: list[Finding], unsafe: bool = False) -> tuple[str, int]:
    """The text after one pass of choose_edits, and how many edits were made."""
    edits = choose_edits(findings, unsafe)
    if not edits:
        return text, 0
    out, pos = [], 0
    for s, e, r in edits:
        out.append(text[pos:s])
        out.append(r)
        pos = e
    out.append(text[pos:])
    return "".join(out), len(edits)


def _signature(findings: list[Finding]) -> Counter:
    return Counter((f.rule, f.text) for f in findings)


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False,
             findings: list[Finding] | None = None) -> FixResult:
    """Fix until stable; undo everything if the fixes created new findings or did not converge.

    `findings` are text's findings when the caller has them already (saves one lint). When a
    check stopped at the per-file cap of findings, only the part of the text it saw is fixed
    and compared: each fix reveals findings further on that no check had seen, which are not
    new (a long document was undone or "did not converge" for that reason); a later run
    fixes the rest.
    """
    original = lint(text) if findings is None else findings
    seen = _seen_until(original)
    current, findings, total = text, _before(original, seen), 0
    checked = original
    for _ in range(MAX_PASSES):
        edits = choose_edits(findings, unsafe)
        new_text, n = apply_edits(current, findings, unsafe)
        if n == 0:
            break
        total += n
        if seen is not None:  # where the seen part ends, in the edited text
            seen += sum(len(r) - (e - s) for s, e, r in edits if e <= seen)
        current, checked = new_text, lint(new_text)
        findings = _before(checked, seen)
    else:
        if any(fixable(f, unsafe) for f in findings):
            rules = sorted({f.rule for f in findings if fixable(f, unsafe)})
            raise FixError(f"fixes did not converge after {MAX_PASSES} passes: rules {', '.join(rules)}")
    introduced = _signature(findings) - _signature(_before(original, _seen_until(original)))
    if introduced:
        rules = sorted({rule for rule, _ in introduced})
        raise FixError(f"fix reverted: it introduced new findings ({', '.join(rules)})")
    return FixResult(current, total, checked)


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


def fix_results(results: list[FileResult], unsafe: bool = False, write: bool = True) -> Iterator[str]:
    """Fix each file that was read and checked cleanly, in place (write) or as a unified diff.

    Yields the diffs (when not writing). A file whose fix fails keeps its bytes and gets an
    SC-E020 (fix) or SC-E021 (write) line in its rule_errors; the others go on. A fixed file's
    result is updated to the fixed text and what remains in it.
    """
    from .atomic import clean_stale_temps
    from .engine import linter_for

    if write:  # temp files a killed run left behind
        for d in sorted({os.path.dirname(os.path.abspath(r.path)) for r in results if r.path != "-"}):
            clean_stale_temps(d)
    for r in results:
        src = r.source
        if src is None or r.rule_errors or r.settings is None or src.path == "-" and write:
            continue  # unreadable, not checked cleanly, or stdin (nowhere to write it back)
        try:
            fixed = fix_source(linter_for(r.settings), src, r.format, unsafe=unsafe, findings=r.findings)
        except FixError as exc:
            r.rule_errors.append(f"SC-E020 {exc}")
            continue
        if fixed.applied == 0:
            continue
        if not write:
            yield unified_diff(r.path, src.text, fixed.text)
            continue
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
