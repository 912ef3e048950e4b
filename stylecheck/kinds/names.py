"""names: misspelled proper nouns, in-article name variants and surname-only first references.

The judging itself lives in `stylecheck.typos` (one pass shared with the ordinary-word rule);
these kinds pick the findings they own and word them. The lexicon loads lazily, on the first
document a names rule sees, from the compact cache `stylecheck.lexicon` keeps.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

import regex

from ..findings import Hit, Severity
from ..patterns import compile_re, compile_regex
from .base import BaseKind, hit


class _Judged(BaseKind):
    """Report the shared analysis' findings of one kind."""

    OPTIONS = {"vocab": (str, None)}
    OWN: tuple[str, ...] = ()

    def __init__(self, rule, context):
        super().__init__(rule, context)
        # the engine has merged the rule's vocabulary file (option `vocab`) into the context
        self.accept, self.prefer = context.accept, tuple(sorted(dict(context.prefer).items()))

    def check(self, doc) -> Iterator[Hit]:
        from .. import typos

        lex = self.context.runtime.lexicon
        for f in typos.analyse(doc, lex, self.accept, self.prefer):
            if f.kind in self.OWN:
                yield hit(f.seg, f.start, f.end, suggestions=(f.suggestion,), severity=f.severity,
                          fields={"expected": f.suggestion, "count": f.count, "evidence": _EVIDENCE[f.source]})


_EVIDENCE = {
    "list": "a common misspelling",
    "article": "the article's own spelling",
    "lexicon": "a near miss of a common word",
    "place": "a near miss of a known place",
}


class NameTypo(_Judged):
    OWN = ("name",)


class NameVariant(_Judged):
    OWN = ("variant",)


# Words before a name that make it a person's: titles and honorifics. (Titles that complete a
# name by themselves, such as Lord, Sir, King or Pope, are left out: "Lord Harris" is a full reference.)
_TITLES = (
    "Mr Mrs Ms Miss Dr Prof Professor President Senator Sen Rep Representative Governor Gov Mayor "
    "Judge Justice Colonel Col Chancellor Minister Secretary Rev Chairman Chairwoman Speaker Ambassador "
    "Commissioner Coach"
).split()
_SAYS = (
    "said says say claimed claims told tells added adds argued argues insisted insists warned warns "
    "wrote writes tweeted posted stated states announced announces noted notes asked asks replied replies "
    "explained explains acknowledged admitted admits suggested suggests vowed vows urged urges"
).split()
_CAP = r"\p{Lu}[\p{Ll}\p{M}'\u2019]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?"
_TITLE_SET = frozenset(_TITLES)
_CUES = _TITLE_SET | frozenset(_SAYS)
_RUN = rf"{_CAP}(?:\s+(?:\p{{Lu}}\.\s+)*{_CAP})*"  # capitalised words, with middle initials
# Cues are rare words, so the scan starts from them and looks around, instead of visiting every
# capitalised word of the article.
_SAYS_CUE = compile_re(rf"\b(?:{'|'.join(_SAYS)})\b")
_TITLE_CUE = compile_re(rf"\b(?:{'|'.join(_TITLES)})\b\.?[ \t]+")
_RUN_BEFORE = compile_regex(rf"(?<![\p{{L}}\p{{M}}.'\u2019-]){_RUN},?\s+$")
_RUN_AFTER = compile_regex(_RUN)
_GIVEN_BEFORE = compile_regex(rf"(?<![\p{{L}}\p{{M}}.'\u2019-]){_CAP}\s+(?:\p{{Lu}}\.\s+)*$")


@lru_cache(maxsize=256)
def _cue_pattern(cue: str) -> re.Pattern:
    """A pattern for one whole cue word, compiled once per process (the cue words are a fixed set).

    The word opens with its first letter and checks the word boundary before it right after (a
    two-wide lookbehind; cue words start with letters), so `re` searches for the letter in C
    instead of testing a leading \\b at every position.
    """
    return compile_re(rf"{re.escape(cue[0])}(?<!\w{re.escape(cue[0])}){re.escape(cue[1:])}\b")


