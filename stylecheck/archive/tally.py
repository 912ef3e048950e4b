"""The merged vocabulary: how each name and term is spelled across the archive, per desk and month.

Phase 1 adds each article's uses to its partition's Tally; the partitions' Tallies merge (in any
order and grouping: addition of counters, so a tree reduction on a cluster and a fold on one
machine give the same Tally); `decide` then names, for each family spelled more than one way,
the form to keep and the minority forms to flag. The tally also holds the words and articles per
desk and month that the report divides by.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..findings import Severity
from ..kinds.names.analysis import FUNCTION_WORD, RARE_KNOWN
from ..lexicon import fold
from .families import NAME, Verdict

if TYPE_CHECKING:
    from .families import Families


class Tally:
    """Counts of an archive's spellings; merge with `+=`."""

    __slots__ = ("uses", "cells", "families", "articles", "words")

    def __init__(self) -> None:
        self.uses: Counter = Counter()  # (family, form) -> uses
        self.cells: Counter = Counter()  # (family, form, desk, month) -> articles
        self.families: Counter = Counter()  # (family, desk) -> articles using any form of it
        self.articles: Counter = Counter()  # (desk, month) -> articles
        self.words: Counter = Counter()  # (desk, month) -> words

    def add(self, desk: str, month: str, words: int, uses: Counter) -> None:
        """One article: its desk, month, word count and (family, form) -> uses."""
        self.articles[(desk, month)] += 1
        self.words[(desk, month)] += words
        if uses:
            self.uses.update(uses)
            self.cells.update([(fam, form, desk, month) for fam, form in uses])
            self.families.update({(fam, desk) for fam, _ in uses})

    def __iadd__(self, other: "Tally") -> "Tally":
        for name in self.__slots__:
            getattr(self, name).update(getattr(other, name))
        return self

    def __getstate__(self):
        return tuple(getattr(self, n) for n in self.__slots__)

    def __setstate__(self, state) -> None:
        for name, value in zip(self.__slots__, state):
            setattr(self, name, value)

    def by_form(self, keep) -> dict[tuple, dict[str, Counter]]:
        """family -> form -> (desk, month) -> articles, for the families `keep(family, forms)` accepts."""
        forms: dict[tuple, set] = {}
        for fam, form in self.uses:
            forms.setdefault(fam, set()).add(form)
        wanted = {fam for fam, fs in forms.items() if keep(fam, fs)}
        out: dict[tuple, dict[str, Counter]] = {}
        for (fam, form, desk, month), n in self.cells.items():
            if fam in wanted:
                out.setdefault(fam, {}).setdefault(form, Counter())[(desk, month)] += n
        return out


def decide(tally: Tally, families: "Families") -> dict[tuple, Verdict]:
    """(desk, family, form) -> Verdict for every form to flag; desk is None when the archive decides.

    The house form wins where the desk's vocabulary names one; otherwise the form most articles
    use, when it has at least min_share of the family's articles and min_articles of them.
    """
    per_desk = families.opts["scope"] == "desk"
    lex = families.context.runtime.lexicon

    def worth_judging(fam: tuple, forms: set) -> bool:
        house = families.house_of(fam)
        return len(forms) > 1 or (house is not None and house not in forms)

    totals: Counter = Counter()
    for (fam, desk), n in tally.families.items():
        totals[(fam, desk if per_desk else None)] += n
    verdicts: dict[tuple, Verdict] = {}
    for fam, forms in sorted(tally.by_form(worth_judging).items()):
        desks = sorted({d for c in forms.values() for d, _ in c}) if per_desk else [None]
        for desk in desks:
            monthly: dict[str, Counter] = {}
            for f, c in forms.items():
                for (d, month), n in c.items():
                    if not per_desk or d == desk:
                        monthly.setdefault(month, Counter())[f] += n
            votes = Counter()
            for c in monthly.values():
                votes.update(c)
            scope = "desk" if per_desk else "archive"
            found = None if families.house_of(fam) else _change(monthly, families.opts)
            if found is not None:  # the archive changed its form: judge the articles since the change
                since, votes = found
                judged = _judge(fam, votes, sum(votes.values()), families, lex, scope, since)
            else:
                judged = _judge(fam, dict(votes), totals[(fam, desk)], families, lex, scope)
            for form, verdict in judged:
                verdicts[(desk, fam, form)] = verdict
    return verdicts


