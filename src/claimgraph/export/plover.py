"""PLOVER JSON Lines: one record per event, with the fields POLECAT leaves empty filled in
(sentence text, character offsets, url, publisher)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimgraph.export.crosswalk import cameo_root, quad_class
from claimgraph.store import Store


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    actors = {a.id: a for a, _n in store.actors()}
    docs = {
        r[0]: {"url": r[1], "publisher": r[2], "published": r[3], "title": r[4]}
        for r in store.conn.execute("SELECT id, url, publisher, published, title FROM documents")
    }

    def side(ids: tuple[str, ...]) -> list[dict[str, Any]]:
        out = []
        for aid in ids:
            a = actors.get(aid)
            out.append(
                {
                    "actorText": a.name if a else aid,
                    "id": aid,
                    "code": a.country if a else None,
                    "sector": a.sector if a else None,
                    "type": a.type if a else None,
                }
            )
        return out

    for e in store.events():
        doc = docs.get(e.evidence.document, {})
        root = cameo_root(e.type, e.mode)
        yield {
            "id": e.id,
            "event": e.type,
            "mode": e.mode,
            "context": None,
            "date": e.date,
            "source": side(e.actors),
            "target": side(e.recipients),
            "eventText": e.trigger,
            "text": e.evidence.quote,
            "textInfo": {
                "start": e.evidence.start,
                "end": e.evidence.end,
                "sentence": e.evidence.sentence,
            },
            "location": {"text": e.location, "country": e.country},
            "modality": e.modality,
            "attributed_to": e.attributed_to,
            "document": e.evidence.document,
            "url": doc.get("url"),
            "publisher": doc.get("publisher"),
            "published": doc.get("published"),
            "title": doc.get("title"),
            "cameo": root,
            "quad_class": quad_class(root),
            "language": "en",
            "version": "PLOVER 2.0",
        }
