"""`stylecheck lsp`: a language server (pygls) so editors show findings as diagnostics.

Diagnostics are published on open and save, and after a pause in typing (debounced), for the
version that was checked only: a check that finishes after a newer edit is discarded. Checks
are `Linter.run`; a rule that fails is reported with window/logMessage (and shown once). Code
actions offer each finding's replacements, and "fix all safe" for the file, made by
`fixes.fix_source` exactly as `stylecheck --fix` makes it; hover shows the rule's message and why. Positions are in the negotiated encoding (UTF-16 code units unless the
client offers UTF-8 or UTF-32), counted on lines broken only by CRLF, CR and LF — the same lines
the linter and the LSP specification count. Out-of-range or half-surrogate positions from the
client are clamped, never trusted.
"""
from __future__ import annotations

import argparse
import asyncio
import bisect
import logging
import sys
import time
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Sequence

from .fixes import choose_edits
from .source import line_starts

HINT = ("stylecheck lsp needs the editor extra: pip install 'pygls>=2.0,<3' "
        "(or reinstall stylecheck with its [serve] extra; README, installing)")
DEBOUNCE = 0.25  # seconds of quiet after a change before checking
log = logging.getLogger("stylecheck.lsp")


def _units(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == "utf-8":
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    if encoding == "utf-32":
        return 1
    return 2 if cp > 0xFFFF else 1


class Positions:
    """Convert code-point offsets in one text to LSP (line, character) and back, clamping bad input.

    A line with characters of more than one unit gets a table of the units before each of its
    characters, built once, the first time a position on it is asked for: a 200,000-character
    line with 1,000 findings costs one pass, not one pass per finding.
    """

    def __init__(self, text: str, encoding: str = "utf-16"):
        self.text = text
        self.encoding = encoding
        self.starts = line_starts(text)
        self._plain = text.isascii() or encoding == "utf-32"
        self._tables: dict[int, array | None] = {}  # line -> units before each code point (None: one each)

    def _line_end(self, line: int) -> int:
        """Offset where the line's content ends (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if self.text[end - 1] == "\n":
                end -= 1
                if end > self.starts[line] and self.text[end - 1] == "\r":
                    end -= 1
            elif self.text[end - 1] == "\r":
                end -= 1
            return end
        return len(self.text)

    def _table(self, line: int) -> array | None:
        if self._plain:
            return None
        if line not in self._tables:
            start = self.starts[line]
            stop = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
            chunk = self.text[start:stop]
            if chunk.isascii():
                self._tables[line] = None
            else:
                enc = self.encoding
                self._tables[line] = array("q", accumulate((_units(c, enc) for c in chunk), initial=0))
        return self._tables[line]

    def to_lsp(self, offset: int) -> tuple[int, int]:
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        table = self._table(line)
        return line, (offset - start if table is None else table[offset - start])

    def to_offset(self, line: int, character: int) -> int:
        """The offset for a client position; past-the-end lines and characters clamp, a position
        inside a surrogate pair (or a UTF-8 sequence) rounds down to the character's start."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        character = max(character, 0)
        table = self._table(line)
        if table is None:
            return min(start + character, end)
        return min(start + bisect.bisect_right(table, character) - 1, end)


@dataclass
class DocState:
    """What the server knows about one open document."""

    uri: str
    text: str
    version: int | None
    language: str = ""
    findings: list = field(default_factory=list)
    checked_version: int | None = -1
    pending: asyncio.TimerHandle | None = None
    checked: tuple | None = None  # (RunResult, Source, format) of checked_version
    errors: tuple = ()  # the rule errors last reported for this document
    fixing: tuple | None = None  # (version, future of its fix-all FixResult or None)
    positions: Positions | None = None  # for `text`, built once per text and encoding


def _path_of(uri: str) -> str | None:
    from urllib.parse import unquote, urlparse

    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


def _format_of(uri: str, language: str) -> str:
    from .parsers import format_for

    by_language = {"markdown": "markdown", "html": "html", "plaintext": "text"}
    if language in by_language:
        return by_language[language]
    return format_for(_path_of(uri) or uri)


class _Features:
    """The language server's behaviour, mixed into pygls's LanguageServer by build_server.

    Kept at module level (pygls is imported only when a server is built) so each handler stays
    short; lsprotocol types are imported where used.
    """

    docs: dict[str, DocState]

    def _setup(self, debounce: float) -> None:
        self.docs = {}
        self.debounce = debounce
        self.last_problem = ""  # a config error is shown once, not on every keystroke
        self.shown_errors: set[str] = set()  # rule failures already shown (they are logged on every change)
        self.timings: list[float] = []  # seconds from the latest change to publishing, for measurement
        self.shutdown_requested = False

    def positions(self, doc: DocState) -> Positions:
        """The position converter for the document's current text (kept while the text is unchanged)."""
        pos = doc.positions
        if pos is None or pos.text is not doc.text or pos.encoding != self.encoding:
            pos = doc.positions = Positions(doc.text, self.encoding)
        return pos

    @property
    def encoding(self) -> str:
        enc = getattr(self.workspace, "position_encoding", None) or "utf-16"
        return str(getattr(enc, "value", enc))

    def lint(self, doc: DocState, text: str) -> tuple:
        """(RunResult, Source, format) for the text (in a worker thread), and a config problem to report."""
        from .config import ConfigError, Settings, find_config
        from .engine import linter_for
        from .packs import PackError
        from .runner import RunOptions, settings_for
        from .source import Source

        path = _path_of(doc.uri)
        problem = ""
        settings = Settings()
        if path:
            find_config.cache_clear()  # a config file added or removed since the last check counts
            try:
                settings = settings_for(path, RunOptions())
            except (ConfigError, PackError, OSError) as exc:
                problem = f"stylecheck: {exc}; using the default rules"
        try:
            linter = linter_for(settings)
        except (ConfigError, PackError) as exc:
            problem, linter = f"stylecheck: {exc}; using the default rules", linter_for(Settings())
        source, fmt = Source(path or doc.uri, text), _format_of(doc.uri, doc.language)
        return (linter.run(source, fmt), source, fmt), problem

    def diagnostic(self, f, pos: Positions):
        from lsprotocol import types as T

        severity = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning}.get(
            str(f.severity), T.DiagnosticSeverity.Information)
        return T.Diagnostic(
            range=self.range_of(f.start, f.end, pos), message=f.message, severity=severity, code=f.rule,
            source="stylecheck",
            data={"slug": f.slug, "suggestions": list(f.suggestions), "applicability": f.applicability},
        )

    @staticmethod
    def range_of(start: int, end: int, pos: Positions):
        from lsprotocol import types as T

        (l1, c1), (l2, c2) = pos.to_lsp(start), pos.to_lsp(end)
        return T.Range(T.Position(l1, c1), T.Position(l2, c2))

    def schedule(self, uri: str, delay: float, changed_at: float) -> None:
        doc = self.docs.get(uri)
        if doc is None:
            return
        if doc.pending is not None:
            doc.pending.cancel()
        loop = asyncio.get_running_loop()
        doc.pending = loop.call_later(delay, lambda: asyncio.ensure_future(self.check(uri, changed_at)))

    async def check(self, uri: str, changed_at: float) -> None:
        from lsprotocol import types as T

        doc = self.docs.get(uri)
        if doc is None:
            return
        doc.pending = None
        version, text = doc.version, doc.text
        try:
            checked, problem = await asyncio.get_running_loop().run_in_executor(None, self.lint, doc, text)
        except Exception as exc:  # a failing parser must not take the server down
            log.exception("check failed")
            self.window_log_message(T.LogMessageParams(T.MessageType.Error, f"stylecheck: check failed: {exc}"))
            return
        if problem and problem != self.last_problem:
            self.window_show_message(T.ShowMessageParams(T.MessageType.Error, problem))
        self.last_problem = problem
        current = self.docs.get(uri)
        if current is not doc or doc.version != version or doc.text != text:
            return  # outdated: a newer edit arrived while this one was being checked
        findings = checked[0].findings
        doc.findings, doc.checked_version, doc.checked = findings, version, checked
        self.report_errors(doc, checked[1].path, checked[0].errors)
        pos = self.positions(doc)
        self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[self.diagnostic(f, pos) for f in findings]))
        self.timings.append(time.perf_counter() - changed_at)

    def report_errors(self, doc: DocState, path: str, errors: list[str]) -> None:
        """Log the rules that failed on the document when that changes; show each failure once."""
        from lsprotocol import types as T

        if tuple(errors) == doc.errors:
            return
        doc.errors = tuple(errors)
        for e in errors:
            self.window_log_message(T.LogMessageParams(T.MessageType.Error, f"stylecheck: {path}: {e}"))
            if e not in self.shown_errors:
                self.shown_errors.add(e)
                self.window_show_message(T.ShowMessageParams(T.MessageType.Error, f"stylecheck: {e}"))

    def quick_fixes(self, doc: DocState, pos: Positions, start: int, end: int) -> list:
        """A "Replace with ..." action for each suggestion of each finding in [start, end]."""
        from lsprotocol import types as T

        actions = []
        for f in (f for f in doc.findings if f.start <= end and start <= f.end):
            diag = self.diagnostic(f, pos)
            # the edits change prose only: none for a display-only finding, whose edit would change markup
            for i, (replacement, edits) in enumerate(f.fixes()):
                title = f"Replace with '{replacement}'" if replacement else "Delete"
                changes = [T.TextEdit(self.range_of(s, e, pos), new) for s, e, new in edits]
                actions.append(T.CodeAction(
                    title=f"{title} ({f.rule})", kind=T.CodeActionKind.QuickFix, diagnostics=[diag],
                    is_preferred=(i == 0 and f.applicability == "safe"),
                    edit=T.WorkspaceEdit(changes={doc.uri: changes}),
                ))
        return actions

    async def fix_all_action(self, doc: DocState, pos: Positions):
        """The "fix all safe" action for the checked version (None when nothing would change).

        The fix is fixes.fix_source's, as `stylecheck --fix` makes it, computed in a worker
        thread once per version; the edit replaces the changed lines.
        """
        from lsprotocol import types as T

        if not choose_edits(doc.findings):
            return None
        version, text = doc.version, doc.text
        if doc.fixing is None or doc.fixing[0] != version:
            doc.fixing = (version, asyncio.get_running_loop().run_in_executor(None, _fix_all, *doc.checked))
        fixed = await doc.fixing[1]
        if fixed is None or not fixed.applied or doc.version != version or doc.text != text:
            return None
        edits = [T.TextEdit(self.range_of(s, e, pos), new) for s, e, new in _line_edits(text, fixed.text)]
        return T.CodeAction(title=f"Fix all safe stylecheck findings ({fixed.applied})",
                            kind=T.CodeActionKind.SourceFixAll, edit=T.WorkspaceEdit(changes={doc.uri: edits}))


