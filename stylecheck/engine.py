"""Run the enabled rules over a Document and turn their hits into positioned findings."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from . import kinds
from .config import Settings
from .document import Document
from .filters import MAX_FINDINGS_PER_FILE, apply_filters
from .findings import Finding, Hit, Severity
from .kinds.base import RuleContext
from .packs import PackError, Rule, builtin_rules, load_rules
from .parsers import parse
from .runtime import Runtime, default_runtime
from .selection import enabled, severity_for
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
        base = RuleContext(self.runtime, self.settings.accept, self.settings.prefer, self.settings.preset)
        rules = list(builtin_rules())
        if self.settings.packs:
            rules += load_rules([Path(p) for p in self.settings.packs])
            _check_unique(rules)
        self.rules: list[CompiledRule] = []
        for rule in rules:
            if not enabled(rule, self.settings):
                continue
            level = severity_for(rule, self.settings)
            if level == "off":
                continue
            opts = self.settings.options_for(rule.code, rule.slug)
            if opts:
                rule = rule._replace(options={**rule.options, **opts})
            try:
                cls = kinds.resolve(rule.kind)
                kind = cls(rule, _context_for(rule, base, self.settings.root))
            except (LookupError, ValueError, TypeError) as exc:
                raise PackError(f"{rule.pack}:{rule.line}: rule {rule.code}: {exc}") from None
            self.rules.append(CompiledRule(rule, kind, Severity.parse(level) if level else rule.severity))
        # kinds that can share work between their rules (one scan for several term lists) link up
        for cls in dict.fromkeys(type(cr.kind) for cr in self.rules):
            if hasattr(cls, "link"):
                cls.link([cr.kind for cr in self.rules if type(cr.kind) is cls])

    def lint_document(self, doc: Document, source: Source, errors: list[str] | None = None) -> list[Finding]:
        """Findings for one parsed document, filtered and sorted.

        A document far longer than any article (an archive dump, a 100 MB export) is checked in
        parts of about PART_CHARS characters, so the per-document analyses (the text layer) stay
        bounded in memory; article-level checks (consistency, first references) then see one
        part at a time.
        """
        parts = _parts(doc)
        if len(parts) > 1:
            # handed over one at a time: a part and its text layer are freed once it is checked
            return self._lint_parts((parts.pop(0) for _ in range(len(parts))), source, errors)
        findings = []
        for cr in self.rules:
            try:
                hits = list(cr.kind.check(doc))
            except TimeoutError as exc:  # a user pattern over its CPU budget
                if errors is None:
                    raise
                errors.append(f"SC-E-TIMEOUT rule {cr.rule.code}: {exc}")
                continue
            except Exception as exc:  # a crashing rule fails this file only; the other rules still run (#7)
                if errors is None:
                    raise
                errors.append(f"SC-E999 rule {cr.rule.code} crashed: {type(exc).__name__}: {exc}")
                continue
            findings.extend(self._finding(cr, h, source) for h in hits)
        return apply_filters(findings, doc, {cr.rule.code: cr.rule for cr in self.rules}, source.lines.starts)

    def lint_source(self, source: Source, fmt: str, errors: list[str] | None = None) -> list[Finding]:
        if fmt == "text" and len(source.text) > 2 * PART_CHARS:
            # plain text can be parsed a part at a time: a 100 MB file never holds all its segments
            from .parsers.plaintext import parse_plaintext_parts

            return self._lint_parts(parse_plaintext_parts(source, PART_CHARS), source, errors)
        return self.lint_document(parse(source, fmt), source, errors)

    def _lint_parts(self, parts: Iterator[Document], source: Source, errors: list[str] | None) -> list[Finding]:
        """Findings of a document's parts, in source order, up to the per-file cap.

        Parts come in source order, so once the cap is reached the rest cannot change what is
        shown: a 100 MB file of doubled words stops there instead of holding millions of findings.
        """
        findings: list[Finding] = []
        for part in parts:
            findings.extend(self.lint_document(part, source, errors))
            if len(findings) >= MAX_FINDINGS_PER_FILE:
                break
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return findings[:MAX_FINDINGS_PER_FILE]

    def _finding(self, cr: CompiledRule, hit: Hit, source: Source) -> Finding:
        rule = cr.rule
        text = source.text[hit.start:hit.end]
        fields = _Fields(found=text, **hit.fields)
        message = hit.message or rule.message.format_map(fields)
        line, col = source.lines.position(hit.start)
        end_line, end_col = source.lines.position(hit.end)
        severity = cr.severity if hit.severity is None or cr.severity != rule.severity else hit.severity
        return Finding(
            rule=rule.code, slug=rule.slug, category=rule.category, severity=severity, message=message,
            start=hit.start, end=hit.end, line=line, column=col, end_line=end_line, end_column=end_col,
            suggestions=tuple(hit.suggestions), applicability=rule.applicability, text=text,
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


def _parts(doc: Document) -> list[Document]:
    """The document split into runs of whole segments of about PART_CHARS characters."""
    total = sum(len(s.text) for s in doc.segments)
    if total <= PART_CHARS:
        return [doc]
    parts, run, size = [], [], 0
    for seg in doc.segments:
        if run and size + len(seg.text) > PART_CHARS:
            parts.append(run)
            run, size = [], 0
        run.append(seg)
        size += len(seg.text)
    parts.append(run)
    return [Document(doc.source, doc.format, segs, doc.directives) for segs in parts]


def _check_unique(rules: Iterable[Rule]) -> None:
    seen: dict[str, Rule] = {}
    for r in rules:
        for key in (r.code, r.slug):
            if key in seen:
                raise PackError(f"{r.pack}:{r.line}: duplicate rule {key!r} (also in {seen[key].pack}:{seen[key].line})")
            seen[key] = r


@lru_cache(maxsize=64)
def linter_for(settings: Settings) -> Linter:
    """One Linter per distinct Settings, compiled once."""
    return Linter(settings)
