"""The knowledge base: loading, validation, lookups, dated roles."""

from __future__ import annotations

import re

import pytest

from claimgraph.errors import KnowledgeBaseError
from claimgraph.kb import KnowledgeBase, overlaps
from claimgraph.kb.base import load_yaml


def _kb(actors: list[dict], positions: list[dict] | None = None) -> KnowledgeBase:  # type: ignore[type-arg]
    return KnowledgeBase.load(
        [("test", {"actors": actors, "positions": positions or []})], builtin=False
    )


def test_lookups(small_kb: KnowledgeBase) -> None:
    (aid,) = small_kb.by_alias("Hadi al-Ameri")
    assert small_kb.actor(aid).name == "Hadi al-Amiri"  # type: ignore[union-attr]
    assert small_kb.by_skeleton("Hadi al-Amiry") == {aid}
    assert small_kb.state_of_capital("Tehran") == "Q794"
    assert small_kb.state_of_demonym("Iraqis") == "Q796"
    assert small_kb.actor(small_kb.government_of("Q794")).name == "Government of Iran"  # type: ignore[union-attr]
    assert small_kb.position_named("Iraqi Prime Minister") == "Prime Minister of Iraq"


def test_ancestors_follow_part_of_up_to_the_state() -> None:
    def part(name: str, up: str, kind: str = "part_of") -> dict:  # type: ignore[type-arg]
        link = {"type": kind, "object": up, "source": "s"}
        return {"name": name, "type": "government", "source": "s", "affiliations": [link]}

    kb = _kb(
        [
            {
                "id": "Q1",
                "name": "Ruritania",
                "type": "state",
                "source": "s",
                "government": "Government of Ruritania",
            },
            {"name": "Government of Ruritania", "type": "government", "source": "s"},
            part("Ministry of Defence", "Government of Ruritania"),
            part("Ministry of Finance", "Government of Ruritania"),
            part("Royal Army", "Ministry of Defence"),
            {
                "name": "Green Party",
                "type": "party",
                "source": "s",
                "affiliations": [{"type": "member_of", "object": "Ruritania", "source": "s"}],
            },
            part("Circle A", "Circle B"),
            part("Circle B", "Circle A"),
        ]
    )
    name = lambda n: next(iter(kb.by_alias(n)))  # noqa: E731
    names = lambda n: [kb.actor(a).name for a in kb.ancestors(name(n))]  # type: ignore[union-attr]  # noqa: E731
    assert names("Royal Army") == [
        "Ministry of Defence",
        "Government of Ruritania",
        "Ruritania",
    ]
    assert names("Government of Ruritania") == ["Ruritania"]
    assert names("Ruritania") == []
    assert names("Green Party") == []  # a member is not a part
    assert names("Circle A") == ["Circle B"]  # a cycle on file ends
    # siblings are not each other's ancestors
    assert name("Ministry of Finance") not in kb.ancestors(name("Royal Army"))


def test_holders_by_date(small_kb: KnowledgeBase) -> None:
    names = lambda roles: {small_kb.actor(r.actor).name for r in roles}  # type: ignore[union-attr]  # noqa: E731
    assert names(small_kb.holders("Prime Minister of Iraq", "2016")) == {"Haider al-Abadi"}
    assert names(small_kb.holders("Prime Minister of Iraq", "2021-11-07")) == {"Mustafa al-Kadhimi"}
    assert names(small_kb.holders("Prime Minister of Iraq", "2014-09")) == {
        "Haider al-Abadi",
        "Nouri al-Maliki",
    }


@pytest.mark.parametrize(
    "date, start, end, expected",
    [
        ("2019-10", "2014-09-08", "2018-10-25", False),
        ("2018", "2014-09-08", "2018-10-25", True),
        ("2018-11", "2014-09-08", "2018-10-25", False),
        ("2010", None, "2011", True),
        ("2030", "2020", None, True),
    ],
)
def test_overlaps(date: str, start: str | None, end: str | None, expected: bool) -> None:
    assert overlaps(date, start, end) is expected


