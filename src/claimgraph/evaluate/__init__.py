"""Measure claimgraph against a gold set (``shared/gold``): actors, relations, events.

``evaluate(gold_path, texts_dir)`` ingests the gold documents into a fresh store, exports the
records and scores them with :func:`score`, which needs no NLP and can score any export.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from claimgraph.errors import IngestError
from claimgraph.evaluate.gold import GoldDoc, load_gold, norm_name, norm_quote
from claimgraph.evaluate.report import DocReport, EvalReport, Rate, Score, format_report
from claimgraph.evaluate.score import score
from claimgraph.export import export_records
from claimgraph.ingest.readers import IngestOptions, iter_sources
from claimgraph.model import Document
from claimgraph.pipeline import Pipeline
from claimgraph.store import Store

__all__ = [
    "DocReport",
    "EvalReport",
    "GoldDoc",
    "Rate",
    "Score",
    "evaluate",
    "export_with_documents",
    "format_report",
    "load_gold",
    "norm_name",
    "norm_quote",
    "score",
]


def export_with_documents(store: Store) -> list[dict[str, Any]]:
    """The export records, with ``documents`` (ids of the documents mentioning it) per actor."""
    where: dict[str, list[str]] = {}
    for actor, doc in store.conn.execute("SELECT DISTINCT actor, document FROM mentions"):
        where.setdefault(actor, []).append(doc)
    records = list(export_records(store))
    for rec in records:
        if rec["kind"] == "actor":
            rec["documents"] = sorted(where.get(rec["id"], []))
    return records


def evaluate(
    gold_path: Path, texts_dir: Path, db_path: Path | None = None, model: str | None = None
) -> EvalReport:
    """Ingest every gold document's text (with the gold publisher and date) and score it.

    The store is a temporary file unless ``db_path`` is given. Documents that cannot be read are
    listed in ``report.errors`` and scored as if nothing had been extracted from them.
    """
    gold = load_gold(gold_path)
    documents: list[Document] = []
    errors: list[str] = []
    ided: list[GoldDoc] = []
    for g in gold:
        options = IngestOptions(publisher=g.publisher, published=g.published)
        doc_id = None
        for item in iter_sources([texts_dir / g.file], options):
            if isinstance(item, IngestError):
                errors.append(str(item))
            else:
                documents.append(item)
                doc_id = item.id
        ided.append(replace(g, doc_id=doc_id or f"missing:{g.file}"))
    with tempfile.TemporaryDirectory(prefix="claimgraph-eval-") as tmp:
        path = db_path or Path(tmp) / "eval.db"
        with Store(path) as store:
            Pipeline(store, model=model).ingest(documents)
            records = export_with_documents(store)
    report = score(ided, records)
    report.errors.extend(errors)
    return report
