"""Same-event clustering: reports of one event, from any number of documents, become one cluster.

An event joins a cluster when (see ``docs/corroboration.md``):

* its type is in the same family (today: the same PLOVER type; :data:`TYPE_FAMILIES` is where a
  deliberate exception would go), and a hypothetical claim (a plan) only meets hypothetical ones;
* its date fits the cluster's date window: partial dates are ranges ("2021-11" fits
  "2021-11-07"), day-precision dates may differ by at most
  :data:`~claimgraph.corroborate.dates.DATE_TOLERANCE_DAYS`; undated events join undated
  clusters (a dated one only as below);
* no participant changes role (an actor of one is never a recipient of the other) and the
  recipients, when both sides name some, overlap;
* participants overlap with a member: actors and recipients both; or one side overlaps while the
  other is empty on either event; or — so that disagreeing sources still meet — the recipients
  overlap, the actors are disjoint, and both events carry a day-precision date. Undated events
  need both actors and recipients to overlap with a member from another document. Participants
  "overlap" when they are the same actor or one is part of the other on file (see
  :mod:`~claimgraph.corroborate.hierarchy`);
* a few joins are allowed only when a single candidate exists (an undated report and the one
  dated event it can be; a report naming no target and the one event that day in its country; a
  report dated to a month or year and the one event on its target then).

Events are processed in a fixed order (most precise date first, then date; on one date events
naming a target or place first; then type and id) and a
cluster's id is ``clu-`` + a hash of the event that founded it, so the same events give the same
clusters. Each run only places events not yet in a cluster; clusters are found through an index
of ``type family | period | participant`` keys, so the work per event does not grow with the
store. Clusters are never split or merged after the fact.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from claimgraph.corroborate import dates
from claimgraph.corroborate.hierarchy import ancestor_map, meet, upward
from claimgraph.corroborate.tables import Transaction, ensure_tables, select_in
from claimgraph.ids import digest
from claimgraph.names import normalise
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
    date: str | None  # the partial date shown for the cluster (a range: its covering month/year)
    document: str
    actors: frozenset[str]
    recipients: frozenset[str]
    span: dates.Span | None  # the days the event's date or date range covers
    place: str | None = None  # normalised name of a place more specific than a state
    frame: tuple[int, int] | None = None  # when undated: the days its document speaks of
    published: bool = False  # its document has a publication date
    joinable: bool = True  # when undated: may be one of a dated cluster (see _fit_undated)
    actors_up: frozenset[str] = frozenset()  # the actors and what they are part of (see meet)
    recipients_up: frozenset[str] = frozenset()
    # a plan, a possibility: never one event with a report that it happened
    hypothetical: bool = False
    country: str | None = None  # ISO3 of where it happened, when the text says

    @property
    def kind(self) -> str:
        """The type family, marked for hypothetical claims."""
        return family(self.type) + ("?" if self.hypothetical else "")

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.recipients

    @property
    def participants_up(self) -> frozenset[str]:
        return self.actors_up | self.recipients_up

    @property
    def day(self) -> int | None:
        """The ordinal of a day-precision date."""
        return self.span[0] if self.span is not None and self.span[2] == dates.DAY else None

    @property
    def narrow(self) -> bool:
        """Dated to a day or a range of at most a week ("this week")."""
        return self.span is not None and self.span[1] - self.span[0] <= 7

    @property
    def open(self) -> bool:
        """Names neither a recipient nor a place more specific than a state."""
        return not self.recipients and self.place is None

    def _country_keys(self, widen: int) -> list[str]:
        """Per-day keys in its country, for narrow events (see _fits_open)."""
        if not self.narrow or self.country is None or self.span is None:
            return []
        lo, hi = self.span[0] - widen, self.span[1] + widen
        return [f"{self.kind}|d{day}|#{self.country}" for day in range(lo, hi + 1)]

    def _keys(self, periods: list[str]) -> list[str]:
        fam = self.kind
        names = sorted(self.participants_up) + ([f"@{self.place}"] if self.place else [])
        return [f"{fam}|{period}|{p}" for period in periods for p in names]

    def _pair_keys(self) -> list[str]:
        """Period-free keys for a full match (actor with recipient, or actor at a place)."""
        fam = self.kind
        others = sorted(self.recipients_up) + ([f"@{self.place}"] if self.place else [])
        return [f"{fam}|*|{a}>{o}" for a in sorted(self.actors_up) for o in others]

    def index_keys(self) -> list[str]:
        periods = dates.index_periods(self.span)
        return self._keys(periods) + self._pair_keys() + self._country_keys(0)

    def lookup_keys(self) -> list[str]:
        keys = self._keys(dates.lookup_periods(self.span))
        keys += self._country_keys(dates.DATE_TOLERANCE_DAYS)
        if self.span is None and self.joinable:
            # an undated report may still be one of a dated cluster (see _fit_undated)
            if self.published and self.frame is not None:
                keys += self._keys(dates.lookup_periods((*self.frame, dates.MONTH)))
            else:
                keys += self._pair_keys()
        return keys


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
    actors_up: set[str] = field(default_factory=set)
    recipients_up: set[str] = field(default_factory=set)
    new: bool = False
    changed: bool = False

    @property
    def kind(self) -> str:
        """Its founder's type family and hypothetical mark (see _Member.kind)."""
        return self.members[0].kind if self.members else family(self.type)

    def take(self, m: _Member) -> None:
        """Add a member's participants (loading a stored cluster)."""
        self.members.append(m)
        self.actors |= m.actors
        self.recipients |= m.recipients
        self.actors_up |= m.actors_up
        self.recipients_up |= m.recipients_up

    def add(self, m: _Member) -> None:
        self.take(m)
        w = dates.window(m.span)
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


