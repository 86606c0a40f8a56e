"""Numbers in event sentences, with what they count ("12 killed" → 12 dead)."""

from __future__ import annotations

import re
from typing import Any

from claimgraph.model import Quantity

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousand": 1000,
    "thousands": 2000,
    "a": 1,
    "an": 1,
    "single": 1,
}
_DEAD = frozenset({"kill", "die", "dead", "death", "slay", "execute", "murder", "massacre"})
_HURT = frozenset({"wound", "injure", "hurt", "injury", "casualty"})
_PERSON_NOUNS = frozenset(
    {
        "people",
        "person",
        "civilian",
        "soldier",
        "troop",
        "member",
        "personnel",
        "protester",
        "demonstrator",
        "fighter",
        "militant",
        "dissident",
        "officer",
        "policeman",
        "guard",
        "worker",
        "child",
        "woman",
        "man",
        "citizen",
        "resident",
        "service",
        "contractor",
    }
)


def number_value(text: str) -> float | None:
    t = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t)
    total = 0.0
    for part in re.split(r"[\s-]+", t):
        if part in _WORDS:
            total = (
                total * _WORDS[part]
                if part in ("hundred", "thousand") and total
                else total + _WORDS[part]
            )
        elif part not in ("and", "of"):
            return None
    return total or None


def quantities_in(sent: Any) -> list[Quantity]:
    """Every counted thing in a sentence."""
    out: list[Quantity] = []
    for tok in sent:
        if (
            tok.dep_ != "nummod"
            and not (tok.like_num and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))
            and not (
                tok.lower_ in ("dozens", "hundreds", "thousands")
                and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
            )
        ):
            continue
        value = number_value(tok.text)
        if value is None or (tok.ent_type_ == "DATE"):
            continue
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("no", "not"):
            continue  # "no one has claimed", "not one"

        noun = tok.head if tok.dep_ == "nummod" else tok
        if noun.lower_ in ("dozens", "hundreds", "thousands"):
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    noun = next((c for c in child.children if c.dep_ == "pobj"), noun)
        unit = noun.lemma_.lower() if noun.i != tok.i else "people"
        if unit in _PERSON_NOUNS or unit == "people" or noun.ent_type_ == "NORP":
            lemmas = _predicates(noun)
            if lemmas & _DEAD:
                unit = "dead"
            elif lemmas & _HURT:
                unit = "injured"
        elif unit in ("drone", "rocket", "missile", "mortar", "seat", "vote"):
            unit = unit + "s"
        if unit not in ("dead", "injured") and _speakers(noun):
            continue  # "two officials said": who tells, not what happened
        out.append(
            Quantity(
                value=value,
                unit=unit,
                text=sent.doc[min(tok.i, noun.i) : max(tok.i, noun.i) + 1].text,
            )
        )
    return out


_SPEAKING = frozenset(
    {"say", "tell", "state", "claim", "report", "announce", "confirm", "add", "note", "speak"}
)


def _speakers(noun: Any) -> bool:
    """The counted noun is who speaks ("two officials said", "three witnesses told Reuters")."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _SPEAKING


def _predicates(noun: Any) -> set[str]:
    """Lemmas of what is said of a counted noun: its verb ("12 people died"), a participle on
    it ("450 Iraqis killed"), or the verb's complement ("400 protesters were reported killed")."""
    out = {c.lemma_.lower() for c in noun.children if c.dep_ in ("acl", "relcl", "amod")}
    verb = noun.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX", "ADJ") or verb.head.i == verb.i:
            break
        verb = verb.head
    out.add(verb.lemma_.lower())
    out |= {c.lemma_.lower() for c in verb.children if c.dep_ in ("xcomp", "oprd", "ccomp")}
    return out
