"""names: misspelled proper nouns, in-article name variants and surname-only first references.

The judging itself lives in `stylecheck.typos` (one pass shared with the ordinary-word rule);
these kinds pick the findings they own and word them. The lexicon loads lazily, on the first
document a names rule sees, from the compact cache `stylecheck.lexicon` keeps.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import regex

from ..findings import Hit, Severity
from .base import BaseKind, hit


def accepted(kind: BaseKind) -> frozenset[str]:
    """The desk's accept list plus the names of the rule's vocabulary file, if it has one."""
    words = set(kind.settings.accept)
    path = kind.opts.get("vocab")
    if path:
        from ..vocab import read_vocab

        p = Path(path)
        if not p.is_absolute() and kind.settings.root:
            p = Path(kind.settings.root) / p
        words |= read_vocab(p)
    return frozenset(words)


class _Judged(BaseKind):
    """Report the shared analysis' findings of one kind."""

    OPTIONS = {"vocab": (str, None)}
    OWN: tuple[str, ...] = ()

    def __init__(self, rule, settings):
        super().__init__(rule, settings)
        self.accept = accepted(self)

    def check(self, doc) -> Iterator[Hit]:
        from .. import lexicon, typos

        lex = lexicon.shared()
        for f in typos.analyse(doc, lex, self.accept):
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
# A run of capitalised words, with middle initials ("Donald J. Trump"); titles are peeled off after.
_NAME_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}.'\u2019-]){_CAP}(?:\s+(?:\p{{Lu}}\.\s+)*{_CAP})*")
_SAYS_AFTER = regex.compile(rf",?\s+(?:{'|'.join(_SAYS)})\b")
_SPACE = regex.compile(r"[\s.]+")


def person_mentions(text: str) -> Iterator[tuple[int, int, list[str], bool, bool]]:
    """(start, end, words, titled, says) for each run of capitalised words that may name a person.

    `says` (a reporting verb follows) is worked out for single words only: a full name needs no
    such evidence.
    """
    for m in _NAME_RUN.finditer(text):
        words = [w for w in m.group().split() if not w.endswith(".")]
        start, end = m.span()
        titled = False
        if words[0] in _TITLE_SET:
            if len(words) == 1:
                continue  # "Mr" before its full stop: the next run looks back for it
            titled = True
            start = _SPACE.search(text, start + len(words[0])).end()
            words = words[1:]
        else:
            before = text[max(0, start - 16):start].rstrip().rstrip(".").rsplit(None, 1)
            titled = bool(before) and before[-1] in _TITLE_SET
        says = len(words) == 1 and _SAYS_AFTER.match(text, end) is not None
        yield start, end, words, titled, says


_PRONOUN = regex.compile(r"\b(?:he|she|his|her|him|himself|herself)\b", regex.IGNORECASE)
_THE = regex.compile(r"\bthe\s+$", regex.IGNORECASE)
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
        from .. import lexicon
        from ..lexicon import fold
        from ..typos import is_initial

        lex = lexicon.shared()
        full: dict[str, int] = {}  # surname -> earliest position (seg index, offset) of a full name
        bare: list[tuple] = []
        mid: set[str] = set()  # capitalised words the article also uses mid-sentence: names, not sentence starts
        for si, seg in enumerate(doc.segments):
            for s, e, words, titled, says in person_mentions(seg.text):
                mid.update(words[1:])
                if titled or not is_initial(seg.text, s):
                    mid.update(words[:1])
                if len(words) >= 2:
                    full.setdefault(words[-1], (si, s))
                    continue
                if not (titled or says) or (titled and not self.opts["titled"]):
                    continue
                bare.append((si, seg, s, e, words[0], titled))
        seen: set[str] = set()
        for si, seg, s, e, surname, title in bare:
            if surname in seen:
                continue
            seen.add(surname)
            low = surname.casefold()
            if surname.isupper() or lex.place_tier(fold(surname)) or low in _NOT_NAMES:
                continue
            if not title and is_initial(seg.text, s) and lex.common.get(low, 0) >= 40 and surname not in mid:
                continue  # "Another said", "Officials say": a common word opening a sentence
            if not title and not _PRONOUN.search(seg.text, e, e + 160):
                continue  # "Microsoft said ... its": an institution speaks of itself as "it"
            if _THE.search(seg.text, max(0, s - 5), s):
                continue
            if surname in full and full[surname] < (si, s):
                continue
            if seg.in_quote(s, e):
                continue
            later = surname in full
            yield hit(seg, s, e, severity=Severity.info,
                      fields={"surname": surname, "when": "appears only later" if later else "never appears"})


KINDS = {"typo": NameTypo, "variant": NameVariant, "first_reference": FirstReference}
