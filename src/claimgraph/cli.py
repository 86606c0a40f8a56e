"""The command line: a thin layer over the library. Each command makes one library call."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError, IngestError
from claimgraph.render import FORMATS, default_format, emit

app = typer.Typer(
    help=(
        "claimgraph: who did what to whom, when — according to whom.\n\n"
        "Example:\n\n"
        "  claimgraph ingest article.txt --publisher 'Some Outlet' --published 2022-07-25\n\n"
        "  claimgraph show 'al-Maliki'"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class State:
    db: str = "claimgraph.db"
    model: str | None = None


STATE = State()
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, json, jsonl or csv (default: table on a terminal, else jsonl)",
    ),
]


def _fmt(value: str | None) -> str:
    fmt = value or default_format()
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def _store() -> Any:
    from claimgraph.store import Store

    return Store(STATE.db)


def _fail(exc: ClaimgraphError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(2)


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option("--db", help="the store (SQLite); default claimgraph.db, or $CLAIMGRAPH_DB"),
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="spaCy pipeline to use (e.g. en_core_web_md)")
    ] = None,
    version: Annotated[bool, typer.Option("--version", help="print the version and exit")] = False,
) -> None:
    if version:
        typer.echo(f"claimgraph {__version__}")
        raise typer.Exit(0)
    STATE.db = db or os.environ.get("CLAIMGRAPH_DB") or "claimgraph.db"
    STATE.model = model


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="files, folders (.txt/.html/.jsonl inside), or - for stdin")
    ],
    publisher: Annotated[str | None, typer.Option(help="publisher of a single input")] = None,
    published: Annotated[
        str | None, typer.Option(help="publication date (ISO) of a single input")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="URL of a single input (recorded, never fetched)")
    ] = None,
    title: Annotated[str | None, typer.Option(help="title of a single input")] = None,
    language: Annotated[
        str | None, typer.Option(help="force a language and skip the English check")
    ] = None,
    input_format: Annotated[str, typer.Option(help="auto, text, html or jsonl")] = "auto",
    max_chars: Annotated[int, typer.Option(help="skip texts longer than this")] = 1_000_000,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="worker processes")] = 1,
    summary: Annotated[
        bool, typer.Option(help="print the actors, relations and events found")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
) -> None:
    """Read articles, extract actors, relations and events, and store them.

    Example: claimgraph ingest article.txt --publisher "Some Outlet" --published 2022-07-25

    Exit status: 0 when every input was ingested (or was there already), 1 when some were skipped.
    """
    from claimgraph.ingest import IngestOptions, iter_sources
    from claimgraph.ingest.readers import expand_paths, parse_date
    from claimgraph.pipeline import Pipeline

    if input_format not in ("auto", "text", "html", "jsonl"):
        raise typer.BadParameter("--input-format must be auto, text, html or jsonl")
    try:
        published = parse_date(published)
    except IngestError as exc:
        raise typer.BadParameter(exc.message) from None
    options = IngestOptions(
        publisher=publisher,
        published=published,
        url=url,
        title=title,
        language=language,
        max_chars=max_chars,
        input_format=input_format,
    )
    files = expand_paths(paths)
    try:
        with _store() as store:
            pipeline = Pipeline(store, model=STATE.model)
            items = iter_sources(paths, options)
            report = _run_with_progress(
                pipeline, items, len(files), jobs, quiet or not sys.stderr.isatty(), summary
            )
            for err in report.errors:
                typer.echo(f"skipped {err}", err=True)
            typer.echo(
                f"ingested {len(report.ingested)} document(s), {report.words:,} words; "
                f"{len(report.duplicates)} already in the store; {len(report.errors)} skipped",
                err=True,
            )
            if summary:
                from claimgraph.summary import print_summary

                print_summary(report.ingested, pipeline.kb)
    except ClaimgraphError as exc:
        _fail(exc)
    raise typer.Exit(0 if report.ok else 1)


def _run_with_progress(
    pipeline: Any, items: Any, total: int, jobs: int, quiet: bool, keep: bool
) -> Any:
    if quiet:
        return pipeline.ingest(items, jobs=jobs, keep=keep)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        return pipeline.ingest(
            items, jobs=jobs, progress=lambda _item: progress.advance(task), keep=keep
        )


@app.command()
def actors(
    type: Annotated[str | None, typer.Option("--type", help="only actors of this type")] = None,
    limit: Annotated[int, typer.Option(help="at most this many (0: all)")] = 0,
    format: FormatOpt = None,
) -> None:
    """List the actors found, with mention counts. Example: claimgraph actors --type person"""
    fmt = _fmt(format)
    from claimgraph.export.jsonl import record_of_actor

    with _store() as store:
        rows: Iterator[dict[str, Any]] = (
            record_of_actor(a, mentions=n)
            for a, n in store.actors()
            if type is None or a.type == type
        )
        if limit:
            from itertools import islice

            rows = islice(rows, limit)
        emit(rows, fmt, ["name", "type", "country", "mentions", "id"], title="Actors")


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="an actor's name, alias or id")],
    format: FormatOpt = None,
) -> None:
    """A dossier: who this is, roles, relations and events, each with its quote and source.

    Example: claimgraph show "al-Maliki"
    """
    from claimgraph.dossier import build_dossier, print_dossier

    fmt = _fmt(format)
    try:
        with _store() as store:
            from claimgraph.kb import KnowledgeBase

            dossiers = build_dossier(store, KnowledgeBase.load(store.overlays()), name)
    except ClaimgraphError as exc:
        _fail(exc)
    if fmt == "table":
        for d in dossiers:
            print_dossier(d)
    else:
        emit(dossiers, fmt, ["name", "id", "type"])


@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="events this actor took part in")] = None,
    type: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER type (repeatable)")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="on or after this date (2020, 2020-01, 2020-01-03)")
    ] = None,
    until: Annotated[str | None, typer.Option(help="on or before this date")] = None,
    format: FormatOpt = None,
) -> None:
    """List events. Example: claimgraph events --actor "Hadi al-Ameri" --type ASSAULT --since 2020"""
    from claimgraph.queries import event_rows

    fmt = _fmt(format)
    try:
        with _store() as store:
            rows = list(event_rows(store, actor, type, since, until))
    except ClaimgraphError as exc:
        _fail(exc)
    emit(
        rows,
        fmt,
        ["date", "type", "mode", "actors", "recipients", "status", "publisher", "quote"],
        title="Events",
    )


@app.command()
def relations(
    actor: Annotated[str | None, typer.Option(help="relations of this actor")] = None,
    format: FormatOpt = None,
) -> None:
    """List relations. Example: claimgraph relations --actor "Badr Organization" """
    from claimgraph.queries import relation_rows

    fmt = _fmt(format)
    try:
        with _store() as store:
            rows = list(relation_rows(store, actor))
    except ClaimgraphError as exc:
        _fail(exc)
    emit(
        rows,
        fmt,
        ["subject", "type", "object", "status", "publisher", "quote"],
        title="Relations",
    )


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (the contract) or plover")
    ] = "jsonl",
    output: Annotated[str, typer.Option("--output", "-o", help="file, or - for stdout")] = "-",
) -> None:
    """Export everything. Example: claimgraph export --format jsonl > all.jsonl"""
    import json

    from claimgraph.export import export_records
    from claimgraph.kb import KnowledgeBase

    if format not in ("jsonl", "plover"):
        raise typer.BadParameter("--format must be jsonl or plover")
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        with _store() as store:
            if format == "plover":
                from claimgraph.export.plover import plover_records

                records = plover_records(store)
            else:
                records = export_records(store, KnowledgeBase.load(store.overlays()))
            for rec in records:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    except ClaimgraphError as exc:
        _fail(exc)
    finally:
        if out is not sys.stdout:
            out.close()


@app.command()
def contradictions(
    actor: Annotated[
        str | None, typer.Option(help="only contradictions involving this actor")
    ] = None,
    format: FormatOpt = None,
) -> None:
    """Where sources disagree (perpetrator, date, numbers, denial) or a text contradicts a fact on
    file (role held outside its dates), with both sides' quotes and publishers.

    Example: claimgraph contradictions --actor "Mustafa al-Kadhimi"
    """
    from claimgraph.corroborate import list_contradictions
    from claimgraph.queries import actor_id_for

    fmt = _fmt(format)
    try:
        with _store() as store:
            ids = actor_id_for(store, actor) if actor else [None]
            rows = [c for aid in ids for c in list_contradictions(store, aid)]
    except ClaimgraphError as exc:
        _fail(exc)
    if fmt == "table":
        from claimgraph.dossier import print_contradictions

        print_contradictions(rows)
    else:
        emit(rows, fmt, ["kind", "type", "date", "summary"])


@app.command()
def sources(format: FormatOpt = None) -> None:
    """Per publisher: claims corroborated, contradicted, hedged, single-source, and the share of
    sentences using loaded terms for actors (one documented lexicon for every publisher).

    Example: claimgraph sources --format csv
    """
    from claimgraph.corroborate import source_profiles

    fmt = _fmt(format)
    with _store() as store:
        rows = source_profiles(store)
    columns = (
        [k for k, v in rows[0].items() if not isinstance(v, (list, dict))]
        if rows
        else ["publisher"]
    )
    emit(rows, fmt, columns, title="Sources")


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="gold JSON Lines (see docs/evaluation.md)")],
    texts: Annotated[Path, typer.Option("--texts", help="folder with the gold documents' texts")],
    details: Annotated[
        bool, typer.Option(help="list every miss and false alarm with its quote")
    ] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    keep_db: Annotated[Path | None, typer.Option(help="keep the evaluation store here")] = None,
) -> None:
    """Score extraction against a gold set: precision, recall and F1 for actors, relations and
    events (per type), swaps, dates and modality.

    Example: claimgraph eval ../shared/gold/dev.jsonl --texts ../shared/samples/open
    """
    import json

    from claimgraph.evaluate import evaluate
    from claimgraph.evaluate.report import format_report

    if not gold.is_file():
        raise typer.BadParameter(f"{gold}: no such file")
    if not texts.is_dir():
        raise typer.BadParameter(f"{texts}: no such folder")
    try:
        report = evaluate(gold, texts, db_path=keep_db, model=STATE.model)
    except ClaimgraphError as exc:
        _fail(exc)
    if format == "json":
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_report(report, details=details))


def main() -> None:
    app()


from claimgraph.cli_kb import kb_app  # noqa: E402  (registered after the shared helpers above)

app.add_typer(kb_app, name="kb")
