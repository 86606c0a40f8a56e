"""The pipeline: ingest → nlp → actors → extract → store, for one document or a stream of them.

Documents stream through: nothing holds the whole corpus. With ``jobs > 1`` worker processes
each load the model once and do the NLP, resolution and extraction; the parent process is the
store's single writer.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from claimgraph.actors import resolve_actors
from claimgraph.errors import IngestError
from claimgraph.extract import extract_claims
from claimgraph.kb import KnowledgeBase
from claimgraph.model import Document, Extraction
from claimgraph.nlp import load_nlp
from claimgraph.store import Store

BATCH = 16


@dataclass
class IngestReport:
    """What an ingest run did."""

    ingested: list[Extraction] = field(default_factory=list)
    duplicates: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    words: int = 0
    keep: bool = True  # keep extractions (for summaries); off for big batches
    corroboration: Any = None  # the CorroborationSummary of the run, if any

    @property
    def ok(self) -> bool:
        return not self.errors


class Analyzer:
    """The NLP, resolution and extraction stages, with the model and knowledge base loaded once."""

    def __init__(self, kb: KnowledgeBase, model: str | None = None) -> None:
        self.kb = kb
        self.nlp = load_nlp(kb, model)

    def analyze(self, document: Document) -> Extraction:
        return self._finish(self.nlp(document.text), document)

    def analyze_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        docs = iter(documents)
        while True:
            chunk = list(islice(docs, BATCH))
            if not chunk:
                return
            for sdoc, document in zip(self.nlp.pipe(d.text for d in chunk), chunk, strict=False):
                yield self._finish(sdoc, document)

    def _finish(self, sdoc: Any, document: Document) -> Extraction:
        res = resolve_actors(sdoc, self.kb)
        return extract_claims(sdoc, document, res, self.kb)


# ---------------------------------------------------------------- worker processes
_WORKER: Analyzer | None = None
_PARENT_KB: KnowledgeBase | None = None  # inherited by forked workers: the parent's own KB


def _init_worker(overlays: list[tuple[str, dict[str, Any]]], model: str | None) -> None:
    global _WORKER
    kb = _PARENT_KB if _PARENT_KB is not None else KnowledgeBase.load(overlays)
    _WORKER = Analyzer(kb, model)


def _work(documents: list[Document]) -> list[Extraction]:
    assert _WORKER is not None
    return list(_WORKER.analyze_many(documents))


class Pipeline:
    """Ingest documents into a store."""

    def __init__(
        self, store: Store, model: str | None = None, kb: KnowledgeBase | None = None
    ) -> None:
        self.store = store
        self.model = model
        self.overlays = store.overlays()
        self.kb = kb or KnowledgeBase.load(self.overlays)
        self._analyzer: Analyzer | None = None

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(self.kb, self.model)
        return self._analyzer

    def ingest(
        self,
        items: Iterable[Document | IngestError],
        jobs: int = 1,
        progress: Callable[[Document | IngestError], None] | None = None,
        keep: bool = True,
        corroborate: bool = True,
    ) -> IngestReport:
        """Analyse and store every new document; report duplicates and bad inputs.

        Afterwards cross-document reasoning (copies, same-event clusters, contradictions) is
        brought up to date for what is new, unless ``corroborate`` is False.
        """
        report = IngestReport(keep=keep)
        fresh = self._new_documents(items, report, progress)
        for ex in self._analyze(fresh, jobs):
            if self.store.write(ex):
                report.words += len(ex.document.text.split())
                if keep:
                    report.ingested.append(ex)
                else:
                    report.ingested.append(Extraction(document=ex.document))
            else:
                report.duplicates.append(ex.document)
            if progress:
                progress(ex.document)
        if corroborate and report.ingested:
            from claimgraph.corroborate import corroborate as run_corroboration

            report.corroboration = run_corroboration(self.store)
        return report

    def _new_documents(
        self,
        items: Iterable[Document | IngestError],
        report: IngestReport,
        progress: Callable[[Document | IngestError], None] | None,
    ) -> Iterator[Document]:
        seen: set[str] = set()
        for item in items:
            if isinstance(item, IngestError):
                report.errors.append(item)
                if progress:
                    progress(item)
            elif item.id in seen or self.store.has_document(item.id):
                report.duplicates.append(item)
                if progress:
                    progress(item)
            else:
                seen.add(item.id)
                yield item

    def _analyze(self, documents: Iterator[Document], jobs: int) -> Iterator[Extraction]:
        if jobs <= 1:
            yield from self.analyzer.analyze_many(documents)
            return
        global _PARENT_KB
        forking = "fork" in mp.get_all_start_methods()
        ctx = mp.get_context("fork") if forking else mp.get_context()
        _PARENT_KB = self.kb if forking else None
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(self.overlays, self.model)) as pool:
            # A bounded window of batches in flight keeps memory flat on any corpus size.
            pending: list[Any] = []
            while True:
                batch = list(islice(documents, BATCH // 2))
                if batch:
                    pending.append(pool.apply_async(_work, (batch,)))
                if not pending:
                    return
                if len(pending) > 2 * jobs or not batch:
                    yield from pending.pop(0).get()
