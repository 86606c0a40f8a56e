"""The store: idempotent writes, one transaction per document, resumable batches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import StoreError
from claimgraph.ingest import IngestOptions, iter_sources
from claimgraph.pipeline import Analyzer, Pipeline
from claimgraph.store import Store

TEXTS = [
    "Hadi al-Amiri, the head of the Badr Organization, met Iraqi Prime Minister Mustafa al-Kadhimi in Baghdad on Monday.",
    "Kata'ib Hezbollah fighters attacked a U.S. base in Iraq on January 3, 2020, officials said.",
    "The Iraqi government condemned the attack and arrested three members of Kata'ib Hezbollah.",
]


def _pipeline(store: Store, small_analyzer: Analyzer) -> Pipeline:
    p = Pipeline(store, kb=small_analyzer.kb)
    p._analyzer = small_analyzer
    return p


def _write_corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for i, text in enumerate(TEXTS):
        p = folder / f"{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def test_wal_mode_and_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.counts() == {
            "documents": 0,
            "actors": 0,
            "mentions": 0,
            "relations": 0,
            "events": 0,
        }


def test_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a claimgraph store"):
        Store(bad)


def test_ingesting_twice_adds_nothing(tmp_path: Path, small_analyzer: Analyzer) -> None:
    folder = tmp_path / "c"
    _write_corpus(folder)
    with Store(tmp_path / "s.db") as store:
        pipeline = _pipeline(store, small_analyzer)
        first = pipeline.ingest(iter_sources([folder], IngestOptions()))
        counts = store.counts()
        second = pipeline.ingest(iter_sources([folder], IngestOptions()))
        assert len(first.ingested) == 3 and not first.duplicates
        assert len(second.ingested) == 0 and len(second.duplicates) == 3
        assert store.counts() == counts
        assert counts["events"] > 0 and counts["actors"] > 0


def test_resume_after_crash_half_way(
    tmp_path: Path, small_analyzer: Analyzer, monkeypatch: Any
) -> None:
    folder = tmp_path / "c"
    _write_corpus(folder)
    db = tmp_path / "s.db"
    with Store(db) as store:
        pipeline = _pipeline(store, small_analyzer)
        original = Store.write
        calls = {"n": 0}

        def crashing_write(self: Store, ex: Any) -> bool:
            calls["n"] += 1
            if calls["n"] == 2:
                # die in the middle of the second document's transaction
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?)",
                    (ex.document.id, None, None, None, None, "en", ex.document.text, "now"),
                )
                self.conn.execute("ROLLBACK")
                raise KeyboardInterrupt
            return original(self, ex)

        monkeypatch.setattr(Store, "write", crashing_write)
        with pytest.raises(KeyboardInterrupt):
            pipeline.ingest(iter_sources([folder], IngestOptions()))
        monkeypatch.setattr(Store, "write", original)
        assert store.counts()["documents"] == 1
    with Store(db) as store:
        report = _pipeline(store, small_analyzer).ingest(iter_sources([folder], IngestOptions()))
        assert len(report.ingested) == 2 and len(report.duplicates) == 1
        assert store.counts()["documents"] == 3
        # every claim belongs to a stored document, none is duplicated
        orphans = store.conn.execute(
            "SELECT count(*) FROM events WHERE document NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0


def test_failed_write_leaves_nothing_behind(tmp_path: Path, small_analyzer: Analyzer) -> None:
    with Store(tmp_path / "s.db") as store:
        ex = small_analyzer.analyze(
            next(d for d in iter_sources([_one(tmp_path)], IngestOptions()))
        )  # type: ignore[arg-type]
        assert ex.mentions, "the text names actors"
        store.conn.execute("ALTER TABLE mentions RENAME TO mentions_gone")  # fail half-way
        with pytest.raises(Exception, match="mentions"):
            store.write(ex)
        assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM actors").fetchone()[0] == 0


def _one(tmp_path: Path) -> Path:
    p = tmp_path / "one.txt"
    p.write_text(TEXTS[1], encoding="utf-8")
    return p


def test_aliases_accumulate_surface_forms(tmp_path: Path, small_analyzer: Analyzer) -> None:
    with Store(tmp_path / "s.db") as store:
        pipeline = _pipeline(store, small_analyzer)
        pipeline.ingest(iter_sources([_one(tmp_path)], IngestOptions()))
        hits = store.find_actors("Kataib Hezbollah")
        assert [a.name for a in hits] == ["Kata'ib Hezbollah"]


def test_parallel_ingest_gives_the_same_records(tmp_path: Path, small_analyzer: Analyzer) -> None:
    folder = tmp_path / "c"
    _write_corpus(folder)
    results = []
    for jobs in (1, 2):
        with Store(tmp_path / f"s{jobs}.db") as store:
            pipeline = _pipeline(store, small_analyzer)
            report = pipeline.ingest(iter_sources([folder], IngestOptions()), jobs=jobs)
            assert len(report.ingested) == 3
            results.append(
                {
                    t: sorted(r[0] for r in store.conn.execute(f"SELECT id FROM {t}"))
                    for t in ("documents", "events", "relations", "actors")
                }  # noqa: S608
            )
    assert results[0] == results[1]


def test_what_actors_are_part_of_is_stored(tmp_path: Path, analyze: Any) -> None:
    """The knowledge base's part_of chain of each actor is written with the document, so that
    corroboration can tell "the U.S. military" and "the United States" are one side."""
    ex = analyze(
        "The U.S. military struck Kata'ib Hezbollah positions in Iraq on December 29, 2019."
    )
    (us_mil,) = [a for a in ex.actors.values() if a.name == "United States Armed Forces"]
    with Store(tmp_path / "s.db") as store:
        assert store.write(ex)
        rows = store.conn.execute(
            "SELECT ancestor FROM actor_ancestors WHERE actor = ?", (us_mil.id,)
        ).fetchall()
    ancestors = {r[0] for r in rows}
    assert "Q30" in ancestors  # the United States, through the Department of Defense
    assert "Q11209" in ancestors
