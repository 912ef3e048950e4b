"""Names and spelling: misspelled names and words, one name spelled two ways, UK/US spellings mixed,
first references to people.

- analysis.py: the one pass that judges every word of a document (shared by the three rules below);
- edits.py: string distance, the typing channel and transliteration keys;
- judged.py: NM101 (name typo), NM102 (name variant), SP101 (word typo) report the analysis;
- systems.py: CR301, British and American spellings mixed;
- references.py: NM201/NM202, first references to people.
"""
from __future__ import annotations

from .judged import NameTypo, NameVariant, WordTypo
from .references import FirstReference, RepeatedFullName
from .systems import MixedSpelling

KINDS = {
    "typo": NameTypo, "variant": NameVariant, "word_typo": WordTypo, "mixed_spelling": MixedSpelling,
    "first_reference": FirstReference, "repeated_full_name": RepeatedFullName,
}
