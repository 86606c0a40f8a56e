"""Same-event clustering: reports of one event, from any number of documents, become one cluster.

An event joins a cluster when (see ``docs/corroboration.md``):

* its type is in the same family (today: the same PLOVER type; :data:`TYPE_FAMILIES` is where a
  deliberate exception would go);
* its date fits the cluster's date window: partial dates are ranges ("2021-11" fits
  "2021-11-07"), day-precision dates may differ by at most
  :data:`~claimgraph.corroborate.dates.DATE_TOLERANCE_DAYS`; undated events only join undated
  clusters;
* no participant changes role (an actor of one is never a recipient of the other) and the
  recipients, when both sides name some, overlap;
* participants overlap with a member: actors and recipients both; or one side overlaps while the
  other is empty on either event; or — so that disagreeing sources still meet — the recipients
  overlap, the actors are disjoint, and both events carry a day-precision date. Undated events
  need both actors and recipients to overlap with a member from another document.

Events are processed in a fixed order (most precise date first, then date, type and id) and a
cluster's id is ``clu-`` + a hash of the event that founded it, so the same events give the same
clusters. Each run only places events not yet in a cluster; clusters are found through an index
of ``type family | period | participant`` keys, so the work per event does not grow with the
store. Clusters are never split or merged after the fact.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from claimgraph.corroborate import dates
from claimgraph.corroborate.tables import Transaction, ensure_tables, select_in
from claimgraph.ids import digest
from claimgraph.store import Store

TYPE_FAMILIES: dict[str, str] = {}
"""Event types that may cluster with another type, mapped to a shared family name.

