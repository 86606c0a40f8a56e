"""Shared fixtures. The spaCy pipeline is loaded once per session and shared by every test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimgraph.actors import resolve_actors
from claimgraph.extract import extract_claims
from claimgraph.ids import document_id
from claimgraph.kb import KnowledgeBase
from claimgraph.kb.base import read_overlay_file
from claimgraph.model import Document, Extraction
from claimgraph.pipeline import Analyzer

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "seed-irannewsupdate.txt"


@pytest.fixture(scope="session")
def small_kb() -> KnowledgeBase:
    """Only the hand-written test KB: resolution tests do not depend on the built-in data."""
    overlay = read_overlay_file(DATA / "kb_small.yaml")
    return KnowledgeBase.load([("tests/data/kb_small.yaml", overlay)], builtin=False)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="session")
def small_analyzer(small_kb: KnowledgeBase) -> Analyzer:
    return Analyzer(small_kb)


@pytest.fixture(scope="session")
def analyzer(kb: KnowledgeBase) -> Analyzer:
    return Analyzer(kb)


def coded(ex: Extraction) -> list[tuple[str, list[str], list[str]]]:
    """Each event as (type, sorted actor names, sorted recipient names)."""
    names = lambda ids: sorted(ex.actors[i].name for i in ids)  # noqa: E731
    return [(e.type, names(e.actors), names(e.recipients)) for e in ex.events]


def described(ex: Extraction, with_date: bool = False) -> list[tuple[Any, ...]]:
    """Each event as (type, actor names, recipient names, [date,] modality, speaker name)."""
    names = lambda ids: sorted(ex.actors[i].name for i in ids)  # noqa: E731
    return [
        (
            e.type,
            names(e.actors),
            names(e.recipients),
            *((e.date,) if with_date else ()),
            e.modality,
            ex.actors[e.attributed_to].name if e.attributed_to else None,
        )
        for e in ex.events
    ]


def make_document(
    text: str, published: str | None = None, publisher: str | None = "Test Wire"
) -> Document:
    return Document(
        id=document_id(text), text=text, publisher=publisher, published=published, language="en"
    )


@pytest.fixture(scope="session")
def analyze(analyzer: Analyzer) -> Any:
    """Analyse a text with the built-in knowledge base: ``analyze(text, published=None)``."""

    def run(text: str, published: str | None = None) -> Extraction:
        return analyzer.analyze(make_document(text, published))

    return run


@pytest.fixture(scope="session")
def analyze_small(small_analyzer: Analyzer) -> Any:
    def run(text: str, published: str | None = None) -> Extraction:
        return small_analyzer.analyze(make_document(text, published))

    return run


@pytest.fixture(scope="session")
def resolve_small(small_analyzer: Analyzer, small_kb: KnowledgeBase) -> Any:
    """Parse and resolve a text with the small KB; returns (spacy doc, Resolution)."""

    def run(text: str) -> Any:
        doc = small_analyzer.nlp(text)
        return doc, resolve_actors(doc, small_kb)

    return run


def names(ex: Extraction, ids: tuple[str, ...] | list[str]) -> list[str]:
    return [ex.actors[i].name for i in ids]


__all__ = ["extract_claims", "make_document", "names"]
