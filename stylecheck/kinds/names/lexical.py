"""What the lexicon says about one word wherever it stands: a verdict with a suggestion, or nothing.

"Known" means in the curated dictionary (any case), the gazetteer, or the desk's vocabulary; a
word only the web has seen is judged like an unknown one, against far more frequent neighbours.
Candidates for an unknown word come from one edit (every one-edit string looked up) and, when
that finds nothing likely, two edits (the near-miss index, nearwords.py), from the desk's
vocabulary, and from splitting a run-together pair of words. They are ranked by how likely the
slip is (the typing channel, edits.channel) and how prominent the intended word is: for an
ordinary word its frequency; for a name, its frequency as a name (a place's tier, a dictionary
proper noun's frequency; a word that is mostly lowercase counts for much less), so "Berln" is
Berlin, not Bern, and "Mlan" Milan, not Man.

Severity follows the evidence: a listed misspelling, or a one-edit slip from a frequent word or a
prominent entity, is a warning; a capitalised unknown word near a word that is mostly lowercase is
a warning only for a strong typing slip ("Labuor") of a frequent word, otherwise at most info with
no suggestion, so a correct rare name is never "corrected" into a common word ("Orsted" is not
"Ousted").
"""
from __future__ import annotations

from typing import NamedTuple

from ...findings import Severity
from ...lexicon import CAPITAL, HOT_MIN, LOWER, MIXED, OTHER, Lexicon, fold
from ...text.words import match_case, strip_possessive
from .edits import NEAR_KEYS, VOWELS, channel, damerau1, translit_key, transliterated, typical_edits

STRONG, WEAK = 35, 25  # Zipf*10 a suggestion for an unknown lowercase word must reach (warning, info)
RARE_KNOWN = 20  # a word the web uses this often is no plain slip: it needs a far more frequent neighbour
RARE_GAP = 25  # how much more frequent (Zipf*10) that neighbour must be
RARE_SEARCH, RARE_NAME_SEARCH = 15, 12  # from these frequencies on, a word or name needs such a neighbour
WEB_NAME_KNOWN = 25  # a capitalised word the web uses this often is taken as a name, not searched
LISTED_MAX = 30  # a listed misspelling more frequent than this is also a word ("strat", "vas")
WEB_WORD_MAX = 35  # a lowercase word no dictionary holds is judged when the web uses it less than this
VERY_COMMON = 50  # a sentence-initial slip of a word this frequent ("Beflre") is strong evidence
NAME_STRONG = 31  # name score (frequency as a name + channel) a warning needs
NAME_WEAK = 22  # below this a capitalised word's neighbour is not worth mentioning
RARE_NAME_WEAK = 12  # the same for a doubled or swapped letter, the commonest slips of all
WORD_AS_NAME = 38  # a mostly-lowercase word a capitalised slip may be corrected to must be this frequent
# Zipf*10 taken off a word's frequency as a name: a word also written lowercase, one only written
# lowercase, a web word no dictionary holds (often a name, sometimes the web's own misspelling)
ALSO_NAME, ONLY_WORD, WEB_NAME = 10, 20, 4
ALSO_NAME_MAX = 38  # however frequent the word, as a name it counts for no more ("Man" against "Milan")
PLACE_Z = {3: 40, 2: 28}  # what a place counts for as a name at least, by gazetteer tier
FIRST_LETTER = 5  # first letters are rarely mistyped
RANDOM_LETTER = 4  # one consonant typed for an unrelated one (not a neighbouring key) in a name
RARE_NAME_MIN_LEN = 7  # names this long are also looked for among the web's rarer names (Zipf < 2)
WELL_KNOWN = 42  # a name this prominent (score) is worth suggesting for any one-letter slip ("Tokoyo")
NEIGHBOUR_KEY_Z = 35  # a name one neighbouring consonant away must be this frequent for a warning
TWO_EDITS = 8  # a two-edit slip is that much less likely than a one-edit one
TWO_EDITS_NAME = 12  # and for a name, where a rare real name is likelier than two slips
TWO_EDITS_NAME_MIN_LEN = 9  # names shorter than this are far likelier rare names than two slips
TWO_EDITS_NAME_Z = 43  # the least frequency at which a name two edits away scores NAME_STRONG (see _as_name)
TWO_EDITS_MIN_LEN = 7  # shorter words have too many neighbours two edits away (and foreign words: "llevar")
MAX_WORD = 40  # longer "words" (minified text, runs of letters) are never looked up
MAX_SEARCHES = 400  # near-miss searches per document; articles need a handful
MAX_TWO_EDIT_SEARCHES = 100  # NOTE(#3): a pasted blob or a word list is not prose: stop guessing, stay fast
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ness", "less", "ment", "ments", "ism", "ist", "ists",
             "like", "wide", "style")
