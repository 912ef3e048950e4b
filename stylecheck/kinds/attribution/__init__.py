"""Attribution: who said this, and how do we know? Checks that tie quotes and claims to sources.

Every kind reads the text layer's prose (segments with quotations blanked out, so cue words
inside a quotation never attribute it) and takes its word lists (cue verbs, weasel phrases,
loaded verbs) from the rule's TOML data, compiled once per rule (cues.py).

- speech.py: whether a quotation reads as speech, and how it sits in its sentence;
- quotes.py: AT101, a quotation with no speaker;
- claims.py: AT102/AT103, hedged claims with no named source;
- country.py: AT104, a quotation put in a country's mouth;
- mismatch.py: AT105, a quotation that differs from itself;
- verbs.py: AT106/AT107, loaded attribution verbs and says/said mixed.
"""
from __future__ import annotations

from .claims import UnsourcedClaim
from .country import CountrySpeaker
from .mismatch import QuoteMismatch
from .quotes import UnattributedQuote
from .verbs import LoadedVerb, TenseMix

KINDS = {
    "unattributed_quote": UnattributedQuote,
    "unsourced_claim": UnsourcedClaim,
    "country_speaker": CountrySpeaker,
    "quote_mismatch": QuoteMismatch,
    "loaded_verb": LoadedVerb,
    "tense_mix": TenseMix,
}
