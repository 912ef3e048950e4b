"""The one run API (Linter.run) and the one fixes module, as every caller sees them.

Each caller (Python API, CLI, HTTP server, language server) must get per-rule errors, check big
documents in parts, and make fixes through fixes.py; deadlines give honest partial results.
"""
from __future__ import annotations

import asyncio
import os
import pickle
import sys
import threading
import time

import pytest

from stylecheck import engine, fixes, lint_paths, lint_text
from stylecheck.atomic import WriteRefused, try_write_atomic, write_atomic
from stylecheck.config import Overrides, Settings
from stylecheck.engine import CompiledRule, Linter, Progress, RuleError
from stylecheck.source import Source

TEXT = "The minister said the the plan would utilise new cranes.\n"
POISON = "The poison the the pill would utilise cranes.\n"


@pytest.fixture
def crashing_substitution(monkeypatch):
    """CR201 (a substitution rule) crashes on any text containing 'poison'."""
    from stylecheck.kinds.substitution import Substitution

    real = Substitution.check

    def check(self, doc):
        if "poison" in doc.source:
            raise ZeroDivisionError("simulated bug")
        return real(self, doc)

    monkeypatch.setattr(Substitution, "check", check)


class _Gate:
    """A rule kind that waits for its gate to open, then finds nothing."""

    def __init__(self):
        self.started, self.release = threading.Event(), threading.Event()

    def check(self, doc):
        self.started.set()
        self.release.wait(10)
        return []


def _with_extra_rule(kind, select=("CR101", "CR201"), first=False) -> Linter:
    linter = Linter(Settings(select=select))
    base = linter.rules[0]
    extra = CompiledRule(base.rule._replace(code="ZZ901", slug="gated-rule"), kind, base.severity)
    linter.rules.insert(0 if first else len(linter.rules), extra)
    return linter


# ---- one result: findings, rule errors, completeness ----------------------------------------------

def test_run_returns_findings_errors_and_completeness(crashing_substitution):
    linter = Linter(Settings(select=("CR101", "CR201")))
    clean = linter.run(TEXT, "text")
    assert clean.complete and clean.skipped == () and clean.errors == []
    assert [f.rule for f in clean.findings] == ["CR101", "CR201"] and clean.linter is linter
    assert clean.findings_or_raise() == clean.findings

    broken = linter.run(Source("a.txt", POISON), "text")
    assert broken.complete and [f.rule for f in broken.findings] == ["CR101"]
    assert broken.errors == ["SC-E999 rule CR201 crashed: ZeroDivisionError: simulated bug"]
    with pytest.raises(RuleError) as exc:
        broken.findings_or_raise()
    assert isinstance(exc.value.__cause__, ZeroDivisionError) and exc.value.result is broken


def test_every_caller_gets_rule_errors(tmp_path, crashing_substitution, capsys):
    settings = Settings(select=("CR101", "CR201"))
    # the Python API: lint_text raises with the other rules' findings, lint_paths reports per file
    with pytest.raises(RuleError) as exc:
        lint_text(POISON, fmt="text", config=settings)
    assert "CR201 crashed" in str(exc.value) and [f.rule for f in exc.value.result.findings] == ["CR101"]
    f = tmp_path / "a.txt"
    f.write_text(POISON, encoding="utf-8")
    (r,) = lint_paths([f], overrides=Overrides(select=("CR101", "CR201")))
    assert r.rule_errors == ["SC-E999 rule CR201 crashed: ZeroDivisionError: simulated bug"]
    assert [x.rule for x in r.findings] == ["CR101"]
    # the CLI: on stderr, exit 2
    from stylecheck.cli import main

    assert main(["--no-cache", "--select", "CR101,CR201", str(f)]) == 2
    assert f"{f}: SC-E999 rule CR201 crashed" in capsys.readouterr().err


def test_the_server_reports_rule_errors_on_check_and_refuses_to_fix_over_them(crashing_substitution):
    pytest.importorskip("starlette", reason="the serve extra is not installed")
    from starlette.testclient import TestClient

    from stylecheck.server.app import create_app

    with TestClient(create_app(allowed_hosts=None)) as c:
        body = c.post("/v1/check", json={"text": POISON, "config": {"select": ["CR101", "CR201"]}}).json()
        assert [e["message"] for e in body["errors"]] == ["SC-E999 rule CR201 crashed: ZeroDivisionError: simulated bug"]
        assert [f["rule"] for f in body["files"][0]["findings"]] == ["CR101"] and body["incomplete"] is False
        fixed = c.post("/v1/fix", json={"text": POISON, "config": {"select": ["CR101", "CR201"]}}).json()
    assert fixed["text"] == POISON and fixed["applied"] == 0
    assert any("fix abandoned: SC-E999 rule CR201" in e["message"] for e in fixed["errors"])


