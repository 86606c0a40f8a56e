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
    ids = actor_id_for(store, actor) if actor else [None]
    names, pubs = _names(store), _publishers(store)
    seen: set[str] = set()
    for aid in ids:
        for e in store.events(actor=aid, types=types, since=since, until=until):
            if e.id in seen:
                continue
            seen.add(e.id)
            row = record_of_event(e, names)
            row["publisher"] = pubs.get(e.evidence.document)
            row["quote"] = e.evidence.quote
            if e.flags:
                row["modality"] = f"{e.modality} ⚑ " + "; ".join(f.kind for f in e.flags)
            yield row


def relation_rows(store: Store, actor: str | None = None) -> Iterator[dict[str, Any]]:
    ids = actor_id_for(store, actor) if actor else [None]
    names, pubs = _names(store), _publishers(store)
    for aid in ids:
        for r in store.relations(actor=aid):
            row = record_of_relation(r, names)
            row["publisher"] = pubs.get(r.evidence.document)
            row["quote"] = r.evidence.quote
            yield row
