"""Peer-suite parsing and scoring on small inline fixtures shaped like the PLOVER/PETRARCH files."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph.ids import document_id
from claimgraph.kb import KnowledgeBase
from claimgraph.kb.base import make_actor_id
from claimgraph.model import Actor, Document, Event, Evidence, Extraction
from claimgraph.peers import (
    cameo_to_plover,
    country_code,
    dictionary_overlay,
    format_plover,
    parse_crosswalk,
    parse_dictionary,
    parse_petrarch_records,
    parse_plover,
    plover_label,
    run_plover,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "peer-suites"


# ------------------------------------------------------------------ PLOVER labels and records
@pytest.mark.parametrize(
    ("label", "mode", "expected"),
    [
        ("DEMAND", None, ("REQUEST", None)),
        ("DISAPPROVE", "", ("ACCUSE", None)),
        ("INVESTIGATE", "", ("ACCUSE", "investigate")),
        ("FIGHT", "firearms", ("ASSAULT", "firearms")),
        ("AGREE", None, ("AGREE", None)),
        ("COERCE", "arrest", ("COERCE", "arrest")),
    ],
)
def test_plover_labels(label: str, mode: str | None, expected: tuple[str, str | None]) -> None:
    assert plover_label(label, mode) == expected


def test_country_codes() -> None:
    assert country_code("usa") == "USA"
    assert country_code("JAP") == "JPN"  # a CAMEO spelling
    assert country_code("IGO") is None and country_code("NGO") is None
    assert country_code("USAGOV") is None and country_code(None) is None


PLOVER_FIXTURE: list[dict[str, Any]] = [
    {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header"},
    {
        "id": "R1",
        "event": "DEMAND",
        "text": "France  urged\nIraq to release the hostages.",
        "source": [{"actorText": "France", "code": "FRA", "sector": "GOV"}],
        "target": [{"actorText": "Iraq", "code": "IRQ"}],
    },
    {
        "id": "R2",
        "event": "INVESTIGATE",
        "mode": "",
        "text": "The IAEA sent inspectors to Iran.",
        "source": [{"actorText": "IAEA", "code": "IGO"}],
        "target": [{"actorText": "Iran", "code": "IRN"}],
    },
    {
        "id": "R3",
        "event": "FIGHT",
        "text": "Rebels attacked.",
        "source": [{"actorText": "Rebels", "code": "SDN"}],
        "target": "",
    },
]


def test_parse_plover_skips_the_header_and_maps_labels() -> None:
    recs = parse_plover(PLOVER_FIXTURE)
    assert [r.id for r in recs] == ["R1", "R2", "R3"]
    r1, r2, r3 = recs
    assert (r1.label, r1.type, r1.sources, r1.targets) == ("DEMAND", "REQUEST", ("FRA",), ("IRQ",))
    assert r1.text == "France urged Iraq to release the hostages."
    assert (r2.type, r2.mode, r2.sources, r2.targets) == ("ACCUSE", "investigate", (), ("IRN",))
    assert (r3.type, r3.targets) == ("ASSAULT", ())


class FakeAnalyzer:
    """Stands in for claimgraph.pipeline.Analyzer: canned events per sentence."""

    def __init__(self, coded: dict[str, list[tuple[str, list[str], list[str]]]]) -> None:
        self.coded = coded  # text prefix -> [(type, actor countries, recipient countries)]

    def analyze_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        for doc in documents:
            ex = Extraction(document=doc)
            key = next((k for k in self.coded if doc.text.startswith(k)), None)
            for i, (etype, srcs, tgts) in enumerate(self.coded.get(key or "", [])):
                for c in (*srcs, *tgts):
                    ex.actors[c] = Actor(id=c, name=c, type="state", country=c)
                ev = Evidence(doc.id, 0, 0, len(doc.text), doc.text)
                ex.events.append(
                    Event(f"e{i}", etype, ev, actors=tuple(srcs), recipients=tuple(tgts))
                )
            yield ex


def test_run_plover_arithmetic(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(PLOVER_FIXTURE), encoding="utf-8")
    fake = FakeAnalyzer(
        {
            "France": [("THREATEN", ["FRA"], []), ("REQUEST", ["FRA"], ["IRQ"])],
            "The IAEA": [("ACCUSE", [], ["IRQ"])],
        }
    )
    result = run_plover(path, fake)  # type: ignore[arg-type]
    assert result["records"] == 3
    assert result["coverage"] == {"hits": 2, "total": 3, "rate": 2 / 3}
    assert result["type_accuracy"]["hits"] == 2  # REQUEST (second event) and ACCUSE
    assert result["first_event_accuracy"]["hits"] == 1
    assert result["source_agreement"] == {"hits": 1, "total": 1, "rate": 1.0}  # IGO: no country
    assert result["target_agreement"] == {"hits": 1, "total": 2, "rate": 0.5}
    assert result["confusions"] == [{"gold": "REQUEST", "coded": "THREATEN", "count": 1}]
    assert result["by_type"]["ASSAULT"] == {"records": 1}
    assert "coverage" in format_plover(result)


# ------------------------------------------------------------------ crosswalk
CROSSWALK = """# CAMEO to PLOVER conversion table
# Edited by: someone