def _pair(e: _Member, m: _Member, exact: bool = False) -> int:
    """How well an event matches one member on participants: 3 both sides (an actor with a
    recipient, or with the same specific place when a side names no recipient), 2 one side,
    0 none. ``exact``: the same actors only, not a whole and its part."""
    if exact:
        ao, ro = bool(e.actors & m.actors), bool(e.recipients & m.recipients)
    else:
        ao = meet(e.actors, e.actors_up, m.actors, m.actors_up)
        ro = meet(e.recipients, e.recipients_up, m.recipients, m.recipients_up)
    same_place = e.place is not None and e.place == m.place
    open_r = not e.recipients or not m.recipients
    open_a = not e.actors or not m.actors
    if ao and (ro or (same_place and open_r)):
        return 3
    if ro and same_place and open_a:
        return 3
    if (ao and open_r) or (ro and open_a):
        return 2
    if same_place and (not e.participants or not m.participants) and e.narrow and m.narrow:
        return 2  # "Camp X came under a rocket attack" on the same day
    return 0


def _conflicting(e: _Member, c: _Cluster) -> bool:
    """A participant changes role, or both name recipients and none is shared."""
    if e.actors & c.recipients or e.recipients & c.actors:
        # Actor and recipient swapped: a different event (or a reply to it). Same ids only: a
        # militia that is part of the security forces on file may well attack other forces.
        return True
    return bool(
        e.recipients
        and c.recipients
        and not meet(e.recipients, e.recipients_up, c.recipients, c.recipients_up)
    )


def _disagree(e: _Member, c: _Cluster) -> bool:
    """Both name actors and none is shared (different perpetrators)."""
    return bool(e.actors and c.actors and not meet(e.actors, e.actors_up, c.actors, c.actors_up))


def _fit(e: _Member, c: _Cluster) -> int:
    """0 if the event cannot join the cluster, else a score (higher is a closer match)."""
    if e.kind != c.kind:
        return 0
    s = e.span
    if s is None:
        return _fit_undated(e, c)
    if c.lo is None or c.hi is None:
        return 0
    if s[1] < c.lo or s[0] > c.hi:
        return 0
    if _conflicting(e, c):
        return 0
    if _disagree(e, c):
        # Disagreeing perpetrators: merge on the same target or the same place, the type and a
        # day (or a range of at most a week) only.
        if not e.narrow:
            return 0
        ok = any(
            m.narrow
            and (
                meet(m.recipients, m.recipients_up, e.recipients, e.recipients_up)
                or (e.place is not None and e.place == m.place)
            )
            for m in c.members
        )
        return 1 if ok else 0
    return max((_pair(e, m) for m in c.members), default=0)


def _same_day_and_country(e: _Member, c: _Cluster) -> bool:
    """A narrow event and a cluster of its kind with a narrow member on a fitting day, in the
    same country."""
    s = e.span
    if s is None or not e.narrow or e.country is None or e.kind != c.kind:
        return False
    if c.lo is None or c.hi is None or s[1] < c.lo or s[0] > c.hi:
        return False
    return any(m.narrow and m.country == e.country for m in c.members)


def _fits_open(e: _Member, c: _Cluster) -> bool:
    """Disagreeing perpetrators where one side names no target and no place ("he orchestrated
    the attack on December 27th" in Iraq; "KH launched a rocket attack on a base near Kirkuk"
    on December 27): nothing to compare but the day and the country. The caller keeps it only
    when a single cluster of that day and country exists."""
    if _conflicting(e, c) or not _disagree(e, c):
        return False
    return e.open or all(m.open for m in c.members)


