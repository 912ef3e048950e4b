"""Formatters: golden output for every format, SARIF validated against the official schema, escaping.

The goldens lint a fixed hand-written article with a private pack (tests/golden/formatters/pack.toml,
codes QX9xx), so new or retuned shipped rules never change them. Regenerate after a deliberate
output change with `STYLECHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_formatters.py`.
"""
from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from stylecheck import __version__
from stylecheck.baseline import fingerprint
from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.excerpt import excerpts
from stylecheck.formatters import FORMATS, formatter
from stylecheck.formatters.github_format import escape_data, escape_property
from stylecheck.formatters.junit_format import clean
from stylecheck.formatters.text_format import summary
from stylecheck.packs import load_pack
from stylecheck.runner import FileResult
from stylecheck.source import Source

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "formatters"
PACK = GOLDEN / "pack.toml"
SCHEMA = json.loads((HERE / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
UPDATE = bool(os.environ.get("STYLECHECK_UPDATE_GOLDEN"))

# Our own copy: a CRLF line, a finding across a line break, an astral character before a finding,
# a tab, hidden characters (zero-width space, right-to-left override), and %, :, &, < > in the text.
ARTICLE = (
    "Bridge vote delayed again\n\n"
    "The council said the the vote on the colour scheme would commence in March.\r\n"
    "Members hope to\nto finish the review by then; one \U0001f389 fan said the color was \"a utilise shame\".\n\n"
    "The mur\u200bder mystery\tplay opened at 10:00, 50% sold, with a \u202eflipped\u202c name & <tag>.\n"
)


def linter(**kw) -> Linter:
    return Linter(Settings(packs=(str(PACK.resolve()),), select=("QX",), **kw))


def file_result(path: str, text: str, fmt: str = "text") -> FileResult:
    src = Source(path, text)
    return FileResult(path, findings=linter().run(src, fmt).findings_or_raise(), source=src)


def golden_results() -> list[FileResult]:
    return [
        file_result("desk/bridge.txt", ARTICLE),
        file_result("desk/clean.txt", "Nothing to report here.\n"),
        FileResult("desk/photo.txt", error="binary file (contains NUL bytes), skipped", error_code="SC-E004"),
    ]


def rendered(name: str, options: dict | None = None) -> str:
    opts = {"rules": load_pack(PACK), "fingerprint": fingerprint} if name == "sarif" else {}
    opts.update(options or {})
    out = formatter(name)(golden_results(), opts)
    return out.replace(f'"{__version__}"', '"<version>"')  # the goldens outlive version bumps


@pytest.mark.parametrize("name,options,golden", [
    ("text", {}, "bridge.text"),
    ("text", {"colour": True}, "bridge.text-colour"),
    ("json", {}, "bridge.json"),
    ("sarif", {}, "bridge.sarif"),
    ("github", {}, "bridge.github"),
    ("junit", {}, "bridge.junit.xml"),
    ("concise", {}, "bridge.concise"),
    ("gitlab", {"fingerprint": fingerprint}, "bridge.gitlab.json"),
    ("rdjson", {}, "bridge.rdjson.json"),
    ("text", {"excerpts": excerpts}, "bridge.text-sentence"),
])
def test_golden(name, options, golden):
    out = rendered(name, options)
    path = GOLDEN / golden
    if UPDATE:
        path.write_bytes(out.encode("utf-8"))
    assert out == path.read_bytes().decode("utf-8"), f"{name} output changed; see {path}"


def test_goldens_exercise_every_format():
    assert set(FORMATS) == {"text", "concise", "json", "sarif", "github", "gitlab", "rdjson", "junit"}
    for name in FORMATS:
        formatter(name)  # importable
    with pytest.raises(ValueError):
        formatter("yaml")


def test_golden_article_has_the_cases_the_goldens_are_for():
    r = golden_results()[0]
    rules = [f.rule for f in r.findings]
    assert {"QX901", "QX902", "QX903", "QX904"} <= set(rules)
    assert any(f.end_line > f.line for f in r.findings), "a finding across a line break"
    assert any(f.text == "\u202e" for f in r.findings)


# --- SARIF -------------------------------------------------------------------------------------

_URI_REF = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")


def _validator():
    checker = jsonschema.FormatChecker()

    @checker.checks("uri-reference")
    def _uri_ref(value):  # jsonschema checks URIs only with optional extras; check the RFC 3986 alphabet
        return isinstance(value, str) and bool(_URI_REF.match(value))

    @checker.checks("uri")
    def _uri(value):
        return isinstance(value, str) and bool(_URI_REF.match(value)) and bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value))

    return jsonschema.Draft4Validator(SCHEMA, format_checker=checker)


