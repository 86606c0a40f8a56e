"""Relations between actors from appositions, copulas, titles, compounds and verbs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.actors import ActorMention, Resolution
from claimgraph.extract.lexicon import Lexicon
from claimgraph.extract.participants import ParticipantFinder
from claimgraph.kb import KnowledgeBase

_STATE_LIKE = frozenset({"state", "government"})


@dataclass(frozen=True, slots=True)
class RelationFinding:
    type: str
    subject: str
    object: str
    anchor: Any  # token whose clause gives the modality


def _role_word(tok: Any, lex: Lexicon) -> str | None:
    """The relation a role noun names, including hyphenated ("secretary-general") and compounds."""
    doc = tok.doc
    candidates = [tok.lower_, tok.lemma_.lower()]
    if tok.i >= 2 and doc[tok.i - 1].text == "-":
        candidates.insert(0, f"{doc[tok.i - 2].lower_}-{tok.lower_}")
    if tok.i >= 1:
        candidates.insert(0, f"{doc[tok.i - 1].lower_} {tok.lower_}")
    for word in candidates:
        if word in lex.role_nouns:
            return lex.role_nouns[word]
    return None


def _org_in(tok: Any, res: Resolution, exclude: set[str]) -> ActorMention | None:
    """A non-person actor named inside the role phrase ("the Badr Organization chief")."""
    for sub in tok.subtree:
        m = res.by_token.get(sub.i)
        if m is None or m.actor in exclude:
            continue
        actor = res.actors.get(m.actor)
        if actor is not None and actor.type != "person":
            return m
    return None


def _typed(rel: str, obj: str, res: Resolution) -> str:
    actor = res.actors.get(obj)
    if rel in ("leads", "member_of") and actor is not None and actor.type in _STATE_LIKE:
        return "holds_role"
    return rel


def relations_in(
    sent: Any, res: Resolution, kb: KnowledgeBase, lex: Lexicon, find: ParticipantFinder
) -> list[RelationFinding]:
    out: list[RelationFinding] = []
    doc = sent.doc

    def add(rel: str, subj: str, obj: str, anchor: Any) -> None:
        if subj != obj:
            out.append(RelationFinding(_typed(rel, obj, res), subj, obj, anchor))

    for tok in sent:
        # 1. appositions and copulas: "X, the Badr chief" / "X is the head of Y"
        if tok.dep_ in ("appos", "attr"):
            holder_tok = tok.head
            if tok.dep_ == "attr":
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if not subj:
                    continue
                holder_tok = subj[0]
            role_tok, person_tok = tok, holder_tok
            if (
                tok.dep_ == "appos"
                and res.by_token.get(tok.i)
                and not res.by_token.get(holder_tok.i)
            ):
                role_tok, person_tok = holder_tok, tok  # "the Badr chief, Hadi al-Ameri"
            rel = _role_word(role_tok, lex)
            if rel is None:
                continue
            holders = find.find(person_tok)
            if not holders:
                continue
            org = _org_in(role_tok, res, {h.actor for h in holders})
            if org is None:
                continue
            obj = (
                find.metonymy(find.find(doc[org.start])[0]).actor
                if find.find(doc[org.start])
                else org.actor
            )
            for h in holders:
                add(rel, h.actor, obj, tok)
        # 3. compound participles: "Tehran-backed militias", "U.S.-led coalition"
        if tok.lower_ in lex.compound_relations and tok.i >= 2 and doc[tok.i - 1].text == "-":
            m = res.by_token.get(tok.i - 2)
            if m is None:
                continue
            backer = (
                find.metonymy(find.find(doc[m.start])[0]).actor
                if find.find(doc[m.start])
                else m.actor
            )
            rel = lex.compound_relations[tok.lower_]
            target = tok.head
            # "Tehran-backed Prime Minister Haidar al-Abadi": the name ends the phrase
            while target.dep_ == "compound" and target.head.i > target.i:
                target = target.head
            subjects = find.find(target)
            for s in subjects:
                if rel == "leads_inverse":
                    add("leads", backer, s.actor, tok)
                else:
                    add(rel, s.actor, backer, tok)
        # 4. relation verbs: "X founded Y", "Y, led by X", "X joined Y"
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.relation_verbs:
            rel = lex.relation_verbs[tok.lemma_.lower()]
            subj_toks = [c for c in tok.children if c.dep_ == "nsubj"]
            obj_toks = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            agent_toks = [
                o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"
            ]
            if tok.dep_ == "acl" and tok.tag_ == "VBN":
                obj_toks = [tok.head]
            if agent_toks:
                subj_toks = agent_toks
            for s in (p for t in subj_toks for p in find.find(t)):
                for o in (p for t in obj_toks for p in find.find(t)):
                    add(rel, s.actor, o.actor, tok)
    # 2. titles before names: "Prime Minister Mustafa al-Kadhimi", "IRGC Brig. Esmail Daghayeghi"
    for m in res.mentions:
        if not (sent.start <= m.start < sent.end):
            continue
        actor = res.actors.get(m.actor)
        if actor is None or actor.type != "person":
            continue
        if m.role is not None:
            pos = kb.positions.get(m.role)
            office_of = (pos.organization if pos else None) or kb.state_by_country(
                pos.country if pos else None
            )
            if office_of:
                find._ensure(office_of)
                add("holds_role", m.actor, office_of, doc[m.start])
        lo = m.role_start if m.role_start is not None else m.start
        j = lo - 1
        rel = "member_of"
        while j >= sent.start and lo - j <= 4:
            prev = res.by_token.get(j)
            if prev is not None:
                pactor = res.actors.get(prev.actor)
                if (
                    pactor is not None
                    and pactor.type not in ("person", "state")
                    and not prev.is_place
                ):
                    add(rel, m.actor, prev.actor, doc[m.start])
                break
            word = doc[j]
            if _role_word(word, lex) == "leads":
                rel = "leads"
            elif not (word.pos_ in ("PROPN", "NOUN") or word.text in (".", "-")):
                break
            j -= 1
    return out
