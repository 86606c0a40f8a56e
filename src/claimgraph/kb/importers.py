"""Importers: turn external data into knowledge-base overlay documents.

An overlay document is a mapping ``{"positions": [...], "actors": [...]}`` in the YAML schema of
``docs/knowledge-base.md``. The importers here only *read*; the caller stores the document with
:meth:`claimgraph.store.sqlite.Store.add_overlay` or passes it to
:meth:`claimgraph.kb.KnowledgeBase.load`. Every importer returns an :class:`ImportResult`: the
document plus a report of what was read, made and skipped.

Wikidata (:func:`read_wikidata`)
--------------------------------
Reads Wikidata entity JSON in any of these layouts, plain or compressed with gzip, bzip2 or xz
(detected by the file's magic bytes, whatever its extension):

- ``Special:EntityData/Q123.json`` (and ``wbgetentities``) output: ``{"entities": {"Q123": {...}}}``;
- the JSON dump: an array with one entity per line (``[``, then ``{...},`` lines, then ``]``);
- JSON Lines: one entity (or one ``{"entities": ...}`` wrapper) per line.

Dumps are streamed line by line; only a compact summary of each entity is kept, so a filtered
subset of a dump (say, every Iraqi politician) imports in little memory. A malformed entity line is
skipped and counted; a file from which no entity can be read raises
:class:`~claimgraph.errors.KnowledgeBaseError` naming the file and line.

What is taken from each item (``Q…`` entities; properties and lexemes are skipped):

- ``id``; the English label as ``name`` (else the ``mul`` label, else another English variant,
  else any label); English aliases; English description; ``source`` is the item's Wikidata URL.
- ``type`` from P31 (instance of) through :data:`WIKIDATA_TYPES`. With several P31 values the
  first type in :data:`TYPE_PRECEDENCE` wins. Unmapped items fall back on their properties: an
  item with a headquarters (P159), chairperson (P488), founder (P112) or legal form (P1454) is an
  ``organization``, one with a sex (P21) or date of birth (P569) a ``person``, anything else
  ``other``; the report counts the unmapped P31 values so the table can be extended (or pass
  ``types=``).
- ``sector``: ``GOV`` for governments, ``PTY`` for parties, else null.
- ``country``: a state's own ISO 3166-1 alpha-3 code (P298); for other items the first P27
  (citizenship; persons) or P17 (country) value whose ISO3 code is known, either from a state in
  the same file or from ``country_codes`` (QID → ISO3, see :func:`lookups_from_kb`).
- ``roles`` from P39 (position held), dated by the P580 (start) and P582 (end) qualifiers. The
  role is the position's canonical name from ``positions`` (QID → name, e.g. the built-in
  positions), else the label of the position item if it is in the file, else its QID.
  Position items in the file (P31 position/public office, or the target of a P39) become
  ``positions`` records rather than actors, unless ``positions`` already knows them.
- ``affiliations``: P102 (member of political party) and P463 (member of) → ``member_of``; P361
  (part of) → ``part_of``; P488 (chairperson), P35 (head of state) and P6 (head of government) on
  an item X naming person Y → ``leads`` X on Y; P112 (founded by) on X naming Y → ``founded`` X on Y
  (dated by X's inception, P571). ``leads``/``founded`` are emitted only when Y is in the file
  (the schema keeps affiliations on their subject); the object of a ``member_of``/``part_of``
  must be in the file or in ``known_ids``. Everything else is dropped and counted.
- Every fact's ``source`` is ``wikidata:P…``. Deprecated statements and ``novalue``/``somevalue``
  snaks are ignored.

Dates: a time value such as ``+2014-09-08T00:00:00Z`` becomes ``2014`` at precision 9 (year),
``2014-09`` at 10 (month) and ``2014-09-08`` at 11 (day) or finer. A start coarser than a year
(decade, century) or BCE is treated as unknown; a fact whose *end* is unknown (``somevalue``) or
coarser than a year is skipped, since keeping it would make it look current.

User overlays (:func:`read_overlay`)
------------------------------------
``.yaml``/``.yml``/``.json``: a document in the KB schema. ``.csv`` (UTF-8, comma-separated, with
a header row)::

    id,name,type,country,sector,aliases,description,source,role,role_start,role_end,role_source

``name``, ``type`` and ``source`` are required columns; the others are optional and may come in
any order; unknown columns are an error. ``aliases`` are separated by ``|``; empty cells are null;
``country`` is upper-cased. The four ``role*`` columns add one dated role per row
(``role_source`` defaults to the actor's ``source``); repeat an actor's row, with the same ``id``
(or, for actors without one, the same ``name``) and the other actor cells blank or identical, to
add more roles. Example::

    id,name,type,country,aliases,source,role,role_start,role_end,role_source
    Q3700793,Mohammed Shia al-Sudani,person,IRQ,Mohammed al-Sudani|Sudani,https://...,Prime Minister of Iraq,2022-10-27,,wikidata:P39
    Q3700793,,,,,,Minister of Human Rights of Iraq,2010,2014,https://...

Both formats are validated together with the built-in KB, so references to built-in actors (by id
or canonical name) resolve; problems raise :class:`~claimgraph.errors.KnowledgeBaseError` naming
the file (and the line, for CSV).
"""

