"""Near-duplicate (syndicated) documents: copy groups from MinHash + LSH, incrementally.

A new document gets a MinHash signature (see :mod:`claimgraph.corroborate.minhash`); its LSH
buckets find earlier documents that may be copies; each candidate whose signature estimate is
near the threshold is checked by the exact Jaccard similarity of the two shingle sets, and at or
above :data:`~claimgraph.corroborate.minhash.COPY_THRESHOLD` the new document joins that
document's copy group. Groups are the connected components of the "is a copy of" relation, so
they do not depend on the order documents arrive in; a group's id is derived from the smallest
document id in it (``cpy-`` + hash) and is rewritten when two groups meet.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from claimgraph.corroborate import minhash
from claimgraph.corroborate.tables import Transaction, ensure_tables, select_in
from claimgraph.ids import digest
from claimgraph.store import Store

PREFILTER_SLACK = 0.15
"""Candidates whose signature estimate is this far below the threshold skip the exact check."""


@dataclass(frozen=True, slots=True)
class CopyUpdate:
    documents: int  # documents signed in this update
    copies: int  # of them, documents that joined an existing copy group


def group_id(document_ids: list[str] | set[str]) -> str:
    return "cpy-" + digest(min(document_ids))


def update_copy_groups(store: Store) -> CopyUpdate:
    """Sign every document that has no signature yet and place it in a copy group."""
    conn = store.conn
    ensure_tables(conn)
    signed = copies = 0
    with Transaction(conn):
        new = conn.execute(
            "SELECT d.id, d.text FROM documents d LEFT JOIN corr_signatures s ON s.document = d.id"
            " WHERE s.document IS NULL ORDER BY d.published, d.id"
        ).fetchall()
        for row in new:
            signed += 1
            copies += _add(conn, row["id"], row["text"])
    return CopyUpdate(documents=signed, copies=copies)


def _add(conn: sqlite3.Connection, doc_id: str, text: str) -> int:
    sh = minhash.shingles(text)
    if not sh:
        conn.execute(
            "INSERT INTO corr_signatures VALUES (?, NULL, 0, ?)", (doc_id, group_id([doc_id]))
        )
        return 0
    sig = minhash.signature(sh)
    keys = minhash.band_keys(sig)
    cands = select_in(
        conn,
        "SELECT DISTINCT s.document, s.minhash, s.copy_group FROM corr_bands b"
        " JOIN corr_signatures s ON s.document = b.document WHERE b.bucket IN ({marks})",
        keys,
    )
    groups: set[str] = set()
    for cand in sorted(cands, key=lambda r: str(r["document"])):
        if cand["copy_group"] in groups:
            continue
        if minhash.estimate(sig, minhash.unpack(cand["minhash"])) < (
            minhash.COPY_THRESHOLD - PREFILTER_SLACK
        ):
            continue
        other = conn.execute("SELECT text FROM documents WHERE id=?", (cand["document"],))
        if minhash.jaccard(sh, minhash.shingles(other.fetchone()[0])) >= minhash.COPY_THRESHOLD:
            groups.add(cand["copy_group"])
    members = {doc_id}
    if groups:
        rows = select_in(
            conn, "SELECT document FROM corr_signatures WHERE copy_group IN ({marks})", groups
        )
        members |= {r[0] for r in rows}
    gid = group_id(members)
    conn.execute(
        "INSERT INTO corr_signatures VALUES (?, ?, ?, ?)",
        (doc_id, minhash.pack(sig), len(sh), gid),
    )
    for old in groups - {gid}:
        conn.execute("UPDATE corr_signatures SET copy_group=? WHERE copy_group=?", (gid, old))
    conn.executemany("INSERT OR IGNORE INTO corr_bands VALUES (?, ?)", [(k, doc_id) for k in keys])
    return 1 if groups else 0


def copy_groups(conn: sqlite3.Connection) -> dict[str, str]:
    """Document id → copy group id, for every signed document."""
    return {r[0]: r[1] for r in conn.execute("SELECT document, copy_group FROM corr_signatures")}
