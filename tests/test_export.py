"""The JSON Lines export contract of DESIGN.md, field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.model import ACTOR_TYPES, EVENT_TYPES, MODALITIES, RELATION_TYPES

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kadhimi-drone-attack.txt"
ISO = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:  # type: ignore[type-arg]
    db = str(tmp_path_factory.mktemp("export") / "e.db")
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["--db", db, "ingest", str(EXAMPLE), "--published", "2021-11-07", "--quiet"]
        ).exit_code
        == 0
    )
    result = runner.invoke(app, ["--db", db, "export", "--format", "jsonl"])
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


def _ref_ok(ref: object, actor_ids: set[str]) -> bool:
    return (
        isinstance(ref, dict)
        and set(ref) == {"id", "name"}
        and ref["id"] in actor_ids
        and isinstance(ref["name"], str)
    )


def test_kinds(records: list[dict]) -> None:  # type: ignore[type-arg]
    kinds = {r["kind"] for r in records}
    assert kinds == {"document", "actor", "relation", "event"}


def test_document_fields(records: list[dict]) -> None:  # type: ignore[type-arg]
    (doc,) = [r for r in records if r["kind"] == "document"]
    assert set(doc) >= {"kind", "id", "url", "publisher", "title", "published", "language", "text"}
    assert doc["publisher"] == "claimgraph example desk"
    assert doc["published"] == "2021-11-07"
    assert doc["language"] == "en"
    assert "Source »" not in doc["text"]
    assert doc["id"].startswith("doc-")


def test_actor_fields(records: list[dict]) -> None:  # type: ignore[type-arg]
    import re

    for a in (r for r in records if r["kind"] == "actor"):
        assert set(a) >= {
            "kind",
            "id",
            "name",
            "type",
            "country",
            "sector",
            "aliases",
            "description",
        }
        assert a["type"] in ACTOR_TYPES
        assert re.match(r"^(Q\d+|cg-[0-9a-f]{12})$", a["id"])
        assert isinstance(a["aliases"], list)
        assert a["country"] is None or re.match(r"^[A-Z]{3}$", a["country"])


def test_relation_and_event_fields(records: list[dict]) -> None:  # type: ignore[type-arg]
    import re

    actor_ids = {r["id"] for r in records if r["kind"] == "actor"}
    texts = {r["id"]: r["text"] for r in records if r["kind"] == "document"}
    relations = [r for r in records if r["kind"] == "relation"]
    events = [r for r in records if r["kind"] == "event"]
    assert relations and events
    for r in relations:
        assert set(r) >= {"kind", "id", "type", "subject", "object", "start", "end", "evidence"}
        assert r["type"] in RELATION_TYPES
        assert _ref_ok(r["subject"], actor_ids) and _ref_ok(r["object"], actor_ids)
    for e in events:
        assert set(e) >= {
            "kind",
            "id",
            "type",
            "mode",
            "actors",
            "recipients",
            "date",
            "location",
            "modality",
            "attributed_to",
            "evidence",
        }
        assert e["type"] in EVENT_TYPES
        assert e["modality"] in MODALITIES
        assert all(_ref_ok(x, actor_ids) for x in e["actors"] + e["recipients"])
        assert e["attributed_to"] is None or _ref_ok(e["attributed_to"], actor_ids)
        assert e["date"] is None or re.match(ISO, e["date"])
        assert e["actors"] or e["recipients"]
    for rec in relations + events:
        ev = rec["evidence"]
        assert set(ev) == {"document", "sentence", "start", "end", "quote"}
        assert texts[ev["document"]][ev["start"] : ev["end"]] == ev["quote"]
        assert isinstance(ev["sentence"], int) and ev["sentence"] >= 0


def test_ids_are_deterministic(tmp_path: Path, records: list[dict]) -> None:  # type: ignore[type-arg]
    db = str(tmp_path / "again.db")
    runner = CliRunner()
    runner.invoke(app, ["--db", db, "ingest", str(EXAMPLE), "--published", "2021-11-07", "--quiet"])
    again = [json.loads(x) for x in runner.invoke(app, ["--db", db, "export"]).stdout.splitlines()]
    assert sorted(r["id"] for r in again) == sorted(r["id"] for r in records)


def test_plover_export(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    runner = CliRunner()
    runner.invoke(
        app,
        [
            "--db",
            db,
            "ingest",
            str(EXAMPLE),
            "--published",
            "2021-11-07",
            "--quiet",
            "--url",
            "https://example.org/x",
        ],
    )
    out = runner.invoke(app, ["--db", db, "export", "--format", "plover"]).stdout
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows
    for r in rows:
        assert r["event"] in EVENT_TYPES
        assert r["text"] and r["publisher"] == "claimgraph example desk"
        assert r["url"] == "https://example.org/x"
        assert r["textInfo"]["end"] > r["textInfo"]["start"]
