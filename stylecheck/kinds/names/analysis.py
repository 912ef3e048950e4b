"""Find a document's likely typos and name variants, each graded by the strength of its evidence.

One pass over the words of a document serves the spelling rules (SP101 ordinary words, NM101
names) and the in-article variant rule (NM102), so no word is judged twice and no two rules
report the same slip. The result is shared through the document's text layer.

This module gathers the words worth a look (unknown to the dictionary and gazetteer, listed
misspellings, capitalised words) and the article's own evidence: a capitalised word one edit from
a name the article spells another way at least twice ("Marconneet" against "Marconnet" x3), or
the same name under a transliteration key ("Zelensky" against "Zelenskyy" x4). What the lexicon
says about each word on its own is lexical.py's verdict. A misspelling repeated through the
article is still a slip when it misses something prominent ("Washngton" three times); a
capitalised word spelled one way throughout that misses nothing prominent is taken as meant.
"""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ...document import Document, Segment
from ...findings import Severity
from ...lexicon import Lexicon, fold
from ...text.words import PART, starts_clause, strip_possessive
from .edits import damerau1
from ...lexicon import CAPITAL, LOWER
from .lexical import RARE_KNOWN, SURE_SLIPS, Judge, Verdict, slip

FUNCTION_WORD = 50  # Zipf*10 of words too common to be the name an article spells ("The", "This")
OFTEN = 3  # a known name is worth comparing with one the article uses this many times as often (and at least this often)
_POSSESSIVE = ("'s", "\u2019s", "'S", "\u2019S")  # the endings strip_possessive takes off


class Finding(NamedTuple):
    """One judged word: where, what kind, the suggested form and how sure we are."""

    seg: Segment
    start: int
    end: int
    kind: str  # "word" (ordinary word), "name" (proper noun), "variant" (in-article name variant)
    suggestion: str  # "" when there is no suggestion to make (an unknown word near nothing likely)
    severity: Severity
    source: str  # "list", "article", "lexicon", "name", "place", "vocab", "glued", "case", "unknown"
    count: int = 0  # uses of the suggested form in the article (article evidence)


