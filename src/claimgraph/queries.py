"""Read-side questions over the store, as rows for listings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimgraph.errors import NotFoundError
from claimgraph.export.jsonl import record_of_event, record_of_relation
from claimgraph.model import EVENT_TYPES
from claimgraph.store import Store


def actor_id_for(store: Store, query: str) -> list[str]:
    """Ids of the actors a name, alias or id refers to; a clear error when there is none."""
    hits = store.find_actors(query)
    if not hits:
        raise NotFoundError(
            f"no actor called {query!r} in {store.path}; `claimgraph actors` lists them"
        )
    return [a.id for a in hits]


def _names(store: Store) -> dict[str, str]:
    return {a.id: a.name for a, _n in store.actors()}


def _publishers(store: Store) -> dict[str, str | None]:
    return {r[0]: r[1] for r in store.conn.execute("SELECT id, publisher FROM documents")}


def event_rows(
    store: Store,
    actor: str | None = None,
    types: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[dict[str, Any]]:
    types = [t.upper() for t in types] if types else None
    for t in types or []:
        if t not in EVENT_TYPES:
            raise NotFoundError(
                f"unknown event type {t!r}; PLOVER types are {', '.join(EVENT_TYPES)}"
            )
    from claimgraph.corroborate import all_status

    ids = actor_id_for(store, actor) if actor else [None]
    names, pubs = _names(store), _publishers(store)
    status = all_status(store)
    seen: set[str] = set()
    for aid in ids:
        for e in store.events(actor=aid, types=types, since=since, until=until):
            if e.id in seen:
                continue
            seen.add(e.id)
            row = record_of_event(e, names, status.get(e.id))
            row["publisher"] = pubs.get(e.evidence.document)
            row["quote"] = e.evidence.quote
            row["status"] = claim_status_text(row)
            yield row


def claim_status_text(row: dict[str, Any]) -> str:
    """ "asserted · 2 sources · contradicted (perpetrator)" for tables."""
    parts = [row["modality"], f"{row['sources']} source{'s' if row['sources'] != 1 else ''}"]
    kinds = sorted(
        {c["kind"] for c in row.get("contradictions", [])} | {f["kind"] for f in row["flags"]}
    )
    if kinds:
        parts.append("⚑ contradicted: " + ", ".join(kinds))
    return " · ".join(parts)


def relation_rows(store: Store, actor: str | None = None) -> Iterator[dict[str, Any]]:
    from claimgraph.corroborate.relations import relation_status

    ids = actor_id_for(store, actor) if actor else [None]
    names, pubs = _names(store), _publishers(store)
    status = relation_status(store)
    for aid in ids:
        for r in store.relations(actor=aid):
            row = record_of_relation(r, names, status.get(r.id))
            row["publisher"] = pubs.get(r.evidence.document)
            row["quote"] = r.evidence.quote
            row["status"] = claim_status_text(row)
            yield row
