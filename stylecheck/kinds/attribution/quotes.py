"""AT101: a direct quotation whose speaker the reader cannot tell, read from the article's speaker model.

The text layer's one pass over the whole article (`text/speakers.py`) says how each quotation's
speaker is known. This rule reports speech whose speaker nobody names (a warning), and grades the
readings that rest on the paragraph before by its options, each "accept", "info" or "warning":

- `after_quote_paragraph`: a quote paragraph that follows a paragraph ending in attributed speech
  (wire style: the speaker keeps the floor; "accept");
- `after_named_speaker`: a quote paragraph after a paragraph that names who is speaking but quotes
  nothing whole ("Sanders said the deal fell short." then the quote; "info": usually that speaker's
  words, but a tag deleted in editing reads the same way, so the info names who readers will
  take the speaker to be, and is never a warning);
- `after_unnamed_speaker`: the same when the paragraph before reports speech but names nobody
  ("The story also noted…"), or when two people trade quotes just before (a bare quote could be
  either's): "info", a guess worth a look.

A desk that wants a tag on every quote paragraph (strict wire style) sets all three to "warning".
"""
from __future__ import annotations

from typing import Iterator

from ...findings import Hit, Severity
from ...text.speech import is_speech
from ..base import BaseKind, hit

_GRADES = ("accept", "info", "warning")


class UnattributedQuote(BaseKind):
    """Speech with no speaker the reader can tell, from the article's speaker model."""

    OPTIONS = {
        "cues": (list, []),
        "min_words": (int, 5),
        "embedded": (bool, False),
        "after_quote_paragraph": (str, "accept"),
        "after_named_speaker": (str, "accept"),
        "after_unnamed_speaker": (str, "info"),
        "implied_message": (str, ""),
        "named_message": (str, ""),
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        for name in ("after_quote_paragraph", "after_named_speaker", "after_unnamed_speaker"):
            if self.opts[name] not in _GRADES:
                raise ValueError(f"option {name!r} must be one of {', '.join(_GRADES)}")
        self.extra = tuple(sorted({c.strip().casefold() for c in self.opts["cues"] if c.strip()}))
        named, unnamed = self.opts["after_named_speaker"], self.opts["after_unnamed_speaker"]
        # a statement the paragraph before issues is introduced by name or not at all: graded like a named speaker
        self.grade = {"continuation": self.opts["after_quote_paragraph"], "dialogue": unnamed, "document": named}
        self.grade_introduced = (named, unnamed)

    def check(self, doc) -> Iterator[Hit]:
        segs = doc.segments
        kinds = ("speech", "partial") if self.opts["embedded"] else ("speech",)
        for qt in doc.layer.quotations(self.extra):
            seg = segs[qt.seg]
            if qt.kind not in kinds or seg.scope == "headline" or not is_speech(seg, qt.quote, self.opts["min_words"]):
                continue
            if not qt.how:
                yield hit(seg, qt.quote.start, qt.quote.end)
                continue
            named = qt.how == "document" or (qt.how == "introduced" and bool(qt.speaker))
            if qt.how == "introduced":
                grade = self.grade_introduced[0 if qt.speaker else 1]
            else:
                grade = self.grade.get(qt.how, "accept")
            if grade == "accept":
                continue
            message = (self.opts["named_message"] if named else "") or self.opts["implied_message"] or None
            if message:
                message = message.replace("{speaker}", qt.speaker or "whoever speaks in the paragraph before")
            yield hit(seg, qt.quote.start, qt.quote.end, severity=Severity[grade], message=message)