# ---- deadlines and partial progress ---------------------------------------------------------------

def test_a_passed_deadline_skips_every_rule_and_says_so():
    linter = Linter(Settings(select=("CR101", "CR201")))
    result = linter.run(TEXT, "text", deadline=time.monotonic() - 1)
    assert not result.complete and result.skipped == ("CR101", "CR201") and result.findings == []


def test_rules_after_an_overrunning_rule_are_skipped_not_run_late(monkeypatch):
    clock = [0.0]
    monkeypatch.setattr(engine.time, "monotonic", lambda: clock[0])

    class Overrun:
        def check(self, doc):
            clock[0] = 20.0  # the rule takes "20 seconds"
            return []

    linter = _with_extra_rule(Overrun(), first=True)
    result = linter.run(TEXT, "text", deadline=10.0)
    assert not result.complete and result.skipped == ("CR101", "CR201") and result.findings == []


def test_a_snapshot_from_another_thread_has_what_the_finished_rules_found():
    gate = _Gate()
    linter = _with_extra_rule(gate)  # CR101, CR201, then the gated rule
    progress = Progress()
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("result", linter.run(TEXT, "text", progress=progress)))
    worker.start()
    assert gate.started.wait(10)
    partial = progress.snapshot()
    assert not partial.complete and partial.skipped == ("ZZ901",)
    assert [f.rule for f in partial.findings] == ["CR101", "CR201"]
    gate.release.set()
    worker.join(10)
    final = box["result"]
    assert final.complete and final.findings == partial.findings and progress.snapshot() is final


def test_a_snapshot_before_the_rules_run_is_empty_and_incomplete():
    snap = Progress().snapshot()
    assert not snap.complete and snap.findings == [] and snap.errors == []


def test_a_deadline_between_parts_skips_the_rest_of_the_document(monkeypatch):
    monkeypatch.setattr(engine, "PART_CHARS", 300)
    text = "".join(f"Paragraph {i} said the the thing.\n\n" for i in range(60))
    linter = Linter(Settings(select=("CR101",)))
    whole = linter.run(text, "text")
    assert whole.complete and len(whole.findings) == 60

    class StopAfterFirstPart(Progress):
        parts = 0

        def part_started(self):
            self.parts += 1

    progress = StopAfterFirstPart()
    real = engine.time.monotonic
    monkeypatch.setattr(engine.time, "monotonic", lambda: real() + (1000 if progress.parts > 1 else 0))
    partial = linter.run(text, "text", deadline=real() + 100, progress=progress)
    assert progress.parts == 2 and not partial.complete and partial.skipped == ("CR101",)
    assert 0 < len(partial.findings) < 60 and partial.findings == whole.findings[:len(partial.findings)]


# ---- big documents in parts, for every caller --------------------------------------------------

_FAR_APART = "Zelenskyy spoke on Monday.\n\n" + "".join(f"Filler paragraph {i} is plain.\n\n" for i in range(40)) \
    + "Later Zelensky left the hall.\n"


def test_the_server_checks_a_big_document_in_parts_like_the_cli(monkeypatch):
    pytest.importorskip("starlette", reason="the serve extra is not installed")
    from starlette.testclient import TestClient

    from stylecheck.server.app import create_app

    whole = [f.rule for f in Linter(Settings()).run(_FAR_APART, "text").findings]
    assert "NM102" in whole  # one article: the two spellings are compared
    monkeypatch.setattr(engine, "PART_CHARS", 300)
    parted = Linter(Settings()).run(_FAR_APART, "text").findings
    assert "NM102" not in [f.rule for f in parted]  # in parts: each part on its own
    with TestClient(create_app(allowed_hosts=None)) as c:
        for fmt in ("text", "markdown"):
            body = c.post("/v1/check", json={"text": _FAR_APART, "format": fmt}).json()
            assert "NM102" not in [f["rule"] for f in body["files"][0]["findings"]], fmt
        body = c.post("/v1/check", json={"text": _FAR_APART}).json()
    assert [(f["rule"], f["line"], f["column"]) for f in body["files"][0]["findings"]] == [
        (f.rule, f.line, f.column) for f in parted]


# ---- the one fixes module -----------------------------------------------------------------------

def _finding(start, end, suggestion, applicability="safe"):
    from stylecheck.findings import Finding, Severity

    return Finding("ZZ001", "z", "style", Severity.warning, "m", start, end, 1, start + 1, 1, end + 1,
                   (suggestion,), applicability, "", ((start, end, suggestion),))


