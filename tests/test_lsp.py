"""The language server end to end over stdio, driven by pygls's client; and its position maths."""
from __future__ import annotations

import asyncio
import sys

import pytest

pytest.importorskip("pygls", reason="the serve extra (pygls) is not installed")
from lsprotocol import types as T  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from stylecheck.lsp import Positions  # noqa: E402

URI = "file:///tmp/stylecheck-lsp-test/article.txt"
HANG = 60  # seconds to wait for a publication: a hang guard, not a speed limit (CI is a busy box)


class Session:
    """A started server with a client that collects published diagnostics per URI."""

    def __init__(self, encodings=None, debounce: float = 0.05):
        self.client = LanguageClient("stylecheck-test", "1")
        self.debounce = debounce
        self.published: dict[str, list[T.PublishDiagnosticsParams]] = {}
        self.arrived = asyncio.Event()
        self.encodings = encodings

        @self.client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: T.PublishDiagnosticsParams):
            self.published.setdefault(params.uri, []).append(params)
            self.arrived.set()

    async def __aenter__(self):
        await self.client.start_io(sys.executable, "-m", "stylecheck", "lsp", "--debounce", str(self.debounce))
        general = T.GeneralClientCapabilities(position_encodings=self.encodings) if self.encodings else None
        self.init = await self.client.initialize_async(T.InitializeParams(
            capabilities=T.ClientCapabilities(general=general), process_id=None, root_uri=None))
        self.client.initialized(T.InitializedParams())
        return self

    async def __aexit__(self, *exc):
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def open(self, text: str, uri: str = URI, version: int = 1):
        self.arrived.clear()
        self.client.text_document_did_open(T.DidOpenTextDocumentParams(
            T.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text)))

    def change(self, text: str, version: int, uri: str = URI):
        self.arrived.clear()
        self.client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [T.TextDocumentContentChangeWholeDocument(text=text)]))

    async def diagnostics(self, version: int, uri: str = URI) -> list[T.Diagnostic]:
        """The diagnostics published for exactly this version (waits up to HANG seconds)."""
        async def wait():
            while True:
                for p in self.published.get(uri, []):
                    if p.version == version:
                        return p.diagnostics
                self.arrived.clear()
                await self.arrived.wait()
        return await asyncio.wait_for(wait(), HANG)


def run(coro):
    return asyncio.run(coro)


def _pos(d: T.Diagnostic):
    return (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)


def test_diagnostics_in_utf16_on_crlf_and_astral_text_and_code_action_round_trip():
    # U+1F600 is two UTF-16 code units: every column after it on that line shifts by one more
    text = "Flood \U0001F600 warning.\r\nThe mayor said the the plan would utilise pumps.\r\n"

    async def go():
        async with Session() as s:
            assert s.init.capabilities.position_encoding in (None, T.PositionEncodingKind.Utf16, "utf-16")
            s.open(text)
            diags = await s.diagnostics(1)
            by_rule = {d.code: d for d in diags}
            assert _pos(by_rule["CR101"]) == (1, 15, 1, 22)  # "the the" on line 2 (0-based 1)
            assert _pos(by_rule["CR201"]) == (1, 34, 1, 41)  # "utilise"

            # astral character before the finding on the same line
            s.change("A \U0001F600\U0001F600 the the end.\n", 2)
            (d,) = [d for d in await s.diagnostics(2) if d.code == "CR101"]
            # code points: 'A',' ',2 emoji,' ' -> "the the" starts at cp 5 = UTF-16 unit 7
            assert _pos(d) == (0, 7, 0, 14)

            actions = await s.client.text_document_code_action_async(T.CodeActionParams(
                text_document=T.TextDocumentIdentifier(URI), range=d.range,
                context=T.CodeActionContext(diagnostics=[d])))
            quick = [a for a in actions if a.kind == T.CodeActionKind.QuickFix]
            assert quick and quick[0].is_preferred
            (edit,) = quick[0].edit.changes[URI]
            assert edit.new_text == "the" and edit.range == d.range
            fixed = _apply("A \U0001F600\U0001F600 the the end.\n", edit)
            assert fixed == "A \U0001F600\U0001F600 the end.\n"
            s.change(fixed, 3)
            assert not [d for d in await s.diagnostics(3) if d.code == "CR101"]

            hover = await s.client.text_document_hover_async(T.HoverParams(
                T.TextDocumentIdentifier(URI), T.Position(1, 0)))
            assert hover is None  # nothing on line 2 of the fixed text
    run(go())


def test_fix_all_applies_the_safe_fixes_only():
    """The language server's "fix all" is `stylecheck --fix`: the doubled word goes, the rewording
    ("utilise" -> "use", unsafe) waits for the editor's own choice (issue 16)."""
    text = "The mayor said the the plan would utilise pumps.\n"

    async def go():
        async with Session() as s:
            s.open(text)
            diags = await s.diagnostics(1)
            assert {d.code for d in diags} >= {"CR101", "CR201"}
            actions = await s.client.text_document_code_action_async(T.CodeActionParams(
                text_document=T.TextDocumentIdentifier(URI),
                range=T.Range(T.Position(0, 0), T.Position(0, 0)),
                context=T.CodeActionContext(diagnostics=[], only=[T.CodeActionKind.SourceFixAll])))
            (fix_all,) = [a for a in actions if a.kind == T.CodeActionKind.SourceFixAll]
            fixed = text
            for edit in sorted(fix_all.edit.changes[URI], key=lambda e: (e.range.start.line, e.range.start.character),
                               reverse=True):
                fixed = _apply(fixed, edit)
            assert fixed == "The mayor said the plan would utilise pumps.\n"  # before: "... would use pumps."
            assert "(1)" in fix_all.title
    run(go())


