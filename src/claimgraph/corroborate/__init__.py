"""Cross-document reasoning: copies, same-event clusters, independent sources, contradictions.

``corroborate(store)`` brings the store up to date incrementally (only new documents and events
are processed); the other functions read what it wrote. Rules, thresholds and limits are in
``docs/corroboration.md``. Tables: see :mod:`claimgraph.corroborate.tables`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from claimgraph.corroborate.clusters import ClusterUpdate, update_clusters
from claimgraph.corroborate.contradictions import list_contradictions, update_contradictions
from claimgraph.corroborate.copies import CopyUpdate, update_copy_groups
from claimgraph.corroborate.profiles import source_profiles, update_term_counts
from claimgraph.corroborate.status import all_status, cluster_members, event_status
from claimgraph.store import Store


@dataclass(frozen=True, slots=True)
class CorroborationSummary:
    """What one :func:`corroborate` run did, and totals afterwards."""

    documents_signed: int  # documents newly given a MinHash signature
    documents_copied: int  # of them, documents found to be copies of an earlier one
    events_clustered: int  # events newly placed in a cluster
    clusters_created: int
    events_joined: int  # of the placed events, those that joined an existing cluster
    clusters_touched: int  # clusters created or grown (their contradictions were recomputed)
    contradictions_found: int  # contradictions in the touched clusters
    copy_groups: int  # totals after the run
    clusters: int
    contradictions: int
    seconds: float


def corroborate(store: Store) -> CorroborationSummary:
    """Copy groups, then clusters, then contradictions and term counts, for what is new."""
    t0 = time.perf_counter()
    copies: CopyUpdate = update_copy_groups(store)
    clusters: ClusterUpdate = update_clusters(store)
    found = update_contradictions(store)
    update_term_counts(store)
    conn = store.conn

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return CorroborationSummary(
        documents_signed=copies.documents,
        documents_copied=copies.copies,
        events_clustered=clusters.events,
        clusters_created=clusters.new_clusters,
        events_joined=clusters.joined,
        clusters_touched=len(clusters.touched),
        contradictions_found=found,
        copy_groups=count("SELECT count(DISTINCT copy_group) FROM corr_signatures"),
        clusters=count("SELECT count(*) FROM corr_clusters"),
        contradictions=count("SELECT count(*) FROM corr_contradictions"),
        seconds=round(time.perf_counter() - t0, 3),
    )


__all__ = [
    "CorroborationSummary",
    "all_status",
    "cluster_members",
    "corroborate",
    "event_status",
    "list_contradictions",
    "source_profiles",
    "update_clusters",
    "update_contradictions",
    "update_copy_groups",
]
