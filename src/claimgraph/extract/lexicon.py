"""The extraction lexicon (``lexicon.yaml``): event words, relation cues and modality cues."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import ClaimgraphError
from claimgraph.model import EVENT_TYPES, RELATION_TYPES

Code = tuple[str, str | None]


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Code]
    phrasal: dict[tuple[str, str], Code]
    nouns: dict[str, Code]
    light_verbs: frozenset[str]
    mode_words: dict[str, Code]
    role_nouns: dict[str, str]
    relation_verbs: dict[str, str]
    compound_relations: dict[str, str]
    speech_verbs: frozenset[str]
    hedge_words: frozenset[str]
    hedge_sources: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_aux: frozenset[str]
    negating_verbs: frozenset[str]
    # "modifier noun" entries of ``nouns`` ("punitive measure", "hunger strike")
    noun_phrases: dict[tuple[str, str], Code] = field(default_factory=dict)
    # every other word list of the file, by section name (see lexicon.yaml for their use)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)

    def cue(self, name: str) -> frozenset[str]:
        """A word list of the file by name; empty when the file has none (a custom lexicon may
        leave lists out). The lists read into fields of their own are not cues."""
        if name in _KNOWN:
            raise KeyError(f"{name!r} is read into Lexicon.{name}, not a cue")
        return self.cues.get(name, frozenset())


def _code(value: Any, where: str) -> Code:
    if not isinstance(value, list) or len(value) != 2 or value[0] not in EVENT_TYPES:
        raise ClaimgraphError(
            f"lexicon: {where}: expected [PLOVER_TYPE, mode or null], got {value!r}"
        )
    return str(value[0]), (str(value[1]) if value[1] is not None else None)


def from_mapping(data: dict[str, Any]) -> Lexicon:
    verbs: dict[str, Code] = {}
    phrasal: dict[tuple[str, str], Code] = {}
    for key, value in (data.get("verbs") or {}).items():
        code = _code(value, f"verbs.{key}")
        parts = str(key).split()
        if len(parts) == 2:
            phrasal[(parts[0], parts[1])] = code
        else:
            verbs[str(key)] = code
    role_nouns: dict[str, str] = {}
    for rel, words in (data.get("role_nouns") or {}).items():
        if rel not in RELATION_TYPES:
            raise ClaimgraphError(f"lexicon: role_nouns: unknown relation type {rel!r}")
        for word in words:
            role_nouns[str(word).lower()] = rel
    nouns: dict[str, Code] = {}
    noun_phrases: dict[tuple[str, str], Code] = {}
    for key, value in (data.get("nouns") or {}).items():
        code = _code(value, f"nouns.{key}")
        parts = str(key).split()
        if len(parts) == 2:
            noun_phrases[(parts[0], parts[1])] = code
        else:
            nouns[str(key)] = code
    words = lambda key: frozenset(str(w).lower() for w in data.get(key) or [])  # noqa: E731
    cues = {
        str(k): words(k)
        for k, v in data.items()
        if k not in _KNOWN and isinstance(v, list) and all(isinstance(w, str) for w in v)
    }
    return Lexicon(
        verbs=verbs,
        phrasal=phrasal,
        nouns=nouns,
        light_verbs=words("light_verbs"),
        mode_words={
            str(k): _code(v, f"mode_words.{k}") for k, v in (data.get("mode_words") or {}).items()
        },
        role_nouns=role_nouns,
        relation_verbs={str(k): str(v) for k, v in (data.get("relation_verbs") or {}).items()},
        compound_relations={
            str(k): str(v) for k, v in (data.get("compound_relations") or {}).items()
        },
        speech_verbs=words("speech_verbs"),
        hedge_words=words("hedge_words"),
        hedge_sources=words("hedge_sources"),
        hypothetical_verbs=words("hypothetical_verbs"),
        hypothetical_aux=words("hypothetical_aux"),
        negating_verbs=words("negating_verbs"),
        noun_phrases=noun_phrases,
        cues=cues,
    )


_KNOWN = frozenset(
    {
        "verbs",
        "nouns",
        "light_verbs",
        "mode_words",
        "role_nouns",
        "relation_verbs",
        "compound_relations",
        "speech_verbs",
        "hedge_words",
        "hedge_sources",
        "hypothetical_verbs",
        "hypothetical_aux",
        "negating_verbs",
    }
)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    text = (
        resources.files("claimgraph.extract").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    )
    return from_mapping(yaml.safe_load(text))
