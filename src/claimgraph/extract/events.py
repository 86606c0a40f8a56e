"""Events: PLOVER-coded claims from verbs and event nouns over the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.extract.lexicon import Code, Lexicon
from claimgraph.extract.participants import Participant, ParticipantFinder

_RECIPIENT_PREPS = frozenset(
    {"against", "on", "upon", "at", "toward", "towards", "targeting", "into"}
)
_RECEIVING_VERBS = frozenset({"receive", "obtain", "accept", "get"})
_VICTIM_VERBS = frozenset({"survive", "suffer", "escape", "come", "face", "endure", "withstand"})
_WITH_TYPES = frozenset(
    {"CONSULT", "COOPERATE", "AGREE", "ASSAULT"}
)  # "met with X", "clashed with X"
# Dependencies through which a verb without a subject takes the subject of the verb above it
# ("X took action by killing Y": X kills). Not through ccomp: "X said Y attacked" has its own.
_SUBJECT_CLIMB = frozenset(
    {"xcomp", "advcl", "pcomp", "prep", "conj", "acl", "relcl", "dobj", "pobj", "npadvmod", "attr"}
)


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Any
    code: Code
    nominal: bool


def code_of_verb(tok: Any, lex: Lexicon) -> Code | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "prt" and (lemma, child.lower_) in lex.phrasal:
            return lex.phrasal[(lemma, child.lower_)]
        if child.dep_ == "prep" and (lemma, child.lower_) in lex.phrasal:
            return lex.phrasal[(lemma, child.lower_)]
    return lex.verbs.get(lemma)


# Events whose content is another verb: "threatened to attack X" is one THREATEN event
# against X, not also an ASSAULT; likewise "urged X to withdraw", "refused to withdraw".
GOVERNING_TYPES = frozenset({"THREATEN", "REQUEST", "REJECT", "AGREE"})


def triggers_in(sent: Any, lex: Lexicon) -> list[Trigger]:
    out: list[Trigger] = []
    for tok in sent:
        if tok.i > 0 and tok.doc[tok.i - 1].text == "-" and tok.dep_ in ("amod", "compound"):
            continue  # "Iran-backed militias": a description, not an event
        if tok.pos_ == "VERB":
            code = code_of_verb(tok, lex)
            if code is not None:
                out.append(Trigger(tok, code, False))
        elif tok.pos_ == "NOUN":
            code = lex.nouns.get(tok.lemma_.lower())
            if code is not None:
                if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                    # "an assassination attempt", "assassination plots": the phrase's head
                    if tok.head.lemma_.lower() not in lex.nouns:
                        out.append(Trigger(tok.head, code, True))
                    continue
                out.append(Trigger(tok, code, True))
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return []  # headlines, infobox lines, captions: no claim is made
    governing = {t.token.i for t in out if t.code[0] in GOVERNING_TYPES and not t.nominal}
    out = [t for t in out if not (t.token.dep_ == "xcomp" and t.token.head.i in governing)]
    # "the sanctions target X": one SANCTION event, coded on the verb with the noun's type
    nouns = {t.token.i: t for t in out if t.nominal}
    merged: list[Trigger] = []
    absorbed: set[int] = set()
    for t in out:
        if not t.nominal:
            subj = next((c for c in t.token.children if c.dep_ == "nsubj" and c.i in nouns), None)
            if subj is not None:
                t = Trigger(t.token, nouns[subj.i].code, False)
                absorbed.add(subj.i)
        merged.append(t)
    return [t for t in merged if not (t.nominal and t.token.i in absorbed)]


def _mode(trigger: Trigger, lex: Lexicon) -> str | None:
    etype, mode = trigger.code
    for child in trigger.token.children:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            mw = lex.mode_words.get(child.lower_)
            if mw and mw[0] == etype:
                return mw[1]
        if child.dep_ == "prep" and child.lower_ in ("with", "by", "using"):
            for obj in child.children:
                mw = lex.mode_words.get(obj.lower_)
                if mw and mw[0] == etype:
                    return mw[1]
    return mode


def subject_of(verb: Any) -> Any | None:
    """The subject of a verb, climbing through control, coordination and adverbial clauses."""
    tok = verb
    for _ in range(5):
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ not in _SUBJECT_CLIMB or tok.head is tok:
            return None
        if tok.dep_ == "xcomp":
            # object control: "urged X to attack" → X
            objs = [c for c in tok.head.children if c.dep_ == "dobj"]
            if objs:
                return objs[0]
        tok = tok.head
    return None


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")
    )


def participants_of_verb(
    verb: Any, etype: str, find: ParticipantFinder, lex: Lexicon
) -> tuple[list[Participant], list[Participant]]:
    actors: list[Participant] = []
    recipients: list[Participant] = []
    passive = _is_passive(verb)
    if verb.lemma_.lower() in _RECEIVING_VERBS:
        # "they received funding from X": X gives, they receive
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                actors += [
                    p for o in child.children if o.dep_ == "pobj" for p in find.find(o, agent=True)
                ]
            elif child.dep_ == "nsubj":
                recipients += find.find(child)
        return _dedupe(actors), _dedupe(recipients, actors)
    for child in verb.children:
        dep = child.dep_
        if dep == "nsubjpass":
            recipients += find.find(child)
        elif dep == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    actors += find.find(obj, agent=True)
        elif dep in ("dobj", "dative") and not passive:
            recipients += find.find(child)
        elif dep == "prep" and (
            child.lower_ in _RECIPIENT_PREPS or (child.lower_ == "with" and etype in _WITH_TYPES)
        ):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    recipients += find.find(obj)
    if passive and verb.dep_ in ("acl", "amod") and not recipients:
        recipients += find.find(verb.head)
    if etype in GOVERNING_TYPES and not recipients:
        # "threatened to attack X": X is the one threatened
        for child in verb.children:
            if child.dep_ == "xcomp":
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        recipients += find.find(obj)
    if not passive:
        subj = subject_of(verb)
        if subj is not None:
            if subj.pos_ == "NOUN" and subj.lemma_.lower() in lex.nouns:
                # "the sanctions target X", "the strike killed X": the event noun's own actors
                actors += participants_of_noun(subj, lex, find)[0]
            else:
                actors += find.find(subj, agent=True)
    return _dedupe(actors), _dedupe(recipients, actors)


def _governing_light_verb(noun: Any, lex: Lexicon) -> Any | None:
    tok = noun
    for _ in range(3):
        if (
            tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "attr")
            and tok.head.lemma_.lower() in lex.light_verbs
        ):
            return tok.head
        if tok.dep_ not in ("conj", "pobj", "prep", "dobj"):
            return None
        tok = tok.head
    return None


def participants_of_noun(
    noun: Any, lex: Lexicon, find: ParticipantFinder
) -> tuple[list[Participant], list[Participant]]:
    actors: list[Participant] = []
    recipients: list[Participant] = []
    for child in noun.children:
        dep = child.dep_
        if dep in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
            actors += find.find(child, agent=True)
        elif dep == "prep" and child.lower_ == "by":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    actors += find.find(obj, agent=True)
        elif dep == "prep" and child.lower_ in _RECIPIENT_PREPS | {"with", "of"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    recipients += find.find(obj)
        elif dep == "acl":  # "attacks targeting X"
            for obj in child.children:
                if obj.dep_ == "dobj":
                    recipients += find.find(obj)
    if noun.dep_ in ("dobj", "pobj") and not recipients:
        # "X survived an assassination attempt", "Camp Hurriya came under a rocket attack"
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        if verb.lemma_.lower() in _VICTIM_VERBS:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                recipients += find.find(subj)
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
            if child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        recipients += find.find(obj)
    return _dedupe(actors), _dedupe(recipients, actors)


def _dedupe(items: list[Participant], exclude: list[Participant] = ()) -> list[Participant]:  # type: ignore[assignment]
    seen = {p.actor for p in exclude}
    out = []
    for p in items:
        if p.actor not in seen:
            seen.add(p.actor)
            out.append(p)
    return out


def mode_of(trigger: Trigger, lex: Lexicon) -> str | None:
    return _mode(trigger, lex)
