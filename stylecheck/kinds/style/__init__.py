"""House style: the analyzers that need code beyond a term list or a pattern.

- typography.py: middle initials, spaces before punctuation, straight and curly quotes mixed;
- demonym.py: a country name where English uses its adjective ("Russia forces");
- clause.py: a comma straight after a clause-opening subordinator ("Although, ...");
- article.py: "a" or "an" against the sound of the next word.
"""
from __future__ import annotations

from .article import Article
from .clause import SubordinatorComma
from .demonym import Demonym
from .typography import MiddleInitial, MixedQuotes, SpaceBeforePunctuation

KINDS = {
    "middle_initial": MiddleInitial, "space_before": SpaceBeforePunctuation, "mixed_quotes": MixedQuotes,
    "demonym": Demonym, "subordinator_comma": SubordinatorComma, "article": Article,
}