def _cue_starts(text: str, cues: tuple[str, ...]) -> list[int]:
    """Where the given cue words start in text, in order.

    One small cached pattern per word rather than one alternation per set of words (compiling
    a pattern for each new set cost more than the scans): whole words never overlap, so the
    merged starts are exactly an alternation's matches.
    """
    if len(cues) == 1:
        return [m.start() for m in _cue_pattern(cues[0]).finditer(text)]
    return sorted(m.start() for cue in cues for m in _cue_pattern(cue).finditer(text))


def cue_mentions(text: str, cues: tuple[str, ...] | None = None) -> Iterator[tuple[int, int, list[str], bool]]:
    """(start, end, words, titled) for capitalised runs after a title or before a reporting verb.

    `cues` narrows the scan to the cue words the caller knows the text holds.
    """
    if cues is None:
        title_at = [m.start() for m in _TITLE_CUE.finditer(text)]
        say_at = [m.start() for m in _SAYS_CUE.finditer(text)]
    else:
        title_at = _cue_starts(text, tuple(c for c in cues if c in _TITLE_SET))
        say_at = _cue_starts(text, tuple(c for c in cues if c not in _TITLE_SET))
    for at in title_at:
        cue = _TITLE_CUE.match(text, at)
        run = _RUN_AFTER.match(text, cue.end()) if cue else None
        if run:
            end = run.end() - (2 if run.group()[-2:] in ("'s", "\u2019s") else 0)  # "Mr Kok's plan": the name is Kok
            yield run.start(), end, [w for w in text[run.start():end].split() if not w.endswith(".")], True
    for at in say_at:
        run = _RUN_BEFORE.search(text, max(0, at - 48), at)
        if run:
            name = run.group().rstrip().rstrip(",")
            words = [w for w in name.split() if not w.endswith(".")]
            if words[0] in _TITLE_SET:
                continue  # "President Obama said": the title cue has it
            yield run.start(), run.start() + len(name), words, False


_PRONOUN = compile_regex(r"\b(?:he|she|his|her|him|himself|herself)\b", regex.IGNORECASE)
_THE = compile_regex(r"\bthe\s+$", regex.IGNORECASE)
# Capitalised words that start sentences or name days and months, never a surname on their own.
_NOT_NAMES = frozenset(
    "he she it they we i you this that these those but and or so yet however then there here when while "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december police officials critics analysts experts".split()
)


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
        from ..lexicon import fold
        from ..typos import is_initial

        lex = self.context.runtime.lexicon
        bare = [(si, seg, s, e, words[0], titled) for si, seg, s, e, words, titled in _cued(doc)
                if len(words) == 1 and (self.opts["titled"] or not titled)]
        seen: set[str] = set()
        for si, seg, s, e, surname, title in sorted(bare, key=lambda b: (b[0], b[2])):
            if surname in seen:
                continue
            seen.add(surname)
            low = surname.casefold()
            if surname.isupper() or lex.place_tier(fold(surname)) or low in _NOT_NAMES:
                continue
            if not title and not _PRONOUN.search(seg.text, e, e + 160):
                continue  # "Microsoft said ... its": an institution speaks of itself as "it"
            if _THE.search(seg.text, max(0, s - 5), s):
                continue
            full, mid = _uses(doc, surname)
            if not title and is_initial(seg.text, s) and lex.common.get(low, 0) >= 40 and not mid:
                continue  # "Another said", "Officials say": a common word opening a sentence
            if full is not None and full < (si, s):
                continue
            if seg.in_quote(s, e):
                continue
            yield hit(seg, s, e, severity=Severity.info,
                      fields={"surname": surname, "when": "appears only later" if full else "never appears"})


def _cued(doc) -> list[tuple]:
    """(segment index, segment, start, end, words, titled) for every cued mention, once per document."""
    found = doc.memo.get("stylecheck.names.cued")
    if found is None:
        from ..typos import segment_vocab

        found = []
        for si, (seg, vocab) in enumerate(zip(doc.segments, segment_vocab(doc, folded=False))):
            cues = vocab & _CUES
            if not cues:
                continue  # no title and no reporting verb in this paragraph
            for s, e, words, titled in cue_mentions(seg.text, tuple(sorted(cues))):
                found.append((si, seg, s, e, words, titled))
        doc.memo["stylecheck.names.cued"] = found
    return found


