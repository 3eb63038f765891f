"""`eventcoder export`: the store as GDELT 2.0 events, PLOVER JSON, csv, parquet or jsonl."""

from __future__ import annotations

import argparse
import re
import sys
from contextlib import ExitStack
from pathlib import Path

import duckdb
from rich.console import Console

from ..errors import EventcoderError, Messages
from ..ontology.codebook import PLOVER_TYPES
from ..store.exports import EXPORT_FORMATS, EXPORT_TABLES, TABLE_FORMATS, ExportOptions, export
from .common import EXIT_OK, add_db_argument, date_arg

FORMAT_HELP = ("gdelt: the GDELT 2.0 event table (tab-separated, 61 columns); plover: PLOVER "
               "JSON lines; csv, parquet, jsonl: one table of the store (--table); parquet "
               "needs --out FILE")


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "export", help="export the store: gdelt, plover, csv, parquet or jsonl",
        description="Export the store. gdelt: the GDELT 2.0 event table (61 tab-separated "
                    "columns, no header; one row per event cluster when the store has "
                    "clusters, else per event). plover: PLOVER JSON records, one per line. "
                    "csv, parquet, jsonl: one table of the store (--table); jsonl of "
                    "documents writes the annotated documents as `extract --jsonl` does. "
                    "The filters (--source, --target, --actor, --code, --plover, --location, "
                    "--since, --until) are the explorer's: they choose the events of gdelt, "
                    "plover and the events table.")
    parser.add_argument("--format", required=True, choices=EXPORT_FORMATS, dest="fmt",
                        help=FORMAT_HELP)
    add_db_argument(parser, "read")
    parser.add_argument("--out", default="-", metavar="FILE",
                        help="file to write, or - for stdout (default)")
    parser.add_argument("--table", default="events", choices=EXPORT_TABLES, metavar="TABLE",
                        help=f"table for csv, parquet and jsonl: {', '.join(EXPORT_TABLES)} "
                             "(default: %(default)s)")
    parser.add_argument("--include-negated", action="store_true",
                        help="gdelt and plover: keep events the text says did not happen "
                             "(gdelt with clusters: one row each, as they are never "
                             "clustered)")
    parser.add_argument("--header", action="store_true",
                        help="gdelt: write a first line with the column names")
    filters = parser.add_argument_group(
        "filters", "which events to export, as in the explorer; an ACTOR is a CAMEO actor "
                   "code or its start (TUR: TUR, TURGOV, TURMIL...) or an actor's name")
    filters.add_argument("--source", metavar="ACTOR", type=_actor_arg,
                         help="only events whose source actor is this one")
    filters.add_argument("--target", metavar="ACTOR", type=_actor_arg,
                         help="only events whose target actor is this one")
    filters.add_argument("--actor", metavar="ACTOR", type=_actor_arg,
                         help="only events with this actor on either side")
    filters.add_argument("--code", metavar="CAMEO", type=_cameo_arg, dest="cameo",
                         help="only events of this CAMEO code or below it (19: all fighting)")
    filters.add_argument("--plover", metavar="TYPE", type=str.upper, choices=PLOVER_CHOICES,
                         help=f"only events of this PLOVER type: {', '.join(PLOVER_CHOICES)}")
    filters.add_argument("--location", metavar="ISO3", type=_country_arg,
                         help="only events that happened in this country (ISO alpha-3)")
    filters.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD",
                         help="only events on or after this date")
    filters.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD",
                         help="only events on or before this date")
    parser.set_defaults(handler=run, usage_error=parser.error)


PLOVER_CHOICES = tuple(sorted(PLOVER_TYPES))
_CAMEO = re.compile(r"^\d{2,4}$")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")


def _actor_arg(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("an actor code or name is required")
    return value.strip()


def _cameo_arg(value: str) -> str:
    if not _CAMEO.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a CAMEO code: 2 to 4 digits, "
                                         "such as 19 or 190")
    return value


def _country_arg(value: str) -> str:
    if not _COUNTRY.match(value):
        raise argparse.ArgumentTypeError(Messages.E032.format(value=value))
    return value.upper()


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
                            header=args.header, source=args.source, target=args.target,
                            actor=args.actor, cameo=args.cameo, plover=args.plover,
                            location=args.location)
    if options.filtered and args.fmt in TABLE_FORMATS and args.table != "events":
        args.usage_error(f"the filters choose events: they apply to --table events, "
                         f"not to --table {args.table}")
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
