"""Who a noun phrase denotes: named mentions, group nouns, pronouns, offices, generic groups.

Given a token that fills a syntactic slot (subject, object, agent, ...), find the actors it refers
to. Coordination ("X and Y") gives several.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from claimgraph.actors import Resolution
from claimgraph.extract.generic import GenericGroups
from claimgraph.extract.participant import Participant
from claimgraph.extract.wordlists import (
    ANAPHORIC_NOUNS,
    COUNT_HEADS,
    FIRST_PERSON,
    GENERIC_HEADS,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    ORG_HEADS,
    PERSON_PRONOUNS,
    PROPERTY_NOUNS,
    RELATIVE,
)
from claimgraph.kb import KnowledgeBase, overlaps
from claimgraph.model import Actor, Role
from claimgraph.names import is_reference_mark, normalise

__all__ = ["Participant", "ParticipantFinder"]

# Modifiers of a definite description that refer back: "the latter parties".
_BACK_REFERRING = frozenset({"latter", "former", "same", "aforementioned", "above-mentioned"})


@dataclass
class ParticipantFinder(GenericGroups):
    """Finds actors for tokens in one document."""

    doc: Any
    res: Resolution
    kb: KnowledgeBase
    compound_relations: dict[str, str]
    date: str | None = None  # event date used for role descriptions
    generic: dict[str, Actor] = field(default_factory=dict)
    generic_kind: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (kind, backer)
    # the publisher's own actors: who "we" and "I" are outside quotations (see claims.py)
    first_person: tuple[str, ...] = ()
    # generic groups found so far, by token: antecedents of later pronouns ("they", "them")
    generic_at: dict[int, Participant] = field(default_factory=dict)
    # nouns that denote a person related to someone, not that someone ("X's son", "X's leader")
    personal_nouns: frozenset[str] = frozenset()
    # nouns for the top office of an organisation ("leader", "head", "chief", "commander")
    head_nouns: frozenset[str] = frozenset()
    # positions of event nouns ("attack", "strike"), and the verbs whose object "it" is such a
    # noun when one comes after the latest fitting actor ("Iran also condemned it")
    event_nouns: frozenset[int] = frozenset()
    event_object_verbs: frozenset[str] = frozenset()
    # actors a possessive pronoun may not stand for here: the subject of a hostile verb whose
    # object is being resolved ("the US struck its bases": not the US's own)
    not_owner: frozenset[str] = frozenset()
    _resolving: set[int] = field(default_factory=set)  # tokens being resolved (no cycles)

    def find(self, tok: Any, agent: bool = False) -> list[Participant]:
        """Actors denoted by the phrase headed by ``tok`` and its conjuncts."""
        out: list[Participant] = []
        for t in (tok, *tok.conjuncts):
            for p in self._many(t):
                if agent:
                    p = self.metonymy(p)
                if all(q.actor != p.actor for q in out):
                    out.append(p)
        return out

    def find_object(self, tok: Any) -> list[Participant]:
        """The actors an object stands for: itself, else its owner ("X's nuclear programme",
        "the capacity of X's government", "growing Iranian influence")."""
        found = self.find(tok)
        relative = tok.tag_ in ("WP", "WDT") or tok.lower_ in RELATIVE
        if not found and relative and tok.head.dep_ == "relcl":
            return self.find_object(tok.head.head)  # "..., which X had been demanding"
        if not found and tok.dep_ == "dobj":
            found = self._detached_apposition(tok)
        if found or tok.pos_ not in ("NOUN", "PROPN"):
            return found  # a place's owner counts too: "the MEK's home Ashraf"
        out: list[Participant] = []
        for t in (tok, *tok.conjuncts):
            if t.lower_ in self.personal_nouns or t.lemma_.lower() in self.personal_nouns:
                continue
            for child in t.children:
                if child.dep_ == "poss" or (child.dep_ == "amod" and child.i in self.res.by_token):
                    out += self.find(child)
                elif child.dep_ == "prep" and child.lower_ == "of":
                    out += [p for o in child.children if o.dep_ == "pobj" for p in self.find(o)]
        return list({p.actor: p for p in out}.values())

    def _detached_apposition(self, obj: Any) -> list[Participant]:
        """ "target two brothers, X and Y": a name after the object and a comma, that the parse
        hung on the verb."""
        after = obj.right_edge.i + 1
        if after + 1 >= len(self.doc) or self.doc[after].text != ",":
            return []
        for c in obj.head.children:
            if c.dep_ in ("dep", "appos", "npadvmod", "conj") and c.left_edge.i == after + 1:
                return self.find(c)
        return []

    def _many(self, t: Any) -> list[Participant]:
        low = t.lower_
        if low in FIRST_PERSON and t.pos_ == "PRON":
            if not self.first_person or _quoted(t):
                return []
            return [Participant(a, None, "publisher") for a in self.first_person]
        if t.dep_ == "poss" and low in ("its", "their", "his", "her"):
            bound = self._bound(t)
            if bound:
                return bound
        members = self._members(t)
        if members:
            return members
        if t.lower_ in COUNT_HEADS and t.i not in self.res.by_token:
            # "thousands of Iraqis", "a group of Kata'ib Hezbollah fighters": those counted
            counted = [
                p
                for c in t.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for o in c.children
                if o.dep_ == "pobj"
                for p in self.find(o)
            ]
            if counted:
                return counted
        p = self._one(t)
        return [p] if p is not None else []

    def _members(self, t: Any) -> list[Participant]:
        """ "the governments of Japan, the US and the UAE": each of them."""
        if t.tag_ not in ("NNS", "NNPS") or t.i in self.res.by_token:
            return []
        if t.lower_ not in GROUP_NOUNS and t.lemma_.lower() not in GROUP_NOUNS:
            return []
        if any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in t.children):
            return []
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.conjuncts:
                        return [replace(p, via="group") for p in self.find(obj)]
        return []

    def _bound(self, pron: Any) -> list[Participant]:
        """A possessive bound by its clause's subject: "X and Y continued their partnership",
        "X announced its withdrawal"."""
        tok = pron.head
        for _ in range(4):
            if tok.dep_ not in ("dobj", "pobj", "prep", "compound", "conj", "attr", "pcomp"):
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return []
        subj = None
        for _ in range(3):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None or tok.dep_ not in ("conj", "xcomp", "advcl"):
                break
            tok = tok.head
        if subj is None or subj.pos_ == "PRON" or subj.tag_ in ("WP", "WDT"):
            return []
        found = self.find(subj)
        low = pron.lower_
        persons = [p for p in found if self._type(p.actor) == "person"]
        if low in ("his", "her"):
            return persons[:1] if len(found) == 1 else []
        if persons:
            return []
        plural = bool(subj.conjuncts) or subj.tag_ in ("NNS", "NNPS")
        if low == "their" or len(found) == 1 and not plural:
            return found
        return []

    def _type(self, aid: str) -> str | None:
        actor = self.res.actors.get(aid) or self.generic.get(aid)
        return actor.type if actor is not None else None

    def metonymy(self, p: Participant) -> Participant:
        """A capital acting is its state's government ("Tehran launched" → Government of Iran)."""
        if p.mention is not None and p.mention.capital_of:
            gov = self.kb.government_of(p.mention.capital_of)
            self._ensure(gov)
            return Participant(gov, p.mention, "metonymy")
        return p

    def _one(self, t: Any) -> Participant | None:
        m = self.res.by_token.get(t.i)
        if m is not None and not (m.is_place and not m.capital_of):
            return Participant(m.actor, m)
        if m is not None and m.capital_of:
            return Participant(m.actor, m)
        low = t.lower_
        if is_reference_mark(t.text) and t.i > 0:
            # "commanded by X[41]": the parser may take the mark for the head of the name
            return self._one(self.doc[t.i - 1]) if t.i - 1 in self.res.by_token else None
        if t.tag_ in ("WP", "WDT") or low in RELATIVE:
            # relative pronoun: the noun the relative clause modifies
            clause = t.head
            if clause.dep_ != "relcl":
                return None
            noun = clause.head
            described = self._one(noun)
            if described is None and noun.dep_ == "attr" and noun.head.lemma_ == "be":
                # "X is a paramilitary group which is part of Y": the group is X
                subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
                described = self._one(subject) if subject is not None else None
            return described
        if t.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(t)
        named = self._named_modifier(t)
        if named is not None:
            return named
        generic = self._generic(t)
        if generic is not None:
            self.generic_at[t.i] = generic
            return generic
        if low in GROUP_NOUNS or t.lemma_.lower() in GROUP_NOUNS:
            owned = low in PROPERTY_NOUNS or t.lemma_.lower() in PROPERTY_NOUNS
            for child in t.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                    mm = self.res.by_token.get(child.i)
                    if child.dep_ == "poss" and child.pos_ == "PRON":
                        mm = None
                        owner = self._pronoun(child)
                        if owner is not None:
                            mm = owner.mention
                            if owned or self._type(owner.actor) != "person":
                                return replace(owner, via="group")
                            return None  # "his security personnel" are not he
                    if mm is not None:
                        if not owned and self._type(mm.actor) == "person":
                            return None  # "Soleimani's guards" are not Soleimani
                        return Participant(mm.actor, mm, "group")
            national = self._national(t)
            if national is not None:
                return national
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        member = self._one(obj) if obj.dep_ == "pobj" else None
                        if member is not None:
                            return replace(member, via="group")
        for child in t.children:
            if child.dep_ == "appos":
                mm = self.res.by_token.get(child.i)
                if mm is not None:
                    return Participant(mm.actor, mm)
        definite = self._definite(t)
        if definite is not None:
            return definite
        return self._office(t)

    def _named_modifier(self, t: Any) -> Participant | None:
        """A group or generic noun whose compound is an organisation or a generic group: "the
        Asaib Ahl al-Haq Iran-backed militia" is Asa'ib Ahl al-Haq, "Iranian-backed Iraqi
        militia leaders" are the Iran-backed militias (not Iraq)."""
        low, lemma = t.lower_, t.lemma_.lower()
        if (
            low not in GENERIC_HEADS
            and low not in GROUP_NOUNS
            and lemma not in GROUP_NOUNS
            and lemma not in ORG_HEADS
        ):
            return None
        if low in PROPERTY_NOUNS or lemma in PROPERTY_NOUNS:
            return None
        for child in t.children:
            if child.dep_ not in ("compound", "nmod") or child.i > t.i:
                continue
            mm = self.res.by_token.get(child.i)
            if mm is not None:
                if self._type(mm.actor) not in ("person", "state", "government", None):
                    return Participant(mm.actor, mm, "group")
                continue
            if child.lower_ in GENERIC_HEADS:
                generic = self._generic(t, head_tok=child)
                if generic is not None:
                    self.generic_at[child.i] = generic
                    return replace(generic, via="group")
        return None

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
        """ "the group", "the militia", "the latter parties": a phrase with the same head just
        before ("pro-Iran parties ... the latter parties"), even one that names no actor on
        file; else an organisation of a fitting type named in this or the previous two
        sentences (see ``_antecedent``)."""
        if t.lemma_.lower() not in ANAPHORIC_NOUNS or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in t.children
        ):
            return None
        if any(
            c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in _BACK_REFERRING
            for c in t.children
        ):
            return None
        earliest = self._window_start(t)
        for j in range(t.i - 1, earliest - 1, -1):
            tok = self.doc[j]
            if tok.lemma_ == t.lemma_ and tok.pos_ == "NOUN" and tok.i not in self._resolving:
                same = self._one(tok)
                if same is not None:
                    return replace(same, via="anaphor")
                if tok.dep_ in ("attr", "appos", "oprd"):
                    break  # "X is a paramilitary group ... the group": X, found below
                # "formed Shiite militias ... these militias": the group told before, which
                # has no name on file; then it is no organisation named nearby either
                return None
        want = ANAPHORIC_NOUNS[t.lemma_.lower()]

        def fits(aid: str) -> bool:
            kind = self._type(aid)
            if kind in ("person", "state", "population", "government", None):
                return False
            return (
                want is None or kind == want or (want == "armed_group" and kind == "organization")
            )

        return self._antecedent(t, fits, "anaphor")

    def _window_start(self, t: Any, sentences: int = 2) -> int:
        earliest: int = t.sent.start
        for _ in range(sentences):
            before = self._sentence_before(earliest)
            if before is None:
                break
            earliest = before.start
        return earliest

    def _sentence_before(self, start: int) -> Any | None:
        """The sentence before the one starting at ``start``, passing over the reference marks
        a wiki puts after a full stop ("... backed by Iran.[37]"), which stand alone."""
        while start > 0:
            sent = self.doc[start - 1].sent
            if not all(is_reference_mark(t.text) or t.is_space for t in sent):
                return sent
            start = sent.start
        return None

    def _pronoun(self, t: Any) -> Participant | None:
        """A fitting actor named in this or the previous two sentences (see ``_antecedent``)."""
        low = t.lower_
        want_person = low in PERSON_PRONOUNS
        if not want_person and low not in GROUP_PRONOUNS:
            return None
        plural = low in ("they", "them", "their", "themselves")
        # "struck its bases": not the striker's own bases ("attacked its rivals" may well be)
        owned = t.head.lower_ in PROPERTY_NOUNS or t.head.lemma_.lower() in PROPERTY_NOUNS
        avoid = self.not_owner if t.dep_ == "poss" and owned else frozenset()

        def fits(aid: str) -> bool:
            kind = self._type(aid)
            return (
                kind is not None
                and (kind == "person") == want_person
                and not (plural and kind == "state")
                and aid not in avoid
            )

        found = self._antecedent(t, fits, "pronoun")
        if (
            found is not None
            and found.mention is not None
            and low in ("it", "this", "that")
            and t.dep_ == "dobj"
            and t.head.lemma_.lower() in self.event_object_verbs
            and any(found.mention.end <= i < t.i for i in self.event_nouns)
        ):
            # "The US condemned the attack. Iran also condemned it": the attack, no actor
            return None
        return found

    def _antecedent(self, t: Any, fits: Any, via: str) -> Participant | None:
        """The antecedent of a pronoun or definite description: the latest fitting actor named
        before it in its own sentence; else, for a subject, the subject of the sentence before
        (the topic carries on: "KH works for Iran. It attacks U.S. targets."); else the latest
        fitting actor in the two sentences before. Never its own clause's subject ("X called it
        a crime")."""
        earliest = self._window_start(t)
        clause_subject = _subject_span(t)
        found: list[tuple[int, Participant]] = [
            (m.start, Participant(m.actor, m, via))
            for m in self.res.mentions
            if earliest <= m.start < t.i
            and not m.is_place
            and m.start not in clause_subject
            and fits(m.actor)
            and not _modifier_only(self.doc[m.end - 1])
        ]
        if via == "pronoun" and t.lower_ not in ("they", "them", "their", "themselves"):
            generics: list[tuple[int, Participant]] = []
        else:
            generics = [(i, replace(p, via=via)) for i, p in self.generic_at.items()]
        found += [(i, p) for i, p in generics if earliest <= i < t.i and fits(p.actor)]
        found.sort(key=lambda c: c[0])
        if any(i >= t.sent.start for i, _p in found):
            return found[-1][1]
        in_subject = t.dep_ == "poss" and t.head.dep_ in ("nsubj", "nsubjpass")
        if t.dep_ in ("nsubj", "nsubjpass") or in_subject:
            # the topic carries on, also as the owner in the subject ("The MEK is an Iranian
            # group opposed to Iran's regime. Its members were supported by Saddam.")
            topic = self._topic(t, fits)
            if topic is not None:
                return replace(topic, via=via)
        if found:
            return found[-1][1]
        if t.dep_ in ("nsubj", "nsubjpass") and via == "anaphor":
            lead = self._lead(fits)  # "The group was commanded by X" in an article about it
            return replace(lead, via=via) if lead is not None else None
        return None

    def _lead(self, fits: Any) -> Participant | None:
        """The first fitting actor of the document's first sentence (its title or lead): what an
        encyclopedia-style article is about, when nothing nearer is."""
        first = next(iter(self.doc.sents), None)
        if first is None:
            return None
        for m in self.res.mentions:
            if first.start <= m.start < first.end and not m.is_place and fits(m.actor):
                return Participant(m.actor, m)
        return None

    def _topic(self, t: Any, fits: Any) -> Participant | None:
        """The subject of the main clause of the sentence before, if it fits."""
        before = self._sentence_before(t.sent.start)
        if before is None:
            return None
        root = before.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i in self._resolving or len(self._resolving) > 3:
            return None
        self._resolving.add(subj.i)
        try:
            p = self._one(subj)
        finally:
            self._resolving.discard(subj.i)
        return p if p is not None and fits(p.actor) else None

    def _office(self, t: Any) -> Participant | None:
        """ "the Prime Minister", "Iraq's president", "the leader of the Quds Force": the one
        person the document itself gives that title ("Quds Force Commander General Qassem
        Soleimani"), else whoever held the office on the date."""
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
        found = (position, self.kb.holders(position, None)) if position else self._head_of(t)
        if found is None:
            return None
        office, roles = found
        in_text = self._titled(office)
        if len(in_text) == 1:
            aid: str | None = in_text.pop()
        elif self.date is None:
            return None
        else:
            date = self.date
            aid = _holder([r for r in roles if overlaps(date, r.start, r.end)], date, words)
        if aid is None:
            return None
        self._ensure(aid)
        return Participant(aid, None, "role")

    def _titled(self, office: str) -> set[str]:
        """Who the document calls by an office's title ("Prime Minister X"), not "former"."""
        out = set()
        for m in self.res.mentions:
            if m.role != office or m.role_start is None:
                continue
            before = self.doc[m.role_start - 1].lower_ if m.role_start > 0 else ""
            if before.strip("-") not in PAST_TITLE_WORDS:
                out.add(m.actor)
        return out

    def _head_title(self, office: str) -> bool:
        """The office's name begins with a head noun ("Secretary-General of Hezbollah")."""
        name = normalise(office, strip_titles=False)
        return any(name == h or name.startswith(h + " ") for h in _normalised(self.head_nouns))

    def _head_of(self, t: Any) -> tuple[str, list[Role]] | None:
        """ "the leader of the nation's elite Quds Force", "the Badr Organization's chief": the
        top office of an organisation and its terms on file, when the organisation has exactly
        one office named with a head noun ("Commander of the Quds Force", "Secretary-General").
        Governments are left out: their head is a matter of constitution, not of wording."""
        if t.lower_ not in self.head_nouns and t.lemma_.lower() not in self.head_nouns:
            return None
        owners = [c for c in t.children if c.dep_ in ("poss", "compound") and c.i < t.i]
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                owners += [o for o in prep.children if o.dep_ == "pobj"]
        for owner in owners:
            m = self.res.by_token.get(owner.i)
            kind = None if m is None else self._type(m.actor)
            if m is None or m.is_place or kind in ("person", "state", "government", None):
                continue
            offices: dict[str, list[Role]] = {}
            for p in self.kb.positions_of(m.actor):
                offices[p.name] = self.kb.holders(p.name, None)
            for r in self.kb.roles_in(m.actor):
                offices.setdefault(r.role, []).append(r)
            heads = [name for name in offices if self._head_title(name)]
            if len(heads) == 1:
                return heads[0], offices[heads[0]]
        return None


