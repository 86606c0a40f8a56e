"""Running claimgraph on other event coders' test suites (``shared/peer-suites``).

- PLOVER gold standard records: one sentence per record, with a PLOVER 0.5 label and the source
  and target actors' country codes. :func:`run_plover` measures coverage, event-type accuracy
  and actor/recipient country agreement.
- PETRARCH-2 unit tests: stylised sentences about fictional states, with CAMEO codings
  (source, target, event code) against toy actor and agent dictionaries. :func:`run_petrarch`
  turns the dictionaries into a knowledge-base overlay and measures agreement on
  (source, target, CAMEO root) and on the PLOVER type alone.

The suite files are read where they are; nothing is copied into the project.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.export.crosswalk import cameo_root
from claimgraph.ids import document_id
from claimgraph.kb import KnowledgeBase
from claimgraph.kb.base import make_actor_id
from claimgraph.model import Document, Extraction
from claimgraph.pipeline import Analyzer

# ----------------------------------------------------------------------------- PLOVER records
# PLOVER 0.5 labels renamed in PLOVER 2.0 (see the peer-suites README); a mode is forced for some.
PLOVER_LABELS: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", None),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
# Codes in the records that name no country, and CAMEO spellings that differ from ISO 3166.
NON_COUNTRY = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UNK", "---"})
CAMEO_ISO = {"JAP": "JPN", "ITL": "ITA"}


def plover_label(label: str, mode: str | None = None) -> tuple[str, str | None]:
    """A PLOVER 0.5 label (and mode) as PLOVER 2.0: ``INVESTIGATE`` → ``(ACCUSE, investigate)``."""
    new, forced = PLOVER_LABELS.get(label, (label, None))
    return new, forced or mode or None


def country_code(code: str | None) -> str | None:
    """A record's actor code as an ISO 3166 alpha-3 country, or None if it names no country."""
    c = (code or "").strip().upper()
    if len(c) != 3 or not c.isalpha() or c in NON_COUNTRY:
        return None
    return CAMEO_ISO.get(c, c)


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    label: str  # as in the file (PLOVER 0.5)
    type: str  # PLOVER 2.0
    mode: str | None = None
    sources: tuple[str, ...] = ()  # country codes
    targets: tuple[str, ...] = ()