def _same_target_in_period(e: _Member, c: _Cluster) -> bool:
    """A report dated to a month or a year ("in 2021, Tehran launched a drone attack against
    Kadhimi") and a cluster of its kind inside that period with a recipient in common (an actor
    and a recipient never swapped). The caller keeps it only when a single such cluster exists."""
    s = e.span
    if s is None or e.narrow or not e.recipients or e.kind != c.kind or _conflicting(e, c):
        return False
    if c.lo is None or c.hi is None or c.hi < s[0] or c.lo > s[1]:
        return False
    return meet(e.recipients, e.recipients_up, c.recipients, c.recipients_up)


def _fit_undated(e: _Member, c: _Cluster) -> int:
    """An undated event joins an undated cluster on a full match with a member from another
    document. It may join a dated cluster when the cluster's dates fall in the days its document
    speaks of (the month before publication; else the dates the text gives, widened by a month;
    else anywhere) and it matches fully, or — within the month before publication — on one
    side with nothing on the other contradicting it. The caller keeps such a join only when a
    single dated cluster fits."""
    if _conflicting(e, c) or _disagree(e, c):
        return 0  # undated claims never meet on disagreeing perpetrators
    if c.lo is None or c.hi is None:
        if any(m.document == e.document for m in c.members):
            return 0  # undated: two mentions in one document may be two events
        return 3 if any(_pair(e, m) == 3 for m in c.members) else 0
    if not e.joinable:
        return 0
    if e.frame is not None and (c.hi < e.frame[0] or c.lo > e.frame[1]):
        return 0
    # a loose date and a loose match do not add up: here a whole does not stand for its part
    best = max((_pair(e, m, exact=True) for m in c.members if m.document != e.document), default=0)
    if best == 3 or (best == 2 and e.published and e.frame is not None):
        return best
    return 0


def _order(m: _Member) -> tuple[int, int, bool, str, str]:
    """Most precise dates first, then by date; on one date, events naming a target or a place
    before those naming neither (so that these see every event of their day, see _fits_open)."""
    s = m.span
    if s is None:
        return (dates.NONE, 0, m.open, m.type, m.id)
    return (s[2], s[0], m.open, m.type, m.id)


FRAME_DAYS = 31
"""An undated report in a dated document is taken to speak of the month before publication; an
undated document speaks of the dates its text gives, widened by this many days."""

FRAME_MAX_DAYS = 2 * 366
"""An undated document whose dates span more than this (a history, an encyclopedia article) does
not say when its undated statements happened: they never join a dated cluster."""


@dataclass(frozen=True, slots=True)
class _World:
    """What the store knows beyond the events: state names, and what actors are part of."""

    states: frozenset[str] = frozenset()
    ancestors: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def up(self, ids: list[str]) -> frozenset[str]:
        return upward(ids, self.ancestors)


def _member(
    row: sqlite3.Row,
    parts: dict[str, tuple[list[str], list[str]]],
    world: _World,
    frames: dict[str, tuple[int, int]] | None = None,
) -> _Member:
    actors, recipients = parts.get(row["id"], ([], []))
    states = world.states
    sp = dates.range_span(row["date"], row["date_end"])
    place = normalise(row["location"]) if row["location"] else None
    published = dates.span(row["published"])
    frame = None
    joinable = True
    if sp is None and frames is not None:
        if published is not None:
            frame = (published[1] - FRAME_DAYS, published[1])
        else:
            frame = frames.get(row["document"])
            joinable = frame is None or frame[1] - frame[0] <= FRAME_MAX_DAYS + 2 * FRAME_DAYS
    return _Member(
        id=row["id"],
        type=row["type"],
        date=dates.covering(row["date"], row["date_end"]),
        document=row["document"],
        actors=frozenset(actors),
        recipients=frozenset(recipients),
        span=sp,
        place=place if place and place not in states else None,
        frame=frame,
        published=published is not None,
        joinable=joinable,
        actors_up=world.up(actors),
        recipients_up=world.up(recipients),
        hypothetical=row["modality"] == "hypothetical",
        country=row["country"],
    )


def _state_names(conn: sqlite3.Connection) -> frozenset[str]:
    """Normalised names and aliases of the states in the store: a state, or its capital
    written as its alias, is too wide a place to tell events apart."""
    out: set[str] = set()
    for name, aliases in conn.execute("SELECT name, aliases FROM actors WHERE type = 'state'"):
        out.add(normalise(name))
        out.update(normalise(a) for a in json.loads(aliases or "[]"))
    return frozenset(out)


def _document_frames(conn: sqlite3.Connection, docs: set[str]) -> dict[str, tuple[int, int]]:
    """For documents without a publication date: the days between the first and the last date
    their events give, widened by :data:`FRAME_DAYS`."""
    out: dict[str, tuple[int, int]] = {}
    for r in select_in(
        conn,
        "SELECT e.document, e.date, e.date_end FROM events e JOIN documents d"
        " ON d.id = e.document WHERE d.published IS NULL AND e.date IS NOT NULL"
        " AND e.document IN ({marks})",
        sorted(docs),
    ):
        sp = dates.range_span(r[1], r[2])
        if sp is None:
            continue
        lo, hi = out.get(r[0], (sp[0], sp[1]))
        out[r[0]] = (min(lo, sp[0]), max(hi, sp[1]))
    return {d: (lo - FRAME_DAYS, hi + FRAME_DAYS) for d, (lo, hi) in out.items()}


