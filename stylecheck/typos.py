"""Find a document's likely typos and name variants, each graded by the strength of its evidence.

One pass over the words of a document serves the spelling rules (SP101 ordinary words, NM101
names) and the in-article variant rule (NM102), so no word is judged twice and no two rules
report the same slip. The result is memoised on the Document.

Evidence, strongest first:
- a known misspelling from codespell's list ("goverment");
- a capitalised word one edit from a name the same article spells another way at least twice
  ("Marconneet" against "Marconnet" x3), or the same name under a transliteration key
  ("Zelensky" against "Zelenskyy" x4);
- a word absent from the lexicon one edit from a frequent word or a well-known place
  ("incestigate" -> "investigate", "Washngton" -> "Washington").
A capitalised unknown word that is a near miss of nothing known is never reported; neither is
a known word, a hyphenated compound, an acronym, or a word the desk accepts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import regex

from .document import Document, Segment
from .findings import Severity
from .lexicon import Lexicon, fold

# A word: letters with inner apostrophes; not part of a hyphenated compound, a number, an e-mail
# address, a URL or a dotted abbreviation.
WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_\-@/.&])\p{L}[\p{L}\p{M}]*(?:['\u2019]\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{M}\p{N}_\-@/&]|\.\p{L})"
)
_INITIAL = regex.compile(r"(?:^|[.!?:;\"\u201c\u2018(\[\u2014\u2013-]|\s['\u2018])\s*$")
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, str]:
    pos = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    out = {}
    for c, (r, i) in pos.items():
        out[c] = "".join(d for d, (r2, i2) in pos.items() if d != c and abs(r2 - r) <= 1 and -1 <= i2 - i + (r2 - r) * 0.5 <= 1.5)
    return out


NEAR_KEYS = _neighbours()
VOWELS = set("aeiouy")

# Grades of evidence, as (Zipf*10 the suggestion must reach) for a word absent from the lexicon.
STRONG, WEAK = 35, 25
# A word the lexicon knows but rarely sees is a slip only against a far more frequent neighbour.
RARE_KNOWN, RARE_GAP = 20, 30
# What a place counts for as a suggestion, by gazetteer tier (3: countries, capitals, states, 1M+ cities).
PLACE_Z = {3: 45, 2: 35}
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ness", "less", "ment", "ments", "ism", "ist", "ists")
_PREFIXES = ("un", "re", "non", "pre", "post", "over", "under", "anti", "counter", "co", "mis", "sub", "super", "multi", "inter")


@dataclass(frozen=True)
class Finding:
    """One judged word: where, what kind, the suggested form and how sure we are."""

    seg: Segment
    start: int
    end: int
    kind: str  # "word" (ordinary word), "name" (proper noun), "variant" (in-article name variant)
    suggestion: str
    severity: Severity
    source: str  # "list", "article", "lexicon", "place"
    count: int = 0  # uses of the suggested form in the article (article evidence)


def edits1(word: str) -> Iterable[tuple[str, int]]:
    """Every string one edit away, with a channel bonus for the slips fingers make most."""
    n = len(word)
    for i in range(n):
        bonus = 4 if i > 0 and word[i] == word[i - 1] else 1  # a doubled letter typed once too often
        yield word[:i] + word[i + 1:], bonus
    for i in range(n - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:], 4
    for i in range(n):
        c = word[i]
        near = NEAR_KEYS.get(c, "")
        vowel = c in VOWELS
        for d in ALPHABET:
            if d != c:
                yield word[:i] + d + word[i + 1:], 4 if d in near else 3 if vowel and d in VOWELS else 0
    for i in range(n + 1):
        for d in ALPHABET:
            bonus = 4 if (i > 0 and word[i - 1] == d) or (i < n and word[i] == d) else 1
            yield word[:i] + d + word[i:], bonus


def damerau1(a: str, b: str) -> bool:
    """True when a and b are exactly one insertion, deletion, substitution or transposition apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])


_TRANSLIT = [(regex.compile(p), r) for p, r in (
    (r"[\s'\u2019-]", ""), (r"ph", "f"), (r"(?:ie|ei|iy|yy|ii|y)", "i"), (r"(.)\1+", r"\1"), (r"^al(?=\w{3})", ""),
)]


def translit_key(name: str) -> str:
    """A key under which spellings of one name in different transliterations coincide.

    Folds case and diacritics; ignores hyphens and spaces, a leading "al"; treats ph/f, ie/ei,
    y/i/iy/yy as one; collapses doubled letters ("Zelenskyy", "Zelensky", "Zelenskiy" -> "zelenski").
    """
    key = fold(name)
    for pat, rep in _TRANSLIT:
        key = pat.sub(rep, key)
    return key


