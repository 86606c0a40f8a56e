"""Triggers: the verbs and event nouns of a sentence that the lexicon codes, with their type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.extract.lexicon import Code, Lexicon


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Any
    code: Code
    nominal: bool


def _temporal(prep: Any) -> bool:
    """ "on Monday", "at noon": a time, not a particle's object."""
    return any(o.ent_type_ in ("DATE", "TIME") for o in prep.children if o.dep_ == "pobj")


def code_of_verb(tok: Any, lex: Lexicon) -> Code | None:
    lemma = tok.lemma_.lower()
    if lemma in lex.cue("naming_verbs") and _names_wrong(tok, lex):
        return ("ACCUSE", "disapprove")  # "called the strike an act of terrorism"
    if lemma in lex.cue("deal_verbs") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.cue("agreement_nouns") for c in tok.children
    ):
        return ("AGREE", None)  # "struck a deal with X", "reached an agreement"
    if lemma in lex.light_verbs:
        weapon = weapon_of(tok, lex)  # "launched three drones at X", "drones were launched"
        if weapon is not None:
            return weapon
    for child in tok.children:
        if child.dep_ == "prt" and (lemma, child.lower_) in lex.phrasal:
            return lex.phrasal[(lemma, child.lower_)]
        if child.dep_ == "prep" and (lemma, child.lower_) in lex.phrasal and not _temporal(child):
            return lex.phrasal[(lemma, child.lower_)]
        if (
            child.dep_ == "xcomp"
            and (lemma, "to") in lex.phrasal
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            return lex.phrasal[(lemma, "to")]  # "committed to do": the infinitive's "to"
    return lex.verbs.get(lemma)


def weapon_of(verb: Any, lex: Lexicon) -> Code | None:
    """The attack a verb's object or passive subject names by its weapon ("fired rockets",
    "three drones were launched by X"): ASSAULT with the weapon's mode. A passive without its
    agent is left alone: it names no attacker, and its target is where the parser most often
    goes wrong ("launched at the compound and security forces shot down two")."""
    agent = any(
        t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by" and t.i > verb.i)
        for t in verb.subtree
    )
    for child in verb.children:
        if child.dep_ == "dobj" or (child.dep_ == "nsubjpass" and agent):
            code = lex.mode_words.get(child.lower_) or lex.mode_words.get(child.lemma_.lower())
            if code is not None and code[0] == "ASSAULT":
                return code
    return None


def _names_wrong(verb: Any, lex: Lexicon) -> bool:
    """A naming verb whose complement condemns: "called it a despicable act of violence",
    "described the sanctions as a crime"."""
    words = tuple(lex.cue("accusation_words"))
    names: list[Any] = []
    for child in verb.children:
        if child.dep_ in ("oprd", "ccomp"):
            names.append(child)
        elif child.dep_ in ("dobj", "prep"):  # "described X as a crime"
            preps = [child] if child.dep_ == "prep" else list(child.children)
            names += [p for p in preps if p.dep_ == "prep" and p.lower_ == "as"]
    return any(t.lower_.startswith(words) for n in names for t in n.subtree)


# Events whose content is another verb: "threatened to attack X" is one THREATEN event
# against X, not also an ASSAULT; likewise "urged X to withdraw", "refused to withdraw".
GOVERNING_TYPES = frozenset({"THREATEN", "REQUEST", "REJECT", "AGREE"})


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def noun_code(tok: Any, lex: Lexicon) -> Code | None:
    """An event noun's code; a "modifier noun" entry ("punitive measures") comes first."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("amod", "compound") and child.i < tok.i:
            code = lex.noun_phrases.get((child.lemma_.lower(), lemma))
            if code is not None:
                return code
    return lex.nouns.get(lemma)


def _designates(verb: Any, lex: Lexicon) -> bool:
    """ "designated X a terrorist organization", "listed as a terrorist group": a sanction."""
    cues = tuple(lex.cue("designation_words"))
    for tok in verb.subtree:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i:
            continue
        if tok.i != verb.i and tok.lower_.startswith(cues):
            return True
    return False


def _prevented(noun: Any, lex: Lexicon) -> bool:
    """An event noun that a verb of prevention governs ("deterring future attack plans")."""
    tok = noun
    for _ in range(3):
        if tok.dep_ not in ("dobj", "compound", "conj", "nsubjpass"):
            return False
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.cue("preventing_verbs"):
            return True
    return False


def triggers_in(sent: Any, lex: Lexicon) -> list[Trigger]:
    out: list[Trigger] = []
    for tok in sent:
        if tok.i > 0 and tok.doc[tok.i - 1].text == "-" and tok.dep_ in ("amod", "compound"):
            continue  # "Iran-backed militias": a description, not an event
        if tok.ent_type_ in _NAME_LABELS:
            continue  # "the Global Coalition to Defeat ISIS": a name
        if tok.pos_ == "ADJ" and any(k[0] == tok.lower_ for k in lex.phrasal):
            code = code_of_verb(tok, lex)  # "remain committed to assisting X"
            if code is not None:
                out.append(Trigger(tok, code, False))
        elif tok.pos_ == "VERB":
            if tok.dep_ == "amod" and not any(c.dep_ == "agent" for c in tok.children):
                continue  # "a designated terrorist group": a description
            code = code_of_verb(tok, lex)
            if code is None:
                continue
            if tok.lemma_.lower() in lex.cue("designation_verbs") and not _designates(tok, lex):
                continue
            out.append(Trigger(tok, code, False))
        elif tok.pos_ == "NOUN":
            code = noun_code(tok, lex)
            if code is not None and not _prevented(tok, lex):
                if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                    # "an assassination attempt", "assassination plots": the phrase's head
                    if tok.head.lemma_.lower() not in lex.nouns:
                        out.append(Trigger(tok.head, code, True))
                    continue
                out.append(Trigger(tok, code, True))
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return []  # headlines, infobox lines, captions: no claim is made
    governing = {t.token.i for t in out if t.code[0] in GOVERNING_TYPES and not t.nominal}
    out = [t for t in out if not _governed(t.token, governing)]
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


def _governed(tok: Any, governing: set[int]) -> bool:
    """The content of a governing event: "threatened to attack", "committed to assisting",
    "called on X to carry out an investigation"."""
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj":
        tok = tok.head  # the light verb of an event noun
    if tok.dep_ == "xcomp":
        return bool(tok.head.i in governing)
    return tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.i in governing


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
    weapon = None if trigger.nominal else weapon_of(trigger.token, lex)
    if weapon is not None and weapon[0] == etype:
        return weapon[1]  # "fired rockets": artillery, not firearms
    return mode


def mode_of(trigger: Trigger, lex: Lexicon) -> str | None:
    return _mode(trigger, lex)
