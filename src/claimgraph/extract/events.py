"""Events: PLOVER-coded claims from verbs and event nouns over the dependency parse."""

from __future__ import annotations

from typing import Any

from claimgraph.extract.lexicon import Lexicon
from claimgraph.extract.participants import Participant, ParticipantFinder
from claimgraph.extract.triggers import (
    GOVERNING_TYPES,
    Trigger,
    code_of_verb,
    mode_of,
    triggers_in,
)

__all__ = [
    "GOVERNING_TYPES",
    "Trigger",
    "code_of_verb",
    "mode_of",
    "participants_of_noun",
    "participants_of_verb",
    "standalone",
    "subject_of",
    "triggers_in",
]

_RECIPIENT_PREPS = frozenset(
    {"against", "on", "upon", "at", "toward", "towards", "targeting", "into"}
)
_RECEIVING_VERBS = frozenset({"receive", "obtain", "accept", "get"})
_VICTIM_VERBS = frozenset(
    {"survive", "suffer", "escape", "come", "face", "endure", "withstand", "die", "perish"}
)
_WITH_TYPES = frozenset(
    {"CONSULT", "COOPERATE", "AGREE", "ASSAULT"}
)  # "met with X", "clashed with X"
# Dependencies through which a verb without a subject takes the subject of the verb above it
# ("X took action by killing Y": X kills). Not through ccomp: "X said Y attacked" has its own.
_SUBJECT_CLIMB = frozenset(
    {
        "xcomp",
        "advcl",
        "pcomp",
        "prep",
        "conj",
        "acl",
        "relcl",
        "dobj",
        "pobj",
        "npadvmod",
        "attr",
        "acomp",
    }
)


def subject_of(verb: Any) -> Any | None:
    """The subject of a verb, climbing through control, coordination and adverbial clauses."""
    tok = verb
    for _ in range(5):
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ not in _SUBJECT_CLIMB or tok.head.i == tok.i:
            return None
        if tok.dep_ == "xcomp":
            # object control: "urged X to attack", "called on X to attack" → X
            objs = [c for c in tok.head.children if c.dep_ == "dobj"]
            objs += [
                o
                for c in tok.head.children
                if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                for o in c.children
                if o.dep_ == "pobj"
            ]
            if objs:
                return objs[0]
        tok = tok.head
    return None


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")
    )


def _objects(prep: Any) -> list[Any]:
    out = [o for o in prep.children if o.dep_ in ("pobj", "pcomp")]
    return [_as_described(o) or o for o in out]


def _as_described(clause: Any) -> Any | None:
    """The thing a free relative names: "against what they perceive as increasing Iranian
    influence" is against that influence."""
    if clause.pos_ != "VERB" or not any(
        c.lower_ == "what" and c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in clause.children
    ):
        return None
    for child in clause.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
                if obj.dep_ == "pcomp":  # "as increasing Iranian influence"
                    return next((d for d in obj.children if d.dep_ == "dobj"), obj)
    return None


# Cooperation against someone is not with them: "cooperated against ISIS", "supported the
# militias against the US" (the common adversary is not the recipient).
_COOPERATIVE = frozenset({"COOPERATE", "AID", "SUPPORT", "CONSULT", "AGREE"})
_HOSTILE_PREPS = frozenset({"against", "targeting"})


def _recipient_prep(prep: Any, etype: str, lex: Lexicon) -> bool:
    low = prep.lower_
    if low in _HOSTILE_PREPS and etype in _COOPERATIVE:
        return False
    return (
        low in _RECIPIENT_PREPS
        or (low == "with" and etype in _WITH_TYPES)
        or (low == "from" and etype.lower() in lex.cue("from_recipient_types"))
        or (low == "to" and etype.lower() in lex.cue("to_recipient_types"))
    )


