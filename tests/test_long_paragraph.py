"""One long paragraph costs linear time in every rule (issue 16, "One long paragraph is quadratic").

A 250k-character paragraph took 5.6 s and 1 MB a minute: rules read the whole prefix of the
paragraph for each match (PH201 searched `text[:m.start()]` for a word before the match, PH101
the same for a capitalised word, AT104's cue words were merged and sorted again for every
quotation). The paragraph below gives those paths work at every sentence: demonyms before
nouns, subordinators with commas after "and", quotations with attribution verbs.
"""
from __future__ import annotations

from scaling import assert_scales_linearly

from stylecheck.config import Settings
from stylecheck.engine import Linter
from stylecheck.source import Source

SENTENCES = [
    "Although, the council said on Monday that the the new bridge would open in 2027, residents doubted it.",
    "France officials met Germany ministers in the capital, and although, nobody agreed, talks went on.",
    "\"We will not accept this,\" said Maria Kowalski, the mayor of Northbridge.",
    "Kowalski says the WHO and the UNHCR moved 1,250 people, as it warned \"more will have to leave soon\".",
    "After, the Russia sanctions row grew, the EU responded with new tariffs of 25 per cent.",
    "He will utilise the funds prior to the end of the year, in order to finish the works.",
    "The Prime Minister, Jane Doe, told reporters: \"It is a a serious matter\".",
    "Ms Kowalski, 54, who was elected in 2019, said the plan would cost \u00a34.5m.",
    "In Britain people queue; the Britain authorities say an union of towns was formed at 9am.",
    "Poland warned \"the border will stay closed\", while Jones insisted it was fair.",
]


def paragraph(chars: int) -> str:
    """One paragraph (no blank line) of about `chars` characters."""
    out, n, i = [], 0, 0
    while n < chars:
        s = SENTENCES[i % len(SENTENCES)]
        out.append(s)
        n += len(s) + 1
        i += 1
    return " ".join(out)


def test_one_long_paragraph_is_linear_in_every_rule():
    linter = Linter(Settings(select=("ALL",)))
    # before: PH101, PH201 and AT104 grew with the square of the paragraph (minutes at 1M)
    assert_scales_linearly(lambda text: linter.run(Source("long.txt", text)), paragraph(100_000),
                           paragraph(1_000_000), repeats=1, what="every rule on one long paragraph")


def test_the_rules_that_read_the_paragraph_before_a_match_stay_linear():
    """The three that were quadratic, alone (their growth is not diluted by the others' linear work)."""
    linter = Linter(Settings(select=("PH101", "PH201", "AT104")))
    assert_scales_linearly(lambda text: linter.run(Source("long.txt", text)), paragraph(100_000),
                           paragraph(1_000_000), repeats=2, what="PH101, PH201, AT104 on one long paragraph")
