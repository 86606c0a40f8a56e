"""What actors are part of: "the US military" and "the United States" name the same side.

At ingest each actor's ``part_of`` chain in the knowledge base, up to its state, is written to
the ``actor_ancestors`` table (see :meth:`claimgraph.kb.KnowledgeBase.ancestors`). Clustering
and contradiction finding compare participants with :func:`meet`: a report naming a whole and
one naming a part of it agree; two reports naming two different parts of one whole (two
ministries, two militias of one umbrella) do not.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Set


def ancestor_map(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """What each actor in the store is part of."""
    out: dict[str, set[str]] = defaultdict(set)
    for actor, up in conn.execute("SELECT actor, ancestor FROM actor_ancestors"):
        out[actor].add(up)
    return {a: frozenset(ups) for a, ups in out.items()}


def upward(ids: Iterable[str], ancestors: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The actors and everything they are part of."""
    ids = list(ids)
    return frozenset(ids).union(*(ancestors.get(a, ()) for a in ids))


def meet(a: Set[str], a_up: Set[str], b: Set[str], b_up: Set[str]) -> bool:
    """Two sets of participants share one: the same actor, or an actor on one side that an actor
    on the other side is part of (``a_up``/``b_up`` are the sets with their ancestors)."""
    return bool(a & b_up or b & a_up)
