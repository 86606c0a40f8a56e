"""Who a noun phrase denotes: named mentions, group nouns, pronouns, offices, generic groups.

Given a token that fills a syntactic slot (subject, object, agent, ...), find the actors it refers
to. Coordination ("X and Y") gives several.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from claimgraph.actors import ActorMention, Resolution
from claimgraph.ids import actor_id
from claimgraph.kb import KnowledgeBase
from claimgraph.model import Actor
from claimgraph.names import normalise

# Nouns whose modifier names the actor: "U.S. forces", "Iran's government", "Iraqi officials".
GROUP_NOUNS = frozenset(
    [
        "government",
        "governments",
        "forces",
        "force",
        "troops",
        "military",
        "army",
        "officials",
        "official",
        "authorities",
        "leaders",
        "leadership",
        "regime",
        "administration",
        "police",
        "soldiers",
        "personnel",
        "diplomats",
        "embassy",
        "navy",
        "jets",
        "aircraft",
        "warplanes",
        "drones",
        "cabinet",
        "ministry",
        "parliament",
        "delegation",
        "envoy",
        "spokesman",
        "spokesperson",
        "intelligence",
        "security",
        "fighters",
        "members",
        "militants",
        "commanders",
        "supporters",
        "units",
        "brigades",
        "battalions",
        "operatives",
        "agents",
        "loyalists",
        "wing",
        # what an actor owns or occupies: attacking X's residence is attacking X
        "residence",
        "home",
        "house",
        "convoy",
        "office",
        "headquarters",
        "base",
        "bases",
        "camp",
        "compound",
        "motorcade",
        "interests",
        "targets",
    ]
)
# Heads of generic groups that can be actors when qualified: "Tehran-backed militias",
# "pro-Iran parties", "Iraqi protesters".
GENERIC_HEADS = {
    "militia": "armed_group",
    "militias": "armed_group",
    "faction": "armed_group",
    "factions": "armed_group",
    "group": "armed_group",
    "groups": "armed_group",
    "proxy": "armed_group",
    "proxies": "armed_group",
    "gunmen": "armed_group",
    "militiamen": "armed_group",
    "fighters": "armed_group",
    "terrorists": "armed_group",
    "party": "party",
    "parties": "party",
    "protesters": "population",
    "protestors": "population",
    "demonstrators": "population",
    "people": "population",
}
# Heads of generic groups that take the document's country when unqualified ("protesters" in
# an article about Iraq are Iraqi protesters).
NATIONAL_HEADS = frozenset({"protesters", "protestors", "demonstrators", "militiamen", "gunmen"})
# Definite descriptions that refer back to the last organisation named ("the group fought").
ANAPHORIC_NOUNS = {
    "group": None,
    "organization": None,
    "organisation": None,
    "movement": None,
    "militia": "armed_group",
    "party": "party",
    "coalition": "coalition",
    "alliance": "coalition",
    "bloc": "coalition",
}
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})


@dataclass(frozen=True, slots=True)
class Participant:
    actor: str
    mention: ActorMention | None = None
    via: str = "mention"  # mention, group, pronoun, role, generic, metonymy


@dataclass
class ParticipantFinder:
    """Finds actors for tokens in one document."""

    doc: Any
    res: Resolution
    kb: KnowledgeBase
    compound_relations: dict[str, str]
    date: str | None = None  # event date used for role descriptions
    generic: dict[str, Actor] = field(default_factory=dict)
    generic_kind: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (kind, backer)

    def find(self, tok: Any, agent: bool = False) -> list[Participant]:
        """Actors denoted by the phrase headed by ``tok`` and its conjuncts."""
        out: list[Participant] = []
        for t in (tok, *tok.conjuncts):
            p = self._one(t)
            if p is None:
                continue
            if agent:
                p = self.metonymy(p)
            if all(q.actor != p.actor for q in out):
                out.append(p)
        return out

    def metonymy(self, p: Participant) -> Participant:
        """A capital acting is its state's government ("Tehran launched" → Government of Iran)."""
        if p.mention is not None and p.mention.capital_of:
            gov = self.kb.government_of(p.mention.capital_of)
            self._ensure(gov)
            return Participant(gov, p.mention, "metonymy")
        return p

    def _ensure(self, aid: str) -> None:
        if aid not in self.res.actors:
            actor = self.kb.actor(aid)
            if actor is not None:
                self.res.actors[aid] = actor

    def _one(self, t: Any) -> Participant | None:
        m = self.res.by_token.get(t.i)
        if m is not None and not (m.is_place and not m.capital_of):
            return Participant(m.actor, m)
        if m is not None and m.capital_of:
            return Participant(m.actor, m)
        low = t.lower_
        if t.tag_ in ("WP", "WDT") or low in RELATIVE:
            # relative pronoun: the noun the relative clause modifies
            clause = t.head
            if clause.dep_ == "relcl":
                return self._one(clause.head)
            return None
        if t.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(t)
        generic = self._generic(t)
        if generic is not None:
            return generic
        if low in GROUP_NOUNS or t.lemma_.lower() in GROUP_NOUNS:
            for child in t.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                    mm = self.res.by_token.get(child.i)
                    if mm is not None:
                        return Participant(mm.actor, mm, "group")
                    if child.dep_ == "poss" and child.pos_ == "PRON":
                        return self._pronoun(child)
            national = self._national(t)
            if national is not None:
                return national
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        mm = self.res.by_token.get(obj.i)
                        if obj.dep_ == "pobj" and mm is not None:
                            return Participant(mm.actor, mm, "group")
        for child in t.children:
            if child.dep_ == "appos":
                mm = self.res.by_token.get(child.i)
                if mm is not None:
                    return Participant(mm.actor, mm)
        definite = self._definite(t)
        if definite is not None:
            return definite
        return self._office(t)

    def _national(self, t: Any) -> Participant | None:
        """An unqualified "security forces" in a document about Iraq: the knowledge base's
        "Iraqi security forces", when it has them."""
        if self.res.country is None or any(
            c.dep_ in ("poss", "amod", "compound") and c.pos_ in ("PROPN", "PRON")
            for c in t.children
        ):
            return None
        state = self.kb.state_by_country(self.res.country)
        entry = self.kb.get(state) if state else None
        if entry is None or not entry.demonym:
            return None
        words = [c.text for c in t.children if c.dep_ == "compound" and c.i < t.i] + [t.text]
        hits = self.kb.by_alias(f"{entry.demonym} {' '.join(words)}")
        if len(hits) != 1:
            return None
        aid = next(iter(hits))
        self._ensure(aid)
        return Participant(aid, None, "national")

    def _definite(self, t: Any) -> Participant | None:
        """ "the group", "the militia": the last organisation named in this or the previous
        two sentences, of a fitting type."""
        if t.lemma_.lower() not in ANAPHORIC_NOUNS or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in t.children
        ):
            return None
        if any(c.dep_ in ("compound", "amod", "nmod") for c in t.children):
            return None
        want = ANAPHORIC_NOUNS[t.lemma_.lower()]
        earliest = self._window_start(t)
        best: ActorMention | None = None
        for m in self.res.mentions:
            if m.start >= t.i or m.start < earliest or m.is_place:
                continue
            actor = self.res.actors.get(m.actor)
            if actor is None or actor.type in ("person", "state", "population", "government"):
                continue
            if (
                want is None
                or actor.type == want
                or (want == "armed_group" and actor.type == "organization")
            ):
                best = m
        return Participant(best.actor, best, "anaphor") if best else None

    def _window_start(self, t: Any, sentences: int = 2) -> int:
        earliest: int = t.sent.start
        for _ in range(sentences):
            if earliest == 0:
                break
            earliest = self.doc[earliest - 1].sent.start
        return earliest

    def _pronoun(self, t: Any) -> Participant | None:
        """The most recent fitting mention in this or the previous two sentences."""
        low = t.lower_
        want_person = low in PERSON_PRONOUNS
        if not want_person and low not in GROUP_PRONOUNS:
            return None
        earliest = self._window_start(t)
        best: ActorMention | None = None
        for m in self.res.mentions:
            if m.start >= t.i or m.start < earliest or m.is_place:
                continue
            actor = self.res.actors.get(m.actor)
            if actor is None or (actor.type == "person") != want_person:
                continue
            if low in ("they", "them", "their") and actor.type == "state":
                continue
            best = m
        return Participant(best.actor, best, "pronoun") if best else None

    def _office(self, t: Any) -> Participant | None:
        """ "the Prime Minister", "Iraq's president": whoever held the office on the date."""
        if t.pos_ not in ("NOUN", "PROPN"):
            return None
        left = t.left_edge.i
        words = [w for w in self.doc[left : t.i + 1] if w.dep_ not in ("det", "punct")]
        if not words or any(w.lower_ == "former" for w in words):
            return None
        text = " ".join(w.text for w in words)
        position = self.kb.position_named(text)
        if position is None:
            titled = self.kb.positions_titled(text)
            same = [p for p in titled if self.kb.positions[p].country == self.res.country]
            position = same[0] if len(same) == 1 else None
        if position is None or self.date is None:
            return None
        holders = {r.actor for r in self.kb.holders(position, self.date)}
        if len(holders) != 1:
            return None
        aid = holders.pop()
        self._ensure(aid)
        return Participant(aid, None, "role")

    def _generic(self, t: Any) -> Participant | None:
        """ "Tehran-backed militias", "pro-Iran parties", "Iraqi protesters": a generic group."""
        head = t.lower_
        if head not in GENERIC_HEADS or t.tag_ not in ("NNS", "NNPS", "NN"):
            return None
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
        for child in t.children:
            for sub in child.subtree:
                mm = self.res.by_token.get(sub.i)
                if mm is None or sub.i >= t.i:
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
                ):
                    qualifier = "pro"
                elif word == sub.lower_ and head in (
                    "protesters",
                    "protestors",
                    "demonstrators",
                    "people",
                ):
                    qualifier = "national"
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
        return self._group(t, kind, backer, None)

    def _group(self, t: Any, kind: str, backer: str, name: str | None) -> Participant:
        """The generic group headed by ``t``, keyed by its backer (or country) and head noun."""
        head = t.lower_
        # One group per backer and kind of group, however the text phrases the link:
        # "Iran-backed", "Tehran-backed", "Iranian-aligned" and "pro-Iran" militias are one.
        key = f"{'national' if kind == 'national' else 'group'}:{backer}:{normalise(t.lemma_)}"
        aid = actor_id(key, GENERIC_HEADS[head])
        if aid not in self.generic:
            surface = name or self.doc[t.left_edge.i : t.i + 1].text
            if surface.lower().startswith(("the ", "a ", "an ")):
                surface = surface.split(" ", 1)[1]
            self.generic[aid] = Actor(
                id=aid,
                name=surface,
                type=GENERIC_HEADS[head],
                aliases=(surface,),
                description=f"group described by its {'nationality' if kind == 'national' else 'backer'}",
            )
        surface = self.doc[t.left_edge.i : t.i + 1].text.removeprefix("the ").removeprefix("The ")
        known = self.generic[aid]
        if surface not in known.aliases:
            self.generic[aid] = replace(known, aliases=(*known.aliases, surface))
        self.generic_kind[aid] = (kind, backer)
        self.res.actors[aid] = self.generic[aid]
        return Participant(aid, None, f"generic:{kind}:{backer}")
