"""A participant: the actor a phrase denotes, with the mention it came from."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.actors import ActorMention


@dataclass(frozen=True, slots=True)
class Participant:
    actor: str
    mention: ActorMention | None = None
    via: str = "mention"  # mention, group, pronoun, role, generic, metonymy
