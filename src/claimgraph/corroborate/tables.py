"""The corroboration tables, created on the store's connection, and small SQL helpers.

Every table name starts with ``corr_`` so they stand apart from the store's own tables. They
hold derived data only: dropping them all and running :func:`claimgraph.corroborate.corroborate`
again rebuilds them (as one batch, which may place a few events differently from a history of
incremental runs; copy groups come out the same either way).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

SCHEMA = """
CREATE TABLE IF NOT EXISTS corr_signatures (
    document TEXT PRIMARY KEY REFERENCES documents(id), minhash BLOB, shingles INTEGER NOT NULL,
    copy_group TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corr_signatures_group ON corr_signatures(copy_group);
CREATE TABLE IF NOT EXISTS corr_bands (
    bucket TEXT NOT NULL, document TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (bucket, document)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corr_clusters (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, date TEXT, date_lo TEXT, date_hi TEXT,
    founder TEXT NOT NULL, size INTEGER NOT NULL, dirty INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS corr_clusters_dirty ON corr_clusters(dirty);
CREATE TABLE IF NOT EXISTS corr_cluster_events (
    event TEXT PRIMARY KEY REFERENCES events(id), cluster TEXT NOT NULL REFERENCES corr_clusters(id),
    score INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS corr_cluster_events_cluster ON corr_cluster_events(cluster);
CREATE TABLE IF NOT EXISTS corr_cluster_keys (
    key TEXT NOT NULL, cluster TEXT NOT NULL REFERENCES corr_clusters(id),
    PRIMARY KEY (key, cluster)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corr_contradictions (
    id TEXT PRIMARY KEY, cluster TEXT NOT NULL REFERENCES corr_clusters(id), kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corr_contradictions_cluster ON corr_contradictions(cluster);
CREATE TABLE IF NOT EXISTS corr_contradiction_events (
    contradiction TEXT NOT NULL REFERENCES corr_contradictions(id),
    event TEXT NOT NULL REFERENCES events(id), side INTEGER NOT NULL,
    PRIMARY KEY (contradiction, event, side)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS corr_contradiction_events_event ON corr_contradiction_events(event);
CREATE TABLE IF NOT EXISTS corr_doc_terms (
    document TEXT PRIMARY KEY REFERENCES documents(id), lexicon TEXT NOT NULL,
    sentences INTEGER NOT NULL, loaded INTEGER NOT NULL, terms TEXT NOT NULL
);
"""

TABLES = (
    "corr_signatures",
    "corr_bands",
    "corr_clusters",
    "corr_cluster_events",
    "corr_cluster_keys",
    "corr_contradictions",
    "corr_contradiction_events",
    "corr_doc_terms",
)

CHUNK = 500  # bound on SQL parameters per statement (SQLite's default limit is 999 or more)

T = TypeVar("T")


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the corroboration tables if they are missing (idempotent)."""
    conn.executescript(SCHEMA)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def select_in(
    conn: sqlite3.Connection, sql: str, values: Iterable[Any], before: Sequence[Any] = ()
) -> list[sqlite3.Row]:
    """Run ``sql`` (with one ``{marks}`` placeholder for an IN list) over ``values`` in chunks."""
    rows: list[sqlite3.Row] = []
    vals = list(dict.fromkeys(values))
    for part in chunks(vals):
        marks = ",".join("?" * len(part))
        rows.extend(conn.execute(sql.format(marks=marks), (*before, *part)).fetchall())
    return rows


def execute_in(
    conn: sqlite3.Connection, sql: str, values: Iterable[Any], before: Sequence[Any] = ()
) -> None:
    """Run a statement with one ``{marks}`` IN list over ``values`` in chunks."""
    vals = list(dict.fromkeys(values))
    for part in chunks(vals):
        conn.execute(sql.format(marks=",".join("?" * len(part))), (*before, *part))


class Transaction:
    """``with Transaction(conn):`` — BEGIN IMMEDIATE, COMMIT on success, ROLLBACK on error.

    The store's connection is in autocommit mode (``isolation_level=None``), so every update of
    the corroboration tables is one explicit transaction that takes the write lock up front.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type is not None else "COMMIT")
