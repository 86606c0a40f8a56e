"""Validation of knowledge-base records (the YAML schema in docs/knowledge-base.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimgraph.errors import KnowledgeBaseError
from claimgraph.model import ACTOR_TYPES, Actor, Role

AFFILIATION_TYPES = (
    "leads",
    "member_of",
    "part_of",
    "backed_by",
    "allied_with",
    "opposes",
    "founded",
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID = re.compile(r"^(Q\d+|cg-[0-9a-f]+)$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A dated link between two actors on file (becomes a relation when reported)."""

    subject: str
    type: str
    object: str  # an actor id, or a canonical name until references are resolved
    start: str | None = None
    end: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Position:
    """An office, e.g. "Prime Minister of Iraq", with the descriptions that name it."""

    name: str
    country: str | None = None
    id: str | None = None
    organization: str | None = None
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True, slots=True)
class NamedEvent:
    """A named, dated happening ("the October Revolution", "the Iran–Iraq War"): a sentence that
    names it is dated by it."""

    name: str
    start: str
    end: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    source: str | None = None


def parse_named_event(rec: dict[str, Any], where: str) -> NamedEvent:
    if not isinstance(rec, dict) or not rec.get("name"):
        raise KnowledgeBaseError(f"{where}: a named event needs a name")
    where = f"{where} ({rec['name']})"
    start = _date(rec.get("start"), where)
    if start is None:
        raise KnowledgeBaseError(f"{where}: a named event needs a start date")
    return NamedEvent(
        name=str(rec["name"]),
        start=start,
        end=_date(rec.get("end"), where),
        aliases=_strs(rec.get("aliases"), where),
        description=rec.get("description"),
        source=_source(rec, where),
    )


PLACE_TYPES = (
    "governorate",
    "province",
    "region",
    "city",
    "town",
    "district",
    "base",
    "camp",
    "airport",
    "zone",
    "border_crossing",
    "landmark",
)


@dataclass(frozen=True, slots=True)
class Place:
    """A place where events happen, with the state it lies in (a gazetteer entry)."""

    name: str
    type: str
    country: str
    within: str | None = None  # the name of a place on file that contains it
    aliases: tuple[str, ...] = ()
    source: str | None = None


def parse_place(rec: dict[str, Any], where: str) -> Place:
    if not isinstance(rec, dict) or not rec.get("name"):
        raise KnowledgeBaseError(f"{where}: a place needs a name")
    where = f"{where} ({rec['name']})"
    unknown = set(rec) - {"name", "type", "country", "in", "aliases", "source"}
    if unknown:
        raise KnowledgeBaseError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    kind = rec.get("type")
    if kind not in PLACE_TYPES:
        raise KnowledgeBaseError(f"{where}: type {kind!r} is not one of {', '.join(PLACE_TYPES)}")
    country = rec.get("country")
    if not isinstance(country, str) or not _COUNTRY.match(country):
        raise KnowledgeBaseError(f"{where}: country must be an ISO 3166-1 alpha-3 code")
    within = rec.get("in")
    return Place(
        name=str(rec["name"]),
        type=kind,
        country=country,
        within=str(within) if within else None,
        aliases=_strs(rec.get("aliases"), where),
        source=_source(rec, where),
    )


@dataclass(slots=True)
class Entry:
    """One actor on file with its facts."""

    actor: Actor
    source: str
    roles: list[Role] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    capital: str | None = None
    capital_aliases: tuple[str, ...] = ()
    demonym: str | None = None
    government: str | None = None
    origin: str = "built-in"  # built-in, or the overlay it came from


def _date(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    if not _DATE.match(text):
        raise KnowledgeBaseError(
            f"{where}: date {text!r} is not partial ISO (2014, 2014-09, 2014-09-08)"
        )
    return text


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeBaseError(f"{where}: expected a list of strings")
    return tuple(value)


def _source(rec: dict[str, Any], where: str, default: str | None = None) -> str:
    src = rec.get("source") or default
    if not src:
        raise KnowledgeBaseError(f"{where}: no source; give a Wikidata property or a URL")
    return str(src)


def parse_position(rec: dict[str, Any], where: str) -> Position:
    if not isinstance(rec, dict) or not rec.get("name"):
        raise KnowledgeBaseError(f"{where}: a position needs a name")
    return Position(
        name=str(rec["name"]),
        country=rec.get("country"),
        id=rec.get("id"),
        organization=rec.get("organization"),
        aliases=_strs(rec.get("aliases"), where),
        titles=_strs(rec.get("titles"), where),
        source=_source(rec, where),
    )


def parse_actor(rec: dict[str, Any], where: str, make_id: Any, origin: str = "built-in") -> Entry:
    """Validate one actor record. ``make_id(name, type)`` gives ids to actors without a QID."""
    if not isinstance(rec, dict):
        raise KnowledgeBaseError(f"{where}: an actor must be a mapping")
    name = rec.get("name")
    if not name or not isinstance(name, str):
        raise KnowledgeBaseError(f"{where}: an actor needs a name")
    where = f"{where} ({name})"
    atype = rec.get("type")
    if atype not in ACTOR_TYPES:
        raise KnowledgeBaseError(f"{where}: type {atype!r} is not one of {', '.join(ACTOR_TYPES)}")
    aid = str(rec.get("id") or make_id(name, atype))
    if not _QID.match(aid):
        raise KnowledgeBaseError(f"{where}: id {aid!r} is not a Wikidata QID (Q123)")
    country = rec.get("country")
    if country is not None and not _COUNTRY.match(str(country)):
        raise KnowledgeBaseError(f"{where}: country {country!r} is not ISO 3166 alpha-3")
    source = _source(rec, where)
    actor = Actor(
        id=aid,
        name=name,
        type=atype,
        country=country,
        sector=rec.get("sector"),
        aliases=_strs(rec.get("aliases"), where),
        description=rec.get("description"),
    )
    entry = Entry(
        actor=actor,
        source=source,
        capital=rec.get("capital"),
        capital_aliases=_strs(rec.get("capital_aliases"), where),
        demonym=rec.get("demonym"),
        government=rec.get("government"),
        origin=origin,
    )
    for i, r in enumerate(rec.get("roles") or []):
        w = f"{where} role {i + 1}"
        if not isinstance(r, dict) or not r.get("role"):
            raise KnowledgeBaseError(f"{w}: a role needs a `role`")
        entry.roles.append(
            Role(
                actor=aid,
                role=str(r["role"]),
                organization=r.get("organization"),
                start=_date(r.get("start"), w),
                end=_date(r.get("end"), w),
                source=_source(r, w),
            )
        )
    for i, a in enumerate(rec.get("affiliations") or []):
        w = f"{where} affiliation {i + 1}"
        if not isinstance(a, dict) or a.get("type") not in AFFILIATION_TYPES:
            raise KnowledgeBaseError(f"{w}: type must be one of {', '.join(AFFILIATION_TYPES)}")
        if not a.get("object"):
            raise KnowledgeBaseError(f"{w}: an affiliation needs an `object`")
        entry.affiliations.append(
            Affiliation(
                subject=aid,
                type=a["type"],
                object=str(a["object"]),
                start=_date(a.get("start"), w),
                end=_date(a.get("end"), w),
                source=_source(a, w),
            )
        )
    return entry
