"""The knowledge base: actors, offices and dated facts, loaded from YAML data, with lookups."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import KnowledgeBaseError
from claimgraph.ids import actor_id
from claimgraph.kb.schema import (
    Affiliation,
    Entry,
    NamedEvent,
    Place,
    Position,
    parse_actor,
    parse_named_event,
    parse_place,
    parse_position,
)
from claimgraph.model import Actor, Role
from claimgraph.names import normalise, skeleton

SPACY_LABEL = {"person": "PERSON", "state": "GPE", "population": "NORP"}
# Aliases that are ordinary English words would turn every "us" or "it" into an actor.
_UNSAFE_ALIASES = frozenset({"us", "it", "is", "law", "state", "government", "army", "coalition"})


_LOADED: dict[tuple[str, bool], KnowledgeBase] = {}


def make_actor_id(name: str, actor_type: str) -> str:
    return actor_id(normalise(name), actor_type)


def _plural(demonym: str) -> list[str]:
    if demonym.endswith(("ese", "ss", "i")):
        return [demonym + "s"] if demonym.endswith("i") else []
    return [demonym + "s"]


class KnowledgeBase:
    """All actors and positions on file, with indices for resolution.

    Build it with :meth:`load` (the built-in data plus overlays) or :meth:`from_records`.
    """

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.positions: dict[str, Position] = {}
        self._by_alias: dict[str, set[str]] = defaultdict(set)
        self._by_skeleton: dict[str, set[str]] = defaultdict(set)
        self._capitals: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._position_alias: dict[str, str] = {}
        self._titles: dict[str, list[str]] = defaultdict(list)
        self._holders: dict[str, list[Role]] = defaultdict(list)
        self._by_country: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        self._state_of_government: dict[str, str] = {}
        self._population: dict[str, str] = {}  # ISO3 -> the population actor ("Iraqi people")
        self._org_roles: dict[str, list[Role]] = defaultdict(list)  # organisation -> roles in it
        self._org_positions: dict[str, list[Position]] = defaultdict(list)
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self.named_events: dict[str, NamedEvent] = {}
        self.places: dict[str, Place] = {}
        self._place_alias: dict[str, str] = {}

    # ----------------------------------------------------------------- loading
    @classmethod
    def load(
        cls, overlays: Iterable[tuple[str, dict[str, Any]]] = (), builtin: bool = True
    ) -> KnowledgeBase:
        """The built-in knowledge base plus overlay documents ``(origin, {positions, actors})``.

        The result is cached per set of overlays: loading twice gives the same object.
        """
        overlays = list(overlays)
        key = (json.dumps(overlays, sort_keys=True, default=str), builtin)
        if key not in _LOADED:
            if len(_LOADED) >= 3:
                _LOADED.pop(next(iter(_LOADED)))
            _LOADED[key] = cls._load(overlays, builtin)
        return _LOADED[key]

    @classmethod
    def _load(cls, overlays: list[tuple[str, dict[str, Any]]], builtin: bool) -> KnowledgeBase:
        docs: list[tuple[str, dict[str, Any]]] = []
        if builtin:
            docs.extend(builtin_documents())
        docs.extend(overlays)
        return cls.from_documents(docs)

    @classmethod
    def from_documents(cls, docs: Iterable[tuple[str, dict[str, Any]]]) -> KnowledgeBase:
        kb = cls()
        for origin, doc in docs:
            if not isinstance(doc, dict):
                raise KnowledgeBaseError(
                    f"{origin}: expected a mapping with `actors` and/or `positions`"
                )
            for i, rec in enumerate(doc.get("positions") or []):
                pos = parse_position(rec, f"{origin}: position {i + 1}")
                kb.positions[pos.name] = pos
            for i, rec in enumerate(doc.get("events") or []):
                event = parse_named_event(rec, f"{origin}: event {i + 1}")
                kb.named_events[event.name] = event
            for i, rec in enumerate(doc.get("places") or []):
                place = parse_place(rec, f"{origin}: place {i + 1}")
                kb.places[place.name] = place
            for i, rec in enumerate(doc.get("actors") or []):
                kb._add(parse_actor(rec, f"{origin}: actor {i + 1}", make_actor_id, origin))
        kb._link()
        return kb

    def _add(self, entry: Entry) -> None:
        old = self.entries.get(entry.actor.id)
        if old is None:
            self.entries[entry.actor.id] = entry
            return
        # An overlay adds to what is on file: aliases and facts accumulate, given fields override.
        a, b = old.actor, entry.actor
        aliases = tuple(
            dict.fromkeys(a.aliases + b.aliases + ((a.name,) if a.name != b.name else ()))
        )
        old.actor = Actor(
            id=a.id,
            name=b.name or a.name,
            type=b.type or a.type,
            country=b.country or a.country,
            sector=b.sector or a.sector,
            aliases=aliases,
            description=b.description or a.description,
        )
        old.roles.extend(r for r in entry.roles if r not in old.roles)
        old.affiliations.extend(f for f in entry.affiliations if f not in old.affiliations)
        old.capital = entry.capital or old.capital
        old.capital_aliases = old.capital_aliases + entry.capital_aliases
        old.demonym = entry.demonym or old.demonym
        old.government = entry.government or old.government
        old.origin = entry.origin

    def _ref(self, value: str | None, where: str) -> str | None:
        """A reference field holds an actor id or an exact canonical name."""
        if value is None or value in self.entries:
            return value
        if value in self._by_name:
            return self._by_name[value]
        raise KnowledgeBaseError(f"{where}: refers to {value!r}, which is not an actor on file")

    def _link(self) -> None:
        """Resolve references and build the indices."""
        self._by_name = {e.actor.name: aid for aid, e in self.entries.items()}
        for entry in self.entries.values():
            name = entry.actor.name
            entry.government = self._ref(entry.government, f"{name}: government")
            entry.affiliations = [
                replace(f, object=self._ref(f.object, f"{name}: affiliation") or f.object)
                for f in entry.affiliations
            ]
            entry.roles = [
                replace(r, organization=self._ref(r.organization, f"{name}: role {r.role}"))
                for r in entry.roles
            ]
        for pos_name, pos in list(self.positions.items()):
            self.positions[pos_name] = replace(
                pos, organization=self._ref(pos.organization, pos_name)
            )
        for aid, entry in self.entries.items():
            actor = entry.actor
            for alias in (actor.name, *actor.aliases):
                key = normalise(alias)
                if key:
                    self._by_alias[key].add(aid)
                    self._by_skeleton[skeleton(alias)].add(aid)
            if actor.type == "state":
                if entry.government:
                    self._state_of_government[entry.government] = aid
                if actor.country:
                    self._by_country[actor.country] = aid
                for cap in filter(None, (entry.capital, *entry.capital_aliases)):
                    self._capitals[normalise(cap)] = aid
                if entry.demonym:
                    for form in (entry.demonym, *_plural(entry.demonym)):
                        self._demonyms[normalise(form)] = aid
            if actor.type == "population" and actor.country:
                self._population.setdefault(actor.country, aid)
            for role in entry.roles:
                self._holders[role.role].append(role)
                if role.organization:
                    self._org_roles[role.organization].append(role)
        for place in self.places.values():
            if place.within is not None and place.within not in self.places:
                raise KnowledgeBaseError(
                    f"place {place.name}: `in` refers to {place.within!r}, not a place on file"
                )
            for alias in (place.name, *place.aliases):
                key = normalise(alias)
                if key:
                    self._place_alias[key] = place.name
        for pos in self.positions.values():
            if pos.organization:
                self._org_positions[pos.organization].append(pos)
            self._position_alias[normalise(pos.name, strip_titles=False)] = pos.name
            for alias in pos.aliases:
                self._position_alias[normalise(alias, strip_titles=False)] = pos.name
            for title in pos.titles:
                self._titles[normalise(title, strip_titles=False)].append(pos.name)

    # ----------------------------------------------------------------- lookups
    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, actor_id: str) -> Entry | None:
        return self.entries.get(actor_id)

    def actor(self, actor_id: str) -> Actor | None:
        entry = self.entries.get(actor_id)
        return entry.actor if entry else None

    def by_alias(self, name: str) -> set[str]:
        return self._by_alias.get(normalise(name), set())

    def by_skeleton(self, name: str) -> set[str]:
        return self._by_skeleton.get(skeleton(name), set())

    def state_of_capital(self, name: str) -> str | None:
        return self._capitals.get(normalise(name))

    def state_of_demonym(self, word: str) -> str | None:
        return self._demonyms.get(normalise(word))

    def state_by_country(self, iso3: str | None) -> str | None:
        return self._by_country.get(iso3) if iso3 else None

    def government_of(self, state_id: str) -> str:
        """The government actor of a state (the state itself when none is on file)."""
        entry = self.entries.get(state_id)
        return entry.government if entry and entry.government else state_id

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """What an actor is part of, nearest first: its ``part_of`` chain on file, whatever the
        links' dates, and the state whose government the chain reaches (the US Army -> US Armed
        Forces -> Department of Defense -> US government -> United States). Empty for actors that
        are part of nothing on file. Memberships (``member_of``) are not followed: a party in a
        coalition is not the coalition."""
        if actor_id in self._ancestors:
            return self._ancestors[actor_id]
        out: list[str] = []
        todo = [actor_id]
        while todo:
            current = todo.pop(0)
            entry = self.entries.get(current)
            ups = [f.object for f in entry.affiliations if f.type == "part_of"] if entry else []
            state = self._state_of_government.get(current)
            for up in [*ups, *([state] if state else [])]:
                if up != actor_id and up not in out:
                    out.append(up)
                    todo.append(up)
        self._ancestors[actor_id] = tuple(out)
        return self._ancestors[actor_id]

    def place(self, name: str) -> Place | None:
        """The place on file a name denotes ("Kirkuk", "the Green Zone")."""
        found = self._place_alias.get(normalise(name))
        return self.places[found] if found else None

    def population_of(self, state_id: str) -> str | None:
        """The actor for a state's people ("Iraqi people"), when one is on file."""
        entry = self.entries.get(state_id)
        return self._population.get(entry.actor.country or "") if entry else None

    def position_named(self, description: str) -> str | None:
        """The office an unambiguous description names ("Iraq's prime minister")."""
        return self._position_alias.get(normalise(description, strip_titles=False))

    def positions_of(self, organization: str) -> list[Position]:
        """The offices on file of an organisation (an actor id)."""
        return list(self._org_positions.get(organization, ()))

    def roles_in(self, organization: str) -> list[Role]:
        """Roles on file held in an organisation (an actor id), e.g. Badr's Secretary-General."""
        return list(self._org_roles.get(organization, ()))

    def positions_titled(self, title: str) -> list[str]:
        """Offices a bare title ("Prime Minister") may refer to."""
        return self._titles.get(normalise(title, strip_titles=False), [])

    def holders(self, position: str, date: str | None) -> list[Role]:
        """Who held an office on a (partial ISO) date; every holder on file when date is None."""
        roles = self._holders.get(position, [])
        if date is None:
            return list(roles)
        return [r for r in roles if overlaps(date, r.start, r.end)]

    def roles_of(self, actor_id: str) -> list[Role]:
        entry = self.entries.get(actor_id)
        return list(entry.roles) if entry else []

    def role_records(self, actor_id: str) -> list[dict[str, str | None]]:
        """The offices on file for an actor, as plain records for output."""
        return [
            {
                "role": r.role,
                "organization": r.organization,
                "start": r.start,
                "end": r.end,
                "source": r.source,
            }
            for r in self.roles_of(actor_id)
        ]

    def affiliation_records(self, actor_id: str) -> list[dict[str, str | None]]:
        """The affiliations on file for an actor, with the other actor's name, for output."""
        out: list[dict[str, str | None]] = []
        for f in self.affiliations_of(actor_id):
            other = self.actor(f.object)
            out.append(
                {
                    "type": f.type,
                    "object": f.object,
                    "object_name": other.name if other else f.object,
                    "start": f.start,
                    "end": f.end,
                    "source": f.source,
                }
            )
        return out

    def affiliations_of(self, actor_id: str) -> list[Affiliation]:
        entry = self.entries.get(actor_id)
        return list(entry.affiliations) if entry else []

    def named_event(self, ruler_id: str) -> NamedEvent | None:
        """The named event behind an entity-ruler id ``event:<name>``."""
        return self.named_events.get(ruler_id.removeprefix("event:"))

    def ruler_patterns(self) -> Iterator[dict[str, str]]:
        """Entity-ruler patterns for every name and alias on file (see :mod:`claimgraph.nlp`)."""
        seen: set[tuple[str, str]] = set()
        for event in self.named_events.values():
            for alias in (event.name, *event.aliases):
                for variant in _variants(alias):
                    yield {"label": "EVENT", "pattern": variant, "id": f"event:{event.name}"}
        for aid, entry in self.entries.items():
            actor = entry.actor
            label = SPACY_LABEL.get(actor.type, "ORG")
            for alias in (actor.name, *actor.aliases):
                if len(alias) < 2 or alias.lower() in _UNSAFE_ALIASES:
                    continue
                for variant in _variants(alias):
                    if (variant, aid) not in seen:
                        seen.add((variant, aid))
                        yield {"label": label, "pattern": variant, "id": aid}