Empty on purpose: an ASSAULT is never merged with a COERCE or a THREATEN, because a report of a
threat and a report of the attack are different claims, and an arrest is not a strike.
"""


def family(event_type: str) -> str:
    return TYPE_FAMILIES.get(event_type, event_type)


@dataclass(frozen=True, slots=True)
class _Member:
    id: str
    type: str
    date: str | None
    document: str
    actors: frozenset[str]
    recipients: frozenset[str]
    day: int | None  # ordinal of a day-precision date

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.recipients

    def index_keys(self) -> list[str]:
        period = dates.index_period(self.date)
        return [f"{family(self.type)}|{period}|{p}" for p in sorted(self.participants)]

    def lookup_keys(self) -> list[str]:
        fam = family(self.type)
        return [
            f"{fam}|{period}|{p}"
            for period in dates.lookup_periods(self.date)
            for p in sorted(self.participants)
        ]


@dataclass(slots=True)
class _Cluster:
    id: str
    type: str
    lo: int | None
    hi: int | None
    founder: str
    members: list[_Member] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    new: bool = False
    changed: bool = False

    def add(self, m: _Member) -> None:
        self.members.append(m)
        self.actors |= m.actors
        self.recipients |= m.recipients
        w = dates.window(m.date)
        if w is not None and self.lo is not None and self.hi is not None:
            self.lo, self.hi = max(self.lo, w[0]), min(self.hi, w[1])
        self.changed = True


@dataclass(frozen=True, slots=True)
class ClusterUpdate:
    events: int  # events placed in this update
    new_clusters: int
    joined: int  # events that joined an existing cluster
    touched: tuple[str, ...]  # ids of the clusters created or grown


def cluster_id(founder_event: str) -> str:
    return "clu-" + digest(founder_event)


def _pair(e: _Member, m: _Member) -> int:
    """How well an event matches one member on participants: 3 both sides, 2 one side, 0 none."""
    ao, ro = e.actors & m.actors, e.recipients & m.recipients
    if e.day is None and dates.span(e.date) is None:
        return 3 if ao and ro else 0
    if ao and ro:
        return 3
    if ao and (not e.recipients or not m.recipients):
        return 2
    if ro and (not e.actors or not m.actors):
        return 2
    return 0


def _fit(e: _Member, c: _Cluster) -> int:
    """0 if the event cannot join the cluster, else a score (higher is a closer match)."""
    if family(e.type) != family(c.type):
        return 0
    s = dates.span(e.date)
    if (s is None) != (c.lo is None):
        return 0
    if s is not None and c.lo is not None and c.hi is not None and (s[1] < c.lo or s[0] > c.hi):
        return 0
    if s is None and any(m.document == e.document for m in c.members):
        return 0  # undated: two mentions in one document may be two events
    if e.actors & c.recipients or e.recipients & c.actors:
        return 0  # actor and recipient swapped: a different event (or a reply to it)
    if e.recipients and c.recipients and not e.recipients & c.recipients:
        return 0  # different targets
    if e.actors and c.actors and not e.actors & c.actors:
        # Disagreeing perpetrators: merge on recipients + type + day-precision date only.
        if e.day is None:
            return 0
        ok = any(m.day is not None and m.recipients & e.recipients for m in c.members)
        return 1 if ok else 0
    best = 0
    for m in c.members:
        best = max(best, _pair(e, m))
        if best == 3:
            break
    return best


def _order(m: _Member) -> tuple[int, int, str, str]:
    s = dates.span(m.date)
    return (s[2], s[0], m.type, m.id) if s is not None else (dates.NONE, 0, m.type, m.id)


def _member(row: sqlite3.Row, parts: dict[str, tuple[list[str], list[str]]]) -> _Member:
    actors, recipients = parts.get(row["id"], ([], []))
    date = dates.covering(row["date"], row["date_end"])
    s = dates.span(date)
    return _Member(
        id=row["id"],
        type=row["type"],
        date=date,
        document=row["document"],
        actors=frozenset(actors),
        recipients=frozenset(recipients),
        day=s[0] if s is not None and s[2] == dates.DAY else None,
    )


def _participants(rows: list[sqlite3.Row]) -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for r in rows:
        out[r["event"]][0 if r["role"] == "actor" else 1].append(r["actor"])
    return out


def _unassigned(conn: sqlite3.Connection) -> list[_Member]:
    rows = conn.execute(
        "SELECT e.id, e.type, e.date, e.date_end, e.document FROM events e"
        " LEFT JOIN corr_cluster_events c ON c.event = e.id WHERE c.event IS NULL"
    ).fetchall()
    if not rows:
        return []
    parts = _participants(
        conn.execute(
            "SELECT ea.event, ea.actor, ea.role FROM event_actors ea"
            " LEFT JOIN corr_cluster_events c ON c.event = ea.event WHERE c.event IS NULL"
        ).fetchall()
    )
    return sorted((_member(r, parts) for r in rows), key=_order)


def _load(
    conn: sqlite3.Connection, keys: set[str]
) -> tuple[dict[str, _Cluster], dict[str, set[str]]]:
    """The existing clusters indexed under any of ``keys``, and the index entries for them."""
    index: dict[str, set[str]] = defaultdict(set)
    if conn.execute("SELECT 1 FROM corr_clusters LIMIT 1").fetchone() is None:
        return {}, index
    for r in select_in(
        conn, "SELECT key, cluster FROM corr_cluster_keys WHERE key IN ({marks})", keys
    ):
        index[r[0]].add(r[1])
    ids = sorted({c for cs in index.values() for c in cs})
    clusters: dict[str, _Cluster] = {}
    for r in select_in(conn, "SELECT * FROM corr_clusters WHERE id IN ({marks})", ids):
        lo = dates.ordinal(r["date_lo"]) if r["date_lo"] else None
        hi = dates.ordinal(r["date_hi"]) if r["date_hi"] else None
        clusters[r["id"]] = _Cluster(r["id"], r["type"], lo, hi, r["founder"])
    rows = select_in(
        conn,
        "SELECT c.cluster, e.id, e.type, e.date, e.date_end, e.document FROM corr_cluster_events c"
        " JOIN events e ON e.id = c.event WHERE c.cluster IN ({marks}) ORDER BY c.rowid",
        ids,
    )
    parts = _participants(
        select_in(
            conn,
            "SELECT ea.event, ea.actor, ea.role FROM corr_cluster_events c"
            " JOIN event_actors ea ON ea.event = c.event WHERE c.cluster IN ({marks})",
            ids,
        )
    )
    for r in rows:
        c = clusters[r["cluster"]]
        m = _member(r, parts)
        c.members.append(m)
        c.actors |= m.actors
        c.recipients |= m.recipients
    return clusters, index


def update_clusters(store: Store) -> ClusterUpdate:
    """Place every event that is not in a cluster yet; one transaction."""
    conn = store.conn
    ensure_tables(conn)
    with Transaction(conn):
        events = _unassigned(conn)
        if not events:
            return ClusterUpdate(0, 0, 0, ())
        wanted = {k for e in events for k in e.lookup_keys()}
        clusters, index = _load(conn, wanted)
        placed: list[tuple[str, str, int]] = []
        joined = 0
        for e in events:
            best: tuple[int, int, str] | None = None
            cands = sorted({cid for k in e.lookup_keys() for cid in index.get(k, ())})
            mid = _midpoint(e.date)
            for cid in cands:
                c = clusters[cid]
                score = _fit(e, c)
                if score == 0:
                    continue
                dist = 0
                if mid is not None and c.lo is not None and c.hi is not None:
                    dist = abs(mid - (c.lo + c.hi) // 2)
                rank = (score, -dist, cid)
                if best is None or rank[:2] > best[:2]:
                    best = rank
            if best is None:
                w = dates.window(e.date)
                c = _Cluster(
                    cluster_id(e.id), e.type, w[0] if w else None, w[1] if w else None, e.id
                )
                c.new = True
                clusters[c.id] = c
                score = 0
            else:
                c, score = clusters[best[2]], best[0]
                joined += 1
            c.add(e)
            for k in e.index_keys():
                index[k].add(c.id)
            placed.append((e.id, c.id, score))
        _save(conn, clusters, placed)
        touched = tuple(sorted(c.id for c in clusters.values() if c.changed))
        new = sum(1 for c in clusters.values() if c.new)
        return ClusterUpdate(len(placed), new, joined, touched)


def representative_date(members: list[_Member]) -> str | None:
    """The cluster's date: the most frequent of its most precise member dates (earliest on ties)."""
    dated = [(s[2], m.date) for m in members if (s := dates.span(m.date)) is not None and m.date]
    if not dated:
        return None
    best = min(p for p, _ in dated)
    counts = Counter(d for p, d in dated if p == best)
    return min(counts, key=lambda d: (-counts[d], d))


