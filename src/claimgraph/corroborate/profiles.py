"""Source profiles: per publisher, how its claims fare and how loaded its language is.

The lexicon is data: ``loaded_terms.yaml`` beside this module, one entry per term with its
forms, category and a note on why it is loaded. It is applied to every publisher alike.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimgraph.corroborate.status import all_status
from claimgraph.corroborate.tables import Transaction, ensure_tables
from claimgraph.errors import ClaimgraphError
from claimgraph.store import Store

UNKNOWN_PUBLISHER = "(unknown)"
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str  # hash of the lexicon file
    terms: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]


def _phrase(forms: list[str]) -> str:
    alts = sorted(
        {re.escape(f.strip()).replace(r"\ ", r"\s+") for f in forms}, key=len, reverse=True
    )
    return r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)"


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The loaded-terms lexicon shipped with claimgraph."""
    text = (
        resources.files("claimgraph.corroborate")
        .joinpath("loaded_terms.yaml")
        .read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise ClaimgraphError("loaded_terms.yaml: expected a mapping with a `terms` list")
    terms = []
    for i, entry in enumerate(data["terms"]):
        if not isinstance(entry, dict) or not entry.get("term") or not entry.get("forms"):
            raise ClaimgraphError(f"loaded_terms.yaml: entry {i + 1} needs `term` and `forms`")
        if not entry.get("note"):
            raise ClaimgraphError(f"loaded_terms.yaml: {entry['term']!r} needs a `note`")
        forms = [str(f) for f in entry["forms"]]
        excepts = [str(f) for f in entry.get("except") or []]
        terms.append(
            (
                str(entry["term"]),
                re.compile(_phrase(forms), re.IGNORECASE),
                re.compile(_phrase(excepts), re.IGNORECASE) if excepts else None,
            )
        )
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Lexicon(version, tuple(terms))


def sentences(text: str) -> list[str]:
    """A plain sentence split (no NLP): enough for shares of sentences."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def loaded_terms_in(sentence: str, lexicon: Lexicon | None = None) -> list[str]:
    """The lexicon terms a sentence uses (each term once)."""
    lex = lexicon or load_lexicon()
    found = []
    for term, pattern, exception in lex.terms:
        text = exception.sub(" ", sentence) if exception is not None else sentence
        if pattern.search(text):
            found.append(term)
    return found


def _count(text: str, lex: Lexicon) -> tuple[int, int, dict[str, int]]:
    sents = sentences(text)
    terms: Counter[str] = Counter()
    loaded = 0
    for s in sents:
        hits = loaded_terms_in(s, lex)
        loaded += bool(hits)
        terms.update(hits)
    return len(sents), loaded, dict(sorted(terms.items()))


def update_term_counts(store: Store) -> int:
    """Count loaded-term sentences of documents not counted with this lexicon; one transaction."""
    conn = store.conn
    ensure_tables(conn)
    lex = load_lexicon()
    n = 0
    with Transaction(conn):
        rows = conn.execute(
            "SELECT d.id, d.text FROM documents d LEFT JOIN corr_doc_terms t ON t.document = d.id"
            " WHERE t.document IS NULL OR t.lexicon != ?",
            (lex.version,),
        ).fetchall()
        for r in rows:
            sents, loaded, terms = _count(r["text"], lex)
            conn.execute(
                "INSERT OR REPLACE INTO corr_doc_terms VALUES (?,?,?,?,?)",
                (r["id"], lex.version, sents, loaded, json.dumps(terms, sort_keys=True)),
            )
            n += 1
    return n


def _term_counts(
    conn: sqlite3.Connection, lex: Lexicon
) -> dict[str, tuple[int, int, dict[str, int]]]:
    out: dict[str, tuple[int, int, dict[str, int]]] = {}
    for r in conn.execute(
        "SELECT d.id, t.lexicon, t.sentences, t.loaded, t.terms FROM documents d"
        " LEFT JOIN corr_doc_terms t ON t.document = d.id"
    ):
        if r["lexicon"] == lex.version:
            out[r["id"]] = (r["sentences"], r["loaded"], json.loads(r["terms"]))
        else:  # not counted yet (or with another lexicon): count now, without writing
            text = conn.execute("SELECT text FROM documents WHERE id=?", (r["id"],)).fetchone()[0]
            out[r["id"]] = _count(text, lex)
    return out


def _share(n: int, total: int) -> float:
    return round(n / total, 3) if total else 0.0


def source_profiles(store: Store) -> list[dict[str, Any]]:
    """One profile per publisher, most claims first.

    ``{"publisher", "documents", "claims", "corroborated", "contradicted", "hedged",
    "single_source", "sentences", "loaded_sentences", "loaded_share", "loaded_terms",
    "counts"}`` — the four claim fields are shares of the publisher's claims (0–1); ``counts``
    holds the same as numbers.
    """
    conn = store.conn
    ensure_tables(conn)
    lex = load_lexicon()
    status = all_status(store)
    doc_pub = {
        r[0]: r[1] or UNKNOWN_PUBLISHER for r in conn.execute("SELECT id, publisher FROM documents")
    }
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    terms: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, (sents, loaded, found) in _term_counts(conn, lex).items():
        pub = doc_pub[doc]
        counts[pub].update(documents=1, sentences=sents, loaded_sentences=loaded)
        terms[pub].update(found)
    for r in conn.execute("SELECT id, document FROM events"):
        st = status[r["id"]]
        c = counts[doc_pub[r["document"]]]
        c.update(
            claims=1,
            corroborated=int(st["corroborated"]),
            contradicted=int(st["contradicted"]),
            hedged=int(st["modality"] == "hedged"),
            single_source=int(st["sources"] <= 1),
        )
    out = []
    for pub in sorted(counts, key=lambda p: (-counts[p]["claims"], p)):
        c = counts[pub]
        claims = c["claims"]
        out.append(
            {
                "publisher": pub,
                "documents": c["documents"],
                "claims": claims,
                "corroborated": _share(c["corroborated"], claims),
                "contradicted": _share(c["contradicted"], claims),
                "hedged": _share(c["hedged"], claims),
                "single_source": _share(c["single_source"], claims),
                "sentences": c["sentences"],
                "loaded_sentences": c["loaded_sentences"],
                "loaded_share": _share(c["loaded_sentences"], c["sentences"]),
                "loaded_terms": dict(terms[pub].most_common()),
                "counts": {
                    k: c[k]
                    for k in ("claims", "corroborated", "contradicted", "hedged", "single_source")
                },
            }
        )
    return out
