"""Clustering benchmark: build a store of synthetic events and time each corroboration step.

    python bench/cluster_bench.py [--events 10000] [--actors 300] [--seed 11]

The events are reports of ``events / 3`` "true" events between random pairs of actors over four
years; each true event is reported one to five times, with the usual noise: a day off, only the
month, no date, no named perpetrator, and now and then a different perpetrator or casualty
figure. Documents carry 25 event sentences each. Prints the time of the first (batch) run of
each step, then of an incremental run adding 1 % more events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path

from claimgraph.corroborate import update_clusters, update_contradictions, update_copy_groups
from claimgraph.ids import claim_id, document_id
from claimgraph.model import Actor, Document, Event, Evidence, Extraction, Quantity
from claimgraph.store import Store

TYPES = ["ASSAULT", "COERCE", "ACCUSE", "CONSULT", "PROTEST", "THREATEN", "MOBILIZE", "SANCTION"]
PER_DOC = 25

Report = tuple[str, tuple[str, ...], tuple[str, ...], str | None, tuple[Quantity, ...]]


def reports(n: int, actors: list[Actor], rng: random.Random) -> list[Report]:
    out: list[Report] = []
    start = dt.date(2019, 1, 1).toordinal()
    while len(out) < n:
        t = rng.choice(TYPES)
        a, r, other = rng.sample(actors, 3)
        day = start + rng.randrange(4 * 365)
        dead = rng.randint(0, 20)
        for _ in range(rng.randint(1, 5)):
            d = dt.date.fromordinal(day + rng.choice((0, 0, 0, 0, 1)))
            date = rng.choice([d.isoformat()] * 6 + [d.isoformat()[:7], None])
            perp = rng.choices([(a.id,), (), (other.id,)], weights=(80, 15, 5))[0]
            qty = (
                (Quantity(dead + rng.choice((0, 0, 0, 1)), "dead", str(dead)),)
                if t == "ASSAULT"
                else ()
            )
            out.append((t, perp, (r.id,), date, qty))
    rng.shuffle(out)
    return out[:n]


def extractions(reps: list[Report], actors: dict[str, Actor], tag: str) -> list[Extraction]:
    out = []
    for start in range(0, len(reps), PER_DOC):
        sentences = []
        for i, (t, a, r, d, _q) in enumerate(reps[start : start + PER_DOC]):
            sentences.append(
                f"{tag} report {start + i}: {t} by {','.join(a) or 'someone'} on {r[0]} ({d})."
            )
        text = " ".join(sentences)
        doc = Document(document_id(text), text, publisher=f"Publisher {start // PER_DOC % 41}")
        events, pos = [], 0
        for n, (sentence, (t, a, r, d, q)) in enumerate(
            zip(sentences, reps[start : start + PER_DOC], strict=True)
        ):
            ev = Evidence(doc.id, n, pos, pos + len(sentence), sentence)
            events.append(
                Event(
                    claim_id("event", doc.id, n),
                    t,
                    ev,
                    actors=a,
                    recipients=r,
                    date=d,
                    quantities=q,
                )
            )
            pos += len(sentence) + 1
        used = {x for e in events for x in (*e.actors, *e.recipients)}
        out.append(Extraction(doc, actors={x: actors[x] for x in used}, events=events))
    return out


def timed(label: str, fn: Callable[[], object]) -> object:
    t0 = time.perf_counter()
    result = fn()
    shown = (
        {k: v for k, v in asdict(result).items() if k != "touched"}
        if is_dataclass(result) and not isinstance(result, type)
        else result
    )
    print(f"  {label:<16} {time.perf_counter() - t0:7.2f} s   {shown}")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--actors", type=int, default=300)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = [Actor(f"cg-{i:06d}", f"Actor {i}", "armed_group") for i in range(args.actors)]
    by_id = {a.id: a for a in pool}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        for ex in extractions(reports(args.events, pool, rng), by_id, "batch"):
            store.write(ex)
        print(f"wrote {args.events} events in {time.perf_counter() - t0:.2f} s")
        print("batch run:")
        timed("copy groups", lambda: update_copy_groups(store))
        t1 = time.perf_counter()
        upd = timed("clustering", lambda: update_clusters(store))
        clustering = time.perf_counter() - t1
        timed("contradictions", lambda: update_contradictions(store))
        more = max(1, args.events // 100)
        for ex in extractions(reports(more, pool, rng), by_id, "late"):
            store.write(ex)
        print(f"incremental run (+{more} events):")
        timed("copy groups", lambda: update_copy_groups(store))
        timed("clustering", lambda: update_clusters(store))
        timed("contradictions", lambda: update_contradictions(store))
        print(
            f"clustering {args.events} events took {clustering:.2f} s ({getattr(upd, 'new_clusters', '?')} clusters)"
        )


if __name__ == "__main__":
    main()