def _countries(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()  # absent, or a stray string in a few records
    codes = (country_code(a.get("code")) for a in value if isinstance(a, dict))
    return tuple(dict.fromkeys(c for c in codes if c))


def parse_plover(data: list[dict[str, Any]]) -> list[PloverRecord]:
    """The records of a PLOVER GSR file (a JSON array whose first entry is a header)."""
    out = []
    for rec in data:
        if rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue
        etype, mode = plover_label(rec["event"], rec.get("mode"))
        out.append(
            PloverRecord(
                id=str(rec.get("id")),
                text=" ".join(str(rec["text"]).split()),
                label=rec["event"],
                type=etype,
                mode=mode,
                sources=_countries(rec.get("source")),
                targets=_countries(rec.get("target")),
            )
        )
    return out


def _document(text: str, publisher: str, published: str | None = None) -> Document:
    return Document(
        id=document_id(text), text=text, publisher=publisher, published=published, language="en"
    )


def _rate(hits: int, total: int) -> dict[str, Any]:
    return {"hits": hits, "total": total, "rate": hits / total if total else None}


def run_plover(path: Path, analyzer: Analyzer) -> dict[str, Any]:
    """Analyse every PLOVER record's sentence; compare event types and actor countries."""
    records = parse_plover(json.loads(path.read_text(encoding="utf-8")))
    docs = [_document(r.text, "PLOVER GSR") for r in records]
    covered = correct = first = 0
    src, tgt = [0, 0], [0, 0]
    by_type: dict[str, Counter[str]] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    details = []
    for r, ex in zip(records, analyzer.analyze_many(docs), strict=True):
        types = [e.type for e in ex.events]
        t = by_type.setdefault(r.type, Counter())
        t["records"] += 1
        details.append({"id": r.id, "gold": r.type, "coded": types, "text": r.text})
        if not types:
            continue
        covered, t["covered"] = covered + 1, t["covered"] + 1
        correct, t["correct"] = correct + (r.type in types), t["correct"] + (r.type in types)
        first += types[0] == r.type
        if types[0] != r.type:
            confusion[(r.type, types[0])] += 1
        best = next((e for e in ex.events if e.type == r.type), ex.events[0])
        for gold, ids, tally in ((r.sources, best.actors, src), (r.targets, best.recipients, tgt)):
            if gold:
                tally[1] += 1
                tally[0] += any(ex.actors[a].country in gold for a in ids if a in ex.actors)
    return {
        "records": len(records),
        "coverage": _rate(covered, len(records)),
        "type_accuracy": _rate(correct, covered),
        "first_event_accuracy": _rate(first, covered),
        "source_agreement": _rate(*src),
        "target_agreement": _rate(*tgt),
        "by_type": {k: dict(v) for k, v in sorted(by_type.items())},
        "confusions": [
            {"gold": g, "coded": c, "count": n} for (g, c), n in confusion.most_common(15)
        ],
        "details": details,
    }


def _pct(r: dict[str, Any]) -> str:
    rate = r["rate"]
    return f"{r['hits']}/{r['total']} ({'—' if rate is None else f'{100 * rate:.1f}%'})"


def format_plover(result: dict[str, Any]) -> str:
    lines = [
        f"PLOVER GSR: {result['records']} records",
        f"  coverage (>=1 event coded)        {_pct(result['coverage'])}",
        f"  type accuracy (any coded event)   {_pct(result['type_accuracy'])}",
        f"  type accuracy (first event)       {_pct(result['first_event_accuracy'])}",
        f"  source country agreement          {_pct(result['source_agreement'])}",
        f"  target country agreement          {_pct(result['target_agreement'])}",
        f"  {'type':<10} {'records':>7} {'covered':>7} {'correct':>7}",
    ]
    for name, c in result["by_type"].items():
        lines.append(
            f"  {name:<10} {c.get('records', 0):>7} {c.get('covered', 0):>7} {c.get('correct', 0):>7}"
        )
    if result["confusions"]:
        lines.append("  most common confusions (gold → first coded): ")
        lines.append(
            "    "
            + ", ".join(f"{c['gold']}→{c['coded']} {c['count']}" for c in result["confusions"])
        )
    return "\n".join(lines)


# ----------------------------------------------------------------------------- crosswalk
_CROSSWALK_LINE = re.compile(r"^(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?")


def parse_crosswalk(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """CAMEO code → (PLOVER category, mode, context) from ``CAMEO2PLOVER-2021.txt``.

    Two-digit lines are section headers (root → category); where a root is split between two
    categories (08: CONCEDE and RETREAT) the first header stands and the codes decide.
    """
    table: dict[str, tuple[str, str | None, str | None]] = {}
    for line in text.splitlines():
        m = _CROSSWALK_LINE.match(line.strip())
        if m:
            mode, context = ((g or "").strip() or None for g in m.group(3, 4))
            table.setdefault(m.group(1), (m.group(2), mode, context))
    return table


def cameo_to_plover(
    code: str, table: dict[str, tuple[str, str | None, str | None]]
) -> tuple[str, str | None, str | None] | None:
    """The PLOVER category of a CAMEO code: the code itself, else its 3-digit parent, else root."""
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


# ----------------------------------------------------------------------------- PETRARCH-2
@dataclass(frozen=True)
class Coding:
    source: str
    target: str
    code: str


@dataclass(frozen=True)
class PetrRecord:
    id: str
    text: str
    date: str | None = None
    category: str | None = None
    codings: tuple[Coding, ...] = ()
    expect: str = "events"  # events | none | error:<reason> (PETRARCH discards the input)


def parse_petrarch_records(text: str) -> list[PetrRecord]:
    """The ``<Sentence>`` records of a PETRARCH validation XML file."""
    out = []
    for s in ET.fromstring(text).iter("Sentence"):
        codings, expect = [], "events"
        for c in s.findall("EventCoding"):
            if c.get("noevents"):
                expect = "none"
            elif c.get("error"):
                expect = f"error:{c.get('error')}"
            else:
                codings.append(
                    Coding(c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                )
        raw = s.get("date") or ""
        date = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if re.fullmatch(r"\d{8}", raw) else None
        out.append(
            PetrRecord(
                id=s.get("id", ""),
                text=" ".join((s.findtext("Text") or "").split()),
                date=date,
                category=s.get("category"),
                codings=tuple(codings),
                expect="events" if codings else expect.replace("events", "none"),
            )
        )
    return out


@dataclass
class DictEntry:
    """One entry of a PETRARCH actor or agent dictionary."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # as written, date restrictions dropped
    agent: bool = False


_COMMENT_BLOCK = re.compile(r"<!\s*--.*?-->", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")


_SMALL_WORDS = frozenset({"of", "the", "and", "de", "la"})


def _phrase(raw: str) -> str:
    """A dictionary phrase in ordinary case: ``GROUP_OF_77`` → "Group of 77", ``IMF`` stays."""
    out = []
    for i, word in enumerate(raw.replace("_", " ").split()):
        if word.lower() in _SMALL_WORDS:
            out.append(word.lower() if i else word.capitalize())
        elif "." in word or (word.isupper() and len(word) <= 3):
            out.append(word)  # an acronym: IMF, AU, K.U.
        else:
            out.append("-".join(p.capitalize() for p in word.split("-")))
    return " ".join(out)


def _forms(raw: str) -> list[str]:
    """The ordinary-case phrase and, for a short word, as written and capitalised (USSR, Ussr)."""
    word = raw.replace("_", " ").strip()
    short = " " not in word and word.isupper() and len(word) <= 5 and "." not in word
    return list(dict.fromkeys([_phrase(raw), *([word, word.capitalize()] if short else [])]))


def _codes(line: str) -> list[str]:
    out = []
    for body in _CODE.findall(line):
        parts = body.split()
        if parts:
            out.append(parts[0].strip("~"))
    return out


def parse_dictionary(text: str, agent: bool = False) -> list[DictEntry]:
    """Parse a PETRARCH ``.actors.txt`` or ``.agents.txt`` dictionary.

    Actors: ``NAME [CODE]``, synonyms on ``+NAME`` lines, codes (possibly date-restricted) on
    their own lines. Agents: ``NAME {PLURALS} [~CODE]`` and ``!MACRO! = A, B`` substitutions.
    """
    entries: list[DictEntry] = []
    macros: dict[str, list[str]] = {}
    for raw in _COMMENT_BLOCK.sub("", text).splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
        elif line.startswith("+") and entries:
            entries[-1].aliases.extend(_forms(line[1:]))
        elif line.startswith("[") and entries:
            entries[-1].codes.extend(_codes(line))
        else:
            head = re.split(r"[\[{]", line, maxsplit=1)[0]
            plurals = re.findall(r"\{([^}]*)\}", line)
            names = [head]
            for macro, words in macros.items():
                names = (
                    [n.replace(macro, w) for n in names for w in words] if macro in head else names
                )
            extra = [p for group in plurals for p in group.split(",") if p.strip()]
            phrases = list(dict.fromkeys(f for n in names + extra for f in _forms(n)))
            entries.append(DictEntry(phrases[0], phrases[1:], _codes(line), agent))
    return [e for e in entries if e.name]


_SECTOR_TYPES = {
    "GOV": "government",
    "MIL": "armed_group",
    "COP": "armed_group",
    "REB": "armed_group",
    "UAF": "armed_group",
    "SPY": "government",
    "LEG": "government",
    "JUD": "government",
    "OPP": "party",
    "PTY": "party",
    "IGO": "organization",
    "NGO": "organization",
    "NGM": "organization",
    "MED": "organization",
    "BUS": "organization",
    "EDU": "organization",
}
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


def dictionary_overlay(
    entries: Iterable[DictEntry], known: KnowledgeBase | None = None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A knowledge-base overlay of dictionary entries, and actor id → PETRARCH codes.

    Entries the built-in KB ``known`` already has (by any name) are not added again: their codes
    go to the built-in actor's id, so two actors never share a name. The overlay gives no ids
    (the loader makes cg- ids); a code goes into ``country`` (actors) or ``sector`` (agents)
    only where it is 3 letters; 6-letter actor codes (``ISRMIL``) are split into country and
    sector, longer ones (``IGOCOPITP``) are kept only in the code mapping.
    """
    entries = [e for e in entries if e.codes]
    per_code = Counter(c for e in entries if not e.agent for c in set(e.codes))
    actors: dict[str, dict[str, Any]] = {}
    codes: dict[str, list[str]] = {}
    for e in entries:
        mine = [f"---{c}" if e.agent else c for c in e.codes]  # agents: PETRARCH's ---GOV form
        ids = set().union(*(known.by_alias(n) for n in (e.name, *e.aliases))) if known else set()
        if len(ids) == 1:
            aid = next(iter(ids))
            codes.setdefault(aid, []).extend(c for c in mine if c not in codes.get(aid, []))
            continue
        code = (
            e.codes[-1]
            if e.agent
            else next((c for c in e.codes if _ALPHA3.match(c[:3])), e.codes[0])
        )
        country = sector = None
        if e.agent:
            sector = code if _ALPHA3.match(code) else None
            atype = _SECTOR_TYPES.get(code[:3], "other")
        else:
            parts = [code[:3], code[3:]] if len(code) == 6 else [code]
            split = all(_ALPHA3.match(p) for p in parts)
            country = code[:3] if split else None
            sector = code[3:] if split and len(code) == 6 else None
            single = _ALPHA3.match(code) and per_code[code] == 1
            atype = "state" if single else _SECTOR_TYPES.get(sector or "", "other")
        aid = make_actor_id(e.name, atype)
        rec = actors.setdefault(aid, {"name": e.name, "type": atype, "aliases": []})
        rec["aliases"] = list(dict.fromkeys(rec["aliases"] + [a for a in e.aliases if a != e.name]))
        rec.update(
            {"country": rec.get("country") or country, "sector": rec.get("sector") or sector}
        )
        rec["source"] = "petrarch2:PETR.Validate." + ("agents" if e.agent else "actors") + ".txt"
        codes.setdefault(aid, []).extend(c for c in mine if c not in codes.get(aid, []))
    return {"actors": list(actors.values())}, codes


def _actor_codes(ex: Extraction, ids: Iterable[str], codes: dict[str, list[str]]) -> set[str]:
    """PETRARCH codes of claimgraph actors: from the dictionaries, else country + sector."""
    out: set[str] = set()
    for aid in ids:
        actor = ex.actors.get(aid)
        derived = f"{(actor.country if actor else None) or '---'}{(actor.sector if actor else None) or ''}"
        out.update(codes.get(aid) or [derived])
    return out or {"---"}


def _code_match(gold: str, got: set[str], country_only: bool) -> bool:
    if country_only:
        return gold[:3] in {g[:3] for g in got}
    return gold in got


def run_petrarch(folder: Path, model: str | None = None) -> dict[str, Any]:
    """Code the PETRARCH-2 unit-test sentences with the toy dictionaries as a KB overlay."""
    base = folder / "PETR.Validate"
    entries = parse_dictionary((folder / "PETR.Validate.actors.txt").read_text(encoding="utf-8"))
    entries += parse_dictionary(Path(f"{base}.agents.txt").read_text(encoding="utf-8"), agent=True)
    overlay, codes = dictionary_overlay(entries, KnowledgeBase.load())
    kb = KnowledgeBase.load([("petrarch-toy", overlay)])
    xw_path = folder.parent / "plover" / "CAMEO2PLOVER-2021.txt"
    crosswalk = parse_crosswalk(xw_path.read_text(encoding="utf-8"))
    records = parse_petrarch_records(
        (folder / "PETR.UnitTest.records.xml").read_text(encoding="utf-8")
    )
    analyzer = Analyzer(kb, model)
    docs = [_document(r.text, "PETRARCH-2 unit tests", r.date) for r in records]
    tally: Counter[str] = Counter()
    details = []
    for r, ex in zip(records, analyzer.analyze_many(docs), strict=True):
        coded = [
            (
                cameo_root(e.type, e.mode),
                e.type,
                _actor_codes(ex, e.actors, codes),
                _actor_codes(ex, e.recipients, codes),
            )
            for e in ex.events
        ]
        details.append(
            {
                "id": r.id,
                "expect": r.expect,
                "gold": [c.__dict__ for c in r.codings],
                "coded": [(root, t, sorted(s), sorted(g)) for root, t, s, g in coded],
                "text": r.text,
            }
        )
        if not r.codings:
            tally[f"{r.expect.split(':')[0]}_records"] += 1
            tally[f"{r.expect.split(':')[0]}_false_alarms"] += bool(coded)
            continue
        tally["records"] += 1
        tally["covered"] += bool(coded)
        for c in r.codings:
            tally["codings"] += 1
            root = c.code[:2]
            plover = cameo_to_plover(c.code, crosswalk)
            tally["root"] += any(x[0] == root for x in coded)
            tally["dyad"] += any(
                _code_match(c.source, x[2], True) and _code_match(c.target, x[3], True)
                for x in coded
            )
            for level, country in (("exact", False), ("country", True)):
                tally[level] += any(
                    x[0] == root
                    and _code_match(c.source, x[2], country)
                    and _code_match(c.target, x[3], country)
                    for x in coded
                )
            if plover:
                tally["plover_codings"] += 1
                tally["plover"] += any(x[1] == plover[0] for x in coded)
    return {
        "records": len(records),
        "with_codings": tally["records"],
        "coverage": _rate(tally["covered"], tally["records"]),
        "codings": tally["codings"],
        "triple_exact": _rate(tally["exact"], tally["codings"]),
        "triple_country": _rate(tally["country"], tally["codings"]),
        "root_only": _rate(tally["root"], tally["codings"]),
        "dyad": _rate(tally["dyad"], tally["codings"]),
        "plover_type": _rate(tally["plover"], tally["plover_codings"]),
        "no_event_false_alarms": _rate(tally["none_false_alarms"], tally["none_records"]),
        "error_false_alarms": _rate(tally["error_false_alarms"], tally["error_records"]),
        "overlay_actors": len(overlay["actors"]),
        "codes": codes,
        "details": details,
    }


def format_petrarch(result: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"PETRARCH-2 unit tests: {result['records']} records, {result['with_codings']} with"
            f" {result['codings']} gold codings; overlay of {result['overlay_actors']} actors",
            f"  coverage (>=1 event coded)               {_pct(result['coverage'])}",
            f"  (source, target, CAMEO root) exact codes {_pct(result['triple_exact'])}",
            f"  (source, target, CAMEO root) countries   {_pct(result['triple_country'])}",
            f"  CAMEO root alone                         {_pct(result['root_only'])}",
            f"  (source, target) countries, any type     {_pct(result['dyad'])}",
            f"  PLOVER type alone (crosswalked codes)    {_pct(result['plover_type'])}",
            f"  false alarms on no-event records         {_pct(result['no_event_false_alarms'])}",
            f"  false alarms on discarded inputs         {_pct(result['error_false_alarms'])}",
        ]
    )