def test_choose_edits_by_applicability_one_pass_without_overlaps():
    found = [_finding(6, 10, "X"), _finding(0, 3, "A", "unsafe"), _finding(8, 12, "Y"), _finding(12, 13, "")]
    assert fixes.choose_edits(found) == [(6, 10, "X"), (12, 13, "")]
    assert fixes.choose_edits(found, unsafe=True) == [(0, 3, "A"), (6, 10, "X"), (12, 13, "")]
    assert fixes.apply_edits("abcdefghijklmn", found) == ("abcdefXkln", 2)


def test_fix_source_all_chosen_and_its_refusals(crashing_substitution):
    linter = Linter(Settings(select=("CR101", "CR201", "CR601")))
    overlapping = Source("a.txt", "They will utili\u200bse the the crane.\n")
    # CR601's span lies in CR201's: it waits, then is moot
    fixed = fixes.fix_source(linter, overlapping, "text", unsafe=True)
    assert fixed.text == "They will use the crane.\n" and fixed.applied == 2 and fixed.remaining == []
    safe = fixes.fix_source(linter, overlapping, "text")  # the rewording is unsafe: only the safe ones
    assert safe.text == "They will utilise the crane.\n" and safe.applied == 2 and [f.rule for f in safe.remaining] == ["CR201"]

    only_doubled = fixes.fix_source(linter, Source("a.txt", TEXT), "text", select=lambda f: f.rule == "CR101")
    assert only_doubled.text == TEXT.replace("the the", "the") and only_doubled.applied == 1
    assert [f.rule for f in only_doubled.remaining] == ["CR201"]

    with pytest.raises(fixes.FixIncomplete):
        fixes.fix_source(linter, Source("a.txt", TEXT), "text", deadline=time.monotonic() - 1)
    with pytest.raises(fixes.FixError, match="fix abandoned: SC-E999 rule CR201"):
        fixes.fix_source(linter, Source("a.txt", POISON), "text")


def test_cli_diff_and_the_server_fix_the_same_way(tmp_path, capsys):
    pytest.importorskip("starlette", reason="the serve extra is not installed")
    from starlette.testclient import TestClient

    from stylecheck.cli import main
    from stylecheck.server.app import create_app

    text = "They will utili\u200bse the the crane.\n"
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    main(["--no-cache", "--select", "CR101,CR201,CR601", "--diff", "--unsafe-fixes", str(f)])
    assert "+They will use the crane.\n" in capsys.readouterr().out and f.read_text(encoding="utf-8") == text
    with TestClient(create_app(allowed_hosts=None)) as c:
        body = c.post("/v1/fix", json={"text": text, "unsafe": True,
                                       "config": {"select": ["CR101", "CR201", "CR601"]}}).json()
    assert body["text"] == "They will use the crane.\n" and body["applied"] == 2


def test_write_atomic_keeps_mode_refuses_symlinks_and_changed_files(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"old")
    os.chmod(f, 0o640)
    write_atomic(f, b"new", expected=b"old")
    assert f.read_bytes() == b"new" and os.stat(f).st_mode & 0o777 == 0o640
    with pytest.raises(WriteRefused, match="changed since it was read"):
        write_atomic(f, b"newer", expected=b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(f)
    with pytest.raises(WriteRefused, match="symbolic link"):
        write_atomic(link, b"through")
    assert not try_write_atomic(link, b"through")  # caches: refused quietly
    assert f.read_bytes() == b"new" and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cache_writes_skip_fsync_and_fixes_do_not(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    assert try_write_atomic(tmp_path / "cache" / "entry.bin", b"x") and synced == []
    f = tmp_path / "article.txt"
    f.write_bytes(b"It was the the end.\n")
    source = Source(str(f), "It was the the end.\n")
    fixes.write_fixed(str(f), source, "It was the end.\n")
    assert len(synced) == 2 and f.read_bytes() == b"It was the end.\n"  # the data and the directory


# ---- the language server ------------------------------------------------------------------------

def _lsp_session():
    pytest.importorskip("pygls", reason="the serve extra (pygls) is not installed")
    from lsprotocol import types as T
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("stylecheck-test", "1")
    seen = {"diagnostics": {}, "log": [], "shown": []}
    arrived = asyncio.Event()

    @client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params):
        seen["diagnostics"][params.version] = params.diagnostics
        arrived.set()

    @client.feature(T.WINDOW_LOG_MESSAGE)
    def on_log(params):
        seen["log"].append(params.message)

    @client.feature(T.WINDOW_SHOW_MESSAGE)
    def on_show(params):
        seen["shown"].append(params.message)

    async def start():
        await client.start_io(sys.executable, "-m", "stylecheck", "lsp", "--debounce", "0.05")
        await client.initialize_async(T.InitializeParams(capabilities=T.ClientCapabilities(), process_id=None,
                                                         root_uri=None))
        client.initialized(T.InitializedParams())

    async def diagnostics(version):
        while version not in seen["diagnostics"]:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 15)
        return seen["diagnostics"][version]

    async def stop():
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()

    return T, client, seen, start, diagnostics, stop


