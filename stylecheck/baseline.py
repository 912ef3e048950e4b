"""Baselines: record today's findings so CI reports only new ones.

A newsroom gates CI on an archive that already has findings: the baseline file lists them, and
later runs report only findings it does not hold. An entry is keyed by path, rule, the matched
text and a few words either side of it, never by line or column, so it survives text being added
or removed elsewhere. The context stops at a paragraph break (a blank line) and at markup (`<`,
`>`), and whitespace in it is collapsed, so inserting paragraphs above a finding, moving it to
another line or re-wrapping its paragraph does not make it "new". Entries are a multiset: two
identical findings need two entries, so a third copy of the same slip is reported.

Paths are stored relative to the baseline file's directory, so the same baseline works whether
the check runs as `stylecheck archive/` or `stylecheck ./archive/` or from another directory.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter

from .atomic import write_atomic
from .findings import Finding

VERSION = 1
CONTEXT = 24  # characters of context kept on each side of a finding
_BREAK = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r|\n)|[<>]")

Key = tuple[str, str, str, str, str]  # path, rule, text, before, after


def _squash(text: str) -> str:
    return " ".join(text.split())


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - CONTEXT):start]
    cut = None
    for m in _BREAK.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    after = text[end:end + CONTEXT]
    m = _BREAK.search(after)
    if m:
        after = after[:m.start()]
    return _squash(before), _squash(after)


def rel_path(path: str, root: str | None) -> str:
    """path relative to root (the baseline's directory), with forward slashes."""
    if root is None or path == "-":
        return path.replace(os.sep, "/")
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return rel.replace(os.sep, "/")


def key(path: str, f: Finding, text: str) -> Key:
    before, after = _context(text, f.start, f.end)
    return (path, f.rule, _squash(f.text), before, after)


def fingerprint(path: str, f: Finding, text: str) -> str:
    """A hash of the baseline key: an identity for a finding that survives lines moving (SARIF's partialFingerprints)."""
    import hashlib

    return hashlib.sha256("\x1f".join(key(path, f, text)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def keys(results, root: str | None = None) -> Counter:
    """The baseline keys of these results (files that could not be read contribute none)."""
    c: Counter = Counter()
    for r in results:
        if r.source is not None:
            p = rel_path(r.path, root)
            c.update(key(p, f, r.source.text) for f in r.findings)
    return c


def root_of(baseline_path: str) -> str:
    return os.path.dirname(os.path.abspath(baseline_path))


def write(path: str, results, previous: Counter | None = None) -> int:
    """Write the baseline for results; entries of files not checked in this run are kept from previous.

    Returns the number of findings recorded. The file is replaced atomically.
    """
    root = root_of(path)
    current = keys(results, root)
    checked = {rel_path(r.path, root) for r in results if r.source is not None}
    merged = Counter({k: n for k, n in (previous or Counter()).items() if k[0] not in checked})
    merged.update(current)
    entries = [
        {"path": p, "rule": rule, "text": text, "before": before, "after": after, "count": n}
        for (p, rule, text, before, after), n in sorted(merged.items())
    ]
    data = json.dumps({"version": VERSION, "tool": "stylecheck", "findings": entries}, ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, data.encode("utf-8"))
    return sum(merged.values())


def read(path: str) -> Counter:
    """The entries of a baseline file; ValueError names what is wrong with a malformed one."""
    from .inputs import read_bytes

    try:  # only a regular file, up to a limit: `--baseline /dev/full` must not read forever
        data = json.loads(read_bytes(path).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except RecursionError:
        raise ValueError("not a stylecheck baseline file (JSON nested too deeply)") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise ValueError(f"not a stylecheck baseline file (expected {{\"version\": {VERSION}, \"findings\": [...]}})")
    out: Counter = Counter()
    fields = ("path", "rule", "text", "before", "after")
    for i, e in enumerate(data["findings"]):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in fields) \
                or not isinstance(e.get("count", 1), int) or isinstance(e.get("count", 1), bool) or e.get("count", 1) < 1:
            raise ValueError(f"entry {i} is malformed: expected path, rule, text, before, after (strings) and count >= 1")
        out[tuple(e[k] for k in fields)] += e.get("count", 1)
    return out


def filter_new(results, known: Counter, root: str | None = None) -> int:
    """Remove findings recorded in the baseline, in place; returns how many were matched."""
    budget = Counter(known)
    matched = 0
    for r in results:
        if r.source is None:
            continue
        p = rel_path(r.path, root)
        kept = []
        for f in r.findings:
            k = key(p, f, r.source.text)
            if budget[k] > 0:
                budget[k] -= 1
                matched += 1
            else:
                kept.append(f)
        r.findings = kept
    return matched

