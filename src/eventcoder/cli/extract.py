"""`eventcoder extract`: code articles from files, folders and stdin into JSON lines and DuckDB."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from rich.console import Console

from .. import __version__
from ..engine import ExtractJob, LocalEngine, RunProgress, RunSummary
from ..engine.job import Engine
from ..errors import EventcoderError, Messages
from ..ingest import MAX_BYTES, read_inputs
from ..model import Document, InputError
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import EventStore, RunCounts
from .common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    UndatedDocuments,
    add_db_argument,
    date_arg,
    existing_file,
    positive_int,
    seconds_arg,
)

DASK_PARTITION = 64
# Documents per store commit with the local engine: each DuckDB commit has a fixed cost (5% of
# the run at 32 documents per commit); a killed run loses at most this much work.
LOCAL_PARTITION = 128
# Input documents held in memory at a time (texts and their plan), whatever the input's size.
READ_AHEAD = 10_000
READ_AHEAD_CHARS = 200_000_000  # ... and at most about this much text (a few long documents)


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "extract", help="code events in articles; write JSON lines and the DuckDB store",
        description="Read .txt files, .jsonl files (one article per line), folders and '-' "
                    "(stdin); write one JSON line per document and store everything in DuckDB. "
                    "Documents already in the store are not coded again, so a killed run "
                    "resumes where it stopped.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for stdin")
    parser.add_argument("--published", type=date_arg, metavar="YYYY-MM-DD",
                        help="publication date for inputs that do not give one")
    parser.add_argument("--jsonl", metavar="OUT", help="write JSON lines here ('-' for stdout)")
    add_db_argument(parser, "write")
    parser.add_argument("--no-store", action="store_true", help="do not write the store")
    parser.add_argument("--wait", type=seconds_arg, default=60.0, metavar="S",
                        help="wait up to S seconds while another process holds the store "
                             "(default: %(default)s)")
    parser.add_argument("--actors", type=existing_file, metavar="FILE",
                        help="your own actors (YAML) added to the knowledge base")
    parser.add_argument("--batch-size", type=positive_int, default=32,
                        help="documents per parse batch (default: %(default)s)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="run in this process, or on a Dask cluster (default: %(default)s)")
    parser.add_argument("--workers", type=positive_int, metavar="N",
                        help="dask: worker processes of a local cluster (default: CPU count)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="dask: address of an existing scheduler, e.g. tcp://host:8786")
    parser.add_argument("--staging", metavar="DIR",
                        help="dask: folder for Parquet partitions, shared with the workers "
                             "(default: PATH.parts next to the store)")
    parser.add_argument("--partition-size", type=positive_int, metavar="N",
                        help="documents per committed partition (default: "
                             f"{LOCAL_PARTITION}, {DASK_PARTITION} with dask)")
    parser.add_argument("--read-ahead", type=positive_int, default=READ_AHEAD, metavar="N",
                        help="input documents read and planned at a time: bounds memory "
                             "(default: %(default)s)")
    parser.add_argument("--max-bytes", type=positive_int, default=MAX_BYTES, metavar="N",
                        help="largest document read, in bytes (a text file, a JSON line, stdin); "
                             "a larger one is an error record (default: %(default)s)")
    parser.add_argument("--progress-interval", type=seconds_arg, default=2.0, metavar="S",
                        help="when stderr is not a terminal, a progress line every S seconds "
                             "(default: %(default)s)")
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("--quiet", "-q", action="store_true",
                      help="no progress and no summary: only failed inputs and warnings")
    talk.add_argument("--verbose", "-v", action="store_true",
                      help="also say what each chunk of input holds and what is skipped")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    err = Console(stderr=True)
    if args.engine == "local" and (args.workers or args.scheduler or args.staging):
        raise EventcoderError(Messages.E025)
    settings = Settings(published=args.published, batch_size=args.batch_size,
                        actors_file=args.actors)
    chunks = _chunks(read_inputs(args.inputs, published=args.published,
                                 max_bytes=args.max_bytes), args.read_ahead)
    summary = RunSummary()
    undated = UndatedDocuments()
    with ExitStack() as stack:
        jsonl = None
        if args.jsonl == "-":
            jsonl = sys.stdout
        elif args.jsonl:
            try:
                jsonl = stack.enter_context(Path(args.jsonl).open("w", encoding="utf-8"))
            except OSError as exc:
                raise EventcoderError(Messages.E030.format(path=args.jsonl,
                                                           reason=exc.strerror)) from None
        store = None if args.no_store else EventStore.open(args.db, __version__, wait=args.wait)
        if store is not None:
            stack.callback(store.close)
        engine = _engine(args, settings, stack)
        run_id = store.start_run(args.inputs, engine.name) if store else None
        size = args.partition_size or (DASK_PARTITION if args.engine == "dask"
                                       else LOCAL_PARTITION)
        job = ExtractJob(engine, version=__version__, store=store, jsonl=jsonl, run_id=run_id,
                         partition_size=size)
        with RunProgress(0, err, interval=args.progress_interval,
                         silent=args.quiet) as progress:
            for items in chunks:  # a chunk at a time: memory does not grow with the input
                plan = job.plan(items)
                undated.add(plan.todo)
                if args.verbose:
                    err.print(f"read {len(plan.documents)} documents and {len(plan.errors)} "
                              f"failed inputs: {len(plan.todo)} to code, {plan.skipped} "
                              "already in the store", highlight=False)
                elif plan.skipped and not args.quiet:
                    err.print(f"resuming: {plan.skipped} documents already in the store are "
                              "not coded again", highlight=False)
                progress.expect(len(plan.todo))
                summary.add(job.run(plan, progress))
        job.close()
        if store is not None and run_id is not None:
            store.finish_run(run_id, RunCounts(summary.documents, summary.stored,
                                               summary.events, len(summary.errors),
                                               summary.seconds, summary.skipped))
    print_summary(summary, None if args.no_store else args.db, err, quiet=args.quiet)
    if warning := undated.warning():
        err.print(warning, style="yellow", highlight=False)
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def _chunks(items: Iterable[Document | InputError], size: int,
            chars: int = READ_AHEAD_CHARS) -> Iterator[list[Document | InputError]]:
    """The items in lists of `size`, or of fewer holding `chars` characters of text, read as
    they are needed."""
    chunk: list[Document | InputError] = []
    held = 0
    for item in items:
        chunk.append(item)
        held += len(item.text) if isinstance(item, Document) else 0
        if len(chunk) >= size or held >= chars:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _engine(args: argparse.Namespace, settings: Settings, stack: ExitStack) -> Engine:
    if args.engine == "local":
        return LocalEngine(Pipeline(settings))
    from ..engine.dask import DaskEngine, connect

    client = stack.enter_context(connect(scheduler=args.scheduler,
                                         workers=args.workers or os.cpu_count() or 1))
    if args.staging:
        staging = Path(args.staging)
    elif args.no_store:
        staging = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="eventcoder-")))
    else:
        staging = Path(f"{args.db}.parts")
    engine = DaskEngine(client, settings, staging=staging)
    engine.prepare()
    return engine


def print_summary(summary: RunSummary, db: str | None, err: Console, *,
                  quiet: bool = False) -> None:
    """The end-of-run summary on stderr: counts, speed, and every failed input (only those
    when `quiet`)."""
    if not quiet:
        rate = summary.documents / summary.seconds if summary.seconds else 0.0
        err.print(f"{summary.documents} documents coded, {summary.events} events, "
                  f"{len(summary.errors)} failed ({summary.seconds:.1f} s, {rate:.1f} docs/s)",
                  highlight=False)
        if db is not None:
            already = max(0, summary.documents + summary.skipped - summary.stored)
            err.print(f"store {db}: {summary.stored} documents written ({already} already "
                      "there)", highlight=False)
        if summary.clusters is not None and summary.clusters.groups:
            err.print(f"event clusters: {summary.clusters.clusters} updated "
                      f"({summary.clusters.members} member events)", highlight=False)
    for error in summary.errors:
        where = f"{error.source}:{error.line}" if error.line else error.source
        err.print(f"[red]failed[/red] {where}: {error.reason}", highlight=False, soft_wrap=True)