from __future__ import annotations

import bz2
import csv
import gzip
import json
import lzma
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypedDict

from claimgraph.errors import KnowledgeBaseError
from claimgraph.kb.base import KnowledgeBase, builtin_documents, make_actor_id, read_overlay_file
from claimgraph.kb.schema import parse_actor, parse_position

__all__ = [
    "CSV_COLUMNS",
    "CSV_ROLE_COLUMNS",
    "POSITION_CLASSES",
    "TYPE_PRECEDENCE",
    "WIKIDATA_TYPES",
    "ImportResult",
    "WikidataLookups",
    "lookups_from_kb",
    "read_overlay",
    "read_wikidata",
    "validate_document",
    "wikidata_date",
]

# ----------------------------------------------------------------------------- tables

#: P31 (instance of) values → claimgraph actor type, with the item's English label. Ids were checked
#: against public Wikidata-derived class tables; extend with ``read_wikidata(..., types=...)``.
WIKIDATA_TYPES: dict[str, tuple[str, str]] = {
    "Q5": ("person", "human"),
    "Q6256": ("state", "country"),
    "Q3624078": ("state", "sovereign state"),
    "Q7188": ("government", "government"),
    "Q327333": ("government", "government agency"),
    "Q192350": ("government", "ministry"),
    "Q2659904": ("government", "government organization"),
    "Q17149090": ("armed_group", "armed organization"),
    "Q176799": ("armed_group", "military unit"),
    "Q45295908": ("armed_group", "military organization"),
    "Q17127659": ("armed_group", "terrorist organization"),
    "Q124964": ("coalition", "coalition"),
    "Q1127126": ("coalition", "military alliance"),
    "Q7278": ("party", "political party"),
    "Q43229": ("organization", "organization"),
    "Q4830453": ("organization", "business"),
    "Q163740": ("organization", "nonprofit organization"),
    "Q484652": ("organization", "international organization"),
    "Q2738074": ("organization", "political movement"),
}

#: When an item has P31 values of several types, the first of these wins (a militia that is also
#: registered as a party is an armed group; a coalition of parties is a coalition).
TYPE_PRECEDENCE: tuple[str, ...] = (
    "person",
    "state",
    "government",
    "armed_group",
    "coalition",
    "party",
    "organization",
    "population",
    "other",
)

#: P31 values that make an item an office (a ``positions`` record), not an actor.
POSITION_CLASSES: dict[str, str] = {
    "Q4164871": "position",
    "Q294414": "public office",
}

_SECTORS = {"government": "GOV", "party": "PTY"}
_ORG_HINTS = ("P159", "P488", "P112", "P1454")  # headquarters, chairperson, founder, legal form
_PERSON_HINTS = ("P21", "P569")  # sex or gender, date of birth
_MEMBERSHIP = {"P102": "member_of", "P463": "member_of", "P361": "part_of"}
_LEADERSHIP = ("P488", "P35", "P6")  # on the organisation/state; emitted as `leads` on the person
_WANTED = ("P17", "P27", "P39", "P102", "P463", "P361", "P488", "P35", "P6", "P112", "P1001")
_QID = re.compile(r"^Q\d+$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_TIME = re.compile(r"^([+-])(\d+)-(\d\d)-(\d\d)T")
_MAX_PROBLEMS = 50
_MAX_DOCUMENT = 64 * 1024 * 1024  # characters; larger files must be dumps or JSON Lines
WIKIDATA_URL = "https://www.wikidata.org/wiki/"


# ----------------------------------------------------------------------------- results


@dataclass
class ImportResult:
    """An overlay document ``{"positions": [...], "actors": [...]}`` and a report on the import.

    The report always has ``file``, ``format``, ``actors``, ``positions``, ``roles``,
    ``affiliations``, ``skipped`` (reason → count) and ``problems`` (messages naming file and
    line, at most 50); :func:`read_wikidata` adds ``entities``, ``compression`` and
    ``unmapped_types`` (P31 QID → count of items typed by fallback).
    """

    document: dict[str, Any]
    report: dict[str, Any]

    def summary(self) -> str:
        """One line for a terminal: what was made and what was skipped."""
        r = self.report
        made = (
            f"{r.get('actors', 0)} actors, {r.get('positions', 0)} positions, "
            f"{r.get('roles', 0)} roles, {r.get('affiliations', 0)} affiliations"
        )
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(r.get("skipped", {}).items()))
        return f"{r.get('file')}: {made}" + (f"; skipped {skipped}" if skipped else "")