@lru_cache(maxsize=8)
def _normalised(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(n for w in sorted(words) if (n := normalise(w, strip_titles=False)))


INCOMING_WORDS = frozenset({"new", "newly", "incoming", "designate"})
PAST_TITLE_WORDS = frozenset({"former", "ex", "late", "then", "deposed", "ousted", "outgoing"})


def _holder(roles: list[Role], date: str, words: list[Any]) -> str | None:
    """The one holder of an office on a date. On a handover day (one term on file ends that day,
    the next starts that day) the description names the outgoing holder, unless it says "new" or
    "incoming": the day's news is mostly of what ended the term ("the leader of the Quds Force
    was killed")."""
    holders = {r.actor for r in roles}
    if len(holders) == 1:
        return holders.pop()
    if len(roles) != 2 or len(date) != 10:
        return None
    ending = [r for r in roles if r.end == date]
    starting = [r for r in roles if r.start == date]
    if len(ending) != 1 or len(starting) != 1 or ending[0].actor == starting[0].actor:
        return None
    incoming = any(w.lower_ in INCOMING_WORDS for w in words)
    return (starting if incoming else ending)[0].actor


def _modifier_only(tok: Any) -> bool:
    """A name used as a modifier of a common noun ("a US drone attack") is not what a later
    pronoun refers to; a group noun's modifier is ("the Iraqi government ... it")."""
    return (
        tok.dep_ in ("compound", "amod")
        and tok.head.pos_ == "NOUN"
        and tok.head.lower_ not in GROUP_NOUNS
        and tok.head.lemma_.lower() not in GROUP_NOUNS
    )


def _quoted(tok: Any) -> bool:
    """Inside quotation marks opened earlier in its paragraph."""
    text: str = tok.doc.text
    start = text.rfind("\n\n", 0, tok.idx) + 1
    before = text[start : tok.idx]
    straight = before.count('"') % 2 == 1
    return straight or before.count("\u201c") > before.count("\u201d")


def _subject_span(pron: Any) -> range:
    """The token span of the subject of the clause in which a pronoun is an object."""
    if pron.dep_ not in ("dobj", "dative", "pobj"):
        return range(0)
    verb = pron.head.head if pron.dep_ == "pobj" else pron.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return range(subj.left_edge.i, subj.right_edge.i + 1) if subj is not None else range(0)
