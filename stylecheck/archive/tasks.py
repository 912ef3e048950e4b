"""The work of one partition, as a worker does it: phase 1 (lint and tally) and phase 2 (locate).

A worker process keeps one WorkerState for its whole life: one Runtime (the lexicon, loaded
once, held as whole tables since a worker checks many articles), one Linter per Settings and
the cross-article families of each. The local pool's workers inherit a warmed state from the
parent (forked); a Dask worker builds its own once, at start-up (dask_backend.WarmUp) or at its
first task. Tasks take and return plain data, so any executor can run them.
"""
from __future__ import annotations

import os
import resource
import zlib
from array import array
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from ..engine import Linter, Progress
from ..filters import apply_filters
from ..findings import Finding
from ..parsers import parse
from ..runner import RunOptions, settings_for
from ..runtime import Runtime
from . import inputs
from .families import Families, find_rule
from .tally import Tally


class Job(NamedTuple):
    """What every task of one run needs besides its partition."""

    options: RunOptions
    cross: bool = True  # collect the families and run phase 2 (the cross-article rule is on)
    settings: object = None  # one Settings for every article (the Python API), else each article's config

    def settings_for(self, art) -> object:
        return self.settings if self.settings is not None else settings_for(art.config_path, self.options)


class Record(NamedTuple):
    """One article's phase-1 result: its findings, or why it could not be checked."""

    id: str
    desk: str
    date: str
    words: int
    findings: list
    rule_errors: list
    error: str = ""
    error_code: str = ""
    keys: bytes = b""  # crc32 of each (family, form) it uses: the driver picks phase 2's articles by them
    fmt: str = "text"


class PartResult(NamedTuple):
    index: int
    records: list
    tally: Tally
    worker: tuple  # worker_info() after the task


@lru_cache(maxsize=1 << 16)
def form_key(fam: tuple, form: str) -> int:
    """A stable 32-bit key of a (family, form) pair, the same in every process."""
    return zlib.crc32("\x1f".join((*fam, form)).encode("utf-8", "surrogatepass"))


class WorkerState:
    """One worker's Runtime, Linters and families, built once and reused for every task."""

    def __init__(self) -> None:
        self.loads = 0
        self.runtime = Runtime(load_lexicon=self._load_lexicon, whole_tables=True)
        self._linters: dict = {}
        self._families: dict = {}

    def _load_lexicon(self):
        from ..lexicon import load

        self.loads += 1
        return load(whole_tables=self.runtime.whole_tables)

    def linter(self, settings) -> Linter:
        found = self._linters.get(settings)
        if found is None:
            found = self._linters[settings] = Linter(settings, self.runtime)
        return found

    def families(self, settings) -> Families | None:
        if settings not in self._families:
            linter = self.linter(settings)
            cr = find_rule(linter)
            self._families[settings] = None if cr is None else Families(linter, cr)
        return self._families[settings]

    def warm(self, job: Job, config_path: str = "") -> None:
        """Compile the run's Linter and load the lexicon now, before any article."""
        settings = job.settings or settings_for(config_path or os.path.join(os.getcwd(), "x"), job.options)
        self.linter(settings)
        if job.cross:
            self.families(settings)
        self.runtime.lexicon  # noqa: B018 - loads it


_state: WorkerState | None = None


def state() -> WorkerState:
    """This process's WorkerState (made on first use)."""
    global _state
    if _state is None:
        _state = WorkerState()
    return _state


class _Collect(Progress):
    """Counts an article's words and family uses from the text layer the rules share."""

    def __init__(self, families: Families | None):
        super().__init__()
        self.families, self.words, self.uses = families, 0, Counter()

    def part_started(self) -> None:
        doc = self.document
        self.words += sum(doc.layer.word_counts().values())
        if self.families is not None:
            self.families.count(doc, self.uses)


def lint_partition(part: inputs.Partition, job: Job) -> PartResult:
    """Phase 1: check every article of the partition and tally its spellings."""
    st = state()
    tally = Tally()
    records = []
    for art in inputs.read(part, job.options):
        if art.error:
            records.append(Record(art.id, art.desk, art.date, 0, [], [], art.error, art.error_code))
            continue
        settings = job.settings_for(art)
        families = st.families(settings) if job.cross else None
        collect = _Collect(families)
        try:
            run = st.linter(settings).run(art.source, art.fmt, progress=collect)
        except Exception as exc:  # a parser bug fails this article only (as runner.lint_file)
            records.append(Record(art.id, art.desk, art.date, 0, [], [],
                                  f"could not be checked: internal error {type(exc).__name__}: {exc}", "SC-E908"))
            continue
        tally.add(art.desk, art.month, collect.words, collect.uses)
        keys = array("I", sorted({form_key(fam, form) for fam, form in collect.uses})).tobytes()
        records.append(Record(art.id, art.desk, art.date, collect.words, run.findings, run.errors, keys=keys, fmt=art.fmt))
    return PartResult(part.index, records, tally, worker_info())


def worker_info() -> tuple:
    """(pid, lexicon loads, peak resident memory KiB, CPU seconds) of this process so far."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), state().loads, use.ru_maxrss, use.ru_utime + use.ru_stime


def cross_partition(part: inputs.Partition, job: Job, wanted: frozenset, verdicts: dict) -> tuple[list, tuple]:
    """Phase 2: ((position in the partition, cross-article findings) for the wanted articles, worker info)."""
    st = state()
    by_desk: dict[str, dict] = {}
    for (desk, fam, form), v in verdicts.items():
        by_desk.setdefault(desk, {})[(fam, form)] = v
    out = []
    for k, art in enumerate(inputs.read(part, job.options)):
        if k not in wanted or art.error:
            continue
        settings = job.settings_for(art)
        families = st.families(settings)
        if families is None:
            continue  # the article's own config turns the rule off
        flagged = by_desk.get(None, {})
        if art.desk in by_desk:  # a desk's own majority (scope = "desk")
            flagged = {**flagged, **by_desk[art.desk]}
        if any(v.since for v in flagged.values()):  # a changed form: only articles from the change on
            month = art.month
            flagged = {k: v for k, v in flagged.items() if not v.since or (month and month >= v.since)}
        doc = parse(art.source, art.fmt)
        hits = families.locate(doc, flagged)
        linter = st.linter(settings)
        raw = [linter.finding(families.cr, h, art.source, doc) for h in hits]
        out.append((k, apply_filters(raw, doc, {families.rule.code: families.rule}, art.source.lines.starts)))
    return out, worker_info()


def merge(record: Record, cross: list[Finding]) -> list[Finding]:
    """The article's findings with its cross-article ones, minus those an in-article rule already
    gives at the same span: a consistency finding (NM102, NM104, CR301: the same question asked
    of one article), or a spelling finding suggesting the same form (NM101's typo)."""
    if not cross:
        return record.findings
    same = {(f.start, f.end) for f in record.findings if f.category == "consistency"}
    typo = {(f.start, f.end, f.suggestions[:1]) for f in record.findings if f.category == "spelling"}
    extra = [f for f in cross if (f.start, f.end) not in same and (f.start, f.end, f.suggestions[:1]) not in typo]
    return sorted(record.findings + extra, key=lambda f: (f.start, f.end, f.rule))