_PREFIXES = ("un", "re", "non", "pre", "post", "over", "under", "anti", "counter", "co", "mis", "sub", "super", "multi",
             "inter", "mega", "mini", "micro", "out", "self", "ultra", "cyber")
# Short words a glued pair may start or end with, and the frequency a longer part needs.
GLUE_SHORT = 60
GLUE_PART = 38
GLUE_WEB_MAX = 35  # the web runs some pairs together often ("ofthe"); a word it uses more is a word


class Verdict(NamedTuple):
    """The lexicon's verdict on a word: kind ("word" or "name"), suggestion ("" for none), severity, source."""

    kind: str
    suggestion: str
    severity: Severity
    source: str  # "list", "lexicon" (a word), "name" (a name the lexicon knows), "place", "vocab", "glued", "case", "unknown"
    as_word: bool = False  # a name taken for a slip of an ordinary word: not when it ends a full name
    lone: bool = False  # weak evidence, worth a word only for a name used once (repeated, it is meant)


class Cand(NamedTuple):
    score: int
    z: int
    word: str
    source: str  # "lexicon" (a word), "name" (a name the lexicon knows), "place", "vocab"
    entity: bool  # a name (proper noun, place, the desk's name), not a word that is mostly lowercase
    bonus: int  # the typing channel's bonus (edits.channel; lower for two edits)


def _name_channel(low: str, cand: str) -> int:
    """The typing channel for a name, where some one-letter differences are other names, not slips.

    One consonant for an unrelated one, or y for i ("Milei", "Miley"), is a different name (-RANDOM_LETTER).
    """
    bonus = channel(low, cand)
    if len(low) == len(cand) + 1 and low[:-1] == cand and bonus < 4:
        return -RANDOM_LETTER  # a letter more at the end makes another name ("Milei", "Christyn")
    if len(low) == len(cand) and bonus in (0, 3):
        i = next(k for k, (a, b) in enumerate(zip(low, cand)) if a != b)
        if bonus == 0 or {low[i], cand[i]} == {"i", "y"}:
            return -RANDOM_LETTER
    return bonus


def _neighbour_key(low: str, cand: str) -> bool:
    """One consonant typed for its neighbour on the keyboard (same length, not a swap of two letters)."""
    if len(low) != len(cand):
        return False
    diff = [k for k, (a, b) in enumerate(zip(low, cand)) if a != b]
    return len(diff) == 1 and low[diff[0]] not in VOWELS and cand[diff[0]] not in VOWELS