def _variants(alias: str) -> list[str]:
    out = [alias]
    if "'" in alias:
        out.append(alias.replace("'", "’"))
    for art in ("al-", "el-"):
        if alias.startswith(art):
            out.append(art.capitalize() + alias[len(art) :])
        out.extend(
            v.replace(f" {art}", f" {art.capitalize()}") for v in list(out) if f" {art}" in v
        )
    return list(dict.fromkeys(out))


def overlaps(date: str, start: str | None, end: str | None) -> bool:
    """Whether a partial ISO date can fall within [start, end] (open ends allowed)."""
    lo, hi = date_bounds(date)
    if start is not None and hi < date_bounds(start)[0]:
        return False
    return not (end is not None and lo > date_bounds(end)[1])


def date_bounds(date: str) -> tuple[str, str]:
    """The first and last day a partial ISO date covers, as ISO strings."""
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-01", f"{date}-31"
    return date, date


class _StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys (YAML would silently keep the last one)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str, origin: str) -> dict[str, Any]:
    """Parse a knowledge-base YAML document, with a clear error naming the file."""
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{origin}: invalid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{origin}: expected a mapping with `actors` and/or `positions`")
    return data


def builtin_documents() -> Iterator[tuple[str, dict[str, Any]]]:
    """The YAML files shipped in ``claimgraph/kb/data``, in name order."""
    folder = resources.files("claimgraph.kb").joinpath("data")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".yml")):
            origin = f"kb/data/{item.name}"
            yield origin, load_yaml(item.read_text(encoding="utf-8"), origin)


def read_overlay_file(path: Path) -> dict[str, Any]:
    """A user's YAML overlay file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read: {exc}") from None
    return load_yaml(text, str(path))
