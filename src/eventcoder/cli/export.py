"""`eventcoder export`: the store as GDELT 2.0 events, PLOVER JSON, csv, parquet or jsonl."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path

import duckdb
from rich.console import Console

from ..errors import EventcoderError, Messages
from ..store.exports import EXPORT_FORMATS, EXPORT_TABLES, ExportOptions, export
from .common import EXIT_OK, date_arg


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "export", help="export the store: gdelt, plover, csv, parquet or jsonl",
        description="Export the store. gdelt: the GDELT 2.0 event table (61 tab-separated "
                    "columns, no header; one row per event cluster when the store has "
                    "clusters, else per event). plover: PLOVER JSON records, one per line. "
                    "csv, parquet, jsonl: one table of the store (--table); jsonl of "
                    "documents writes the annotated documents as `extract --jsonl` does.")
    parser.add_argument("--format", required=True, choices=EXPORT_FORMATS, dest="fmt")
    parser.add_argument("--db", default="eventcoder.duckdb", metavar="PATH",
                        help="DuckDB store to read (default: %(default)s)")
    parser.add_argument("--out", default="-", metavar="FILE",
                        help="file to write, or - for stdout (default)")
    parser.add_argument("--table", default="events", choices=EXPORT_TABLES,
                        help="table for csv, parquet and jsonl (default: %(default)s)")
    parser.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD",
                        help="only events on or after this date")
    parser.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD",
                        help="only events on or before this date")
    parser.add_argument("--include-negated", action="store_true",
                        help="gdelt and plover: keep events the text says did not happen "
                             "(gdelt with clusters: one row each, as they are never "
                             "clustered)")
    parser.add_argument("--header", action="store_true",
                        help="gdelt: write a first line with the column names")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    err = Console(stderr=True)
    db = Path(args.db)
    if not db.is_file():
        raise EventcoderError(Messages.E040.format(path=db))
    if args.fmt == "parquet" and args.out == "-":
        raise EventcoderError(Messages.E053.format(fmt=args.fmt))
    options = ExportOptions(since=args.since, until=args.until,
                            include_negated=args.include_negated, table=args.table,
                            header=args.header)
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise EventcoderError(Messages.E041.format(path=db, reason=exc)) from None
    with ExitStack() as stack:
        stack.callback(con.close)
        out = sys.stdout.buffer if args.out == "-" else stack.enter_context(
            Path(args.out).open("wb"))
        result = export(con, args.fmt, out, options)
        out.flush()
    where = "stdout" if args.out == "-" else args.out
    err.print(f"{result.written} records written to {where} ({args.fmt})", highlight=False)
    for reason, count in sorted(result.left_out.items()):
        err.print(f"{count} left out: {reason}", highlight=False)
    return EXIT_OK
