"""AT106/AT107: loaded attribution verbs ("claimed", "admitted"), and "says" and "said" mixed for one speaker."""
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

_NOUN_BEFORE = compile_regex(
    r"(?:\b(?:a|an|the|his|her|their|its|my|our|your|these|those|this|that|such|any|no|all|make|makes|made|making)"
    r"|['\u2019]s?)\s+$", regex.V1 | regex.IGNORECASE)
# A plural noun "claims" after a preposition or a past-tense verb: "investigated claims that".
_OBJECT_BEFORE = compile_regex(
    r"\b(?:of|over|about|amid|despite|following|after|against|to|by|with|for|on|in|from|deny|denies|reject|rejects"
    r"|dismiss|dismisses|investigate|investigates|repeat|repeats|\p{Ll}+ed)\s+$", regex.V1)
_AFTER_QUOTE = compile_regex(r"[,!?\u2026][\"\u201d]\s+(?:[\p{L}\p{M}'\u2019.\-]+\s+){1,4}$", regex.V1)
_INVERTED = compile_regex(r"[,;]\s+(?:[\p{L}\p{M}'\u2019.\-]+\s+){1,4}$", regex.V1)
_SPEECH_AFTER = compile_regex(r"\s*[,:]")
_REPORT_AFTER = compile_regex(r"\s*(?:that\b|:)|\s+[\"\u201c]")
_CLAUSE_END = compile_regex(r"\s*[,.;]")


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
        info = doc.layer.prose()
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
                key = speaker_key(name)
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
