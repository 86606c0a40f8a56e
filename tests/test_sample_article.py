"""The first demo document, ../shared/samples/seed-irannewsupdate.txt, end to end.

These assert what the pipeline must get right on a real partisan article: known actors with
their ids and types, short forms tied to full names, who leads what, coded events with their
modality, and evidence spans that point at the right text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from conftest import SAMPLE

from claimgraph.ingest import IngestOptions, iter_sources
from claimgraph.model import Extraction
from claimgraph.pipeline import Analyzer


@pytest.fixture(scope="module")
def sample(analyzer: Analyzer) -> Extraction:
    if not SAMPLE.exists():
        pytest.fail(
            f"the sample article is missing: {SAMPLE} (shared/ must sit beside the checkout)"
        )
    (doc,) = list(iter_sources([SAMPLE], IngestOptions()))
    assert not isinstance(doc, Exception)
    return analyzer.analyze(doc)  # type: ignore[arg-type]


def _surfaces(ex: Extraction) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for m in ex.mentions:
        out[ex.actors[m.actor].name].add(m.text)
    return out


def test_publisher_line_is_metadata(sample: Extraction) -> None:
    assert sample.document.publisher == "irannewsupdate"
    assert "Source »" not in sample.document.text


def test_every_evidence_span_is_exact(sample: Extraction) -> None:
    text = sample.document.text
    for claim in [*sample.events, *sample.relations]:
        ev = claim.evidence
        assert text[ev.start : ev.end] == ev.quote
    for m in sample.mentions:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "name, actor_type, short_forms",
    [
        ("Nouri al-Maliki", "person", {"al-Maliki", "Nouri al-Maliki"}),
        ("Hadi al-Amiri", "person", {"Hadi al-Ameri", "al-Ameri", "Al-Ameri"}),
        ("Ali Khamenei", "person", {"Khamenei"}),
        ("Qassem Soleimani", "person", {"Soleimani", "Qassem Soleimani"}),
        ("Haider al-Abadi", "person", {"Haidar al-Abadi", "al-Abadi"}),
        ("Mustafa al-Kadhimi", "person", {"Mustafa al-Kadhimi"}),
        ("Maryam Rajavi", "person", set()),
        ("Moqtada al-Sadr", "person", set()),
        ("Islamic Revolutionary Guard Corps", "armed_group", {"IRGC"}),
        ("Badr Organization", "armed_group", {"Ninth Badr Organization"}),
        ("State of Law Coalition", "coalition", set()),
        ("Fatah Alliance", "coalition", set()),
        ("Iraq", "state", set()),
    ],
)
def test_actors_resolve(
    sample: Extraction, name: str, actor_type: str, short_forms: set[str]
) -> None:
    by_name = {a.name: a for a in sample.actors.values()}
    assert name in by_name, sorted(by_name)
    assert by_name[name].type == actor_type
    assert short_forms <= _surfaces(sample)[name]


def test_states_have_wikidata_ids(sample: Extraction) -> None:
    by_name = {a.name: a for a in sample.actors.values()}
    assert by_name["Iraq"].id == "Q796"
    assert by_name["Iran"].id == "Q794"


def test_no_person_typed_as_place_and_no_merges(sample: Extraction) -> None:
    for aid, surfaces in _surfaces_by_id(sample).items():
        actor = sample.actors[aid]
        if actor.type == "state":
            assert not any(s in surfaces for s in ("Hadi al-Ameri", "al-Maliki", "Soleimani"))
    # two different people never share an actor
    persons = {a.name for a in sample.actors.values() if a.type == "person"}
    assert {"Nouri al-Maliki", "Hadi al-Amiri", "Ali Khamenei", "Qassem Soleimani"} <= persons


def test_new_actors_are_names_not_titles_or_headline_phrases(
    sample: Extraction, analyzer: Analyzer
) -> None:
    """Actors not on file come from body text and are more than a title word ("Supreme")."""
    from claimgraph.actors.resolve import _headline_case, _only_title_words

    new = {aid for aid in sample.actors if analyzer.kb.actor(aid) is None}
    assert new, "the article names at least one group not on file"
    doc = analyzer.nlp(sample.document.text)
    for m in sample.mentions:
        if m.actor in new:
            span = doc.char_span(m.start, m.end)
            assert span is not None, m.text
            assert not _only_title_words(doc, span.start, span.end), m.text
            assert not _headline_case(span.sent), m.text


def _surfaces_by_id(ex: Extraction) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for m in ex.mentions:
        out[m.actor].add(m.text)
    return out


def _relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(ex.actors[r.subject].name, r.type, ex.actors[r.object].name) for r in ex.relations}


@pytest.mark.parametrize(
    "relation",
    [
        ("Hadi al-Amiri", "leads", "Badr Organization"),
        ("Nouri al-Maliki", "leads", "State of Law Coalition"),
        ("Hadi al-Amiri", "leads", "Fatah Alliance"),
        ("Qassem Soleimani", "leads", "Quds Force"),
        ("Esmail Daghayeghi", "member_of", "Islamic Revolutionary Guard Corps"),
    ],
)
def test_relations(sample: Extraction, relation: tuple[str, str, str]) -> None:
    assert relation in _relations(sample)


def _events(ex: Extraction) -> list[dict[str, Any]]:
    return [
        {
            "type": e.type,
            "mode": e.mode,
            "actors": {ex.actors[a].name for a in e.actors},
            "recipients": {ex.actors[a].name for a in e.recipients},
            "date": e.date,
            "modality": e.modality,
            "quote": e.evidence.quote,
        }
        for e in ex.events
    ]


def test_drone_attack_event(sample: Extraction) -> None:
    hits = [
        e
        for e in _events(sample)
        if e["type"] == "ASSAULT" and "Mustafa al-Kadhimi" in e["recipients"]
    ]
    assert hits, _events(sample)
    (e,) = hits
    assert e["mode"] == "drone"
    assert e["date"] == "2021"
    assert e["actors"] == {"Government of Iran"}
    assert e["modality"] == "asserted"


def test_torture_event_dated_by_the_war_range(sample: Extraction) -> None:
    hits = [e for e in _events(sample) if e["mode"] == "torture"]
    assert [e["actors"] for e in hits] == [{"Islamic Revolutionary Guard Corps"}]
    assert hits[0]["date"] == "1980"


def test_hedged_sentence_is_not_asserted(sample: Extraction) -> None:
    for e in _events(sample):
        if "Unconfirmed reports" in e["quote"]:
            assert e["modality"] == "hedged"
    for r in sample.relations:
        if "Unconfirmed reports" in r.evidence.quote:
            assert r.modality == "hedged"


def test_quoted_speech_is_attributed(sample: Extraction) -> None:
    quoted = [e for e in sample.events if "The danger of the Iranian regime" in e.evidence.quote]
    assert quoted
    for e in quoted:
        assert e.modality == "reported"
        assert e.attributed_to and sample.actors[e.attributed_to].name == "Maryam Rajavi"


def test_abadi_toppled_in_october_revolution_is_flagged(sample: Extraction) -> None:
    """The article says the October 2019 protests toppled Prime Minister Haidar al-Abadi; the
    knowledge base has his term ending in 2018 (Adil Abdul-Mahdi held the office then)."""
    hits = [
        e
        for e in sample.events
        if "Haider al-Abadi" in {sample.actors[a].name for a in e.recipients}
    ]
    assert hits
    (event,) = hits
    assert event.date == "2019-10"  # dated by the named event in the knowledge base
    (flag,) = [f for f in event.flags if f.kind == "role_conflict"]
    assert "2018-10-25" in (flag.kb_fact or "")
    assert "Adil Abdul-Mahdi" in (flag.kb_fact or "")
    assert flag.source
