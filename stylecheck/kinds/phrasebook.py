"""phrasebook: wordy phrases and redundancies with their plain replacement, from TOML and data files.

Like `substitution`, but the table can also come from maintained data files shipped inside an
installed package (e.g. proselint's redundancy lists from Garner and After the Deadline), read
as data: the package is never imported, only its files are read, once per process. A `drop`
list removes entries that are idiomatic in news copy ("safe haven", "enter into").
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..findings import Hit
from ..normalise import views
from ..terms import compile_terms, match_case, normalise
from .base import BaseKind, hit

_LOWER_MEMO = "phrasebook.lower"


def lowered(doc) -> list[tuple[object, str]]:
    """(view segment, lowercased text) for each segment, once per document for all phrase rules.

    Matching a lowercase pattern against lowercased text is twice as fast as IGNORECASE.
    A segment whose lowercase form changes length (a dotted capital I) keeps its own text
    and is matched case-insensitively instead.
    """
    cached = doc.memo.get(_LOWER_MEMO)
    if cached is None:
        cached = [(seg, seg.text.lower()) for seg in views(doc)]
        doc.memo[_LOWER_MEMO] = cached
    return cached


@lru_cache(maxsize=None)
def package_data(spec: str) -> tuple[tuple[str, str], ...]:
    """(phrase, replacement) pairs from "package:relative/path", a `phrase,replacement` CSV file.

    Entries whose replacement is not plain words (regexes, ellipses) are left out. Prepared once
    per machine and package version: parsing the CSV files cost ~2 ms of every start.
    """
    from ..prepared import prepared

    package = spec.partition(":")[0]
    name = "phrases-" + "".join(c if c.isalnum() else "_" for c in spec)
    return tuple(tuple(p) for p in prepared(name, 1, (package,), lambda: _read_package_data(spec)))


def _read_package_data(spec: str) -> tuple[tuple[str, str], ...]:
    package, _, rel = spec.partition(":")
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        raise ValueError(f"data package {package!r} is not installed (needed by {spec!r})")
    path = Path(next(iter(found.submodule_search_locations))) / rel
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        phrase, sep, repl = line.partition(",")
        phrase, repl = phrase.strip(), repl.strip()
        if not sep or not phrase or not repl or any(c in phrase + repl for c in "\\.()[]?*|"):
            continue
        pairs.append((phrase, repl))
    return tuple(pairs)


class Phrasebook(BaseKind):
    """Flag phrases from a table; with `swap`/`data` each has a replacement, with `tokens` none."""

    OPTIONS = {
        "swap": (dict, {}), "data": (list, []), "drop": (list, []), "tokens": (list, []), "ignorecase": (bool, True),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        table: dict[str, str] = {}
        for spec in self.opts["data"]:
            for phrase, repl in package_data(spec):
                table.setdefault(normalise(phrase), repl)
        for phrase, repl in self.opts["swap"].items():  # the pack's own entries win
            if not isinstance(repl, str):
                raise ValueError(f"swap value for {phrase!r} must be a string")
            table[normalise(phrase)] = repl
        for phrase in self.opts["tokens"]:
            table.setdefault(normalise(phrase), None)
        drop = {normalise(d) for d in self.opts["drop"]} | {normalise(a) for a in context.accept}
        self.table = {k: v for k, v in table.items() if k not in drop}
        if not self.table:
            raise ValueError("phrasebook needs `swap`, `data` or `tokens` entries")
        self.pattern = compile_terms(self.table, self.opts["ignorecase"])
        self.lower_pattern = compile_terms(self.table, lowercase_text=True) if self.opts["ignorecase"] else None
        self.shared: _SharedScan | None = None

    @classmethod
    def link(cls, instances: list["Phrasebook"]) -> None:
        """Let the case-insensitive phrasebooks of one Linter share a single scan per document.

        Each rule then keeps the matches that are in its own table; one pass over the text
        replaces one pass per rule.
        """
        group = [i for i in instances if i.lower_pattern is not None]
        if len(group) < 2:
            return
        keys = {k for i in group for k in i.table}
        shared = _SharedScan(compile_terms(keys), compile_terms(keys, lowercase_text=True))
        for i in group:
            i.shared = shared

    def _matches(self, doc):
        if self.shared is not None:
            return self.shared.matches(doc)
        return _scan(doc, self.pattern, self.lower_pattern)

    def check(self, doc) -> Iterator[Hit]:
        for seg, start, end in self._matches(doc):
            found = seg.text[start:end]
            key = normalise(found)
            if key not in self.table:
                continue
            repl = self.table[key]
            if repl is None:
                yield hit(seg, start, end)
                continue
            expected = match_case(repl, found)
            yield hit(seg, start, end, suggestions=(expected,), fields={"expected": expected})


def _scan(doc, pattern, lower_pattern) -> list:
    """(segment view, start, end) of every match, on the lowercased text where that is exact."""
    out = []
    if lower_pattern is None:
        for seg in views(doc):
            out.extend((seg, m.start(), m.end()) for m in pattern.finditer(seg.text))
        return out
    for seg, low in lowered(doc):
        if len(low) == len(seg.text):
            out.extend((seg, m.start(), m.end()) for m in lower_pattern.finditer(low))
        else:
            out.extend((seg, m.start(), m.end()) for m in pattern.finditer(seg.text))
    return out


class _SharedScan:
    """One union pattern for several phrasebooks; its matches are computed once per document."""

    def __init__(self, pattern, lower_pattern):
        self.pattern, self.lower_pattern = pattern, lower_pattern
        self.key = f"phrasebook.shared.{id(self)}"

    def matches(self, doc) -> list:
        found = doc.memo.get(self.key)
        if found is None:
            found = doc.memo[self.key] = _scan(doc, self.pattern, self.lower_pattern)
        return found


KINDS = {"phrasebook": Phrasebook}