08: CONCEDE
080: CONCEDE,   ,  # Yield
0811: CONCEDE,   , democracy # Ease restrictions

08: RETREAT
084: RETREAT,   ,  # Return, release
0841: RETREAT, release,   legal # Return, release person(s)

09: ACCUSE
090: ACCUSE, investigate,  # Investigate
163: COERCE, restrict,   diplomatic # Impose embargo
175: ASSAULT, pro_autocracy , military # Use violent repression
175: ASSAULT, pro_autocracy , military # duplicate line
~~~~~
"""


def test_parse_crosswalk() -> None:
    table = parse_crosswalk(CROSSWALK)
    assert table["08"] == ("CONCEDE", None, None)  # the first header of a split root stands
    assert table["080"] == ("CONCEDE", None, None)
    assert table["0811"] == ("CONCEDE", None, "democracy")
    assert table["0841"] == ("RETREAT", "release", "legal")
    assert table["090"] == ("ACCUSE", "investigate", None)
    assert table["163"] == ("COERCE", "restrict", "diplomatic")
    assert table["175"] == ("ASSAULT", "pro_autocracy", "military")
    assert len(table) == 9


def test_cameo_to_plover_falls_back_to_parents() -> None:
    table = parse_crosswalk(CROSSWALK)
    assert cameo_to_plover("0843", table) == ("RETREAT", None, None)  # 3-digit parent
    assert cameo_to_plover("089", table) == ("CONCEDE", None, None)  # root header
    assert cameo_to_plover("0841", table) == ("RETREAT", "release", "legal")
    assert cameo_to_plover("903", table) is None  # a PETRARCH test code with no CAMEO root


@pytest.mark.skipif(not (SHARED / "plover").exists(), reason="peer suites not present")
def test_the_shared_crosswalk_parses() -> None:
    table = parse_crosswalk(
        (SHARED / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    )
    assert table["163"][0] == "COERCE" and table["0874"][:2] == ("RETREAT", "disarm")
    assert cameo_to_plover("1823", table) == ("ASSAULT", None, None)
    assert cameo_to_plover("064", table) == ("COOPERATE", None, "intelligence")


# ------------------------------------------------------------------ PETRARCH records
PETR_XML = """<Validation>
<!-- a header comment with <angle> brackets & such -->
<Environment><Verbfile>v.txt</Verbfile></Environment>
<Sentences>
<Config option="new_actor_length" value="0"></Config>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<!-- Simple coding -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="---" eventcode="1121"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties with Gondor almost
five years after crowds trashed its embassy.
</Text>
<Parse> (ROOT (S (NP (NNP Arnor)) (. .))) </Parse>
</Sentence>
<Sentence date = "20080804" id ="NONE-01" category="PARSING" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Eriador's death toll has risen.</Text>
</Sentence>
<Sentence date="19950101" id="ERR-01" category="ERROR">
<EventCoding error="storydiscard"></EventCoding>
<Text>Manchester United won.</Text>
</Sentence>
<Sentence date="bad" id="BARE-01" category="PATTERN">
<Text>Gollum was in an accord.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_parse_petrarch_records() -> None:
    recs = parse_petrarch_records(PETR_XML)
    assert [r.id for r in recs] == ["DEMO-00", "NONE-01", "ERR-01", "BARE-01"]
    demo = recs[0]
    assert demo.text.startswith("Arnor is about") and "\n" not in demo.text
    assert demo.date == "1995-01-01" and demo.category == "DEMO"
    assert [(c.source, c.target, c.code) for c in demo.codings] == [
        ("ARN", "GON", "064"),
        ("GON", "---", "1121"),
    ]
    assert [r.expect for r in recs] == ["events", "none", "error:storydiscard", "none"]
    assert recs[1].date == "2008-08-04" and recs[3].date is None


# ------------------------------------------------------------------ PETRARCH dictionaries
ACTORS_TXT = """<!-- PETRARCH VALIDATION SUITE ACTOR DICTIONARY -->
<!--
# a multi-line comment block
# -->
ARNOR_  [ARN]
ISRAELI_TROOPS [ISRMIL]
GONDOR [GON]
+MINAS_TIRITH
+ANORIEN

INTERNATIONAL_CRIMINAL_POLICE_ORGANIZATION_
+INTERPOL
\t[IGOCOPITP]\t# Interpol

GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
#\t[950601-990815]  incorrect code block check
\t[HOBREB > 990816]
BILBO  [HOB]
GROUP OF 77  [G77]
UAE  [UAE]
<! -- NEW ACTORS -->
ENT
\t[ENT]
"""

