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
    """(modality, attributed_to actor id or None).

    The speaker is kept whatever the modality: "X said Y did not attack" is negated and
    attributed to X.
    """
    chain = _clause_chain(trigger)
    voice, speaker = _speech(trigger, chain, lex, speaker_of)
    if _negated(trigger, chain, lex):
        return "negated", speaker
    if _hypothetical(trigger, chain, lex):
        return "hypothetical", speaker
    if _hedged(trigger, chain, lex):
        return "hedged", speaker
    return voice, speaker


def _negated(trigger: Any, chain: list[Any], lex: Lexicon) -> bool:
    """Negation on the trigger ("did not attack") or a governing verb of denial."""
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    return any(a.pos_ == "VERB" and a.lemma_.lower() in lex.negating_verbs for a in chain[1:])


_CONTROL_PATH = _CLAUSE_DEPS | {"dobj", "pobj", "prep", "nsubj", "nsubjpass", "compound", "amod"}


def _hypothetical(trigger: Any, chain: list[Any], lex: Lexicon) -> bool:
    """Planned, threatened, future or conditional."""
    for child in trigger.children:
        if child.dep_ == "aux" and child.lower_ in lex.hypothetical_aux - {"may", "might"}:
            return True
        if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
            return True
    prev = trigger
    for anc in chain[1:]:
        if prev.dep_ in ("xcomp", "acl", "pcomp", "advcl") and anc.lemma_.lower() in (
            lex.hypothetical_verbs
        ):
            return True
        if prev.dep_ not in _CONTROL_PATH:
            break
        prev = anc
    return False


def _hedged(trigger: Any, chain: list[Any], lex: Lexicon) -> bool:
    """A hedge word on the clause chain ("allegedly", "unconfirmed reports"), or may/might."""
    for tok in trigger.sent:
        if tok.lower_ in lex.hedge_words and (tok.head in chain or tok.head.head in chain):
            return True
    return any(c.dep_ == "aux" and c.lower_ in ("may", "might") for c in trigger.children)


def _speech(
    trigger: Any, chain: list[Any], lex: Lexicon, speaker_of: Speaker
) -> tuple[str, str | None]:
    """("reported", speaker) inside a named speaker's speech; ("hedged", None) when the source
    is unnamed ("sources said", "unconfirmed reports"); ("asserted", None) otherwise."""
    prev = trigger
    for anc in chain[1:]:
        if anc.lemma_.lower() in lex.speech_verbs and prev.dep_ in _SPEECH_DEPS:
            who = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
            if who:
                return _voice_of(who[0], lex, speaker_of)
        prev = anc
    for tok in trigger.sent:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ == "to"
        ):
            for obj in tok.doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return _voice_of(obj, lex, speaker_of)
    if _inside_quotes(trigger):
        for tok in trigger.sent:
            if tok.lemma_.lower() in lex.speech_verbs:
                for c in tok.children:
                    if c.dep_ == "nsubj":
                        actor = speaker_of(c)
                        if actor:
                            return "reported", actor
    return "asserted", None


_SPEECH_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj"})


def _voice_of(subj: Any, lex: Lexicon, speaker_of: Speaker) -> tuple[str, str | None]:
    if subj.lower_ in lex.hedge_sources or subj.lemma_.lower() in lex.hedge_sources:
        return "hedged", None
    actor = speaker_of(subj)
    if actor:
        return "reported", actor
    if subj.pos_ == "PRON":
        return "reported", None
    return "hedged", None


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
