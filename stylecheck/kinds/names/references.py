"""First references to people: a surname on its own before the full name, and a full name used again.

Who is a person comes from the text layer's name mentions (a capitalised run after a title or
next to a reporting verb); the dictionary, lexicon and gazetteer tell groups, offices,
institutions and places apart (not_a_person): only people get first-reference rules.
"""
from __future__ import annotations

from typing import Iterator

import regex

from ...findings import Hit, Severity
from ...lexicon import fold
from ...patterns import compile_regex
from ...text.names import HONORIFICS, NOT_NAMES, TITLE_SET, full_names, given_name_before
from ...text.words import starts_clause
from ..base import BaseKind, hit

_MEMO_MAX = 100_000  # distinct words remembered per rule, for the process
_PRONOUN = compile_regex(r"\b(?:he|she|his|her|him|himself|herself)\b", regex.IGNORECASE)
_THE = compile_regex(r"\bthe\s+$", regex.IGNORECASE)
_CAPITAL_BEFORE = compile_regex(r"(?<![.!?:;]\s)(?<!^)\b\p{Lu}\p{Ll}+ $")


class FirstReference(BaseKind):
    """Flag a person whose first mention is a bare surname.

    A bare capitalised word is taken for a person's surname only when a title precedes it
    ("Mr Blair") or a reporting verb follows it ("Trump claimed"), and it is flagged when the
    article gives no full name ("Donald Trump") before it. Places, acronyms and institutions
    (gazetteer entries, all-capital words, words common in lower case) are left alone, and so
    is anything inside a direct quotation (the rule is `exclude_quotes`).
    """

    OPTIONS = {"titled": (bool, True)}

    def check(self, doc) -> Iterator[Hit]:
        lex = self.context.runtime.lexicon
        bare = [(si, seg, s, e, words[0], titled) for si, seg, s, e, words, titled in doc.layer.mentions()
                if len(words) == 1 and (self.opts["titled"] or not titled)]
        seen: set[str] = set()
        for si, seg, s, e, surname, title in sorted(bare, key=lambda b: (b[0], b[2])):
            if surname in seen:
                continue
            seen.add(surname)
            low = surname.casefold()
            if surname.isupper() or lex.place_tier(fold(surname)) or low in NOT_NAMES or not_a_person(lex, surname):
                continue
            if not title and not _PRONOUN.search(seg.text, e, e + 160):
                continue  # "Microsoft said ... its": an institution speaks of itself as "it"
            if _THE.search(seg.text, max(0, s - 5), s) or _CAPITAL_BEFORE.search(seg.text, max(0, s - 40), s):
                continue  # "the Kremlin said"; "the Justice Department said": part of a longer name
            full, mid = _uses(doc, surname)
            if not title and starts_clause(seg.text, s) and lex.common.get(low, 0) >= 40 and not mid:
                continue  # "Another said", "Officials say": a common word opening a sentence
            if full is not None and full < (si, s):
                continue
            if seg.in_quote(s, e):
                continue
            yield hit(seg, s, e, severity=Severity.info,
                      fields={"surname": surname, "when": "appears only later" if full else "never appears"})


class RepeatedFullName(BaseKind):
    """Flag a person's full name used again where the surname alone would do.

    Persons are surnames the article itself uses bare as a person's (after a title, or before a
    reporting verb with "he/she" after), so compound surnames ("Wasserman Schultz") stay whole.
    The first full mention is the introduction; later full mentions are reported, unless the
    article has two people of that surname (then the given name is needed) or the mention is in
    a quotation (the rule is `exclude_quotes`).
    """

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self._no_surname: dict[str, bool] = {}  # word -> the lexicon rules it out as a surname (a pure memo)

    def check(self, doc) -> Iterator[Hit]:
        lex = self.context.runtime.lexicon
        persons = set()
        memo = self._no_surname
        for _, seg, _, e, words, titled in doc.layer.mentions():
            last = words[-1] if words else ""
            if not last or len(last) > 40 or last.isupper() or last in persons:
                continue
            no = memo.get(last)
            if no is None:  # what the lexicon says of a word, asked once per distinct word in the process
                # "the State Department said": a common word is no surname (nor a 4,000-letter run: #7)
                no = lex.common.get(last.casefold(), 0) >= 40 or bool(lex.place_tier(fold(last))) \
                    or not_a_person(lex, last)
                if len(memo) < _MEMO_MAX:
                    memo[last] = no
            if no:
                continue
            if len(words) == 1 and (titled or _PRONOUN.search(seg.text, e, e + 160)):
                persons.add(last)  # used bare at least once: a surname, not half of "Vander Plaats"
        surnames = sorted(persons)
        if not surnames:
            return
        names = tuple(surnames)
        uses: dict[str, list[tuple]] = {}
        givens: dict[str, set[str]] = {}
        for seg in doc.segments:
            if not any(name in seg.text for name in names):
                continue  # a yes/no substring test: no paragraph without a surname is scanned
            for start, end, given, surname in full_names(seg.text, names):
                if given in TITLE_SET or given in HONORIFICS or lex.common.get(given.casefold(), 0) >= 50:
                    continue  # "Lord Falconer", "Super Tuesday": no given name
                uses.setdefault(surname, []).append((seg, start, end))
                givens.setdefault(surname, set()).add(given)
        for surname, found in uses.items():
            if len(givens[surname]) > 1:
                continue  # two people share the surname: the given name tells them apart
            for seg, s, e in found[1:]:
                yield hit(seg, s, e, severity=Severity.info, suggestions=(surname,),
                          fields={"surname": surname, "expected": surname})


def not_a_person(lex, word: str) -> bool:
    """A capitalised word that names a group or an office, not a person: only people get first references.

    A word the dictionary writes only in lowercase ("Prosecutors", "Department", "Officials"), or
    the plural of a word it writes both ways ("Democrats", "Conservatives"), is no surname.
    """
    from ...lexicon import CAPITAL, LOWER, OTHER

    low = word.casefold()
    cases = lex.cases(low)
    if cases & LOWER and not cases & (CAPITAL | OTHER):
        return True
    return low.endswith("s") and bool(lex.cases(low[:-1]) & LOWER) and lex.zipf10(low) >= 30


def _uses(doc, surname: str) -> tuple[tuple[int, int] | None, bool]:
    """Where the article first gives `surname` a given name, and whether it uses it mid-sentence.

    A test on each occurrence (found by substring search, used only as a yes/no): no position
    found here is ever reported.
    """
    full, mid = None, False
    n = len(surname)
    for si, seg in enumerate(doc.segments):
        text = seg.text
        i = text.find(surname)
        while i >= 0:
            whole = (i == 0 or not text[i - 1].isalpha()) and not text[i + n:i + n + 1].isalpha()
            if whole:
                if full is None and given_name_before(text, i):
                    full = (si, i)
                mid = mid or not starts_clause(text, i)
            i = text.find(surname, i + n)
    return full, mid


KINDS = {"first_reference": FirstReference, "repeated_full_name": RepeatedFullName}
