"""`eventcoder demo`: code the bundled sample articles, print their events, write the store."""

from __future__ import annotations

import argparse
import shlex

from .. import __version__
from ..ingest import parse_published
from ..model import Document
from ..pipeline import Pipeline
from ..resources import bundled, read_jsonl
from ..settings import Settings
from ..store import EventStore, RunCounts, update_clusters
from .common import EXIT_OK, add_db_argument, events_table, stdout_console

DEMO_ARTICLES = ("data", "demo", "articles.jsonl")
EXPLAIN_EXAMPLE = "Russian troops shelled Kharkiv on Tuesday."


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "demo", help="run the pipeline on bundled sample articles and show the events",
        description="Code the bundled sample articles, print their events, write the store.")
    add_db_argument(parser, "write", default="eventcoder-demo.duckdb")
    parser.set_defaults(handler=run)


def demo_documents() -> list[Document]:
    """The sample articles bundled with the package."""
    path = bundled(*DEMO_ARTICLES)
    return [Document(text=o["text"], doc_id=o["doc_id"], title=o.get("title"), url=o.get("url"),
                     published=parse_published(o.get("published")), source=str(path), line=line)
            for line, o in read_jsonl(path)]


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    out = stdout_console()
    documents = demo_documents()
    annotated = list(Pipeline(Settings()).annotate_many(documents))
    events = sum(len(a.events) for a in annotated)
    store = EventStore.open(args.db, __version__)
    try:
        run_id = store.start_run([d.doc_id for d in documents])
        stored = store.write(annotated, [], run_id)
        update_clusters(store.con)  # so that the explorer's cluster view has something
        store.finish_run(run_id, RunCounts(len(annotated), stored, events, 0, 0.0))
    finally:
        store.close()
    out.print(events_table(annotated, f"{events} events in {len(annotated)} sample articles",
                           out.width))
    # Commands on lines of their own, never broken, so that they can be copied whole.
    out.print(f"Store written to {args.db}. Next, explore its events in your browser:")
    out.print(f"  {next_command(args.db)}", soft_wrap=True)
    out.print("Or see why a sentence is coded as it is:")
    out.print(f'  eventcoder explain "{EXPLAIN_EXAMPLE}"', soft_wrap=True)
    return EXIT_OK


def next_command(db: str) -> str:
    """The command to try after the demo: the explorer on the store it wrote."""
    return f"eventcoder serve --db {shlex.quote(db)}"
