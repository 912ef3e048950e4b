"""The text layer: what rules read about a document, built once per document, on first use.

Harper's rules all walk one token stream that its Document builds once; here `Document.layer`
plays that part. Each analysis below is computed the first time a rule asks for it and then
shared by every other rule, so two rules never derive the same thing two ways:

- words: the document's word counts, each segment's distinct words and words in order
  (`words.PART`) and, for the segments a rule asks about, its tokens with sentence-initial and
  case-shape flags;
- views: each segment's matching view (hidden characters dropped, NFC) and its lowercase form;
- prose: each segment's text with quotations blanked out, its sentences and paragraphs;
- mentions: people named next to a title or a reporting verb (`names.cue_mentions`);
- quotations: every quotation with its speaker, from one pass over the whole article (`speakers.py`);
- shared analyses: results that several rules of one analyzer read (the names analysis, a
  union scan of several phrase lists), keyed by the analyzer's own key object.

The modules of this package hold the one definition of each underlying question: words.py
(what a word is, whether it opens a sentence), sentences.py, quotes.py, names.py, speakers.py
(who said each quotation), normalise.py.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Hashable

if TYPE_CHECKING:
    from ..document import Document, Segment
    from .prose import Prose
    from .speakers import Quotation
    from .words import Token


class TextLayer:
    """The lazily built analyses of one Document; see the module docstring."""

    __slots__ = ("_doc", "_words", "_vocab", "_seg_folded", "_tokens", "_views", "_lowered", "_prose", "_mentions",
                 "_shared")

    def __init__(self, doc: "Document"):
        self._doc = doc
        self._words: tuple[Counter, list[set[str]], list[list[str]]] | None = None
        self._vocab: dict[bool, frozenset[str]] = {}
        self._seg_folded: list[set[str]] | None = None
        self._tokens: dict[int, list["Token"]] = {}
        self._views: list["Segment"] | None = None
        self._lowered: list[tuple["Segment", str]] | None = None
        self._prose: list["Prose"] | None = None
        self._mentions: list[tuple] | None = None
        self._shared: dict[Hashable, Any] = {}

    # -- words ----------------------------------------------------------------------------
    def _word_table(self) -> tuple[Counter, list[set[str]], list[list[str]]]:
        if self._words is None:
            from .words import PART

            lists = [PART.findall(seg.text) for seg in self._doc.segments]
            counts: Counter[str] = Counter()
            for found in lists:
                counts.update(found)
            self._words = (counts, [set(found) for found in lists], lists)
        return self._words

    def word_counts(self) -> Counter:
        """How often each word (as written) occurs, in order of first use."""
        return self._word_table()[0]

    def segment_words(self) -> list[set[str]]:
        """Each segment's distinct words, as written."""
        return self._word_table()[1]

    def word_lists(self) -> list[list[str]]:
        """Each segment's words in order, as written (a rule's cheap test for word sequences)."""
        return self._word_table()[2]

    def vocab(self, folded: bool) -> frozenset[str]:
        """The document's distinct words (casefolded or as written): lets a rule skip a document early."""
        found = self._vocab.get(folded)
        if found is None:
            written = frozenset(self.word_counts())
            found = self._vocab[folded] = frozenset(map(str.casefold, written)) if folded else written
        return found

    def segment_vocab(self, folded: bool) -> list[set[str]]:
        """Each segment's distinct words (casefolded or as written): a cheap test for a rule's key words."""
        sets = self.segment_words()
        if not folded:
            return sets
        if self._seg_folded is None:
            self._seg_folded = [set(map(str.casefold, ws)) for ws in sets]
        return self._seg_folded

    def tokens(self, k: int) -> list["Token"]:
        """The words of segment k with their flags (built per segment, for the few a rule looks into)."""
        found = self._tokens.get(k)
        if found is None:
            from .words import tokens

            found = self._tokens[k] = tokens(self._doc.segments[k].text)
        return found

    # -- views ----------------------------------------------------------------------------
    def views(self) -> list["Segment"]:
        """Each segment's matching view: hidden characters dropped, NFC, mapped back to the source."""
        if self._views is None:
            from .normalise import view_of

            self._views = [view_of(seg) for seg in self._doc.segments]
        return self._views

    def lowered(self) -> list[tuple["Segment", str]]:
        """(view, lowercased view text) per segment: a lowercase pattern on it scans twice as fast as IGNORECASE.

        A segment whose lowercase form changes length (a dotted capital I) keeps its own text,
        and its rules match it case-insensitively instead.
        """
        if self._lowered is None:
            self._lowered = [(seg, seg.text.lower()) for seg in self.views()]
        return self._lowered

    # -- prose ----------------------------------------------------------------------------
    def prose(self) -> list["Prose"]:
        """Each segment with its quotations blanked out, its words and (on first use) its sentences."""
        if self._prose is None:
            from .prose import Prose

            self._prose = [Prose(seg) for seg in self._doc.segments]
        return self._prose

    # -- names ----------------------------------------------------------------------------
    def mentions(self) -> list[tuple]:
        """(segment index, segment, start, end, words, titled) for each person named next to a title or a reporting verb."""
        if self._mentions is None:
            from .names import CUES, cue_mentions

            found = []
            for si, (seg, vocab) in enumerate(zip(self._doc.segments, self.segment_vocab(folded=False))):
                cues = vocab & CUES
                if not cues:
                    continue  # no title and no reporting verb in this paragraph
                for s, e, names, titled in cue_mentions(seg.text, tuple(sorted(cues))):
                    found.append((si, seg, s, e, names, titled))
            self._mentions = found
        return self._mentions

    # -- quotations ----------------------------------------------------------------------------
    def quotations(self, extra_cues: tuple[str, ...] = ()) -> list["Quotation"]:
        """Every quotation with its kind and speaker, in reading order: "who said this?" (speakers.py).

        `extra_cues`: a desk's own cue words, on top of the shared ones (a model of their own).
        """
        def build() -> list["Quotation"]:
            from .speakers import quotations

            return quotations(self._doc, extra_cues)

        return self.shared(("quotations", tuple(extra_cues)), build)

    # -- analyses shared by the rules of one analyzer ---------------------------------------
    def shared(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """build()'s result, computed once per document for every rule that asks with the same key."""
        try:
            return self._shared[key]
        except KeyError:
            value = self._shared[key] = build()
            return value
