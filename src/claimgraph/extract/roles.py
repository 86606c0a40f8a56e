"""Relations named by role nouns and titles: "X, the Badr chief", "X is a member of Y",
"X served as the military wing of Y", "IRGC Brig. X", "Prime Minister X".

The relation a role noun names comes from the lexicon (``role_nouns``); its type is then fitted
to the object: leading a state, a government body or an intergovernmental organisation is holding
a role there, and being "part of" a coalition is membership.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimgraph.actors import ActorMention, Resolution
from claimgraph.extract.lexicon import Lexicon
from claimgraph.extract.participants import Participant, ParticipantFinder
from claimgraph.kb import KnowledgeBase
from claimgraph.names import title_prefix_length

# Words before a leading role that make it a lesser office: "deputy commander", "vice chairman".
_LESSER = frozenset({"deputy", "vice", "assistant", "associate", "under", "sub"})
# Prepositions that attach a role noun to its organisation: "leader of", "agent for", "member in".
_ROLE_PREPS = frozenset({"of", "for", "in", "at", "with", "within", "to", "inside"})
# Relations whose object may be any actor (a person, a state); the others need an organisation.
_ANY_OBJECT = frozenset({"opposes", "allied_with", "backed_by"})
# Copula-like verbs whose attribute describes the subject ("X became the commander of Y").
_COPULAS = frozenset({"be", "become", "remain", "serve", "act", "continue", "stay"})
# Verbs after which "as <role>" describes the newcomer: "he was replaced by X as leader".
_SUCCESSION = frozenset({"replace", "succeed"})
_ORG_TYPES = frozenset({"organization", "armed_group", "party", "coalition", "government"})


def role_word(tok: Any, lex: Lexicon) -> str | None:
    """The relation a role noun names ("chief", "secretary-general", "chief of staff",
    "deputy commander"), or None."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    doc = tok.doc
    candidates = [tok.lower_, tok.lemma_.lower()]
    if tok.i >= 1:
        candidates.insert(0, f"{doc[tok.i - 1].lower_} {tok.lower_}")
    if tok.i >= 2 and doc[tok.i - 1].text == "-":
        candidates.insert(0, f"{doc[tok.i - 2].lower_}-{tok.lower_}")
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    candidates.insert(0, f"{tok.lower_} of {pobj.lower_}")  # "chief of staff"
    rel = next((lex.role_nouns[w] for w in candidates if w in lex.role_nouns), None)
    if rel == "leads" and _lesser(tok):
        return "holds_role"
    return rel


def _as_holders(verb: Any) -> list[Any]:
    """Whom "as <role>" describes: "X served as", "Y named X as", "Y was replaced by X as"."""
    kids = {c.dep_: c for c in verb.children}
    agent = (
        next((o for o in kids["agent"].children if o.dep_ == "pobj"), None)
        if "agent" in kids
        else None
    )
    if verb.lemma_.lower() in _SUCCESSION:
        return [t for t in (agent or kids.get("nsubj"),) if t is not None]
    for dep in ("dobj", "nsubjpass", "nsubj"):
        if dep in kids:
            return [kids[dep]]
    return []


def _lesser(tok: Any) -> bool:
    doc = tok.doc
    if any(c.lower_ in _LESSER for c in tok.children if c.dep_ in ("compound", "amod", "nmod")):
        return True
    j = tok.i - 1
    while j >= 0 and (doc[j].text == "-" or doc[j].lower_ in _LESSER):
        if doc[j].lower_ in _LESSER:
            return True
        j -= 1
    return False


def title_relation(words: list[str], lex: Lexicon) -> str | None:
    """The relation named by title words ("Secretary General", "Brig.", "deputy chairman")."""
    low = [w.lower().rstrip(".") for w in words if w not in ("-", ".")]
    rel: str | None = None
    for n in (3, 2, 1):
        for i in range(len(low) - n + 1):
            phrase = " ".join(low[i : i + n])
            hit = lex.role_nouns.get(phrase) or lex.role_nouns.get(phrase.replace(" ", "-"))
            if hit is not None and rel is None:
                rel = hit
    if rel == "leads" and any(w in _LESSER for w in low):
        return "holds_role"
    return rel