class WikidataLookups(TypedDict):
    """What :func:`read_wikidata` needs to know about an existing knowledge base."""

    country_codes: dict[str, str]
    known_ids: set[str]
    positions: dict[str, str]


def lookups_from_kb(kb: KnowledgeBase) -> WikidataLookups:
    """Country codes, actor ids and position names of a KB, as keyword arguments for
    :func:`read_wikidata`: ``read_wikidata(path, **lookups_from_kb(KnowledgeBase.load()))``."""
    return {
        "country_codes": {
            aid: e.actor.country
            for aid, e in kb.entries.items()
            if e.actor.type == "state" and e.actor.country and _QID.match(aid)
        },
        "known_ids": {aid for aid in kb.entries if _QID.match(aid)},
        "positions": {p.id: p.name for p in kb.positions.values() if p.id and _QID.match(p.id)},
    }


class _Report:
    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.data: dict[str, Any] = {"file": str(path), "format": fmt}
        self.skipped: Counter[str] = Counter()
        self.problems: list[str] = []

    def skip(self, reason: str, message: str | None = None, n: int = 1) -> None:
        self.skipped[reason] += n
        if message and len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(message)

    def finish(self, document: dict[str, Any]) -> dict[str, Any]:
        actors = document.get("actors") or []
        counts = {
            "actors": len(actors),
            "positions": len(document.get("positions") or []),
            "roles": sum(len(a.get("roles") or []) for a in actors),
            "affiliations": sum(len(a.get("affiliations") or []) for a in actors),
            "skipped": dict(sorted(self.skipped.items())),
        }
        extra = {k: v for k, v in self.data.items() if k not in ("file", "format")}
        head = {"file": self.data["file"], "format": self.data["format"]}
        if "entities" in extra:
            head["entities"] = extra.pop("entities")
        return {**head, **counts, **extra, "problems": self.problems}


# ----------------------------------------------------------------------------- file reading


def _open_text(path: Path) -> tuple[IO[str], str | None]:
    """The file as text, decompressed according to its magic bytes."""
    try:
        with path.open("rb") as fh:
            magic = fh.read(6)
        if magic.startswith(b"\x1f\x8b"):
            return gzip.open(path, "rt", encoding="utf-8-sig"), "gzip"
        if magic.startswith(b"BZh"):
            return bz2.open(path, "rt", encoding="utf-8-sig"), "bz2"
        if magic.startswith(b"\xfd7zXZ\x00"):
            return lzma.open(path, "rt", encoding="utf-8-sig"), "xz"
        return path.open("r", encoding="utf-8-sig"), None
    except OSError as exc:
        raise KnowledgeBaseError(f"{path}: cannot open: {exc}") from None


def _lines(path: Path, fh: IO[str]) -> Iterator[tuple[int, str]]:
    """Numbered lines; read and decompression errors become KnowledgeBaseError with the line."""
    n = 0
    it = iter(fh)
    while True:
        try:
            line = next(it)
        except StopIteration:
            return
        except (OSError, EOFError, UnicodeDecodeError, lzma.LZMAError) as exc:
            raise KnowledgeBaseError(f"{path}:{n + 1}: cannot read: {exc}") from None
        n += 1
        yield n, line


def _entities_in(value: Any) -> Iterator[Any]:
    """The entities of a decoded JSON value: a wrapper, a list or one entity."""
    if isinstance(value, dict) and isinstance(value.get("entities"), dict):
        yield from value["entities"].values()
    elif isinstance(value, dict) and isinstance(value.get("entities"), list):
        yield from value["entities"]
    elif isinstance(value, list):
        yield from value
    else:
        yield value


