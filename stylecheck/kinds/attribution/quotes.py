"""AT101: a direct quotation with no speaker in its sentence, the sentences beside it or the paragraph it continues."""
from __future__ import annotations

import bisect
from typing import Iterator

import regex

from ...document import Quote, Segment
from ...patterns import compile_regex
from ...text.names import ALL_SPEECH_VERBS
from ...text.prose import sentence_range
from ...findings import Hit
from ..base import BaseKind, hit
from .cues import Terms
from .speech import is_embedded, is_speech

_INNER_CAPITAL = compile_regex(r"\S\s+\p{Lu}", regex.V1)  # a capitalised word that does not start the sentence
_SIGNATURE = compile_regex(r"^\s*(?:[-\u2013\u2014]+|--)\s*\p{Lu}", regex.V1)
_SOURCE_TAG = compile_regex(r"[\[(]\p{Lu}[^\])\n]{0,40}[\])]", regex.V1)


class UnattributedQuote(BaseKind):
    """A direct quotation with no attribution cue in its sentence or the sentences either side."""

    OPTIONS = {
        "cues": (list, []),
        "min_words": (int, 5),
        "embedded": (bool, False),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.cues = Terms([*ALL_SPEECH_VERBS, *self.opts["cues"]])
        if not self.cues:
            raise ValueError("attribution.unattributed_quote found no cue words")

    def check(self, doc) -> Iterator[Hit]:
        segs = doc.segments
        info = doc.layer.prose()
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
