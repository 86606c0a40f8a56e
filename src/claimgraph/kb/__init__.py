"""The knowledge base: facts about actors (names, types, dated roles and affiliations) as data."""

from claimgraph.kb.base import KnowledgeBase, date_bounds, overlaps
from claimgraph.kb.schema import Affiliation, Entry, Position

__all__ = ["Affiliation", "Entry", "KnowledgeBase", "Position", "date_bounds", "overlaps"]