MAX_MESSAGE = 64 * 1024 * 1024  # bytes of one message body; a larger Content-Length is read and dropped
MAX_HEADER_LINE = 64 * 1024
# what a dropped message becomes: a notification no handler answers ("$/" methods may be ignored)
_DROPPED = b'{"jsonrpc": "2.0", "method": "$/stylecheck/dropped", "params": null}'


class BoundedStdin:
    """The client's stream for pygls, read in bounded pieces.

    A Content-Length of 99,999,999,999 made pygls allocate the body at once (MemoryError: the
    server died); a body over MAX_MESSAGE is now read in pieces, dropped, and logged. At the end
    of the stream `on_eof` runs (the server exits then, without waiting for checks in flight).
    """

    def __init__(self, raw, on_eof=None):
        self.raw, self.on_eof = raw, on_eof

    def readline(self) -> bytes:
        line = self.raw.readline(MAX_HEADER_LINE)
        if not line and self.on_eof is not None:
            self.on_eof()
        return line

    def read(self, n: int) -> bytes:
        if n <= MAX_MESSAGE:
            return self.raw.read(n)
        left = n
        while left > 0:
            chunk = self.raw.read(min(left, 1 << 20))
            if not chunk:
                return b""  # the stream ended inside the body
            left -= len(chunk)
        log.warning("dropped a message of %d bytes (over the %d-byte limit)", n, MAX_MESSAGE)
        return _DROPPED


