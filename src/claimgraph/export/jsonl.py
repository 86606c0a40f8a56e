"""The JSON Lines export: the stable contract of DESIGN.md.

One object per line, each with ``kind`` ∈ {document, actor, relation, event}. Actor references
inside relations and events are ``{"id", "name"}`` objects; evidence is
``{"document", "sentence", "start", "end", "quote"}`` with ``quote == text[start:end]``.
Fields beyond the contract (``date_end``, ``flags``, ``cameo`` …) are added, never removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from claimgraph.export.crosswalk import cameo_root, quad_class
from claimgraph.kb import KnowledgeBase
from claimgraph.model import Actor, Document, Event, Relation
from claimgraph.store import Store


def actor_ref(actor_id: str | None, names: dict[str, str]) -> dict[str, str] | None:
    if actor_id is None:
        return None
    return {"id": actor_id, "name": names.get(actor_id, actor_id)}


def record_of_document(d: Document) -> dict[str, Any]:
    return {
        "kind": "document",
        "id": d.id,
        "url": d.url,
        "publisher": d.publisher,
        "title": d.title,
        "published": d.published,
        "language": d.language,
        "text": d.text,
    }


def record_of_actor(
    a: Actor, kb: KnowledgeBase | None = None, mentions: int | None = None
) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "kind": "actor",
        "id": a.id,
        "name": a.name,
        "type": a.type,
        "country": a.country,
        "sector": a.sector,
        "aliases": list(a.aliases),
        "description": a.description,
    }
    if kb is not None:
        rec["roles"] = kb.role_records(a.id)
        entry = kb.get(a.id)
        rec["source"] = entry.source if entry else None
    if mentions is not None:
        rec["mentions"] = mentions
    return rec


def record_of_relation(
    r: Relation, names: dict[str, str], status: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        **(status or {}),
        **{
            "kind": "relation",
            "id": r.id,
            "type": r.type,
            "subject": actor_ref(r.subject, names),
            "object": actor_ref(r.object, names),
            "start": r.start,
            "end": r.end,
            "evidence": asdict(r.evidence),
            "modality": r.modality,
            "attributed_to": actor_ref(r.attributed_to, names),
            "flags": [asdict(f) for f in r.flags],
        },
    }


def record_of_event(
    e: Event, names: dict[str, str], status: dict[str, Any] | None = None
) -> dict[str, Any]:
    root = cameo_root(e.type, e.mode)
    return {
        **_claim_status(status),
        **{
            "kind": "event",
            "id": e.id,
            "type": e.type,
            "mode": e.mode,
            "actors": [actor_ref(a, names) for a in e.actors],
            "recipients": [actor_ref(a, names) for a in e.recipients],
            "date": e.date,
            "date_end": e.date_end,
            "location": e.location,
            "country": e.country,
            "modality": e.modality,
            "attributed_to": actor_ref(e.attributed_to, names),
            "evidence": asdict(e.evidence),
            "trigger": e.trigger,
            "quantities": [asdict(q) for q in e.quantities],
            "flags": [asdict(f) for f in e.flags],
            "cameo": root,
            "quad_class": quad_class(root),
        },
    }


def _claim_status(status: dict[str, Any] | None) -> dict[str, Any]:
    """The corroboration fields of an event record: ``cluster``, ``sources`` (independent
    sources asserting the cluster), ``publishers``, ``contradicted``, ``contradictions``."""
    s = status or {}
    return {
        "cluster": s.get("cluster"),
        "sources": s.get("sources", 1),
        "publishers": s.get("publishers", []),
        "contradicted": bool(s.get("contradicted", False)),
        "contradictions": s.get("contradictions", []),
    }


def export_records(store: Store, kb: KnowledgeBase | None = None) -> Iterator[dict[str, Any]]:
    """Every document, actor, relation and event in the store, in that order."""
    for d in store.documents():
        yield record_of_document(d)
    names: dict[str, str] = {}
    for a, n in store.actors():
        names[a.id] = a.name
        yield record_of_actor(a, kb, n)
    from claimgraph.corroborate import all_status
    from claimgraph.corroborate.relations import relation_status

    rel_status = relation_status(store)
    for r in store.relations():
        yield record_of_relation(r, names, rel_status.get(r.id))
    status = all_status(store)
    for e in store.events():
        yield record_of_event(e, names, status.get(e.id))