def _midpoint(date: str | None) -> int | None:
    s = dates.span(date)
    return None if s is None else (s[0] + s[1]) // 2


def _save(
    conn: sqlite3.Connection, clusters: dict[str, _Cluster], placed: list[tuple[str, str, int]]
) -> None:
    def bound(v: int | None) -> str | None:
        return dates.iso(v) if v is not None else None

    changed = [c for c in clusters.values() if c.changed]
    conn.executemany(
        "INSERT INTO corr_clusters VALUES (?,?,?,?,?,?,?,1)",
        [
            (
                c.id,
                c.type,
                representative_date(c.members),
                bound(c.lo),
                bound(c.hi),
                c.founder,
                len(c.members),
            )
            for c in changed
            if c.new
        ],
    )
    conn.executemany(
        "UPDATE corr_clusters SET date=?, date_lo=?, date_hi=?, size=?, dirty=1 WHERE id=?",
        [
            (representative_date(c.members), bound(c.lo), bound(c.hi), len(c.members), c.id)
            for c in changed
            if not c.new
        ],
    )
    conn.executemany("INSERT INTO corr_cluster_events VALUES (?,?,?)", placed)
    by_id = {m.id: m for c in changed for m in c.members}
    conn.executemany(
        "INSERT OR IGNORE INTO corr_cluster_keys VALUES (?,?)",
        [(k, cid) for eid, cid, _ in placed for k in by_id[eid].index_keys()],
    )