def _object_recipients(obj: Any, etype: str, find: ParticipantFinder, lex: Lexicon) -> list[Any]:
    """The recipients an object gives: itself or its owner, else the target of its preposition
    ("struck a blow against X", "carried out strikes on X")."""
    found = find.find_object(obj)
    if found:
        return found
    if obj.lemma_.lower() in lex.nouns:
        # "condemned the U.S. strike": those who struck
        found = participants_of_noun(obj, lex, find)[0]
        if found:
            return found
    return [
        p
        for prep in obj.children
        if prep.dep_ == "prep" and _recipient_prep(prep, etype, lex)
        for o in _objects(prep)
        for p in find.find_object(o)
    ]


def participants_of_verb(
    verb: Any, etype: str, find: ParticipantFinder, lex: Lexicon
) -> tuple[list[Participant], list[Participant]]:
    actors: list[Participant] = []
    recipients: list[Participant] = []
    # "X is committed to assisting Y": a passive in form whose subject acts
    stative = verb.lemma_.lower() in lex.cue("stative_participles") and not any(
        c.dep_ == "agent" for c in verb.children
    )
    passive = _is_passive(verb) and not stative
    if verb.lemma_.lower() in _RECEIVING_VERBS:
        # "they received funding from X": X gives, they receive ("from X" may hang on the thing)
        things = [c for c in verb.children if c.dep_ == "dobj"]
        things += [t for c in things for t in c.conjuncts]
        for child in [*verb.children, *(c for t in things for c in t.children)]:
            if child.dep_ == "prep" and child.lower_ == "from":
                actors += [
                    p for o in child.children if o.dep_ == "pobj" for p in find.find(o, agent=True)
                ]
            elif child.dep_ == "nsubj":
                recipients += find.find(child)
        return _dedupe(actors), _dedupe(recipients, actors)
    # a hostile act is not done to oneself: "X struck its bases" are not X's own bases
    subject = None if passive or etype not in _HOSTILE else subject_of(verb)
    if subject is not None and not (subject.pos_ == "NOUN" and subject.lemma_.lower() in lex.nouns):
        find.not_owner = frozenset(p.actor for p in find.find(subject, agent=True))
    try:
        recipients += _verb_recipients(verb, etype, find, lex, passive, stative)
    finally:
        find.not_owner = frozenset()
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    actors += find.find(obj, agent=True)
    if passive and not actors:
        # "X was designated a terrorist group by Y", "drones were launched at the embassy by Y":
        # the parse may hang "by Y" on the complement or on the object of a preposition
        for comp in verb.children:
            if comp.i < verb.i:
                continue
            heads = [comp] if comp.dep_ in ("dobj", "oprd", "attr") else []
            if comp.dep_ == "prep":
                heads = [o for o in comp.children if o.dep_ == "pobj"]
            for head in heads:
                for prep in head.children:
                    if prep.dep_ == "prep" and prep.lower_ == "by":
                        actors += [p for o in _objects(prep) for p in find.find(o, agent=True)]
    recipients = _dedupe(recipients, actors)
    if passive and not recipients:
        if verb.dep_ in ("acl", "amod"):
            recipients += find.find(verb.head)
        elif verb.dep_ in ("oprd", "xcomp", "ccomp") and verb.head.pos_ == "VERB":
            # "X was reported killed", "X is believed killed": the subject of the verb above
            recipients += [
                p for c in verb.head.children if c.dep_ == "nsubjpass" for p in find.find(c)
            ]
        elif verb.dep_ == "advcl":
            # "Supported by X, Y maintained control": Y is supported
            recipients += [p for c in verb.head.children if c.dep_ == "nsubj" for p in find.find(c)]
    if etype == "ACCUSE" and not recipients:
        # "called the U.S. strike an act of terrorism" (parsed as a clause): those who struck
        for child in verb.children:
            if child.dep_ in ("ccomp", "oprd", "xcomp") and child.lemma_.lower() in lex.nouns:
                recipients += participants_of_noun(child, lex, find)[0]
    if etype in GOVERNING_TYPES and not recipients:
        # "threatened to attack X": X is the one threatened; "agreed to run with X"
        for child in verb.children:
            inner = [child] if child.dep_ == "xcomp" else []
            if child.dep_ == "prep":
                inner = [o for o in child.children if o.dep_ == "pcomp"]
            for clause in inner:
                for obj in clause.children:
                    if obj.dep_ == "dobj":
                        recipients += _object_recipients(obj, etype, find, lex)
                    elif obj.dep_ == "prep" and _recipient_prep(obj, etype, lex):
                        recipients += [p for o in _objects(obj) for p in find.find_object(o)]
    if not passive:
        subj = subject_of(verb)
        if subj is None and stative:
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            if subj.pos_ == "NOUN" and subj.lemma_.lower() in lex.nouns:
                # "the sanctions target X", "the strike killed X": the event noun's own actors
                actors += participants_of_noun(subj, lex, find)[0]
            else:
                actors += find.find(subj, agent=True)
    return _dedupe(actors), _dedupe(recipients, actors)