def _change(monthly: dict[str, Counter], opts: dict) -> tuple[str, dict[str, int]] | None:
    """(first month, votes from then on) when the family changed form over time, else None.

    A change is a month before which one form held min_share of the votes and after which
    another does, each in at least min_articles articles over at least two months: the old form
    was the style of its time (Kiev until 2022), not a slip; the new one is judged from then on.
    Of several such months, the one that leaves fewest articles on the wrong side wins.
    """
    months = sorted(m for m in monthly if m)
    if len(months) < 4:
        return None
    after = Counter()
    for m in months:
        after.update(monthly[m])
    before: Counter = Counter()
    best = None
    for i in range(1, len(months)):
        before.update(monthly[months[i - 1]])
        after.subtract(monthly[months[i - 1]])
        old, new = _top(before), _top(+after)
        if old is None or new is None or old[0] == new[0]:
            continue
        ok = all(n >= opts["min_articles"] and n >= opts["min_share"] * sum(side.values())
                 and sum(1 for m in span if monthly[m][form]) >= 2
                 for (form, n), side, span in ((old, before, months[:i]), (new, +after, months[i:])))
        if ok and (best is None or old[1] + new[1] > best[0]):
            best = (old[1] + new[1], months[i], dict(+after))
    return None if best is None else (best[1], best[2])


def _top(votes: Counter) -> tuple[str, int] | None:
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] <= 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0]


def _judge(fam: tuple, votes: dict[str, int], total: int, families: "Families", lex, scope: str, since: str = ""):
    """(form, Verdict) for each form of one family to flag (`since`: judged on the articles from then on)."""
    kept = families.house_of(fam)
    basis = "house"
    opts = families.opts
    if kept is None:
        if len(votes) < 2:
            return
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        (kept, n), (_, runner_up) = ranked[0], ranked[1]
        if n == runner_up or n < opts["min_articles"] or n < opts["min_share"] * total:
            return
        if fam[0] == NAME and lex.zipf10(fold(kept)) >= FUNCTION_WORD:
            return  # "The" at sentence starts is no name
        basis = scope
    share = votes.get(kept, 0) / total if total else 0.0
    severity = Severity.warning if basis == "house" or share >= opts["sure_share"] else Severity.info
    for form in sorted(votes):
        if form == kept or fold(form) in families.accept:
            continue
        if fam[0] == NAME and (form.casefold() == kept.casefold() or (basis != "house" and not _other_spelling(form, kept, lex))):
            continue
        yield form, Verdict(kept, votes.get(kept, 0), total, basis, severity, since)


def _known(lex, word: str) -> bool:
    f = fold(word)
    return lex.zipf10(f) >= RARE_KNOWN or lex.place_tier(f) > 0


def _other_spelling(form: str, kept: str, lex) -> bool:
    """Whether a minority name is another spelling of the kept one, not a name of its own.

    Two names the lexicon knows in their own right (Mohamed, Mohammed; Philips, Phillips) are
    different people or firms; two places it knows are one place in two transliterations (Kiev,
    Kyiv). A name it knows is never the slip for one it does not (as in NM102).
    """
    if not _known(lex, form):
        return True
    return lex.place_tier(fold(form)) > 0 and lex.place_tier(fold(kept)) > 0


def learned(tally: Tally, verdicts: dict[tuple, Verdict], lex, min_count: int = 3, min_docs: int = 2
            ) -> tuple[list[str], dict[str, str]]:
    """A vocabulary file's (names, prefer) from the archive: its names and the house forms it settled on.

    Names are capitalised forms used min_count times in min_docs articles that the lexicon does
    not know as common words (as `vocab learn`); prefer maps each flagged form to the kept one.
    """
    docs: Counter = Counter()
    for (fam, form, _, _), n in tally.cells.items():
        if fam[0] == NAME:
            docs[form] += n
    flagged = {form for (_, fam, form) in verdicts}
    names = sorted(form for (fam, form), n in tally.uses.items()
                   if fam[0] == NAME and n >= min_count and docs[form] >= min_docs and form not in flagged
                   and lex.common.get(form.casefold(), 0) < 40)
    prefer = {}
    for (desk, fam, form), v in sorted(verdicts.items()):
        if desk is None:
            prefer.setdefault(form, v.kept)
    return names, dict(sorted(prefer.items()))