class Analysis:
    """Judge every word of one document once; rules read the findings they own."""

    def __init__(self, lex: Lexicon, accept: frozenset[str], prefer: dict[str, str] | None = None):
        self.lex = lex
        self.accept = frozenset(fold(a) for a in accept)
        self.prefer = prefer or {}  # variant -> the desk's house form ("Zelensky" -> "Zelenskyy")
        self.house = frozenset(self.prefer.values())
        # the desk's names (accepted words that are capitalised, house forms): their near misses are slips
        names = frozenset(a for a in accept if a[:1].isupper() and not a.isupper()) | self.house
        judge = Judge(lex, self.accept, names)
        self.judge, self.cases, self.triage, self.plain = judge.judge, judge.cases, judge.triage, judge.plain
        self.name_facts, self.triaged, self.plain_frequent = judge.name_facts, judge._triage, judge.plain_frequent
        self.names_known = judge._names

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
        counts = doc.layer.word_counts()
        caps: Counter[str] = Counter()
        first: dict[str, int] = {}
        suspicious: set[str] = set()
        triage, known, plain = self.triage, self.triaged.get, self.plain
        rest = counts.keys() - plain  # most words were settled as plain in earlier articles
        rest -= self.plain_frequent(rest)  # and most new ones are frequent lowercase words
        tally = caps.get  # (Counter's own += calls a Python __missing__ for every new name)
        for w in [w for w in counts if w in rest] if rest else ():  # in order of first use
            n = counts[w]
            base, worth = known(w) or triage(w)
            if base is not None:
                caps[base] = tally(base, 0) + n
                first.setdefault(base, len(first))
            if worth:
                suspicious.add(w)
        in_article = self._article_variants(caps, first)
        for w in caps:
            if w in self.prefer:  # the desk's house form wins whatever the article's majority
                pref = self.prefer[w]
                in_article[w] = ("variant", pref, caps.get(pref, 0), Severity.warning)
        verdicts: dict[tuple[str, bool], Verdict | None] = {}
        opening = self._opening(doc, suspicious)
        for w in list(suspicious):  # settle by type first: most unknown names are near nothing
            b = strip_possessive(w)
            v = verdicts[(b, False)] = self.judge(b, False)
            if not b[:1].isupper():
                verdicts[(b, True)] = v  # only a capitalised word's verdict depends on where it stands
            elif w in opening:  # and only where it opens a sentence somewhere is that verdict needed
                verdicts[(b, True)] = self.judge(b, True)
            found = [v for v in (verdicts[(b, False)], verdicts.get((b, True))) if v is not None]
            # a name spelled the same way twice is meant unless it misses something prominent:
            # repetition is no evidence against a slip that was copied through the article
            if caps[b] >= 2 and b not in in_article and not any(v.severity is Severity.warning or (v.suggestion and not v.lone)
                                                                for v in found):
                found = []
            if not found:
                suspicious.discard(w)
        if in_article:  # each name and its possessives, asked of the counts (not every word stripped)
            suspicious.update(w for k in in_article for w in (k, *(k + s for s in _POSSESSIVE))
                              if w in counts and strip_possessive(w) in in_article)
        return suspicious, caps, in_article, verdicts

    @staticmethod
    def _opening(doc: Document, suspicious: set[str]) -> set[str]:
        """The suspicious capitalised words that open a sentence or clause somewhere in the document.

        Their verdict there (possibly an ordinary word, capitalised) costs a second search; most
        unknown names never stand first. A cheap superset: any occurrence of the word's letters
        that starts_clause accepts (the tokens themselves are built only for flagged segments).
        """
        caps = {w for w in suspicious if w[:1].isupper()}
        found: set[str] = set()
        if not caps:
            return found
        for seg, ws in zip(doc.segments, doc.layer.segment_words()):
            here = caps.intersection(ws)
            if not here:
                continue
            text = seg.text
            for w in here - found:
                i = text.find(w)
                while i >= 0:
                    if starts_clause(text, i):
                        found.add(w)
                        break
                    i = text.find(w, i + 1)
        return found

    def _locate(self, doc: Document, suspicious: set[str], caps: Counter, in_article: dict, verdicts: dict) -> list[Finding]:
        """A Finding for each use of a suspicious word that its verdict (or the article) condemns."""
        out: list[Finding] = []
        for k, (seg, ws) in enumerate(zip(doc.segments, doc.layer.segment_words())):
            if suspicious.isdisjoint(ws):
                continue
            text = seg.text
            prev = None
            # the segment's words as matches (text.words.tokens without building a Token per word):
            # where a word stands and opens a clause is asked only of the suspicious ones
            for tok in PART.finditer(text):
                before, prev = prev, tok
                if tok.group() not in suspicious:
                    continue
                s = tok.start()
                initial = starts_clause(text, s)
                w = strip_possessive(tok.group())
                e = s + len(w)
                compound = (s > 0 and text[s - 1] == "-") or text[e:e + 1] == "-"
                if compound and not w.islower():
                    continue  # a part of a hyphenated name ("Jean-Pierre", "Rolls-Royce") is not judged alone
                if w in in_article:
                    kind, sug, count, sev = in_article[w]
                    src = "article"
                    if sev is Severity.info and caps[w] < 2:
                        # weak in-article evidence, but the gazetteer or lexicon may know the name well
                        key = (w, initial)
                        v = verdicts[key] if key in verdicts else verdicts.setdefault(key, self.judge(*key))
                        if v is not None and v.severity is Severity.warning and v.suggestion == sug:
                            sev, src = Severity.warning, v.source
                    out.append(Finding(seg, s, e, kind, sug, sev, src, count))
                    continue
                v = verdicts.get((w, initial))
                if v is None or (v.lone and caps[w] >= 2):
                    continue
                if v.as_word and before is not None and text[before.end():s] == " " and self._given_name(before.group()) \
                        and slip(w.casefold(), v.suggestion.casefold()) not in ("double", "swap"):
                    continue  # "Jeremy Wride": the end of a full name is a surname, not a slip for "write" ("Jack Strraw" is)
                if compound and (v.severity is not Severity.warning or v.source not in ("list", "lexicon")
                                 or self.lex.zipf10(w.casefold()) >= RARE_KNOWN):
                    continue  # inside a compound only strong evidence counts ("left-hander" is fine)
                out.append(Finding(seg, s, e, v.kind, v.suggestion, v.severity, v.source))
        return out

    # -- in-article evidence -------------------------------------------------------------
    def _article_variants(self, caps: Counter[str], first: dict[str, int]) -> dict[str, tuple[str, str, int, Severity]]:
        """Minority spellings of a name the article spells another way more often.

        Candidates come from the transliteration-key groups (a dict), and, only for the few words
        no lexicon knows, from a length-blocked scan of the article's names with an early-exit
        one-edit test; so the cost grows with the number of names, not its square.
        """
        remembered, name_facts = self.names_known.get, self.name_facts
        facts = {w: remembered(w) or name_facts(w) for w in caps}  # (folded, transliteration key, known)
        # only keys two spellings share make groups (the rest are counted, in C)
        shared = {k for k, m in Counter([tkey for _, tkey, _ in facts.values()]).items() if m > 1}
        by_key: dict[str, list[str]] = {}
        for w in [w for w, fw in facts.items() if fw[1] in shared] if shared else ():
            by_key.setdefault(facts[w][1], []).append(w)
        by_initial: dict[str, list[tuple[str, str]]] | None = None  # built for the first unknown name
        # the article's much-used names: a known name used far less, a sure slip away, may be a slip of one
        # (by first and last letter: a sure slip here keeps both; "Cuba", "Cuban" and "Eric", "Erica" do not)
        often: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for u in [u for u, m in caps.items() if m >= OFTEN and len(u) >= 5]:
            fu = facts[u][0]
            often.setdefault((fu[:1], fu[-1:]), []).append((u, fu))
        out: dict[str, tuple[str, str, int, Severity]] = {}
        common = self.lex.common
        # a known name spelled one way, near none of the much-used ones, has nothing to be compared with
        todo = [w for w, (f, tkey, w_known) in facts.items()
                if not w_known or tkey in shared or (often and (f[:1], f[-1:]) in often)]
        for w in todo:
            n = caps[w]
            f, tkey, w_known = facts[w]
            group = by_key.get(tkey, (w,))
            near = often.get((f[:1], f[-1:])) if w_known and often else None
            # (nor a word: "Spin", "Spain")
            sure = [(u, fu, False) for u, fu in near if caps[u] >= OFTEN * n and abs(len(fu) - len(f)) <= 1
                    and damerau1(f, fu) and slip(f, fu) in SURE_SLIPS and not self.cases(f) & LOWER] if near else ()
            if len(w) < 4 or (w_known and len(group) == 1 and not sure) or f in self.accept or w in self.house:
                continue  # (a known name spelled one way: nothing to compare it with)
            # the same name in another transliteration; and, for a word nobody knows, one edit away
            pool = [(u, facts[u][0], True) for u in group if u != w]
            pool += sure  # ("Casino Royle" once against "Royale" four times: both are names)
            if not w_known:
                if by_initial is None:
                    by_initial = {}
                    for u, (fu, _, _) in facts.items():
                        if len(u) >= 3:
                            by_initial.setdefault(fu[:1], []).append((u, fu))
                # a name's first letter is typed deliberately: only names that share it are compared
                pool += [(u, fu, False) for u, fu in by_initial.get(f[:1], ())
                         if abs(len(fu) - len(f)) <= 1 and caps[u] >= n and damerau1(f, fu) and facts[u][1] != tkey]
            best = None
            for u, fu, same_name in pool:
                outnumbered = caps[u] < n
                if (outnumbered and not same_name) or u.casefold() == w.casefold() or (fu == f and not same_name) \
                        or fu in (f + "s", f + "es") or f in (fu + "s", fu + "es"):
                    continue
                if common.get(fu, 0) >= FUNCTION_WORD:
                    continue  # "The" at sentence starts is no name to measure "Thie" against
                u_known = facts[u][2]
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
                if not strong and w_known and not same_name and not any(u == v for v, _, _ in sure):
                    continue
                out[w] = ("variant" if same_name else "name", u, count, Severity.warning if strong else Severity.info)
        return out

    def _given_name(self, word: str) -> bool:
        """A capitalised word the dictionary knows only as a name ("Jeremy", not "Age" or "Globe")."""
        return word.istitle() and self.cases(word.casefold()) == CAPITAL



def analyse(doc: Document, lex: Lexicon, accept: frozenset[str],
            prefer: tuple[tuple[str, str], ...] = ()) -> list[Finding]:
    """The document's judged words, computed once per document, accept list and house forms."""
    return doc.layer.shared(("names", accept, prefer), lambda: Analysis(lex, accept, dict(prefer)).run(doc))
