"""House style: the analyzers that need code beyond a term list or a pattern.

- typography.py: middle initials, spaces before punctuation, straight and curly quotes mixed;
- demonym.py: a country name where English uses its adjective ("Russia forces");
- clause.py: a comma straight after a clause-opening subordinator ("Although, ...");
- article.py: "a" or "an" against the sound of the next word;
- hidden.py: invisible characters that are junk in copy (and the ones that are orthography);
- marks.py: dash spacing;
- titles.py: a formal title in lower case before a name;
- acronyms.py: well-known initialisms and acronyms in the wrong case;
- compounds.py: one term hyphenated or capitalised two ways in one article.
"""
from __future__ import annotations

from .acronyms import AcronymCase
from .article import Article
from .clause import SubordinatorComma
from .compounds import Capitalisation, Hyphenation
from .demonym import Demonym
from .hidden import HiddenCharacters
from .marks import DashSpacing
from .titles import TitleCase
from .typography import MiddleInitial, MixedQuotes, SpaceBeforePunctuation

KINDS = {
    "middle_initial": MiddleInitial, "space_before": SpaceBeforePunctuation, "mixed_quotes": MixedQuotes,
    "demonym": Demonym, "subordinator_comma": SubordinatorComma, "article": Article,
    "hidden_characters": HiddenCharacters, "dash_spacing": DashSpacing, "title_case": TitleCase, "acronym_case": AcronymCase,
    "hyphenation": Hyphenation, "capitalisation": Capitalisation,
}
