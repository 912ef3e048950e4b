"""compounds: one term hyphenated or capitalised two ways in one article.

Found from the article itself, not from a list:
- hyphenation (`Hyphenation`): a hyphenated compound that the article also writes closed
  ("e-mail"/"email", "take-over"/"takeover"), or a capitalised one it also writes open
  ("Mexican-American"/"Mexican American"). Lowercase open forms are left alone: "a long-term
  plan" beside "in the long term" is grammar, not inconsistency. `different` lists compounds
  whose closed form is another word ("re-sign"/"resign", "co-op"/"coop"); `covered` lists those
  another rule's fixed groups already judge (NM104), so no slip is reported twice;
- capitalisation (`Capitalisation`): a run of capitalised words ("National Guard", "Federal
  Reserve Board") that the article also writes with a later word in lower case ("National
  guard"). A variant opening a sentence is left to the title rules ("Prime minister Tony Blair").
Only the narrative votes (headlines and quotations do not; a quoted variant is at most an info),
and a tie is an info. Words are the text layer's (`text.words`).
"""
from __future__ import annotations

from typing import Iterator

from ...findings import Hit, Severity
from ...text.wordlists import word_set
from ...text.words import PART, case_shape, match_case, starts_clause, strip_possessive
from ..base import BaseKind, hit
from ..forms import HEADLINE, NARRATIVE, QUOTE, Use, minority, place_of

_SENTENCE_WORDS = word_set("sentence_words")
_SMALL = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "da", "van", "von", "la", "le"})
# Small words that stay inside a name ("Bank of England", "Department for Education").
_INNER = frozenset({"of", "for", "and", "de", "du", "da", "del", "der", "van", "von", "la", "le"})