AGENTS_TXT = """<!-- PETRARCH VALIDATION SUITE AGENTS DICTIONARY -->
!PERSON! = MAN, MEN, WOMAN
PRESIDENT [~GOV] # ns 6/26/01
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV] # mj 05 Jan 2006
CONGRESS!PERSON! [~LEG] # substitution marker
TROOPS {}  [~MIL] # ab
HUMAN_RIGHTS_ORGANIZATION  [  NGO~] # sls
FOREIGN_MINISTER [~GOVFRM] # jap
"""


def test_parse_actor_dictionary() -> None:
    entries = {e.name: e for e in parse_dictionary(ACTORS_TXT)}
    assert list(entries) == [
        "Arnor",
        "Israeli Troops",
        "Gondor",
        "International Criminal Police Organization",
        "Gollum",
        "Bilbo",
        "Group of 77",
        "UAE",
        "ENT",
    ]
    assert entries["Arnor"].codes == ["ARN"] and "ARNOR" in entries["Arnor"].aliases
    assert entries["Gondor"].aliases == ["Minas Tirith", "Anorien"]
    assert entries["International Criminal Police Organization"].codes == ["IGOCOPITP"]
    assert entries["International Criminal Police Organization"].aliases[0] == "Interpol"
    assert entries["Gollum"].codes == ["HOB", "HOBGOV", "HOBREB"]  # date restrictions dropped
    assert entries["ENT"].codes == ["ENT"] and "Ent" in entries["ENT"].aliases
    assert not any(e.agent for e in entries.values())


def test_parse_agent_dictionary() -> None:
    entries = {e.name: e for e in parse_dictionary(AGENTS_TXT, agent=True)}
    assert entries["President"].codes == ["GOV"]
    assert entries["Attorney General"].aliases == ["Attorneys General"]
    assert entries["Congressman"].aliases == ["Congressmen", "Congresswoman"]
    assert entries["Troops"].codes == ["MIL"] and entries["Troops"].aliases == []
    assert entries["Human Rights Organization"].codes == ["NGO"]
    assert entries["Foreign Minister"].codes == ["GOVFRM"]
    assert all(e.agent for e in entries.values())


def test_dictionary_overlay_loads_and_maps_codes() -> None:
    entries = parse_dictionary(ACTORS_TXT) + parse_dictionary(AGENTS_TXT, agent=True)
    overlay, codes = dictionary_overlay(entries)
    by_name = {a["name"]: a for a in overlay["actors"]}
    assert "id" not in by_name["Arnor"]
    assert by_name["Arnor"]["type"] == "state" and by_name["Arnor"]["country"] == "ARN"
    assert by_name["Israeli Troops"]["country"] == "ISR"
    assert by_name["Israeli Troops"]["sector"] == "MIL"
    assert by_name["Israeli Troops"]["type"] == "armed_group"
    assert by_name["Bilbo"]["type"] == "other"  # HOB is shared: not a state
    icpo = by_name["International Criminal Police Organization"]
    assert icpo["country"] is None and icpo["sector"] is None  # a 9-letter code: kept aside
    assert by_name["President"]["sector"] == "GOV" and by_name["President"]["country"] is None
    assert by_name["Foreign Minister"]["sector"] is None  # not a 3-letter code
    assert all(a["source"].startswith("petrarch2:") for a in overlay["actors"])
    assert codes[make_actor_id("Arnor", "state")] == ["ARN"]
    assert codes[make_actor_id("Gollum", "other")] == ["HOB", "HOBGOV", "HOBREB"]
    assert codes[make_actor_id("President", "government")] == ["---GOV"]
    kb = KnowledgeBase.load([("petrarch-toy", overlay)], builtin=False)
    assert kb.by_alias("Minas Tirith") == {make_actor_id("Gondor", "state")}


def test_dictionary_overlay_reuses_actors_the_kb_knows() -> None:
    known = KnowledgeBase.load(
        [
            (
                "test",
                {"actors": [{"name": "Gondor", "type": "state", "country": "GON", "source": "x"}]},
            )
        ],
        builtin=False,
    )
    gondor = next(iter(known.by_alias("Gondor")))
    overlay, codes = dictionary_overlay(parse_dictionary(ACTORS_TXT), known)
    assert "Gondor" not in {a["name"] for a in overlay["actors"]}
    assert codes[gondor] == ["GON"]


def test_documents_for_suites_are_content_addressed() -> None:
    # run_plover and run_petrarch make documents with claimgraph.ids.document_id
    assert document_id("Arnor  is\nhere.") == document_id("Arnor is here.")
