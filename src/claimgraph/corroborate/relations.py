"""Claim status of relations: how many independent sources state the same relation.

A relation is the same claim across documents when type, subject and object are equal. Sources
are counted as for events: documents of one copy group, or of one publisher, count once. A
relation is contradicted when it carries a flag (e.g. ``role_conflict``) or when another source
states it negated.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from claimgraph.corroborate.tables import ensure_tables
from claimgraph.store import Store


def relation_status(store: Store) -> dict[str, dict[str, Any]]:
    """``{relation id: {"cluster", "sources", "publishers", "contradicted", "contradictions"}}``."""
    conn = store.conn
    ensure_tables(conn)
    rows = conn.execute(
        "SELECT r.id, r.type, r.subject, r.object, r.modality, r.flags, d.publisher, "
        "coalesce(s.copy_group, d.id) AS grp FROM relations r JOIN documents d ON d.id = r.document "
        "LEFT JOIN corr_signatures s ON s.document = d.id ORDER BY r.id"
    ).fetchall()
    groups: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for r in rows:
        groups[(r["type"], r["subject"], r["object"])].append(r)
    out: dict[str, dict[str, Any]] = {}
    for (rtype, subj, obj), members in groups.items():
        asserting = [m for m in members if m["modality"] != "negated"]
        publishers = sorted({m["publisher"] or m["grp"] for m in asserting})
        # one source per copy group and per publisher
        sources = _independent(asserting)
        negated = any(m["modality"] == "negated" for m in members)
        key = f"rel:{rtype}:{subj}:{obj}"
        for m in members:
            flags = json.loads(m["flags"])
            contradictions = [{"id": f"{m['id']}:{f['kind']}", "kind": f["kind"]} for f in flags]
            if negated and asserting:
                contradictions.append({"id": f"{key}:denial", "kind": "denial"})
            out[m["id"]] = {
                "cluster": key,
                "sources": sources,
                "publishers": [p for p in publishers if p],
                "contradicted": bool(contradictions),
                "contradictions": contradictions,
            }
    return out


def _independent(members: list[Any]) -> int:
    """Documents sharing a copy group or a publisher count once (union-find over both keys)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for m in members:
        a, b = find(f"g:{m['grp']}"), find(f"p:{m['publisher'] or m['grp']}")
        if a != b:
            parent[a] = b
    return len({find(f"g:{m['grp']}") for m in members})
