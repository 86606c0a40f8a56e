"""Relations between actors from appositions, copulas, titles, compounds and verbs.

- role phrases (:mod:`claimgraph.extract.roles`): "X, the Badr chief", "X is the head of Y",
  "X, an ally of Iran", "X served as the military wing of Y", "IRGC Brig. X";
- compound participles: "Tehran-backed militias", "the AAH Iran-backed militia";
- verbs and adjectives of the lexicon's ``relation_verbs``: "X founded Y", "Y, led by X",
  "X joined Y", "Iran funds X", "Y included X", "X worked with Y", "X is subordinate to Y",
  "a group opposed to Y", "X received funding from Y";
- possession: "al-Abadi's Nasr list", "the Taqaddum movement of X" (X leads it);
- origin: "X, from the Asaib Ahl al-Haq militia" (X is a member).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.actors import Resolution
from claimgraph.extract.lexicon import Lexicon
from claimgraph.extract.participants import Participant, ParticipantFinder
from claimgraph.extract.roles import Roles, role_word
from claimgraph.kb import KnowledgeBase

# Things received from a backer: "received funding and training from Iran".
_AID_NOUNS = frozenset(
    "funding funds money support backing training weapons arms aid assistance financing "
    "equipment advisers advisors guidance orders".split()
)
# Nouns naming an organisation whose possessor or "of" person leads it ("Sadr's movement").
_ORG_NOUNS = frozenset(
    "party movement bloc list coalition alliance militia group organization organisation "
    "faction brigade brigades current network".split()
)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True, slots=True)
class RelationFinding:
    type: str
    subject: str
    object: str
    anchor: Any  # token whose clause gives the modality


def _verb_entry(value: str) -> tuple[str, bool, bool]:
    """A ``relation_verbs`` value: "type", "type inverse" (the grammatical object is the
    relation's subject) and/or "type passive" (only "backed by X", never "X backed")."""
    parts = value.split()
    return parts[0], "inverse" in parts[1:], "passive" in parts[1:]


class _Finder:
    def __init__(
        self, sent: Any, res: Resolution, kb: KnowledgeBase, lex: Lexicon, find: ParticipantFinder
    ) -> None:
        self.sent, self.res, self.kb, self.lex, self.find = sent, res, kb, lex, find
        self.roles = Roles(res, kb, lex, find)
        self.out: list[RelationFinding] = []

    def add(self, rel: str, subj: str, obj: str, anchor: Any) -> None:
        if subj and obj and subj != obj:
            self.out.append(RelationFinding(self.roles.typed(rel, subj, obj), subj, obj, anchor))

    def one(self, tok: Any) -> list[Participant]:
        """The actor of this token alone (not its conjuncts), or of the name it is compound to."""
        p = self.find._one(tok)
        if p is not None:
            return [p]
        for child in tok.children:
            if child.dep_ in ("compound", "nmod") and child.i < tok.i:
                m = self.res.by_token.get(child.i)
                actor = self.res.actors.get(m.actor) if m else None
                if m is not None and actor is not None and actor.type not in ("person", "state"):
                    return [Participant(m.actor, m)]
        return []

    def all(self, tok: Any) -> list[Participant]:
        """Actors of a phrase and its conjuncts, named organisations heading a noun included."""
        out: list[Participant] = []
        for t in (tok, *tok.conjuncts):
            for p in self.one(t):
                if all(q.actor != p.actor for q in out):
                    out.append(p)
        return out

    # -- 1. role phrases and titles --------------------------------------------------------------

    def role_phrases(self, tok: Any) -> None:
        rel = role_word(tok, self.lex)
        if rel is None:
            return
        holder_tok, role_tok = tok, tok
        holders = self.roles.holders(tok)
        if not holders and tok.dep_ == "appos" and self.res.by_token.get(tok.i):
            # "the Badr chief, Hadi al-Ameri": the name is the apposition
            role_tok = tok.head
            rel = role_word(role_tok, self.lex) or ""
            holders = self.find.find(holder_tok) if rel else []
        if not holders:
            return
        exclude = {h.actor for h in holders}
        for obj in self.roles.objects(role_tok, rel, exclude):
            for h in holders:
                self.add(rel, h.actor, obj, tok)

    def titles(self) -> None:
        for rel, person, org, anchor in self.roles.titles(self.sent):
            self.add(rel, person, org, anchor)

    # -- 2. compound participles -----------------------------------------------------------------

    def compound(self, tok: Any) -> None:
        doc = tok.doc
        if tok.lower_ not in self.lex.compound_relations or tok.i < 2 or doc[tok.i - 1].text != "-":
            return
        m = self.res.by_token.get(tok.i - 2)
        if m is None:
            return
        rel = self.lex.compound_relations[tok.lower_]
        backer = self.roles.backer(Participant(m.actor, m))
        target = tok.head
        # "Tehran-backed Prime Minister Haidar al-Abadi": the name ends the phrase
        while target.dep_ == "compound" and target.head.i > target.i:
            target = target.head
        for s in self.one(target):
            if rel == "leads_inverse":
                self.add("leads", backer, s.actor, tok)
            else:
                self.add(rel, s.actor, backer, tok)

    # -- 3. verbs and adjectives -----------------------------------------------------------------

    def verb(self, tok: Any) -> None:
        lemma = tok.lemma_.lower()
        entry = self.lex.relation_verbs.get(lemma)
        adjectival = tok.pos_ == "ADJ" or (
            tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod", "acomp")
        )
        if adjectival and entry is not None and self._adjective(tok, _verb_entry(entry)[0]):
            return
        if tok.pos_ != "VERB":
            return
        self._phrasal(tok, lemma)
        if entry is None:
            return
        rel, inverse, passive_only = _verb_entry(entry)
        kids = list(tok.children)
        subj_toks = [c for c in kids if c.dep_ == "nsubj"]
        obj_toks = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
        agent_toks = [o for c in kids if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if tok.tag_ == "VBN" and tok.dep_ == "acl":
            obj_toks = [tok.head]  # "Y, led by X"
        elif tok.tag_ == "VBN" and tok.dep_ == "advcl" and agent_toks and not obj_toks:
            # "Supported by X, the Government of Iraq maintained ..."
            obj_toks = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if agent_toks:
            subj_toks = agent_toks
        elif passive_only:
            return
        if inverse:  # "Iran backs X", "X is backed by Iran": X backed_by Iran
            subj_toks, obj_toks = obj_toks, subj_toks
        subjects = [p for t in subj_toks for p in self._described(t)]
        objects = [p for t in obj_toks for p in self._described(t)]
        for s in subjects:
            for o in objects:
                self._verb_relation(rel, s, o, tok)

    def _verb_relation(self, rel: str, s: Participant, o: Participant, tok: Any) -> None:
        obj_actor = self.res.actors.get(o.actor)
        subj_actor = self.res.actors.get(s.actor)
        if obj_actor is None or subj_actor is None:
            return
        if rel == "member_of" and obj_actor.type == "person":
            rel = "allied_with"  # "He has been joined by the Taqaddum"
        if rel in ("member_of", "part_of") and obj_actor.type in ("state", "population"):
            return
        obj = self.roles.backer(o) if rel in ("backed_by", "allied_with") else o.actor
        self.add(rel, s.actor, obj, tok)

    def _described(self, tok: Any) -> list[Participant]:
        """The actors a slot names; "X is a party led by Y": the copula's subject for the noun."""
        found = self.all(tok)
        if found or tok.dep_ != "attr":
            return found if found else self.find.find(tok)
        return [p for c in tok.head.children if c.dep_ == "nsubj" for p in self.find.find(c)]

    def _adjective(self, tok: Any, rel: str) -> bool:
        """ "X is subordinate to Y", "a group opposed to Y", "militias loyal to Tehran"."""
        objs = [
            p
            for prep in tok.children
            if prep.dep_ == "prep" and prep.lower_ in ("to", "with")
            for o in prep.children
            if o.dep_ == "pobj"
            for p in self.all(o)
        ]
        if not objs:
            return False
        if tok.dep_ == "acomp":
            subjects = [
                p for c in tok.head.children if c.dep_ == "nsubj" for p in self.find.find(c)
            ]
        else:
            subjects = self._described(tok.head)
        for s in subjects:
            for o in objs:
                self._verb_relation(rel, s, o, tok)
        return True

    def _phrasal(self, tok: Any, lemma: str) -> None:
        """ "X worked with Y", "X received funding from Y"."""
        for prep in tok.children:
            if prep.dep_ != "prep":
                continue
            entry = self.lex.relation_verbs.get(f"{lemma} {prep.lower_}")
            if entry is None:
                continue
            rel = _verb_entry(entry)[0]
            if lemma == "receive" and not any(
                c.dep_ == "dobj" and (c.lemma_.lower() in _AID_NOUNS or c.lower_ in _AID_NOUNS)
                for c in tok.children
            ):
                continue
            subjects = [p for c in tok.children if c.dep_ == "nsubj" for p in self.find.find(c)]
            objects = [p for o in prep.children if o.dep_ == "pobj" for p in self.all(o)]
            for s in subjects:
                for o in objects:
                    self._verb_relation(rel, s, o, tok)

    # -- 4. possession and origin ----------------------------------------------------------------

    def possession(self, tok: Any) -> None:
        """ "al-Abadi's Nasr al-Iraq list", "the Taqaddum movement of X": X leads the group."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return
        head_org = self._org_of(tok)
        if head_org is None:
            return
        people: list[Participant] = []
        for child in tok.children:
            if child.dep_ == "poss":
                people += [p for p in self.one(child) if p.via == "mention"]
            elif child.dep_ == "prep" and child.lower_ == "of" and tok.lower_ in _ORG_NOUNS:
                for o in child.children:
                    if o.dep_ == "pobj":
                        people += [p for p in self.one(o) if p.via == "mention"]
        for p in people:
            actor = self.res.actors.get(p.actor)
            if actor is not None and actor.type == "person":
                self.add("leads", p.actor, head_org, tok)

    def _org_of(self, tok: Any) -> str | None:
        """The organisation a noun phrase head names: itself, or "the Taqaddum movement"."""
        m = self.res.by_token.get(tok.i)
        if m is None and tok.lower_ in _ORG_NOUNS:
            for child in tok.children:
                if child.dep_ in ("compound", "nmod") and child.i < tok.i:
                    m = self.res.by_token.get(child.i)
                    if m is not None:
                        break
        if m is None or m.is_place:
            return None
        actor = self.res.actors.get(m.actor)
        if actor is None or actor.type not in ("party", "coalition", "armed_group", "organization"):
            return None
        return m.actor

    def origin(self, tok: Any) -> None:
        """ "Qais al-Khazali, from the Asaib Ahl al-Haq militia": a member of the group."""
        if tok.dep_ != "prep" or tok.lower_ != "from":
            return
        person = self.res.by_token.get(tok.head.i)
        actor = self.res.actors.get(person.actor) if person else None
        if person is None or actor is None or actor.type != "person":
            return
        if not any(t.text == "," for t in tok.doc[person.end : tok.i]):
            return  # "Hadi al-Amiri from Baghdad", "a letter from X": only the set-off phrase
        # every name of the list the phrase closes, wherever the parse hangs it ("two brothers,
        # Qais al-Khazali and Laith al-Khazali, from the Asaib Ahl al-Haq militia")
        people = [Participant(person.actor, person)] + [
            p for c in tok.head.conjuncts for p in self.one(c) if c.i < tok.i
        ]
        for o in tok.children:
            if o.dep_ != "pobj":
                continue
            org = self._org_of(o)
            if org is not None:
                for p in people:
                    self.add("member_of", p.actor, org, tok)


def relations_in(
    sent: Any, res: Resolution, kb: KnowledgeBase, lex: Lexicon, find: ParticipantFinder
) -> list[RelationFinding]:
    f = _Finder(sent, res, kb, lex, find)
    for tok in sent:
        f.role_phrases(tok)
        f.compound(tok)
        f.verb(tok)
        f.possession(tok)
        f.origin(tok)
    f.titles()
    return f.out
