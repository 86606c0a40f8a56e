"""`claimgraph kb …`: look into the knowledge base and grow it with overlays."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from claimgraph.errors import ClaimgraphError
from claimgraph.render import emit

kb_app = typer.Typer(
    help=(
        "The knowledge base: list and show actors on file, import Wikidata entities or your own "
        "YAML/CSV overlay.\n\nExample: claimgraph kb import wikidata Q1382148.json"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _kb_record(kb: Any, aid: str) -> dict[str, Any]:
    entry = kb.get(aid)
    a = entry.actor
    return {
        "id": a.id,
        "name": a.name,
        "type": a.type,
        "country": a.country,
        "sector": a.sector,
        "aliases": list(a.aliases),
        "description": a.description,
        "source": entry.source,
        "origin": entry.origin,
        "roles": kb.role_records(aid),
        "affiliations": kb.affiliation_records(aid),
    }


def _load() -> Any:
    from claimgraph.cli import _store
    from claimgraph.kb import KnowledgeBase

    with _store() as store:
        return KnowledgeBase.load(store.overlays())


@kb_app.command("list")
def kb_list(
    type: Annotated[str | None, typer.Option("--type", help="only actors of this type")] = None,
    country: Annotated[str | None, typer.Option(help="only actors of this country (ISO3)")] = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="table, json, jsonl or csv")
    ] = None,
) -> None:
    """List the actors on file. Example: claimgraph kb list --type armed_group --country IRQ"""
    from claimgraph.cli import _fail, _fmt

    fmt = _fmt(format)
    try:
        kb = _load()
    except ClaimgraphError as exc:
        _fail(exc)
    rows = (
        _kb_record(kb, aid)
        for aid, e in sorted(kb.entries.items(), key=lambda kv: kv[1].actor.name)
        if (type is None or e.actor.type == type)
        and (country is None or e.actor.country == country)
    )
    emit(rows, fmt, ["name", "type", "country", "id", "origin"], title="Knowledge base")


@kb_app.command("show")
def kb_show(
    name: Annotated[str, typer.Argument(help="a name, alias or id")],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="table, json, jsonl or csv")
    ] = None,
) -> None:
    """What the knowledge base holds on an actor. Example: claimgraph kb show "Hadi al-Ameri" """
    from claimgraph.cli import _fail, _fmt
    from claimgraph.errors import NotFoundError

    fmt = _fmt(format)
    try:
        kb = _load()
        ids = sorted({name} & set(kb.entries) or kb.by_alias(name) or kb.by_skeleton(name))
        if not ids:
            raise NotFoundError(
                f"no actor called {name!r} in the knowledge base; `claimgraph kb list` lists them"
            )
    except ClaimgraphError as exc:
        _fail(exc)
    records = [_kb_record(kb, aid) for aid in ids]
    if fmt != "table":
        emit(records, fmt, ["name", "type", "country", "id", "origin"])
        return
    from rich.console import Console
    from rich.markup import escape

    c = Console()
    for r in records:
        c.rule(f"[bold]{escape(r['name'])}[/bold]  ({r['type']}, {r['id']})")
        c.print(escape(r["description"] or ""))
        c.print(
            f"[dim]country:[/dim] {r['country'] or '-'}   [dim]sector:[/dim] {r['sector'] or '-'}   [dim]source:[/dim] {escape(r['source'])}   [dim]from:[/dim] {escape(r['origin'])}"
        )
        if r["aliases"]:
            c.print("[dim]aliases:[/dim] " + escape(", ".join(r["aliases"])))
        for role in r["roles"]:
            c.print(
                f"  role: {escape(role['role'])}  {role['start'] or '?'} – {role['end'] or 'present'}  [dim]({escape(role['source'] or '')})[/dim]"
            )
        for f in r["affiliations"]:
            c.print(
                f"  {f['type']}: {escape(f['object_name'])}  {f['start'] or ''}–{f['end'] or ''}  [dim]({escape(f['source'] or '')})[/dim]"
            )


@kb_app.command("import")
def kb_import(
    args: Annotated[
        list[str],
        typer.Argument(
            help="`wikidata FILE` (entity JSON, dump lines; .gz/.bz2) or `FILE` (.yaml/.json/.csv overlay)"
        ),
    ],
) -> None:
    """Add actors and facts to this store's knowledge base (an overlay; the package is untouched).

    Examples: claimgraph kb import wikidata Q1382148.json ; claimgraph kb import my-actors.yaml

    Documents ingested afterwards use the new facts; documents already in the store keep the
    resolution they were ingested with.
    """
    from pathlib import Path

    from claimgraph.cli import _fail, _store
    from claimgraph.kb import KnowledgeBase
    from claimgraph.kb.importers import lookups_from_kb, read_overlay, read_wikidata

    if len(args) == 2 and args[0] == "wikidata":
        kind, path = "wikidata", Path(args[1])
    elif len(args) == 1:
        kind, path = "overlay", Path(args[0])
    else:
        raise typer.BadParameter("give `wikidata FILE` or a single overlay FILE")
    if not path.is_file():
        raise typer.BadParameter(f"{path}: no such file")
    try:
        with _store() as store:
            existing = store.overlays()
            if kind == "wikidata":
                result = read_wikidata(path, **lookups_from_kb(KnowledgeBase.load(existing)))
            else:
                result = read_overlay(path)
            origin = f"{kind}:{path.name}"
            KnowledgeBase.load(
                [*existing, (origin, result.document)]
            )  # refuse what would break the KB
            store.add_overlay(origin, result.document)
    except ClaimgraphError as exc:
        _fail(exc)
    typer.echo(result.summary())
    for problem in result.report.get("problems", [])[:20]:
        typer.echo(f"  {problem}", err=True)
