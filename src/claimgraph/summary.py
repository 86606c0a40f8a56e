"""A readable summary of what ingesting found: actors, relations, events with their quotes."""

from __future__ import annotations

from collections import Counter

from claimgraph.kb import KnowledgeBase
from claimgraph.model import Extraction


def print_summary(extractions: list[Extraction], kb: KnowledgeBase) -> None:
    from rich.console import Console
    from rich.markup import escape

    c = Console()
    for ex in extractions:
        d = ex.document
        names = {aid: a.name for aid, a in ex.actors.items()}
        c.rule(f"[bold]{escape(d.title or d.id)}[/bold]")
        c.print(
            f"[dim]publisher:[/dim] {escape(d.publisher or 'unknown')}   [dim]published:[/dim] {d.published or 'unknown'}   [dim]id:[/dim] {d.id}"
        )
        counts = Counter(m.actor for m in ex.mentions)
        c.print(f"\n[bold]Actors[/bold] ({len(counts)})")
        for aid, n in counts.most_common():
            a = ex.actors[aid]
            known = "on file" if aid in kb else "new"
            c.print(f"  {escape(a.name)}  [dim]{a.type} · {aid} · {known} · {n} mention(s)[/dim]")
        c.print(f"\n[bold]Relations[/bold] ({len(ex.relations)})")
        for r in ex.relations:
            c.print(
                f"  {escape(names.get(r.subject, r.subject))} [cyan]{r.type}[/cyan] {escape(names.get(r.object, r.object))}  [dim]{r.modality}[/dim]"
            )
            c.print(f"    “{escape(r.evidence.quote)}”", style="dim")
        c.print(f"\n[bold]Events[/bold] ({len(ex.events)})")
        for e in ex.events:
            who = ", ".join(names.get(a, a) for a in e.actors) or "?"
            whom = ", ".join(names.get(a, a) for a in e.recipients) or "?"
            said = (
                f" · according to {names.get(e.attributed_to, e.attributed_to)}"
                if e.attributed_to
                else ""
            )
            c.print(
                f"  {e.date or 'undated'}  [magenta]{e.type}{'/' + e.mode if e.mode else ''}[/magenta]  {escape(who)} → {escape(whom)}  [dim]{e.modality}{escape(said)}[/dim]"
            )
            for f in e.flags:
                c.print(
                    f"    [red]⚑ {f.kind}[/red]: {escape(f.message)}; on file: {escape(f.kb_fact or '')}"
                )
            c.print(f"    “{escape(e.evidence.quote)}”", style="dim")
        c.print()