class Roles:
    """Role relations of one document (state shared with :mod:`claimgraph.extract.relations`)."""

    def __init__(
        self, res: Resolution, kb: KnowledgeBase, lex: Lexicon, find: ParticipantFinder
    ) -> None:
        self.res, self.kb, self.lex, self.find = res, kb, lex, find
        self.governments = {e.government for e in kb.entries.values() if e.government}

    # --- typing -------------------------------------------------------------------------------

    def office_like(self, aid: str) -> bool:
        """A state, a government body or an intergovernmental organisation."""
        actor = self.res.actors.get(aid) or self.kb.actor(aid)
        return actor is not None and (
            actor.type in ("state", "government") or actor.sector == "IGO"
        )

    def typed(self, rel: str, subj: str, obj: str) -> str:
        """Fit a role's relation to its object (see the module docstring)."""
        actor = self.res.actors.get(obj) or self.kb.actor(obj)
        if actor is None:
            return rel
        if rel == "leads" and self.office_like(obj):
            return "holds_role"
        if rel == "member_of" and (actor.type == "state" or obj in self.governments):
            return "holds_role"
        if rel == "part_of" and actor.type == "coalition":
            return "member_of"
        if rel == "leads":
            # the knowledge base knows this person as a member, not the leader, of the body
            links = {(a.type, a.object) for a in self.kb.affiliations_of(subj)}
            if ("member_of", obj) in links and ("leads", obj) not in links:
                return "member_of"
        return rel

    def backer(self, p: Participant) -> str:
        """States back and ally through their governments ("Tehran-backed", "an ally of Iran")."""
        p = self.find.metonymy(p)
        actor = self.res.actors.get(p.actor) or self.kb.actor(p.actor)
        if actor is not None and actor.type == "state":
            gov = self.kb.government_of(p.actor)
            self.find._ensure(gov)
            return gov
        return p.actor

    # --- role phrases -------------------------------------------------------------------------

    def holders(self, tok: Any) -> list[Participant]:
        """Who a role phrase headed by ``tok`` describes, or [] when it is not a role phrase."""
        first = tok
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head  # "a leader and former chief of staff of Y"
        dep, head = first.dep_, first.head
        if dep == "appos":
            return self.find.find(head) if head.i != first.i else []
        if dep in ("attr", "acomp") and head.lemma_.lower() in _COPULAS:
            return [p for c in head.children if c.dep_ == "nsubj" for p in self.find.find(c)]
        if dep == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
            return [p for s in _as_holders(head.head) for p in self.find.find(s)]
        return []

    def objects(self, tok: Any, rel: str, exclude: set[str]) -> list[str]:
        """The actor a role noun relates to: "of Y", "for Y", or a modifier ("the Badr chief")."""
        out: list[str] = []
        for p in self._prep_objects(tok, depth=0):
            if self._fits(p, rel, exclude) and p.actor not in out:
                out.append(self._object_id(p, rel))
        if out:
            return out
        for child in tok.children:
            if child.dep_ not in ("compound", "poss", "nmod", "amod") or child.i > tok.i:
                continue
            m = self.res.by_token.get(child.i)
            if m is None:
                continue
            if child.dep_ == "amod" and rel not in _ANY_OBJECT:
                continue  # "an Iraqi paramilitary leader": nationality, not organisation
            p = Participant(m.actor, m)
            if self._fits(p, rel, exclude):
                out.append(self._object_id(p, rel))
                break
        return out

    def _prep_objects(self, tok: Any, depth: int) -> Iterator[Participant]:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in _ROLE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                named = self._known_as(pobj)
                found = [named] if named else self.find.find(pobj)
                part_of_title = f"{tok.lower_} of {pobj.lower_}" in self.lex.role_nouns
                if not found and depth < 1 and part_of_title:
                    yield from self._prep_objects(pobj, depth + 1)  # "chief of staff of Y"
                yield from found

    def _known_as(self, tok: Any) -> Participant | None:
        """ "militias, known as the Popular Mobilization Forces": the name given."""
        for acl in tok.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in ("know", "call", "name"):
                for prep in acl.children:
                    for obj in prep.children if prep.lower_ == "as" else [prep]:
                        m = self.res.by_token.get(obj.i)
                        if m is not None and obj.dep_ in ("pobj", "oprd"):
                            return Participant(m.actor, m)
        return None

    def _fits(self, p: Participant, rel: str, exclude: set[str]) -> bool:
        if p.actor in exclude or (p.mention is not None and p.mention.is_place):
            return False
        actor = self.res.actors.get(p.actor)
        if actor is None:
            return False
        return rel in _ANY_OBJECT or actor.type != "person"

    def _object_id(self, p: Participant, rel: str) -> str:
        if rel in ("backed_by", "allied_with"):
            return self.backer(p)
        return self.find.metonymy(p).actor if rel != "opposes" else p.actor

    # --- titles before names ------------------------------------------------------------------

    def titles(self, sent: Any) -> Iterator[tuple[str, str, str, Any]]:
        """(relation, person, organisation, anchor) from titles before names in ``sent``."""
        doc = sent.doc
        for m in self.res.mentions:
            if not (sent.start <= m.start < sent.end):
                continue
            actor = self.res.actors.get(m.actor)
            if actor is None or actor.type != "person":
                continue
            if m.role is not None:
                yield from self._office(m, doc)
            lo = min(m.start, m.role_start if m.role_start is not None else m.start)
            org = self._org_before(lo, sent)
            if org is None:
                continue
            span = [t.lower_ for t in doc[m.start : m.end]]
            name_start = m.start + (title_prefix_length(span) if len(span) > 1 else 0)
            words = [doc[j].text for j in range(org.end, name_start)]
            rel = title_relation(words, self.lex)
            if rel is None:
                rel = "holds_role" if not words and self.office_like(org.actor) else "member_of"
            yield rel, m.actor, org.actor, doc[m.start]

    def _office(self, m: ActorMention, doc: Any) -> Iterator[tuple[str, str, str, Any]]:
        assert m.role is not None
        pos = self.kb.positions.get(m.role)
        if pos is None:
            return
        office_of = pos.organization or self.kb.state_by_country(pos.country)
        if not office_of:
            return
        self.find._ensure(office_of)
        title = pos.name.split(" of ")[0].split(" to ")[0].split(" for ")[0]
        rel = title_relation(title.split(), self.lex) or "holds_role"
        if rel not in ("leads", "holds_role"):
            rel = "holds_role"
        yield rel, m.actor, office_of, doc[m.start]

    def _org_before(self, lo: int, sent: Any) -> ActorMention | None:
        """An organisation named just before a title ("IRGC Brig.", "State Department spokesman")."""
        doc = sent.doc
        j = lo - 1
        while j >= sent.start and lo - j <= 4:
            prev = self.res.by_token.get(j)
            if prev is not None:
                actor = self.res.actors.get(prev.actor)
                if (
                    actor is not None
                    and actor.type in _ORG_TYPES
                    and actor.id not in self.governments
                    and not prev.is_place
                ):
                    return prev
                return None
            word = doc[j]
            if not (word.pos_ in ("PROPN", "NOUN", "ADJ") or word.text in (".", "-")):
                return None
            j -= 1
        return None
