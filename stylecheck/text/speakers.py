"""Who said this? Every quotation of an article with its speaker, found in one pass over the whole article.

News copy does not tie each quotation to a speaker inside its own sentence. An editor reads the
article in order and knows who is talking from what came before, and so does this pass. A
quotation's speaker is known (`Quotation.how`, best evidence first):

- `clause`: a reporting verb or cue in its own sentence, or the sentence before or after it in the
  same paragraph ("…," she said / according to X / in X's view); a run of quoted sentences is one passage;
- `colon`: the sentence or paragraph before hands over to it ("The minister was blunt: "…"");
- `set-off`: a speaker clause set off by punctuation (`"…," smiles one broker`, `Smith: "…"`);
- `tag`, `credit`, `signature`: a source tag after it ("[Reuters]", "[Ana Ruiz, Herald]" ending the
  item), a credit line under a pull quote ("…⏎Ana Ruiz, Citizens for Change."), a signature
  paragraph ("— Ana Ruiz");
- `carried`: it carries on the previous paragraph's open quotation;
- `earlier`: a speaker named earlier in the same paragraph, with narrative between;
- `continuation`: it opens a paragraph that follows a paragraph ending in attributed speech (the
  speaker keeps the floor through quote-only paragraphs until narrative or another speaker comes);
- `dialogue`: the same, but two people named as speakers trade quotes in the two paragraphs before,
  so the speaker (the last one) is a guess;
- `document`: the paragraph before introduces the statement, letter or post it gives ("The club put
  out a statement of regret.");
- `introduced`: the paragraph before names someone speaking but quotes nothing whole ("Asked about
  the bridge, the engineer shook her head.", "Sanders said the deal fell short.");
- `repeat`: its words appear elsewhere in the article (a pull quote of the article's own text or of
  an attributed quotation);
- `""`: nobody.

The speaker is a name as written ("Ana Ruiz", "the DNC" → "DNC"), a pronoun resolved to the last
person named before it, or None. Quotations that are not speech (a title, a nickname, a scare-quoted
term, a stray opening mark) and partial quotes inside a clause are kept with their `kind`, so a rule
can ask about any quotation. What one quotation is and the marks around it (speech.py) are read here
in the order above; this module adds what only the whole article shows. The cue words are data
(wordlists.txt); a desk's extra cues give a model of their own (`TextLayer.quotations(extra)`).
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import NamedTuple

import regex

from ..document import Quote, Segment
from ..patterns import compile_regex
from .names import ALL_SPEECH_VERBS, CUES, NAME, cue_mentions, speaker_after, speaker_apposed, speaker_before, speaker_key
from .prose import Prose, Terms, sentence_range
from .speech import (CAPITAL_RUN, carried_on, credit_line, is_embedded, is_speech, named_run, neighbour_text,
                     passages, quote_words, run_set_off, signature, source_tag)
from .wordlists import words
from .words import WORD_OR_NUMBER, starts_clause

# How a speaker is known, strongest first ("" when it is not). AT101 grades "continuation", "dialogue" and
# "introduced" by its options.
HOW = ("clause", "colon", "set-off", "tag", "credit", "signature", "carried", "earlier", "continuation",
       "dialogue", "document", "introduced", "repeat", "")
_CUES_LOWER: dict[str, tuple[str, ...]] = {}  # a title or reporting verb, lowercased -> as the names module spells it
for _cue in sorted(CUES):
    _CUES_LOWER[_cue.casefold()] = _CUES_LOWER.get(_cue.casefold(), ()) + (_cue,)
_LOOK_BACK = 6  # paragraphs a pronoun looks back for its person
_MAX_COPIES = 6  # a word trigram found in more places than this is a stock phrase, not a copied quotation

_INNER_CAPITAL = compile_regex(r"\S\s+\p{Lu}", regex.V1)  # a capitalised word that does not start the sentence
_PRONOUN = compile_regex(r"(?<!['\u2019\w])([Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)\s+(?:\p{Ll}+ly\s+)?$", regex.V1)
_PERSON_PRONOUN = compile_regex(r"(?<![\w'\u2019])(?:he|she|He|She)(?![\w'\u2019])")
CAPITAL_RUN = compile_regex(NAME, regex.V1)
_VERBS = frozenset(ALL_SPEECH_VERBS)
_ADDRESSEE_AFTER = frozenset(("told", "tells", "tell", "asked", "asks", "ask", "telling", "asking"))  # "told Smith": Smith listens
# A full name as a sentence's subject ("Ana Okafor expects delays", "But Ana Okafor expects") or in
# apposition ("His friend, Ana Okafor, blames the war").
_SUBJECT_NAME = compile_regex(
    r"(?:(?:But|And|So|Then|Now|Still|Yet)\s+)?(\p{Lu}\p{Ll}+\s+(?:\p{Lu}\.\s+)?\p{Lu}\p{Ll}[\p{L}-]*(?:['\u2019]\p{Lu}\p{L}*)?)"
    r"\s+\p{Ll}", regex.V1)  # not "Eric Trump's comments": his comments are the subject
_LEADING_NAME = compile_regex(r"(\p{Lu}\p{Ll}+\s+(?:\p{Lu}\.\s+)?\p{Lu}\p{Ll}[\p{L}'\u2019-]*),", regex.V1)  # "Ines Varga, the…"
_APPOSED_NAME = compile_regex(r",\s+(\p{Lu}\p{Ll}+\s+(?:\p{Lu}\.\s+)?\p{Lu}\p{Ll}[\p{L}'\u2019-]*),", regex.V1)


@lru_cache(maxsize=1)
def _view_pattern() -> regex.Pattern:
    nouns = "|".join(sorted(words("view_nouns")))
    return compile_regex(
        rf"\b(?:in|by)\s+(?:({NAME})['\u2019]s?|his|her|their|its)\s+(?:own\s+)?(?:{nouns})\b", regex.V1)


@lru_cache(maxsize=1)
def _documents() -> tuple[Terms, Terms]:
    """(the document nouns, the verbs that issue one): wordlists.txt."""
    return Terms(words("document_nouns")), Terms([w.replace("_", " ") for w in words("document_verbs")])


@lru_cache(maxsize=8)
def cue_terms(extra: tuple[str, ...] = ()) -> Terms:
    """The reporting verbs and cue phrases (wordlists.txt), plus a desk's own: compiled once per list."""
    base = [w.replace("_", " ") for w in words("speech_cues")]
    return Terms([*ALL_SPEECH_VERBS, *base, *extra])