def _compounds(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(start, end, parts) of each hyphenated compound: words (`PART`) joined by single hyphens.

    Visits only the hyphens between two letters (found with str.find, in C): most of a paragraph
    is never matched against the word pattern at all.
    """
    i = text.find("-")
    while i >= 0:
        if 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            start = i - 1
            while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-'\u2019"):
                start -= 1
            parts, pos = [], start
            while True:
                m = PART.match(text, pos)
                if m is None:
                    break
                parts.append(m)
                if text[m.end():m.end() + 1] != "-":
                    break
                pos = m.end() + 1
            if len(parts) > 1 and parts[0].start() == start:
                yield start, parts[-1].end(), [m.group() for m in parts]
                i = text.find("-", parts[-1].end())
                continue
        i = text.find("-", i + 1)


def _verdict(u, tied: bool) -> Severity | None:
    return Severity.info if tied or u.place == QUOTE else None


class Hyphenation(BaseKind):
    """A compound written hyphenated and closed (or, capitalised, hyphenated and open) in one article."""

    OPTIONS = {"different": (list, []), "covered": (list, [])}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.different = tuple(sorted(w.casefold() for w in self.opts["different"]))
        self.covered = frozenset(w.casefold() for w in self.opts["covered"])

    def check(self, doc) -> Iterator[Hit]:
        compounds = []
        for seg in doc.segments:
            if "-" in seg.text:
                compounds.extend((seg, s, e, parts) for s, e, parts in _compounds(seg.text))
        if not compounds:
            return
        vocab = doc.layer.vocab(folded=True)
        families: dict[str, str] = {}  # closed or open key -> the hyphenated key
        for seg, s, e, parts in compounds:
            key = "-".join(parts).casefold()
            if key in self.covered or key.startswith(self.different) or min(map(len, parts)) < 2:
                continue  # "RK-S": initials, not a compound
            if "".join(parts).casefold() in vocab:
                families["".join(parts).casefold()] = key
            if all(p[:1].isupper() for p in parts):
                families[" ".join(parts)] = key
        if not families:
            return
        uses = [Use(seg, s, e, "-".join(parts).casefold(), "hyphenated", None, place_of(seg, s, e))
                for seg, s, e, parts in compounds if "-".join(parts).casefold() in families.values()]
        closed = {k for k in families if " " not in k}
        written = {v: k for k in closed for v in (k, k.capitalize(), k.upper())}
        opened = [k for k in families if " " in k]
        for seg, words in zip(doc.segments, doc.layer.segment_words()):
            for key in {written[w] for w in words & written.keys()}:
                uses.extend(self._other_forms(seg, key, families[key], "closed", True))
            for key in opened:
                if key in seg.text:
                    uses.extend(self._other_forms(seg, key, families[key], "open", False))
        order = {id(seg): k for k, seg in enumerate(doc.segments)}
        uses.sort(key=lambda u: (order[id(u.seg)], u.start))
        written: dict[tuple, str] = {}  # (family, side) -> how the narrative (else a quotation) first writes it
        for u in sorted(uses, key=lambda u: u.place != NARRATIVE):
            if u.place != HEADLINE:
                written.setdefault((u.family, u.side), u.seg.text[u.start:u.end])
        for u, kept, n, tied in minority(uses):
            found = u.seg.text[u.start:u.end]
            form = written[(u.family, kept)]
            expected = form if form[:1].isupper() else match_case(form, found)
            yield hit(u.seg, u.start, u.end, suggestions=(expected,), severity=_verdict(u, tied),
                      fields={"expected": expected, "count": n})

    def _other_forms(self, seg, form: str, family: str, side: str, fold: bool) -> Iterator[Use]:
        """The uses of a compound's closed ("email") or capitalised open ("Mexican American") form.

        Found with str.find (on the casefolded text for a closed form) and checked to be whole
        words that are not part of a hyphenated compound themselves.
        """
        text = seg.text
        hay = text.casefold() if fold else text
        if len(hay) != len(text):
            return
        i = hay.find(form)
        while i >= 0:
            end = i + len(form)
            first = PART.match(text, i)
            last = PART.match(text, end - len(form.split()[-1])) if " " in form else first
            if first is not None and last is not None and last.end() == end \
                    and text[i - 1:i] != "-" and text[end:end + 1] != "-":
                yield Use(seg, i, end, family, side, None, place_of(seg, i, end))
            i = hay.find(form, end)


class Capitalisation(BaseKind):
    """A capitalised name the article also writes with a later word in lower case ("National guard").

    Only a word the article writes both capitalised and in lower case ("Guard", "guard") can end
    such a pair, so the scan starts from those words (found with str.find) and looks back at the
    capitalised words before each: most of an article is never tokenised at all.
    """

    OPTIONS = {"min_words": (int, 2), "max_words": (int, 4)}

    def check(self, doc) -> Iterator[Hit]:
        vocab = doc.layer.vocab(folded=False)
        # words written in lower case that the article also capitalises: set operations and
        # C-level map/filter, as this runs on every article
        lower = set(filter(str.islower, vocab))
        both = lower.intersection(map(str.lower, vocab.difference(lower))) - _SMALL - _SENTENCE_WORDS
        pairs = vocab.intersection(map(str.capitalize, both))
        if not pairs:
            return
        segments = [(seg, words) for seg, words in zip(doc.segments, doc.layer.segment_words()) if seg.scope != "headline"]
        # the names first: a variant matters only for a name the article writes with capitals
        # (each paragraph's candidates by one set intersection, in C; sorted for a stable order)
        uses = [u for seg, words in segments for cap in sorted(words.intersection(pairs)) for u in self._uses_of(seg, cap)]
        if not uses:
            return
        names = {u.family for u in uses}
        lower = {u.family[-1] for u in uses}
        variants = [u for seg, words in segments for low in sorted(words.intersection(lower))
                    for u in self._uses_of(seg, low) if u.family in names]
        if not variants:
            return
        uses += variants
        order = {id(seg): k for k, seg in enumerate(doc.segments)}
        uses.sort(key=lambda u: (order[id(u.seg)], u.start))
        for u, kept, n, tied in minority(uses):
            if kept != "capitalised" or starts_clause(u.seg.text, u.start):
                continue  # a lower-case majority is its own style; a sentence opener is the title rules' case
            yield hit(u.seg, u.start, u.end, suggestions=(u.payload,), severity=_verdict(u, tied),
                      fields={"expected": u.payload, "count": n})

    def _uses_of(self, seg, form: str) -> Iterator[Use]:
        """Each use of `form` that ends a run of capitalised words ("the National [Guard]", "the National [guard]")."""
        text, n = seg.text, len(form)
        i = text.find(form)
        while i >= 0:
            end = i + n
            if i < 2 or text[i - 1] != " " or not text[i - 2].isalpha() or not _capital_word_ends(text, i - 1):
                i = text.find(form, end)
                continue  # no capitalised word right before it: no name ends here
            whole = PART.match(text, i)
            if whole is not None and whole.end() == end and text[end:end + 1] != "-" and (i == 0 or not text[i - 1].isalpha()) \
                    and (form.islower() or not _capital_after(text, end)):
                run = _capitals_before(text, i, self.opts["max_words"] - 1)
                if len(run) + 1 >= self.opts["min_words"] and (form.islower() or not _inside_longer_name(text, run[0][0])):
                    start = run[0][0]
                    key = tuple(w.casefold() for _, w in run) + (form.casefold(),)
                    side = "variant" if form.islower() else "capitalised"
                    name = " ".join(w for _, w in run) + " " + (form if not form.islower() else form.capitalize())
                    yield Use(seg, start, end, key, side, name, place_of(seg, start, end))
            i = text.find(form, end)


def _inside_longer_name(text: str, start: int) -> bool:
    """The run follows "the" after a capitalised word: "Save the [Scottish Regiments]", "Save the [Children]"."""
    before = PART.findall(text, max(0, start - 40), start)[-2:]
    return (len(before) == 2 and before[1] == "the" and before[0][:1].isupper()
            and text[:start].endswith(f"{before[0]} the "))


def _capital_word_ends(text: str, end: int) -> bool:
    """A cheap first test: the letters ending at `end` start with a capital (checked by the word pattern after)."""
    j = end
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j].isupper()


def _capital_after(text: str, end: int) -> bool:
    """A capitalised word follows: the name runs on ("UK Film Council", "French President Hollande")."""
    nxt = PART.match(text, end + 1) if text[end:end + 1] == " " else None
    return nxt is not None and nxt.group()[:1].isupper()


def _capitals_before(text: str, pos: int, most: int) -> list[tuple[int, str]]:
    """The capitalised words (with `_INNER` words such as "of" between them) joined by single spaces
    right before pos, in order; a sentence-opening "The" is not part of the name."""
    found = list(PART.finditer(text, max(0, pos - 25 * most), pos))
    run: list[tuple[int, str]] = []
    at = pos
    for m in reversed(found):
        if m.end() != at - 1 or text[m.end()] != " " or len(run) >= most:
            break
        w = m.group()
        if strip_possessive(w) != w:
            break  # "Putin's potential": a possessive ends the name before it
        if case_shape(w) in ("capital", "upper") and len(w) > 1:
            run.insert(0, (m.start(), w))
        elif w in _INNER and run:
            run.insert(0, (m.start(), w))
        else:
            break
        at = m.start()
    while run and run[0][1] in _INNER:
        run.pop(0)
    if run and run[0][1].casefold() in _SENTENCE_WORDS and starts_clause(text, run[0][0]):
        run.pop(0)
    return run
