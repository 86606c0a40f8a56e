"""The CLI, in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kadhimi-drone-attack.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "cli.db"
    result = CliRunner().invoke(
        app, ["--db", str(path), "ingest", str(EXAMPLE), "--published", "2021-11-07", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_help_shows_examples() -> None:
    code, out = run("--help")
    assert code == 0 and "claimgraph ingest" in out
    for cmd in ("ingest", "actors", "show", "events", "export"):
        code, out = run(cmd, "--help")
        assert code == 0 and "Example" in out, cmd


def test_ingest_again_is_a_no_op(db: str) -> None:
    code, out = run("--db", db, "ingest", str(EXAMPLE), "--published", "2021-11-07", "--quiet")
    assert code == 0
    assert "1 already in the store" in out


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("CLAIMGRAPH_DB", str(path))
    code, _ = run("ingest", str(EXAMPLE), "--quiet")
    assert code == 0 and path.exists()


def test_actors_formats(db: str) -> None:
    code, out = run("--db", db, "actors", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    assert all(r["kind"] == "actor" and r["mentions"] >= 0 for r in rows)
    kadhimi = [r for r in rows if r["name"] == "Mustafa al-Kadhimi"]
    assert kadhimi and kadhimi[0]["mentions"] >= 2
    code, out = run("--db", db, "actors", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "name,type,country,mentions,id"
    code, out = run("--db", db, "actors", "--format", "json")
    assert code == 0 and isinstance(json.loads(out), list)
    code, out = run("--db", db, "actors", "--format", "table")
    assert code == 0 and "Mustafa al-Kadhimi" in out
    code, out = run("--db", db, "actors", "--format", "xml")
    assert code != 0


def test_show_dossier(db: str) -> None:
    code, out = run("--db", db, "show", "al-Kadhimi", "--format", "json")
    assert code == 0, out
    (dossier,) = json.loads(out)
    assert dossier["name"] == "Mustafa al-Kadhimi"
    assert dossier["events"], "the dossier lists the events he took part in"
    for e in dossier["events"]:
        assert e["quote"] and e["publisher"] == "claimgraph example desk"
    code, out = run("--db", db, "show", "al-Kadhimi", "--format", "table")
    assert code == 0 and "Mustafa al-Kadhimi" in out and "“" in out


def test_show_unknown_actor(db: str) -> None:
    code, out = run("--db", db, "show", "Nobody Atall")
    assert code == 2 and "no actor called" in out


def test_events_filters(db: str) -> None:
    code, out = run("--db", db, "events", "--type", "ASSAULT", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows and all(r["type"] == "ASSAULT" for r in rows)
    code, out = run("--db", db, "events", "--since", "2030", "--format", "jsonl")
    assert code == 0 and out.strip() == ""
    code, out = run("--db", db, "events", "--type", "NONSENSE")
    assert code == 2 and "unknown event type" in out


def test_contradictions_in_the_example(db: str) -> None:
    """The example reports a claim that two groups carried out the attack, which both deny."""
    code, out = run("--db", db, "contradictions", "--format", "json")
    assert code == 0
    (denial,) = [c for c in json.loads(out) if c["kind"] == "denial"]
    claimed, denied = denial["sides"]
    assert "carried out the attack" in claimed["evidence"][0]["quote"]
    assert denied["evidence"][0]["modality"] == "negated"
    code, out = run("--db", db, "contradictions", "--actor", "Hadi al-Amiri", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_bad_input_exit_status(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    code, out = run("--db", str(tmp_path / "x.db"), "ingest", str(tmp_path), "--quiet")
    assert code == 1
    assert "bad.txt" in out and "binary" in out
    assert "ingested 1 document(s)" in out


def test_bad_published_date(tmp_path: Path) -> None:
    code, out = run(
        "--db", str(tmp_path / "x.db"), "ingest", str(EXAMPLE), "--published", "someday"
    )
    assert code == 2 and "cannot read date" in out


def test_summary_prints_quotes(tmp_path: Path) -> None:
    code, out = run("--db", str(tmp_path / "s.db"), "ingest", str(EXAMPLE), "--summary", "--quiet")
    assert code == 0
    assert "Actors" in out and "Events" in out and "Relations" in out
    assert "“" in out


def test_kb_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    code, out = run("--db", db, "kb", "show", "Hadi al-Ameri", "--format", "json")
    assert code == 0
    (rec,) = json.loads(out)
    assert rec["name"] == "Hadi al-Amiri" and rec["source"]
    code, out = run("--db", db, "kb", "list", "--type", "state", "--format", "jsonl")
    states = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(states) >= 190 and all(s["type"] == "state" for s in states)
    code, out = run("--db", db, "kb", "show", "Nobody Atall")
    assert code == 2 and "no actor called" in out


def test_kb_import_overlay_is_used_by_resolution(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "actors:\n"
        "  - name: Zaydun al-Qarawi\n"
        "    type: person\n"
        "    country: IRQ\n"
        "    aliases: [Zaidoun al-Qarawi]\n"
        "    source: https://example.org/notes/qarawi\n",
        encoding="utf-8",
    )
    code, out = run("--db", db, "kb", "import", str(overlay))
    assert code == 0 and "1 actors" in out
    code, out = run("--db", db, "kb", "show", "Zaidoun al-Qarawi", "--format", "json")
    assert code == 0 and json.loads(out)[0]["origin"].startswith("overlay:")
    text = tmp_path / "a.txt"
    text.write_text(
        "Zaidoun al-Qarawi met Nouri al-Maliki in Baghdad on Monday to discuss the budget.",
        encoding="utf-8",
    )
    code, _ = run("--db", db, "ingest", str(text), "--quiet")
    assert code == 0
    code, out = run("--db", db, "actors", "--format", "jsonl")
    names = {json.loads(line)["name"] for line in out.splitlines()}
    assert "Zaydun al-Qarawi" in names


def test_kb_import_wikidata_fixture(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "data" / "wikidata" / "Q3700793.json"
    code, out = run("--db", str(tmp_path / "w.db"), "kb", "import", "wikidata", str(fixture))
    assert code == 0 and "actors" in out


def test_kb_import_refuses_a_broken_overlay(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - name: X\n    type: wizard\n    source: s\n", encoding="utf-8")
    code, out = run("--db", str(tmp_path / "b.db"), "kb", "import", str(bad))
    assert code == 2 and "type" in out


def test_contradiction_table_shows_a_sentence_once_per_side(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from claimgraph.dossier import print_contradictions

    quote = "On May 2, the group shelled the base, killing a guard and wounding [two] others."
    evidence = [
        {"document": "doc-a", "event": f"eve-{n}", "publisher": "Outlet A", "quote": quote}
        for n in range(3)
    ]
    other = {"document": "doc-b", "event": "eve-9", "publisher": "Outlet B", "quote": "B said so."}
    print_contradictions(
        [
            {
                "kind": "perpetrator",
                "type": "ASSAULT",
                "date": "2020-05-02",
                "summary": "X vs Y",
                "sides": [
                    {"claim": "X", "evidence": evidence},
                    {"claim": "Y", "evidence": [other]},
                ],
            }
        ]
    )
    out = capsys.readouterr().out
    assert out.count("shelled the base") == 1
    assert "[two]" in out, "article text is printed as text, not read as markup"
    assert "B said so." in out