# Words before a surname that are no given name: honours and ranks that make a full reference.
_HONORIFICS = frozenset(
    "Lord Lady Sir Dame King Queen Prince Princess Pope Sheikh General Gen Captain Capt Saint St Baroness "
    "Baron Earl Duke Duchess Count Countess Emperor Empress Sultan Emir Archbishop Bishop Cardinal Father "
    "Sister Brother Uncle Aunt".split()
)


# A given name and any middle initials: where a full name's surname starts (at the match's end).
_GIVEN_THEN = compile_regex(rf"(?<![\p{{L}}\p{{M}}.'\u2019-])(?P<given>{_CAP})\s+(?:\p{{Lu}}\.\s+)*")
_LETTER_OR_MARK = compile_regex(r"[\p{L}\p{M}]")


def full_names(text: str, surnames: tuple[str, ...]) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, given, surname) of each "Given [I.] Surname" in text, for the sorted `surnames`.

    One fixed pattern finds given names (compiling a pattern per article's surnames cost 0.45 ms
    a document); the surname is then tested at the exact position the pattern ends, in sorted
    order, and must not run on into a letter. This is the same set of matches as one pattern
    with the surnames as an alternation: the given name, the spaces and the initials can match
    only one way (surnames start with a capital and hold no full stop), and no match can start
    inside a given name, its spaces or its initials, so the scan resumes at the surname.
    """
    pos, n = 0, len(text)
    while pos < n:
        m = _GIVEN_THEN.search(text, pos)
        if m is None:
            return
        at = pos = m.end()
        for surname in surnames:
            end = at + len(surname)
            if text.startswith(surname, at) and not _LETTER_OR_MARK.match(text, end):
                yield m.start(), end, m.group("given"), surname
                pos = end
                break


class RepeatedFullName(BaseKind):
    """Flag a person's full name used again where the surname alone would do.

    Persons are surnames the article itself uses bare as a person's (after a title, or before a
    reporting verb with "he/she" after), so compound surnames ("Wasserman Schultz") stay whole.
    The first full mention is the introduction; later full mentions are reported, unless the
    article has two people of that surname (then the given name is needed) or the mention is in
    a quotation (the rule is `exclude_quotes`).
    """

    def check(self, doc) -> Iterator[Hit]:
        from ..lexicon import fold

        lex = self.context.runtime.lexicon
        persons = set()
        for _, seg, _, e, words, titled in _cued(doc):
            last = words[-1] if words else ""
            if not last or len(last) > 40 or last.isupper() or last in persons or lex.common.get(last.casefold(), 0) >= 40:
                continue  # "the State Department said": a common word is no surname (nor a 4,000-letter run: #7)
            if lex.place_tier(fold(last)):
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
                if given in _TITLE_SET or given in _HONORIFICS or lex.common.get(given.casefold(), 0) >= 50:
                    continue  # "Lord Falconer", "Super Tuesday": no given name
                uses.setdefault(surname, []).append((seg, start, end))
                givens.setdefault(surname, set()).add(given)
        for surname, found in uses.items():
            if len(givens[surname]) > 1:
                continue  # two people share the surname: the given name tells them apart
            for seg, s, e in found[1:]:
                yield hit(seg, s, e, severity=Severity.info, suggestions=(surname,),
                          fields={"surname": surname, "expected": surname})


def _uses(doc, surname: str) -> tuple[tuple[int, int] | None, bool]:
    """Where the article first gives `surname` a given name, and whether it uses it mid-sentence.

    A test on each occurrence (found by substring search, used only as a yes/no): no position
    found here is ever reported.
    """
    from ..typos import is_initial

    full, mid = None, False
    n = len(surname)
    for si, seg in enumerate(doc.segments):
        text = seg.text
        i = text.find(surname)
        while i >= 0:
            whole = (i == 0 or not text[i - 1].isalpha()) and not text[i + n:i + n + 1].isalpha()
            if whole:
                if full is None and _GIVEN_BEFORE.search(text, max(0, i - 40), i):
                    full = (si, i)
                mid = mid or not is_initial(text, i)
            i = text.find(surname, i + n)
    return full, mid


KINDS = {"typo": NameTypo, "variant": NameVariant, "first_reference": FirstReference,
         "repeated_full_name": RepeatedFullName}
