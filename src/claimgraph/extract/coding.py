"""Second-level coding: what a claim's modality makes of its event type (PLOVER practice).

- A declared future action is a commitment or a threat, made now: "X will withdraw" is AGREE,
  "X will strike Y" and "X will impose sanctions if ..." are THREATEN, "X will not meet Y" is
  REJECT; the claim is the declaration, so its modality is the voice that reports it.
- An obligation stated in someone's speech is their request: "X said Y must withdraw" is X's
  REQUEST to Y.
- An accusation or condemnation is the accuser's speech: it is reported, attributed to the
  accuser, unless the publisher is the accuser ("we condemn" in a ministry's statement).
- A planned or conditional event with no one to carry it out, and an accusation with no
  accuser, say nothing usable: they are dropped.
"""

from __future__ import annotations

from dataclasses import replace

from claimgraph.extract.modality import Assessment
from claimgraph.model import Event

CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "THREATEN"})
COOPERATION = frozenset({"SUPPORT", "AID", "CONSULT", "CONCEDE", "COOPERATE", "RETREAT", "AGREE"})
VERBAL_ACCUSATION = frozenset({"accuse", "disapprove"})


def recode(event: Event, a: Assessment, publisher: frozenset[str]) -> Event | None:
    """The event as PLOVER codes it, or None when the claim says nothing usable."""
    if not event.actors and (a.hypothetical or event.type == "ACCUSE"):
        return None
    if a.deontic and a.voice == "reported" and a.speaker and a.speaker not in event.actors:
        return replace(
            event,
            type="REQUEST",
            mode=None,
            actors=(a.speaker,),
            recipients=tuple(r for r in (event.actors or event.recipients) if r != a.speaker),
            modality="reported",
            attributed_to=a.speaker,
        )
    declared = a.future and bool(event.actors)
    voice = "hedged" if a.hedged and a.voice == "asserted" else a.voice
    if declared and a.negated:
        return replace(event, type="REJECT", mode=None, modality=voice)
    threat = event.type in CONFLICT and (declared or (a.conditional and a.hypothetical))
    if threat and event.actors and not a.negated:
        return replace(event, type="THREATEN", mode=None, modality=voice)
    if declared and event.type in COOPERATION:
        return replace(event, type="AGREE", mode=None, modality=voice)
    if (
        event.type == "ACCUSE"
        and event.mode in VERBAL_ACCUSATION
        and event.modality == "asserted"
        and not publisher & set(event.actors)
    ):
        return replace(event, modality="reported", attributed_to=event.actors[0])
    return event
