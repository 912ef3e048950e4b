"""What a quotation is, and how it sits in its sentence and its paragraph's layout.

Whether a quotation reads as someone's words (not a title, nickname or scare quote), whether it sits
inside a clause ("called it "a gift to developers""), and the marks around it that name a speaker
without a reporting verb: a tag set off by punctuation ("…," smiles one parent), a source tag
("… [Reuters]"), a bracketed credit ending the item, a credit line under a pull quote, a signature
dash. The speaker model (speakers.py) reads these; they look at one quotation and its neighbours only.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..document import Quote, Segment
from ..patterns import compile_regex
from .names import NAME, speaker_after
from .wordlists import words
from .words import WORD_OR_NUMBER

MIN_WORDS = 4  # a quotation without sentence punctuation needs this many words to read as speech
_SENT_PUNCT = compile_regex(r"[.!?](?=\s|$|['\"\u2019\u201d])")
_SIGNATURE = compile_regex(r"[^\S\n]*(?:[-\u2013\u2014]+|--)[^\S\n]*(\p{Lu}[^\n]{0,80})", regex.V1)
_SOURCE_TAG = compile_regex(r"[\[(](\p{Lu}[^\])\n]{0,40})[\])]", regex.V1)
_END_TAG = compile_regex(r"\[(\p{Lu}[^\]\n]{1,60})\]\s*$", regex.V1)  # "… [Lee Moran, HuffPost]" ends the item
CAPITAL_RUN = compile_regex(NAME, regex.V1)
_NOT_SPEAKERS = frozenset(words("sentence_words")) | frozenset(words("not_names"))


def quote_words(seg: Segment, q: Quote) -> list[str]:
    """The words (and numbers) a quotation holds."""
    s, e = q.inner
    return WORD_OR_NUMBER.findall(seg.text[s:e])


@lru_cache(maxsize=4096)
def _speech_facts(inner: str) -> tuple[int, bool, int]:
    """(words, sentence punctuation?, capitalised words) of a quotation's text: cached, several rules ask."""
    found = WORD_OR_NUMBER.findall(inner)
    punct = inner.endswith((",", ".", "!", "?", "\u2026")) or bool(_SENT_PUNCT.search(inner))
    if punct:  # capitals only matter without punctuation (a title)
        return len(found), punct, 0
    return len(found), punct, sum(1 for w in found if w[:1].isupper())


def is_speech(seg: Segment, q: Quote, min_words: int = MIN_WORDS) -> bool:
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
    """A partial quote inside a clause ("called it "a disgrace to us all"") rather than speech set off.

    A quotation between dashes that the sentence carries on past ("his refrain — "…!" — has worn
    thin") sits inside the clause too.
    """
    before = masked[sent_start:q.start].rstrip()
    if not before:
        return False
    if before.endswith(("\u2014", "\u2013", "--")):
        after = seg.text[q.end:q.end + 4].lstrip()
        return after[:1] in ("\u2014", "\u2013") and after[1:].lstrip()[:1].islower()
    return before[-1] not in ":,-(["


def named_run(run: str) -> bool:
    """A capitalised run that can be a speaker's name (not "He", "When", "Q", "Monday")."""
    return len(run) > 1 and run.casefold() not in _NOT_SPEAKERS and run.split()[0].casefold() not in _NOT_SPEAKERS


def signature(text: str, pos: int) -> str | None:
    """A dash and a name at `pos` ("— Ines Varga, mayor"): the name, or None."""
    m = _SIGNATURE.match(text, pos)
    return m.group(1).strip() if m else None


def neighbour_text(segs, info, k: int, i: int, step: int) -> str | None:
    """The raw text of the sentence after (step 1) or before (step -1) sentence i of segment k."""
    sents = info[k].sents
    j = i + step
    while not 0 <= j < len(sents):
        k += step
        if not 0 <= k < len(segs):
            return None
        sents = info[k].sents
        j = len(sents) - 1 if step < 0 else 0
    s, e = sents[j]
    return segs[k].text[s:e]


def passages(quoted: list[bool], paras: list[int]) -> tuple[list[int], list[int]]:
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


def carried_on(segs, k: int, qi: int) -> bool:
    """An unclosed quote that the next paragraph carries on (a quote running over paragraphs)."""
    if qi != len(segs[k].quotes) - 1 or k + 1 >= len(segs):
        return False
    nxt = segs[k + 1].quotes
    return bool(nxt) and nxt[0].continues


def run_set_off(seg: Segment, masked: str, sents, ranges, qi: int, a: int, b: int) -> str | None:
    """A quote of the run [a, b] holding quote qi is set off by a speaker clause: its speaker, "" or None."""
    quotes = seg.quotes
    j = qi
    while j > 0 and ranges[j - 1][1] >= a:
        j -= 1
    while j < len(quotes) and ranges[j][0] <= b:
        if a <= ranges[j][0] and ranges[j][1] <= b:
            who = _set_off(seg, masked, sents[ranges[j][0]][0], quotes[j])
            if who is not None:
                return who
        j += 1
    return None


def _set_off(seg: Segment, masked: str, sent_start: int, q: Quote) -> str | None:
    """`…," she added` or `Smith: "…"` / `He replied, "…"`: the speaker ("" when unnamed) or None."""
    text = seg.text
    s, e = q.inner
    inner = text[s:e].rstrip()
    after = text[q.end:q.end + 40].lstrip()
    if q.closed and inner.endswith((",", "?", "!", "\u2014", "-")) and after and after[0] not in "\"\u201c\u201d'":
        if inner.endswith(",") or after[0].islower():
            return speaker_after(masked, q.end, min(len(masked), q.end + 80)) or ""
    before = masked[sent_start:q.start].rstrip()
    if before and before.endswith((":", ",")):
        names = [n for n in CAPITAL_RUN.findall(before) if named_run(n)]
        return names[-1] if names else ""
    return None


def source_tag(seg: Segment, q: Quote, para_end: int) -> str | None:
    """A source tag right after the quote ("… [Reuters]"), or ending its paragraph ("… [Ana Ruiz, Herald]")."""
    after = seg.text[q.end:q.end + 48].lstrip()
    if after.startswith(("[", "(")):
        m = _SOURCE_TAG.match(after)
        if m:
            return m.group(1)
    m = _END_TAG.search(seg.text, max(q.end, para_end - 64), para_end)  # a tag is short: look at the end only
    return m.group(1) if m else None


def credit_line(seg: Segment, q: Quote) -> str | None:
    """A pull quote whose last line is a credit: "…⏎Ana Ruiz, Citizens for Change." (the closing mark after it)."""
    s, e = q.inner
    inner = seg.text[s:e].rstrip()
    cut = inner.rfind("\n")
    if cut < 0:
        return None
    line = inner[cut + 1:].strip().rstrip(".")
    found = line.split()
    if not 1 <= len(found) <= 10 or not line[:1].isupper() or _sentence_inside(line):
        return None
    caps = sum(1 for w in found if w[:1].isupper())
    return line if caps >= 2 and caps * 2 >= len(found) - 2 else None


def _sentence_inside(line: str) -> bool:
    """A question, an exclamation or a full stop before a lowercase word: a sentence, not a credit ("S.C. Rep." is one)."""
    if "!" in line or "?" in line:
        return True
    return any(w.endswith(".") and nxt[:1].islower() for w, nxt in zip(line.split(), line.split()[1:]))
