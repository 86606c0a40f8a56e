"""Claim status: the cluster of an event, how many independent sources assert it, contradictions.

Independent sources of a cluster are counted over the documents whose claims in the cluster are
asserted, reported or hedged: two such documents are one source when they are in the same copy
group (a syndicated copy under another masthead) or come from the same publisher (an outlet
repeating itself does not corroborate itself). ``copy_groups`` and ``publishers`` are given as
well, so a reader can see both counts.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from claimgraph.corroborate.contradictions import ASSERTING
from claimgraph.corroborate.tables import ensure_tables
from claimgraph.errors import NotFoundError
from claimgraph.store import Store

_Source = tuple[str, str | None, str]  # document, publisher, copy group


def independent_sources(sources: Iterable[_Source]) -> int:
    """Connected components of documents linked by a shared copy group or a shared publisher."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    groups = set()
    for _doc, publisher, group in sources:
        g = find("g:" + group)
        groups.add("g:" + group)
        if publisher:
            p = find("p:" + publisher)
            if p != g:
                parent[max(p, g)] = min(p, g)
    return len({find(g) for g in groups})


def _summarise(claims: list[tuple[str, str, str | None, str]]) -> dict[str, Any]:
    """``claims``: (modality, document, publisher, copy group) of a cluster's members."""
    pos = [(d, p, g) for m, d, p, g in claims if m in ASSERTING]
    n = independent_sources(pos)
    return {
        "sources": n,
        "copy_groups": len({g for _, _, g in pos}),
        "publishers": sorted({p for _, p, _ in pos if p}),
        "corroborated": n >= 2,
    }


def all_status(store: Store) -> dict[str, dict[str, Any]]:
    """The status of every event, keyed by event id (a few bulk queries; for exports)."""
    conn = store.conn
    ensure_tables(conn)
    docs = {
        r[0]: (r[1], r[2] or r[0])
        for r in conn.execute(
            "SELECT d.id, d.publisher, s.copy_group FROM documents d"
            " LEFT JOIN corr_signatures s ON s.document = d.id"
        )
    }
    events = conn.execute(
        "SELECT e.id, e.modality, e.document, c.cluster FROM events e"
        " LEFT JOIN corr_cluster_events c ON c.event = e.id ORDER BY e.id"
    ).fetchall()
    clusters = {
        r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, date, size FROM corr_clusters")
    }
    cons: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in conn.execute(
        "SELECT DISTINCT ce.event, c.id, c.kind FROM corr_contradiction_events ce"
        " JOIN corr_contradictions c ON c.id = ce.contradiction ORDER BY c.kind, c.id"
    ):
        cons[r[0]].append({"id": r[1], "kind": r[2]})
    members: dict[str, list[tuple[str, str, str | None, str]]] = defaultdict(list)
    for r in events:
        publisher, group = docs.get(r["document"], (None, r["document"]))
        members[r["cluster"] or r["id"]].append((r["modality"], r["document"], publisher, group))
    summaries = {key: _summarise(claims) for key, claims in members.items()}
    out: dict[str, dict[str, Any]] = {}
    for r in events:
        cid = r["cluster"]
        date, size = clusters.get(cid, (None, 1)) if cid else (None, 1)
        out[r["id"]] = _status(
            r["id"],
            cid,
            date,
            size,
            r["modality"],
            docs.get(r["document"]),
            summaries[cid or r["id"]],
            cons.get(r["id"], []),
        )
    return out


def _status(
    event: str,
    cluster: str | None,
    date: str | None,
    size: int,
    modality: str,
    doc: tuple[str | None, str] | None,
    summary: dict[str, Any],
    contradictions: list[dict[str, str]],
) -> dict[str, Any]:
    return {
        "event": event,
        "cluster": cluster,
        "cluster_date": date,
        "cluster_size": size,
        "modality": modality,
        "copy_group": doc[1] if doc else None,
        **summary,
        "contradicted": bool(contradictions),
        "contradictions": contradictions,
    }