def _iter_entities(
    path: Path, fh: IO[str], report: _Report
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, entity)`` for every entity in the file, streaming dumps and JSON Lines."""
    lines = _lines(path, fh)
    first: tuple[int, str] | None = None
    for n, line in lines:
        if line.strip():
            first = (n, line)
            break
    if first is None:
        raise KnowledgeBaseError(f"{path}: empty file; expected Wikidata entity JSON")
    n0, line0 = first
    head = line0.strip()
    good = bad = 0
    first_problem = ""

    def whole_document(start: int, text: str) -> Iterator[tuple[int, Any]]:
        # a pretty-printed document (EntityData, a JSON array): small by nature, read whole
        rest, size = [text], len(text)
        for _, line in lines:
            rest.append(line)
            size += len(line)
            if size > _MAX_DOCUMENT:
                raise KnowledgeBaseError(
                    f"{path}:{start}: not one entity per line, and too large to be a single "
                    "pretty-printed document; expected a Wikidata dump or JSON Lines"
                )
        try:
            value = json.loads("".join(rest))
        except json.JSONDecodeError as exc:
            raise KnowledgeBaseError(
                f"{path}:{start + exc.lineno - 1}: not valid JSON: {exc.msg}"
            ) from None
        for entity in _entities_in(value):
            yield start, entity

    def line_by_line(items: Iterable[tuple[int, str]]) -> Iterator[tuple[int, Any]]:
        nonlocal bad, first_problem
        for n, line in items:
            s = line.strip()
            if s.startswith("["):
                s = s[1:].lstrip()
            s = s.rstrip(",").rstrip()
            if s.endswith("]"):
                s = s[:-1].rstrip().rstrip(",")
            if not s:
                continue
            try:
                value = json.loads(s)
            except json.JSONDecodeError as exc:
                msg = f"{path}:{n}: malformed entity skipped ({exc.msg})"
                first_problem = first_problem or msg
                bad += 1
                report.skip("malformed entity", msg)
                continue
            for entity in _entities_in(value):
                yield n, entity

    source: Iterator[tuple[int, Any]]
    if head.startswith("["):
        report.data["format"] = "dump"
        after = head[1:].strip()
        if after == "{":
            report.data["format"] = "json"
            source = whole_document(n0, line0)
        elif after:
            source = line_by_line(_chain([first], lines))
        else:
            # `[` alone: a dump follows, unless the next line is `{` alone (a pretty-printed
            # array, which is one document)
            nxt = next(((n, ln) for n, ln in lines if ln.strip()), None)
            if nxt is not None and nxt[1].strip() == "{":
                report.data["format"] = "json"
                source = whole_document(n0, line0 + nxt[1])
            else:
                source = line_by_line(_chain([nxt] if nxt else [], lines))
    elif head.startswith("{"):
        try:
            value = json.loads(head.rstrip(","))
        except json.JSONDecodeError:
            value = None
        if value is None and not head.rstrip(",").endswith("}"):
            report.data["format"] = "entitydata"
            source = whole_document(n0, line0)
        else:
            is_wrapper = isinstance(value, dict) and "entities" in value
            report.data["format"] = "entitydata" if is_wrapper else "jsonl"
            source = line_by_line(_chain([first], lines))
    else:
        raise KnowledgeBaseError(
            f'{path}:{n0}: not Wikidata entity JSON (expected `{{"entities": ...}}`, '
            "a dump array or JSON Lines)"
        )

    for n, entity in source:
        if not isinstance(entity, dict):
            msg = f"{path}:{n}: malformed entity skipped (not a JSON object)"
            first_problem = first_problem or msg
            bad += 1
            report.skip("malformed entity", msg)
            continue
        good += 1
        yield n, entity
    if good == 0 and bad:
        raise KnowledgeBaseError(
            f"{path}: no entity could be read ({bad} malformed); first problem: {first_problem}"
        )


def _chain(*its: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    for it in its:
        yield from it


# ----------------------------------------------------------------------------- wikidata values


def wikidata_date(value: Any) -> str | None:
    """A Wikidata time value as a partial ISO date ("2014", "2014-09", "2014-09-08").

    None for anything coarser than a year (precision < 9), BCE dates, years past 9999 and
    values that are not time values.
    """
    if not isinstance(value, dict):
        return None
    m = _TIME.match(str(value.get("time", "")))
    precision = value.get("precision", 11)
    if m is None or not isinstance(precision, int) or precision < 9:
        return None
    sign, year, month, day = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    if sign == "-" or not 0 < year <= 9999:
        return None
    if precision == 9 or month == "00":
        return f"{year:04d}"
    if precision == 10 or day == "00":
        return f"{year:04d}-{month}"
    return f"{year:04d}-{month}-{day}"


def _item_id(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("id"), str):
        qid = value["id"]
    elif isinstance(value.get("numeric-id"), int):
        qid = f"Q{value['numeric-id']}"
    else:
        return None
    return qid if _QID.match(qid) else None


_UNKNOWN = "unknown"  # a qualifier that is present but cannot be expressed as a partial date


def _qualifier_date(statement: dict[str, Any], prop: str) -> str | None:
    """The date of a P580/P582 qualifier: a partial ISO date, None if absent, or _UNKNOWN."""
    snaks = (statement.get("qualifiers") or {}).get(prop) or []
    for snak in snaks:
        if snak.get("snaktype", "value") != "value":
            return _UNKNOWN
        date = wikidata_date((snak.get("datavalue") or {}).get("value"))
        return date if date is not None else _UNKNOWN
    return None


@dataclass(frozen=True, slots=True)
class _Claim:
    value: Any
    start: str | None
    end: str | None
    preferred: bool


@dataclass(slots=True)
class _Item:
    """What the importer keeps of one entity."""

    id: str
    line: int
    name: str | None
    aliases: tuple[str, ...]
    description: str | None
    p31: tuple[str, ...]
    iso3: str | None
    inception: str | None
    org_hint: bool
    person_hint: bool
    claims: dict[str, list[_Claim]] = field(default_factory=dict)


def _text(mapping: Any, languages: Iterable[str]) -> str | None:
    if not isinstance(mapping, dict):
        return None
    for lang in languages:
        entry = mapping.get(lang)
        if isinstance(entry, dict) and isinstance(entry.get("value"), str) and entry["value"]:
            return str(entry["value"]).strip() or None
    return None


def _label(labels: Any) -> str | None:
    if not isinstance(labels, dict):
        return None
    english = [k for k in sorted(labels) if k.startswith("en-")]
    return _text(labels, ["en", "mul", *english, *sorted(labels)])


def _claims(entity: dict[str, Any], prop: str) -> list[_Claim]:
    out = []
    for st in (entity.get("claims") or {}).get(prop) or []:
        rank = st.get("rank", "normal")
        snak = st.get("mainsnak") or {}
        if rank == "deprecated" or snak.get("snaktype", "value") != "value":
            continue
        value = (snak.get("datavalue") or {}).get("value")
        out.append(
            _Claim(
                value=value,
                start=_qualifier_date(st, "P580"),
                end=_qualifier_date(st, "P582"),
                preferred=rank == "preferred",
            )
        )
    return out


def _compact(entity: dict[str, Any], line: int) -> _Item:
    claims = entity.get("claims") or {}
    if not isinstance(claims, dict):
        raise TypeError("`claims` is not an object")
    aliases = [
        a["value"].strip()
        for lang in ("en", "mul")
        for a in ((entity.get("aliases") or {}).get(lang) or [])
        if isinstance(a, dict) and isinstance(a.get("value"), str) and a["value"].strip()
    ]
    iso3 = next(
        (c.value for c in _claims(entity, "P298") if isinstance(c.value, str)),
        None,
    )
    inception = next(
        (d for c in _claims(entity, "P571") if (d := wikidata_date(c.value))),
        None,
    )
    return _Item(
        id=str(entity["id"]),
        line=line,
        name=_label(entity.get("labels")),
        aliases=tuple(dict.fromkeys(aliases)),
        description=_text(entity.get("descriptions"), ["en", "mul"]),
        p31=tuple(q for c in _claims(entity, "P31") if (q := _item_id(c.value))),
        iso3=iso3.strip().upper() if iso3 and _ISO3.match(iso3.strip().upper()) else None,
        inception=inception,
        org_hint=any(claims.get(p) for p in _ORG_HINTS),
        person_hint=any(claims.get(p) for p in _PERSON_HINTS),
        claims={p: _claims(entity, p) for p in _WANTED if claims.get(p)},
    )


# ----------------------------------------------------------------------------- wikidata import


def read_wikidata(
    path: str | Path,
    *,
    country_codes: Mapping[str, str] | None = None,
    known_ids: Iterable[str] | None = None,
    positions: Mapping[str, str] | None = None,
    types: Mapping[str, str] | None = None,
) -> ImportResult:
    """An overlay document from a file of Wikidata entities (see the module docstring).

    ``country_codes`` maps country QIDs to ISO3 codes, ``known_ids`` lists actor ids already in
    the KB (objects of affiliations may be among them), ``positions`` maps position QIDs to the
    KB's canonical office names, ``types`` adds or overrides P31 → actor type mappings.
    :func:`lookups_from_kb` builds the first three from a :class:`KnowledgeBase`.
    """
    path = Path(path)
    report = _Report(path, "unknown")
    fh, compression = _open_text(path)
    report.data["compression"] = compression
    items: dict[str, _Item] = {}
    entities = 0
    with fh:
        for line, entity in _iter_entities(path, fh, report):
            entities += 1
            if "missing" in entity:
                report.skip("missing entity", f"{path}:{line}: {entity.get('id')} is missing")
                continue
            eid = entity.get("id")
            if not isinstance(eid, str) or not _QID.match(eid):
                kind = entity.get("type")
                if isinstance(eid, str) and kind in ("property", "lexeme", "mediainfo"):
                    report.skip("not an item")
                else:
                    report.skip("malformed entity", f"{path}:{line}: entity without a Q id skipped")
                continue
            try:
                item = _compact(entity, line)
            except (KeyError, TypeError, AttributeError, ValueError) as exc:
                report.skip("malformed entity", f"{path}:{line}: {eid}: malformed ({exc})")
                continue
            if eid in items:
                report.skip("duplicate entity", f"{path}:{line}: {eid} seen before; kept the last")
            items[eid] = item
    report.data["entities"] = entities
    document = _build(items, report, country_codes, known_ids, positions, types)
    return ImportResult(document=document, report=report.finish(document))


def _actor_type(item: _Item, table: Mapping[str, str], unmapped: Counter[str]) -> str | None:
    """The claimgraph type of an item, or None for a position."""
    found = {table[q] for q in item.p31 if q in table}
    for t in TYPE_PRECEDENCE:
        if t in found:
            return t
    if any(q in POSITION_CLASSES for q in item.p31):
        return None
    unmapped.update(item.p31 or ("(no P31)",))
    if item.person_hint:
        return "person"
    if item.org_hint:
        return "organization"
    return "other"


def _build(
    items: dict[str, _Item],
    report: _Report,
    country_codes: Mapping[str, str] | None,
    known_ids: Iterable[str] | None,
    known_positions: Mapping[str, str] | None,
    extra_types: Mapping[str, str] | None,
) -> dict[str, Any]:
    path = report.path
    table = {q: t for q, (t, _label) in WIKIDATA_TYPES.items()}
    table.update(extra_types or {})
    known = set(known_ids or ())
    known_positions = dict(known_positions or {})
    codes = dict(country_codes or {})
    codes.update({i.id: i.iso3 for i in items.values() if i.iso3})
    unmapped: Counter[str] = Counter()

    # --- which items are actors, which are offices
    types: dict[str, str] = {}
    position_ids: list[str] = []
    p39_targets = {
        q for i in items.values() for c in i.claims.get("P39", []) if (q := _item_id(c.value))
    }
    for item in items.values():
        if item.name is None:
            report.skip("no label", f"{path}:{item.line}: {item.id} has no label")
            continue
        mapped = {table[q] for q in item.p31 if q in table}
        if item.id in p39_targets and not mapped:
            position_ids.append(item.id)
            continue
        atype = _actor_type(item, table, unmapped)
        if atype is None:
            position_ids.append(item.id)
        else:
            types[item.id] = atype

    # --- office names: the KB's canonical name, else the label (made unique), else the QID
    label_count = Counter(items[q].name for q in position_ids)
    office: dict[str, str] = {}
    for q in position_ids:
        name = items[q].name or q
        office[q] = name if label_count[name] == 1 else f"{name} ({q})"
    office.update(known_positions)

    def country_of(item: _Item, props: tuple[str, ...]) -> str | None:
        if types.get(item.id) == "state" and (item.iso3 or codes.get(item.id)):
            return item.iso3 or codes.get(item.id)
        for prop in props:
            # preferred statements first, then current ones, then the rest, each in file order
            claims = sorted(item.claims.get(prop, []), key=lambda c: (not c.preferred, bool(c.end)))
            for c in claims:
                q = _item_id(c.value)
                if q and q in codes:
                    return codes[q]
        return None

    # --- facts that live on another item: leads (P488/P35/P6) and founded (P112)
    incoming: dict[str, list[dict[str, Any]]] = {}
    for item in items.values():
        if item.id not in types:
            continue
        for prop in (*_LEADERSHIP, "P112"):
            for c in item.claims.get(prop, []):
                person = _item_id(c.value)
                if person is None or person == item.id:
                    continue
                kind = "founded" if prop == "P112" else "leads"
                if person not in types:
                    report.skip(
                        f"{'founder' if kind == 'founded' else 'leader'} not in file",
                        f"{path}:{item.line}: {item.id} {prop} {person}: {person} is not in the file",
                    )
                    continue
                if c.end == _UNKNOWN:
                    report.skip(
                        "end date unknown", f"{path}:{item.line}: {item.id} {prop} {person}"
                    )
                    continue
                start = c.start if c.start != _UNKNOWN else None
                if kind == "founded":
                    start = start or item.inception
                incoming.setdefault(person, []).append(
                    _fact({"type": kind, "object": item.id}, start, c.end, f"wikidata:{prop}")
                )

    # --- actors
    actors: list[dict[str, Any]] = []
    for item in items.values():
        atype = types.get(item.id)
        if atype is None or item.name is None:
            continue
        props = ("P27", "P17") if atype == "person" else ("P17", "P27")
        rec: dict[str, Any] = {
            "id": item.id,
            "name": item.name,
            "type": atype,
            "country": country_of(item, props),
            "sector": _SECTORS.get(atype),
            "aliases": [a for a in item.aliases if a != item.name],
            "description": item.description,
            "source": WIKIDATA_URL + item.id,
        }
        roles = []
        for c in item.claims.get("P39", []):
            q = _item_id(c.value)
            if q is None:
                continue
            if c.end == _UNKNOWN:
                report.skip("end date unknown", f"{path}:{item.line}: {item.id} P39 {q}")
                continue
            if c.start == _UNKNOWN:
                report.skip("start date unknown (kept)", n=1)
            role = _fact({"role": office.get(q, q)}, c.start, c.end, "wikidata:P39")
            if role not in roles:
                roles.append(role)
        affiliations = []
        for prop, kind in _MEMBERSHIP.items():
            for c in item.claims.get(prop, []):
                q = _item_id(c.value)
                if q is None or q == item.id:
                    continue
                if q not in types and q not in known:
                    report.skip(
                        "affiliation object unknown",
                        f"{path}:{item.line}: {item.id} {prop} {q}: {q} is neither in the file "
                        "nor in the knowledge base",
                    )
                    continue
                if c.end == _UNKNOWN:
                    report.skip("end date unknown", f"{path}:{item.line}: {item.id} {prop} {q}")
                    continue
                affiliations.append(
                    _fact({"type": kind, "object": q}, c.start, c.end, f"wikidata:{prop}")
                )
        affiliations.extend(incoming.get(item.id, []))
        if roles:
            rec["roles"] = roles
        if affiliations:
            rec["affiliations"] = list(
                {json.dumps(a, sort_keys=True): a for a in affiliations}.values()
            )
        try:
            parse_actor(rec, f"{path}:{item.line}", make_actor_id)
        except KnowledgeBaseError as exc:
            report.skip("invalid record", str(exc))
            continue
        actors.append(rec)

    # --- offices
    position_recs: list[dict[str, Any]] = []
    for q in position_ids:
        if q in known_positions:
            report.skip("position already known")
            continue
        item = items[q]
        rec = {
            "name": office[q],
            "id": q,
            "country": country_of(item, ("P1001", "P17")),
            "aliases": [a for a in item.aliases if a != office[q]],
            "source": WIKIDATA_URL + q,
        }
        parse_position(rec, f"{path}:{item.line}")
        position_recs.append(rec)

    report.data["unmapped_types"] = dict(unmapped.most_common(20))
    return {"positions": position_recs, "actors": actors}


def _fact(base: dict[str, Any], start: str | None, end: str | None, source: str) -> dict[str, Any]:
    return {
        **base,
        "start": start if start != _UNKNOWN else None,
        "end": end if end != _UNKNOWN else None,
        "source": source,
    }


# ----------------------------------------------------------------------------- user overlays

#: The actor columns of an overlay CSV; ``name``, ``type`` and ``source`` are required.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "type",
    "country",
    "sector",
    "aliases",
    "description",
    "source",
)
#: Optional columns that add one dated role per row.
CSV_ROLE_COLUMNS: tuple[str, ...] = ("role", "role_start", "role_end", "role_source")
_CSV_REQUIRED = ("name", "type", "source")
_EXTRA = "\x00extra"  # DictReader key of the cells past the header
_ACTOR_KEYS = frozenset(
    {
        *CSV_COLUMNS,
        "roles",
        "affiliations",
        "capital",
        "capital_aliases",
        "demonym",
        "government",
    }
)
_POSITION_KEYS = frozenset({"name", "id", "country", "organization", "aliases", "titles", "source"})


def validate_document(origin: str, document: dict[str, Any], builtin: bool = True) -> KnowledgeBase:
    """Build a KB from an overlay document (plus the built-in data): raises KnowledgeBaseError,
    naming ``origin``, if the document is malformed or refers to actors not on file."""
    docs: list[tuple[str, dict[str, Any]]] = list(builtin_documents()) if builtin else []
    docs.append((origin, document))
    try:
        return KnowledgeBase.from_documents(docs)
    except KnowledgeBaseError as exc:
        msg = str(exc)
        if msg.startswith((origin, "kb/data/")):
            raise
        raise KnowledgeBaseError(f"{origin}: {msg}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise KnowledgeBaseError(f"{origin}: malformed record ({exc})") from None


def read_overlay(path: str | Path) -> ImportResult:
    """A user's overlay file: YAML/JSON in the KB schema, or CSV (see the module docstring)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        report = _Report(path, "csv")
        document = _read_csv(path, report)
    else:
        report = _Report(path, "yaml")
        document = _read_yaml(path, report)
    validate_document(str(path), document)
    return ImportResult(document=document, report=report.finish(document))


