"""Output for people and for tools: one shared ``--format table|json|jsonl|csv`` for listings."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMATS = ("table", "json", "jsonl", "csv")


def default_format(stream: IO[str] | None = None) -> str:
    """A table on a terminal, JSON Lines into a pipe or file."""
    stream = stream or sys.stdout
    return "table" if stream.isatty() else "jsonl"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    title: str | None = None,
    out: IO[str] | None = None,
) -> int:
    """Write rows in a format; ``columns`` picks and orders the table/CSV columns. Returns the count."""
    out = out or sys.stdout
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "json":
        data = list(rows)
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(data)
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            n += 1
        return n
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*[escape(_cell(row.get(c))) for c in columns])
        n += 1
    Console(file=out, soft_wrap=False).print(table)
    return n
