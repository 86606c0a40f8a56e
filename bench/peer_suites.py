"""Run claimgraph on the peer test suites (PLOVER GSR records, PETRARCH-2 unit tests).

    python bench/peer_suites.py [--plover FILE] [--petrarch DIR] [--model NAME] [--json OUT]

The suites are read where they are (``../shared/peer-suites`` from the repository root).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from claimgraph.kb import KnowledgeBase
from claimgraph.peers import format_petrarch, format_plover, run_petrarch, run_plover
from claimgraph.pipeline import Analyzer

ROOT = Path(__file__).resolve().parents[1]
SUITES = ROOT.parent / "shared" / "peer-suites"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plover", type=Path, default=SUITES / "plover" / "PLOVER_GSR_CAMEO.txt")
    ap.add_argument("--petrarch", type=Path, default=SUITES / "petrarch2")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: claimgraph's)")
    ap.add_argument("--json", type=Path, default=None, help="also write the full results here")
    ap.add_argument("--skip", choices=["plover", "petrarch"], action="append", default=[])
    args = ap.parse_args(argv)
    results = {}
    if "plover" not in args.skip:
        t = time.perf_counter()
        results["plover"] = run_plover(args.plover, Analyzer(KnowledgeBase.load(), args.model))
        print(format_plover(results["plover"]))
        print(f"  ({time.perf_counter() - t:.1f} s)\n")
    if "petrarch" not in args.skip:
        t = time.perf_counter()
        results["petrarch"] = run_petrarch(args.petrarch, args.model)
        print(format_petrarch(results["petrarch"]))
        print(f"  ({time.perf_counter() - t:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=sorted), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
