"""Contradictions inside a same-event cluster, and between a claim and the knowledge base.

Kinds (each with both sides' event ids, quotes and publishers):

``perpetrator``
    two asserting claims name different actors (none the same as, or part of, one on the other
    side, see :mod:`~claimgraph.corroborate.hierarchy`) for the same recipients, or where one
    side names no recipient;
``date``
    two asserting claims give different day-precision dates;
``quantity``
    two asserting claims count the same thing (same unit: dead, injured, drones …) differently;
``denial``
    a negated claim against asserted, reported or hedged ones: "X did not do it" against claims
    naming X among the actors; a denial naming no actor ("there was no attack") against all;
``knowledge_base``
    a ``role_conflict`` flag on a claim: the text gives someone an office outside the dates on
    file; the second side is the knowledge-base fact and its source.

Only clusters marked dirty by the clustering step are recomputed.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from claimgraph.corroborate.dates import DAY, covering, span
from claimgraph.corroborate.hierarchy import ancestor_map, meet, upward
from claimgraph.corroborate.tables import Transaction, ensure_tables, execute_in, select_in
from claimgraph.ids import digest
from claimgraph.store import Store

ASSERTING = frozenset({"asserted", "reported", "hedged"})
"""Modalities under which a source puts a claim forward (hypothetical and negated do not)."""

KB_FLAGS = frozenset({"role_conflict"})
KINDS = ("perpetrator", "date", "quantity", "denial", "knowledge_base")


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    cluster: str
    type: str
    date: str | None
    modality: str
    document: str
    publisher: str | None
    quote: str
    actors: frozenset[str]
    recipients: frozenset[str]
    quantities: tuple[tuple[str, float], ...]
    flags: tuple[dict[str, Any], ...]
    actors_up: frozenset[str] = frozenset()  # the actors and what they are part of
    recipients_up: frozenset[str] = frozenset()

    def same_actors(self, other: Claim) -> bool:
        return meet(self.actors, self.actors_up, other.actors, other.actors_up)

    def same_recipients(self, other: Claim) -> bool:
        return meet(self.recipients, self.recipients_up, other.recipients, other.recipients_up)

    def evidence(self) -> dict[str, Any]:
        return {
            "event": self.id,
            "document": self.document,
            "publisher": self.publisher,
            "modality": self.modality,
            "quote": self.quote,
        }


def load_claims(conn: sqlite3.Connection, clusters: list[str]) -> dict[str, list[Claim]]:
    """The member claims of the given clusters, in a stable order."""
    ancestors = ancestor_map(conn)
    rows = select_in(
        conn,
        "SELECT c.cluster, e.id, e.type, e.date, e.date_end, e.modality, e.document, e.quote,"
        " e.quantities, e.flags, d.publisher FROM corr_cluster_events c"
        " JOIN events e ON e.id = c.event"
        " JOIN documents d ON d.id = e.document WHERE c.cluster IN ({marks})",
        clusters,
    )
    parts: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for r in select_in(
        conn,
        "SELECT ea.event, ea.actor, ea.role FROM corr_cluster_events c"
        " JOIN event_actors ea ON ea.event = c.event WHERE c.cluster IN ({marks})",
        clusters,
    ):
        parts[r["event"]][0 if r["role"] == "actor" else 1].append(r["actor"])
    out: dict[str, list[Claim]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (str(r["cluster"]), str(r["id"]))):
        actors, recipients = parts.get(r["id"], ([], []))
        out[r["cluster"]].append(
            Claim(
                id=r["id"],
                cluster=r["cluster"],
                type=r["type"],
                date=covering(r["date"], r["date_end"]),
                modality=r["modality"],
                document=r["document"],
                publisher=r["publisher"],
                quote=r["quote"],
                actors=frozenset(actors),
                recipients=frozenset(recipients),
                quantities=tuple(
                    (str(q["unit"]).lower(), float(q["value"])) for q in json.loads(r["quantities"])
                ),
                flags=tuple(json.loads(r["flags"])),
                actors_up=upward(actors, ancestors),
                recipients_up=upward(recipients, ancestors),
            )
        )
    return out


def _side(claims: list[Claim], claim: str) -> dict[str, Any]:
    return {
        "claim": claim,
        "events": [c.id for c in claims],
        "publishers": sorted({c.publisher for c in claims if c.publisher}),
        "evidence": [c.evidence() for c in claims],
    }


def _groups(claims: Iterable[Claim], key: Callable[[Claim], Hashable]) -> list[list[Claim]]:
    by: dict[Hashable, list[Claim]] = {}
    for c in claims:
        by.setdefault(key(c), []).append(c)
    return [by[k] for k in sorted(by, key=repr)]


def _names(ids: Iterable[str], names: dict[str, str]) -> str:
    return ", ".join(sorted(names.get(i, i) for i in ids))


def find(cluster: str, claims: list[Claim], names: dict[str, str]) -> list[dict[str, Any]]:
    """Every contradiction among the claims of one cluster."""
    found: list[dict[str, Any]] = []

    def add(kind: str, a: dict[str, Any], b: dict[str, Any], extra: Any = None) -> None:
        cid = "con-" + digest(cluster, kind, a["events"], b["events"], extra)
        summary = f"{a['claim']} vs {b['claim']}"
        found.append(
            {"id": cid, "kind": kind, "cluster": cluster, "summary": summary, "sides": [a, b]}
        )

    pos = [c for c in claims if c.modality in ASSERTING]
    named = [c for c in pos if c.actors]
    for ga, gb in combinations(_groups(named, lambda c: tuple(sorted(c.actors))), 2):
        if ga[0].same_actors(gb[0]):
            continue  # the same actor, or one and what it is part of ("US military", "US")
        # same event by the clustering rules: same targets, or one side names none
        if any(a.same_recipients(b) or not (a.recipients and b.recipients) for a in ga for b in gb):
            sa = _side(ga, _names(ga[0].actors, names))
            add("perpetrator", sa, _side(gb, _names(gb[0].actors, names)))

    dated = [c for c in pos if (s := span(c.date)) is not None and s[2] == DAY]
    for ga, gb in combinations(_groups(dated, lambda c: c.date), 2):
        add("date", _side(ga, str(ga[0].date)), _side(gb, str(gb[0].date)))

    units = sorted({u for c in pos for u, _ in c.quantities})
    for unit in units:

        def values(c: Claim, unit: str = unit) -> tuple[float, ...]:
            return tuple(sorted({v for u, v in c.quantities if u == unit}))

        counted = [c for c in pos if values(c)]
        for ga, gb in combinations(_groups(counted, values), 2):
            va, vb = values(ga[0]), values(gb[0])
            if set(va) & set(vb):
                continue
            add("quantity", _side(ga, _count(va, unit)), _side(gb, _count(vb, unit)), unit)

    negated = [c for c in claims if c.modality == "negated"]
    for gn in _groups(negated, lambda c: tuple(sorted(c.actors))):
        na = gn[0].actors
        if not na:  # "there was no attack": against every claim that there was
            if pos:
                add("denial", _side(pos, f"{pos[0].type} happened"), _side(gn, "denied"))
            continue
        for gp in _groups(pos, lambda c: tuple(sorted(c.actors))):
            if gp[0].same_actors(gn[0]):  # "X denied doing it" against "X did it"
                who = _names(gp[0].actors, names)
                add(
                    "denial",
                    _side(gp, f"{who}: {gp[0].type}"),
                    _side(gn, f"denied by {_names(na, names)}"),
                )

    for c in claims:
        for flag in c.flags:
            if flag.get("kind") not in KB_FLAGS:
                continue
            a = _side([c], flag.get("text_claim") or flag.get("message") or "")
            b: dict[str, Any] = {
                "claim": flag.get("kb_fact") or "",
                "events": [],
                "publishers": [],
                "evidence": [],
                "knowledge_base": True,
                "source": flag.get("source"),
                "message": flag.get("message"),
            }
            add("knowledge_base", a, b, flag.get("message"))
    return found


def _count(values: tuple[float, ...], unit: str) -> str:
    return " or ".join(f"{v:g}" for v in values) + f" {unit}"


def update_contradictions(store: Store) -> int:
    """Recompute the contradictions of every dirty cluster; one transaction. Returns how many."""
    conn = store.conn
    ensure_tables(conn)
    total = 0
    with Transaction(conn):
        dirty = [
            r[0] for r in conn.execute("SELECT id FROM corr_clusters WHERE dirty=1 ORDER BY id")
        ]
        if not dirty:
            return 0
        claims = load_claims(conn, dirty)
        ids = {a for cs in claims.values() for c in cs for a in c.actors | c.recipients}
        names = {
            r[0]: r[1]
            for r in select_in(conn, "SELECT id, name FROM actors WHERE id IN ({marks})", ids)
        }
        old = select_in(
            conn, "SELECT id FROM corr_contradictions WHERE cluster IN ({marks})", dirty
        )
        old_ids = [r[0] for r in old]
        execute_in(
            conn, "DELETE FROM corr_contradiction_events WHERE contradiction IN ({marks})", old_ids
        )
        execute_in(conn, "DELETE FROM corr_contradictions WHERE id IN ({marks})", old_ids)
        for cluster in dirty:
            for con in find(cluster, claims.get(cluster, []), names):
                conn.execute(
                    "INSERT OR REPLACE INTO corr_contradictions VALUES (?,?,?,?)",
                    (
                        con["id"],
                        cluster,
                        con["kind"],
                        json.dumps(con, ensure_ascii=False, sort_keys=True),
                    ),
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO corr_contradiction_events VALUES (?,?,?)",
                    [
                        (con["id"], e, i)
                        for i, side in enumerate(con["sides"])
                        for e in side["events"]
                    ],
                )
                total += 1
        execute_in(conn, "UPDATE corr_clusters SET dirty=0 WHERE id IN ({marks})", dirty)
    return total


def list_contradictions(store: Store, actor_id: str | None = None) -> list[dict[str, Any]]:
    """Every contradiction on file (or those whose claims involve ``actor_id``), oldest first.

    Each is ``{"id", "kind", "cluster", "type", "date", "summary", "sides": [a, b]}``; a side is
    ``{"claim", "events", "publishers", "evidence": [{"event", "document", "publisher",
    "modality", "quote"}]}`` (the knowledge-base side has ``"knowledge_base": true`` and
    ``"source"`` instead of evidence).
    """
    conn = store.conn
    ensure_tables(conn)
    sql = (
        "SELECT c.detail, k.type, k.date FROM corr_contradictions c"
        " JOIN corr_clusters k ON k.id = c.cluster"
    )
    args: tuple[str, ...] = ()
    if actor_id is not None:
        sql += (
            " WHERE c.id IN (SELECT ce.contradiction FROM corr_contradiction_events ce"
            " JOIN events e ON e.id = ce.event LEFT JOIN event_actors ea ON ea.event = e.id"
            " WHERE ea.actor = ? OR e.attributed_to = ?)"
        )
        args = (actor_id, actor_id)
    sql += " ORDER BY k.date IS NULL, k.date, c.cluster, c.kind, c.id"
    out = []
    for r in conn.execute(sql, args):
        con: dict[str, Any] = json.loads(r["detail"])
        con["type"] = r["type"]
        con["date"] = r["date"]
        out.append(con)
    return out
