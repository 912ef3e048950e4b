"""Run the enabled rules over a document and turn their hits into positioned findings.

`Linter.run` is the one lint loop: the CLI (through runner.lint_file), the Python API, the HTTP
server and the language server all call it, and get a RunResult (findings, per-rule errors,
whether every rule ran before the deadline). A Progress lets another thread watch a run.
"""
from __future__ import annotations

import os
import threading
import time
from functools import lru_cache
from typing import Iterator, NamedTuple

from . import kinds
from .config import Settings, option_error
from .document import Document
from .filters import MAX_FINDINGS_PER_FILE, apply_filters
from .findings import Finding, Hit, Severity
from .kinds.base import RuleContext
from .packs import PackError, Rule, available_rules
from .parsers import parse
from .runtime import Runtime, default_runtime
from .selection import enabled, severity_for, validate
from .source import Source


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class CompiledRule(NamedTuple):
    rule: Rule
    kind: kinds.Kind
    severity: Severity


class Linter:
    """Owns the compiled rules for one Settings; lint many documents with it."""

    def __init__(self, settings: Settings | None = None, runtime: Runtime | None = None):
        self.settings = settings or Settings()
        self.runtime = runtime or default_runtime()
        # a house form the desk prefers is a word it knows, as the preferred forms of a vocabulary file are
        known = self.settings.accept | frozenset(pref for _, pref in self.settings.prefer)
        base = RuleContext(self.runtime, known, self.settings.prefer, self.settings.preset)
        rules = available_rules(self.settings.packs)
        validate(self.settings, rules)  # a selector naming no rule is an error, never a no-op
        self.rules: list[CompiledRule] = []
        for rule in rules:
            level = severity_for(rule, self.settings)
            on = level != "off" and enabled(rule, self.settings)
            opts = self.settings.options_for(rule.code, rule.slug)
            if not on and not opts:
                continue
            # a rule the user gave options is built even when off: a typo there must not pass unseen
            kind = self._compile(rule, opts, base)
            if on:
                self.rules.append(CompiledRule(rule, kind, Severity.parse(level) if level else rule.severity))
        # kinds that can share work between their rules (one scan for several term lists) link up
        for cls in dict.fromkeys(type(cr.kind) for cr in self.rules):
            if hasattr(cls, "link"):
                cls.link([cr.kind for cr in self.rules if type(cr.kind) is cls])

    def _compile(self, rule: Rule, opts: dict, base: RuleContext) -> kinds.Kind:
        """The rule's kind, built with the config's options; errors name where the mistake is.

        A mistake in the user's `[rules.X]` options is reported at the config file's line, not
        at the bundled pack's (which is not the user's to edit).
        """
        try:
            if not opts:
                return self._build(rule, base)
            return self._build(rule._replace(options={**rule.options, **opts}), base._replace(user_options=frozenset(opts)))
        except (LookupError, ValueError, TypeError, RecursionError, PackError) as exc:
            if isinstance(exc, RecursionError):
                exc = ValueError("a term or pattern is too long or nested too deeply to compile")
            if opts:
                try:
                    self._build(rule, base)
                except Exception:
                    pass  # the pack itself is broken: report it there
                else:
                    if isinstance(exc, PackError) and "vocab" in opts:
                        exc.option = "vocab"  # the vocabulary file the config names
                    raise option_error(self.settings, rule, exc) from None
            if isinstance(exc, PackError):  # a vocabulary file the pack names: the message names it
                raise
            raise PackError(f"{rule.pack}:{rule.line}: rule {rule.code}: {exc}") from None

    def _build(self, rule: Rule, base: RuleContext) -> kinds.Kind:
        return kinds.resolve(rule.kind)(rule, _context_for(rule, base, self.settings.root))

    def run(self, document: Source | str, fmt: str = "text", *, deadline: float | None = None,
            progress: Progress | None = None, parts: tuple[int, ...] | None = None) -> RunResult:
        """Check one document: the one entry for every caller (CLI, Python API, server, language server).

        `document` is a Source, or text (reported as `<text>`); `fmt` is text, markdown or html.
        `deadline` is a time.monotonic() value: rules not started by then are skipped, and the
        result says which (`complete` false); a rule running at the deadline is not stopped.
        `progress`, when given, is kept up to date as rules finish, so another thread may take
        `progress.snapshot()` at any moment (the server answers at its deadline that way).
        A rule that crashes or overruns its CPU budget is reported in `errors`; the others still
        run. A parser failure raises.

        A document far longer than any article (an archive dump, a 100 MB export) is checked in
        parts of about PART_CHARS characters, so the per-document analyses (the text layer) stay
        bounded in memory; article-level checks (consistency, first references) then see one
        part at a time, and parts after the per-file cap of findings are not checked.
        `parts` (from `part_starts`) makes the parts begin at those segments instead: fixes
        check an edited text in the parts of the original, so a shorter paragraph moving
        across a boundary cannot change what the article-level checks see.
        """
        source = document if isinstance(document, Source) else Source("<text>", document)
        state = Progress() if progress is None else progress
        rules = list(self.rules)
        state._start(self, rules, source.lines.starts)
        parts, count = self._documents(source, fmt, parts)
        late = False
        for i, doc in enumerate(parts):
            state._begin(doc, i + 1 == count, count != 1)
            for cr in rules:
                if deadline is not None and time.monotonic() >= deadline:
                    late = True
                    break
                try:
                    hits = list(cr.kind.check(doc))
                except TimeoutError as exc:  # a user pattern over its CPU budget
                    state._failed(cr.rule.code, f"SC-E-TIMEOUT rule {cr.rule.code}: {exc}", exc)
                    continue
                except Exception as exc:  # a crashing rule fails this file only; the other rules still run (#7)
                    state._failed(cr.rule.code, f"SC-E999 rule {cr.rule.code} crashed: {type(exc).__name__}: {exc}", exc)
                    continue
                state._found(cr.rule.code, [self._finding(cr, h, source, doc) for h in hits])
            kept = state._end(doc)
            if late or kept >= MAX_FINDINGS_PER_FILE:
                break
        return state._finish(late and next(parts, None) is not None)

    def part_starts(self, source: Source, fmt: str) -> tuple[int, ...]:
        """The segment numbers at which a run over this document starts each part after the
        first (empty: one part). For `run(parts=...)`."""
        if len(source.text) <= PART_CHARS:
            return ()
        starts, seen = [], 0
        for doc in self._documents(source, fmt)[0]:
            starts.append(seen)
            seen += len(doc.segments)
        return tuple(starts[1:])

    def _documents(self, source: Source, fmt: str, cuts: tuple[int, ...] | None = None
                   ) -> tuple[Iterator[Document], int | None]:
        """The document to check as an iterator of parts, and how many there are (None: not known yet)."""
        if fmt == "text" and len(source.text) > 2 * PART_CHARS:
            # plain text can be parsed a part at a time: a 100 MB file never holds all its segments
            from .parsers.plaintext import parse_plaintext_parts

            return parse_plaintext_parts(source, PART_CHARS, cuts), None
        parts = _parts(parse(source, fmt), cuts)
        count = len(parts)
        # handed over one at a time: a part and its text layer are freed once it is checked
        return (parts.pop(0) for _ in range(count)), count

    def finding(self, cr: CompiledRule, hit: Hit, source: Source, doc: Document) -> Finding:
        """A positioned Finding for a hit of one of this Linter's rules found outside `run`
        (the archive's cross-article pass decides over many articles, then reports in each)."""
        return self._finding(cr, hit, source, doc)

    def _finding(self, cr: CompiledRule, hit: Hit, source: Source, doc: Document) -> Finding:
        rule = cr.rule
        text = source.text[hit.start:hit.end]
        fields = _Fields(found=text, **hit.fields)
        message = hit.message or rule.message.format_map(fields)
        line, col = source.lines.position(hit.start)
        end_line, end_col = source.lines.position(hit.end)
        severity = cr.severity if hit.severity is None or cr.severity != rule.severity else hit.severity
        # the policy is fixes.py's: a hit may lower its rule's applicability, never raise it; a
        # fix that would change markup or a script's invisible characters is shown, never applied
        applicability, edits = rule.applicability, ()
        if hit.suggestions:
            from .fixes import fix_for

            applicability, edits = fix_for(doc, hit, rule.applicability)
        return Finding(
            rule=rule.code, slug=rule.slug, category=rule.category, severity=severity, message=message,
            start=hit.start, end=hit.end, line=line, column=col, end_line=end_line, end_column=end_col,
            suggestions=tuple(hit.suggestions), applicability=applicability, text=text, edits=edits,
        )


