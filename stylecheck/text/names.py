"""Names of people in running copy: who is mentioned, who is speaking, and the surname they go by.

The one place that recognises a person's name: capitalised runs after a title ("Mr Blair") or
next to a reporting verb ("Trump claimed", "said Ms Grant"), full names ("Tony Blair"), and the
speaker of a reporting verb. The word lists (titles, honorifics, speech verbs) are data in
wordlists.txt.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

import regex

from ..patterns import compile_re, compile_regex
from .wordlists import word_set, words

TITLES = words("titles")
TITLE_SET = frozenset(TITLES)
HONORIFICS = word_set("honorifics")
SPEECH_VERBS = words("speech_verbs")
ALL_SPEECH_VERBS = SPEECH_VERBS + words("more_speech_verbs")
CUES = TITLE_SET | frozenset(SPEECH_VERBS)
NOT_NAMES = word_set("not_names")
# Words dropped from a speaker's name to find the surname they are known by.
_TITLE_WORDS = frozenset(w.casefold() for w in TITLE_SET | HONORIFICS)
_SENTENCE_WORDS = word_set("sentence_words")

# The one definition of a name in running copy. A name word: a capital, then letters of either
# case ("McDonald", "ONS"), joined by an apostrophe or a hyphen to more ("O'Brien", "Jean-Pierre").
# A name: name words, with middle initials ("George W. Bush") and particles ("Ludwig van Beethoven").
_CAP = r"\p{Lu}[\p{L}\p{M}]*+(?:['\u2019-]\p{Lu}[\p{L}\p{M}]*+)*+"
_PARTICLE = r"(?:of|de|da|del|der|di|du|la|le|van|von|al|bin|ibn)"
_RUN = rf"{_CAP}(?:\s+(?:\p{{Lu}}\.\s+)*(?:{_PARTICLE}\s+)*{_CAP})*"
# Cues are rare words, so the scan starts from them and looks around, instead of visiting every
# capitalised word of the article.
_SAYS_CUE = compile_re(rf"\b(?:{'|'.join(SPEECH_VERBS)})\b")
_TITLE_CUE = compile_re(rf"\b(?:{'|'.join(TITLES)})\b\.?[ \t]+")
_RUN_BEFORE = compile_regex(rf"(?<![\p{{L}}\p{{M}}.'\u2019-]){_RUN},?\s+$")
_RUN_AFTER = compile_regex(_RUN)
_GIVEN_BEFORE = compile_regex(rf"(?<![\p{{L}}\p{{M}}.'\u2019-]){_CAP}\s+(?:\p{{Lu}}\.\s+)*$")
# A given name and any middle initials: where a full name's surname starts (at the match's end).
_GIVEN_THEN = compile_regex(rf"(?<![\p{{L}}\p{{M}}.'\u2019-])(?P<given>{_CAP})\s+(?:\p{{Lu}}\.\s+)*")
_LETTER_OR_MARK = compile_regex(r"[\p{L}\p{M}]")
# A speaker next to a reporting verb: "Ms Smith said", "Smith's aide told", "said Smith".
_NAME_BEFORE = compile_regex(rf"(?<![\p{{L}}\p{{M}}.'\u2019-])({_RUN})(?:['\u2019]s?)?\s+(?:\p{{Ll}}+ly\s+)?$", regex.V1)
# After the verb, the name may follow a description ("said GOP strategist Keith Nahigian, a veteran"):
# up to four words, then the name that closes the clause (a comma, a full stop that is not a title's, the end).
_NAME_AFTER = compile_regex(
    # right after the verb, before a time or place ("said Ms Grant on Tuesday", "said Smith, who")
    rf"^\s++({_RUN})(?=\s+(?:on|in|at|of|to|from|with|after|before|during|when|while|last|this|yesterday|today"
    r"|earlier|later|recently|who|whose|as|and|adding|told)\b)"
    rf"|^\s++(?:(?:{_RUN}|(?!(?:of|to|about|with|for|on|at|in|by|from|into|after|before|during|that|than|as|against|over"
    r"|is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|do|does|did)\s)"
    rf"\p{{Ll}}[\p{{L}}'\u2019-]*+)\s+){{0,4}}?({_RUN})"
    r"(?=\s*(?:[,;:!?)\u2014\u2013]|\.(?<!\b(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St)\.)|$))",
    regex.V1)
# "Jane Roe, a spokeswoman for the council, said": a name, then an apposition in commas, then the verb.
_NAME_APPOSED = compile_regex(rf"(?<![\p{{L}}\p{{M}}.'\u2019-])({_RUN}),\s+(?:a|an|the|his|her|their|its)\s[^,;:.!?\"\u201c\u201d]{{1,70}},\s*$", regex.V1)
NAME = _RUN  # for patterns that look for a name in a wider context (a subject before a verb)


@lru_cache(maxsize=256)
def _cue_pattern(cue: str) -> re.Pattern:
    """A pattern for one whole cue word, compiled once per process (the cue words are a fixed set).

    The word opens with its first letter and checks the word boundary before it right after (a
    two-wide lookbehind; cue words start with letters), so `re` searches for the letter in C
    instead of testing a leading \\b at every position.
    """
    return compile_re(rf"{re.escape(cue[0])}(?<!\w{re.escape(cue[0])}){re.escape(cue[1:])}\b")


def _cue_starts(text: str, cues: tuple[str, ...]) -> list[int]:
    """Where the given cue words start in text, in order.

    One small cached pattern per word rather than one alternation per set of words (compiling
    a pattern for each new set cost more than the scans): whole words never overlap, so the
    merged starts are exactly an alternation's matches.
    """
    if len(cues) == 1:
        return [m.start() for m in _cue_pattern(cues[0]).finditer(text)]
    return sorted(m.start() for cue in cues for m in _cue_pattern(cue).finditer(text))


def cue_mentions(text: str, cues: tuple[str, ...] | None = None) -> Iterator[tuple[int, int, list[str], bool]]:
    """(start, end, words, titled) for capitalised runs after a title or before a reporting verb.

    `cues` narrows the scan to the cue words the caller knows the text holds.
    """
    if cues is None:
        title_at = [m.start() for m in _TITLE_CUE.finditer(text)]
        say_at = [m.start() for m in _SAYS_CUE.finditer(text)]
    else:
        title_at = _cue_starts(text, tuple(c for c in cues if c in TITLE_SET))
        say_at = _cue_starts(text, tuple(c for c in cues if c not in TITLE_SET))
    for at in title_at:
        cue = _TITLE_CUE.match(text, at)
        run = _RUN_AFTER.match(text, cue.end()) if cue else None
        if run:
            end = run.end() - (2 if run.group()[-2:] in ("'s", "\u2019s") else 0)  # "Mr Kok's plan": the name is Kok
            yield run.start(), end, [w for w in text[run.start():end].split() if not w.endswith(".")], True
    for at in say_at:
        run = _RUN_BEFORE.search(text, max(0, at - 48), at)
        if run:
            name = run.group().rstrip().rstrip(",")
            found = [w for w in name.split() if not w.endswith(".")]
            if found[0] in TITLE_SET:
                continue  # "President Obama said": the title cue has it
            yield run.start(), run.start() + len(name), found, False


def full_names(text: str, surnames: tuple[str, ...]) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, given, surname) of each "Given [I.] Surname" in text, for the sorted `surnames`.

    One fixed pattern finds given names (compiling a pattern per article's surnames cost 0.45 ms
    a document); the surname is then tested at the exact position the pattern ends, in sorted
    order, and must not run on into a letter. This is the same set of matches as one pattern
    with the surnames as an alternation: the given name, the spaces and the initials can match
    only one way (surnames start with a capital and hold no full stop), and no match can start
    inside a given name, its spaces or its initials, so the scan resumes at the surname.
    """
    pos, n = 0, len(text)
    while pos < n:
        m = _GIVEN_THEN.search(text, pos)
        if m is None:
            return
        at = pos = m.end()
        for surname in surnames:
            end = at + len(surname)
            if text.startswith(surname, at) and not _LETTER_OR_MARK.match(text, end):
                yield m.start(), end, m.group("given"), surname
                pos = end
                break


