"""Actor-resolution accuracy on the hand-written set ``tests/data/resolution.jsonl``.

The evaluation itself lives in ``bench/resolution_report.py`` (which prints the same report
without pytest); this test runs it with the session's shared ``analyzer`` and asserts the
project's acceptance bar. Run ``pytest tests/test_resolution_set.py -s`` to see the report.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimgraph.kb import KnowledgeBase
from claimgraph.pipeline import Analyzer

BENCH = Path(__file__).resolve().parents[1] / "bench" / "resolution_report.py"


def _load_report() -> ModuleType:
    spec = importlib.util.spec_from_file_location("resolution_report", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


report = _load_report()


@pytest.fixture(scope="module")
def cases() -> list[Any]:
    return list(report.load_cases())


@pytest.fixture(scope="module")
def outcomes(analyzer: Analyzer, cases: list[Any]) -> list[Any]:
    return list(report.evaluate(analyzer.nlp, analyzer.kb, cases))


def test_set_is_well_formed(cases: list[Any], kb: KnowledgeBase) -> None:
    """At least 220 mentions, each with a category, and every expected name is canonical."""
    assert len(cases) >= 220
    canonical = {entry.actor.name for entry in kb.entries.values()}
    unknown = {
        c.expected
        for c in cases
        if c.expected not in (None, report.NEW) and c.expected not in canonical
    }
    assert not unknown, f"expected names that are not canonical KB names: {sorted(unknown)}"
    assert all(c.category for c in cases)
    assert all(c.text[c.start : c.end] == c.mention for c in cases)


def test_resolution_accuracy(outcomes: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    text = report.format_report(outcomes)
    with capsys.disabled():
        print("\n" + text)
    acc = report.accuracy(outcomes)
    assert acc >= report.ACCEPTANCE, (
        f"resolution accuracy {acc:.1%} is below the acceptance bar "
        f"{report.ACCEPTANCE:.0%}:\n{text}"
    )