def _context_for(rule: Rule, base: RuleContext, root: str) -> RuleContext:
    """The rule's context: the settings' vocabulary, extended by the rule's own vocabulary file."""
    path = rule.options.get("vocab")
    if not isinstance(path, str) or not path:
        return base  # a missing or mistyped `vocab` is reported by the kind's option check
    from .vocabulary import merged

    accept, prefer = merged(base.accept, base.prefer, path, root)
    return base._replace(accept=accept, prefer=prefer)


PART_CHARS = 500_000


def _parts(doc: Document, cuts: tuple[int, ...] | None = None) -> list[Document]:
    """The document split into runs of whole segments of about PART_CHARS characters (or
    starting at the segments numbered in `cuts`)."""
    if cuts is None and sum(len(s.text) for s in doc.segments) <= PART_CHARS or cuts == ():
        return [doc]
    starts = set(cuts or ())
    parts, run, size = [], [], 0
    for i, seg in enumerate(doc.segments):
        if run and (i in starts if cuts is not None else size + len(seg.text) > PART_CHARS):
            parts.append(run)
            run, size = [], 0
        run.append(seg)
        size += len(seg.text)
    parts.append(run)
    return [Document(doc.source, doc.format, segs, doc.directives) for segs in parts]


class RuleError(Exception):
    """One or more rules failed on a document; `result` holds what the others found."""

    def __init__(self, result: RunResult):
        super().__init__("; ".join(result.errors))
        self.result = result