def _protocol_class():
    """pygls's protocol, answering every request it cannot read.

    A request whose params do not fit the method (hover with `{}`, null, a position beyond the
    protocol's integers) failed to deserialize and got no response: the client waited forever.
    Now it gets the JSON-RPC error (Invalid Params), and the message is dropped.
    """
    from pygls.exceptions import JsonRpcException
    from pygls.protocol import LanguageServerProtocol

    class Protocol(LanguageServerProtocol):
        def structure_message(self, data):
            try:
                return super().structure_message(data)
            except JsonRpcException as exc:
                if isinstance(data, dict) and data.get("id") is not None and "method" in data:
                    self._send_response(data["id"], error=exc.to_response_error())
                return super().structure_message({"jsonrpc": "2.0", "method": "$/stylecheck/dropped"})

    return Protocol


def build_server(debounce: float = DEBOUNCE):
    """The pygls server with stylecheck's features registered (no global state)."""
    from lsprotocol import types as T
    from pygls.lsp.server import LanguageServer

    from .version import __version__

    class StylecheckServer(_Features, LanguageServer):
        def __init__(self):
            super().__init__("stylecheck", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Full,
                             protocol_cls=_protocol_class())
            self._setup(debounce)

    server = StylecheckServer()
    _register_sync(server, T)
    _register_actions(server, T)
    _register_lifecycle(server, T)
    return server


