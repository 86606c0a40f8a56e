"""The data model: the contract between stages, the store and the exports.

Typed, frozen dataclasses. Field names follow DESIGN.md; the JSON Lines export writes them as
they are here (see :mod:`claimgraph.export.jsonl`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorType = Literal[
    "person",
    "organization",
    "armed_group",
    "government",
    "state",
    "party",
    "coalition",
    "population",
    "other",
]
ACTOR_TYPES: tuple[str, ...] = (
    "person",
    "organization",
    "armed_group",
    "government",
    "state",
    "party",
    "coalition",
    "population",
    "other",
)

RELATION_TYPES: tuple[str, ...] = (
    "leads",
    "member_of",
    "part_of",
    "backed_by",
    "allied_with",
    "opposes",
    "founded",
    "holds_role",
)

EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

MODALITIES: tuple[str, ...] = ("asserted", "hedged", "reported", "hypothetical", "negated")


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``id`` is a hash of the normalised text (see :func:`claimgraph.ids.document_id`)."""

    id: str
    text: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """An office or position an actor held, from the knowledge base or extracted."""

    actor: str
    role: str
    organization: str | None = None
    start: str | None = None
    end: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim comes from: the sentence of a document, by character offsets.

    ``quote == document.text[start:end]`` always holds.
    """

    document: str
    sentence: int
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a document, resolved to an actor."""

    document: str
    sentence: int
    start: int
    end: int
    text: str
    actor: str
    method: str = (
        "kb"  # how it was resolved: kb, alias, fold, backref, acronym, metonymy, role, new
    )


@dataclass(frozen=True, slots=True)
class Flag:
    """A problem noticed with a claim, e.g. a role ascribed outside its dates on file."""

    kind: str  # role_conflict, ...
    message: str
    text_claim: str | None = None
    kb_fact: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in an event sentence with what it counts (``dead``, ``injured``, ``drones`` …)."""

    value: float
    unit: str
    text: str


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    type: str
    subject: str
    object: str
    evidence: Evidence
    start: str | None = None
    end: str | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    evidence: Evidence
    mode: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    date: str | None = None
    date_end: str | None = None
    location: str | None = None
    country: str | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    trigger: str | None = None
    quantities: tuple[Quantity, ...] = ()
    flags: tuple[Flag, ...] = ()


@dataclass(slots=True)
class Extraction:
    """Everything the pipeline found in one document: what the store writes in one transaction."""

    document: Document
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    # actor id -> what it is part of on file, nearest first (KnowledgeBase.ancestors)
    ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict)