class Quotation(NamedTuple):
    """One quotation of the article and what the pass knows about its speaker."""

    seg: int  # segment index
    quote: Quote
    kind: str  # "speech", "partial" (inside a clause), "term" (title, nickname, scare quote), "stray" (never closed)
    how: str  # one of HOW ("" when nobody is known to speak it)
    speaker: str | None


class _Pass:
    """The state of one walk through an article: quotations so far and the speaker holding the floor.

    Every lookup is built once per segment or per document and then indexed, so an article with
    thousands of quotations in one paragraph stays linear.
    """

    def __init__(self, doc, cues: Terms):
        self.doc, self.segs, self.cues = doc, doc.segments, cues
        self.info: list[Prose] = doc.layer.prose()
        self.out: list[Quotation] = []
        # (segment, paragraph) -> the attributed speech that ends that paragraph (its speaker has the floor)
        self.ends: dict[tuple[int, int], Quotation] = {}
        self.last_named: tuple[int, int, str] | None = None  # the last speaker a cue named: (segment, offset, name)
        self._cues: dict[int, tuple[list, list[int]]] = {}
        self._bounds: dict[int, dict[int, tuple[int, int]]] = {}
        self._voices: dict[tuple[int, int], set[str]] = {}
        self._named: tuple[list[tuple[int, int]], list[str]] | None = None
        self._names: dict[int, list[tuple[int, str]]] = {}
        self._speakers: dict[tuple[int, int, bool], str | None] = {}
        self._people: frozenset[str] | None = None
        self._grams: dict[int, dict] = {}
        self._folded: dict[int, str] = {}
        self._at: dict[tuple[int, int], Quotation] = {}
        self._starts: dict[int, list[int]] = {}
        self._cue_at = -1  # where the cue that tagged the quotation being classified starts
        self._set_offs: dict[tuple[int, int], str | None] = {}  # the current segment's runs set off by a tag
        self._embedded: list[bool] = []  # the current segment's quotations that sit inside a clause

    # -- lookups built on first use ---------------------------------------------------------
    def cue_matches(self, k: int) -> tuple[list, list[int]]:
        """Every cue of segment k (outside quotations) and where each starts: found once per segment."""
        found = self._cues.get(k)
        if found is None:
            masked = self.info[k].masked
            # a capitalised cue inside a name ("the United States", "the Post") is no cue
            cues = [m for m in self.cues.finditer(self.info[k])
                    if not m.group()[:1].isupper() or starts_clause(masked, m.start())]
            found = self._cues[k] = (cues, [m.start() for m in cues])
        return found

    def bounds(self, k: int) -> dict[int, tuple[int, int]]:
        """Paragraph number -> (first, last) sentence index, for segment k."""
        found = self._bounds.get(k)
        if found is None:
            found = {}
            for i, p in enumerate(self.info[k].paras):
                found[p] = (found.get(p, (i, i))[0], i)
            self._bounds[k] = found
        return found

    def named(self) -> tuple[list[tuple[int, int]], list[str]]:
        """People named next to a title or a reporting verb outside quotations, in reading order."""
        if self._named is None:
            found = sorted((si, s, " ".join(ws)) for si, seg, s, e, ws, _ in self.doc.layer.mentions()
                           if not seg.in_quote(s, e))
            self._named = ([(si, s) for si, s, _ in found], [n for _, _, n in found])
        return self._named

    def people(self) -> frozenset[str]:
        """The surnames of the people the article names next to a title or a reporting verb."""
        if self._people is None:
            self._people = frozenset(filter(None, map(speaker_key, self.named()[1])))
        return self._people

    def resolve(self, k: int, pos: int) -> str | None:
        """The person a pronoun at (k, pos) stands for: the last one named before it, by a quotation's
        tag or next to a title or reporting verb outside quotations, looking back a few paragraphs."""
        last = self.last_named  # the latest quotation tag that named someone: (segment, offset, name)
        for kk in range(k, max(-1, k - _LOOK_BACK), -1):
            best = None
            for off, name in reversed(self.names_in(kk)):
                if kk < k or off < pos:
                    best = (off, name)
                    break
            if last is not None and last[0] == kk and (kk < k or last[1] < pos) and (best is None or last[1] > best[0]):
                return last[2]
            if best is not None:
                return best[1]
        return last[2] if last is not None and (last[0], last[1]) < (k, pos) else None

    def names_in(self, k: int) -> list[tuple[int, str]]:
        """(offset, name) of the people named next to a title or a reporting verb in segment k, outside quotations."""
        found = self._names.get(k)
        if found is None:
            seg = self.segs[k]
            cues = [c for w in self.info[k].words & _CUES_LOWER.keys() for c in _CUES_LOWER[w]]
            found = self._names[k] = sorted(
                (s, " ".join(ws)) for s, e, ws, _ in cue_mentions(seg.text, tuple(sorted(cues)))
                if not seg.in_quote(s, e)) if cues else []
        return found

    # -- the walk ----------------------------------------------------------------------------
    def run(self) -> list[Quotation]:
        for k, seg in enumerate(self.segs):
            if seg.quotes:
                self.segment(k, seg)
        # A pull quote may stand before the text it repeats: repeats are read once every quotation is known.
        for i, qt in enumerate(self.out):
            if qt.kind == "speech" and qt.how in ("", "dialogue", "introduced"):
                found = self.repeat(qt.seg, self.segs[qt.seg], qt.quote)
                if found is not None:
                    self.out[i] = qt._replace(how="repeat", speaker=found or None)
        return self.out

    def segment(self, k: int, seg: Segment) -> None:
        prose = self.info[k]
        sents, paras = prose.sents, prose.paras
        if not sents:
            return
        ranges = [sentence_range(sents, q.start, q.end) for q in seg.quotes]
        speech = [is_speech(seg, q) for q in seg.quotes]
        self._embedded = [sp and is_embedded(seg, prose.masked, sents[r[0]][0], q)
                          for q, r, sp in zip(seg.quotes, ranges, speech)]
        quoted = [False] * len(sents)  # sentences that carry speech (a term or a partial quote does not make a passage)
        for q, (first, last), sp, emb in zip(seg.quotes, ranges, speech, self._embedded):
            if q.continues or (sp and not emb):
                for i in range(first, last + 1):
                    quoted[i] = True
        run_start, run_end = passages(quoted, paras)
        bounds = self.bounds(k)
        self._set_offs = {}  # once per run of quoted sentences, when asked
        for qi, q in enumerate(seg.quotes):
            first, last = ranges[qi]
            a, b = run_start[first], run_end[last]
            self._cue_at = -1
            kind, how, speaker = self.classify(k, seg, prose, qi, q, ranges, a, b, speech[qi])
            found = Quotation(k, q, kind, how, speaker)
            self.out.append(found)
            self._at[(k, q.start)] = found
            if speaker and how in ("clause", "set-off", "colon"):
                self.last_named = (k, q.start, speaker)
            if kind == "speech" and how and how not in ("introduced", "repeat"):
                end = bounds[paras[last]][1]
                # the paragraph ends with the quotation, or with the sentence that tags it ("…" She said it twice.)
                if b >= end or (b + 1 == end and self._cue_at >= sents[end][0]):
                    self.ends[(k, paras[last])] = found

    def classify(self, k: int, seg: Segment, prose: Prose, qi: int, q: Quote, ranges, a: int, b: int, speech: bool):
        """(kind, how, speaker) of quotation qi of segment k; a..b is its run of quoted sentences."""
        sents, paras, masked = prose.sents, prose.paras, prose.masked
        first, last = ranges[qi]
        if q.continues:
            opened = self.out[-1] if self.out and not self.out[-1].quote.closed else None
            kind = opened.kind if opened else ("speech" if is_speech(seg, q) else "term")
            return kind, "carried", opened.speaker if opened else None
        if not q.closed and not carried_on(self.segs, k, qi):
            return "stray", "", None
        if not speech:
            return "term", "", None
        kind = "partial" if self._embedded[qi] else "speech"
        # 1. a cue in the run of quoted sentences or a sentence beside it, inside the paragraph
        lo = sents[a - 1][0] if a > 0 and paras[a - 1] == paras[a] else sents[a][0]
        hi = sents[b + 1][1] if b + 1 < len(sents) and paras[b + 1] == paras[b] else sents[b][1]
        cue = self.cue_in(k, lo, hi, sents[first][0], sents[last][1])
        if cue is not None:
            self._cue_at = cue.start()
            return kind, "clause", self.cue_speaker(k, prose, cue)
        view = _view_pattern().search(masked, sents[first][0], sents[last][1])
        if view:
            return kind, "clause", view.group(1) or self.resolve(k, view.start())
        if kind == "partial":
            return kind, "", None
        # 2. punctuation and layout that name the speaker
        starts_para = a == 0 or paras[a - 1] != paras[a]
        if starts_para:
            intro = self.introduced_by_colon(k, a)
            if intro is not None:
                return kind, "colon", intro or None
        if (a, b) not in self._set_offs:
            self._set_offs[(a, b)] = run_set_off(seg, masked, sents, ranges, qi, a, b)
        set_off = self._set_offs[(a, b)]
        if set_off is not None:
            return kind, "set-off", set_off or None
        first_of_para, last_of_para = self.bounds(k)[paras[b]]
        tag = source_tag(seg, q, sents[last_of_para][1])
        if tag:
            return kind, "tag", tag
        credit = credit_line(seg, q)
        if credit:
            return kind, "credit", credit
        dash = signature(seg.text, q.end)  # "…" — William Faulkner
        if dash:
            return kind, "signature", dash
        if b == last_of_para:
            signed = self.signed(k, b)
            if signed:
                return kind, "signature", signed
        # 3. the article around it
        if not starts_para:
            earlier = self.earlier(k, prose, a)
            if earlier is not None:
                return kind, "earlier", earlier or None
        elif not masked[sents[a][0]:q.start].strip():
            prev = self.previous_paragraph(k, paras[a])
            if prev is not None:
                floor = self.ends.get(prev)
                if floor is not None:
                    if floor.how == "dialogue" or self.dialogue(prev):
                        return kind, "dialogue", floor.speaker
                    return kind, "continuation", floor.speaker
                intro = self.introduced(prev)
                if intro is not None:
                    return kind, ("document" if self.document(prev) else "introduced"), intro or None
        return kind, "", None

    # -- evidence ----------------------------------------------------------------------------
    def cue_in(self, k: int, lo: int, hi: int, own_lo: int, own_hi: int):
        """The cue in [lo, hi), one inside the quotation's own sentences [own_lo, own_hi) first."""
        cues, starts = self.cue_matches(k)
        i = bisect.bisect_left(starts, lo)
        best = None
        while i < len(cues) and starts[i] < hi:
            if own_lo <= starts[i] < own_hi:
                return cues[i]
            best = best or cues[i]
            i += 1
        return best

    def cue_speaker(self, k: int, prose: Prose, cue, pronouns: bool = True) -> str | None:
        """The speaker of a cue: the name before or after it, or (with `pronouns`) a pronoun's person.

        Remembered per cue: the quotations of one passage and the paragraph checks share their cue.
        """
        key = (k, cue.start(), pronouns)
        try:
            return self._speakers[key]
        except KeyError:
            found = self._speakers[key] = self._cue_speaker(k, prose, cue, pronouns)
            return found

    def _cue_speaker(self, k: int, prose: Prose, cue, pronouns: bool) -> str | None:
        sents = prose.sents
        i, _ = sentence_range(sents, cue.start(), cue.end())
        lo, hi = sents[i]
        masked = prose.masked
        word = cue.group().casefold()
        if word not in _VERBS:  # "according to X"; a noun or phrase ("in a statement") names nobody next to it
            return speaker_after(masked, cue.end(), hi) if word.startswith("according") else None
        name = speaker_before(masked, lo, cue.start()) or speaker_apposed(masked, lo, cue.start())
        if not name and word not in _ADDRESSEE_AFTER:
            name = speaker_after(masked, cue.end(), hi)
        if name or not pronouns:
            return name
        p = _PRONOUN.search(masked, max(lo, cue.start() - 24), cue.start())
        if p and p.group(1).casefold() in ("he", "she"):
            return self.resolve_near(k, prose, i, p.start())
        return None

    def resolve_near(self, k: int, prose: Prose, i: int, pos: int) -> str | None:
        """The person a pronoun in sentence i of segment k stands for: a full name in that sentence or
        the one before ("Ines Varga, the secretary, spoke first. "…," she said"), else the last named."""
        sents, masked = prose.sents, prose.masked
        for j in (i, i - 1):
            if j < 0 or (j < i and prose.paras[j] != prose.paras[i]):
                break
            s, e = sents[j][0], min(sents[j][1], pos)
            m = _SUBJECT_NAME.match(masked, s, e) or _APPOSED_NAME.search(masked, s, e) or _LEADING_NAME.match(masked, s, e)
            if m:
                return m.group(1)
        return self.resolve(k, pos)

    def introduced_by_colon(self, k: int, a: int) -> str | None:
        """The sentence or paragraph before hands over to this one: "The mayor said:" / "Rep. Ana Ortiz:".

        Returns the speaker ("" when unnamed) or None when nothing hands over.
        """
        prose = self.info[k]
        if a > 0:
            kk = k
            s, e = prose.sents[a - 1]
        elif k > 0 and self.info[k - 1].sents:
            kk = k - 1
            prose = self.info[kk]
            s, e = prose.sents[-1]
        else:
            return None
        if not self.segs[kk].text[s:e].rstrip().endswith((":", ",", "\u2014")):
            return None
        cue = self.cue_in(kk, s, e, s, e)
        if cue is not None:
            return self.cue_speaker(kk, prose, cue) or ""
        if _INNER_CAPITAL.search(prose.masked, s, e) is None:
            return None
        names = [n for n in CAPITAL_RUN.findall(prose.masked, s, e) if named_run(n)]
        return names[-1] if names else ""

    def signed(self, k: int, b: int) -> str | None:
        """The next paragraph is a signature line naming the speaker: "— Ana Ruiz, mayor"."""
        nb = neighbour_text(self.segs, self.info, k, b, 1)
        return signature(nb, 0) if nb is not None else None

    def earlier(self, k: int, prose: Prose, a: int) -> str | None:
        """A speaker named earlier in the quotation's paragraph, up to three sentences back.

        A sentence with attributed speech, a cue with its speaker, or a person as its subject (a
        pronoun, a full name, a surname the article gives a speaker). Returns the speaker ("" when
        unnamed) or None.
        """
        sents, paras, masked = prose.sents, prose.paras, prose.masked
        para = paras[a]
        for j in range(a - 1, max(a - 4, -1), -1):
            if paras[j] != para:
                break
            s, e = sents[j]
            for qt in reversed(self.out):
                if qt.seg != k or qt.quote.start < s:
                    break
                if qt.quote.start < e and qt.kind == "speech" and qt.how:
                    return qt.speaker or ""
            cue = self.cue_in(k, s, e, s, e)
            if cue is not None:
                who = self.cue_speaker(k, prose, cue)
                if who or _PERSON_PRONOUN.search(masked, s, cue.start()):
                    return who or ""
            person = self.person_in(k, prose, s, e)
            if person is not None:
                return person
        return None

    def person_in(self, k: int, prose: Prose, s: int, e: int) -> str | None:
        """A person who is the subject of the sentence [s, e): a pronoun, a full name, a known surname.

        Returns the name ("" when a pronoun's person is not known) or None.
        """
        masked = prose.masked
        m = _PERSON_PRONOUN.search(masked, s, e)
        if m:
            return self.resolve(k, m.start()) or ""
        m = _SUBJECT_NAME.match(masked, s, e) or _APPOSED_NAME.search(masked, s, e)
        if m:
            return m.group(1)
        people = self.people()
        for run in CAPITAL_RUN.finditer(masked, s, min(e, s + 200)):
            if speaker_key(run.group()) in people:
                return run.group()
        return None

    def previous_paragraph(self, k: int, para: int) -> tuple[int, int] | None:
        """The paragraph before paragraph `para` of segment k, across segments (not a headline)."""
        if para > 0:
            return k, para - 1
        if k == 0 or self.segs[k - 1].scope == "headline" or not self.info[k - 1].sents:
            return None
        return k - 1, self.info[k - 1].paras[-1]

    def dialogue(self, key: tuple[int, int]) -> bool:
        """Two people speak in this paragraph and the one before: a bare quotation could be either's."""
        voices = self.voices_in(key)
        prev = self.previous_paragraph(*key)
        if prev is not None:
            voices = voices | self.voices_in(prev)
        return len(voices) > 1

    def voices_in(self, key: tuple[int, int]) -> set[str]:
        """The people named as speakers (surname keys) by the cues of one paragraph; pronouns carry a speaker on."""
        found = self._voices.get(key)
        if found is None:
            found = self._voices[key] = set()
            k, para = key
            prose = self.info[k]
            first, last = self.bounds(k)[para]
            for cue in self.cues_between(k, prose.sents[first][0], prose.sents[last][1]):
                who = self.cue_speaker(k, prose, cue, pronouns=False)
                if who and (sk := speaker_key(who)):
                    found.add(sk)
        return found

    def cues_between(self, k: int, s: int, e: int) -> list:
        cues, starts = self.cue_matches(k)
        return cues[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]

    def introduced(self, key: tuple[int, int]) -> str | None:
        """The paragraph `key` ends with someone speaking and no whole quotation of theirs.

        Returns the speaker ("" when unnamed) or None.
        """
        k, para = key
        prose = self.info[k]
        s, e = prose.sents[self.bounds(k)[para][1]]
        cues = self.cues_between(k, s, e)
        for cue in cues:
            who = self.cue_speaker(k, prose, cue)
            if who:
                return who
        if not cues:
            return None
        # a cue with nobody next to it: a person named before it ("the engineer, Ines Varga, shook her head and said")
        return self.person_in(k, prose, s, cues[-1].start()) or ""

    def document(self, key: tuple[int, int]) -> bool:
        """The last sentence of paragraph `key` issues a statement, letter or post ("issued a statement",
        "shot back in a statement"): the quotation that follows gives its text."""
        k, para = key
        prose = self.info[k]
        s, e = prose.sents[self.bounds(k)[para][1]]
        nouns, verbs = _documents()
        return nouns.search(prose, s, e) is not None and verbs.search(prose, s, e) is not None

    def repeat(self, k: int, seg: Segment, q: Quote) -> str | None:
        """The quotation's words stand elsewhere in the article, in its narrative or in an attributed
        quotation: a pull quote. Returns that speaker ("" for the article's own text) or None."""
        found = [w.casefold() for w in quote_words(seg, q)]
        if len(found) < 6:
            return None
        rare = max(found, key=len)  # only segments holding the quotation's longest word can hold a copy
        need = 0.6 * (len(found) - 2)
        hits: dict = {}  # where the other copy is -> trigrams found there
        for kk, other in enumerate(self.segs):
            if rare not in self.folded(kk):
                continue
            grams = self.grams(kk)
            for g in zip(found, found[1:], found[2:]):
                places = grams.get(g, ())
                if len(places) > _MAX_COPIES:
                    continue  # a stock phrase, no evidence of a copy (and bounded work per quotation)
                for at in places:
                    if kk == k and q.start <= at < q.end:
                        continue
                    key = self.holder(kk, at)
                    hits[key] = hits.get(key, 0) + 1
        for key, n in hits.items():
            if n >= need:
                if key is None:
                    return ""  # the article's own words
                if key.how and key.how != "repeat":
                    return key.speaker or ""
        return None

    def holder(self, k: int, at: int) -> Quotation | None:
        """The quotation holding offset `at` of segment k, or None for narrative."""
        quotes = self.segs[k].quotes
        starts = self._starts.get(k)
        if starts is None:
            starts = self._starts[k] = [x.start for x in quotes]
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and at < quotes[i].end:
            return self._at.get((k, quotes[i].start))
        return None

    def folded(self, k: int) -> str:
        found = self._folded.get(k)
        if found is None:
            found = self._folded[k] = self.segs[k].text.casefold()
        return found

    def grams(self, k: int) -> dict:
        """Word trigrams of segment k -> where they start: built once per segment, when asked."""
        found = self._grams.get(k)
        if found is None:
            found = self._grams[k] = {}
            ws = [(m.group().casefold(), m.start()) for m in WORD_OR_NUMBER.finditer(self.segs[k].text)]
            for i in range(len(ws) - 2):
                found.setdefault((ws[i][0], ws[i + 1][0], ws[i + 2][0]), []).append(ws[i][1])
        return found


def quotations(doc, extra_cues: tuple[str, ...] = ()) -> list[Quotation]:
    """Every quotation of the document with its speaker, in reading order (see the module docstring)."""
    return _Pass(doc, cue_terms(tuple(extra_cues))).run()


