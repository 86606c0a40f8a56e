"""Generic groups: "Tehran-backed militias", "pro-Iran parties", "Iraqi protesters".

A generic group becomes an actor of its own, keyed by its backer (or country) and head noun, so
that "Iran-backed", "Tehran-backed" and "pro-Iran" militias are one actor.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from claimgraph.actors import Resolution
from claimgraph.extract.participant import Participant
from claimgraph.extract.wordlists import GENERIC_HEADS, NATIONAL_HEADS, PROXY_HEADS
from claimgraph.ids import actor_id
from claimgraph.kb import KnowledgeBase
from claimgraph.model import Actor
from claimgraph.names import normalise


class GenericGroups:
    """The generic-group part of the participant finder (see participants.py)."""

    doc: Any
    res: Resolution
    kb: KnowledgeBase
    compound_relations: dict[str, str]
    generic: dict[str, Actor]
    generic_kind: dict[str, tuple[str, str]]

    def _ensure(self, aid: str) -> None:
        if aid not in self.res.actors:
            actor = self.kb.actor(aid)
            if actor is not None:
                self.res.actors[aid] = actor

    def _generic(self, t: Any, head_tok: Any = None) -> Participant | None:
        """ "Tehran-backed militias", "pro-Iran parties", "Iraqi protesters": a generic group.
        With ``head_tok``, ``t`` is a group noun and ``head_tok`` its compound naming the group
        ("Iranian-backed militia leaders"): the modifiers of both qualify the group."""
        h = head_tok if head_tok is not None else t
        head = h.lower_
        if head not in GENERIC_HEADS or h.tag_ not in ("NNS", "NNPS", "NN"):
            return None
        children = list(t.children)
        if head_tok is not None:
            children = [*head_tok.children, *(c for c in children if c.i != head_tok.i)]
        if (
            head in NATIONAL_HEADS
            and self.res.country
            and not any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in t.children)
        ):
            state = self.kb.state_by_country(self.res.country)
            entry = self.kb.get(state) if state else None
            if state and entry and entry.demonym:
                return self._group(t, "national", state, f"{entry.demonym} {head}")
        qualifier: str | None = None
        backer: str | None = None
        for child in children:
            for sub in child.subtree:
                mm = self.res.by_token.get(sub.i)
                if mm is None or sub.i >= h.i:
                    continue
                word = child.lower_
                nxt = self.doc[mm.end + 1] if mm.end + 1 < len(self.doc) else None
                if (
                    nxt is not None
                    and self.doc[mm.end].text == "-"
                    and nxt.lower_ in self.compound_relations
                ):
                    qualifier = nxt.lower_
                elif any(
                    self.doc[j].lower_ in ("pro", "pro-")
                    for j in range(max(mm.start - 2, 0), mm.start)
                ) or mm.text.lower().startswith(("pro-", "pro ")):
                    qualifier = "pro"  # "pro-Iran parties", also when "pro-Iranian" is one name
                elif word == sub.lower_ and head in (
                    "protesters",
                    "protestors",
                    "demonstrators",
                    "people",
                ):
                    qualifier = "national"
                elif word == sub.lower_ and head in PROXY_HEADS:
                    qualifier = "backed"  # "Iranian proxies" are backed by Iran
                if qualifier:
                    backer = mm.capital_of or mm.actor
                    backer_actor = self.kb.actor(backer)
                    if qualifier != "national" and backer_actor and backer_actor.type == "state":
                        backer = self.kb.government_of(backer)  # states back groups via governments
                        self._ensure(backer)
                    break
            if backer:
                break
        if backer is None or qualifier is None:
            return None
        kind = {"national": "national"}.get(
            qualifier, self.compound_relations.get(qualifier, "allied_with")
        )
        return self._group(h, kind, backer, None, t.left_edge.i)

    def _group(
        self, t: Any, kind: str, backer: str, name: str | None, left: int | None = None
    ) -> Participant:
        """The generic group headed by ``t``, keyed by its backer (or country) and head noun;
        ``left``: where its phrase starts, when not at ``t``'s left edge."""
        head = t.lower_
        if left is None:
            left = t.left_edge.i
        while left < t.i and (
            self.doc[left].dep_ in ("det", "nummod", "predet")
            or self.doc[left].head.dep_ == "nummod"  # "around 400 protesters"
        ):
            left += 1
        # One group per backer and kind of group, however the text phrases the link:
        # "Iran-backed", "Tehran-backed", "Iranian-aligned" and "pro-Iran" militias are one.
        key = f"{'national' if kind == 'national' else 'group'}:{backer}:{normalise(t.lemma_)}"
        aid = actor_id(key, GENERIC_HEADS[head])
        if aid not in self.generic:
            surface = name or self.doc[left : t.i + 1].text
            if surface.lower().startswith(("the ", "a ", "an ")):
                surface = surface.split(" ", 1)[1]
            self.generic[aid] = Actor(
                id=aid,
                name=surface,
                type=GENERIC_HEADS[head],
                aliases=(surface,),
                description=f"group described by its {'nationality' if kind == 'national' else 'backer'}",
            )
        surface = self.doc[left : t.i + 1].text
        known = self.generic[aid]
        if surface not in known.aliases:
            self.generic[aid] = replace(known, aliases=(*known.aliases, surface))
        self.generic_kind[aid] = (kind, backer)
        self.res.actors[aid] = self.generic[aid]
        return Participant(aid, None, f"generic:{kind}:{backer}")
