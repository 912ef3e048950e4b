"""The attribution rules' term lists (cue verbs, hedges, loaded verbs): the text layer's `Terms`."""
from __future__ import annotations

from ...text.prose import Terms

__all__ = ["Terms"]
