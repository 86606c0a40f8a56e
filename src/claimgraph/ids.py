"""Deterministic, content-derived identifiers.

The same input gives the same id on every run and every machine.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Unicode NFC and collapsed white space: two copies differing only in layout are equal."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def digest(*parts: object, length: int = 16) -> str:
    """A short hex SHA-256 of the parts, joined unambiguously."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def document_id(text: str) -> str:
    """The id of a document: a hash of its normalised text."""
    return "doc-" + hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:20]


def actor_id(normalised_name: str, actor_type: str) -> str:
    """The id of an actor that the knowledge base does not know."""
    return "cg-" + digest(normalised_name, actor_type, length=12)


def claim_id(kind: str, *parts: object) -> str:
    """The id of a relation or event claim, derived from what it states and where."""
    return f"{kind[:3]}-" + digest(kind, *parts)
