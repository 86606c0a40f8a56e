"""Actor-resolution accuracy on the hand-written test set ``tests/data/resolution.jsonl``.

    python bench/resolution_report.py [--data FILE] [--model NAME] [--all]

Each line of the set is ``{"text", "mention", "occurrence", "expected", "note"}``: the
``occurrence``-th occurrence of ``mention`` in ``text`` should resolve to the KB actor whose
canonical name is ``expected``; ``"NEW"`` means a new actor that is not in the KB (a ``cg-`` id
the KB does not hold); ``null`` means no actor at all (nothing resolved there, or only a place).
The category of a case is the part of its ``note`` before the colon.

Every distinct text is parsed once and resolved with :func:`claimgraph.actors.resolve_actors`;
a resolved mention matches when its character span overlaps the expected span (the largest
overlap wins). ``tests/test_resolution_set.py`` runs the same evaluation under pytest and asserts
the project's acceptance bar (``ACCEPTANCE``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.actors import ActorMention, resolve_actors
from claimgraph.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "resolution.jsonl"
ACCEPTANCE = 0.95
NEW = "NEW"


@dataclass(slots=True)
class Case:
    line: int
    text: str
    mention: str
    occurrence: int
    expected: str | None
    note: str
    start: int = 0
    end: int = 0

    @property
    def category(self) -> str:
        return self.note.split(":", 1)[0].strip()


@dataclass(slots=True)
class Outcome:
    case: Case
    correct: bool
    got: str | None  # canonical name, "NEW <name>" or None
    detail: str  # how it was resolved, or which spaCy entities cover the span
    ents: list[str] = field(default_factory=list)


def load_cases(path: Path = DATA) -> list[Case]:
    """Read the set; every mention must occur in its text at least ``occurrence`` times."""
    cases = []
    with path.open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            row = json.loads(raw)
            case = Case(
                line=n,
                text=row["text"],
                mention=row["mention"],
                occurrence=int(row.get("occurrence", 1)),
                expected=row["expected"],
                note=row["note"],
            )
            pos = -1
            for _ in range(case.occurrence):
                pos = case.text.find(case.mention, pos + 1)
                if pos < 0:
                    raise ValueError(
                        f"{path}:{n}: {case.mention!r} does not occur "
                        f"{case.occurrence} time(s) in the text"
                    )
            case.start, case.end = pos, pos + len(case.mention)
            cases.append(case)
    return cases


def _char_span(doc: Any, m: ActorMention) -> tuple[int, int]:
    last = doc[m.end - 1]
    return doc[m.start].idx, last.idx + len(last.text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _name(aid: str, res: Any, kb: KnowledgeBase) -> str:
    actor = kb.actor(aid)
    if actor is not None:
        return actor.name
    return f"{NEW} {res.actors[aid].name}" if aid in res.actors else f"{NEW} ?"


def score_case(case: Case, doc: Any, res: Any, kb: KnowledgeBase) -> Outcome:
    span = (case.start, case.end)
    hits = [(m, _overlap(span, _char_span(doc, m))) for m in res.mentions]
    hits = [(m, o) for m, o in hits if o > 0]
    ents = [
        f"{e.label_}[{e.text}]" for e in doc.ents if _overlap(span, (e.start_char, e.end_char)) > 0
    ]
    if case.expected is None:
        acting = [m for m, _ in hits if not m.is_place]
        if not acting:
            return Outcome(case, True, None, "no actor", ents)
        m = acting[0]
        return Outcome(
            case, False, _name(m.actor, res, kb), f"{m.method} {m.label} '{m.text}'", ents
        )
    if not hits:
        return Outcome(case, False, None, "no mention resolved", ents)
    m = max(hits, key=lambda h: h[1])[0]  # first of the largest overlaps
    got = _name(m.actor, res, kb)
    detail = f"{m.method} {m.label} '{m.text}'" + (" place" if m.is_place else "")
    if case.expected == NEW:
        ok = m.actor.startswith("cg-") and m.actor not in kb
    else:
        ok = got == case.expected
    return Outcome(case, ok, got, detail, ents)


def evaluate(nlp: Any, kb: KnowledgeBase, cases: list[Case]) -> list[Outcome]:
    """Parse each distinct text once, resolve it, and score every case of that text."""
    by_text: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_text[case.text].append(case)
    outcomes: dict[int, Outcome] = {}
    for text, group in by_text.items():
        doc = nlp(text)
        res = resolve_actors(doc, kb)
        for case in group:
            outcomes[case.line] = score_case(case, doc, res, kb)
    return [outcomes[c.line] for c in cases]


def accuracy(outcomes: list[Outcome]) -> float:
    return sum(o.correct for o in outcomes) / len(outcomes) if outcomes else 0.0


def _kind(case: Case) -> str:
    if case.expected is None:
        return "null (not an actor)"
    return "NEW (not in KB)" if case.expected == NEW else "KB actor"


def format_report(outcomes: list[Outcome], show_all: bool = False) -> str:
    lines = []
    n, ok = len(outcomes), sum(o.correct for o in outcomes)
    texts = len({o.case.text for o in outcomes})
    lines.append(f"Actor resolution: {ok}/{n} correct = {accuracy(outcomes):.1%}")
    lines.append(f"  ({texts} passages; acceptance bar {ACCEPTANCE:.0%})")
    for title, key in (("By category", lambda c: c.category), ("By expectation", _kind)):
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for o in outcomes:
            groups[key(o.case)].append(o)
        lines.append(f"\n{title}:")
        for name in sorted(groups, key=lambda g: (accuracy(groups[g]), g)):
            grp = groups[name]
            good = sum(o.correct for o in grp)
            lines.append(f"  {name:<22} {good:>4}/{len(grp):<4} {accuracy(grp):6.1%}")
    shown = [o for o in outcomes if show_all or not o.correct]
    lines.append(f"\n{'Cases' if show_all else 'Failures'} ({len(shown)}):")
    for o in sorted(shown, key=lambda o: (o.case.category, o.case.line)):
        c = o.case
        mark = "ok  " if o.correct else "FAIL"
        lines.append(
            f"  {mark} line {c.line:>3} [{c.note}] '{c.mention}'"
            f" expected={c.expected!r} got={o.got!r} ({o.detail});"
            f" spaCy: {', '.join(o.ents) or 'no entity'}"
        )
        lines.append(f"        | {c.text[:150]}{'…' if len(c.text) > 150 else ''}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: claimgraph's)")
    ap.add_argument("--all", action="store_true", help="list every case, not only failures")
    args = ap.parse_args(argv)
    from claimgraph.pipeline import Analyzer

    kb = KnowledgeBase.load()
    analyzer = Analyzer(kb, args.model)
    outcomes = evaluate(analyzer.nlp, kb, load_cases(args.data))
    print(format_report(outcomes, show_all=args.all))
    return 0 if accuracy(outcomes) >= ACCEPTANCE else 1


if __name__ == "__main__":
    sys.exit(main())
