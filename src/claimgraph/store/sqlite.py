"""The SQLite store. Idempotent upserts keyed by content-derived ids; a file users can open too."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any, cast

from claimgraph.errors import StoreError
from claimgraph.model import Actor, Document, Event, Evidence, Extraction, Flag, Quantity, Relation

SCHEMA_VERSION = "1"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Store:
    """A claimgraph database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(
                f"{self.path} is not a claimgraph store (SQLite said: {exc})"
            ) from None

    def _migrate(self) -> None:
        schema = (
            resources.files("claimgraph.store").joinpath("schema.sql").read_text(encoding="utf-8")
        )
        self.conn.executescript(schema)
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {row[0]}, this claimgraph needs {SCHEMA_VERSION}; "
                "re-ingest into a new store"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------ writes
    def has_document(self, doc_id: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone()
            is not None
        )

    def write(self, ex: Extraction) -> bool:
        """Write one document and all its claims in one transaction. False if it was there already."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            d = ex.document
            cur = c.execute(
                "INSERT OR IGNORE INTO documents VALUES (?,?,?,?,?,?,?,?)",
                (
                    d.id,
                    d.url,
                    d.publisher,
                    d.title,
                    d.published,
                    d.language,
                    d.text,
                    dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                ),
            )
            if cur.rowcount == 0:
                c.execute("ROLLBACK")
                return False
            surfaces: dict[str, set[str]] = {}
            for m in ex.mentions:
                surfaces.setdefault(m.actor, set()).add(m.text)
            for actor in ex.actors.values():
                self._upsert_actor(actor, surfaces.get(actor.id, set()))
            c.executemany(
                "INSERT OR IGNORE INTO actor_ancestors VALUES (?,?)",
                [(a, up) for a, ups in sorted(ex.ancestors.items()) for up in ups],
            )
            c.executemany(
                "INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?,?,?)",
                [
                    (m.document, m.sentence, m.start, m.end, m.text, m.actor, m.method)
                    for m in ex.mentions
                ],
            )
            for r in ex.relations:
                e = r.evidence
                c.execute(
                    "INSERT OR REPLACE INTO relations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        r.id,
                        r.type,
                        r.subject,
                        r.object,
                        r.start,
                        r.end,
                        r.modality,
                        r.attributed_to,
                        e.document,
                        e.sentence,
                        e.start,
                        e.end,
                        e.quote,
                        _json([asdict(f) for f in r.flags]),
                    ),
                )
            for ev in ex.events:
                e = ev.evidence
                c.execute(
                    "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        ev.id,
                        ev.type,
                        ev.mode,
                        ev.date,
                        ev.date_end,
                        ev.location,
                        ev.country,
                        ev.modality,
                        ev.attributed_to,
                        ev.trigger,
                        e.document,
                        e.sentence,
                        e.start,
                        e.end,
                        e.quote,
                        _json([asdict(q) for q in ev.quantities]),
                        _json([asdict(f) for f in ev.flags]),
                    ),
                )
                rows = [(ev.id, a, "actor", i) for i, a in enumerate(ev.actors)]
                rows += [(ev.id, a, "recipient", i) for i, a in enumerate(ev.recipients)]
                c.executemany("INSERT OR IGNORE INTO event_actors VALUES (?,?,?,?)", rows)
            c.execute("COMMIT")
            return True
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _upsert_actor(self, actor: Actor, surfaces: set[str]) -> None:
        row = self.conn.execute("SELECT aliases FROM actors WHERE id=?", (actor.id,)).fetchone()
        aliases = list(actor.aliases)
        if row is not None:
            aliases = json.loads(row[0]) + [a for a in aliases if a not in json.loads(row[0])]
        aliases += sorted(s for s in surfaces if s not in aliases and s != actor.name)
        in_kb = int(not actor.id.startswith("cg-"))
        if row is None:
            self.conn.execute(
                "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?)",
                (
                    actor.id,
                    actor.name,
                    actor.type,
                    actor.country,
                    actor.sector,
                    _json(aliases),
                    actor.description,
                    in_kb,
                ),
            )
        else:
            self.conn.execute("UPDATE actors SET aliases=? WHERE id=?", (_json(aliases), actor.id))

    # ------------------------------------------------------------------ reads
    def counts(self) -> dict[str, int]:
        return {
            t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 (fixed names)
            for t in ("documents", "actors", "mentions", "relations", "events")
        }

    def documents(self) -> Iterator[Document]:
        for r in self.conn.execute("SELECT * FROM documents ORDER BY published, id"):
            yield Document(
                id=r["id"],
                text=r["text"],
                url=r["url"],
                publisher=r["publisher"],
                title=r["title"],
                published=r["published"],
                language=r["language"],
            )

    def document(self, doc_id: str) -> Document | None:
        r = self.conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        if r is None:
            return None
        return Document(
            id=r["id"],
            text=r["text"],
            url=r["url"],
            publisher=r["publisher"],
            title=r["title"],
            published=r["published"],
            language=r["language"],
        )

    def actor(self, actor_id: str) -> Actor | None:
        r = self.conn.execute("SELECT * FROM actors WHERE id=?", (actor_id,)).fetchone()
        return _actor(r) if r else None

    def actors(self) -> Iterator[tuple[Actor, int]]:
        """Every actor with its number of mentions, most mentioned first."""
        sql = (
            "SELECT a.*, (SELECT count(*) FROM mentions m WHERE m.actor=a.id) AS n "
            "FROM actors a ORDER BY n DESC, a.name"
        )
        for r in self.conn.execute(sql):
            yield _actor(r), int(r["n"])

    def relations(self, actor: str | None = None) -> Iterator[Relation]:
        sql, args = "SELECT * FROM relations", cast(tuple[str, ...], ())
        if actor:
            sql, args = sql + " WHERE subject=? OR object=?", (actor, actor)
        for r in self.conn.execute(sql + " ORDER BY document, sentence, id", args):
            yield Relation(
                id=r["id"],
                type=r["type"],
                subject=r["subject"],
                object=r["object"],
                evidence=Evidence(
                    r["document"], r["sentence"], r["ev_start"], r["ev_end"], r["quote"]
                ),
                start=r["start"],
                end=r["end"],
                modality=r["modality"],
                attributed_to=r["attributed_to"],
                flags=tuple(Flag(**f) for f in json.loads(r["flags"])),
            )

    def events(
        self,
        actor: str | None = None,
        types: list[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        document: str | None = None,
    ) -> Iterator[Event]:
        where, args = [], []
        if actor:
            where.append(
                "(e.id IN (SELECT event FROM event_actors WHERE actor=?) OR e.attributed_to=?)"
            )
            args += [actor, actor]
        if types:
            where.append(f"e.type IN ({','.join('?' * len(types))})")
            args += types
        if since:
            where.append("e.date IS NOT NULL AND substr(e.date || '-12-31', 1, 10) >= ?")
            args.append(since)
        if until:
            where.append("e.date IS NOT NULL AND e.date <= ?")
            args.append(until)
        if document:
            where.append("e.document=?")
            args.append(document)
        sql = "SELECT e.* FROM events e" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.conn.execute(
            sql + " ORDER BY e.date IS NULL, e.date, e.document, e.sentence, e.id", args
        ).fetchall()
        for r in rows:
            parts = self.conn.execute(
                "SELECT actor, role FROM event_actors WHERE event=? ORDER BY role, position",
                (r["id"],),
            ).fetchall()
            yield Event(
                id=r["id"],
                type=r["type"],
                mode=r["mode"],
                evidence=Evidence(
                    r["document"], r["sentence"], r["ev_start"], r["ev_end"], r["quote"]
                ),
                actors=tuple(p["actor"] for p in parts if p["role"] == "actor"),
                recipients=tuple(p["actor"] for p in parts if p["role"] == "recipient"),
                date=r["date"],
                date_end=r["date_end"],
                location=r["location"],
                country=r["country"],
                modality=r["modality"],
                attributed_to=r["attributed_to"],
                trigger=r["trigger"],
                quantities=tuple(Quantity(**q) for q in json.loads(r["quantities"])),
                flags=tuple(Flag(**f) for f in json.loads(r["flags"])),
            )

    def find_actors(self, query: str) -> list[Actor]:
        """Actors whose id, name or an alias matches the query (exact first, then normalised)."""
        from claimgraph.names import normalise

        exact = self.actor(query)
        if exact:
            return [exact]
        key = normalise(query)
        hits = []
        for r in self.conn.execute("SELECT * FROM actors"):
            names = [r["name"], *json.loads(r["aliases"])]
            if any(normalise(n) == key for n in names):
                hits.append(_actor(r))
        return hits

    # -------------------------------------------------------------- kb overlay
    def add_overlay(self, origin: str, record: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO kb_overlay (origin, record) VALUES (?, ?)", (origin, _json(record))
        )

    def overlays(self) -> list[tuple[str, dict[str, Any]]]:
        rows = self.conn.execute("SELECT origin, record FROM kb_overlay ORDER BY seq").fetchall()
        return [(r[0], json.loads(r[1])) for r in rows]


def _actor(r: sqlite3.Row) -> Actor:
    return Actor(
        id=r["id"],
        name=r["name"],
        type=r["type"],
        country=r["country"],
        sector=r["sector"],
        aliases=tuple(json.loads(r["aliases"])),
        description=r["description"],
    )