class RunResult:
    """What one run of a Linter over one document found.

    `findings` filtered and sorted; `errors` one line per rule that failed (the other rules
    still ran); `complete` false when the deadline passed first, `skipped` then naming the rules
    that did not check the whole document; `linter` the Linter that ran (its `settings` and
    `rules` are what a caller reports or fixes with).
    """

    __slots__ = ("findings", "errors", "skipped", "complete", "linter", "_causes")

    def __init__(self, findings: list[Finding], errors: list[str] | None = None, skipped: tuple[str, ...] = (),
                 complete: bool = True, linter: Linter | None = None, causes: tuple[BaseException, ...] = ()):
        self.findings = findings
        self.errors: list[str] = [] if errors is None else errors
        self.skipped, self.complete, self.linter, self._causes = skipped, complete, linter, causes

    def findings_or_raise(self) -> list[Finding]:
        """The findings, or RuleError when a rule failed (for callers that cannot show errors)."""
        if self.errors:
            raise RuleError(self) from (self._causes[0] if self._causes else None)
        return self.findings

    def __repr__(self) -> str:
        state = "complete" if self.complete else f"incomplete, skipped {list(self.skipped)}"
        return f"RunResult({len(self.findings)} findings, {len(self.errors)} errors, {state})"


class Progress:
    """A run's state as it goes: Linter.run writes it, any thread may read `snapshot()`.

    Every run keeps one; pass your own to Linter.run to watch the run from another thread, or
    subclass it and override `part_started` and `rule_finished` to follow the run (benchmarks
    time the parser and each rule that way).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._linter: Linter | None = None
        self._codes: list[str] = []
        self._rules: dict[str, Rule] = {}
        self._starts: list[int] | None = None
        self._parted = False
        self._doc: Document | None = None
        self._last = False  # the part being checked is the document's last
        self._raw: list[Finding] = []  # findings of the current part's finished rules, unfiltered
        self._done: set[str] = set()  # rules finished on the current part
        self._kept: list[Finding] = []  # filtered findings of the finished parts
        self._missed: set[str] = set()  # rules that did not run on a finished part
        self._errors: list[str] = []
        self._causes: list[BaseException] = []
        self._result: RunResult | None = None

    def part_started(self) -> None:
        """Called in the running thread when a part is parsed, before its rules run; a hook."""

    def rule_finished(self, code: str) -> None:
        """Called in the running thread as each rule ends on a part (found or failed); a hook."""

    @property
    def document(self) -> Document | None:
        """The part being checked (read it from `part_started`: its text layer is the one the rules share)."""
        return self._doc

    def snapshot(self) -> RunResult:
        """What the run has found so far (the final result once it ended), filtered like the final one."""
        with self._lock:
            if self._result is not None:
                return self._result
            linter, doc, codes, last = self._linter, self._doc, self._codes, self._last
            raw, kept, done, missed = list(self._raw), list(self._kept), set(self._done), set(self._missed)
            errors = list(self._errors)
        if doc is None:  # still compiling the rules (none known yet) or parsing (every rule to run)
            return RunResult([], errors, tuple(codes), False, linter)
        findings = kept + apply_filters(raw, doc, self._rules, self._starts) if raw else kept
        if self._parted:
            findings = _capped(findings)
        skipped = tuple(c for c in codes if c in missed or c not in done or not last)
        return RunResult(findings, errors, skipped, not skipped, linter)

    # -- written by Linter.run, in the running thread ---------------------------------------------
    def _start(self, linter: Linter, rules: list[CompiledRule], starts: list[int]) -> None:
        with self._lock:
            self._linter, self._starts = linter, starts
            self._codes = [cr.rule.code for cr in rules]
            self._rules = {cr.rule.code: cr.rule for cr in rules}

    def _begin(self, doc: Document, last: bool, parted: bool) -> None:
        with self._lock:
            self._doc, self._last, self._raw, self._done, self._parted = doc, last, [], set(), parted
        self.part_started()

    def _found(self, code: str, findings: list[Finding]) -> None:
        with self._lock:
            self._raw.extend(findings)
            self._done.add(code)
        self.rule_finished(code)

    def _failed(self, code: str, message: str, exc: BaseException) -> None:
        with self._lock:
            self._errors.append(message)
            self._causes.append(exc)
            self._done.add(code)
        self.rule_finished(code)

    def _end(self, doc: Document) -> int:
        """File the part's filtered findings; return how many the run holds now."""
        kept = apply_filters(self._raw, doc, self._rules, self._starts)
        with self._lock:
            self._kept.extend(kept)
            self._missed.update(c for c in self._codes if c not in self._done)
            self._raw, self._done = [], set(self._codes)
            return len(self._kept)

    def _finish(self, parts_left: bool) -> RunResult:
        with self._lock:
            findings = _capped(self._kept) if self._parted else self._kept
            skipped = tuple(c for c in self._codes if parts_left or c in self._missed)
            self._result = RunResult(findings, self._errors, skipped, not skipped, self._linter, tuple(self._causes))
            return self._result


def _capped(findings: list[Finding]) -> list[Finding]:
    """The findings of a document's parts, in source order, up to the per-file cap."""
    findings = sorted(findings, key=lambda f: (f.start, f.end, f.rule))
    return findings[:MAX_FINDINGS_PER_FILE]


def linter_for(settings: Settings) -> Linter:
    """One Linter per distinct Settings and vocabulary files, compiled once: a vocabulary file
    edited while a server, a language server or --watch runs is read again."""
    from .vocabulary import vocab_files

    return _linter_for(settings, tuple(_stamp(p) for p in vocab_files(settings)))


def _stamp(path: str) -> tuple:
    try:
        st = os.stat(path)
        return path, st.st_mtime_ns, st.st_size, st.st_ino
    except OSError:
        return path, None


@lru_cache(maxsize=64)
def _linter_for(settings: Settings, stamps: tuple) -> Linter:
    return Linter(settings)
