"""An actor's dossier: identity, roles on file, relations and events with quotes and sources."""

from __future__ import annotations

from typing import Any

from claimgraph.kb import KnowledgeBase
from claimgraph.queries import actor_id_for, event_rows, relation_rows
from claimgraph.store import Store


def build_dossier(store: Store, kb: KnowledgeBase, query: str) -> list[dict[str, Any]]:
    """One dossier per actor the query names."""
    out = []
    for aid in actor_id_for(store, query):
        actor = store.actor(aid)
        assert actor is not None
        entry = kb.get(aid)
        mentions = store.conn.execute(
            "SELECT count(*) FROM mentions WHERE actor=?", (aid,)
        ).fetchone()[0]
        out.append(
            {
                "id": aid,
                "name": actor.name,
                "type": actor.type,
                "country": actor.country,
                "description": actor.description,
                "aliases": list(actor.aliases),
                "source": entry.source if entry else None,
                "mentions": mentions,
                "roles": kb.role_records(aid),
                "affiliations_on_file": kb.affiliation_records(aid),
                "relations": list(relation_rows(store, aid)),
                "events": list(event_rows(store, aid)),
            }
        )
    return out


def print_dossier(d: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape

    c = Console()
    c.rule(f"[bold]{escape(d['name'])}[/bold]  ({d['type']}, {d['id']})")
    if d["description"]:
        c.print(escape(d["description"]))
    if d["aliases"]:
        c.print("[dim]also:[/dim] " + escape(", ".join(d["aliases"][:12])))
    c.print(
        f"[dim]mentions:[/dim] {d['mentions']}"
        + (f"   [dim]on file:[/dim] {escape(d['source'])}" if d["source"] else "")
    )
    if d["roles"]:
        c.print("\n[bold]Roles on file[/bold]")
        for r in d["roles"]:
            c.print(
                f"  {escape(r['role'])}  {r['start'] or '?'} – {r['end'] or 'present'}  [dim]({escape(r['source'] or '')})[/dim]"
            )
    if d["affiliations_on_file"]:
        c.print("\n[bold]Affiliations on file[/bold]")
        for f in d["affiliations_on_file"]:
            c.print(
                f"  {f['type']} {escape(f['object_name'])}  {f['start'] or ''}–{f['end'] or ''}  [dim]({escape(f['source'] or '')})[/dim]"
            )
    if d["relations"]:
        c.print("\n[bold]Relations claimed in the texts[/bold]")
        for r in d["relations"]:
            c.print(
                f"  {escape(r['subject']['name'])} [cyan]{r['type']}[/cyan] {escape(r['object']['name'])}  [dim]{escape(r['status'])} · {escape(r['publisher'] or 'unknown publisher')}[/dim]"
            )
            c.print(f"    “{escape(r['quote'])}”", style="dim")
    if d["events"]:
        c.print("\n[bold]Events[/bold]")
        for e in d["events"]:
            who = ", ".join(a["name"] for a in e["actors"]) or "?"
            whom = ", ".join(a["name"] for a in e["recipients"]) or "?"
            c.print(
                f"  {e['date'] or 'undated'}  [magenta]{e['type']}{'/' + e['mode'] if e['mode'] else ''}[/magenta]  {escape(who)} → {escape(whom)}  [dim]{escape(e['status'])} · {escape(e['publisher'] or 'unknown publisher')}[/dim]"
            )
            for f in e["flags"]:
                c.print(
                    f"    [red]⚑ {f['kind']}[/red]: {escape(f['message'])}; on file: {escape(f['kb_fact'] or '')}"
                )
            c.print(f"    “{escape(e['quote'])}”", style="dim")
    c.print()


def print_contradictions(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.markup import escape

    c = Console()
    if not rows:
        c.print("No contradictions found.")
        return
    for con in rows:
        c.rule(f"[red]{con['kind']}[/red]  {con.get('type') or ''} {con.get('date') or ''}")
        c.print(escape(con.get("summary") or ""))
        for side in con.get("sides", []):
            c.print(f"  [bold]{escape(str(side.get('claim', '')))}[/bold]")
            if side.get("knowledge_base"):
                c.print(f"    on file: {escape(str(side.get('source', '')))}", style="dim")
            seen: set[tuple[str, str]] = set()
            for ev in side.get("evidence", []):
                # One sentence can carry several events of a side (an attack, a death, the
                # wounded): its quote is shown once.
                key = (ev.get("document") or "", ev.get("quote") or "")
                if key in seen:
                    continue
                seen.add(key)
                who = escape(ev.get("publisher") or "unknown publisher")
                c.print(f"    {who}: “{escape(key[1])}”", style="dim", highlight=False)
        c.print()
