"""Configuration: discovery, validation with file:line, selection, per-file blocks, options."""
from __future__ import annotations

from pathlib import Path

import pytest

from stylecheck import lint_text
from stylecheck.config import ConfigError, Settings, find_config, load_config
from stylecheck.engine import Linter
from stylecheck.packs import PackError, builtin_rules
from stylecheck.runner import RunOptions, settings_for
from stylecheck.selection import enabled

DOUBLED = "It was the the end of the the affair.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_discovery_walks_up_and_prefers_dedicated_files(tmp_path):
    _write(tmp_path / "pyproject.toml", "[tool.stylecheck]\nignore = ['CR101']\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    find_config.cache_clear()
    assert find_config(str(deep)) == tmp_path / "pyproject.toml"
    _write(tmp_path / "a" / ".stylecheck.toml", "ignore = ['CR201']\n")
    find_config.cache_clear()
    assert find_config(str(deep)) == tmp_path / "a" / ".stylecheck.toml"


def test_pyproject_without_our_table_is_skipped(tmp_path):
    _write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    find_config.cache_clear()
    found = find_config(str(tmp_path))
    assert found is None or found.parent != tmp_path


@pytest.mark.parametrize(
    "body,needle",
    [
        ("selekt = ['CR']\n", ":1: selekt: unknown key"),
        ("ignore = 'CR101'\n", ":1: ignore: expected list"),
        ("\n\nfail-on = 'fatal'\n", ":3: fail-on:"),
        ("preset = 'nyt'\n", "preset"),
        ("ignore = [\n", "invalid TOML"),
        ("packs = ['../../elsewhere.toml']\n", "outside the project"),
    ],
)
def test_bad_config_names_file_line_and_key(tmp_path, body, needle):
    cfg = _write(tmp_path / "stylecheck.toml", body)
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    assert str(cfg) in str(exc.value) and needle in str(exc.value)


def test_select_ignore_by_code_prefix_slug_and_category():
    rules = {r.code: r for r in builtin_rules()}
    r = rules["CR101"]
    assert enabled(r, Settings())
    for sel in ("CR101", "CR1", "CR", "doubled-word", "phrasing", "ALL"):
        assert enabled(r, Settings(select=(sel,))), sel
        assert not enabled(r, Settings(ignore=(sel,))), sel
    assert not enabled(r, Settings(select=("CR6",)))
    assert enabled(rules["CR401"], Settings(extend_select=("long-sentence",)))
    assert not enabled(rules["CR401"], Settings())


def test_severity_override_and_off():
    found = Linter(Settings(select=("CR101",), severity=(("CR101", "error"),))).run(
        __import__("stylecheck.source", fromlist=["Source"]).Source("x", DOUBLED), "text").findings_or_raise()
    assert found and all(str(f.severity) == "error" for f in found)
    assert not Linter(Settings(select=("CR101",), severity=(("doubled-word", "off"),))).rules


def test_rule_options_from_config(tmp_path):
    cfg = _write(tmp_path / "stylecheck.toml", "extend-select = ['CR401']\n[rules.CR401]\nmax_words = 5\n")
    text = "One two three four five six seven eight.\n"
    assert any(f.rule == "CR401" for f in lint_text(text, fmt="text", config=str(cfg)))
    cfg.write_text("extend-select = ['CR401']\n[rules.CR401]\nmax_words = 50\n", encoding="utf-8")
    assert not any(f.rule == "CR401" for f in lint_text(text, fmt="text", config=str(cfg)))


def test_unknown_rule_option_is_an_error(tmp_path):
    cfg = _write(tmp_path / "stylecheck.toml", "[rules.CR101]\nmax_wordz = 5\n")
    with pytest.raises(ConfigError, match="stylecheck.toml:2: rules.CR101: unknown option .max_wordz"):
        lint_text("x", fmt="text", config=str(cfg))


def test_per_file_blocks_apply_by_glob(tmp_path):
    cfg = _write(tmp_path / "stylecheck.toml", "[per-file.\"archive/*\"]\nignore = ['CR101']\n")
    old = _write(tmp_path / "archive" / "old.txt", DOUBLED)
    new = _write(tmp_path / "new.txt", DOUBLED)
    opts = RunOptions(config=str(cfg))
    assert "CR101" in settings_for(str(old), opts).ignore
    assert "CR101" not in settings_for(str(new), opts).ignore


DESK_PACK = """
[[rule]]
code = "DK201"
slug = "desk-forms"
kind = "forms"
category = "consistency"
severity = "warning"
message = "'{found}' here, '{expected}' elsewhere."
why = "Desk rule."
groups = [["Kyiv", "Kiev"], ["Mumbai", "Bombay"]]
"""


def test_house_preference_decides_consistency(tmp_path):
    _write(tmp_path / "desk.toml", DESK_PACK)
    text = "Kiev was quiet. Kiev slept. Kyiv woke.\n"
    cfg = _write(tmp_path / "stylecheck.toml", "packs = ['desk.toml']\nselect = ['DK']\n")
    plain = lint_text(text, fmt="text", config=str(cfg))
    assert [f.text for f in plain] == ["Kyiv"] and plain[0].suggestions == ("Kiev",)
    cfg.write_text("packs = ['desk.toml']\nselect = ['DK']\n[prefer]\nKiev = \"Kyiv\"\n", encoding="utf-8")
    house = lint_text(text, fmt="text", config=str(cfg))
    assert [f.text for f in house] == ["Kiev", "Kiev"]
    assert house[0].suggestions == ("Kyiv",)


def test_extra_pack_with_invalid_pattern_names_pack_and_rule(tmp_path):
    _write(tmp_path / "desk.toml", """
[[rule]]
code = "DK101"
slug = "desk-banned"
kind = "existence"
category = "style"
severity = "warning"
message = "Banned."
why = "Desk rule."
patterns = ['(a+']
""")
    cfg = _write(tmp_path / "stylecheck.toml", "packs = ['desk.toml']\n")
    with pytest.raises(PackError) as exc:
        lint_text("aaa", fmt="text", config=str(cfg))
    assert "desk.toml" in str(exc.value) and "DK101" in str(exc.value)


def test_accept_list_silences_substitution(tmp_path):
    cfg = _write(tmp_path / "stylecheck.toml", "accept = ['utilise']\n")
    text = "Engineers will utilise the crane.\n"
    assert any(f.rule == "CR201" for f in lint_text(text, fmt="text"))
    assert not any(f.rule == "CR201" for f in lint_text(text, fmt="text", config=str(cfg)))


def test_crlf_line_break_is_not_a_paragraph_break():
    from stylecheck.parsers.plaintext import iter_paragraphs

    text = "one line\r\nsame paragraph\r\n\r\nnext\rstill next\r\rlast\n\nend"
    assert [text[s:e] for s, e in iter_paragraphs(text)] == [
        "one line\r\nsame paragraph", "next\rstill next", "last", "end"]


def test_bundled_rules_from_the_cache_equal_rules_from_toml(tmp_path, monkeypatch):
    from stylecheck.packs import builtin_pack_dir, builtin_rules, load_rules

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    builtin_rules.cache_clear()
    first = builtin_rules()  # parses TOML, writes the cache
    assert list((tmp_path / "stylecheck").glob("packs-*.marshal"))
    builtin_rules.cache_clear()
    second = builtin_rules()  # from the cache
    fresh = tuple(load_rules(sorted(builtin_pack_dir().glob("*.toml")), bundled=True))
    assert [(r.code, r.options, r.examples) for r in second] == [(r.code, r.options, r.examples) for r in fresh]
    assert first == second and len(set(second)) == len(second), "rules stay hashable (options is a dict)"
    assert all(type(r.severity).__name__ == "Severity" and all(type(e).__name__ == "Example" for e in r.examples)
               for r in second)
    for p in (tmp_path / "stylecheck").glob("packs-*.marshal"):
        p.write_bytes(b"garbage")
    builtin_rules.cache_clear()
    assert builtin_rules() == fresh
    builtin_rules.cache_clear()
