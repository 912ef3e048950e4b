"""The data every rule reads besides the document: the lexicon and gazetteer, loaded once, read-only.

A Runtime is handed to the Linter, which hands it to each rule through its RuleContext; nothing
in a rule reaches for process-wide state. The lexicon loads on first use (most runs of a
phrasing-only selection never need it) under a lock, so the HTTP server's and the language
server's threads can share one Runtime safely: nothing reachable from it changes after the load.
How the lexicon's common words are held is chosen when the Runtime is made, not while it runs:
compact hash tables for a run over one article (they load in microseconds), one dict for a run
over many (some 35 ms to build on the 2-core build machine, then faster lookups), see `for_run`.

What is not here, and why: the compiled-pattern store (patterns.py) is the process's, because
module-level patterns compile at import, before any Runtime exists; it is an append-only memo
that never changes an answer. Tables prepared from other packages (prepared.py) are immutable
once read.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the lexicon module loads with the first rule that reads it
    from .lexicon import Lexicon

WHOLE_TABLES_FROM = 512 * 1024  # bytes of text from which a run holds every common word in a dict (measured)


class Runtime:
    """Shared read-only data for linting: build one per process (or per test) and pass it on."""

    __slots__ = ("_lexicon", "_load_lexicon", "_lock", "_whole_tables")

    def __init__(self, load_lexicon: Callable[[], Lexicon] | None = None, whole_tables: bool = False):
        self._lexicon: Lexicon | None = None
        self._load_lexicon = load_lexicon
        self._lock = threading.Lock()
        self._whole_tables = whole_tables

    @classmethod
    def for_run(cls, text_bytes: int) -> "Runtime":
        """A Runtime suited to linting about this much text.

        Over many articles the spelling suggestions probe the lexicon's rarer common words
        millions of times, and a dict answers those faster than the hash tables; a few articles
        never make up the ~35 ms that building the dict costs. Measured on the dev corpus (CPU
        time, one process): the dict loses below ~450 KB of text, breaks even near it, and saves
        about a fifth of the lint time at 1.2 MB.
        """
        return cls(whole_tables=text_bytes >= WHOLE_TABLES_FROM)

    @property
    def whole_tables(self) -> bool:
        """Whether the lexicon's common words are all in one dict (lexicon.WordTable.whole)."""
        return self._whole_tables

    @property
    def lexicon(self) -> Lexicon:
        """The word, misspelling and place index, loaded on first use."""
        lex = self._lexicon
        if lex is None:
            with self._lock:
                if self._lexicon is None:
                    if self._load_lexicon is None:
                        from .lexicon import load

                        self._lexicon = load(whole_tables=self._whole_tables)
                    else:
                        self._lexicon = self._load_lexicon()
                lex = self._lexicon
        return lex


_default: Runtime | None = None
_default_lock = threading.Lock()


def default_runtime(text_bytes: int | None = None) -> Runtime:
    """The process's Runtime for callers that do not bring their own (the CLI, lint_text).

    The first call makes it: a run that knows how much text it will lint says so
    (Runtime.for_run); later calls get the same Runtime, whatever they pass.
    """
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Runtime() if text_bytes is None else Runtime.for_run(text_bytes)
    return _default
