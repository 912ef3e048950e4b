"""A batch of texts checked as one archive, in this process: the Python API and the rules' examples."""
from __future__ import annotations

import time

from ..config import Settings
from ..runner import RunOptions
from . import inputs, tasks
from .local import LocalBackend
from .pipeline import ArchiveResult, run_parts

SEPARATOR = " \u2016 "  # " ‖ " between the articles of a rule's example


def run_batch(texts: list[str], settings: Settings | None = None, fmt: str = "text") -> ArchiveResult:
    """The archive result for texts given in memory (ids "1", "2", ...)."""
    items = tuple((str(i + 1), t, fmt) for i, t in enumerate(texts))
    part = inputs.Partition(0, "texts", "", items, sum(len(t) for t in texts))
    settings = settings or Settings()
    with LocalBackend(jobs=1) as backend:
        return run_parts([part], settings, tasks.Job(RunOptions(), settings=settings), "", backend, time.perf_counter())


def check_batch(texts: list[str], settings: Settings | None = None, fmt: str = "text") -> list[list]:
    """Each text's findings, cross-article ones included."""
    return [r.findings for r in run_batch(texts, settings, fmt).records]


def check_example(text: str, settings: Settings | None = None) -> list:
    """Findings of a rule example whose articles are joined by SEPARATOR, at offsets into the joined text."""
    out = []
    offset = 0
    texts = text.split(SEPARATOR)
    for t, findings in zip(texts, check_batch(texts, settings)):
        out += [f._replace(start=f.start + offset, end=f.end + offset,
                           edits=tuple((s + offset, e + offset, r) for s, e, r in f.edits)) for f in findings]
        offset += len(t) + len(SEPARATOR)
    return out
