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
from dataclasses import dataclass
from typing import Any

from claimgraph.extract.lexicon import Lexicon

Speaker = Callable[[Any], str | None]

_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "pcomp", "acl", "relcl"})


def _clause_chain(trigger: Any, limit: int = 6) -> list[Any]:
    """The trigger and the heads that govern it, up to the sentence root."""
    chain = [trigger]
    tok = trigger
    for _ in range(limit):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        chain.append(tok)
    return chain


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the clause chain of a trigger says about its claim."""

    voice: str  # asserted, reported or hedged: whose voice states it
    speaker: str | None
    negated: bool
    hypothetical: bool
    hedged: bool
    future: bool  # "will attack", "is ready to withdraw", "vowed to fight": a declared intention
    conditional: bool  # "if violence does not stop", "unless X agrees"
    deontic: bool  # "must withdraw", "should be held accountable"

    @property
    def modality(self) -> str:
        if self.negated:
            return "negated"
        if self.hypothetical:
            return "hypothetical"
        if self.hedged:
            return "hedged"
        return self.voice


def assess(trigger: Any, lex: Lexicon, speaker_of: Speaker) -> Assessment:
    chain = _clause_chain(trigger)
    voice, speaker = _speech(trigger, chain, lex, speaker_of)
    return Assessment(
        voice=voice,
        speaker=speaker,
        negated=_negated(trigger, chain, lex),
        hypothetical=_hypothetical(trigger, chain, lex),
        hedged=_hedged(trigger, chain, lex),
        future=_future(trigger, lex),
        conditional=_conditional(chain),
        deontic=any(
            c.dep_ == "aux" and c.lower_ in lex.cue("deontic_aux") for c in trigger.children
        ),
    )


def modality_of(trigger: Any, lex: Lexicon, speaker_of: Speaker) -> tuple[str, str | None]:
    """(modality, attributed_to actor id or None).

    The speaker is kept whatever the modality: "X said Y did not attack" is negated and
    attributed to X.
    """
    a = assess(trigger, lex, speaker_of)
    return a.modality, a.speaker


def _future(trigger: Any, lex: Lexicon) -> bool:
    """A declared future action: "will attack", "would withdraw", "is ready to withdraw",
    "vowed to fight". The trigger's own clause, or the one governing it by control."""
    tok = trigger
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in lex.cue("future_aux") for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "pcomp", "prep", "acomp", "dobj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in lex.cue("commitment_words"):
            return True
    return False


def _conditional(chain: list[Any]) -> bool:
    """An "if"/"unless" clause on the trigger or a verb governing it."""
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for tok in chain[:4]
        for c in tok.children
    )


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
        governs = prev.dep_ in ("xcomp", "acl", "pcomp") or (
            prev.dep_ == "prep" and anc.pos_ == "NOUN"  # "with the aim of fighting X"
        )
        if governs and anc.lemma_.lower() in lex.hypothetical_verbs:
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
        lemma = anc.lemma_.lower()
        if lemma in lex.cue("belief_verbs") and prev.dep_ in _SPEECH_DEPS and anc.pos_ == "VERB":
            who = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            return "hedged", speaker_of(who) if who is not None else None
        if lemma in lex.speech_verbs and prev.dep_ in _SPEECH_DEPS and anc.pos_ != "NOUN":
            who = [c for c in anc.children if c.dep_ == "nsubj"]
            if who:
                return _voice_of(who[0], lex, speaker_of)
            agents = [o for c in anc.children if c.dep_ == "agent" for o in c.children]
            if agents:
                return _voice_of(agents[0], lex, speaker_of)
            if any(c.dep_ == "nsubjpass" for c in anc.children):
                return "hedged", None  # "X was reported killed": by whom, unsaid
        if lemma in lex.cue("speech_nouns") and prev.dep_ in ("acl", "ccomp", "relcl"):
            issuer = _issuer(anc)  # "X's office released a statement that ..."
            if issuer is not None:
                return _voice_of(issuer, lex, speaker_of)
        prev = anc
    postposed = _postposed_speaker(chain, lex)
    if postposed is not None:
        return _voice_of(postposed, lex, speaker_of)
    for tok in trigger.sent:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ == "to"
        ):
            for obj in tok.doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return _voice_of(obj, lex, speaker_of)
    opening = _quote_opening(trigger)
    if opening is not None:
        for sent in dict.fromkeys((trigger.sent, opening.sent)):
            for tok in sent:
                if tok.lemma_.lower() in lex.speech_verbs:
                    for c in tok.children:
                        if c.dep_ == "nsubj":
                            actor = speaker_of(c)
                            if actor:
                                return "reported", actor
    return "asserted", None


def _issuer(noun: Any) -> Any | None:
    """Who issues a statement: its possessor, else the subject of the verb that has it."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    if noun.dep_ in ("dobj", "nsubjpass"):
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return None


_SPEECH_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "conj"})


def _postposed_speaker(chain: list[Any], lex: Lexicon) -> Any | None:
    """ "X attacked Y, officials said": a speech verb hanging off the claim's main clause, after
    it, with a subject and no content clause of its own. An event noun's attribution counts too:
    "attacks attributed by U.S. officials to X"."""
    subjects = [c for c in chain[0].children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    for tok in [*chain, *subjects]:
        for c in tok.children:
            speech = c.lemma_.lower() in lex.speech_verbs and c.dep_ in _POSTPOSED
            if speech and c.i > tok.i and not any(g.dep_ in _CONTENT for g in c.children):
                who = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if who is not None:
                    return who
            if c.dep_ == "acl" and c.lemma_.lower() in lex.cue("attribution_verbs"):
                agent = next((o for g in c.children if g.dep_ == "agent" for o in g.children), None)
                if agent is not None:
                    return agent
        if tok.dep_ in ("ccomp", "parataxis"):
            break  # the clause of some other speech
    return None


_POSTPOSED = frozenset({"parataxis", "ccomp", "advcl"})
_CONTENT = frozenset({"ccomp", "dobj", "xcomp"})


def _voice_of(subj: Any, lex: Lexicon, speaker_of: Speaker) -> tuple[str, str | None]:
    if subj.lower_ in lex.hedge_sources or subj.lemma_.lower() in lex.hedge_sources:
        return "hedged", None
    actor = speaker_of(subj)
    if actor:
        return "reported", actor
    if subj.pos_ == "PRON":
        return "reported", None
    return "hedged", None


def _quote_opening(trigger: Any) -> Any | None:
    """The opening quotation mark of a quotation the trigger is inside: opened earlier in its
    paragraph and closed after it."""
    doc = trigger.doc
    i = trigger.i - 1
    while i >= 0 and "\n\n" not in doc[i].text_with_ws:
        i -= 1
    opened: list[Any] = []
    for tok in doc[i + 1 : trigger.i]:
        if tok.text == "\u201c" or (tok.text == '"' and not opened):
            opened.append(tok)
        elif tok.text in ("\u201d", '"') and opened:
            opened.pop()
    if not opened:
        return None
    for tok in doc[trigger.i :]:
        if tok.text in ("\u201d", '"'):
            return opened[-1]
        if "\n\n" in tok.text_with_ws:
            break
    return None
