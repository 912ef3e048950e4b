"""Baselines: record today's findings so CI reports only new ones.

An entry is keyed by path, rule, the matched text and its surrounding words, so it survives
lines moving around; a finding matches a baseline entry at most once (multiset semantics).
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter

from .findings import Finding

CONTEXT = 20


def _key(path: str, f: Finding, text: str) -> str:
    before = " ".join(text[max(0, f.start - CONTEXT):f.start].split())
    after = " ".join(text[f.end:f.end + CONTEXT].split())
    return f"{path}\x1f{f.rule}\x1f{f.text}\x1f{before}\x1f{after}"


def keys(results) -> Counter:
    c: Counter = Counter()
    for r in results:
        if r.source is not None:
            c.update(_key(r.path, f, r.source.text) for f in r.findings)
    return c


def write(path: str, results) -> None:
    entries = sorted(keys(results).elements())
    data = json.dumps({"version": 1, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".stylecheck-", suffix=".tmp", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(data)
    os.replace(tmp, path)


def read(path: str) -> Counter:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ValueError("not a stylecheck baseline file")
    return Counter(data["findings"])


def filter_new(results, known: Counter) -> None:
    """Remove findings recorded in the baseline, in place."""
    budget = Counter(known)
    for r in results:
        if r.source is None:
            continue
        kept = []
        for f in r.findings:
            k = _key(r.path, f, r.source.text)
            if budget[k] > 0:
                budget[k] -= 1
            else:
                kept.append(f)
        r.findings = kept
