"""`eventcoder runs`: the runs of `extract` on a store, the latest first, with their state."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.table import Table

from ..store import open_connection
from ..store.runs import RunRecord, list_runs
from .common import EXIT_OK, positive_int


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "runs", help="list the runs of extract on a store: finished, or interrupted",
        description="List the runs of `extract` on a store, the latest first: when each "
                    "started and ended, its inputs and counts, and its state (finished, or "
                    "interrupted: killed before it ended; the next run marks it so).")
    parser.add_argument("--db", default="eventcoder.duckdb", metavar="PATH",
                        help="DuckDB store to read (default: %(default)s)")
    parser.add_argument("--limit", type=positive_int, default=20, metavar="N",
                        help="how many runs to list (default: %(default)s)")
    parser.add_argument("--json", action="store_true",
                        help="write one JSON object per run instead of a table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    # Opened read-only: had a writer been at work, the lock would have refused us, so a run
    # with no end is not running any more.
    with open_connection(args.db, read_only=True) as con:
        records = list_runs(con, limit=args.limit)
    if args.json:
        for r in records:
            print(json.dumps({**r.__dict__, "inputs": list(r.inputs)}, default=str))
        return EXIT_OK
    out = Console(width=None if sys.stdout.isatty() else 140)
    out.print(runs_table(records, f"{len(records)} latest runs in {args.db}"))
    return EXIT_OK


def runs_table(records: list[RunRecord], title: str) -> Table:
    """A readable table of runs, one line each (the inputs last, cut to fit)."""
    table = Table(title=title)
    for column in ("run", "started", "state", "seconds", "documents", "stored", "skipped",
                   "events", "errors", "engine"):
        table.add_column(column, no_wrap=True, min_width=len(column))
    table.add_column("inputs", no_wrap=True, overflow="ellipsis")
    for r in records:
        table.add_row(
            str(r.run_id), _time(r.started),
            "[red]interrupted[/red]" if r.status == "interrupted" else r.status,
            f"{r.seconds:.1f}" if r.seconds is not None else "",
            *(_count(n) for n in (r.documents, r.stored, r.skipped, r.events, r.errors)),
            r.engine or "", " ".join(r.inputs))
    return table


def _time(value: object) -> str:
    return str(value)[:19] if value is not None else ""


def _count(value: int | None) -> str:
    return "" if value is None else str(value)
