"""substitution: flag a term from a table and propose its replacement (plain words, wordy phrases, house spellings).

The table comes from the rule (`swap`: term = replacement, or a list of replacements; `tokens`:
terms with no replacement) and from maintained data files shipped inside an installed package
(`data`, e.g. proselint's redundancy lists from Garner and After the Deadline), read as data: the
package is never imported, only its files are read, once per machine and version. `drop` removes
entries that are idiomatic in news copy ("safe haven"); `accept` (and the desk's accepted words)
keeps terms that are matched so that a shorter term inside them is not, but never reported
("Bombay Stock Exchange" holds "Bombay"). `soft` lists terms reported at info: swaps that are a
matter of taste ("in an effort to" is news idiom), not slips. `contexts` (kinds/context.py) say
where an entry does not apply, applies only at info, or needs another replacement.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..findings import Hit, Severity
from ..terms import compile_terms, normalise
from ..text.words import match_case
from .base import BaseKind, hit
from .context import judge, parse_contexts


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


def _exact(term: str) -> str:
    """Lookup key for a case-sensitive table: whitespace collapsed, curly apostrophes straight."""
    return " ".join(term.replace("\u2019", "'").split())


class Substitution(BaseKind):
    """Flag the terms of a table; with a replacement each finding suggests it."""

    OPTIONS = {
        "swap": (dict, {}), "data": (list, []), "drop": (list, []), "tokens": (list, []), "accept": (list, []),
        "ignorecase": (bool, True), "soft": (list, []), "contexts": (list, []),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        # a case-sensitive table ("PIN number", not "pin number") keys its terms as written
        norm = self._norm = normalise if self.opts["ignorecase"] else _exact
        table: dict[str, tuple[str, ...] | None] = {}
        for spec in self.opts["data"]:
            for phrase, repl in package_data(spec):
                table.setdefault(norm(phrase), (repl,))
        for phrase, repl in self.opts["swap"].items():  # the pack's own entries win
            if isinstance(repl, str):
                repl = [repl]
            if not isinstance(repl, list) or not repl or not all(isinstance(r, str) for r in repl):
                raise ValueError(f"swap value for {phrase!r} must be a replacement or a list of them")
            table[norm(phrase)] = tuple(repl)
        for phrase in self.opts["tokens"]:
            table.setdefault(norm(phrase), None)
        drop = {norm(d) for d in self.opts["drop"]}
        self.table = {k: v for k, v in table.items() if k not in drop}
        if not self.table:
            raise ValueError("substitution needs `swap`, `data` or `tokens` entries")
        self.accept = {norm(a) for a in self.opts["accept"]} | {norm(a) for a in context.accept}
        self.soft = {norm(t) for t in self.opts["soft"]}
        unknown = sorted(self.soft - set(self.table))
        if unknown:
            raise ValueError(f"soft term {unknown[0]!r} is not in the table")
        self.contexts = parse_contexts(self.opts["contexts"], norm)
        self.pattern = compile_terms(self.table, self.opts["ignorecase"])
        # a case-sensitive table runs alone (no shared scan): a document must hold one of its first words
        self.firsts = None if self.opts["ignorecase"] else frozenset(k.split()[0] for k in self.table)
        self.lower_pattern = compile_terms(self.table, lowercase_text=True) if self.opts["ignorecase"] else None
        self.shared: _SharedScan | None = None

    @classmethod
    def link(cls, instances: list["Substitution"]) -> None:
        """Let the case-insensitive tables of one Linter share a single scan per document.

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
        if self.firsts is not None and doc.layer.vocab(folded=False).isdisjoint(self.firsts):
            return
        for k, seg, start, end in self._matches(doc):
            found = seg.text[start:end]
            key = self._norm(found)
            if key not in self.table or key in self.accept:
                continue
            repl = self.table[key]
            info = key in self.soft
            if self.contexts:
                verdict = judge(self.contexts, key, doc, k, seg, start, end)
                if verdict.skip:
                    continue
                info = info or verdict.info
                repl = verdict.suggest or repl
            severity = Severity.info if info else None
            if repl is None:
                yield hit(seg, start, end, severity=severity)
                continue
            expected = tuple(match_case(r, found) for r in repl)
            if not self.opts["ignorecase"] and found[:1].isupper():
                expected = tuple(r[:1].upper() + r[1:] for r in expected)
            yield hit(seg, start, end, suggestions=expected, fields={"expected": expected[0]}, severity=severity)


def _scan(doc, pattern, lower_pattern) -> list:
    """(segment number, segment view, start, end) of every match, on the lowercased text where that is exact."""
    out = []
    if lower_pattern is None:
        for k, seg in enumerate(doc.layer.views()):
            out.extend((k, seg, m.start(), m.end()) for m in pattern.finditer(seg.text))
        return out
    for k, (seg, low) in enumerate(doc.layer.lowered()):
        if len(low) == len(seg.text):
            out.extend((k, seg, m.start(), m.end()) for m in lower_pattern.finditer(low))
        else:
            out.extend((k, seg, m.start(), m.end()) for m in pattern.finditer(seg.text))
    return out


class _SharedScan:
    """One union pattern for several tables; its matches are computed once per document."""

    def __init__(self, pattern, lower_pattern):
        self.pattern, self.lower_pattern = pattern, lower_pattern

    def matches(self, doc) -> list:
        return doc.layer.shared(self, lambda: _scan(doc, self.pattern, self.lower_pattern))


KINDS = {"substitution": Substitution}