def sarif_of(results, **options):
    log = json.loads(formatter("sarif")(results, options))
    errors = sorted(_validator().iter_errors(log), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    return log


def test_sarif_is_valid_against_the_official_schema():
    log = sarif_of(golden_results())
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "stylecheck"


def test_sarif_validator_rejects_broken_logs():
    """The schema check is real: it fails on a log missing what SARIF requires."""
    log = json.loads(formatter("sarif")(golden_results(), {}))
    del log["runs"][0]["tool"]
    assert list(_validator().iter_errors(log))
    log = json.loads(formatter("sarif")(golden_results(), {}))
    log["runs"][0]["results"][0]["level"] = "info"  # SARIF says "note"
    assert list(_validator().iter_errors(log))
    log = json.loads(formatter("sarif")(golden_results(), {}))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b.txt"
    assert list(_validator().iter_errors(log))


def test_sarif_regions_are_one_based_code_points_of_the_source():
    results = golden_results()
    log = sarif_of(results, rules=load_pack(PACK))
    src = results[0].source
    regions = [res["locations"][0]["physicalLocation"]["region"] for res in log["runs"][0]["results"]]
    assert len(regions) == len(results[0].findings)
    for region, f in zip(regions, results[0].findings):
        start = src.lines.offset(region["startLine"], region["startColumn"])
        end = src.lines.offset(region["endLine"], region["endColumn"])
        assert (start, end) == (f.start, f.end)
        assert region["snippet"]["text"] == src.text[start:end]
    # after the astral emoji, columns count it as one code point (UTF-16 would count two)
    color = next(f for f in results[0].findings if f.text == "color")
    line = src.text.splitlines()[color.line - 1]
    assert line.index("color") + 1 == color.column


def test_sarif_rules_results_levels_and_fixes():
    log = sarif_of(golden_results(), rules=load_pack(PACK))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({"QX901", "QX902", "QX903", "QX904"})
    by_id = {r["id"]: r for r in rules}
    assert by_id["QX901"]["name"] == "golden-doubled-word"
    assert by_id["QX901"]["fullDescription"]["text"] == "A word typed twice is a slip."
    assert by_id["QX902"]["defaultConfiguration"]["level"] == "note"
    assert by_id["QX903"]["defaultConfiguration"]["level"] == "error"
    assert by_id["QX904"]["properties"]["category"] == "consistency"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    levels = {res["ruleId"]: res["level"] for res in run["results"]}
    assert levels == {"QX901": "warning", "QX902": "note", "QX903": "error", "QX904": "warning"}
    doubled = next(res for res in run["results"] if res["ruleId"] == "QX901")
    (fix,) = doubled["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "desk/bridge.txt"
    assert change["replacements"][0]["insertedContent"]["text"] == "the"
    assert change["replacements"][0]["deletedRegion"] == {"startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 25}


def test_sarif_reports_unreadable_files_and_rule_errors_as_notifications():
    results = golden_results()
    results[1].rule_errors.append("SC-E-TIMEOUT rule QX901: over its time budget")
    log = sarif_of(results)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == ["desk/clean.txt", "desk/photo.txt"]
    assert notes[1]["descriptor"]["id"] == "SC-E004" and "binary" in notes[1]["message"]["text"]
    clean_log = sarif_of(golden_results()[:2])
    assert clean_log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_uris_are_escaped_and_absolute_paths_are_file_uris(tmp_path):
    odd = file_result("desk/my story #1 ünï.txt", "It was the the end.\n")
    absolute = file_result(str(tmp_path / "a b.txt"), "It was the the end.\n")
    log = sarif_of([odd, absolute])
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris[0] == "desk/my%20story%20%231%20%C3%BCn%C3%AF.txt"
    assert uris[1].startswith("file:///") and uris[1].endswith("/a%20b.txt")


def test_sarif_describes_rules_without_metadata_from_the_finding():
    log = sarif_of(golden_results(), rules=[])
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "QX901")
    assert rule["name"] == "golden-doubled-word" and rule["properties"]["category"] == "phrasing"


# --- GitHub ------------------------------------------------------------------------------------

def test_github_escaping_follows_the_runner():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("x\u202ey") == "x<U+202E>y"


def test_github_message_cannot_inject_a_command():
    r = file_result("a,b:c%.txt", "It was the the end.\n")
    f = r.findings[0]
    evil = f._replace(message="bad\n::error file=x::pwned")
    r.findings = [evil]
    out = formatter("github")([r], {})
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::warning file=a%2Cb%3Ac%25.txt,line=1,col=8,endLine=1,endColumn=15,title=QX901 golden-doubled-word::")
    assert lines[0].endswith("bad%0A::error file=x::pwned (suggestion: 'the')")


def test_github_levels_and_errors():
    out = formatter("github")(golden_results(), {}).splitlines()
    assert all(line.startswith("::") for line in out)
    kinds = [line[2:].split(" ", 1)[0] for line in out]
    assert set(kinds) == {"warning", "notice", "error"}
    assert out[-1] == "::error file=desk/photo.txt,title=SC-E004::binary file (contains NUL bytes), skipped"
    assert formatter("github")([], {}) == ""


# --- JUnit -------------------------------------------------------------------------------------

def test_junit_one_testcase_per_file_one_failure_per_finding():
    results = golden_results()
    root = ET.fromstring(formatter("junit")(results, {}))
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["desk/bridge.txt", "desk/clean.txt", "desk/photo.txt"]
    assert len(cases[0].findall("failure")) == len(results[0].findings) == 7
    assert not list(cases[1])
    assert cases[2].find("error").get("type") == "SC-E004"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    assert suite.find("properties/property").get("value") == "7"
    first = cases[0].find("failure")
    assert first.get("type") == "QX901"
    assert first.text.startswith("desk/bridge.txt:3:18: QX901 warning:")


def test_junit_drops_characters_xml_forbids_and_escapes_markup():
    assert clean("a\x00b\x01c\x0bd\ud800e\uffff\ufffef") == "abcdef"
    assert clean("tab\tok") == "tab\tok"
    r = file_result("desk/a&b<c>\x07.txt", "It was the the end.\n")
    f = r.findings[0]
    r.findings = [f._replace(message="odd \x1b[31m \ud83d <b>&amp;\"")]
    xml = formatter("junit")([r], {})
    case = ET.fromstring(xml).find("testsuite/testcase")  # parses: nothing illegal survived
    assert case.get("name") == "desk/a&b<c>.txt"
    assert "odd [31m  <b>" in case.find("failure").get("message")
    assert '<b>&amp;"' in case.find("failure").text


# --- text --------------------------------------------------------------------------------------

def _caret_rows(out: str) -> list[tuple[str, str]]:
    lines = out.splitlines()
    return [(lines[i + 1][4:], lines[i + 2][4:]) for i, line in enumerate(lines) if not line.startswith("  | ")
            and i + 2 < len(lines) and lines[i + 2].startswith("  | ")]


def test_text_underlines_the_span():
    r = file_result("a.txt", "Headline\n\nThe mayor said the the budget was fine.\n")
    out = formatter("text")([r], {})
    assert out.splitlines()[0] == "a.txt:3:16: QX901 warning: Doubled word 'the': delete one. [→ 'the']"
    (source, carets), = _caret_rows(out)
    assert source == "The mayor said the the budget was fine."
    assert carets == " " * 15 + "^" * 7


def test_text_underline_keeps_tabs_and_wide_characters_aligned():
    r = file_result("a.txt", "\t漢字 said the the thing.\n")
    (source, carets), = _caret_rows(formatter("text")([r], {}))
    assert carets == "\t" + " " * 4 + " " * 6 + "^" * 7  # tab kept, two wide characters fill four cells


def test_text_shows_hidden_characters_and_points_at_them():
    r = file_result("a.txt", "The mur\u200bder trial.\n")
    (source, carets), = _caret_rows(formatter("text")([r], {}))
    assert source == "The mur<U+200B>der trial."
    assert carets == " " * 7 + "^" * len("<U+200B>")


def test_text_summary_counts_per_severity():
    assert summary(golden_results()) == "Found 7 findings (2 errors, 3 warnings, 2 info) in 2 files.\n"
    assert summary([file_result("a.txt", "Fine.\n")]) == "Found 0 findings in 1 file.\n"


def test_text_very_long_line_shows_a_window_around_the_span():
    head = " ".join(f"w{i:03d}" for i in range(200)) + " "  # 1,000 characters, no doubled word
    text = head + "and the the end " + head + "\n"  # one long line
    r = file_result("a.txt", text)
    out = formatter("text")([r], {})
    (source, carets), = _caret_rows(out)
    assert len(source) == 300
    col = carets.index("^")
    assert source[col:col + 7] == "the the" and carets[col:] == "^" * 7
    assert out.startswith("a.txt:1:1005: QX901")


def test_sarif_fingerprints_survive_line_moves_and_tell_findings_apart():
    def prints(text):
        log = sarif_of([file_result("a.txt", text)], fingerprint=fingerprint)
        return [r["partialFingerprints"]["stylecheckContext/v1"] for r in log["runs"][0]["results"]]

    before = prints("Title\n\nThe mayor said the the budget was fine. It was was late.\n")
    after = prints("Title\n\nA new paragraph.\n\nThe mayor said the the budget was fine. It was was late.\n")
    assert before == after and len(set(before)) == 2


def test_sarif_fingerprints_come_from_the_options_only():
    log = sarif_of(golden_results())
    assert log["runs"][0]["results"] and all("partialFingerprints" not in r for r in log["runs"][0]["results"])


def test_formatters_are_pure_functions_of_results_and_options():
    """No formatter reads packs, baselines, configs or the engine: the CLI passes what they need."""
    import ast

    allowed = {"version", "patterns"}  # beyond the formatters package: the version and compile_re
    for path in sorted((HERE.parent / "stylecheck" / "formatters").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level > 1:
                assert (node.module or "").split(".")[0] in allowed, (path.name, node.module)
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("stylecheck") for a in node.names), path.name


def test_github_multi_line_findings_have_no_columns():
    lines = formatter("github")(golden_results(), {}).splitlines()
    multi = [line for line in lines if "doubled-word::Doubled word 'to'" in line]
    assert multi == ["::warning file=desk/bridge.txt,line=4,endLine=5,title=QX901 golden-doubled-word::"
                     "Doubled word 'to': delete one. (suggestion: 'to')"]
