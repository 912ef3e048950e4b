"""demonym: a country or continent name used as an adjective where English uses its demonym.

"Russia forces" → "Russian forces". The country→demonym table comes from the `countryinfo`
package's data files (read as data, once per process, without importing the package); the
rule adds continents and drops names that are also people or US states ("Georgia", "Jordan").
Only a name that modifies a lowercase noun for people, bodies or things a country owns is
flagged, and never inside a proper name ("Russia Today", "India Office", "Team Russia"). Where
the noun means "for", "to" or "about" the country, the noun form is the idiom: a topic noun
(`adjunct_nouns`: "Israel policy", "Taiwan arms") or a compound whose head says so
(`adjunct_heads`: "Ukraine weapons deliveries", "Taiwan arms sales").
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import regex

from ... import patterns
from ...findings import Hit
from ...patterns import compile_regex
from ...terms import compile_terms
from ...text.words import PART, starts_clause
from ..base import BaseKind, hit

# Words after the noun that show the "noun" is really a verb with an object ("Russia forces the").
_OBJECT_START = compile_regex(
    r"\s+(?:the|a|an|its|his|her|their|our|my|your|them|him|it|us|me|up|back|out|down|off|through|into|on|for|over|\p{Lu})\b", regex.V1
)
_PLURAL = compile_regex(r"^\p{Ll}{2,}[^su]s$|^\p{Ll}+ies$", regex.V1)
_PLACE_PREPOSITIONS = frozenset({"in", "across", "throughout", "inside", "within", "outside"})
# "north Wales councils", "southern Africa nations": a region, whose adjective is not the demonym.
_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                      "mid", "north-east", "north-west", "south-east", "south-west", "sub-saharan"})
# matched backwards from a position (.match(text, 0, i)): linear in a long paragraph, where a
# search of the whole prefix for `...$` was quadratic
_BEFORE_PROPER = compile_regex(r"(?r)(\p{Lu}[\w'\u2019.-]*)\s+", regex.V1)


@lru_cache(maxsize=None)
def countryinfo_demonyms() -> tuple[tuple[str, str], ...]:
    """The demonym table, prepared once per machine (reading 250 JSON files costs ~20 ms a run)."""
    from ...prepared import prepared

    return tuple(tuple(p) for p in prepared("demonyms", 1, ("countryinfo",), _read_countryinfo))


def _read_countryinfo() -> tuple[tuple[str, str], ...]:
    """(country, demonym) pairs from the countryinfo package's data, adjectival demonyms only.

    A demonym is kept when it is an adjective built on the name (shares its first two letters,
    not a noun in -er such as "Icelander"): Hong Kong → Chinese or Jersey → Channel Islander
    are not the idiom for "X firms".
    """
    import json

    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("the countryinfo package is not installed (needed for demonyms)")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    name_re = compile_regex(r'"name"\s*:\s*"([^"]+)"')
    dem_re = compile_regex(r'"demonym"\s*:\s*"([^"]+)"')
    pairs = []
    for path in sorted(data.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        n, d = name_re.search(text), dem_re.search(text)
        if not n or not d:
            continue
        name, dem = json.loads(f'"{n.group(1)}"'), json.loads(f'"{d.group(1)}"')
        if any(c in dem for c in ",/") or dem == name or dem.endswith("er") or " " in name and " " not in dem:
            continue
        if name[:2].casefold() != dem[:2].casefold():
            continue
        pairs.append((name, dem))
    return tuple(pairs)


def _names_source(names) -> str | None:
    """The country names as one alternation that opens with their capital letter (A-Z only).

    Each capital is a literal followed by a two-wide lookbehind for the word boundary before it
    (`(?<![\\w-])`), and the rest of the names starting with it form a word trie; so `re` skips
    in C to the next candidate capital instead of testing a boundary at every position (the scan
    runs 4x faster). Same matches as a leading \\b(?=[A-Z])(?<![\\w-]) before the whole trie.
    None when there is no name at all.
    """
    from ...terms import word_trie_source

    groups: dict[str, dict] = {}
    found = False
    for name in names:
        words = name.split()
        if not words:
            continue
        found = True
        if not "A" <= words[0][0] <= "Z":
            continue  # never matched: the pattern requires an ASCII capital
        node = groups.setdefault(words[0][0], {})
        for w in [words[0][1:]] + words[1:]:
            node = node.setdefault(w, {})
        node[None] = {}
    if not found:
        return None
    alts = [f"{c}(?<![\\w-]{c}){word_trie_source(groups[c])}" for c in sorted(groups)]
    return "(?:" + "|".join(alts or ["(?!)"]) + ")"


def _head_after(text: str, end: int) -> str:
    """The lowercase word right after a noun, when one follows it in a compound ("arms [sales]")."""
    m = PART.match(text, end + 1) if text[end:end + 1] == " " else None
    return m.group() if m and m.group().islower() else ""


class Demonym(BaseKind):
    OPTIONS = {
        "nouns": (list, []), "verb_nouns": (list, []), "extra": (dict, {}), "skip": (list, []),
        "determiners": (list, []), "adjunct_nouns": (list, []), "adjunct_heads": (list, []),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        skip = set(self.opts["skip"]) | set(context.accept)
        table = {c: d for c, d in countryinfo_demonyms() if c not in skip}
        table.update(self.opts["extra"])
        self.table = {k.casefold(): v for k, v in table.items()}
        names = _names_source(table)
        nouns = compile_terms(self.opts["nouns"], ignorecase=False)
        if names is None or nouns is None:
            raise ValueError("demonym needs country names and `nouns`")
        self.verb_nouns = {n.casefold() for n in self.opts["verb_nouns"]}
        self.determiners = {w.casefold() for w in self.opts["determiners"]}
        self.adjuncts = {w.casefold() for w in self.opts["adjunct_nouns"]}
        self.heads = {w.casefold() for w in self.opts["adjunct_heads"]}
        # A listed noun, or any lowercase word (judged in check()).
        self.pattern = patterns.compile_re(rf"(?P<c>{names}(?![\w-]))\s+(?:(?P<n>{nouns.pattern})|(?P<w>[^\W\d_][\w-]*))")

    def check(self, doc) -> Iterator[Hit]:
        for seg in doc.segments:
            if seg.scope == "headline":
                continue  # headlines use nouns as modifiers on purpose ("Russia sanctions row")
            text = seg.text
            for m in self.pattern.finditer(text):
                before = text[max(0, m.start() - 40):m.start()]  # what the tests below read
                prev = _BEFORE_PROPER.match(text, 0, m.start())
                if prev and not starts_clause(text, prev.start()):
                    continue  # part of a longer proper name: "Radio Free Europe", "Team Russia"
                if before.endswith(("-", "'", "\u2019")):
                    continue
                words = before[-40:].split()
                last = words[-1].casefold() if words else ""
                if last in _PLACE_PREPOSITIONS:
                    continue  # "In Russia people queue": the name is a place, the noun a subject
                if last in _COMPASS:
                    continue
                noun = m.group("n")
                if noun is None:
                    # Any plural noun, when a determiner shows the name sits inside a noun
                    # phrase ("the France statistics agency", "three Britain authors"), unless
                    # the noun is one that takes a country as its topic ("the Iraq talks").
                    noun = m.group("w")
                    if not noun.islower() or last not in self.determiners or not _PLURAL.match(noun) or noun in self.adjuncts:
                        continue
                if noun.casefold() in self.verb_nouns and _OBJECT_START.match(text, m.end()):
                    continue  # "Russia forces the issue": a verb, not a noun
                if self.heads and _head_after(text, m.end()) in self.heads:
                    continue  # "Taiwan arms sales", "Ukraine weapons deliveries": sales to, not of, the country
                dem = self.table[m.group("c").casefold()]
                fixed = f"{dem} {noun}"
                yield hit(seg, m.start(), m.end(), suggestions=(fixed,), fields={"expected": fixed, "demonym": dem})


