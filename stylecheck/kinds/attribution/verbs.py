"""AT106/AT107: a loaded verb as a quotation's speech tag ("…," he claimed), and "says"/"said" switched for one speaker in the body.

On real copy an editor found "claimed that…", "admitted that…" as reported speech defensible (a
disputed allegation, a real concession), and "says" in the opening paragraphs with "said" later the
news convention. So AT106 reports a loaded verb only where it tags a direct quotation the way "said"
would: the quotation follows it ("claimed: "…"") or comes right before it ("…," he claimed). AT107 compares the body only (after the first
`skip_paragraphs` paragraphs), and only speakers named right before the verb or after it in an
inverted tag ("…," said Smith), never the subject of the reported clause ("says Conte damaged…").
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterator

import regex

from ...document import Segment
from ...patterns import compile_regex
from ...terms import normalise
from ...text.names import speaker_after, speaker_before, speaker_key
from ...text.prose import sentence_range
from ...findings import Hit
from ..base import BaseKind, hit
from .cues import Terms

# The word before "claim(s)" that makes it a noun ("her claim that", "denied claims that"): checked on the
# last word before it, so no pattern scans the text.
_NOUN_WORDS = frozenset(
    "a an the his her their its my our your these those this that such any no all make makes made making".split())
_OBJECT_WORDS = frozenset(
    "of over about amid despite following after against to by with for on in from deny denies reject rejects"
    " dismiss dismisses investigate investigates repeat repeats".split())
_AFTER_QUOTE = compile_regex(r"[,!?\u2026][\"\u201d]\s+(?:[\p{L}\p{M}'\u2019.\-]+\s+){1,4}$", regex.V1)
_SPEECH_AFTER = compile_regex(r"\s*[,:]")


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
        info = doc.layer.prose()
        for k, seg in enumerate(doc.segments):
            masked = info[k].masked
            for m in self.pattern.finditer(info[k]):
                key = normalise(m.group())
                after = masked[m.end():m.end() + 8]
                before = seg.text[max(0, m.start() - 60):m.start()]
                if _noun_before(before, key.endswith("s")):
                    continue  # "her claim that …", "denied claims that …": a noun, not a speech verb
                if key in self.comma_only:
                    speech = _SPEECH_AFTER.match(after) is not None and _quote_follows(seg, m.end())
                else:  # the tag of a direct quotation: it follows the verb or comes right before it
                    speech = _quote_follows(seg, m.end()) or _after_quote(seg.text, masked, m.start())
                if speech:
                    expected = self.swap[key]
                    if m.group()[:1].isupper():
                        expected = expected[:1].upper() + expected[1:]
                    yield hit(seg, m.start(), m.end(), suggestions=(expected,), fields={"expected": expected})


def _noun_before(before: str, plural: bool) -> bool:
    """The word before the verb makes it a noun: an article or possessive ("her claim"), or for a
    plural a preposition or a past-tense verb ("denied claims", "investigated claims")."""
    stripped = before.rstrip()
    if stripped == before or not stripped:
        return False
    if stripped.endswith(("'", "\u2019", "'s", "\u2019s", "'S", "\u2019S")):
        return True
    last = stripped.rsplit(None, 1)[-1]
    word = last.casefold()
    if not last.isalpha():
        return False
    if word in _NOUN_WORDS:
        return True
    return plural and (last in _OBJECT_WORDS or (last.islower() and last.endswith("ed")))


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


class TenseMix(BaseKind):
    """"says" and "said" for the same speaker in the body of one article: pick one tense of attribution."""

    OPTIONS = {"present": (list, ["says"]), "past": (list, ["said"]), "skip_paragraphs": (int, 2)}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.present = {normalise(x) for x in self.opts["present"]}
        self.past = {normalise(x) for x in self.opts["past"]}
        self.pattern = Terms([*self.present, *self.past])
        if not self.pattern:
            raise ValueError("attribution.tense_mix needs `present` and `past`")

    def check(self, doc) -> Iterator[Hit]:
        info = doc.layer.prose()
        uses: dict[str, list] = defaultdict(list)
        skip = self.opts["skip_paragraphs"]
        seen = 0  # body paragraphs before this segment: the first `skip` are the intro, "says" by convention
        for k, seg in enumerate(doc.segments):
            if seg.scope == "headline" or (k == 0 and len(doc.segments) > 1 and len(seg.text.split()) <= 25):
                continue  # headlines (a short first line, too) take the present tense by convention
            prose = info[k]
            start = seen
            if seen < skip:  # counted only while still in the intro (splitting costs)
                seen += len(set(prose.paras)) or 1
            if self.pattern.keys.isdisjoint(prose.words):
                continue
            masked = prose.masked
            for m in self.pattern.finditer(prose):
                if m.group()[:1].isupper():
                    continue  # Title Case "Says": a headline or a name, not running copy
                sents = prose.sents
                first, _ = sentence_range(sents, m.start(), m.end())
                if start + prose.paras[first] < skip:
                    continue
                lo, hi = sents[first]
                name = speaker_before(masked, lo, m.start()) or speaker_after(masked, m.end(), hi)
                key = speaker_key(name) if name else None
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