def _read_yaml(path: Path, report: _Report) -> dict[str, Any]:
    doc = read_overlay_file(path)
    unknown = sorted(str(k) for k in doc if k not in ("actors", "positions"))
    if unknown:
        raise KnowledgeBaseError(
            f"{path}: unknown top-level key(s) {', '.join(unknown)}; "
            "expected `actors` and/or `positions`"
        )
    for key, allowed in (("actors", _ACTOR_KEYS), ("positions", _POSITION_KEYS)):
        records = doc.get(key)
        if records is None:
            continue
        if not isinstance(records, list):
            raise KnowledgeBaseError(f"{path}: `{key}` must be a list of records")
        for i, rec in enumerate(records):
            if isinstance(rec, dict):
                extra = sorted(str(k) for k in rec if k not in allowed)
                if extra:
                    report.problems.append(
                        f"{path}: {key[:-1]} {i + 1} ({rec.get('name')}): unknown key(s) "
                        f"{', '.join(extra)} ignored"
                    )
    return {"positions": doc.get("positions") or [], "actors": doc.get("actors") or []}


def _read_csv(path: Path, report: _Report) -> dict[str, Any]:
    try:
        fh = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise KnowledgeBaseError(f"{path}: cannot open: {exc}") from None
    actors: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    with fh:
        reader = csv.DictReader(fh, restkey=_EXTRA)
        try:
            header = reader.fieldnames
            if not header:
                raise KnowledgeBaseError(f"{path}: empty file; expected a CSV header row")
            columns = [h.strip() for h in header]
            reader.fieldnames = columns
            unknown = [c for c in columns if c not in CSV_COLUMNS + CSV_ROLE_COLUMNS]
            missing = [c for c in _CSV_REQUIRED if c not in columns]
            if unknown or missing:
                problems = []
                if missing:
                    problems.append(f"missing column(s) {', '.join(missing)}")
                if unknown:
                    problems.append(f"unknown column(s) {', '.join(unknown)}")
                raise KnowledgeBaseError(
                    f"{path}:1: {'; '.join(problems)}; the header is "
                    f"{','.join(CSV_COLUMNS + CSV_ROLE_COLUMNS)} (role columns optional)"
                )
            for row in reader:
                line = reader.line_num
                extra = row.get(_EXTRA)
                if extra:
                    raise KnowledgeBaseError(
                        f"{path}:{line}: {len(columns) + len(extra)} fields, the header has "
                        f"{len(columns)} (quote cells that contain commas)"
                    )
                cells = {k: (v or "").strip() for k, v in row.items() if k != _EXTRA}
                if not any(cells.values()):
                    continue
                _csv_row(path, line, cells, actors, first_line)
        except csv.Error as exc:
            raise KnowledgeBaseError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from None
        except UnicodeDecodeError as exc:
            raise KnowledgeBaseError(f"{path}: not UTF-8 text: {exc}") from None
    return {"positions": [], "actors": list(actors.values())}


