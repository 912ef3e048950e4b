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
from ...text.words import PART, case_shape, match_case, starts_clause
from ..base import BaseKind, hit
from ..forms import HEADLINE, NARRATIVE, QUOTE, Use, minority, place_of

_SENTENCE_WORDS = word_set("sentence_words")
_SMALL = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "da", "van", "von", "la", "le"})


def _compounds(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(start, end, parts) of each hyphenated compound: words (`PART`) joined by single hyphens."""
    run: list = []
    for m in PART.finditer(text):
        if run and m.start() == run[-1].end() + 1 and text[run[-1].end()] == "-":
            run.append(m)
            continue
        if len(run) > 1:
            yield run[0].start(), run[-1].end(), [r.group() for r in run]
        run = [m]
    if len(run) > 1:
        yield run[0].start(), run[-1].end(), [r.group() for r in run]


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
        for seg in doc.segments:
            uses.extend(self._other_forms(seg, families))
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

    def _other_forms(self, seg, families: dict[str, str]) -> Iterator[Use]:
        """The closed ("email") and capitalised open ("Mexican American") uses of the article's compounds."""
        text = seg.text
        words = list(PART.finditer(text))
        for i, m in enumerate(words):
            if text[m.end():m.end() + 1] == "-" or text[m.start() - 1:m.start()] == "-":
                continue  # part of a compound itself
            key = families.get(m.group().casefold())
            if key is not None:
                yield Use(seg, m.start(), m.end(), key, "closed", None, place_of(seg, m.start(), m.end()))
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is not None and text[m.end():nxt.start()] == " ":
                key = families.get(f"{m.group()} {nxt.group()}")
                if key is not None and text[nxt.end():nxt.end() + 1] != "-":
                    yield Use(seg, m.start(), nxt.end(), key, "open", None, place_of(seg, m.start(), nxt.end()))


class Capitalisation(BaseKind):
    """A capitalised name the article also writes with a later word in lower case ("National guard")."""

    OPTIONS = {"min_words": (int, 2), "max_words": (int, 4)}

    def check(self, doc) -> Iterator[Hit]:
        names: dict[tuple[str, ...], str] = {}
        for k, seg in enumerate(doc.segments):
            if seg.scope == "headline" or not any(c.isupper() for c in seg.text):
                continue
            for run in _capital_runs(seg.text, doc.layer.tokens(k), self.opts["max_words"]):
                if len(run) >= self.opts["min_words"]:
                    names.setdefault(tuple(t.text.casefold() for t in run), " ".join(t.text for t in run))
        if not names:
            return
        firsts = {key[0] for key in names}
        uses = []
        for k, seg in enumerate(doc.segments):
            toks = doc.layer.tokens(k)
            for i, t in enumerate(toks):
                if t.text.casefold() in firsts and t.shape in ("capital", "upper"):
                    uses.extend(self._uses_at(seg, toks, i, names))
        for u, kept, n, tied in minority(uses):
            if kept != "capitalised" or starts_clause(u.seg.text, u.start):
                continue  # a lower-case majority is its own style; a sentence opener is the title rules' case
            yield hit(u.seg, u.start, u.end, suggestions=(u.payload,), severity=_verdict(u, tied),
                      fields={"expected": u.payload, "count": n})

    def _uses_at(self, seg, toks, i: int, names: dict) -> Iterator[Use]:
        """The longest known name starting at token i, as written there (capitalised or a variant)."""
        text = seg.text
        for n in range(self.opts["max_words"], self.opts["min_words"] - 1, -1):
            run = toks[i:i + n]
            if len(run) < n or any(text[a.end:b.start] != " " for a, b in zip(run, run[1:])):
                continue
            key = tuple(t.text.casefold() for t in run)
            if key not in names or text[run[-1].end:run[-1].end + 1] == "-":
                continue
            variant = any(t.shape == "lower" and t.text not in _SMALL for t in run[1:])
            side = "variant" if variant else "capitalised"
            yield Use(seg, run[0].start, run[-1].end, key, side, names[key], place_of(seg, run[0].start, run[-1].end))
            return


def _capital_runs(text: str, toks, max_words: int) -> Iterator[list]:
    """Runs of capitalised words joined by single spaces (small words such as "of" inside), a
    sentence-opening "The" dropped: the names the article writes with capitals."""
    run: list = []
    for t in toks:
        joined = run and text[run[-1].end:t.start] == " "
        capital = t.shape in ("capital", "upper") and len(t.text) > 1
        if joined and (capital or (t.text in _SMALL and len(run) < max_words)):
            run.append(t)
        else:
            yield from _trimmed(run, max_words)
            run = [t] if capital else []
    yield from _trimmed(run, max_words)


def _trimmed(run: list, max_words: int) -> Iterator[list]:
    while run and (run[-1].text in _SMALL):
        run = run[:-1]
    if run and run[0].initial and run[0].text.casefold() in _SENTENCE_WORDS:
        run = run[1:]
    if 2 <= len(run) <= max_words and case_shape(run[-1].text) != "lower":
        yield run
