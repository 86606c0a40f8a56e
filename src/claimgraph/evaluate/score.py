"""Scoring exported records against gold documents, by the rules of the gold README.

``score(gold_docs, records)`` needs no NLP: ``records`` are export records (see
:mod:`claimgraph.export.jsonl`). Actor records may carry ``documents`` (ids of the documents that
mention them); then only those count as found in a document, else every exported actor does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import combinations
from typing import Any

from claimgraph.evaluate.gold import GoldDoc, GoldEvent, GoldRelation, norm_name, norm_quote
from claimgraph.evaluate.report import DocReport, EvalReport, Score

Record = dict[str, Any]
_NOT_HERE = "gold quote not in its sentence"


class Resolver:
    """Which gold actors (by canonical name) an exported actor or actor reference resolves to."""

    def __init__(self, gold: GoldDoc, actors: dict[str, Record]) -> None:
        self.actors = actors
        self.index: dict[str, set[str]] = {}
        for ga in gold.actors:
            for n in ga.names():
                self.index.setdefault(n, set()).add(ga.name)
        # Names used in relations and events but missing from the actor list stand for themselves.
        for name in _role_names(gold):
            if not any(name == ga.name for ga in gold.actors):
                self.index.setdefault(norm_name(name), set()).add(name)

    def of_actor(self, rec: Record) -> set[str]:
        names = [rec.get("name") or "", *(rec.get("aliases") or [])]
        return set().union(*(self.index.get(norm_name(n), set()) for n in names))

    def of_ref(self, ref: Record | None) -> set[str]:
        if not ref:
            return set()
        rec = self.actors.get(ref.get("id") or "")
        if rec:
            return self.of_actor(rec)
        return set(self.index.get(norm_name(ref.get("name") or ""), set()))

    def of_refs(self, refs: Iterable[Record | None]) -> set[str]:
        return set().union(*(self.of_ref(r) for r in refs))


def _role_names(gold: GoldDoc) -> set[str]:
    out = {n for r in gold.relations for n in (r.subject, r.object)}
    return out | {n for e in gold.events for n in (*e.actors, *e.recipients)}


def _names(refs: Iterable[Record | None]) -> list[str]:
    return [r.get("name") or r.get("id") or "?" for r in refs if r]


def _quote(rec: Record) -> str:
    return str((rec.get("evidence") or {}).get("quote") or "")


def _relation_why(rec: Record, g: GoldRelation, res: Resolver) -> str | None:
    """None when the exported relation matches the gold one, else the first reason it does not."""
    if norm_quote(g.quote) not in norm_quote(_quote(rec)):
        return _NOT_HERE
    if rec.get("type") != g.type:
        return f"type {rec.get('type')} (gold {g.type})"
    if g.subject not in res.of_ref(rec.get("subject")):
        return f"subject {_names([rec.get('subject')])} is not {g.subject}"
    if g.object not in res.of_ref(rec.get("object")):
        return f"object {_names([rec.get('object')])} is not {g.object}"
    return None


def _event_why(rec: Record, g: GoldEvent, res: Resolver) -> str | None:
    """None when the exported event matches the gold one, else the first reason it does not."""
    if norm_quote(g.quote) not in norm_quote(_quote(rec)):
        return _NOT_HERE
    if rec.get("type") not in g.types:
        return f"type {rec.get('type')} (gold {'/'.join(sorted(g.types))})"
    if g.actors and not res.of_refs(rec.get("actors") or ()) & set(g.actors):
        return f"actors {_names(rec.get('actors') or ())} not among {list(g.actors)}"
    if g.recipients and not res.of_refs(rec.get("recipients") or ()) & set(g.recipients):
        return f"recipients {_names(rec.get('recipients') or ())} not among {list(g.recipients)}"
    return None


def _summary(rec: Record) -> str:
    if rec.get("kind") == "relation":
        return f"{_names([rec.get('subject')])} {rec.get('type')} {_names([rec.get('object')])}"
    return (
        f"{_names(rec.get('actors') or ())} {rec.get('type')}/{rec.get('mode')}"
        f" {_names(rec.get('recipients') or ())} date={rec.get('date')} {rec.get('modality')}"
    )


def _gold_summary(g: GoldRelation | GoldEvent) -> str:
    if isinstance(g, GoldRelation):
        return f"{g.subject} {g.type} {g.object}"
    alt = f" (or {'/'.join(g.alt_types)})" if g.alt_types else ""
    return (
        f"{list(g.actors)} {g.type}{alt}/{g.mode} {list(g.recipients)} date={g.date} {g.modality}"
    )


def _nearest_why(whys: list[str], none: str) -> str:
    """The reason from the candidate that got furthest through the checks (``none``: no such)."""
    real = [w for w in whys if w and w != _NOT_HERE]
    if not real:
        return none
    order = ("type", "subject", "actors", "object", "recipients")
    return max(real, key=lambda w: next((i for i, p in enumerate(order) if w.startswith(p)), -1))


def _why_missed(g: GoldRelation | GoldEvent, whys: list[str], recs: list[Record]) -> str:
    head = norm_quote(g.quote)[:40]
    split = any(head in norm_quote(_quote(r)) for r in recs)
    none = (
        "sentence split inside the gold quote" if split else "nothing extracted from its sentence"
    )
    return _nearest_why(whys, none)


def _match(
    kind: str,
    golds: Sequence[GoldRelation | GoldEvent],
    recs: list[Record],
    res: Resolver,
    total: Score,
    by_type: dict[str, Score],
    out: DocReport,
) -> dict[int, list[Record]]:
    """Match one kind of record; fill the scores and details. Returns gold index → matches."""
    why: Callable[[Record, Any, Resolver], str | None] = _event_why
    if kind == "relations":
        why = _relation_why
    table = [[why(r, g, res) for g in golds] for r in recs]
    matched: dict[int, list[Record]] = {}
    doc_score: Score = getattr(out, kind)
    for rec, row in zip(recs, table, strict=True):
        hit = [gi for gi, w in enumerate(row) if w is None]
        for gi in hit:
            matched.setdefault(gi, []).append(rec)
        for s in (doc_score, by_type.setdefault(str(rec.get("type")), Score())):
            s.exported += 1
            s.correct += bool(hit)
        if not hit:
            whys = [w for w in row if w is not None]
            getattr(out, f"{kind}_false").append(
                {
                    "summary": _summary(rec),
                    "quote": _quote(rec),
                    "why": _nearest_why(whys, "no gold record in this sentence"),
                    "id": rec.get("id"),
                }
            )
    for gi, g in enumerate(golds):
        detail: dict[str, Any] = {"summary": _gold_summary(g), "quote": g.quote}
        if gi in matched:
            detail["exported"] = [_summary(r) for r in matched[gi]]
            detail["optional"] = g.optional
            detail["gold_index"] = gi
            getattr(out, f"{kind}_matched").append(detail)
        if g.optional:
            continue
        for s in (doc_score, by_type.setdefault(g.type, Score())):
            s.required += 1
            s.found += gi in matched
        if gi not in matched:
            detail["why"] = _why_missed(g, [row[gi] or "" for row in table], recs)
            getattr(out, f"{kind}_missed").append(detail)
    total.add(doc_score)
    return matched


def _event_attributes(
    golds: list[GoldEvent],
    matched: dict[int, list[Record]],
    res: Resolver,
    report: EvalReport,
    out: DocReport,
) -> None:
    """Swaps, dates and modality on matched events (the best-agreeing match of each gold event)."""
    details = {d["gold_index"]: d for d in out.events_matched}
    for gi, recs in sorted(matched.items()):
        g = golds[gi]
        actors, recips = set(g.actors), set(g.recipients)

        def agreement(r: Record, actors: set[str] = actors, recips: set[str] = recips) -> int:
            got_a = res.of_refs(r.get("actors") or ())
            got_r = res.of_refs(r.get("recipients") or ())
            return len(got_a & actors) + len(got_r & recips) - len(got_a & recips - actors)

        best = max(recs, key=agreement)
        got_a = res.of_refs(best.get("actors") or ())
        got_r = res.of_refs(best.get("recipients") or ())
        swap = bool(got_a & (recips - actors) or got_r & (actors - recips))
        report.swaps.add(swap)
        report.modality.add(best.get("modality") == g.modality)
        details[gi].update(
            best=_summary(best), swap=swap, modality_ok=best.get("modality") == g.modality
        )
        if g.date:
            date = best.get("date") or ""
            report.dates.add(date == g.date)
            report.dates_compatible.add(
                bool(date) and (date.startswith(g.date) or g.date.startswith(date))
            )
            details[gi]["date_ok"] = date == g.date
            details[gi]["date"] = date or None
            details[gi]["gold_date"] = g.date
        details[gi]["modality"] = best.get("modality")
        details[gi]["gold_modality"] = g.modality
        details[gi]["quote"] = g.quote


def _assign_documents(gold: list[GoldDoc], records: list[Record]) -> list[GoldDoc]:
    """Gold documents without a ``doc_id`` get the exported document containing most quotes."""
    texts = {r["id"]: norm_quote(r.get("text") or "") for r in records if r["kind"] == "document"}
    out = []
    for g in gold:
        if g.doc_id is None and texts:
            quotes = [norm_quote(x.quote) for x in g.relations] + [
                norm_quote(x.quote) for x in g.events
            ]
            best = max(texts, key=lambda d: sum(q in texts[d] for q in quotes))
            g = replace(g, doc_id=best)
        out.append(g)
    return out


def _score_actors(g: GoldDoc, candidates: list[Record], res: Resolver, out: DocReport) -> None:
    found: dict[str, str] = {}
    for rec in candidates:
        golds = sorted(res.of_actor(rec) & {ga.name for ga in g.actors})
        for name in golds:
            found.setdefault(name, str(rec.get("name")))
        if len(golds) > 1:
            out.merges.append({"exported": rec.get("name"), "id": rec.get("id"), "gold": golds})
    out.actors_gold = len(g.actors)
    out.actors_found = [{"gold": k, "exported": v} for k, v in found.items()]
    out.actors_missed = [ga.name for ga in g.actors if ga.name not in found]


def score(gold_docs: Iterable[GoldDoc], records: Iterable[Record]) -> EvalReport:
    """Score export records against gold documents (see the module docstring)."""
    records = list(records)
    gold = _assign_documents(list(gold_docs), records)
    actors = {r["id"]: r for r in records if r.get("kind") == "actor"}
    per_doc = "documents" in next(iter(actors.values()), {})
    report = EvalReport()
    for g in gold:
        out = DocReport(file=g.file, doc_id=g.doc_id)
        res = Resolver(g, actors)

        def here(r: Record, doc: str | None = g.doc_id) -> bool:
            return bool((r.get("evidence") or {}).get("document") == doc)

        rels = [r for r in records if r.get("kind") == "relation" and here(r)]
        events = [r for r in records if r.get("kind") == "event" and here(r)]
        if per_doc:
            used = {x["id"] for r in rels for x in (r.get("subject"), r.get("object")) if x}
            used |= {x["id"] for r in events for x in (*r["actors"], *r["recipients"]) if x}
            cands = [a for a in actors.values() if g.doc_id in a["documents"] or a["id"] in used]
        else:
            cands = list(actors.values())
        _score_actors(g, cands, res, out)
        report.actors_gold += out.actors_gold
        report.actors_found += len(out.actors_found)
        report.merge_errors += sum(len(list(combinations(m["gold"], 2))) for m in out.merges)
        rel_gold = list(g.relations)
        _match("relations", rel_gold, rels, res, report.relations, report.relation_types, out)
        ev_gold = list(g.events)
        matched = _match("events", ev_gold, events, res, report.events, report.event_types, out)
        _event_attributes(ev_gold, matched, res, report, out)
        report.docs.append(out)
    return report