def given_name_before(text: str, at: int) -> bool:
    """A given name (and initials) stands right before `at`: "Tony [Blair]"."""
    return _GIVEN_BEFORE.search(text, max(0, at - 40), at) is not None


def speaker_before(text: str, lo: int, cue: int) -> str | None:
    """The capitalised name right before a cue verb ("Ms Smith said"), if any."""
    m = _NAME_BEFORE.search(text[max(lo, cue - 80):cue])
    if not m:
        return None
    return _strip_leading(_strip_possessive(m.group(1)))


def speaker_apposed(text: str, lo: int, cue: int) -> str | None:
    """The name before an apposition before a cue verb ("Simon Rosenberg, a Clinton supporter, told")."""
    m = _NAME_APPOSED.search(text[max(lo, cue - 120):cue])
    return _strip_leading(m.group(1)) if m else None


def speaker_after(text: str, cue_end: int, hi: int) -> str | None:
    """The name that closes the clause after a cue verb ("said Smith.", "said GOP strategist Keith Nahigian,").

    "says Conte damaged her reputation" has no speaker after the verb: Conte starts the reported clause.
    """
    m = _NAME_AFTER.match(text[cue_end:min(hi, cue_end + 80)])
    if not m:
        return None
    return _strip_leading(m.group(1) or m.group(2))


def _strip_possessive(name: str) -> str:
    """ "Smith's" -> "Smith": the speaker is Smith (or Smith's aide; the surname is what counts)."""
    return name[:-2] if name[-2:] in ("'s", "\u2019s") else name.rstrip("'\u2019")


def _strip_leading(name: str) -> str | None:
    """Drop sentence-start words caught in a capitalised run ("The ONS" → "ONS", "When Smith" → "Smith").

    A run left with no name at all ("Monday", "When") is no speaker.
    """
    found = name.split()
    while found and (found[0].casefold() in _SENTENCE_WORDS or found[0].casefold() in NOT_NAMES):
        found.pop(0)
    return " ".join(found) or None


def speaker_key(name: str) -> str | None:
    """The surname a speaker is known by: the last capitalised word, titles dropped."""
    found = [w.strip(".'\u2019") for w in name.split()]
    found = [w for w in found if w and w.casefold() not in _TITLE_WORDS]
    if not found:
        return None
    last = found[-1]
    if last.casefold() in _SENTENCE_WORDS or len(last) < 2:
        return None
    return last.casefold()