def match_case(word: str, like: str) -> str:
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Analysis:
    """Judge every word of one document once; rules read the findings they own."""

    def __init__(self, lex: Lexicon, accept: frozenset[str]):
        self.lex = lex
        self.accept = frozenset(fold(a) for a in accept)

    def run(self, doc: Document) -> list[Finding]:
        tokens = []  # (seg, start, end, text, sentence_initial)
        caps: Counter[str] = Counter()
        first: dict[str, int] = {}
        for seg in doc.segments:
            text = seg.text
            for m in WORD.finditer(text):
                s, e = m.span()
                w = m.group()
                if len(w) > 3 and w[-2] in "'\u2019" and w[-1] in "sS":
                    e -= 2
                    w = w[:-2]
                initial = bool(_INITIAL.search(text, 0, s)) if s else True
                tokens.append((seg, s, e, w, initial))
                if w[:1].isupper() and not w.isupper():
                    caps[w] += 1
                    first.setdefault(w, len(first))
        in_article = self._article_variants(caps, first)
        out: list[Finding] = []
        verdicts: dict[tuple[str, bool], tuple | None] = {}
        for seg, s, e, w, initial in tokens:
            if w in in_article:
                kind, sug, count, sev = in_article[w]
                out.append(Finding(seg, s, e, kind, sug, sev, "article", count))
                continue
            key = (w, initial)
            if key not in verdicts:
                verdicts[key] = self.judge(w, initial)
            v = verdicts[key]
            if v is not None:
                out.append(Finding(seg, s, e, *v))
        return out

    # -- in-article evidence -------------------------------------------------------------
    def _article_variants(self, caps: Counter[str], first: dict[str, int]) -> dict[str, tuple[str, str, int, Severity]]:
        """Minority spellings of a name the article spells another way more often.

        Candidates are blocked by shared single-deletion keys and by transliteration key, so the
        cost grows with the number of names, not its square.
        """
        blocks: dict[str, list[str]] = {}
        for w in caps:
            f = fold(w)
            keys = {f, "~" + translit_key(w)} | {f[:i] + f[i + 1:] for i in range(len(f))}
            for k in keys:
                blocks.setdefault(k, []).append(w)
        out: dict[str, tuple[str, str, int, Severity]] = {}
        for w, n in caps.items():
            if len(w) < 4 or fold(w) in self.accept:
                continue
            f = fold(w)
            tkey = translit_key(w)
            best = None
            for k in {f, "~" + tkey} | {f[:i] + f[i + 1:] for i in range(len(f))}:
                for u in blocks.get(k, ()):
                    if u == w or caps[u] < n or (caps[u] == n and first[u] > first[w]):
                        continue
                    fu = fold(u)
                    if fu == f or fu in (f + "s", f + "es") or f in (fu + "s", fu + "es"):
                        continue
                    same_name = translit_key(u) == tkey
                    if not same_name:
                        if not damerau1(f, fu) or self._known_name(f):
                            continue
                    cand = (caps[u], -first[u], u, same_name)
                    if best is None or cand > best:
                        best = cand
            if best is not None:
                # a tie (one use each) is weak evidence: the later spelling is reported, as info
                sev = Severity.warning if best[0] >= 2 and best[0] > n else Severity.info
                if sev is Severity.info and self._known_name(f):
                    continue
                out[w] = ("variant" if best[3] else "name", best[2], best[0], sev)
        return out

    def _known_name(self, f: str) -> bool:
        """A capitalised word the lexicon or gazetteer knows well enough to be its own name."""
        return self.lex.zipf10(f) >= RARE_KNOWN or f in self.lex.places

    # -- lexicon and gazetteer evidence --------------------------------------------------
    def judge(self, word: str, initial: bool) -> tuple | None:
        """(kind, suggestion, severity, source) for one word, or None when it looks right.

        Only strong evidence is a warning: a listed misspelling, an unknown lowercase word one
        edit from a frequent word, or an unknown capitalised word one edit from a well-known
        place. A capitalised word near a common word, a rare real word near a frequent one, or
        an unknown word that may be an inflection of a known one, is only info.
        """
        if len(word) < 3 or word.isupper() or any(c.isupper() for c in word[1:]):
            return None
        f = fold(word)
        if f in self.accept:
            return None
        low = word.casefold().replace("\u2019", "'")
        z = self.lex.zipf10(low)
        capital = word[:1].isupper()
        if capital and (low in self.lex.places or f in self.lex.places):
            return None
        name_like = capital and not initial
        if low in self.lex.misspellings and z < 30 and not (name_like and z > 0):
            sug = self.lex.misspellings[low].split(",")[0].strip()
            return ("name" if name_like else "word", match_case(sug, word), Severity.warning, "list")
        if not low.isascii() or "'" in low or z >= RARE_KNOWN:
            return None
        best = self._best(low, capital)
        if best is None:
            return None
        bz, cand, src = best
        kind = "name" if capital and (src == "place" or not initial) else "word"
        if z > 0:  # a real but rare word: a slip only against a far more frequent neighbour
            if bz - z < RARE_GAP or bz < 40:
                return None
            return (kind, match_case(cand, word), Severity.info, src)
        if bz < WEAK:
            return None
        strong = bz >= STRONG
        if src == "place":
            strong = bz >= PLACE_Z[3]
        elif capital or self._inflected(low):
            strong = False
        return (kind, match_case(cand, word), Severity.warning if strong else Severity.info, src)

    def _inflected(self, low: str) -> bool:
        """An unknown word built from a known one with a regular affix ("usuals", "tieless")."""
        common = self.lex.common
        for suffix in _SUFFIXES:
            if low.endswith(suffix) and common.get(low[: -len(suffix)], 0) >= 30:
                return True
        for prefix in _PREFIXES:
            if low.startswith(prefix) and common.get(low[len(prefix):], 0) >= 30:
                return True
        return False

    def _best(self, low: str, capital: bool) -> tuple[int, str, str] | None:
        common, places = self.lex.common, self.lex.places
        best = None
        for cand, bonus in edits1(low):
            z = common.get(cand)
            src = "lexicon"
            if capital:
                pz = PLACE_Z.get(places.get(cand, 0))
                if pz is not None:
                    if z is None or pz > z:
                        z, src = pz, "place"
            if z is None:
                continue
            score = z + bonus
            if best is None or score > best[0]:
                best = (score, z, cand, src)
        if best is None:
            return None
        return best[1], best[2], best[3]


def analyse(doc: Document, lex: Lexicon, accept: frozenset[str]) -> list[Finding]:
    """The document's judged words, computed once per document and accept list."""
    key = ("stylecheck.typos", accept)
    cached = doc.memo.get(key)
    if cached is None:
        cached = doc.memo[key] = Analysis(lex, accept).run(doc)
    return cached