_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "MOBILIZE"})


def _verb_recipients(
    verb: Any, etype: str, find: ParticipantFinder, lex: Lexicon, passive: bool, stative: bool
) -> list[Participant]:
    """Who a verb's subject (passive), object or recipient preposition names."""
    recipients: list[Participant] = []
    for child in verb.children:
        dep = child.dep_
        if dep == "nsubjpass" and not stative:
            recipients += find.find(child)
        elif dep in ("dobj", "dative") and not passive:
            recipients += _object_recipients(child, etype, find, lex)
        elif dep == "prep" and (
            _recipient_prep(child, etype, lex)
            or (child.lower_ == "to" and verb.lemma_.lower() in lex.cue("to_recipient_verbs"))
        ):
            for obj in _objects(child):
                recipients += find.find_object(obj)
    return recipients


def _governing_light_verb(noun: Any, lex: Lexicon) -> Any | None:
    """The light verb whose object is the event noun, through conjunctions and "of" phrases
    ("gave Kata'ib Hezbollah millions of dollars of aid")."""
    tok = noun
    for _ in range(5):
        if (
            tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "attr")
            and tok.head.lemma_.lower() in lex.light_verbs
        ):
            return tok.head
        if tok.dep_ not in ("conj", "pobj", "prep", "dobj"):
            return None
        tok = tok.head
    return None


def _clause_recipients(noun: Any, find: ParticipantFinder, lex: Lexicon) -> list[Participant]:
    """Who an event noun's clause says was hit: "an attack that killed X", "a raid killing X",
    "attacks that resulted in the deaths of X"."""
    out: list[Participant] = []
    for clause in noun.children:
        if clause.dep_ not in ("relcl", "acl") or clause.pos_ != "VERB":
            continue
        lemma = clause.lemma_.lower()
        if lex.verbs.get(lemma, ("",))[0] == "ASSAULT":
            out += [p for c in clause.children if c.dep_ == "dobj" for p in find.find(c)]
        elif lemma in lex.cue("result_verbs"):
            for prep in clause.children:
                for outcome in _objects(prep) if prep.dep_ == "prep" else []:
                    if outcome.lemma_.lower() not in lex.cue("casualty_nouns"):
                        continue
                    for of in outcome.children:
                        if of.dep_ == "prep" and of.lower_ == "of":
                            out += [p for o in _objects(of) for p in find.find(o)]
    return out


def _claimed_by(noun: Any, find: ParticipantFinder, lex: Lexicon) -> list[Participant]:
    """ "attacks attributed to X", "a bombing claimed by X": X is the actor (as someone says)."""
    out: list[Participant] = []
    for clause in noun.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in lex.cue("attribution_verbs"):
            continue
        for prep in clause.children:
            blamed = prep.dep_ == "prep" and prep.lower_ in ("to", "on")
            if blamed or (prep.dep_ == "agent" and clause.lemma_.lower() == "claim"):
                out += [p for o in _objects(prep) for p in find.find(o, agent=True)]
    return out


def _victim_verb(noun: Any) -> Any | None:
    """The verb of "X survived an assassination attempt", "X came under a rocket attack"."""
    if noun.dep_ not in ("dobj", "pobj"):
        return None
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head
    return verb if verb.lemma_.lower() in _VICTIM_VERBS else None


