"""spelling: typos in ordinary words, and British and American spellings mixed in one article.

Typos come from the shared analysis in `stylecheck.typos` (codespell's list of real-world
misspellings, and near misses of frequent words in wordfreq's lexicon). The UK/US table is
codespell's en-GB -> en-US dictionary, so a new pair is a data update, not a code change.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..findings import Hit
from .base import hit
from .names import _Judged


class WordTypo(_Judged):
    OWN = ("word",)


class MixedSpelling(_Judged):
    """Flag the spellings of the article's minority system (British or American).

    The article's system is the one most of its marked words use (ties go to the system it
    uses first); every word spelled the other way is flagged with its counterpart. A
    capitalised word mid-sentence is part of a name ("Defense Department") and is skipped.
    """

    OPTIONS = {"vocab": (str, None), "skip_proper": (bool, True)}

    def check(self, doc) -> Iterator[Hit]:
        from .. import lexicon
        from ..typos import WORD, is_initial, match_case

        lex = lexicon.shared()
        gb_us = lex.gb_us
        us_gb = {us: gb for gb, us in gb_us.items()}
        uses = []
        for seg in doc.segments:
            for m in WORD.finditer(seg.text):
                low = m.group().casefold()
                if low in gb_us:
                    system, other = "gb", gb_us[low]
                elif low in us_gb:
                    system, other = "us", us_gb[low]
                else:
                    continue
                if self.opts["skip_proper"] and m.group()[:1].isupper() and not is_initial(seg.text, m.start()):
                    continue
                if low in self.accept or m.group() in self.accept:
                    continue
                uses.append((seg, m.start(), m.end(), system, match_case(other, m.group())))
        counts = Counter(u[3] for u in uses)
        if len(counts) < 2:
            return
        firsts = {}
        for u in uses:
            firsts.setdefault(u[3], len(firsts))
        keep = max(counts, key=lambda sys_: (counts[sys_], -firsts[sys_]))
        for seg, s, e, system, other in uses:
            if system != keep:
                yield hit(seg, s, e, suggestions=(other,), fields={"expected": other, "system": _NAMES[keep], "count": counts[keep]})


_NAMES = {"gb": "British", "us": "American"}

KINDS = {"typo": WordTypo, "mixed": MixedSpelling}
