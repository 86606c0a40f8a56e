"""The evaluation report: counts, rates, per-document details, JSON and a plain-text table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class Score:
    """Precision counts exported records; recall counts required gold records."""

    exported: int = 0  # exported records (in the gold documents)
    correct: int = 0  # exported records matching some gold record (required or optional)
    required: int = 0  # required gold records
    found: int = 0  # required gold records matched by some exported record

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct, self.exported)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.required)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.exported += other.exported
        self.correct += other.correct
        self.required += other.required
        self.found += other.found

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        return _ratio(self.hits, self.total)

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "total": self.total, "rate": self.rate}


@dataclass
class DocReport:
    """What matched, what was missed and what was made up in one document."""

    file: str
    doc_id: str | None
    actors_gold: int = 0
    actors_found: list[dict[str, str]] = field(default_factory=list)  # {gold, exported}
    actors_missed: list[str] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)  # {exported, gold: [...]}
    relations: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    # Each detail is a plain dict with the gold and/or exported record and, for misses and
    # false alarms, ``why``: the nearest candidate's reason for not matching.
    relations_matched: list[dict[str, Any]] = field(default_factory=list)
    relations_missed: list[dict[str, Any]] = field(default_factory=list)
    relations_false: list[dict[str, Any]] = field(default_factory=list)
    events_matched: list[dict[str, Any]] = field(default_factory=list)
    events_missed: list[dict[str, Any]] = field(default_factory=list)
    events_false: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["relations"] = self.relations.to_dict()
        d["events"] = self.events.to_dict()
        return d


@dataclass
class EvalReport:
    docs: list[DocReport] = field(default_factory=list)
    actors_gold: int = 0
    actors_found: int = 0
    merge_errors: int = 0  # pairs of gold actors found as the same exported actor
    relations: Score = field(default_factory=Score)
    relation_types: dict[str, Score] = field(default_factory=dict)
    events: Score = field(default_factory=Score)
    event_types: dict[str, Score] = field(default_factory=dict)
    swaps: Rate = field(default_factory=Rate)  # matched events with actor/recipient swapped
    dates: Rate = field(default_factory=Rate)  # matched events with a gold date: equal
    dates_compatible: Rate = field(default_factory=Rate)  # ... one a prefix of the other
    modality: Rate = field(default_factory=Rate)  # matched events: same modality
    errors: list[str] = field(default_factory=list)  # documents that could not be ingested

    @property
    def actor_recall(self) -> float | None:
        return _ratio(self.actors_found, self.actors_gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "actors": {
                "gold": self.actors_gold,
                "found": self.actors_found,
                "recall": self.actor_recall,
                "merge_errors": self.merge_errors,
            },
            "relations": self.relations.to_dict(),
            "relation_types": {k: v.to_dict() for k, v in sorted(self.relation_types.items())},
            "events": self.events.to_dict(),
            "event_types": {k: v.to_dict() for k, v in sorted(self.event_types.items())},
            "swaps": self.swaps.to_dict(),
            "dates": self.dates.to_dict(),
            "dates_compatible": self.dates_compatible.to_dict(),
            "modality": self.modality.to_dict(),
            "errors": list(self.errors),
            "documents": [d.to_dict() for d in self.docs],
        }


def _pct(value: float | None) -> str:
    return "    —" if value is None else f"{100 * value:5.1f}"


def _score_rows(title: str, total: Score, by_type: dict[str, Score]) -> list[str]:
    head = f"{title:<14} {'P':>5} {'R':>5} {'F1':>5}  {'exported':>8} {'correct':>7}"
    head += f"  {'required':>8} {'found':>5}"
    rows = [head]
    for name, s in [("all", total), *sorted(by_type.items())]:
        rows.append(
            f"  {name:<12} {_pct(s.precision)} {_pct(s.recall)} {_pct(s.f1)}  {s.exported:>8}"
            f" {s.correct:>7}  {s.required:>8} {s.found:>5}"
        )
    return rows


def _rate(r: Rate) -> str:
    return f"{r.hits}/{r.total} ({_pct(r.rate).strip()}%)"


def _detail_lines(d: DocReport) -> list[str]:
    out: list[str] = []
    if d.actors_missed:
        out.append("    actors missed: " + "; ".join(d.actors_missed))
    for m in d.merges:
        out.append(f"    merge: {m['exported']!r} = " + " + ".join(m["gold"]))
    for kind in ("relations", "events"):
        for rec in getattr(d, f"{kind}_missed"):
            out.append(f"    missed {kind[:-1]}: {rec['summary']}  [{rec['why']}]")
            out.append(f"        gold quote: {rec['quote']!r}")
        for rec in getattr(d, f"{kind}_false"):
            out.append(f"    false {kind[:-1]}: {rec['summary']}  [{rec['why']}]")
            out.append(f"        sentence: {rec['quote']!r}")
    for rec in d.events_matched:
        wrong = []
        if rec.get("date_ok") is False:
            wrong.append(f"date {rec.get('date')} (gold {rec.get('gold_date')})")
        if rec.get("modality_ok") is False:
            wrong.append(f"modality {rec.get('modality')} (gold {rec.get('gold_modality')})")
        if wrong:
            out.append(f"    matched event, {'; '.join(wrong)}: {rec.get('quote', '')[:90]!r}")
    return out


def format_report(report: EvalReport, details: bool = False) -> str:
    """A plain-text summary; ``details`` adds every miss and false alarm per document."""
    lines = [
        f"documents: {len(report.docs)}",
        f"actors: {report.actors_found}/{report.actors_gold} found"
        f" ({_pct(report.actor_recall).strip()}%), merge errors: {report.merge_errors}",
        "",
        *_score_rows("relations", report.relations, report.relation_types),
        "",
        *_score_rows("events", report.events, report.event_types),
        "",
        f"matched events: actor/recipient swapped {_rate(report.swaps)}",
        f"  date exact {_rate(report.dates)}, compatible {_rate(report.dates_compatible)}",
        f"  modality {_rate(report.modality)}",
        "",
        f"{'document':<58} {'actors':>7} {'rel P':>5} {'rel R':>5} {'ev P':>5} {'ev R':>5}",
    ]
    for d in report.docs:
        found = f"{len(d.actors_found)}/{d.actors_gold}"
        lines.append(
            f"{d.file[:58]:<58} {found:>7} {_pct(d.relations.precision)}"
            f" {_pct(d.relations.recall)} {_pct(d.events.precision)} {_pct(d.events.recall)}"
        )
        if details:
            lines.extend(_detail_lines(d))
    lines.extend(f"error: {e}" for e in report.errors)
    return "\n".join(lines)