def test_the_language_server_logs_and_shows_rule_errors(tmp_path):
    T, client, seen, start, diagnostics, stop = _lsp_session()
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "pack.toml").write_text(
        '[[rule]]\ncode = "ZZ003"\nslug = "zz-evil"\nkind = "existence"\ncategory = "style"\n'
        "severity = \"warning\"\nmessage = \"m\"\nwhy = \"w\"\npatterns = ['(a|aa)+$']\n", encoding="utf-8")
    (proj / ".stylecheck.toml").write_text('packs = ["pack.toml"]\n', encoding="utf-8")
    uri = (proj / "a.txt").as_uri()

    async def go():
        await start()
        try:
            client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(
                uri=uri, language_id="plaintext", version=1, text="The the vote.\n\n" + "a" * 20_000 + "!\n")))
            return [d.code for d in await diagnostics(1)]
        finally:
            await stop()

    codes = asyncio.run(go())
    assert "CR101" in codes  # the other rules still report
    assert any("SC-E-TIMEOUT rule ZZ003" in m and "a.txt" in m for m in seen["log"])
    assert any("SC-E-TIMEOUT rule ZZ003" in m for m in seen["shown"])


def test_the_language_server_fixes_all_as_the_cli_does(tmp_path):
    T, client, seen, start, diagnostics, stop = _lsp_session()
    f = tmp_path / "a.txt"
    text = "Intro line.\n\nThey will utili\u200bse the the crane.\nPrior to noon, all left.\n"
    f.write_text(text, encoding="utf-8")
    uri = f.as_uri()

    async def go():
        await start()
        try:
            client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(
                uri=uri, language_id="plaintext", version=1, text=text)))
            await diagnostics(1)
            return await client.text_document_code_action_async(T.CodeActionParams(
                text_document=T.TextDocumentIdentifier(uri), range=T.Range(T.Position(0, 0), T.Position(0, 0)),
                context=T.CodeActionContext(diagnostics=[], only=[T.CodeActionKind.SourceFixAll])))
        finally:
            await stop()

    (action,) = asyncio.run(go())
    from stylecheck.lsp import Positions

    out = text
    for edit in sorted(action.edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        pos = Positions(out)
        s = pos.to_offset(edit.range.start.line, edit.range.start.character)
        e = pos.to_offset(edit.range.end.line, edit.range.end.character)
        out = out[:s] + edit.new_text + out[e:]
    expected = fixes.fix_source(Linter(Settings()), Source(str(f), text), "text")
    assert out == expected.text and "(%d)" % expected.applied in action.title
    # the safe fixes only: the hidden character and the doubled word, not the rewordings
    assert out.startswith("Intro line.\n\nThey will utilise the crane.\nPrior to noon")


# ---- layering: results carry what the CLI needs ----------------------------------------------------

def test_results_carry_their_settings_and_overrides_are_data(tmp_path, monkeypatch, capsys):
    import io

    from stylecheck.cli import main
    from stylecheck.runner import RunOptions, lint_file, rules_in_use

    options = RunOptions(overrides=Overrides(select=("CR101",), fail_on="error"))
    assert pickle.loads(pickle.dumps(options)) == options  # worker processes get plain data
    (tmp_path / ".stylecheck.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("It was the the end.\n", encoding="utf-8")
    r = lint_file(str(f), options)
    assert r.settings.select == ("CR101",) and r.format == "text" and not r.fails()  # a warning < error
    assert [rule.code for rule in rules_in_use([r])] == ["CR101"]

    # stdin without a name uses the config of the working directory for its fail-on too
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"It was the the end.\n"), encoding="utf-8"))
    assert main(["--no-cache", "-"]) == 0
    assert "CR101" in capsys.readouterr().out


def test_cli_choices_come_from_the_registries():
    from stylecheck import cli, formatters, packs, parsers

    choices = {a.dest: a.choices for a in cli._lint_parser()._actions if a.choices}
    assert tuple(choices["output_format"]) == formatters.FORMATS
    assert tuple(choices["format_in"]) == parsers.FORMATS
    assert tuple(choices["preset"]) == (*packs.PRESETS, "none")
