"""Importers of external data into knowledge-base overlays (claimgraph.kb.importers).

Fixtures in tests/data/wikidata are hand-made subsets in the shape of real Wikidata entity JSON
(Iraq Q796, Mohammed Shia' al-Sudani Q3700793, Abdul Latif Rashid Q6496078, Prime Minister of Iraq
Q1476165, President of Iraq Q889817, Arab League Q7172). Entities built in this module with ids
from Q900000001 on and labels such as "Example Brigade" are synthetic: they exercise the
mapping rules and describe nothing real.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import KnowledgeBaseError
from claimgraph.kb import KnowledgeBase
from claimgraph.kb.base import make_actor_id
from claimgraph.kb.importers import (
    WIKIDATA_TYPES,
    ImportResult,
    lookups_from_kb,
    read_overlay,
    read_wikidata,
    validate_document,
    wikidata_date,
)
from claimgraph.model import ACTOR_TYPES
from claimgraph.store.sqlite import Store

DATA = Path(__file__).parent / "data"
WD = DATA / "wikidata"
OVERLAY = DATA / "overlay"
GREGORIAN = "http://www.wikidata.org/entity/Q1985727"


# ----------------------------------------------------------------------------- helpers


def actor(result: ImportResult, qid: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [a for a in result.document["actors"] if a.get("id") == qid]
    assert len(found) == 1, f"{qid} not imported once: {[a.get('id') for a in found]}"
    return found[0]


def time(value: str, precision: int) -> dict[str, Any]:
    return {
        "time": value,
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": precision,
        "calendarmodel": GREGORIAN,
    }


def qualifier(prop: str, value: str | None, precision: int = 11) -> dict[str, Any]:
    if value is None:
        return {"snaktype": "somevalue", "property": prop}
    return {
        "snaktype": "value",
        "property": prop,
        "datavalue": {"value": time(value, precision), "type": "time"},
        "datatype": "time",
    }


def statement(
    prop: str,
    value: str,
    start: tuple[str | None, int] | None = None,
    end: tuple[str | None, int] | None = None,
    rank: str = "normal",
) -> dict[str, Any]:
    """A statement of an item-valued property, with optional P580/P582 qualifiers."""
    st: dict[str, Any] = {
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datavalue": {
                "value": {"entity-type": "item", "numeric-id": int(value[1:]), "id": value},
                "type": "wikibase-entityid",
            },
            "datatype": "wikibase-item",
        },
        "type": "statement",
        "rank": rank,
    }
    quals = {}
    if start is not None:
        quals["P580"] = [qualifier("P580", *start)]
    if end is not None:
        quals["P582"] = [qualifier("P582", *end)]
    if quals:
        st["qualifiers"] = quals
        st["qualifiers-order"] = list(quals)
    return st


def item(
    qid: str,
    label: str | None,
    *statements: dict[str, Any],
    labels: dict[str, str] | None = None,
    aliases: list[str] | None = None,
) -> dict[str, Any]:
    claims: dict[str, list[dict[str, Any]]] = {}
    for st in statements:
        claims.setdefault(st["mainsnak"]["property"], []).append(st)
    all_labels = dict(labels or {})
    if label is not None:
        all_labels["en"] = label
    return {
        "type": "item",
        "id": qid,
        "labels": {k: {"language": k, "value": v} for k, v in all_labels.items()},
        "descriptions": {},
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases or []]},
        "claims": claims,
    }


def write_dump(path: Path, entities: list[dict[str, Any]]) -> Path:
    """The Wikidata dump layout: `[`, one entity per line followed by a comma, `]`."""
    lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entities)
    path.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    return path


@pytest.fixture
def dump(tmp_path: Path) -> Callable[..., ImportResult]:
    """Import synthetic entities written as a dump: ``dump(entities, **read_wikidata_kwargs)``."""

    def run(entities: list[dict[str, Any]], **kwargs: Any) -> ImportResult:
        return read_wikidata(write_dump(tmp_path / "dump.json", entities), **kwargs)

    return run


# ----------------------------------------------------------------------------- formats


def test_entitydata_format() -> None:
    result = read_wikidata(WD / "Q3700793.json")
    assert result.report["format"] == "entitydata"
    assert result.report["entities"] == 1
    sudani = actor(result, "Q3700793")
    assert sudani["name"] == "Mohammed Shia' Al Sudani"
    assert sudani["type"] == "person"
    assert sudani["aliases"] == ["Mohammed Shia al-Sudani", "Mohammed al-Sudani"]
    assert sudani["description"] == "Iraqi politician, Prime Minister of Iraq since 2022"
    assert sudani["source"] == "https://www.wikidata.org/wiki/Q3700793"
    # Iraq is not in this file and no country table was given; the position keeps its QID
    assert sudani["country"] is None
    assert sudani["roles"] == [
        {"role": "Q1476165", "start": "2022-10-27", "end": None, "source": "wikidata:P39"}
    ]


def test_entitydata_single_line_equals_pretty(tmp_path: Path) -> None:
    pretty = read_wikidata(WD / "Q3700793.json")
    compact = tmp_path / "Q3700793.json"
    compact.write_text(json.dumps(json.loads((WD / "Q3700793.json").read_text("utf-8"))))
    assert read_wikidata(compact).document == pretty.document


def test_entitydata_with_builtin_lookups() -> None:
    lookups = lookups_from_kb(KnowledgeBase.load())
    assert lookups["country_codes"]["Q796"] == "IRQ"
    assert lookups["positions"]["Q1476165"] == "Prime Minister of Iraq"
    assert "Q30" in lookups["known_ids"]
    result = read_wikidata(WD / "Q3700793.json", **lookups)
    sudani = actor(result, "Q3700793")
    assert sudani["country"] == "IRQ"
    assert sudani["roles"][0]["role"] == "Prime Minister of Iraq"
    # the overlay joins the built-in KB: the imported role answers "who was PM then?"
    kb = KnowledgeBase.load([("wikidata", result.document)])
    assert "Q3700793" in {r.actor for r in kb.holders("Prime Minister of Iraq", "2023-06-01")}


def test_dump_format() -> None:
    result = read_wikidata(WD / "iraq_dump.json")
    report = result.report
    assert report["format"] == "dump"
    assert report["compression"] is None
    assert report["entities"] == 4
    assert [a["id"] for a in result.document["actors"]] == ["Q796", "Q3700793", "Q7172"]
    iraq = actor(result, "Q796")
    assert (iraq["type"], iraq["country"], iraq["name"]) == ("state", "IRQ", "Iraq")
    sudani = actor(result, "Q3700793")
    assert sudani["country"] == "IRQ"  # P27 Iraq, whose P298 is in the same file
    assert sudani["roles"][0]["role"] == "Prime Minister of Iraq"  # the position's label
    # P6 (head of government) on Iraq becomes `leads` on the person
    assert sudani["affiliations"] == [
        {
            "type": "leads",
            "object": "Q796",
            "start": "2022-10-27",
            "end": None,
            "source": "wikidata:P6",
        }
    ]
    assert result.document["positions"] == [
        {
            "name": "Prime Minister of Iraq",
            "id": "Q1476165",
            "country": "IRQ",
            "aliases": ["Iraqi Prime Minister"],
            "source": "https://www.wikidata.org/wiki/Q1476165",
        }
    ]
    assert report["actors"] == 3 and report["positions"] == 1
    assert report["roles"] == 1 and report["affiliations"] == 2


def test_jsonl_format() -> None:
    result = read_wikidata(WD / "presidents.jsonl", country_codes={"Q796": "IRQ"})
    assert result.report["format"] == "jsonl"
    assert result.report["skipped"] == {"not an item": 1}  # the P39 property entity
    rashid = actor(result, "Q6496078")
    assert rashid["country"] == "IRQ"
    assert rashid["roles"] == [
        {"role": "President of Iraq", "start": "2022-10-13", "end": None, "source": "wikidata:P39"}
    ]
    (president,) = result.document["positions"]
    assert (president["name"], president["country"]) == ("President of Iraq", "IRQ")


def test_pretty_printed_array(tmp_path: Path) -> None:
    entities = [
        json.loads(line)
        for line in (WD / "presidents.jsonl").read_text("utf-8").split("\n")
        if line
    ]
    path = tmp_path / "array.json"
    path.write_text(json.dumps(entities, indent=2), encoding="utf-8")
    result = read_wikidata(path)
    assert result.document == read_wikidata(WD / "presidents.jsonl").document


def test_wbgetentities_wrapper_per_line(tmp_path: Path) -> None:
    path = tmp_path / "wrappers.jsonl"
    lines = [
        json.dumps(
            {
                "entities": {
                    "Q900000001": item("Q900000001", "Example Person", statement("P31", "Q5"))
                }
            }
        ),
        json.dumps({"entities": {"Q900000002": {"id": "Q900000002", "missing": ""}}}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_wikidata(path)
    assert [a["id"] for a in result.document["actors"]] == ["Q900000001"]
    assert result.report["skipped"] == {"missing entity": 1}


@pytest.mark.parametrize(
    ("opener", "name", "compression"),
    [
        (gzip.open, "iraq.json.gz", "gzip"),
        (bz2.open, "iraq.json.bz2", "bz2"),
        (lzma.open, "iraq.json.xz", "xz"),
        (gzip.open, "iraq.json", "gzip"),  # detected by magic bytes, not by the name
        (bz2.open, "iraq.gz", "bz2"),  # even a misleading one
    ],
)
def test_compressed_dumps(tmp_path: Path, opener: Any, name: str, compression: str) -> None:
    path = tmp_path / name
    with opener(path, "wb") as fh:
        fh.write((WD / "iraq_dump.json").read_bytes())
    result = read_wikidata(path)
    assert result.report["compression"] == compression
    assert result.document == read_wikidata(WD / "iraq_dump.json").document


def test_compressed_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "presidents.jsonl.gz"
    with gzip.open(path, "wb") as fh:
        fh.write((WD / "presidents.jsonl").read_bytes())
    assert read_wikidata(path).document == read_wikidata(WD / "presidents.jsonl").document


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("+2014-09-08T00:00:00Z", 11, "2014-09-08"),
        ("+2014-09-08T00:00:00Z", 10, "2014-09"),
        ("+2014-09-08T00:00:00Z", 9, "2014"),
        ("+2014-09-00T00:00:00Z", 10, "2014-09"),
        ("+2014-00-00T00:00:00Z", 9, "2014"),
        ("+2014-00-00T00:00:00Z", 11, "2014"),  # day precision claimed, month missing
        ("+2014-09-08T14:30:00Z", 14, "2014-09-08"),  # finer than a day
        ("+00000002014-09-08T00:00:00Z", 11, "2014-09-08"),  # old dumps' padded years
        ("+0800-12-25T00:00:00Z", 11, "0800-12-25"),
        ("+2010-00-00T00:00:00Z", 8, None),  # decade
        ("+1900-00-00T00:00:00Z", 7, None),  # century
        ("-0500-00-00T00:00:00Z", 9, None),  # BCE
        ("2014-09-08", 11, None),  # not a Wikidata time string
    ],
)
def test_wikidata_date(value: str, precision: int, expected: str | None) -> None:
    assert wikidata_date(time(value, precision)) == expected


def test_wikidata_date_rejects_non_time_values() -> None:
    assert wikidata_date(None) is None
    assert wikidata_date("+2014-09-08T00:00:00Z") is None
    assert wikidata_date({"time": "+2014-09-08T00:00:00Z", "precision": "11"}) is None


def test_role_qualifiers_and_precision(dump: Callable[..., ImportResult]) -> None:
    person = item(
        "Q900000001",
        "Example Minister",
        statement("P31", "Q5"),
        # month start, year end
        statement(
            "P39",
            "Q900000010",
            start=("+2010-12-00T00:00:00Z", 10),
            end=("+2014-00-00T00:00:00Z", 9),
        ),
        # no qualifiers: undated
        statement("P39", "Q900000011"),
        # ended at an unknown date: would look current, so it is skipped
        statement("P39", "Q900000012", start=("+2001-01-01T00:00:00Z", 11), end=(None, 11)),
        # deprecated statements are ignored
        statement("P39", "Q900000013", rank="deprecated"),
        # a start coarser than a year is unknown; the role is kept
        statement("P39", "Q900000014", start=("+1990-00-00T00:00:00Z", 8)),
    )
    office = item("Q900000010", "Example Minister of Transport", statement("P31", "Q4164871"))
    result = dump([person, office])
    roles = actor(result, "Q900000001")["roles"]
    assert roles == [
        {
            "role": "Example Minister of Transport",
            "start": "2010-12",
            "end": "2014",
            "source": "wikidata:P39",
        },
        {"role": "Q900000011", "start": None, "end": None, "source": "wikidata:P39"},
        {"role": "Q900000014", "start": None, "end": None, "source": "wikidata:P39"},
    ]
    assert result.report["skipped"]["end date unknown"] == 1
    assert result.report["skipped"]["start date unknown (kept)"] == 1


def test_preferred_statements_come_first(dump: Callable[..., ImportResult]) -> None:
    person = item(
        "Q900000001",
        "Example Citizen",
        statement("P31", "Q5"),
        statement("P27", "Q900000021"),
        statement("P27", "Q900000020", rank="preferred"),
    )
    codes = {"Q900000020": "AAA", "Q900000021": "BBB"}
    assert actor(dump([person], country_codes=codes), "Q900000001")["country"] == "AAA"


# ----------------------------------------------------------------------------- types


def test_type_table_is_consistent() -> None:
    assert {t for t, _ in WIKIDATA_TYPES.values()} <= set(ACTOR_TYPES)
    assert all(qid.startswith("Q") and label for qid, (_, label) in WIKIDATA_TYPES.items())


@pytest.mark.parametrize(
    ("p31", "expected", "sector"),
    [
        (["Q5"], "person", None),
        (["Q6256"], "state", None),
        (["Q3624078"], "state", None),
        (["Q7278"], "party", "PTY"),
        (["Q17149090"], "armed_group", None),
        (["Q176799"], "armed_group", None),
        (["Q124964"], "coalition", None),
        (["Q1127126"], "coalition", None),
        (["Q327333"], "government", "GOV"),
        (["Q192350"], "government", "GOV"),
        (["Q43229"], "organization", None),
        (["Q484652"], "organization", None),
        (["Q7278", "Q17149090"], "armed_group", None),  # a militia that is also a party
        (["Q7278", "Q124964"], "coalition", None),
        (["Q900000099"], "other", None),  # unmapped, no hint
        ([], "other", None),
    ],
)
def test_type_mapping(
    dump: Callable[..., ImportResult], p31: list[str], expected: str, sector: str | None
) -> None:
    entity = item("Q900000001", "Example Body", *(statement("P31", q) for q in p31))
    rec = actor(dump([entity]), "Q900000001")
    assert (rec["type"], rec["sector"]) == (expected, sector)


def test_unmapped_type_falls_back_on_properties(dump: Callable[..., ImportResult]) -> None:
    org = item(
        "Q900000001",
        "Example Foundation",
        statement("P31", "Q900000099"),
        statement("P159", "Q900000050"),
    )
    person = item(
        "Q900000002",
        "Example Someone",
        statement("P31", "Q900000098"),
        statement("P21", "Q900000051"),
    )
    result = dump([org, person])
    assert actor(result, "Q900000001")["type"] == "organization"
    assert actor(result, "Q900000002")["type"] == "person"
    assert result.report["unmapped_types"] == {"Q900000099": 1, "Q900000098": 1}


def test_types_argument_extends_the_table(dump: Callable[..., ImportResult]) -> None:
    entity = item("Q900000001", "Example Militia", statement("P31", "Q900000099"))
    result = dump([entity], types={"Q900000099": "armed_group"})
    assert actor(result, "Q900000001")["type"] == "armed_group"
    assert result.report["unmapped_types"] == {}


def test_labels_fallback(dump: Callable[..., ImportResult]) -> None:
    arabic_only = item("Q900000001", None, statement("P31", "Q5"), labels={"ar": "مثال"})
    mul = item(
        "Q900000002", None, statement("P31", "Q5"), labels={"mul": "Example Mul", "fr": "Exemple"}
    )
    no_label = item("Q900000003", None, statement("P31", "Q5"))
    result = dump([arabic_only, mul, no_label])
    assert actor(result, "Q900000001")["name"] == "مثال"
    assert actor(result, "Q900000002")["name"] == "Example Mul"
    assert [a["id"] for a in result.document["actors"]] == ["Q900000001", "Q900000002"]
    assert result.report["skipped"] == {"no label": 1}


# ----------------------------------------------------------------------------- affiliations


def synthetic_group() -> list[dict[str, Any]]:
    leader = item(
        "Q900000001",
        "Example Commander",
        statement("P31", "Q5"),
        statement("P102", "Q900000003"),
        statement("P463", "Q900000099"),
    )
    brigade = item(
        "Q900000002",
        "Example Brigade",
        statement("P31", "Q17149090"),
        statement("P488", "Q900000001", start=("+2015-06-00T00:00:00Z", 10)),
        statement("P112", "Q900000001"),
        statement("P361", "Q900000004", start=("+2016-00-00T00:00:00Z", 9)),
        statement("P488", "Q900000098"),  # a chairperson who is not in the file
        {
            "mainsnak": {
                "snaktype": "value",
                "property": "P571",
                "datavalue": {"value": time("+2014-06-13T00:00:00Z", 11), "type": "time"},
                "datatype": "time",
            },
            "type": "statement",
            "rank": "normal",
        },
    )
    party = item("Q900000003", "Example Party", statement("P31", "Q7278"))
    coalition = item("Q900000004", "Example Coalition", statement("P31", "Q124964"))
    return [leader, brigade, party, coalition]


def test_affiliations(dump: Callable[..., ImportResult]) -> None:
    result = dump(synthetic_group())
    leader = actor(result, "Q900000001")
    assert leader["affiliations"] == [
        {
            "type": "member_of",
            "object": "Q900000003",
            "start": None,
            "end": None,
            "source": "wikidata:P102",
        },
        {
            "type": "leads",
            "object": "Q900000002",
            "start": "2015-06",
            "end": None,
            "source": "wikidata:P488",
        },
        # dated by the organisation's inception (P571)
        {
            "type": "founded",
            "object": "Q900000002",
            "start": "2014-06-13",
            "end": None,
            "source": "wikidata:P112",
        },
    ]
    brigade = actor(result, "Q900000002")
    assert brigade["affiliations"] == [
        {
            "type": "part_of",
            "object": "Q900000004",
            "start": "2016",
            "end": None,
            "source": "wikidata:P361",
        }
    ]
    assert result.report["skipped"] == {"affiliation object unknown": 1, "leader not in file": 1}
    assert any("Q900000099" in p for p in result.report["problems"])


def test_unknown_references_dropped_unless_known() -> None:
    dropped = read_wikidata(WD / "iraq_dump.json")
    assert actor(dropped, "Q796")["affiliations"] == [
        {
            "type": "member_of",
            "object": "Q7172",
            "start": "1945",
            "end": None,
            "source": "wikidata:P463",
        }
    ]
    assert dropped.report["skipped"]["affiliation object unknown"] == 1
    assert dropped.report["skipped"]["leader not in file"] == 1  # P35 Abdul Latif Rashid
    kept = read_wikidata(WD / "iraq_dump.json", known_ids={"Q7795"})
    assert {
        "type": "member_of",
        "object": "Q7795",
        "start": "1960-09",
        "end": None,
        "source": "wikidata:P463",
    } in actor(kept, "Q796")["affiliations"]
    assert "affiliation object unknown" not in kept.report["skipped"]


def test_known_positions_are_not_reemitted() -> None:
    result = read_wikidata(
        WD / "iraq_dump.json", positions={"Q1476165": "Prime Minister of Iraq (federal)"}
    )
    assert result.document["positions"] == []
    assert result.report["skipped"]["position already known"] == 1
    assert actor(result, "Q3700793")["roles"][0]["role"] == "Prime Minister of Iraq (federal)"


def test_position_labels_made_unique(dump: Callable[..., ImportResult]) -> None:
    a = item("Q900000010", "Minister of Defence", statement("P31", "Q4164871"))
    b = item("Q900000011", "Minister of Defence", statement("P31", "Q4164871"))
    person = item(
        "Q900000001", "Example Minister", statement("P31", "Q5"), statement("P39", "Q900000011")
    )
    result = dump([a, b, person])
    names = [p["name"] for p in result.document["positions"]]
    assert names == ["Minister of Defence (Q900000010)", "Minister of Defence (Q900000011)"]
    assert actor(result, "Q900000001")["roles"][0]["role"] == "Minister of Defence (Q900000011)"


# ----------------------------------------------------------------------------- malformed input


def test_malformed_entity_is_skipped() -> None:
    result = read_wikidata(WD / "broken_dump.json")
    assert [a["id"] for a in result.document["actors"]] == ["Q7172"]
    assert [p["id"] for p in result.document["positions"]] == ["Q1476165"]
    assert result.report["skipped"] == {"malformed entity": 2}
    assert any(p.startswith(f"{WD / 'broken_dump.json'}:3:") for p in result.report["problems"])
    assert any(p.startswith(f"{WD / 'broken_dump.json'}:4:") for p in result.report["problems"])


def test_entity_with_malformed_structure_is_skipped(dump: Callable[..., ImportResult]) -> None:
    good = item("Q900000001", "Example Person", statement("P31", "Q5"))
    bad = {"type": "item", "id": "Q900000002", "labels": {}, "claims": ["not", "a", "mapping"]}
    no_id = {"type": "item", "labels": {}}
    result = dump([good, bad, no_id])
    assert [a["id"] for a in result.document["actors"]] == ["Q900000001"]
    assert result.report["skipped"] == {"malformed entity": 2}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"\n\n", "empty file"),
        (b"hello, world\n", ":1: not Wikidata entity JSON"),
        (b"[\n{broken\n{also broken},\n]\n", "no entity could be read"),
        (b'{\n  "entities": {\n    "Q1": \n', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "cannot read"),
    ],
)
def test_malformed_file_raises(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(KnowledgeBaseError, match=message) as err:
        read_wikidata(path)
    assert str(path) in str(err.value)


def test_truncated_gzip_raises_with_file(tmp_path: Path) -> None:
    path = tmp_path / "dump.json.gz"
    data = gzip.compress((WD / "iraq_dump.json").read_bytes())
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(KnowledgeBaseError, match="cannot read") as err:
        read_wikidata(path)
    assert str(path) in str(err.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="cannot open"):
        read_wikidata(tmp_path / "nope.json")
    with pytest.raises(KnowledgeBaseError, match="cannot open"):
        read_overlay(tmp_path / "nope.csv")


# ----------------------------------------------------------------------------- end to end


def test_end_to_end_knowledge_base() -> None:
    result = read_wikidata(WD / "iraq_dump.json")
    kb = KnowledgeBase.load([("fixture", result.document)], builtin=False)
    assert kb.by_alias("Mohammed al-Sudani") == {"Q3700793"}
    assert kb.by_alias("League of Arab States") == {"Q7172"}
    holders = kb.holders("Prime Minister of Iraq", "2023-01-15")
    assert [(r.actor, r.start, r.source) for r in holders] == [
        ("Q3700793", "2022-10-27", "wikidata:P39")
    ]
    assert kb.holders("Prime Minister of Iraq", "2021") == []
    assert kb.position_named("Iraqi Prime Minister") == "Prime Minister of Iraq"
    assert kb.state_by_country("IRQ") == "Q796"
    assert [(f.type, f.object) for f in kb.affiliations_of("Q3700793")] == [("leads", "Q796")]


def test_end_to_end_through_the_store(tmp_path: Path) -> None:
    result = read_wikidata(WD / "presidents.jsonl", country_codes={"Q796": "IRQ"})
    with Store(tmp_path / "cg.db") as store:
        store.add_overlay("presidents.jsonl", result.document)
        overlays = store.overlays()
    assert overlays == [("presidents.jsonl", result.document)]
    kb = KnowledgeBase.load(overlays, builtin=False)
    assert [r.actor for r in kb.holders("President of Iraq", "2023-03")] == ["Q6496078"]


# ----------------------------------------------------------------------------- user overlays


def test_yaml_overlay() -> None:
    result = read_overlay(OVERLAY / "militias.yaml")
    assert result.report["format"] == "yaml"
    assert (result.report["actors"], result.report["positions"], result.report["affiliations"]) == (
        1,
        1,
        1,
    )
    kb = KnowledgeBase.load([("militias.yaml", result.document)])
    aid = make_actor_id("Saraya Awliya al-Dam", "armed_group")  # no QID: a deterministic cg- id
    assert aid in kb.by_alias("Awliya al-Dam")
    entry = kb.get(aid)
    assert entry is not None and entry.actor.type == "armed_group"
    # the canonical name "United States" resolved to the built-in actor's id (if the built-in KB
    # knows this actor too, the overlay's facts are added to it)
    assert ("opposes", "Q30") in [(f.type, f.object) for f in kb.affiliations_of(aid)]
    assert (
        kb.position_named("Kata'ib Hezbollah secretary-general")
        == "Secretary-General of Kata'ib Hezbollah"
    )


def test_csv_overlay() -> None:
    result = read_overlay(OVERLAY / "actors.csv")
    assert result.report["format"] == "csv"
    sudani, nujaba = result.document["actors"]
    assert sudani["id"] == "Q3700793"
    assert sudani["country"] == "IRQ"  # upper-cased
    assert sudani["aliases"] == ["Mohammed al-Sudani", "Sudani"]
    assert sudani["roles"] == [
        {
            "role": "Prime Minister of Iraq",
            "start": "2022-10-27",
            "end": None,
            "source": "wikidata:P39",
        },
        {
            "role": "Minister of Human Rights of Iraq",
            "start": "2010",
            "end": "2014",
            "source": "https://en.wikipedia.org/wiki/Mohammed_Shia%27_Al_Sudani",
        },
    ]
    assert nujaba["id"] is None and nujaba["name"] == "Harakat Hezbollah al-Nujaba"
    assert (
        nujaba["description"] == "Iraqi Shia militia, a brigade of the Popular Mobilization Forces"
    )
    assert "roles" not in nujaba
    kb = KnowledgeBase.load([("actors.csv", result.document)], builtin=False)
    assert kb.by_alias("Nujaba Movement")
    assert [r.actor for r in kb.holders("Minister of Human Rights of Iraq", "2012")] == ["Q3700793"]


def test_csv_role_source_defaults_to_actor_source(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "name,type,source,role,role_start\n"
        "Example Person,person,https://example.org/p,Example Office,2020\n",
        encoding="utf-8",
    )
    (rec,) = read_overlay(path).document["actors"]
    assert rec["roles"][0]["source"] == "https://example.org/p"


def test_yaml_overlay_unknown_keys_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "o.yaml"
    path.write_text(
        "actors:\n  - name: Example Person\n    type: person\n    alias: [Ex]\n    source: https://example.org\n",
        encoding="utf-8",
    )
    result = read_overlay(path)
    assert any("unknown key(s) alias" in p for p in result.report["problems"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actors: [\n", "YAML"),
        ("- name: x\n", "expected a mapping"),
        ("actor:\n  - name: x\n", "unknown top-level key"),
        ("actors: 5\n", "must be a list"),
        ("actors:\n  - name: Example\n    type: person\n", "no source"),
        (
            "actors:\n  - name: Example\n    type: wizard\n    source: https://e.org\n",
            "type 'wizard'",
        ),
        (
            "actors:\n  - name: Example\n    type: person\n    source: https://e.org\n"
            "    affiliations:\n      - {type: member_of, object: Nobody Anywhere, source: https://e.org}\n",
            "not an actor on file",
        ),
        (
            "actors:\n  - name: Example\n    type: person\n    source: https://e.org\n"
            "    roles:\n      - {role: Example Office, start: 'Sept 2014', source: https://e.org}\n",
            "not partial ISO",
        ),
    ],
)
def test_malformed_yaml_overlay(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "overlay.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message) as err:
        read_overlay(path)
    assert str(path) in str(err.value)


HEADER = (
    "id,name,type,country,sector,aliases,description,source,role,role_start,role_end,role_source\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("id,name,type\nQ1,x,person\n", r":1: missing column\(s\) source"),
        (
            "name,type,source,colour\nx,person,https://e.org,red\n",
            r":1: unknown column\(s\) colour",
        ),
        (HEADER + ",Example,person,,,,,https://e.org,,,,,extra\n", ":2: 13 fields"),
        (HEADER + ",Example,wizard,,,,,https://e.org,,,,\n", r":2\b.*type 'wizard'"),
        (HEADER + ",Example,person,IRQ,,,,,,,,\n", r":2\b.*no source"),
        (HEADER + ",Example,person,Iraq,,,,https://e.org,,,,\n", r":2\b.*ISO 3166"),
        (
            HEADER + ",Example,person,,,,,https://e.org,Office,Sept 2014,,\n",
            r":2\b.*not partial ISO",
        ),
        (
            HEADER + ",Example,person,,,,,https://e.org,,2014,,\n",
            ":2: role dates or source given without",
        ),
        (
            HEADER + "Q1,Example,person,,,,,https://e.org,,,,\nQ1,Other,,,,,,,Office,,,\n",
            ":3: `name` is 'Other' but line 2",
        ),
        (HEADER + ",,,,,,,,Office,,,\n", ":2: a row needs an `id` or a `name`"),
    ],
)
def test_malformed_csv_overlay(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "overlay.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message) as err:
        read_overlay(path)
    assert str(path) in str(err.value)


def test_validate_document_names_the_origin() -> None:
    doc = {
        "actors": [
            {
                "name": "Example",
                "type": "person",
                "source": "https://e.org",
                "government": "Nowhere",
            }
        ]
    }
    with pytest.raises(KnowledgeBaseError, match=r"^my-origin: "):
        validate_document("my-origin", doc, builtin=False)
    assert len(validate_document("ok", {"actors": []}, builtin=False)) == 0


def test_summary_line() -> None:
    summary = read_wikidata(WD / "iraq_dump.json").summary()
    assert "3 actors, 1 positions, 1 roles, 2 affiliations" in summary
    assert "1 leader not in file" in summary
