"""The gold format of ``shared/gold`` and the name and quote normalisation its matching rules use.

See the gold README: an actor is found when an exported actor's name or alias equals one of the
gold actor's names after normalisation of case, curly quotes, a leading "the", ``al-``/``el-``
and a possessive 's. Nothing else is folded (not diacritics, not punctuation, not titles).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_CURLY = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'}
)
_LEADING_THE = re.compile(r"^the\s+")
_ARTICLE = re.compile(r"(?:(?<=[\s\"'(])|^)(?:al|el)-")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_SPACE = re.compile(r"\s+")


def norm_name(name: str) -> str:
    """A name as the gold rules compare it: "The Badr Organization’s" → "badr organization"."""
    s = _SPACE.sub(" ", name.translate(_CURLY).casefold()).strip()
    s = _LEADING_THE.sub("", s)
    s = _ARTICLE.sub("", s)
    return _POSSESSIVE.sub("", s).strip()


def norm_quote(text: str) -> str:
    """A quote for containment tests: curly quotes straightened and white space collapsed."""
    return _SPACE.sub(" ", text.translate(_CURLY)).strip()


@dataclass(frozen=True)
class GoldActor:
    name: str
    type: str
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        return {norm_name(n) for n in (self.name, *self.aliases)} - {""}


@dataclass(frozen=True)
class GoldRelation:
    type: str
    subject: str
    object: str
    quote: str
    optional: bool = False


@dataclass(frozen=True)
class GoldEvent:
    type: str
    quote: str
    alt_types: tuple[str, ...] = ()
    mode: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    date: str | None = None
    modality: str | None = None
    optional: bool = False

    @property
    def types(self) -> set[str]:
        return {self.type, *self.alt_types}


@dataclass(frozen=True)
class GoldDoc:
    """One annotated document. ``doc_id`` is the claimgraph document id once it is ingested."""

    file: str
    publisher: str | None = None
    published: str | None = None
    actors: tuple[GoldActor, ...] = ()
    relations: tuple[GoldRelation, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    doc_id: str | None = None


def parse_gold(obj: dict[str, Any]) -> GoldDoc:
    doc = obj.get("document") or {}
    return GoldDoc(
        file=str(doc.get("file", "")),
        publisher=doc.get("publisher"),
        published=doc.get("published"),
        doc_id=doc.get("id"),
        actors=tuple(
            GoldActor(a["name"], a.get("type", "other"), tuple(a.get("aliases") or ()))
            for a in obj.get("actors") or ()
        ),
        relations=tuple(
            GoldRelation(r["type"], r["subject"], r["object"], r["quote"], bool(r.get("optional")))
            for r in obj.get("relations") or ()
        ),
        events=tuple(
            GoldEvent(
                type=e["type"],
                quote=e["quote"],
                alt_types=tuple(e.get("alt_types") or ()),
                mode=e.get("mode"),
                actors=tuple(e.get("actors") or ()),
                recipients=tuple(e.get("recipients") or ()),
                date=e.get("date"),
                modality=e.get("modality"),
                optional=bool(e.get("optional")),
            )
            for e in obj.get("events") or ()
        ),
    )


def load_gold(path: Path) -> list[GoldDoc]:
    """Read a gold JSON Lines file: one document object per line."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    out.append(parse_gold(json.loads(line)))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise ValueError(f"{path}:{number}: not a gold record ({exc})") from None
    return out