def _participants(rows: list[sqlite3.Row]) -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for r in rows:
        out[r["event"]][0 if r["role"] == "actor" else 1].append(r["actor"])
    return out


_EVENT_COLUMNS = (
    "e.id, e.type, e.modality, e.date, e.date_end, e.document, e.location, e.country,"
    " d.published"
    " FROM events e JOIN documents d ON d.id = e.document"
)


def _unassigned(conn: sqlite3.Connection, world: _World) -> list[_Member]:
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS}"
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
    frames = _document_frames(conn, {r["document"] for r in rows if r["date"] is None})
    return sorted((_member(r, parts, world, frames) for r in rows), key=_order)


def _load(
    conn: sqlite3.Connection, keys: set[str], world: _World
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
        "SELECT c.cluster, e.id, e.type, e.modality, e.date, e.date_end, e.document, e.location,"
        " e.country, d.published"
        " FROM corr_cluster_events c JOIN events e ON e.id = c.event"
        " JOIN documents d ON d.id = e.document"
        " WHERE c.cluster IN ({marks}) ORDER BY c.rowid",
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
        clusters[r["cluster"]].take(_member(r, parts, world))
    return clusters, index


def update_clusters(store: Store) -> ClusterUpdate:
    """Place every event that is not in a cluster yet; one transaction."""
    conn = store.conn
    ensure_tables(conn)
    with Transaction(conn):
        world = _World(_state_names(conn), ancestor_map(conn))
        events = _unassigned(conn, world)
        if not events:
            return ClusterUpdate(0, 0, 0, ())
        wanted = {k for e in events for k in e.lookup_keys()}
        clusters, index = _load(conn, wanted, world)
        placed: list[tuple[str, str, int]] = []
        joined = 0
        for e in events:
            best = _best_cluster(e, clusters, index)
            if best is None:
                w = dates.window(e.span)
                c = _Cluster(
                    cluster_id(e.id), e.type, w[0] if w else None, w[1] if w else None, e.id
                )
                c.new = True
                clusters[c.id] = c
                score = 0
            else:
                c, score = clusters[best[1]], best[0]
                joined += 1
            c.add(e)
            for k in e.index_keys():
                index[k].add(c.id)
            placed.append((e.id, c.id, score))
        _save(conn, clusters, placed)
        touched = tuple(sorted(c.id for c in clusters.values() if c.changed))
        new = sum(1 for c in clusters.values() if c.new)
        return ClusterUpdate(len(placed), new, joined, touched)


def _best_cluster(
    e: _Member, clusters: dict[str, _Cluster], index: dict[str, set[str]]
) -> tuple[int, str] | None:
    """(score, cluster id) of the cluster the event fits best, or None."""
    cands = sorted({cid for k in e.lookup_keys() for cid in index.get(k, ())})
    best: tuple[int, int, str] | None = None
    dated: list[tuple[int, str]] = []
    mid = None if e.span is None else (e.span[0] + e.span[1]) // 2
    for cid in cands:
        c = clusters[cid]
        score = _fit(e, c)
        if score == 0:
            continue
        if e.span is None and c.lo is not None:
            dated.append((score, cid))
            continue
        dist = 0
        if mid is not None and c.lo is not None and c.hi is not None:
            dist = abs(mid - (c.lo + c.hi) // 2)
        rank = (score, -dist, cid)
        if best is None or rank[:2] > best[:2]:
            best = rank
    if len(dated) == 1:
        return dated[0]  # an undated report of the one dated event it can be
    if best is None:
        same = [cid for cid in cands if _same_day_and_country(e, clusters[cid])]
        if len(same) == 1 and _fits_open(e, clusters[same[0]]):
            return 1, same[0]  # the one event of its kind that day in that country
        targets = [cid for cid in cands if _same_target_in_period(e, clusters[cid])]
        if len(targets) == 1 and _disagree(e, clusters[targets[0]]):
            return 1, targets[0]  # the one attack on this target in the year the report gives
    return (best[0], best[2]) if best is not None else None


def representative_date(members: list[_Member]) -> str | None:
    """The cluster's date: the most frequent of its most precise member dates (earliest on ties)."""
    dated = [(s[2], m.date) for m in members if (s := dates.span(m.date)) is not None and m.date]
    if not dated:
        return None
    best = min(p for p, _ in dated)
    counts = Counter(d for p, d in dated if p == best)
    return min(counts, key=lambda d: (-counts[d], d))


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
