"""The variant keys of the cross-article pass: which family a name or term belongs to, per article.

The keys are the in-article rules' own, so the archive and the article agree on what "the same
name" is: a capitalised word's transliteration key (kinds/names/edits.py, NM102), the term
groups of the `forms` rules (NM103, NM104, and a desk's own), and the British/American table
(CR301). `count` tallies one article's uses from its text layer while the linter checks it (no
second pass over the words); `locate` finds the uses of flagged forms in an article again, at
exact spans, for the few articles that have them.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, NamedTuple

from ..findings import Hit, Severity
from ..kinds.base import hit
from ..kinds.forms import Forms, proper_name_part
from ..kinds.names.edits import translit_key
from ..lexicon import fold
from ..packs import builtin_rules, load_rules
from ..text.words import PART, match_case, strip_possessive

if TYPE_CHECKING:
    from ..engine import CompiledRule, Linter

NAME, FORM, SYSTEM = "n", "f", "s"
MIN_NAME = 4  # letters: shorter capitalised words are initials and abbreviations, as in NM102


class Verdict(NamedTuple):
    """What the archive decided about one form of a family: keep `kept` instead."""

    kept: str
    count: int  # articles with the kept form (in the scope that decided)
    total: int  # articles that use the family at all
    basis: str  # "house", "archive" or "desk"
    severity: Severity
    since: str = ""  # "YYYY-MM": the form the archive changed to then; only articles from then on are flagged


class _Group(NamedTuple):
    family: tuple
    side: int
    forms: list  # the group's forms, by side


class Families:
    """The variant keys of one Settings, and the cross-article rule that reports on them."""

    def __init__(self, linter: "Linter", cr: "CompiledRule"):
        self.cr, self.rule = cr, cr.rule
        kind = cr.kind
        self.opts = kind.opts
        self.context = kind.context
        self.accept = frozenset(fold(a) for a in self.context.accept)
        self.prefer = dict(self.context.prefer)
        self.use = frozenset(self.opts["families"])
        self.forms: list[tuple[Forms, dict[str, _Group], list]] = []
        self.labels: dict[tuple, dict[int, str]] = {}  # a form family's sides, named by its first group
        self.house_sides: dict[tuple, int] = {}
        if "forms" in self.use:
            for rule in _forms_rules(linter.settings):
                self._add_forms(Forms(rule, self.context))
        self._systems: dict[str, tuple[str, str]] | None = None
        self._house: dict[tuple, str] | None = None

    def _add_forms(self, kind: Forms) -> None:
        table: dict[str, _Group] = {}
        probes = []
        for group in kind.opts["groups"]:
            fam = (FORM, kind.rule.code, kind._key(group[-1]).rstrip("s"))
            names = self.labels.setdefault(fam, {})
            for side, form in enumerate(group):
                key = kind._key(form)
                table[key] = _Group(fam, side, group)
                names.setdefault(side, form)
                probes.append((frozenset(PART.findall(key)), key, max(key.split(), key=len), fam, side))
            house = kind.house.get("all" if kind.opts["one_family"] else fam[2])
            if house is not None:
                self.house_sides[fam] = house
        self.forms.append((kind, table, probes))

    def house_of(self, fam: tuple) -> str | None:
        """The desk's house form for a family, where its vocabulary (config `prefer`, a vocab file) names one."""
        if fam[0] == FORM:
            side = self.house_sides.get(fam)
            return None if side is None else self.labels[fam][side]
        if self._house is None:
            house: dict[tuple, str] = {}
            table = self.systems() if "systems" in self.use and self.prefer else {}
            for variant, form in sorted(self.prefer.items()):
                for word in (form, variant):
                    if word in table:
                        house.setdefault((SYSTEM, table[word][0]), form)
                    elif word[:1].isupper():
                        house.setdefault((NAME, translit_key(word)), form)
            self._house = house
        return self._house.get(fam)

    def systems(self) -> dict[str, tuple[str, str]]:
        """word -> (its family's British word, its counterpart), from the lexicon's UK/US table."""
        if self._systems is None:
            table = {}
            for gb, us in self.context.runtime.lexicon.gb_us.items():
                table[gb] = (gb, us)
                table.setdefault(us, (gb, gb))
            self._systems = table
        return self._systems

    # -- phase 1: one article's uses, counted -------------------------------------------------
    def count(self, doc, into: Counter) -> None:
        """Add the document's uses of every family member to `into` ((family, form) -> uses).

        Names and systems come from the word counts the rules already made; a term group's form
        counts once per article that holds it (its words, then the phrase itself), without
        scanning: votes are per article, and phase 2 finds the exact uses.
        """
        counts = doc.layer.word_counts()
        if "names" in self.use:
            for w in [w for w in counts if w[0].isupper()]:
                base = strip_possessive(w)
                if len(base) >= MIN_NAME and not base.isupper():
                    into[((NAME, translit_key(base)), base)] += counts[w]
        if "systems" in self.use:
            table = self.systems()
            for w in counts.keys() & table.keys():
                into[((SYSTEM, table[w][0]), w)] += counts[w]
        if self.forms:
            folded: list[str] | None = None
            for kind, _, probes in self.forms:
                ic = kind.opts["ignorecase"]
                vocab = doc.layer.vocab(folded=ic)
                for words, key, piece, fam, side in probes:
                    if words and not words <= vocab:
                        continue
                    if not words or " " in key or "-" in key or "." in key:
                        if ic and folded is None:
                            folded = [seg.text.casefold() for seg in doc.segments]
                        texts = folded if ic else [seg.text for seg in doc.segments]
                        if not any(key in t for t in texts):
                            continue
                    into[(fam, self.labels[fam][side])] += 1

    def _form_uses(self, doc, kind: Forms, table: dict, probes: list, wanted) -> Iterator[tuple]:
        """(group entry, view segment, match) for each use of a present family (or of `wanted` ones)."""
        ic = kind.opts["ignorecase"]
        vocab = doc.layer.vocab(folded=ic)
        present = {fam for words, _, piece, fam, _ in probes
                   if (wanted is None or fam in wanted)
                   and (words <= vocab if words else any(piece in seg.text for seg in doc.segments))}
        if not present:
            return
        for seg in doc.layer.views():
            for m in kind.pattern.finditer(seg.text):
                entry = table.get(kind._key(m.group()))
                if entry is None or entry.family not in present:
                    continue
                if kind.opts["skip_proper"] and proper_name_part(seg.text, m.start()):
                    continue
                yield entry, seg, m

    # -- phase 2: the flagged uses of one article, located ------------------------------------
    def locate(self, doc, flagged: dict[tuple, Verdict]) -> list[Hit]:
        """A Hit for each use of a flagged (family, form) in the document, in reading order per family."""
        hits: list[Hit] = []
        names = {form for fam, form in flagged if fam[0] == NAME}
        words = {form for fam, form in flagged if fam[0] == SYSTEM}
        if names or words:
            for k, (seg, ws) in enumerate(zip(doc.segments, doc.layer.segment_words())):
                if names and any(strip_possessive(w) in names for w in ws):
                    hits += self._names_in(doc, k, seg, names, flagged)
                if words and not words.isdisjoint(ws):
                    hits += self._words_in(seg, words, flagged)
        for kind, table, probes in self.forms:
            wanted = {fam for fam, _ in flagged if fam[0] == FORM}
            if not wanted:
                break
            for (fam, side, group), seg, m in self._form_uses(doc, kind, table, probes, wanted):
                verdict = flagged.get((fam, self.labels[fam][side]))
                if verdict is None:
                    continue
                kept = group[self._side_of(fam, verdict.kept)]
                found = m.group()
                expected = match_case(kept, found) if kind.opts["ignorecase"] else kept
                hits.append(self._hit(seg, m.start(), m.end(), expected, verdict))
        return hits

    def _names_in(self, doc, k: int, seg, names: set, flagged: dict) -> Iterator[Hit]:
        text = seg.text
        for tok in doc.layer.tokens(k):
            base = strip_possessive(tok.text)
            if base not in names:
                continue
            s, e = tok.start, tok.start + len(base)
            if (s > 0 and text[s - 1] == "-") or text[e:e + 1] == "-":
                continue  # a part of a hyphenated name is not judged alone (as in NM102)
            verdict = flagged.get(((NAME, translit_key(base)), base))
            if verdict is not None:
                yield self._hit(seg, s, e, verdict.kept, verdict)

    def _words_in(self, seg, words: set, flagged: dict) -> Iterator[Hit]:
        table = self.systems()
        for m in PART.finditer(seg.text):
            w = m.group()
            if w in words:
                verdict = flagged.get(((SYSTEM, table[w][0]), w))
                if verdict is not None:
                    yield self._hit(seg, m.start(), m.end(), verdict.kept, verdict)

    def _side_of(self, fam: tuple, label: str) -> int:
        return next(side for side, name in self.labels[fam].items() if name == label)

    def _hit(self, seg, start: int, end: int, expected: str, verdict: Verdict) -> Hit:
        basis = {"house": "the house form", "archive": "the archive's majority", "desk": "the desk's majority"}[verdict.basis]
        if verdict.since:
            basis = f"{basis} since {verdict.since}"
        fields = {"expected": expected, "count": verdict.count, "total": verdict.total, "basis": basis}
        return hit(seg, start, end, suggestions=(expected,), fields=fields, severity=verdict.severity)


def _forms_rules(settings) -> list:
    """The `forms` rules of the packs in use that run by default, with the config's options."""
    rules = list(builtin_rules())
    if settings.packs:
        rules += load_rules([Path(p) for p in settings.packs])
    out = []
    for r in rules:
        if r.kind != "forms" or not r.default or r.presets:
            continue
        opts = settings.options_for(r.code, r.slug)
        out.append(r._replace(options={**r.options, **opts}) if opts else r)
    return out


def find_rule(linter: "Linter") -> "CompiledRule | None":
    """The Linter's cross-article rule (kind `archive`), or None when the settings turn it off."""
    return next((cr for cr in linter.rules if cr.rule.kind == "archive"), None)
