"""The `eventcoder` command: a thin layer over the library; errors become messages here."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .engine import LocalEngine, RunSummary
from .errors import EventcoderError, InputReadError
from .explain import render_explanation
from .ingest import parse_published, read_inputs
from .model import ActorRef, AnnotatedDocument, Document, InputError
from .pipeline import Pipeline
from .resources import bundled, read_jsonl
from .settings import Settings
from .store import EventStore, RunCounts

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
DEMO_ARTICLES = ("data", "demo", "articles.jsonl")


def _date_arg(value: str) -> date:
    try:
        parsed = parse_published(value)
    except InputReadError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if parsed is None:
        raise argparse.ArgumentTypeError("a date is required")
    return parsed


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="eventcoder",
        description="Political event data from news text: who did what to whom, when, where.")
    parser.add_argument("--version", action="version", version=f"eventcoder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract", help="code events in articles; write JSON lines and the DuckDB store",
        description="Read .txt files, .jsonl files (one article per line), folders and '-' "
                    "(stdin); write one JSON line per document and store everything in DuckDB.")
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for stdin")
    extract.add_argument("--published", type=_date_arg, metavar="YYYY-MM-DD",
                         help="publication date for inputs that do not give one")
    extract.add_argument("--jsonl", metavar="OUT", help="write JSON lines here ('-' for stdout)")
    extract.add_argument("--db", default="eventcoder.duckdb", metavar="PATH",
                         help="DuckDB store to write (default: %(default)s)")
    extract.add_argument("--no-store", action="store_true", help="do not write the store")
    extract.add_argument("--batch-size", type=int, default=32, help="documents per parse batch")

    demo = commands.add_parser(
        "demo", help="run the pipeline on bundled sample articles and show the events",
        description="Code the bundled sample articles, print their events, write the store.")
    demo.add_argument("--db", default="eventcoder-demo.duckdb", metavar="PATH",
                      help="DuckDB store to write (default: %(default)s)")

    explain = commands.add_parser(
        "explain", help="show the parse, actors and rules behind the events of a sentence",
        description="Show how a sentence is coded: parse, actors, each event's rule, and what "
                    "was considered and rejected.")
    explain.add_argument("text", help="the sentence or text to explain")
    explain.add_argument("--published", type=_date_arg, metavar="YYYY-MM-DD",
                         help="publication date to resolve times against")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    err = Console(stderr=True)
    try:
        if args.command == "extract":
            return _extract(args, err)
        if args.command == "demo":
            return _demo(args)
        return _explain(args)
    except EventcoderError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130


class _Sinks:
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


def _run(pipeline: Pipeline, items: list[Document | InputError], sinks: _Sinks,
         err: Console) -> RunSummary:
    engine = LocalEngine(pipeline)
    if len(items) <= 1:
        return engine.run(items, sinks)
    with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("coding", total=len(items))
        return engine.run(items, sinks, lambda n: progress.advance(task, n))


def _extract(args: argparse.Namespace, err: Console) -> int:
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
        sinks = _Sinks(jsonl, store, run_id)
        summary = _run(pipeline, items, sinks, err)
        if store is not None and run_id is not None:
            store.finish_run(run_id, RunCounts(summary.documents, sinks.stored, summary.events,
                                               len(summary.errors), summary.seconds))
    _print_summary(summary, sinks.stored, None if args.no_store else args.db, err)
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def _print_summary(summary: RunSummary, stored: int, db: str | None, err: Console) -> None:
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    err.print(f"{summary.documents} documents coded, {summary.events} events, "
              f"{len(summary.errors)} failed ({summary.seconds:.1f} s, {rate:.1f} docs/s)")
    if db is not None:
        err.print(f"store {db}: {stored} documents written "
                  f"({summary.documents - stored} already there)")
    for error in summary.errors:
        where = f"{error.source}:{error.line}" if error.line else error.source
        err.print(f"[red]failed[/red] {where}: {error.reason}", markup=True, highlight=False)


def demo_documents() -> list[Document]:
    """The sample articles bundled with the package."""
    path = bundled(*DEMO_ARTICLES)
    return [Document(text=o["text"], doc_id=o["doc_id"], title=o.get("title"), url=o.get("url"),
                     published=parse_published(o.get("published")), source=str(path), line=line)
            for line, o in read_jsonl(path)]


def events_table(documents: Sequence[AnnotatedDocument], title: str) -> Table:
    """A readable table of the coded events of documents, one line per event."""
    table = Table(title=title, caption="* publication date: the text gives no date for the event")
    for column, width in (("date", 13), ("source", 30), ("event", 36), ("target", 30),
                          ("place", 14)):
        table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=width)
    for annotated in documents:
        for event in annotated.events:
            when = event.date.isoformat() if event.date else "?"
            if event.date_source == "published":
                when += "*"
            name = f"{event.code.cameo} {event.code.name}"
            if event.negated:
                name = f"NOT {name}"
            if event.modality != "asserted":
                name = f"({event.modality[:4]}.) {name}"
            table.add_row(when, _who(event.source), name, _who(event.target),
                          event.location.name if event.location else "")
    return table


def _who(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return f"{ref.code or '?'} {ref.text}"


def _demo(args: argparse.Namespace) -> int:
    out = Console(width=None if sys.stdout.isatty() else 130)
    documents = demo_documents()
    pipeline = Pipeline(Settings())
    annotated = list(pipeline.annotate_many(documents))
    store = EventStore.open(args.db, __version__)
    try:
        run_id = store.start_run([d.doc_id for d in documents])
        stored = store.write(annotated, [], run_id)
        events = sum(len(a.events) for a in annotated)
        store.finish_run(run_id, RunCounts(len(annotated), stored, events, 0, 0.0))
    finally:
        store.close()
    out.print(events_table(annotated, f"{events} events in {len(annotated)} sample articles"))
    out.print(f"Store written to {args.db}. Try: eventcoder explain \"{_first_sentence()}\"")
    return EXIT_OK


def _first_sentence() -> str:
    return "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday."


def _explain(args: argparse.Namespace) -> int:
    pipeline = Pipeline(Settings(published=args.published))
    render_explanation(pipeline, args.text, args.published, Console())
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