def test_actor_without_qid_gets_stable_cg_id() -> None:
    a = _kb([{"name": "Some Brigade", "type": "armed_group", "source": "https://example.org"}])
    b = _kb([{"name": "Some Brigade", "type": "armed_group", "source": "https://example.org/x"}])
    assert list(a.entries) == list(b.entries)
    assert re.match(r"^cg-[0-9a-f]{12}$", next(iter(a.entries)))


@pytest.mark.parametrize(
    "record, message",
    [
        ({"name": "X", "type": "person"}, "no source"),
        ({"name": "X", "type": "wizard", "source": "s"}, "type"),
        ({"name": "X", "type": "person", "source": "s", "id": "42"}, "QID"),
        ({"name": "X", "type": "person", "source": "s", "country": "Iraq"}, "alpha-3"),
        (
            {
                "name": "X",
                "type": "person",
                "source": "s",
                "roles": [{"role": "R", "start": "May 2010", "source": "s"}],
            },
            "partial ISO",
        ),
        ({"name": "X", "type": "person", "source": "s", "roles": [{"role": "R"}]}, "no source"),
        (
            {
                "name": "X",
                "type": "person",
                "source": "s",
                "affiliations": [{"type": "likes", "object": "Y", "source": "s"}],
            },
            "type must be",
        ),
        (
            {
                "name": "X",
                "type": "person",
                "source": "s",
                "affiliations": [{"type": "leads", "object": "Nobody", "source": "s"}],
            },
            "not an actor on file",
        ),
    ],
)
def test_invalid_records_are_refused(record: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(KnowledgeBaseError, match=message):
        _kb([record])


def test_duplicate_yaml_keys_are_refused() -> None:
    with pytest.raises(KnowledgeBaseError, match="duplicate key"):
        load_yaml("actors:\n  - name: A\n    name: B\n", "dup.yaml")


def test_overlay_adds_aliases_and_roles_to_an_actor_on_file() -> None:
    base = {"actors": [{"id": "Q1", "name": "A Person", "type": "person", "source": "s"}]}
    overlay = {
        "actors": [
            {
                "id": "Q1",
                "name": "A Person",
                "type": "person",
                "source": "s2",
                "aliases": ["A. Person"],
                "roles": [{"role": "Mayor", "start": "2001", "source": "s2"}],
            }
        ]
    }
    kb = KnowledgeBase.load([("base", base), ("overlay", overlay)], builtin=False)
    assert kb.by_alias("A. Person") == {"Q1"}
    assert [r.role for r in kb.roles_of("Q1")] == ["Mayor"]


def test_builtin_kb_is_valid_and_sourced(kb: KnowledgeBase) -> None:
    assert len(kb) > 0
    for entry in kb.entries.values():
        assert entry.source
        assert all(r.source for r in entry.roles)
        assert all(f.source for f in entry.affiliations)


def test_places_are_looked_up_by_name_and_alias() -> None:
    places = [
        {"name": "Ruri Province", "type": "province", "country": "RUR", "source": "s"},
        {
            "name": "Strelsau",
            "type": "city",
            "country": "RUR",
            "in": "Ruri Province",
            "aliases": ["Strelsaw"],
            "source": "s",
        },
    ]
    kb = KnowledgeBase.load([("test", {"places": places})], builtin=False)
    city = kb.place("Strelsaw")
    assert city is not None and city.name == "Strelsau" and city.country == "RUR"
    assert city.within == "Ruri Province"
    assert kb.place("Zenda") is None


@pytest.mark.parametrize(
    "record, message",
    [
        ({"name": "X", "type": "village", "country": "IRQ", "source": "s"}, "type 'village'"),
        ({"name": "X", "type": "city", "country": "Iraq", "source": "s"}, "alpha-3"),
        ({"name": "X", "type": "city", "country": "IRQ"}, "no source"),
        ({"name": "X", "type": "city", "country": "IRQ", "in": "Y", "source": "s"}, "not a place"),
        ({"name": "X", "type": "city", "country": "IRQ", "near": "Y", "source": "s"}, "unknown"),
    ],
)
def test_invalid_places_are_refused(record: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(KnowledgeBaseError, match=message):
        KnowledgeBase.load([("test", {"places": [record]})], builtin=False)
