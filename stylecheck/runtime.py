"""The data every rule reads besides the document: the lexicon and gazetteer, loaded once, read-only.

A Runtime is handed to the Linter, which hands it to each rule through its RuleContext; nothing
in a rule reaches for process-wide state. The lexicon loads on first use (most runs of a
phrasing-only selection never need it) under a lock, so the HTTP server's and the language
server's threads can share one Runtime safely: after the load nothing in it changes.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the lexicon module loads with the first rule that reads it
    from .lexicon import Lexicon


class Runtime:
    """Shared read-only data for linting: build one per process (or per test) and pass it on."""

    __slots__ = ("_lexicon", "_load_lexicon", "_lock")

    def __init__(self, load_lexicon: Callable[[], Lexicon] | None = None):
        self._lexicon: Lexicon | None = None
        self._load_lexicon = load_lexicon
        self._lock = threading.Lock()

    @property
    def lexicon(self) -> Lexicon:
        """The word, misspelling and place index, loaded on first use."""
        lex = self._lexicon
        if lex is None:
            with self._lock:
                if self._lexicon is None:
                    if self._load_lexicon is None:
                        from .lexicon import load

                        self._lexicon = load()
                    else:
                        self._lexicon = self._load_lexicon()
                lex = self._lexicon
        return lex


_default: Runtime | None = None
_default_lock = threading.Lock()


def default_runtime() -> Runtime:
    """The process's Runtime for callers that do not bring their own (the CLI, lint_text)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Runtime()
    return _default