def _csv_row(
    path: Path,
    line: int,
    cells: dict[str, str],
    actors: dict[str, dict[str, Any]],
    first_line: dict[str, int],
) -> None:
    key = cells.get("id") or cells.get("name")
    if not key:
        raise KnowledgeBaseError(f"{path}:{line}: a row needs an `id` or a `name`")
    fields: dict[str, Any] = {c: cells.get(c) or None for c in CSV_COLUMNS}
    if fields["country"]:
        fields["country"] = fields["country"].upper()
    if fields["type"]:
        fields["type"] = fields["type"].lower()
    aliases = [a.strip() for a in (cells.get("aliases") or "").split("|") if a.strip()]
    rec = actors.get(key)
    if rec is None:
        rec = {k: v for k, v in fields.items() if k != "aliases"}
        rec["aliases"] = aliases
        actors[key] = rec
        first_line[key] = line
    else:
        for col in CSV_COLUMNS:
            value = aliases if col == "aliases" else fields[col]
            if value and value != rec.get(col):
                raise KnowledgeBaseError(
                    f"{path}:{line}: `{col}` is {value!r} but line {first_line[key]} gave "
                    f"{rec.get(col)!r} for the same actor; leave repeated cells blank"
                )
    role = cells.get("role")
    if role:
        rec.setdefault("roles", []).append(
            {
                "role": role,
                "start": cells.get("role_start") or None,
                "end": cells.get("role_end") or None,
                "source": cells.get("role_source") or rec.get("source"),
            }
        )
    elif any(cells.get(c) for c in CSV_ROLE_COLUMNS[1:]):
        raise KnowledgeBaseError(f"{path}:{line}: role dates or source given without a `role`")
    parse_actor(rec, f"{path}:{line}", make_actor_id)
