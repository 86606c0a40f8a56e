"""Modality and attribution of a claim anchored at a trigger token.

- negated: the trigger is negated ("did not attack") or denied ("denied attacking");
- hypothetical: planned, threatened, conditional or future ("plans to attack", "will strike");
- hedged: qualified ("allegedly", "unconfirmed reports have stated"), or attributed to an
  unnamed source ("sources said");
- reported: inside the speech of a named speaker ("X said …", "according to X");
  ``attributed_to`` is that speaker;
- asserted: none of these — the publisher states it in its own voice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from claimgraph.extract.lexicon import Lexicon

Speaker = Callable[[Any], str | None]

_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "pcomp", "acl", "relcl"})


def _clause_chain(trigger: Any, limit: int = 6) -> list[Any]:
    """The trigger and the heads that govern it, up to the sentence root."""
    chain = [trigger]
    tok = trigger
    for _ in range(limit):
        if tok.head is tok:
            break
        tok = tok.head
        chain.append(tok)
    return chain


def modality_of(trigger: Any, lex: Lexicon, speaker_of: Speaker) -> tuple[str, str | None]:
    """(modality, attributed_to actor id or None)."""
    chain = _clause_chain(trigger)
    # Negation on the trigger or a governing verb of denial.
    if any(c.dep_ == "neg" for c in trigger.children):
        return "negated", None
    for anc in chain[1:]:
        if anc.pos_ == "VERB" and anc.lemma_.lower() in lex.negating_verbs:
            return "negated", None
    # Hypothetical: governed by plan/threaten/…, future or conditional modal, "if" clause.
    for child in trigger.children:
        if child.dep_ == "aux" and child.lower_ in lex.hypothetical_aux - {"may", "might"}:
            return "hypothetical", None
        if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
            return "hypothetical", None
    prev = trigger
    for anc in chain[1:]:
        if (
            prev.dep_ in ("xcomp", "acl", "pcomp", "advcl")
            and anc.lemma_.lower() in lex.hypothetical_verbs
        ):
            return "hypothetical", None
        if prev.dep_ not in _CLAUSE_DEPS | {
            "dobj",
            "pobj",
            "prep",
            "nsubj",
            "nsubjpass",
            "compound",
            "amod",
        }:
            break
        prev = anc
    # Hedges anywhere in the clause chain or on the trigger's sentence-level adverbs.
    sent = trigger.sent
    for tok in sent:
        if tok.lower_ in lex.hedge_words and (tok.head in chain or tok.head.head in chain):
            return "hedged", None
    for child in trigger.children:
        if child.dep_ == "aux" and child.lower_ in ("may", "might"):
            return "hedged", None
    # Reported speech: a governing speech verb, or "according to".
    prev = trigger
    for anc in chain[1:]:
        if anc.lemma_.lower() in lex.speech_verbs and prev.dep_ in (
            "ccomp",
            "parataxis",
            "xcomp",
            "advcl",
            "conj",
        ):
            who = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
            if who:
                subj = who[0]
                if subj.lower_ in lex.hedge_sources or subj.lemma_.lower() in lex.hedge_sources:
                    return "hedged", None
                actor = speaker_of(subj)
                if actor:
                    return "reported", actor
                if subj.pos_ == "PRON" or subj.lower_ in ("it",):
                    return "reported", None
                return "hedged", None
        prev = anc
    for tok in sent:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ == "to"
        ):
            for obj in tok.doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    actor = speaker_of(obj)
                    if actor:
                        return "reported", actor
                    if obj.lower_ in lex.hedge_sources or obj.lemma_.lower() in lex.hedge_sources:
                        return "hedged", None
    # A quotation with a named speaker in the same sentence.
    if _inside_quotes(trigger):
        for tok in sent:
            if tok.lemma_.lower() in lex.speech_verbs:
                for c in tok.children:
                    if c.dep_ == "nsubj":
                        actor = speaker_of(c)
                        if actor:
                            return "reported", actor
    return "asserted", None


def _inside_quotes(trigger: Any) -> bool:
    opens = 0
    for tok in trigger.sent:
        if tok.i >= trigger.i:
            break
        if tok.text in ("“", '"'):
            opens += 1
        elif tok.text == "”":
            opens -= 1
    return opens % 2 == 1 if '"' in trigger.sent.text else opens > 0
