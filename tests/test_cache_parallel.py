"""Results cache and parallel runs: same findings as a plain run, in the same order."""
from __future__ import annotations

import json
import os

import pytest

from stylecheck.cache import ResultsCache
from stylecheck.cli import main
from stylecheck.parallel import lint_many
from stylecheck.runner import RunOptions

from readonly import read_only

ARTICLE = (
    "Flood waters rose in the the valley on Monday.\n\n"
    "Engineers will utilise the new pumps, officials said. The organisation and the organization met.\n"
)


def _tree(tmp_path, n=12):
    for i in range(n):
        (tmp_path / f"a{i:02d}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"), encoding="utf-8")
    return sorted(str(p) for p in tmp_path.glob("*.txt"))


def _json_run(args, capsys):
    rc = main(["--output-format", "json", *args])
    return rc, json.loads(capsys.readouterr().out)


def test_cached_results_equal_uncached(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "cache"))
    docs = tmp_path / "docs"
    docs.mkdir()
    files = _tree(docs)
    rc1, fresh = _json_run(["--no-cache", *files], capsys)
    rc2, first = _json_run(files, capsys)  # fills the cache
    rc3, cached = _json_run(files, capsys)  # answered from it
    assert rc1 == rc2 == rc3 == 1
    assert fresh == first == cached
    assert any((tmp_path / "cache").rglob("*.json"))


