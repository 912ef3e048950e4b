"""Word contexts: whether a table entry applies at one place, judged by the words around it.

A phrase table says what to flag; some entries are right in one setting and wrong in another.
"in the near future" → "soon" is a clean trim after "will happen", but "continue in the near future"
→ "continue soon" changes the meaning; "as to whether" → "whether" works after "decide" but not after
a noun ("clues on whether"); any plain-words swap is out of place in set legal wording ("the bail
conditions state that, for the duration of the trial, ..."). A rule lists such contexts as data:

    contexts = [
      { terms = ["in the near future"], before = ["continue", "remain"], window = 3, then = "skip" },
      { terms = ["as to whether"], before = ["decide", "ask"], unless = true, then = "suggest",
        suggest = ["on whether", "about whether"] },
      { terms = ["*"], sentence = ["bail", "clause"], then = "info" },
    ]

`before`/`after`: one of these words is among the `window` (default 1) words before/after the
term, in its sentence; `sentence`: one of these words or phrases is in the term's sentence;
`opens_clause = true`: the term opens a sentence or a clause (after a comma); `unless` inverts the test. `then`: "skip" (no finding), "info" (lower to info) or "suggest"
(offer `suggest` instead). Every context whose test holds applies, in order; "skip" ends it.
Words are the text layer's (`text.words.PART`), sentences the text layer's.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from ..text.words import PART, starts_clause
from ..terms import normalise

_ACTIONS = ("skip", "info", "suggest")
_KEYS = {"terms", "before", "after", "sentence", "opens_clause", "window", "unless", "then", "suggest"}


class Context(NamedTuple):
    terms: frozenset[str] | None  # None: every term of the table
    before: frozenset[str]
    after: frozenset[str]
    sentence: Any  # a compiled pattern of cue words, or None
    opens_clause: bool
    window: int
    unless: bool
    then: str
    suggest: tuple[str, ...]


class Verdict(NamedTuple):
    skip: bool = False
    info: bool = False
    suggest: tuple[str, ...] | None = None


def parse_contexts(entries: list, norm=normalise) -> list[Context]:
    """Validate the rule's `contexts` option; errors name the entry. `norm` keys terms like the rule's table."""
    out = []
    for n, e in enumerate(entries):
        if not isinstance(e, dict) or not set(e) <= _KEYS or "terms" not in e or "then" not in e:
            raise ValueError(f"contexts[{n}]: a table with `terms`, `then` and any of before/after/sentence")
        if e["then"] not in _ACTIONS:
            raise ValueError(f"contexts[{n}]: `then` must be one of {', '.join(_ACTIONS)}")
        if e["then"] == "suggest" and not e.get("suggest"):
            raise ValueError(f"contexts[{n}]: `then = \"suggest\"` needs `suggest`")
        terms = e["terms"]
        words = {k: frozenset(w.casefold() for w in e.get(k, [])) for k in ("before", "after")}
        cues = e.get("sentence", [])
        out.append(Context(
            None if terms == ["*"] else frozenset(norm(t) for t in terms), words["before"], words["after"],
            _cue_pattern(cues) if cues else None, bool(e.get("opens_clause", False)), int(e.get("window", 1)), bool(e.get("unless", False)),
            e["then"], tuple(e.get("suggest", ())),
        ))
    return out


def _cue_pattern(cues: list[str]):
    from ..terms import compile_terms

    return compile_terms(cues, ignorecase=True)


def sentence_around(doc, k: int, seg, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding [start, end) in segment k's text (or its matching view)."""
    from ..text.prose import sentence_range
    from ..text.sentences import paragraph_spans, sentence_spans

    if seg is doc.segments[k]:
        prose = doc.layer.prose()[k]
        sents = prose.sents
        if sents:
            first, last = sentence_range(sents, start, end)
            return sents[first][0], sents[last][1]
        return 0, len(seg.text)
    text = seg.text  # a view with hidden characters dropped: split it directly (rare)
    for ps, pe in paragraph_spans(text):
        if ps <= start < pe:
            for s, e in sentence_spans(text[ps:pe]):
                if ps + s <= start < ps + e:
                    return ps + s, ps + e
            return ps, pe
    return 0, len(text)


def judge(contexts: list[Context], key: str, doc, k: int, seg, start: int, end: int) -> Verdict:
    """What the rule's contexts say about the term `key` found at [start, end) of segment k."""
    mine = [c for c in contexts if c.terms is None or key in c.terms]
    if not mine:
        return Verdict()
    text = seg.text
    s0, s1 = sentence_around(doc, k, seg, start, end)
    before = [w.casefold() for w in PART.findall(text, s0, start)]
    after = [w.casefold() for w in PART.findall(text, end, s1)]
    info, suggest = False, None
    for c in mine:
        held = True
        if c.before:
            held = not c.before.isdisjoint(before[-c.window:])
        if held and c.after:
            held = not c.after.isdisjoint(after[:c.window])
        if held and c.sentence is not None:
            held = c.sentence.search(text, s0, s1) is not None
        if held and c.opens_clause:
            held = starts_clause(text, start) or text[s0:start].rstrip().endswith(",")
        if held == c.unless:
            continue
        if c.then == "skip":
            return Verdict(skip=True)
        if c.then == "info":
            info = True
        else:
            suggest = c.suggest
    return Verdict(False, info, suggest)