def _register_lifecycle(server, T) -> None:
    """Leave at `exit`, or when the client's stream ends, without waiting for checks in flight
    (a long document's check kept a core busy for minutes after the editor had gone)."""

    @server.feature(T.SHUTDOWN)
    def shutdown(ls, params) -> None:
        ls.shutdown_requested = True

    @server.feature(T.EXIT)
    def exit_(ls, params) -> None:
        _leave(0 if ls.shutdown_requested else 1)


def _leave(code: int) -> None:
    """End the process now (LSP: 0 after a shutdown request, else 1); output is already flushed."""
    from .fastpath import leave

    leave(code)


def _register_sync(server, T) -> None:
    """Follow the editor's documents: open, change, save and close."""

    @server.feature(T.INITIALIZED)
    async def initialized(ls, params: T.InitializedParams) -> None:
        # load the rule data (lexicons) while the editor is still opening files
        asyncio.get_running_loop().run_in_executor(None, _warm)

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls, params: T.DidOpenTextDocumentParams) -> None:
        td = params.text_document
        ls.docs[td.uri] = DocState(td.uri, td.text, td.version, td.language_id)
        ls.schedule(td.uri, 0.0, time.perf_counter())

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls, params: T.DidChangeTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return
        for change in params.content_changes:
            if isinstance(change, T.TextDocumentContentChangeWholeDocument) or getattr(change, "range", None) is None:
                doc.text = change.text
            else:  # a client that sends ranges anyway: apply them, clamped
                pos = ls.positions(doc)
                s = pos.to_offset(change.range.start.line, change.range.start.character)
                e = pos.to_offset(change.range.end.line, change.range.end.character)
                s, e = min(s, e), max(s, e)
                doc.text = doc.text[:s] + change.text + doc.text[e:]
        doc.version = params.text_document.version
        doc.findings = []  # stale offsets must not serve code actions or hovers
        ls.schedule(doc.uri, ls.debounce, time.perf_counter())

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE, T.SaveOptions(include_text=True))
    async def did_save(ls, params: T.DidSaveTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return
        if params.text is not None and params.text != doc.text:
            doc.text = params.text
            doc.findings = []
        ls.schedule(doc.uri, 0.0, time.perf_counter())

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls, params: T.DidCloseTextDocumentParams) -> None:
        doc = ls.docs.pop(params.text_document.uri, None)
        if doc is not None and doc.pending is not None:
            doc.pending.cancel()
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


