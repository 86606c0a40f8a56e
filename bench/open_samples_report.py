"""Cross-source corroboration on the open sample articles, against a careful reading.

    python bench/open_samples_report.py [--db PATH]

Ingests ../shared/samples/open (with its manifest) and the seed article into a fresh store, runs
corroboration, and compares the multi-document clusters and the contradictions found with the
reading in bench/data/open_samples_reading.yaml. Prints precision, recall and both lists.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml

from claimgraph.corroborate import all_status, list_contradictions
from claimgraph.ingest import IngestOptions, iter_sources
from claimgraph.pipeline import Pipeline
from claimgraph.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
READING = Path(__file__).parent / "data" / "open_samples_reading.yaml"


def short(path: str) -> str:
    name = Path(path).name
    return "seed" if name.startswith("seed") else name[:2]


def run(db: Path) -> dict[str, Any]:
    with Store(db) as store:
        Pipeline(store).ingest(
            iter_sources([SAMPLES / "open", SAMPLES / "seed-irannewsupdate.txt"], IngestOptions())
        )
        files = {}
        for path in sorted((SAMPLES / "open").glob("*.txt")) + [
            SAMPLES / "seed-irannewsupdate.txt"
        ]:
            for doc in iter_sources([path], IngestOptions()):
                if not isinstance(doc, Exception):
                    files[doc.id] = short(str(path))
        names = {r[0]: r[1] for r in store.conn.execute("SELECT id, name FROM actors")}
        status = all_status(store)
        clusters: dict[str, list[dict[str, Any]]] = {}
        for e in store.events():
            s = status.get(e.id, {})
            clusters.setdefault(s.get("cluster") or e.id, []).append(
                {
                    "doc": files.get(e.evidence.document, "?"),
                    "type": e.type,
                    "participants": sorted({names.get(a, a) for a in (*e.actors, *e.recipients)}),
                    "quote": e.evidence.quote,
                }
            )
        multi = {cid: evs for cid, evs in clusters.items() if len({e["doc"] for e in evs}) > 1}
        cons = list_contradictions(store)
        for c in cons:
            quotes: list[tuple[str, str]] = []
            for side in c.get("sides", []):
                for ev in side.get("evidence", []):
                    quotes.append((files.get(ev.get("document"), "?"), ev.get("quote", "")))
            c["quotes"] = quotes
            c["docs"] = sorted({d for d, _ in quotes})
    return {"clusters": multi, "contradictions": cons}


def _anchored(quotes: dict[str, Any], evidence: list[tuple[str, str]]) -> set[str]:
    """The documents whose anchor (one string or a list) occurs in a quote given for them."""
    hits = set()
    for doc, quote in evidence:
        want = quotes.get(doc)
        if want is None:
            continue
        flat = " ".join(quote.split())
        if any(a in flat for a in ([want] if isinstance(want, str) else want)):
            hits.add(doc)
    return hits


def matches_cluster(expected: dict[str, Any], events: list[dict[str, Any]]) -> bool:
    evidence = [(e["doc"], e["quote"]) for e in events if e["type"] == expected["type"]]
    return len(_anchored(expected["quotes"], evidence)) >= 2


def matches_contradiction(expected: dict[str, Any], found: dict[str, Any]) -> bool:
    if found["kind"] != expected["kind"]:
        return False
    evidence = [(d, q) for d, q in found["quotes"]]
    need = 1 if expected["kind"] == "knowledge_base" else 2
    return len(_anchored(expected["quotes"], evidence)) >= need


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--db", type=Path, help="keep the store here (default: a temporary file)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()
    reading = yaml.safe_load(READING.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        found = run(args.db or Path(tmp) / "open.db")

    found_clusters = found["clusters"]
    cl_hits = {
        x["id"]: [cid for cid, evs in found_clusters.items() if matches_cluster(x, evs)]
        for x in reading["clusters"]
    }
    matched_found = {cid for ids in cl_hits.values() for cid in ids}
    cl_recall = sum(1 for ids in cl_hits.values() if ids) / len(reading["clusters"])
    cl_precision = len(matched_found) / len(found_clusters) if found_clusters else None

    con_hits = {
        x["id"]: [i for i, c in enumerate(found["contradictions"]) if matches_contradiction(x, c)]
        for x in reading["contradictions"]
    }
    matched_cons = {i for ids in con_hits.values() for i in ids}
    con_recall = sum(1 for ids in con_hits.values() if ids) / len(reading["contradictions"])
    con_precision = (
        len(matched_cons) / len(found["contradictions"]) if found["contradictions"] else None
    )

    if args.json:
        print(
            json.dumps(
                {"clusters": cl_hits, "contradictions": con_hits, "found": found},
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    pct = lambda v: "—" if v is None else f"{v:.0%}"  # noqa: E731
    print(
        f"multi-document clusters: found {len(found_clusters)}, precision {pct(cl_precision)}, "
        f"recall {pct(cl_recall)} of {len(reading['clusters'])} in the reading"
    )
    for x in reading["clusters"]:
        print(
            f"  [{'x' if cl_hits[x['id']] else ' '}] {x['id']}: {x['about']}"
            f" ({', '.join(x['quotes'])})"
        )
    for cid, evs in found_clusters.items():
        if cid not in matched_found:
            print(
                f"  extra cluster {cid}: "
                + "; ".join(f"{e['doc']} {e['type']} {e['participants']}" for e in evs)
            )
    print(
        f"contradictions: found {len(found['contradictions'])}, precision {pct(con_precision)}, "
        f"recall {pct(con_recall)} of {len(reading['contradictions'])} in the reading"
    )
    for x in reading["contradictions"]:
        print(f"  [{'x' if con_hits[x['id']] else ' '}] {x['id']} ({x['kind']}): {x['about']}")
    for i, c in enumerate(found["contradictions"]):
        if i not in matched_cons:
            print(f"  extra contradiction ({c['kind']}, docs {c['docs']}): {c.get('summary', '')}")


if __name__ == "__main__":
    main()