def test_edited_file_is_not_answered_from_cache(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "one.txt"
    f.write_text("It was the the end.\n", encoding="utf-8")
    _, before = _json_run([str(f)], capsys)
    f.write_text("It was the end.\n", encoding="utf-8")
    rc, after = _json_run([str(f)], capsys)
    assert before["files"][0]["findings"] and not after["files"][0]["findings"] and rc == 0


def test_corrupt_cache_entry_is_discarded_with_a_warning(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "one.txt"
    f.write_text("It was the the end.\n", encoding="utf-8")
    _, good = _json_run([str(f)], capsys)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    rc = main(["--output-format", "json", str(f)])
    captured = capsys.readouterr()
    assert rc == 1 and json.loads(captured.out) == good
    assert "corrupt cache" in captured.err


def test_only_the_most_recent_code_generations_are_kept(tmp_path):
    from stylecheck import cache as cache_mod

    import time

    root = tmp_path / "results"
    for i in range(6):  # results of six earlier versions of the code, oldest first, all used this week
        old = root / f"{i:016x}"
        (old / "ab").mkdir(parents=True)
        (old / "ab" / "entry.json").write_text("{}", encoding="utf-8")
        used = time.time() - (6 - i) * 3600
        os.utime(old, (used, used))
    cache = ResultsCache(root)
    cache.put("ab" * 32, [], [])
    kept = sorted(p.name for p in root.iterdir())
    assert cache.dir.name in kept and len(kept) == cache_mod.KEEP_GENERATIONS
    assert kept == sorted([cache.dir.name, "0000000000000005", "0000000000000004", "0000000000000003"])
    assert cache.get("ab" * 32) == ([], [])
    month_ago = time.time() - 31 * 86400
    os.utime(root / "0000000000000005", (month_ago, month_ago))
    ResultsCache(root).put("cd" * 32, [], [])  # the next process: a generation unused for a month goes too
    assert sorted(p.name for p in root.iterdir()) == sorted([cache.dir.name, "0000000000000004", "0000000000000003"])


def test_parallel_results_keep_input_order(tmp_path, monkeypatch):
    monkeypatch.setattr("stylecheck.parallel.MIN_BYTES_FOR_POOL", 0)
    files = _tree(tmp_path, n=40)
    serial = lint_many(files, RunOptions(), jobs=1)
    parallel = lint_many(files, RunOptions(), jobs=2)
    assert [r.path for r in parallel] == files
    assert [r.findings for r in parallel] == [r.findings for r in serial]


def test_cache_put_on_read_only_directory_is_silent(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    cache = ResultsCache(ro)
    with read_only(ro):  # refused as root too, where the mode alone stops nothing
        cache.put("ab" * 32, [], [])  # must not raise
    assert list(ro.iterdir()) == []
    assert cache.get("ab" * 32) is None


def test_cache_put_under_a_file_is_silent(tmp_path):
    # a path no one can create directories under, root included: its parent is a regular file
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory\n", encoding="utf-8")
    cache = ResultsCache(blocker)
    cache.put("ab" * 32, [], [])  # must not raise
    assert cache.get("ab" * 32) is None
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"


def test_very_long_document_is_checked_in_parts_with_the_same_local_findings(monkeypatch):
    from stylecheck import engine
    from stylecheck.config import Settings
    from stylecheck.source import Source

    text = "".join(f"Paragraph {i} said the the thing, prior to the vote.\n\n" for i in range(60))
    linter = engine.Linter(Settings(select=("CR101", "CR201")))
    whole = linter.run(Source("a.txt", text), "text").findings_or_raise()
    monkeypatch.setattr(engine, "PART_CHARS", 300)
    assert len(engine._parts(engine.parse(Source("a.txt", text), "text"))) > 5
    parted = linter.run(Source("a.txt", text), "text").findings_or_raise()
    assert parted == whole and len(whole) == 120


def test_long_plain_text_is_parsed_part_by_part_like_a_whole_parse_in_parts(monkeypatch):
    """The streaming path for big plain text finds what the parse-then-split path finds, quotes included."""
    from stylecheck import engine
    from stylecheck.parsers.plaintext import parse_plaintext_parts
    from stylecheck.config import Settings
    from stylecheck.source import Source

    paragraphs = []
    for i in range(40):
        paragraphs.append(f"Mayor Ana Ortiz said the the bridge {i} would reopen, reportedly by Friday.")
        paragraphs.append(f"\u201cWe will not wait,\u201d she said of plan {i}.")
        day = ("Monday", "Tuesday", "Wednesday")[i % 3]  # near-repeats that AT105 reads as a misquote
        paragraphs.append(f"\u201cThe council met in Washngton on {day} {i}.")  # a quote that runs on...
        paragraphs.append("\u201cIt was a long meeting,\u201d a spokesman added.")  # ...into the next paragraph
    source = Source("long.txt", "\n\n".join(paragraphs) + "\n")
    linter = engine.Linter(Settings())
    monkeypatch.setattr(engine, "PART_CHARS", 300)
    streamed = linter.run(source, "text").findings_or_raise()
    whole_then_split = engine._parts(engine.parse(source, "text"))
    monkeypatch.setattr(engine.Linter, "_documents",
                        lambda self, s, f, cuts=None: (iter(whole_then_split), len(whole_then_split)))
    in_parts = linter.run(source, "text").findings_or_raise()
    assert len(engine._parts(engine.parse(source, "text"))) > 10
    assert streamed == in_parts

    def quotes(segments):
        return [(seg.index, [(q.start, q.end, q.closed, q.continues) for q in seg.quotes]) for seg in segments]

    whole = engine.parse(source, "text").segments
    parts = list(parse_plaintext_parts(source, 300))
    assert len(parts) > 10 and quotes(s for part in parts for s in part.segments) == quotes(whole)
    assert sum(q.continues for seg in whole for q in seg.quotes) == 40
    rules = [f.rule for f in streamed]
    assert rules.count("CR101") == 40 and "NM101" in rules and "AT105" in rules


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_file_of_parts_stops_at_the_findings_cap(monkeypatch, fmt):
    """A huge file of slips holds at most the per-file cap of findings, the first ones in order."""
    from stylecheck import engine
    from stylecheck.config import Settings
    from stylecheck.source import Source

    monkeypatch.setattr(engine, "PART_CHARS", 2_000)
    monkeypatch.setattr(engine, "MAX_FINDINGS_PER_FILE", 50)
    text = "".join(f"Line {i} had the the slip.\n\n" for i in range(2_000))  # 2,000 findings, ~27 parts of 2,000
    linter = engine.Linter(Settings(select=("CR101",)))
    parts_linted = []

    class Count(engine.Progress):
        def rule_finished(self, code):  # one rule: once per part
            parts_linted.append(code)

    found = linter.run(Source(f"big.{fmt}", text), fmt, progress=Count()).findings_or_raise()
    assert len(found) == 50 and [f.line for f in found] == list(range(1, 100, 2))
    assert len(parts_linted) < 10, "parts after the cap are not checked"
