"""The gold-set scorer: matching rules of shared/gold/README.md on hand-made records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimgraph.evaluate import evaluate, format_report, norm_name, score
from claimgraph.evaluate.gold import GoldDoc, load_gold, parse_gold

DOC = "doc-1"
S1 = "The United States killed Qassem Soleimani near Baghdad airport on 3 January 2020."
S2 = "Iran's foreign minister Javad Zarif condemned the strike as an act of terrorism."


# ------------------------------------------------------------------ fake export records
def actor(aid: str, name: str, *aliases: str, documents: list[str] | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {"kind": "actor", "id": aid, "name": name, "aliases": list(aliases)}
    if documents is not None:
        rec["documents"] = documents
    return rec


def ref(aid: str | None) -> dict[str, str] | None:
    return None if aid is None else {"id": aid, "name": NAMES.get(aid, aid)}


NAMES = {"us": "United States", "qs": "Qasem Soleimani", "ir": "Iran", "jz": "Javad Zarif"}
ACTORS = [
    actor("us", "United States", "U.S."),
    actor("qs", "Qasem Soleimani", "Soleimani"),
    actor("ir", "Iran"),
    actor("jz", "Javad Zarif", "Zarif"),
]


def evidence(quote: str, doc: str = DOC) -> dict[str, Any]:
    return {"document": doc, "sentence": 0, "start": 0, "end": len(quote), "quote": quote}


def event(
    eid: str,
    etype: str,
    quote: str,
    actors: tuple[str, ...] = (),
    recipients: tuple[str, ...] = (),
    date: str | None = None,
    modality: str = "asserted",
    doc: str = DOC,
) -> dict[str, Any]:
    return {
        "kind": "event",
        "id": eid,
        "type": etype,
        "mode": None,
        "actors": [ref(a) for a in actors],
        "recipients": [ref(a) for a in recipients],
        "date": date,
        "modality": modality,
        "evidence": evidence(quote, doc),
    }


def relation(rid: str, rtype: str, quote: str, subject: str, obj: str) -> dict[str, Any]:
    return {
        "kind": "relation",
        "id": rid,
        "type": rtype,
        "subject": ref(subject),
        "object": ref(obj),
        "evidence": evidence(quote),
    }


GOLD_ACTORS = [
    {"name": "United States", "type": "state", "aliases": ["US", "U.S."]},
    {"name": "Qassem Soleimani", "type": "person", "aliases": ["Qasem Soleimani"]},
    {"name": "Government of Iran", "type": "government", "aliases": ["Iran"]},
    {"name": "Mohammad Javad Zarif", "type": "person", "aliases": ["Javad Zarif"]},
]


def gold_doc(**parts: Any) -> GoldDoc:
    obj = {
        "document": {"file": "a.txt", "publisher": "Test", "published": None, "id": DOC},
        "actors": GOLD_ACTORS,
        "relations": [],
        "events": [],
    }
    obj.update(parts)
    return parse_gold(obj)


def gold_event(etype: str, quote: str, **kw: Any) -> dict[str, Any]:
    base = {"type": etype, "alt_types": [], "mode": None, "actors": [], "recipients": []}
    return {**base, "date": None, "modality": "asserted", "quote": quote, "optional": False, **kw}


# ------------------------------------------------------------------ names
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Badr Organization’s", "badr organization"),
        ("Abu Mahdi al-Muhandis", "abu mahdi muhandis"),
        ("EL-Sisi", "sisi"),
        ("Kata‘ib Hezbollah", "kata'ib hezbollah"),
        ("the  Quds   Force", "quds force"),
        ("Forces'", "forces"),
    ],
)
def test_norm_name_follows_the_readme(a: str, b: str) -> None:
    assert norm_name(a) == b


def test_norm_name_folds_nothing_else() -> None:
    assert norm_name("U.S.") != norm_name("US")  # punctuation is not in the README's list
    assert norm_name("President Trump") != norm_name("Trump")  # nor are titles
    assert norm_name("Theodore") == "theodore"  # only a leading "the " word


# ------------------------------------------------------------------ actors
def test_actors_found_and_merge_errors() -> None:
    merged = actor("x", "Iran", "Javad Zarif")  # one exported actor for two gold actors
    report = score([gold_doc()], [ACTORS[0], ACTORS[1], merged])
    d = report.docs[0]
    assert report.actors_gold == 4 and report.actors_found == 4
    assert report.merge_errors == 1
    assert d.merges == [
        {"exported": "Iran", "id": "x", "gold": ["Government of Iran", "Mohammad Javad Zarif"]}
    ]
    assert d.actors_missed == []


def test_actors_are_per_document_when_records_say_where_they_occur() -> None:
    recs = [
        actor("us", "United States", documents=[DOC]),
        actor("qs", "Qasem Soleimani", documents=["doc-other"]),
    ]
    d = score([gold_doc()], recs).docs[0]
    assert [f["gold"] for f in d.actors_found] == ["United States"]
    assert "Qassem Soleimani" in d.actors_missed


# ------------------------------------------------------------------ events
def test_event_precision_recall_with_optional_records() -> None:
    gold = gold_doc(
        events=[
            gold_event("ASSAULT", "killed Qassem Soleimani", actors=["United States"]),
            gold_event("ACCUSE", "condemned the strike", actors=["Mohammad Javad Zarif"]),
            gold_event("THREATEN", "an act of terrorism", optional=True),
            gold_event("PROTEST", "near Baghdad airport", optional=True),  # unmatched: no miss
        ]
    )
    recs = [
        *ACTORS,
        event("e1", "ASSAULT", S1, actors=("us",), recipients=("qs",)),  # required: correct
        event("e2", "THREATEN", S2),  # matches only the optional record: not a false alarm
        event("e3", "SANCTION", S2, actors=("us",)),  # false alarm
        event("e4", "ASSAULT", S1, actors=("us",), doc="doc-other"),  # not in a gold document
    ]
    report = score([gold], recs)
    ev = report.events
    assert (ev.exported, ev.correct, ev.required, ev.found) == (3, 2, 2, 1)
    assert ev.precision == pytest.approx(2 / 3)
    assert ev.recall == pytest.approx(1 / 2)
    assert ev.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert report.event_types["ACCUSE"].required == 1 and report.event_types["ACCUSE"].found == 0
    assert report.event_types["SANCTION"].exported == 1
    assert report.event_types["SANCTION"].correct == 0
    assert "PROTEST" not in report.event_types  # optional gold types are not counted
    d = report.docs[0]
    assert len(d.events_missed) == 1 and "Mohammad Javad Zarif" in d.events_missed[0]["summary"]
    assert d.events_missed[0]["why"].startswith("type ")  # the nearest candidate's reason
    assert [f["id"] for f in d.events_false] == ["e3"]
    assert d.events_false[0]["quote"] == S2


def test_event_alt_types_and_roles() -> None:
    gold = gold_doc(
        events=[
            gold_event(
                "ASSAULT",
                "killed Qassem Soleimani",
                alt_types=["COERCE"],
                actors=["United States"],
                recipients=["Qassem Soleimani"],
            )
        ]
    )
    ok = event("ok", "COERCE", S1, actors=("us",), recipients=("qs",))
    wrong_type = event("t", "AID", S1, actors=("us",), recipients=("qs",))
    no_recipient = event("r", "ASSAULT", S1, actors=("us",))
    wrong_actor = event("a", "ASSAULT", S1, actors=("ir",), recipients=("qs",))
    report = score([gold], [*ACTORS, ok, wrong_type, no_recipient, wrong_actor])
    assert report.events.correct == 1 and report.events.found == 1
    whys = {f["id"]: f["why"] for f in report.docs[0].events_false}
    assert whys["t"].startswith("type AID")
    assert whys["r"].startswith("recipients")
    assert whys["a"].startswith("actors")


def test_unlisted_roles_are_not_required_and_quote_is_whitespace_tolerant() -> None:
    gold = gold_doc(events=[gold_event("ASSAULT", "killed Qassem\nSoleimani near")])
    report = score([gold], [*ACTORS, event("e", "ASSAULT", S1)])
    assert report.events.found == 1


def test_swaps_dates_and_modality() -> None:
    gold = gold_doc(
        events=[
            gold_event(
                "ASSAULT",
                "killed Qassem Soleimani",
                actors=["United States"],
                recipients=["Qassem Soleimani"],
                date="2020-01-03",
            ),
            gold_event(
                "ACCUSE",
                "condemned the strike",
                actors=["Mohammad Javad Zarif"],
                date="2020",
                modality="reported",
            ),
        ]
    )
    recs = [
        *ACTORS,
        # matches (US is an actor, Soleimani a recipient) but also has Soleimani as an actor
        event("e1", "ASSAULT", S1, ("us", "qs"), ("qs",), date="2020-01"),
        event("e2", "ACCUSE", S2, ("jz",), ("us",), date="2020-01-04", modality="asserted"),
    ]
    report = score([gold], recs)
    assert (report.swaps.hits, report.swaps.total) == (1, 2)
    assert (report.dates.hits, report.dates.total) == (0, 2)
    assert (report.dates_compatible.hits, report.dates_compatible.total) == (2, 2)
    assert (report.modality.hits, report.modality.total) == (1, 2)


def test_swap_uses_the_best_agreeing_match() -> None:
    gold = gold_doc(
        events=[
            gold_event(
                "ASSAULT",
                "killed Qassem",
                actors=["United States"],
                recipients=["Qassem Soleimani"],
            )
        ]
    )
    swapped = event("s", "ASSAULT", S1, ("us", "qs"))
    clean = event("c", "ASSAULT", S1, ("us",), ("qs",))
    report = score([gold], [*ACTORS, swapped, clean])
    assert (report.swaps.hits, report.swaps.total) == (0, 1)


# ------------------------------------------------------------------ relations
def test_relations_type_subject_object_and_quote() -> None:
    gold = gold_doc(
        relations=[
            {
                "type": "holds_role",
                "subject": "Mohammad Javad Zarif",
                "object": "Government of Iran",
                "quote": "Iran's foreign minister Javad Zarif",
                "optional": False,
            },
            {
                "type": "leads",
                "subject": "Qassem Soleimani",
                "object": "Government of Iran",
                "quote": "not in any sentence",
                "optional": False,
            },
        ]
    )
    recs = [
        *ACTORS,
        relation("r1", "holds_role", S2, "jz", "ir"),
        relation("r2", "member_of", S2, "jz", "ir"),
        relation("r3", "holds_role", S2, "ir", "jz"),
    ]
    report = score([gold], recs)
    r = report.relations
    assert (r.exported, r.correct, r.required, r.found) == (3, 1, 2, 1)
    assert report.relation_types["member_of"].exported == 1
    assert report.relation_types["leads"].required == 1
    whys = {f["id"]: f["why"] for f in report.docs[0].relations_false}
    assert whys["r2"].startswith("type member_of")
    assert whys["r3"].startswith("subject")


def test_documents_are_found_by_quote_when_the_gold_has_no_id() -> None:
    gold = parse_gold(
        {
            "document": {"file": "a.txt"},
            "actors": [],
            "events": [gold_event("ASSAULT", "killed Qassem Soleimani")],
        }
    )
    docs = [
        {"kind": "document", "id": "doc-x", "text": "Nothing here."},
        {"kind": "document", "id": DOC, "text": S1 + " " + S2},
    ]
    report = score([gold], [*docs, event("e", "ASSAULT", S1)])
    assert report.docs[0].doc_id == DOC and report.events.found == 1


def test_report_serialises_and_formats() -> None:
    gold = gold_doc(events=[gold_event("ASSAULT", "killed Qassem Soleimani")])
    report = score([gold], [*ACTORS, event("e", "ASSAULT", S1), event("f", "AID", S2)])
    data = json.loads(json.dumps(report.to_dict()))
    assert data["events"]["precision"] == 0.5 and data["events"]["recall"] == 1.0
    assert data["documents"][0]["events_false"][0]["id"] == "f"
    text = format_report(report, details=True)
    assert "ASSAULT" in text and "false event" in text and "a.txt" in text
    assert "    —" in format_report(score([gold_doc()], []))  # no records: undefined rates


def test_load_gold_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"document": {"file": "a.txt"}}\n\n{"actors": [{}]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=":3:"):
        load_gold(path)


# ------------------------------------------------------------------ end to end (NLP)
def test_evaluate_end_to_end(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text(S1 + " " + S2 + "\n", encoding="utf-8")
    quote = "The United States killed Qassem Soleimani"
    lines = [
        {
            "document": {"file": "a.txt", "publisher": "Test", "published": "2020-01-04"},
            "actors": GOLD_ACTORS,
            "relations": [],
            "events": [gold_event("ASSAULT", quote, actors=["United States"])],
        },
        {"document": {"file": "missing.txt"}, "actors": [], "relations": [], "events": []},
    ]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    db = tmp_path / "eval.db"
    report = evaluate(gold_path, texts, db_path=db)
    assert db.exists()
    assert len(report.docs) == 2
    assert report.docs[0].doc_id and report.docs[0].doc_id.startswith("doc-")
    assert report.actors_gold == 4 and report.actors_found >= 2  # the US and Soleimani at least
    assert report.events.required == 1
    assert report.events.exported >= report.events.correct
    assert len(report.errors) == 1 and "missing.txt" in report.errors[0]
    json.dumps(report.to_dict())
