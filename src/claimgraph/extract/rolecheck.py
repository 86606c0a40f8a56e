"""Role checks: a title given in the text against the knowledge base's dates for that office."""

from __future__ import annotations

from collections.abc import Iterable

from claimgraph.actors import Resolution
from claimgraph.extract.participants import Participant
from claimgraph.kb import KnowledgeBase, overlaps
from claimgraph.model import Flag


def _span(start: str | None, end: str | None) -> str:
    return f"{start or '?'} – {end or 'present'}"


def role_conflicts(
    participants: Iterable[Participant], date: str | None, kb: KnowledgeBase, res: Resolution
) -> list[Flag]:
    """``role_conflict`` flags for participants titled with an office they did not hold then.

    Raised when the event has a date, the text gives the person a title naming an office on file,
    and the knowledge base has that person's terms in the office (none covering the date) or
    has someone else holding it on that date.
    """
    if date is None:
        return []
    flags: list[Flag] = []
    for p in participants:
        m = p.mention
        if m is None or m.role is None:
            continue
        actor = res.actors.get(p.actor) or kb.actor(p.actor)
        name = actor.name if actor else p.actor
        terms = [r for r in kb.roles_of(p.actor) if r.role == m.role]
        if any(overlaps(date, r.start, r.end) for r in terms):
            continue
        others = [r for r in kb.holders(m.role, date) if r.actor != p.actor]
        if not terms and not others:
            continue  # nothing on file either way
        facts = [
            f"{name} held {m.role} {_span(r.start, r.end)} (source: {r.source})" for r in terms
        ]
        for r in others:
            holder = kb.actor(r.actor)
            facts.append(
                f"{holder.name if holder else r.actor} held {m.role} {_span(r.start, r.end)} (source: {r.source})"
            )
        if not terms:
            facts.insert(0, f"no term of {name} as {m.role} is on file")
        flags.append(
            Flag(
                kind="role_conflict",
                message=f"the text calls {name} {m.role} on {date}, outside the dates on file",
                text_claim=f"{m.role} {name} ({date})",
                kb_fact="; ".join(facts),
                source="; ".join(sorted({r.source for r in (*terms, *others) if r.source})) or None,
            )
        )
    return flags