def event_status(store: Store, event_id: str) -> dict[str, Any]:
    """``{"cluster", "sources", "publishers", "contradictions", …}`` for one event."""
    conn = store.conn
    ensure_tables(conn)
    row = conn.execute(
        "SELECT e.id, e.modality, e.document, c.cluster FROM events e"
        " LEFT JOIN corr_cluster_events c ON c.event = e.id WHERE e.id = ?",
        (event_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(
            f"no event {event_id!r} in the store; list events with `claimgraph events`"
        )
    cid = row["cluster"]
    if cid is None:
        rows = [row]
        date, size = None, 1
    else:
        rows = conn.execute(
            "SELECT e.id, e.modality, e.document FROM corr_cluster_events c"
            " JOIN events e ON e.id = c.event WHERE c.cluster = ?",
            (cid,),
        ).fetchall()
        k = conn.execute("SELECT date, size FROM corr_clusters WHERE id=?", (cid,)).fetchone()
        date, size = k["date"], k["size"]
    docs = _docs(conn, {r["document"] for r in rows})
    claims = [
        (r["modality"], r["document"], *docs.get(r["document"], (None, r["document"])))
        for r in rows
    ]
    cons = [
        {"id": r[0], "kind": r[1]}
        for r in conn.execute(
            "SELECT DISTINCT c.id, c.kind FROM corr_contradiction_events ce"
            " JOIN corr_contradictions c ON c.id = ce.contradiction WHERE ce.event = ?"
            " ORDER BY c.kind, c.id",
            (event_id,),
        )
    ]
    return _status(
        event_id,
        cid,
        date,
        size,
        row["modality"],
        docs.get(row["document"]),
        _summarise(claims),
        cons,
    )


def _docs(conn: sqlite3.Connection, ids: set[str]) -> dict[str, tuple[str | None, str]]:
    out = {}
    for doc in sorted(ids):
        r = conn.execute(
            "SELECT d.publisher, s.copy_group FROM documents d"
            " LEFT JOIN corr_signatures s ON s.document = d.id WHERE d.id = ?",
            (doc,),
        ).fetchone()
        if r is not None:
            out[doc] = (r[0], r[1] or doc)
    return out


def cluster_members(store: Store, cluster_id: str) -> list[dict[str, Any]]:
    """Every claim in a cluster with its evidence, publisher and copy group, by date then id."""
    conn = store.conn
    ensure_tables(conn)
    if conn.execute("SELECT 1 FROM corr_clusters WHERE id=?", (cluster_id,)).fetchone() is None:
        raise NotFoundError(
            f"no cluster {cluster_id!r}; run `corroborate` first, then find clusters in the event status"
        )
    rows = conn.execute(
        "SELECT e.*, d.publisher, s.copy_group FROM corr_cluster_events c"
        " JOIN events e ON e.id = c.event JOIN documents d ON d.id = e.document"
        " LEFT JOIN corr_signatures s ON s.document = e.document"
        " WHERE c.cluster = ? ORDER BY e.date IS NULL, e.date, e.id",
        (cluster_id,),
    ).fetchall()
    parts: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    for r in conn.execute(
        "SELECT ea.event, ea.actor, ea.role FROM corr_cluster_events c"
        " JOIN event_actors ea ON ea.event = c.event WHERE c.cluster = ? ORDER BY ea.position",
        (cluster_id,),
    ):
        parts[r["event"]][r["role"]].append(r["actor"])
    return [
        {
            "event": r["id"],
            "cluster": cluster_id,
            "type": r["type"],
            "mode": r["mode"],
            "date": r["date"],
            "modality": r["modality"],
            "actors": parts[r["id"]]["actor"],
            "recipients": parts[r["id"]]["recipient"],
            "quantities": json.loads(r["quantities"]),
            "flags": json.loads(r["flags"]),
            "document": r["document"],
            "publisher": r["publisher"],
            "copy_group": r["copy_group"] or r["document"],
            "quote": r["quote"],
        }
        for r in rows
    ]
