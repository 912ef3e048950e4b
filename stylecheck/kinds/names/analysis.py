"""Find a document's likely typos and name variants, each graded by the strength of its evidence.

One pass over the words of a document serves the spelling rules (SP101 ordinary words, NM101
names) and the in-article variant rule (NM102), so no word is judged twice and no two rules
report the same slip. The result is shared through the document's text layer.

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
from itertools import count as _counter
from typing import NamedTuple

from ...document import Document, Segment
from ...findings import Severity
from ...lexicon import Lexicon, fold
from ...text.words import match_case, strip_possessive
from .edits import channel, damerau1, edits1, translit_key

# Grades of evidence, as (Zipf*10 the suggestion must reach) for a word absent from the lexicon.
STRONG, WEAK = 35, 25
# A word the lexicon knows but rarely sees is a slip only against a far more frequent neighbour.
RARE_KNOWN, RARE_GAP = 20, 25
RARE_SEARCH = 15  # below this a known lowercase word may still be a slip ("minsiter")
RARE_NAME_SEARCH = 12  # and a known capitalised one ("Goerge")
NAME_WEAK = 20  # a capitalised unknown word near a rarer known name is still worth an info
FUNCTION_WORD = 50  # Zipf*10 of words too common to be the name an article spells ("The", "This")
PLACE_BONUS, FIRST_LETTER = 8, 5
LISTED_MAX = 30  # a listed misspelling more frequent than this is also a word ("strat", "vas")
MAX_SEARCHES = 400  # near-miss searches per document; articles need a handful
VERY_COMMON = 50  # a sentence-initial slip of a word this frequent ("Beflre") is strong evidence
# What a place counts for as a suggestion, by gazetteer tier (3: countries, capitals, states, 1M+ cities).
PLACE_Z = {3: 45, 2: 35}
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ness", "less", "ment", "ments", "ism", "ist", "ists")
_PREFIXES = ("un", "re", "non", "pre", "post", "over", "under", "anti", "counter", "co", "mis", "sub", "super", "multi", "inter")


class Finding(NamedTuple):
    """One judged word: where, what kind, the suggested form and how sure we are."""

    seg: Segment
    start: int
    end: int
    kind: str  # "word" (ordinary word), "name" (proper noun), "variant" (in-article name variant)
    suggestion: str
    severity: Severity
    source: str  # "list", "article", "lexicon", "place"
    count: int = 0  # uses of the suggested form in the article (article evidence)


MAX_WORD = 40  # longer "words" (minified text, runs of letters) are never looked up


class Analysis:
    """Judge every word of one document once; rules read the findings they own."""

    def __init__(self, lex: Lexicon, accept: frozenset[str], prefer: dict[str, str] | None = None):
        self.lex = lex
        self.accept = frozenset(fold(a) for a in accept)
        self.prefer = prefer or {}  # variant -> the desk's house form ("Zelensky" -> "Zelenskyy")
        self.house = frozenset(self.prefer.values())
        self._best_memo: dict[tuple[str, bool], tuple[int, str, str] | None] = {}
        self._facts: dict[str, tuple | None] = {}  # judge()'s position-independent part, per word

    def run(self, doc: Document) -> list[Finding]:
        """Count the document's words, pick the few worth a look, then judge those in place.

        Most words are frequent and spelled right; they are settled once per distinct word
        (a dict lookup), and only segments holding a suspicious word are looked into.
        """
        suspicious, caps, in_article, verdicts = self._suspects(doc)
        if not suspicious:
            return []
        return self._locate(doc, suspicious, caps, in_article, verdicts)

    def _suspects(self, doc: Document) -> tuple[set[str], Counter, dict, dict]:
        """(suspicious words as written, capitalised words' counts, in-article variants, verdicts by word)."""
        common = self.lex.common
        counts = doc.layer.word_counts()
        caps: Counter[str] = Counter()
        first: dict[str, int] = {}
        # what is left is unknown as written (every capitalised word, since the lexicon is lower
        # case) or a listed misspelling the web uses a lot
        unknown = common.unknown(counts)  # iterates the document's words, not the lexicon
        suspicious = {w for w in counts.keys() & self.lex.listed if common[w] <= LISTED_MAX}
        rank = dict(zip(counts, _counter()))  # order of first use, built in C
        for w in sorted(unknown, key=rank.__getitem__):
            if w.islower():
                suspicious.add(w)
                continue
            n = counts[w]
            base = strip_possessive(w)
            if base[:1].isupper() and not base.isupper():
                caps[base] += n
                first.setdefault(base, len(first))
                if common.get(base.lower(), 0) >= RARE_KNOWN:
                    continue  # a known word: counted for the article's names, never judged itself
            suspicious.add(w)
        in_article = self._article_variants(caps, first)
        for w in caps:
            if w in self.prefer:  # the desk's house form wins whatever the article's majority
                pref = self.prefer[w]
                in_article[w] = ("variant", pref, caps.get(pref, 0), Severity.warning)
        verdicts: dict[tuple[str, bool], tuple | None] = {}
        for w in list(suspicious):  # settle by type first: most unknown names are near nothing
            b = strip_possessive(w)
            if caps[b] >= 2 and b not in in_article:
                suspicious.discard(w)  # a name spelled the same way twice is meant; its slips stand out singly
                continue
            for initial in (False, True):
                verdicts[(b, initial)] = self.judge(b, initial)
            if verdicts[(b, False)] is None and verdicts[(b, True)] is None:
                suspicious.discard(w)
        if in_article:
            suspicious.update(w for w in counts if strip_possessive(w) in in_article)
        return suspicious, caps, in_article, verdicts

    def _locate(self, doc: Document, suspicious: set[str], caps: Counter, in_article: dict, verdicts: dict) -> list[Finding]:
        """A Finding for each use of a suspicious word that its verdict (or the article) condemns."""
        out: list[Finding] = []
        for k, (seg, ws) in enumerate(zip(doc.segments, doc.layer.segment_words())):
            if suspicious.isdisjoint(ws):
                continue
            text = seg.text
            for tok in doc.layer.tokens(k):
                if tok.text not in suspicious:
                    continue
                s = tok.start
                w = strip_possessive(tok.text)
                e = s + len(w)
                compound = (s > 0 and text[s - 1] == "-") or text[e:e + 1] == "-"
                if compound and not w.islower():
                    continue  # a part of a hyphenated name ("Jean-Pierre", "Rolls-Royce") is not judged alone
                if w in in_article:
                    kind, sug, count, sev = in_article[w]
                    src = "article"
                    if sev is Severity.info and caps[w] < 2:
                        # weak in-article evidence, but the gazetteer or lexicon may know the name well
                        key = (w, tok.initial)
                        v = verdicts[key] if key in verdicts else verdicts.setdefault(key, self.judge(*key))
                        if v is not None and v[2] is Severity.warning and v[1] == sug:
                            sev, src = Severity.warning, v[3]
                    out.append(Finding(seg, s, e, kind, sug, sev, src, count))
                    continue
                v = verdicts[(w, tok.initial)]
                if v is None:
                    continue
                kind, sug, sev, src = v
                if compound and (sev is not Severity.warning or self.lex.zipf10(w.casefold()) >= RARE_KNOWN
                                 or (src != "list" and self._inflected(w.casefold()))):
                    continue  # inside a compound only strong evidence counts ("left-hander" is fine)
                if sev is Severity.warning and src != "list" and caps[w] >= 2:
                    sev = Severity.info  # a capitalised word spelled the same way twice is probably meant
                out.append(Finding(seg, s, e, kind, sug, sev, src))
        return out

    # -- in-article evidence -------------------------------------------------------------
    def _article_variants(self, caps: Counter[str], first: dict[str, int]) -> dict[str, tuple[str, str, int, Severity]]:
        """Minority spellings of a name the article spells another way more often.

        Candidates come from the transliteration-key groups (a dict), and, only for the few words
        no lexicon knows, from a length-blocked scan of the article's names with an early-exit
        one-edit test; so the cost grows with the number of names, not its square.
        """
        by_key: dict[str, list[str]] = {}
        for w in caps:
            by_key.setdefault(translit_key(w), []).append(w)
        by_initial: dict[str, list[tuple[str, str]]] = {}
        for w in caps:
            if len(w) >= 3:
                f = fold(w)
                by_initial.setdefault(f[:1], []).append((w, f))
        out: dict[str, tuple[str, str, int, Severity]] = {}
        common = self.lex.common
        for w, n in caps.items():
            if len(w) < 4:
                continue
            f = fold(w)
            if f in self.accept or w in self.house:
                continue
            tkey = translit_key(w)
            w_known = self._known_name(f)
            # the same name in another transliteration; and, for a word nobody knows, one edit away
            pool = [(u, fold(u), True) for u in by_key[tkey] if u != w]
            if not w_known:
                # a name's first letter is typed deliberately: only names that share it are compared
                pool += [(u, fu, False) for u, fu in by_initial.get(f[:1], ())
                         if abs(len(fu) - len(f)) <= 1 and caps[u] >= n and damerau1(f, fu) and translit_key(u) != tkey]
            best = None
            for u, fu, same_name in pool:
                outnumbered = caps[u] < n
                if (outnumbered and not same_name) or u.casefold() == w.casefold() or (fu == f and not same_name) \
                        or fu in (f + "s", f + "es") or f in (fu + "s", fu + "es"):
                    continue
                if common.get(fu, 0) >= FUNCTION_WORD:
                    continue  # "The" at sentence starts is no name to measure "Thie" against
                u_known = self._known_name(fu)
                if w_known and not u_known:
                    continue  # a name the lexicon knows is never the slip for one it does not
                if outnumbered and (w_known or not u_known):
                    continue  # outnumbered, a spelling wins only by being the one the lexicon knows
                if caps[u] == n and not (first[u] < first[w] or (u_known and not w_known)):
                    continue  # a tie: the later spelling, or the unknown one, is the odd one out
                cand = (caps[u], u_known, -first[u], u, same_name)
                if best is None or cand > best:
                    best = cand
            if best is not None:
                count, u_known, _, u, same_name = best
                # Strong: the other spelling is used at least twice and more often, and this one is
                # no known name. A tie, or a known name against another, is only info.
                strong = count >= 2 and count > n and not w_known
                if not strong and w_known and not same_name:
                    continue
                out[w] = ("variant" if same_name else "name", u, count, Severity.warning if strong else Severity.info)
        return out

    def _known_name(self, f: str) -> bool:
        """A capitalised word the lexicon or gazetteer knows well enough to be its own name."""
        return self.lex.zipf10(f) >= RARE_KNOWN or self.lex.place_tier(f) > 0

    # -- lexicon and gazetteer evidence --------------------------------------------------
    def judge(self, word: str, initial: bool) -> tuple | None:
        """(kind, suggestion, severity, source) for one word, or None when it looks right.

        Only strong evidence is a warning: a listed misspelling, an unknown lowercase word one
        edit from a frequent word, or an unknown capitalised word one edit from a well-known
        place. A capitalised word near a common word, a rare real word near a frequent one, or
        an unknown word that may be an inflection of a known one, is only info.
        """
        facts = self._facts.get(word, self)
        if facts is self:  # not settled yet: everything but the position is the same both times
            facts = self._facts[word] = self._evidence(word)
        if facts is None:
            return None
        if facts[0] == "list":
            _, sug, sev, capital = facts
            name_like = capital and not initial
            return ("name" if name_like else "word", sug, sev, "list")
        _, z, bz, cand, src, capital, low = facts
        kind = "name" if capital and (src == "place" or not initial) else "word"
        if z > 0:  # a real but rare word: a slip only against a far more frequent neighbour
            return (kind, cand, Severity.info, src)
        strong = bz >= STRONG
        if src == "place":
            strong = bz >= PLACE_Z[3]
        elif capital:
            # a sentence's first word may be an ordinary word; a name's near miss of one is weak
            strong = initial and bz >= VERY_COMMON
        elif self._inflected(low):
            strong = False
        return (kind, cand, Severity.warning if strong else Severity.info, src)

    def _evidence(self, word: str) -> tuple | None:
        """What judge() concludes about a word wherever it stands (None: it looks right).

        ("list", suggestion, severity, capital) for a listed misspelling, or ("near", z,
        suggestion's z, suggestion, source, capital, lowercase) for a near miss worth reporting.
        """
        if len(word) < 3 or word.isupper() or any(c.isupper() for c in word[1:]):
            return None
        f = fold(word)
        if f in self.accept:
            return None
        low = word.casefold().replace("\u2019", "'")
        z = self.lex.zipf10(low)
        capital = word[:1].isupper()
        if capital and self.lex.place_tier(f):
            return None
        if z <= LISTED_MAX and self.lex.misspelling(low) is not None:
            sug = self._correction(low)
            # a listed misspelling that is also someone's name ("Gere", "Pease") is only info
            sev = Severity.info if capital and z > 0 else Severity.warning
            return ("list", match_case(sug, word), sev, capital)
        if not low.isascii() or "'" in low or z >= RARE_KNOWN:
            return None
        if z >= (RARE_NAME_SEARCH if capital else RARE_SEARCH):
            return None  # a real word or name, however rare; only the rarest words are checked further
        best = self._best(low, capital)
        if best is None:
            return None
        bz, cand, src = best
        if z > 0:  # a real but rare word: a slip only against a far more frequent neighbour
            if bz - z < RARE_GAP or bz < 40:
                return None
        elif bz < (NAME_WEAK if capital else WEAK):
            return None
        return ("near", z, bz, match_case(cand, word), src, capital, low)

    def _correction(self, low: str) -> str:
        """codespell's first correction, following a chain when that is itself listed."""
        sug = low
        for _ in range(3):
            sug = self.lex.misspelling(sug).split(",")[0].strip()
            if self.lex.misspelling(sug) is None:
                break
        return sug

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
        """The likeliest intended word: frequency plus the channel bonus (and places, for names)."""
        key = (low, capital)
        if key not in self._best_memo:
            if len(self._best_memo) >= MAX_SEARCHES:
                return None  # NOTE(#3): not prose (a pasted blob, a word list): stop guessing, stay fast
            self._best_memo[key] = self._search(low, capital)
        return self._best_memo[key]

    def _search(self, low: str, capital: bool) -> tuple[int, str, str] | None:
        if len(low) > MAX_WORD:  # NOTE(#7): edits1 is O(len**2) in memory; 20k letters took 20 GB
            return None
        common, places = self.lex.common, self.lex.places
        cands = edits1(low)
        # the order of hits does not matter (the best score is a unique maximum: the candidate breaks ties)
        hits = common.present(cands)
        if capital:
            hits |= places.keys() & cands
        best = None
        for cand in hits:
            z = common.get(cand)
            bonus = channel(low, cand)
            src = "lexicon"
            if capital:
                pz = PLACE_Z.get(places.get(cand, 0))
                if pz is not None:
                    z, src = max(z or 0, pz), "place"
                    bonus += PLACE_BONUS  # a capitalised word is more likely a slip for a name
            if z is None or self.lex.misspelling(cand) is not None:
                continue  # the web's frequent misspellings ("definetly") are no suggestion
            if cand[:1] != low[:1]:
                if capital:
                    continue  # a name's capital is typed deliberately: "Kranks" is no slip for "Ranks"
                bonus -= FIRST_LETTER  # first letters are rarely mistyped
            if capital and low == cand + "s":
                continue  # "the Capellas" is a family, not a slip for "Capella"
            score = (z + bonus, cand)
            if best is None or score > best[0]:
                best = (score, z, cand, src)
        if best is None:
            return None
        return best[1], best[2], best[3]


def analyse(doc: Document, lex: Lexicon, accept: frozenset[str],
            prefer: tuple[tuple[str, str], ...] = ()) -> list[Finding]:
    """The document's judged words, computed once per document, accept list and house forms."""
    return doc.layer.shared(("names", accept, prefer), lambda: Analysis(lex, accept, dict(prefer)).run(doc))
