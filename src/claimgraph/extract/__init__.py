"""Extract: relations and PLOVER events, with modality, attribution, dates and places."""

from claimgraph.extract.claims import extract_claims, sentence_bounds
from claimgraph.extract.lexicon import Lexicon, default_lexicon

__all__ = ["Lexicon", "default_lexicon", "extract_claims", "sentence_bounds"]