def _apply(text: str, edit: T.TextEdit) -> str:
    """Apply a TextEdit the way an editor does, counting UTF-16 units on LSP lines."""
    pos = Positions(text)
    s = pos.to_offset(edit.range.start.line, edit.range.start.character)
    e = pos.to_offset(edit.range.end.line, edit.range.end.character)
    return text[:s] + edit.new_text + text[e:]


def test_hover_shows_why_and_invalid_positions_do_not_crash():
    text = "They will utilise the new crane.\n"

    async def go():
        async with Session() as s:
            s.open(text)
            (d,) = await s.diagnostics(1)
            # saving re-checks (and publishes again) without waiting for the debounce
            s.arrived.clear()
            s.client.text_document_did_save(T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(URI)))
            await asyncio.wait_for(s.arrived.wait(), HANG)
            assert len(s.published[URI]) == 2 and s.published[URI][-1].diagnostics == (d,)
            hover = await s.client.text_document_hover_async(T.HoverParams(
                T.TextDocumentIdentifier(URI), T.Position(0, 12)))
            assert "CR201" in hover.contents.value and "Plain words" in hover.contents.value
            # out of range lines and characters: clamped, the server answers and stays up
            for line, char in ((99, 0), (0, 10_000), (2**31 - 1, 2**31 - 1)):
                await s.client.text_document_hover_async(T.HoverParams(
                    T.TextDocumentIdentifier(URI), T.Position(line, char)))
                acts = await s.client.text_document_code_action_async(T.CodeActionParams(
                    text_document=T.TextDocumentIdentifier(URI),
                    range=T.Range(T.Position(line, char), T.Position(0, 0)), context=T.CodeActionContext([])))
                assert isinstance(acts, (list, tuple))
            # an unknown document is not an error either
            assert await s.client.text_document_hover_async(T.HoverParams(
                T.TextDocumentIdentifier("file:///nowhere.txt"), T.Position(0, 0))) is None
    run(go())


def test_rapid_changes_publish_only_the_latest_version():
    async def go():
        # a debounce far longer than sending ten changes takes, even on a busy machine
        async with Session(debounce=1.0) as s:
            s.open("Nothing here.\n")
            assert list(await s.diagnostics(1)) == []
            for v in range(2, 12):
                s.change(f"Version {v} has the the slip.\n" if v == 11 else f"Version {v} is clean.\n", v)
            diags = await s.diagnostics(11)
            assert [d.code for d in diags] == ["CR101"]
            # debounced: the intermediate versions were never checked
            versions = [p.version for p in s.published[URI]]
            assert versions[0] == 1 and versions[-1] == 11 and len(versions) < 6
    run(go())


def test_negotiates_utf8_and_utf32_positions():
    text = "Caf\u00e9 \U0001F600 the the end.\n"

    async def go(enc, expected):
        async with Session([enc]) as s:
            assert s.init.capabilities.position_encoding == enc
            s.open(text)
            (d,) = await s.diagnostics(1)
            assert _pos(d) == expected
    run(go(T.PositionEncodingKind.Utf8, (0, 11, 0, 18)))   # é is 2 bytes, the emoji 4
    run(go(T.PositionEncodingKind.Utf32, (0, 7, 0, 14)))   # code points


@pytest.mark.parametrize("text", ["a\r\nb\rc\nd", "\U0001F600x\r\n\U0001F600", "", "\r\n\r\n", "x\u2028y\nz"])
def test_positions_round_trip_and_clamp(text):
    for enc in ("utf-16", "utf-8", "utf-32"):
        pos = Positions(text, enc)
        for offset in range(len(text) + 1):
            line, char = pos.to_lsp(offset)
            back = pos.to_offset(line, char)
            # an offset inside a CRLF maps to the end of the line's content
            if offset > 0 and text[offset - 1: offset + 1] == "\r\n":
                assert back == offset - 1
            else:
                assert back == offset, (enc, offset)
        assert pos.to_offset(10**9, 0) == len(text)
        assert pos.to_offset(0, 10**9) == pos.to_offset(0, 10**6)
        assert pos.to_offset(-5, -5) == 0


def test_half_a_surrogate_pair_rounds_down():
    pos = Positions("a\U0001F600b")
    assert pos.to_offset(0, 2) == 1  # UTF-16 unit 2 is inside the emoji: its start
    assert pos.to_offset(0, 3) == 2
    assert pos.to_lsp(2) == (0, 3)
    # U+2028 is not a line break for LSP or for the linter
    assert Positions("x\u2028y").to_lsp(2) == (0, 2)


def test_config_created_and_edited_while_running_takes_effect(tmp_path):
    article = tmp_path / "desk" / "article.txt"
    article.parent.mkdir()
    uri = article.as_uri()
    text = "It was the the end, prior to the vote.\n"

    async def go():
        async with Session() as s:
            s.open(text, uri=uri)
            first = {d.code for d in await s.diagnostics(1, uri)}
            (tmp_path / ".stylecheck.toml").write_text('ignore = ["CR101"]\n', encoding="utf-8")
            s.change(text, 2, uri=uri)
            second = {d.code for d in await s.diagnostics(2, uri)}
            (tmp_path / ".stylecheck.toml").write_text('ignore = ["CR201"]\n# edited\n', encoding="utf-8")
            s.change(text, 3, uri=uri)
            third = {d.code for d in await s.diagnostics(3, uri)}
            return first, second, third

    first, second, third = run(go())
    assert {"CR101", "CR201"} <= first
    assert "CR101" not in second and "CR201" in second, "a new config file is found"
    assert "CR101" in third and "CR201" not in third, "an edited config file is read again"
