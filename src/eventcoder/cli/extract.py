"""`eventcoder extract`: code articles from files, folders and stdin into JSON lines and DuckDB."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .. import __version__
from ..engine import LocalEngine, RunSummary
from ..ingest import read_inputs
from ..model import AnnotatedDocument, Document, InputError
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import EventStore, RunCounts
from .common import EXIT_OK, EXIT_SOME_FAILED, date_arg


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "extract", help="code events in articles; write JSON lines and the DuckDB store",
        description="Read .txt files, .jsonl files (one article per line), folders and '-' "
                    "(stdin); write one JSON line per document and store everything in DuckDB.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for stdin")
    parser.add_argument("--published", type=date_arg, metavar="YYYY-MM-DD",
                        help="publication date for inputs that do not give one")
    parser.add_argument("--jsonl", metavar="OUT", help="write JSON lines here ('-' for stdout)")
    parser.add_argument("--db", default="eventcoder.duckdb", metavar="PATH",
                        help="DuckDB store to write (default: %(default)s)")
    parser.add_argument("--no-store", action="store_true", help="do not write the store")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per parse batch")
    parser.set_defaults(handler=run)


class Sinks:
    """Where a run's batches go: a JSON-lines stream and the store."""

    def __init__(self, jsonl: IO[str] | None, store: EventStore | None, run_id: int | None):
        self.jsonl, self.store, self.run_id = jsonl, store, run_id
        self.stored = 0

    def __call__(self, annotated: list[AnnotatedDocument], errors: list[InputError]) -> None:
        if self.jsonl is not None:
            for doc in annotated:
                self.jsonl.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
            self.jsonl.flush()
        if self.store is not None:
            self.stored += self.store.write(annotated, errors, self.run_id)


def _run(pipeline: Pipeline, items: list[Document | InputError], sinks: Sinks,
         err: Console) -> RunSummary:
    engine = LocalEngine(pipeline)
    if len(items) <= 1:
        return engine.run(items, sinks)
    with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("coding", total=len(items))
        return engine.run(items, sinks, lambda n: progress.advance(task, n))


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    err = Console(stderr=True)
    settings = Settings(published=args.published, batch_size=max(1, args.batch_size))
    pipeline = Pipeline(settings)
    items = list(read_inputs(args.inputs, published=args.published))
    with ExitStack() as stack:
        jsonl = None
        if args.jsonl == "-":
            jsonl = sys.stdout
        elif args.jsonl:
            jsonl = stack.enter_context(Path(args.jsonl).open("w", encoding="utf-8"))
        store = None if args.no_store else EventStore.open(args.db, __version__)
        if store is not None:
            stack.callback(store.close)
        run_id = store.start_run(args.inputs) if store else None
        sinks = Sinks(jsonl, store, run_id)
        summary = _run(pipeline, items, sinks, err)
        if store is not None and run_id is not None:
            store.finish_run(run_id, RunCounts(summary.documents, sinks.stored, summary.events,
                                               len(summary.errors), summary.seconds))
    print_summary(summary, sinks.stored, None if args.no_store else args.db, err)
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def print_summary(summary: RunSummary, stored: int, db: str | None, err: Console) -> None:
    """The end-of-run summary on stderr: counts, speed, and every failed input."""
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    err.print(f"{summary.documents} documents coded, {summary.events} events, "
              f"{len(summary.errors)} failed ({summary.seconds:.1f} s, {rate:.1f} docs/s)")
    if db is not None:
        err.print(f"store {db}: {stored} documents written "
                  f"({summary.documents - stored} already there)")
    for error in summary.errors:
        where = f"{error.source}:{error.line}" if error.line else error.source
        err.print(f"[red]failed[/red] {where}: {error.reason}", highlight=False)
