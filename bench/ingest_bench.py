"""Ingest benchmark: claimgraph end to end against the bare spaCy pipeline, on the same texts.

    python bench/ingest_bench.py --docs 500 [--jobs 2]

The corpus is made of paragraphs drawn (with a fixed seed) from the sample articles in
../shared/samples and from examples/, so every document is different and nothing is stored: the
documents are generated as they are consumed. Prints words per second for both and their ratio,
and the peak resident memory after each quarter of the corpus (it should stay flat).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from claimgraph.ids import document_id
from claimgraph.kb import KnowledgeBase
from claimgraph.model import Document
from claimgraph.nlp import load_model
from claimgraph.pipeline import Pipeline
from claimgraph.store import Store

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT.parent / "shared" / "samples", ROOT / "examples"]


def paragraphs() -> list[str]:
    out: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            out += [p.strip() for p in text.split("\n\n") if len(p.split()) >= 12]
    if not out:
        sys.exit("no sample texts found; run from a checkout with ../shared/samples beside it")
    return out


def corpus(n: int, seed: int = 7) -> Iterator[Document]:
    """n documents of 4–9 paragraphs each, generated lazily."""
    paras = paragraphs()
    rng = random.Random(seed)
    for i in range(n):
        body = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(4, 9)))
        text = f"{body}\n\n(Benchmark document {i}.)"
        yield Document(id=document_id(text), text=text, publisher=f"Outlet {i % 7}", language="en")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()

    words = sum(len(d.text.split()) for d in corpus(args.docs))
    print(f"corpus: {args.docs} documents, {words:,} words")

    nlp = load_model()
    t0 = time.perf_counter()
    for _ in nlp.pipe((d.text for d in corpus(args.docs)), batch_size=16, n_process=args.jobs):
        pass
    bare = time.perf_counter() - t0
    print(f"bare spaCy ({nlp.meta['name']}, n_process={args.jobs}): {words / bare:,.0f} words/s")

    kb = KnowledgeBase.load()
    marks = {args.docs * q // 4 for q in (1, 2, 3, 4)}
    seen = 0

    def progress(_item: object) -> None:
        nonlocal seen
        seen += 1
        if seen in marks:
            print(f"  after {seen:>5} documents: peak RSS {rss_mb():,.0f} MB")

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        pipeline = Pipeline(store, kb=kb)
        if args.jobs <= 1:
            _ = pipeline.analyzer  # load the model before the clock starts, as for spaCy above
        t0 = time.perf_counter()
        report = pipeline.ingest(corpus(args.docs), jobs=args.jobs, progress=progress, keep=False)
        ours = time.perf_counter() - t0
        counts = store.counts()
    print(
        f"claimgraph end to end (jobs={args.jobs}): {words / ours:,.0f} words/s "
        f"({len(report.ingested)} documents, {counts['events']} events, "
        f"{counts['relations']} relations, {counts['mentions']} mentions)"
    )
    print(f"ratio claimgraph / bare spaCy: {bare / ours:.2f}")
    if args.jobs <= 1:
        stages(args.docs, kb, words)


def stages(n: int, kb: KnowledgeBase, words: int) -> None:
    """Where the time goes, one process: spaCy with the knowledge-base ruler, actor resolution,
    extraction, and the store, each on the same documents."""
    from claimgraph.actors import resolve_actors
    from claimgraph.extract import extract_claims
    from claimgraph.nlp import load_nlp

    nlp = load_nlp(kb)
    spent = {
        "spaCy + knowledge-base ruler": 0.0,
        "actor resolution": 0.0,
        "extraction": 0.0,
        "store": 0.0,
    }
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "stages.db") as store:
        docs = corpus(n)
        while True:
            batch = [d for _, d in zip(range(16), docs, strict=False)]
            if not batch:
                break
            t = time.perf_counter()
            parsed = list(nlp.pipe(d.text for d in batch))
            spent["spaCy + knowledge-base ruler"] += time.perf_counter() - t
            for sdoc, doc in zip(parsed, batch, strict=True):
                t = time.perf_counter()
                res = resolve_actors(sdoc, kb)
                spent["actor resolution"] += time.perf_counter() - t
                t = time.perf_counter()
                ex = extract_claims(sdoc, doc, res, kb)
                spent["extraction"] += time.perf_counter() - t
                t = time.perf_counter()
                store.write(ex)
                spent["store"] += time.perf_counter() - t
    total = sum(spent.values())
    print("time by stage (one process):")
    for stage, secs in spent.items():
        print(
            f"  {stage:<30} {secs:7.1f} s  {secs / total:5.1%}  ({words / secs:,.0f} words/s alone)"
        )


if __name__ == "__main__":
    main()