def standalone(noun: Any, lex: Lexicon) -> bool:
    """An event noun that states an event on its own, even with no one named: "X survived an
    assassination attempt", "a rocket attack that killed six people"."""
    if _victim_verb(noun) is not None:
        return True
    # "an attack that killed six people", "an attack that took place at X killing six people"
    # (the parse may hang "killing" anywhere inside the relative clause)
    for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
        for verb in clause.subtree:
            if verb.pos_ != "VERB" or lex.verbs.get(verb.lemma_.lower(), ("",))[0] != "ASSAULT":
                continue
            for obj in verb.children:
                if obj.dep_ == "dobj" and any(c.like_num for c in obj.subtree):
                    return True
    return False


def participants_of_noun(
    noun: Any, lex: Lexicon, find: ParticipantFinder
) -> tuple[list[Participant], list[Participant]]:
    actors: list[Participant] = []
    recipients: list[Participant] = []
    etype = lex.nouns.get(noun.lemma_.lower(), ("",))[0]
    subjective = noun.lemma_.lower() in lex.cue("subjective_of_nouns")
    for child in noun.children:
        dep = child.dep_
        if dep in ("poss", "compound", "nmod") and child.i < noun.i:
            actors += find.find(child, agent=True)
        elif dep == "amod" and child.i < noun.i and child.i in find.res.by_token:
            actors += find.find(child, agent=True)  # "Iranian attacks", not "military strikes"
        elif dep == "prep" and child.lower_ == "by":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    actors += find.find(obj, agent=True)
        elif dep == "prep" and child.lower_ == "of" and subjective:
            actors += [p for o in _objects(child) for p in find.find(o, agent=True)]
        elif (
            dep == "prep"
            and not (child.lower_ in _HOSTILE_PREPS and etype in _COOPERATIVE)
            and (
                child.lower_ in _RECIPIENT_PREPS | {"with", "of"}
                or _recipient_prep(child, etype, lex)
            )
        ):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    # "attacks against the MEK's home Ashraf": the owner of what was hit
                    target = child.lower_ in _RECIPIENT_PREPS
                    recipients += find.find_object(obj) if target else find.find(obj)
        elif dep == "acl":  # "attacks targeting X"
            for obj in child.children:
                if obj.dep_ == "dobj":
                    recipients += find.find(obj)
    if not recipients:
        recipients += _clause_recipients(noun, find, lex)
    if not actors:
        actors += _claimed_by(noun, find, lex)
    victim = _victim_verb(noun)
    if victim is not None and not recipients:
        # "X survived an assassination attempt", "Camp Hurriya came under a rocket attack"
        subj = next((c for c in victim.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            recipients += find.find(subj)
    receiver = _receiving_verb(noun)
    if receiver is not None and not actors:
        # "they received funding and training from X": X gives, the subject receives
        got_from, got_by = participants_of_verb(receiver, etype, find, lex)
        actors += got_from
        recipients += got_by
    light = _governing_light_verb(noun, lex)
    if light is not None and not actors:
        if _is_passive(light):
            for child in light.children:
                if child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            actors += find.find(obj, agent=True)
        else:
            subj = subject_of(light)
            if subj is not None:
                actors += find.find(subj, agent=True)
        for child in light.children:
            if child.dep_ == "prep" and _recipient_prep(child, etype, lex):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        recipients += find.find(obj)
            elif child.dep_ == "dative" and child.pos_ == "ADP":  # "provided aid to X"
                recipients += [p for o in child.children if o.dep_ == "pobj" for p in find.find(o)]
            elif child.dep_ == "dative" and child.i < noun.i:
                recipients += find.find(child)  # "gave the Ivory Coast 5 million dollars of aid"
    return _dedupe(actors), _dedupe(recipients, actors)


def _receiving_verb(noun: Any) -> Any | None:
    """The verb of receiving whose object is ``noun`` (or a conjunct of its object)."""
    tok = noun
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _RECEIVING_VERBS:
        return tok.head
    return None


def _dedupe(items: list[Participant], exclude: list[Participant] = ()) -> list[Participant]:  # type: ignore[assignment]
    seen = {p.actor for p in exclude}
    out = []
    for p in items:
        if p.actor not in seen:
            seen.add(p.actor)
            out.append(p)
    return out