def slip(typed: str, meant: str) -> str:
    """The kind of one-edit slip: "swap", "double", "drop", "insert", "vowel", "key" or "other"."""
    if len(typed) == len(meant):
        diff = [k for k, (a, b) in enumerate(zip(typed, meant)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return "swap"
        a, b = typed[diff[0]], meant[diff[0]]
        if a in VOWELS and b in VOWELS:
            return "vowel"
        return "key" if b in NEAR_KEYS.get(a, "") else "other"
    bonus = channel(typed, meant)
    if len(typed) > len(meant):
        return "double" if bonus == 4 else "insert"
    return "drop"


SURE_SLIPS = frozenset({"swap", "double", "drop"})


def _word_as_name(low: str, c: Cand) -> bool:
    """A capitalised unknown word that is a strong slip of a frequent ordinary word ("Labuor", "Contxt")."""
    if c.entity or len(low) < 5 or c.z < WORD_AS_NAME:
        return False
    kind = slip(low, c.word)
    return kind in ("swap", "double", "vowel") or (kind == "drop" and len(low) >= 6 and c.z >= WORD_AS_NAME + 7)


def _best(cands) -> Cand | None:
    """The best name candidate: a plausible name before any word, then by score, frequency, spelling."""
    best = None
    for c in cands:
        if c is not None and (best is None or _rank(c) > _rank(best)):
            best = c
    return best


def _rank(c: Cand) -> tuple:
    return (c.entity and c.score >= NAME_WEAK, c.score, c.z, c.word)


_SHARED: dict[tuple, tuple] = {}  # (id(lexicon), accept, names) -> (lexicon, facts, word candidates)
SHARED_MAX = 100_000  # words remembered per lexicon and vocabulary


def _shared(lex: Lexicon, accept: frozenset[str], names: frozenset[str]) -> tuple:
    """The process's memos for one lexicon and vocabulary: verdict facts, word candidates, dictionary cases,
    the triage of words as written, names' facts, the words the triage found plain, frequent words.

    Across the articles of a run a word is judged once, and the dictionary asked once per word. Pure
    memos (the values depend on nothing else); entries are only ever added, up to SHARED_MAX.
    """
    key = (id(lex), accept, names)
    memo = _SHARED.get(key)
    if memo is None or memo[0] is not lex:
        if len(_SHARED) >= 8:
            _SHARED.clear()
        memo = _SHARED[key] = (lex, {}, {}, {}, {}, {}, set(), {})
    return memo[1:]


class Judge:
    """Verdicts on single words from the lexicon and the desk's vocabulary, memoised per word."""

    def __init__(self, lex: Lexicon, accept: frozenset[str], names: frozenset[str]):
        self.lex = lex
        self.accept = accept  # folded
        self.names = {fold(n): n for n in names if len(n) >= 4}  # the desk's names: near misses are slips
        self._facts: dict[str, tuple | None] = {}
        self._word_memo: dict[str | tuple[str], Cand | None] = {}
        self._edit_memo: dict[str, tuple[set[str], set[str]]] = {}
        self._searches = [0, 0]  # one-edit and two-edit searches so far
        self._refused = False  # a search was refused (the document's budget ran out): share nothing more
        (self._shared_facts, self._shared_words, self._cases, self._triage, self._names,
         self.plain, self._frequent) = _shared(lex, accept, names)

    def cases(self, word: str) -> int:
        """lexicon.cases, remembered for the process (the same words come up in every article)."""
        found = self._cases.get(word)
        if found is None:
            found = self.lex.cases(word)
            if len(self._cases) < SHARED_MAX:
                self._cases[word] = found
        return found

    def triage(self, word: str) -> tuple[str | None, bool]:
        """(the name it counts for, or None; whether it is worth a verdict) for a word as written.

        What the lexicon alone says before any search, remembered for the process: most of an
        article's words were seen in earlier articles. Worth a verdict: a listed misspelling the
        web uses little, a web word no dictionary writes lowercase, any unknown lowercase word, an
        unknown capitalised word unless the dictionary or gazetteer knows it.
        """
        found = self._triage.get(word)
        if found is None:
            found = self._triage_word(word)
            if len(self._triage) < SHARED_MAX:
                self._triage[word] = found
                if found == (None, False):
                    self.plain.add(word)  # (callers skip these words with one set difference, in C)
        return found

    def plain_frequent(self, words) -> set[str]:
        """The frequent lowercase words among words (plain whatever else the lexicon says), recorded as plain.

        Most of an article's new words are such words: one dict lookup each, in one comprehension,
        instead of a triage each (a word at or above WEB_WORD_MAX is never worth a verdict).
        """
        hot = self.lex.common.hot
        found = {w for w in words if hot.get(w, 0) >= WEB_WORD_MAX}
        if found and len(self.plain) < SHARED_MAX:
            self.plain.update(found)
        return found

    def frequent(self, least: int) -> "_AtLeast":
        """The common words at least this frequent (at or above HOT_MIN: the lexicon's dict), for the process."""
        found = self._frequent.get(least)
        if found is None:
            if least < HOT_MIN:
                raise ValueError(f"the lexicon's dict holds the words from {HOT_MIN} on, not {least}")
            found = self._frequent[least] = _AtLeast(self.lex.common.hot, least)
        return found

    def name_facts(self, name: str) -> tuple[str, str, bool]:
        """(folded, transliteration key, known) for a capitalised word the article uses, remembered for the process.

        Known: the lexicon or gazetteer knows it well enough to be its own name.
        """
        found = self._names.get(name)
        if found is None:
            f = fold(name)
            # (the common words are those from RARE_KNOWN on: no need to ask the rare ones)
            found = self._name_fact(name, f, self.lex.common.get(f, 0))
        return found

    def _name_fact(self, name: str, f: str, z: int) -> tuple[str, str, bool]:
        found = (f, translit_key(name), z >= RARE_KNOWN or self.lex.place_tier(f) > 0)
        if len(self._names) < SHARED_MAX:
            self._names[name] = found
        return found

    def _triage_word(self, word: str) -> tuple[str | None, bool]:
        lex = self.lex
        common = lex.common
        z = None if word[:1].isupper() else common.get(word)  # (its keys are casefolded)
        if z is not None:  # in the frequency lexicon as written (so lowercase)
            if word in lex.listed and z <= LISTED_MAX:
                return None, True
            return None, word.islower() and z < WEB_WORD_MAX and not self.cases(word) & (LOWER | OTHER)
        if word.islower():
            return None, True
        base = strip_possessive(word)
        if base[:1].isupper() and not base.isupper():
            low = base.lower()
            z = common.get(low, 0)
            if base.isascii() and base not in self._names:  # its name facts, from the same lookup (fold: lower)
                self._name_fact(base, low, z)
            known = base[1:].islower() and z >= RARE_KNOWN and (self.cases(low) or lex.place_tier(fold(base)))
            return base, not known  # a known word is counted for the article's names, never judged itself
        return None, True

    # -- the verdict ------------------------------------------------------------------------
    def judge(self, word: str, initial: bool) -> Verdict | None:
        """The verdict on word at a position that does (initial) or does not open a sentence."""
        facts = self._facts.get(word, self)
        if facts is self:  # everything but the position is the same both times
            facts = self._shared_facts.get(word, self)
            if facts is self:
                facts = self._evidence(word)
                if not self._refused and len(self._shared_facts) < SHARED_MAX:
                    self._shared_facts[word] = facts
            self._facts[word] = facts
        if facts is None:
            return None
        if facts[0] == "fixed":
            return facts[1]
        return self._position(facts, initial)

    def _evidence(self, word: str) -> tuple | None:
        if len(word) < 3 or len(word) > MAX_WORD or word.isupper():
            return None
        if any(c.isupper() for c in word[1:]):
            v = self._case_slip(word)
            return None if v is None else ("fixed", v)
        f = fold(word)
        if f in self.accept:
            return None
        low = word.casefold().replace("\u2019", "'")
        capital = word[:1].isupper()
        lex = self.lex
        cases = self.cases(low)
        # a lowercase word is known when the dictionary writes it lowercase ("ballance" is only a surname)
        if (cases if capital else cases & (LOWER | OTHER)) or (capital and lex.place_tier(f)):
            if not capital or cases & LOWER or lex.place_tier(f) or lex.zipf10(low):
                return None
            # a name only the dictionary holds, never seen on the web ("Clunton"): in copy, far likelier
            # a slip of the famous name one letter away ("Clinton") than that hamlet: judged like an unknown one
        z = lex.zipf10(low)
        listed = lex.misspelling(low) if z <= LISTED_MAX else None
        if listed is not None:
            return ("fixed", self._listed(word, low, z, capital))
        if not low.isascii() or "'" in low or not low.isalpha():
            return None
        if capital:
            vocab = self._vocab_near(low)
            if vocab is not None:
                return ("name", word, low, z, vocab)
            if z >= WEB_NAME_KNOWN:
                return None  # a name the web knows well: far likelier right than a slip (and no search)
        if not self._may_search(1):
            return None
        if capital:
            return ("name", word, low, z, self._name_best(low))
        return ("word", word, low, z, self._word_best(low))

    def _position(self, facts: tuple, initial: bool) -> Verdict | None:
        what, word, low, z, best = facts
        if what == "word":
            return self._word_verdict(word, low, z, best)
        if initial:  # a sentence's first word may be an ordinary word, capitalised
            wbest = self._word_best(low, far=False)  # (a word two edits away would make no verdict)
            v = self._word_verdict(word, low, z, wbest)
            # the ordinary word, unless a name one edit away is as likely as a word two edits away
            name_first = best is not None and best.entity and best.bonus >= 0 and wbest is not None \
                and (wbest.bonus < 0 or best.score > wbest.score)
            if v is not None and not name_first and (v.severity is Severity.warning or best is None):
                return v
        return self._name_verdict(word, low, z, best)

    # -- ordinary words ---------------------------------------------------------------------
    def _word_verdict(self, word: str, low: str, z: int, best: Cand | None) -> Verdict | None:
        initial = word[:1].isupper()
        if initial and (z >= RARE_NAME_SEARCH or (best is not None and best.bonus < 0)):
            return None  # a capitalised word the web knows is a name; one two edits from a word is likelier a name
        if z >= RARE_SEARCH:  # seen on the web: a slip only against a far more frequent word
            # the web's own run-together pairs are of two very common words ("ofthe"; not "workrate")
            glued = self._glued(low, GLUE_SHORT) if not initial and z < GLUE_WEB_MAX and not self._inflected(low) else None
            if glued:
                return Verdict("word", glued, Severity.warning, "glued")
            if best is None or best.z - z < RARE_GAP or best.bonus < 3 or self._inflected(low) \
                    or best.bonus < 0 or slip(low, best.word) not in SURE_SLIPS:
                return None  # another vowel or key in a word the web uses may be another word ("namo")
            sev = Severity.warning if best.z >= 45 and z < RARE_KNOWN + 10 else Severity.info
            return Verdict("word", match_case(best.word, word), sev, "lexicon")
        glued = self._glued(low) if not initial and z < GLUE_WEB_MAX and not self._inflected(low) else None
        if best is None or best.z < WEAK:
            if glued:
                return Verdict("word", match_case(glued, word), Severity.warning, "glued")
            if initial or z > 0 or len(low) < 5 or self._inflected(low):
                return None
            return Verdict("word", "", Severity.info, "unknown")
        if glued and (best.bonus < 3 or best.score < STRONG + 4):  # "acrowd": "a crowd", not "crowd"
            return Verdict("word", match_case(glued, word), Severity.warning, "glued")
        if initial:
            strong = best.z >= VERY_COMMON and best.bonus >= 3
        else:
            strong = best.z >= STRONG and not self._inflected(low)
        return Verdict("word", match_case(best.word, word), Severity.warning if strong else Severity.info, best.source)

    def _word_best(self, low: str, far: bool = True) -> Cand | None:
        """The likeliest intended ordinary word: frequency plus the channel bonus (memoised).

        far=False: one edit only. A capitalised word at a sentence start is never taken for a word
        two edits away (a name is likelier), so its search stops there.
        """
        key = low if far else (low,)
        if key not in self._word_memo:
            found = self._shared_words.get(key, self)
            if found is self:
                found = self._search_word(low, far)
                if not self._refused and len(self._shared_words) < SHARED_MAX:
                    self._shared_words[key] = found
            self._word_memo[key] = found
        return self._word_memo[key]

    def _search_word(self, low: str, far: bool) -> Cand | None:
        def score(cand: str, z: int, bonus: int) -> Cand:
            s = z + bonus - (FIRST_LETTER if cand[:1] != low[:1] else 0)
            return Cand(s, z, cand, "lexicon", False, bonus)

        lex = self.lex
        best = None
        for cand in self._one_edit(low)[0]:
            if not self.cases(cand) & LOWER or lex.misspelling(cand) is not None:
                continue  # only dictionary words, never the web's frequent misspellings ("definetly")
            c = score(cand, lex.common.get(cand), channel(low, cand))
            if best is None or (c.score, c.word) > (best.score, best.word):
                best = c
        if best is None and far and len(low) >= TWO_EDITS_MIN_LEN and not lex.zipf10(low) and not self._compound(low) \
                and self._may_search(2):  # (a word the web uses is no double slip)
            for cand, dist in lex.near.near(low, among=self.frequent(STRONG)):
                if dist != 2 or not self.cases(cand) & LOWER or lex.misspelling(cand) is not None:
                    continue
                c = score(cand, lex.common.get(cand, 0), -TWO_EDITS)
                if c.z >= STRONG and (best is None or (c.score, c.word) > (best.score, best.word)):
                    best = c
        return best

    def _glued(self, low: str, part: int = GLUE_PART) -> str | None:
        """"agencysaid" -> "agency said": two known words run together, each frequent enough (part)."""
        common, best = self.lex.common, None
        for i in range(1, len(low)):
            a, b = low[:i], low[i:]
            za, zb = common.get(a, 0), common.get(b, 0)
            if za < (GLUE_SHORT if len(a) <= 2 else part) or zb < (GLUE_SHORT if len(b) <= 2 else part):
                continue
            if not ((a in ("a", "i") or self.cases(a) & LOWER) and self.cases(b) & LOWER):
                continue  # (the dictionary holds no one-letter words)
            if (len(a) == 1 and a not in ("a", "i")) or max(za, zb) < GLUE_SHORT:
                continue  # run-together slips hold a very common word ("agencysaid"); compounds need not
            if best is None or min(za, zb) > best[0]:
                best = (min(za, zb), f"{a} {b}")
        return best[1] if best else None

    def _one_edit(self, low: str) -> tuple[set[str], set[str]]:
        """(frequent words, big places) one edit from low: looked up once per word, for word and name alike."""
        found = self._edit_memo.get(low)
        if found is None:
            hits = set(self.lex.one.within_one(low))  # the index, not the ~500 one-edit strings
            places = self.lex.places
            found = self._edit_memo[low] = (self.lex.common.present(hits), {c for c in hits if c in places})
        return found

    def _compound(self, low: str) -> bool:
        """Two dictionary words written as one ("passcard"): a compound, not two slips of another word."""
        common, cases = self.lex.common, self.lex.cases
        return any(common.get(low[:i], 0) >= GLUE_PART and common.get(low[i:], 0) >= GLUE_PART
                   and cases(low[:i]) & LOWER and cases(low[i:]) & LOWER for i in range(3, len(low) - 2))

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

    # -- names ------------------------------------------------------------------------------
    def _name_verdict(self, word: str, low: str, z: int, best: Cand | None) -> Verdict | None:
        # a doubled or swapped letter, the commonest slips, is worth mentioning for a rarer name; so is
        # another vowel, for a word the web has never seen ("Grijilva")
        if best is None or best.score < (NAME_WEAK if best.bonus < 4 else RARE_NAME_WEAK):
            return None
        sug = match_case(best.word, word) if best.source != "vocab" else self.names[best.word]
        if z >= RARE_NAME_SEARCH:  # a name the web knows a little: only a far more prominent one outweighs it
            if best.entity and slip(low, best.word) in SURE_SLIPS and best.score - z >= RARE_GAP - 10:
                # far more prominent: a warning; more prominent, a dropped, doubled or swapped letter: info, used once
                if best.score - z >= RARE_GAP:
                    return Verdict("name", sug, Severity.warning, best.source)
                if len(low) >= RARE_NAME_MIN_LEN - 1:  # (short names have many real neighbours: "Hasen", "Hansen")
                    return Verdict("name", sug, Severity.info, best.source, lone=True)
            return None
        if best.entity:
            # one consonant for an unrelated one is a different name, not a slip; so, for a name that
            # is not well known, is a neighbouring consonant ("Orsted"/"Ofsted")
            typical = (best.bonus >= 3 or best.score >= WELL_KNOWN) and not (_neighbour_key(low, best.word) and best.z < NEIGHBOUR_KEY_Z)
            # names of one family differ by a vowel, a neighbouring letter or one letter more (Backley,
            # Buckley; Hugues, Hughes; Woest, West): only a swapped, doubled or dropped letter is a sure slip
            sure = slip(low, best.word) in SURE_SLIPS
            strong = best.score >= NAME_STRONG and len(low) >= 4 and sure
            if best.source == "vocab" or strong:
                return Verdict("name", sug, Severity.warning, best.source)
            # a lesser-known name: worth a look for a typical slip; otherwise a rare name near another
            # is far likelier right than wrong (on real copy such infos were all correct names): silent.
            # A word the web has never seen, a sure slip from a name it knows or another vowel in a
            # rarer one, is worth a look too, used once: repeated, on real copy it was a correct name
            if typical and best.score >= (NAME_WEAK if best.bonus < 4 else RARE_NAME_WEAK):
                return Verdict("name", sug, Severity.info, best.source)
            return Verdict("name", sug, Severity.info, best.source, lone=True) if typical or (sure and z == 0) else None
        # a word that is mostly lowercase: only a strong typing slip of a frequent word, unseen on the web
        if z == 0 and _word_as_name(low, best):
            return Verdict("name", sug, Severity.warning, best.source, True)
        return None

    def _name_best(self, low: str) -> Cand | None:
        """The likeliest intended name: its prominence as a name plus the channel bonus."""
        lex = self.lex
        common_hits, place_hits = self._one_edit(low)
        hits = common_hits | place_hits
        cands = [c for c in (self._as_name(low, cand, _name_channel(low, cand)) for cand in hits) if c is not None]
        best = _best(cands)
        if (best is None or best.score < NAME_WEAK) and len(low) >= RARE_NAME_MIN_LEN:
            # a rarer name the web knows ("Grijalva", "Dallaglio"), by a typical slip only: at most info
            rare = lex.rare.holding([c for c in typical_edits(low) if c[:1] == low[:1]])
            cands += [c for c in (self._as_name(low, cand, _name_channel(low, cand)) for cand in rare) if c is not None]
            best = _best(cands)
        if best is None and len(low) >= TWO_EDITS_NAME_MIN_LEN and not lex.zipf10(low) and self._may_search(2):
            # two edits away only when one edit finds nothing at all
            # (only a name at least TWO_EDITS_NAME_Z frequent can reach NAME_STRONG from two edits away)
            near = _best(self._as_name(low, cand, -TWO_EDITS_NAME)
                         for cand, dist in lex.near.near(low, among=self.frequent(TWO_EDITS_NAME_Z)) if dist == 2)
            if near is not None and near.entity and near.score >= NAME_STRONG:
                best = near
        if best is not None and best.entity and best.score < NAME_STRONG:
            # a lesser-known name, or a frequent word capitalised in a name ("Casnio" -> "Casino")?
            word = _best(c for c in cands if not c.entity)
            if word is not None and _word_as_name(low, word):
                best = word
        return best

    def _vocab_near(self, low: str) -> Cand | None:
        """A name of the desk's one edit away: the house spelling was meant ("Kowalcyzk")."""
        for name in self.names:
            if abs(len(name) - len(low)) <= 1 and name[:1] == low[:1] and damerau1(low, name):
                return Cand(45 + channel(low, name), 45, name, "vocab", True, channel(low, name))
        return None

    def _as_name(self, low: str, cand: str, bonus: int) -> Cand | None:
        """A candidate scored as a name, or None when it cannot be the name meant."""
        lex = self.lex
        if cand[:1] != low[:1] or (low == cand + "s" and cand[-1:] != "s") or lex.misspelling(cand) is not None:
            return None  # a name's capital is typed deliberately; "the Capellas" is a family
        if translit_key(cand) == translit_key(low) and transliterated(low, cand):
            return None  # another transliteration of the same name ("Zelenskyy", "Zelensky"): a variant, not a slip
        z = lex.common.get(cand, 0) or lex.rare.get(cand)
        cases, tier = self.cases(cand), lex.places.get(cand, 0)
        # its frequency as a name: a word mostly written lowercase ("man") is rarely the name meant
        name_z = z if not cases & LOWER else min(z - ALSO_NAME, ALSO_NAME_MAX)
        if tier in PLACE_Z:
            return Cand(max(PLACE_Z[tier], name_z) + bonus, z, cand, "place", True, bonus)
        if not z:
            return None
        if not cases:  # a name the web knows and no dictionary holds ("Trayvon", "Soundcloud")
            return Cand(z - WEB_NAME + bonus, z, cand, "name", True, bonus)
        if cases & (CAPITAL | MIXED) or (cases & OTHER and not cases & LOWER):
            return Cand(name_z + bonus, z, cand, "name", True, bonus)
        # a word written lowercase, or lowercase and as an acronym ("era", "ERA"): a word, not a name
        return Cand(z - ONLY_WORD + bonus, z, cand, "lexicon", False, bonus)

    # -- listed misspellings and case slips -------------------------------------------------
    def _listed(self, word: str, low: str, z: int, capital: bool) -> Verdict:
        sug = self._correction(low)
        if capital:
            s = fold(sug)
            cases = self.cases(s)
            entity = self.lex.places.get(s, 0) > 0 or bool(cases & (CAPITAL | OTHER) and not cases & LOWER)
            # a capitalised listed misspelling of an ordinary word may be a name ("Holliday", "Sammon"), and
            # one the web uses about as often as the name it misses may be a name too ("Deutch"): only info
            sev = Severity.warning if entity and (z == 0 or self.lex.zipf10(s) - z >= RARE_GAP - 5) else Severity.info
            kind = "name" if entity else "word"
            return Verdict(kind, match_case(sug, word), sev, "list")
        return Verdict("word", match_case(sug, word), Severity.warning, "list")

    def _correction(self, low: str) -> str:
        """The list's first correction, following a chain when that is itself listed."""
        sug = low
        for _ in range(3):
            sug = self.lex.misspelling(sug).split(",")[0].strip()
            if self.lex.misspelling(sug.casefold()) is None:
                break
        return sug

    def _case_slip(self, word: str) -> Verdict | None:
        """"WIldcats", "THe": a known word with its second letter capitalised by a slow shift key."""
        if not (word[:2].isupper() and word[2:].islower()) or word[2:] in ("s", "es") or len(word) < 3:
            return None
        low = word.casefold()
        cases = self.cases(low)
        if not cases & (LOWER | CAPITAL) or self.lex.zipf10(low) < 30:
            return None
        fixed = word[0] + word[1:].lower()
        kind = "name" if cases & CAPITAL and not cases & LOWER else "word"
        return Verdict(kind, fixed, Severity.warning, "case")

    def _may_search(self, edits: int) -> bool:
        """False once a document has had MAX_SEARCHES searches (not prose: stop guessing, stay fast)."""
        self._searches[edits - 1] += 1
        ok = self._searches[edits - 1] <= (MAX_SEARCHES if edits == 1 else MAX_TWO_EDIT_SEARCHES)
        self._refused = self._refused or not ok
        return ok


class _AtLeast:
    """The words of a frequency dict at or above a threshold, as a container: `in` asks the dict.
    A frozenset of them cost ~1.5 ms to build per run, for the few near-miss candidates tested."""

    __slots__ = ("_get", "_least")

    def __init__(self, hot: dict[str, int], least: int):
        self._get = hot.get
        self._least = least

    def __contains__(self, word: str) -> bool:
        return self._get(word, 0) >= self._least