def _register_actions(server, T) -> None:
    """Answer code actions and hovers from the findings of the version the editor shows."""

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                    T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix, T.CodeActionKind.SourceFixAll]))
    async def code_action(ls, params: T.CodeActionParams):
        doc = ls.docs.get(params.text_document.uri)
        if doc is None or doc.checked_version != doc.version:
            return []
        pos = ls.positions(doc)
        r = params.range
        start = pos.to_offset(r.start.line, r.start.character)
        end = pos.to_offset(r.end.line, r.end.character)
        actions = ls.quick_fixes(doc, pos, min(start, end), max(start, end))
        only = params.context.only if params.context else None
        if not only or any(_kind_in(T.CodeActionKind.SourceFixAll, k) for k in only):
            fix_all = await ls.fix_all_action(doc, pos)
            if fix_all is not None:
                actions.append(fix_all)
        if only:
            actions = [a for a in actions if any(_kind_in(a.kind, k) for k in only)]
        return actions

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: T.HoverParams):
        doc = ls.docs.get(params.text_document.uri)
        if doc is None or doc.checked_version != doc.version:
            return None
        pos = ls.positions(doc)
        offset = pos.to_offset(params.position.line, params.position.character)
        found = [f for f in doc.findings if f.start <= offset < max(f.end, f.start + 1)]
        if not found:
            return None
        return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=_hover_text(found)),
                       range=ls.range_of(found[0].start, found[0].end, pos))


def _warm() -> None:
    from .config import Settings
    from .engine import linter_for
    from .source import Source

    try:
        linter_for(Settings()).run(Source("<warm-up>", "Warm up the the checker."), "text")
    except Exception:  # a broken rule is reported by the real checks
        log.exception("warm-up failed")


def _fix_all(run, source, fmt: str):
    """The safe fixes of a checked text, as `stylecheck --fix` makes them; None when they are undone."""
    from .fixes import FixError, fix_source

    if run.errors:
        return None  # a fix is never verified against a failing rule
    try:
        return fix_source(run.linter, source, fmt, findings=run.findings)
    except FixError as exc:
        log.info("fix all: %s", exc)
        return None


def _kind_in(kind, wanted) -> bool:
    """True when a code action kind is `wanted` or under it ("source" covers "source.fixAll").

    Kinds arrive as plain strings or as enum members, whose str() is the member's name, so
    compare their values.
    """
    kind, wanted = str(getattr(kind, "value", kind)), str(getattr(wanted, "value", wanted))
    return kind == wanted or kind.startswith(wanted + ".")


def _line_edits(before: str, after: str) -> list[tuple[int, int, str]]:
    """Edits turning before into after, whole lines at a time: (start, end) in before, new text."""
    import difflib

    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    starts = [0]
    for line in a:
        starts.append(starts[-1] + len(line))
    return [(starts[i1], starts[i2], "".join(b[j1:j2]))
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op != "equal"]


def _hover_text(findings: list) -> str:
    from .packs import builtin_rules

    rules = {r.code: r for r in builtin_rules()}
    parts = []
    for f in findings:
        rule = rules.get(f.rule)
        text = f"**{f.rule}** `{f.slug}` ({f.category}, {f.severity}): {f.message}"
        if f.suggestions:
            text += f"\n\nSuggested: {', '.join(repr(s) for s in f.suggestions)}"
        if rule is not None:
            text += f"\n\n{rule.why}"
        parts.append(text)
    return "\n\n---\n\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="stylecheck lsp", description="Run the stylecheck language server.")
    p.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    p.add_argument("--tcp", action="store_true", help="listen on TCP instead (for debugging)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=2087)
    p.add_argument("--debounce", type=float, default=DEBOUNCE, help=f"seconds to wait after typing (default {DEBOUNCE})")
    args = p.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(HINT, file=sys.stderr)
        return 2
    server = build_server(max(0.0, args.debounce))
    if args.tcp:
        server.start_tcp(args.host, args.port)
    else:
        server.start_io(BoundedStdin(sys.stdin.buffer, lambda: _leave(0 if server.shutdown_requested else 1)))
    return 0
