"""`eventcoder runs`: the runs of `extract` on a store, the latest first, with their state."""

from __future__ import annotations

import argparse
import json

from rich.table import Table

from ..store import open_connection
from ..store.runs import RunRecord, list_runs
from .common import EXIT_OK, Column, add_db_argument, fitted_table, positive_int, stdout_console


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "runs", help="list the runs of extract on a store: finished, or interrupted",
        description="List the runs of `extract` on a store, the latest first: when each "
                    "started and ended, its inputs and counts, and its state (finished, or "
                    "interrupted: killed before it ended; the next run marks it so).")
    add_db_argument(parser, "read")
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
    out = stdout_console()
    out.print(runs_table(records, f"{len(records)} latest runs in {args.db}", out.width))
    return EXIT_OK


RUN_COLUMNS = (
    Column("run", firm=True, justify="right", keep=9),
    Column("started", min_width=10, keep=8),  # the time wraps under the date
    Column("state", firm=True, keep=8), Column("secs", firm=True, justify="right", keep=6),
    Column("docs", firm=True, justify="right", keep=7),
    Column("stored", firm=True, justify="right", keep=3),
    Column("skipped", firm=True, justify="right", keep=2),
    Column("events", firm=True, justify="right", keep=7),
    Column("errors", firm=True, justify="right", keep=7),
    Column("engine", firm=True, keep=1), Column("inputs", min_width=10, keep=5, cut=True))


def runs_table(records: list[RunRecord], title: str, width: int) -> Table:
    """A readable table of runs, one row each, as wide as `width` at most."""
    rows = [[str(r.run_id), _time(r.started),
             "[red]interrupted[/red]" if r.status == "interrupted" else r.status,
             f"{r.seconds:.1f}" if r.seconds is not None else "",
             *(_count(n) for n in (r.documents, r.stored, r.skipped, r.events, r.errors)),
             r.engine or "", " ".join(r.inputs)] for r in records]
    return fitted_table(RUN_COLUMNS, rows, width, title=title)


def _time(value: object) -> str:
    return str(value)[:19] if value is not None else ""


def _count(value: int | None) -> str:
    return "" if value is None else str(value)
