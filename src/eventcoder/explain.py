"""Why a text was coded as it was: the parse, the actors, each event's rule, the rejections."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from rich.console import Console
from rich.table import Table

from .model import Document, content_hash
from .pipeline import Pipeline
from .resources import bundled, read_tsv


@lru_cache(maxsize=1)
def rule_steps() -> dict[str, str]:
    """What each '+step' of a rule id means."""
    return {row["step"]: row["meaning"]
            for _, row in read_tsv(bundled("data", "rule_steps.tsv"), ("step", "meaning"))}


def render_explanation(pipeline: Pipeline, text: str, published: date | None,
                       console: Console) -> None:
    """Print the explanation of how the pipeline codes a text."""
    document = Document(text=text, doc_id=content_hash(text), published=published)
    analysis = next(pipeline.analyse_many([document]))
    parse = Table(title="Parse")
    for column in ("i", "token", "lemma", "pos", "dep", "head", "entity"):
        parse.add_column(column)
    for token in analysis.doc:
        parse.add_row(str(token.i), token.text, token.lemma_, token.pos_, token.dep_,
                      f"{token.head.i} {token.head.text}", token.ent_type_)
    console.print(parse)

    actors = Table(title="Actors")
    for column in ("id", "name", "kind", "code", "mentions"):
        actors.add_column(column)
    for actor in analysis.annotated.actors:
        actors.add_row(actor.id, actor.name, actor.kind, actor.code or "-",
                       "; ".join(m.text for m in actor.mentions))
    console.print(actors)

    events = analysis.annotated.events
    if events:
        table = Table(title="Events")
        for column in ("source", "code", "target", "trigger", "rule", "modality", "date",
                       "confidence"):
            table.add_column(column)
        for event in events:
            code = f"{event.code.cameo} {event.code.name} / {event.code.plover_type}"
            table.add_row(
                event.source.text if event.source else "-",
                ("NOT " if event.negated else "") + code,
                event.target.text if event.target else "-",
                event.trigger.text, event.rule, event.modality,
                f"{event.date} ({event.date_precision}, {event.date_source})",
                f"{event.confidence:.2f}")
        console.print(table)
        steps = rule_steps()
        used = dict.fromkeys(step for event in events for step in event.rule.split("+")[1:]
                             if step in steps)
        for step in used:
            console.print(f"  +{step}: {steps[step]}", highlight=False)
    else:
        console.print("[bold]No event coded.[/bold]")
    considered = [c for c in analysis.considered if "coded" not in c.outcome]
    if considered:
        console.print("[bold]Considered and rejected:[/bold]")
        for item in considered:
            console.print(f"  {item.token.text!r} (token {item.token.i}): {item.outcome}")
    elif not events:
        console.print("No word of the text is in the pattern lexicon.")
