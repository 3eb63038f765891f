"""`eventcoder aggregate`: dyadic time series (counts, Goldstein, quad classes) from the store."""

from __future__ import annotations

import argparse
import csv
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from ..errors import EventcoderError, Messages
from ..store import AggregateQuery, Series, aggregate, open_connection
from ..store.aggregate import DIMENSIONS, METRICS, PERIODS, UNITS
from .common import (
    EXIT_OK,
    Column,
    add_db_argument,
    date_arg,
    fitted_table,
    positive_int,
    stdout_console,
)


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "aggregate", help="dyadic time series: events per actor pair and week or month",
        description="Count the stored events per group and period: --by dyad,month gives the "
                    "monthly series of every source-target pair. Counts negated and "
                    "hypothetical events out; --unit clusters counts each event once however "
                    "many articles reported it.")
    keys = ", ".join((*DIMENSIONS, *PERIODS))
    parser.add_argument("--by", default="dyad,month", metavar="KEYS",
                        help=f"comma-separated keys from: {keys} (default: %(default)s)")
    parser.add_argument("--metric", choices=tuple(METRICS), default="count",
                        help="count; goldstein (mean and sum); quad (counts per quad class)")
    parser.add_argument("--unit", choices=tuple(UNITS), default="events",
                        help="count events, or event clusters once each (default: %(default)s)")
    parser.add_argument("--country", metavar="ISO3", type=str.upper,
                        help="only events with this country as source or target")
    parser.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="first date")
    parser.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD", help="last date")
    parser.add_argument("--csv", metavar="OUT", help="write all rows as CSV here ('-': stdout)")
    parser.add_argument("--limit", type=positive_int, default=50, metavar="N",
                        help="rows to print as a table (default: %(default)s)")
    add_db_argument(parser, "read")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    query = AggregateQuery.parse_by(args.by, metric=args.metric, unit=args.unit,
                                    country=args.country, since=args.since, until=args.until)
    query.validate()
    with open_connection(args.db, read_only=True) as con:
        series = aggregate(con, query)
    if args.csv:
        with ExitStack() as stack:
            out: IO[str] = sys.stdout
            if args.csv != "-":
                try:
                    out = stack.enter_context(Path(args.csv).open("w", encoding="utf-8",
                                                                  newline=""))
                except OSError as exc:
                    raise EventcoderError(Messages.E030.format(path=args.csv,
                                                               reason=exc.strerror)) from None
            write_csv(series, out)
        if args.csv != "-":
            Console(stderr=True).print(f"{len(series.rows)} rows written to {args.csv}",
                                       highlight=False)
        return EXIT_OK
    console = stdout_console()
    console.print(series_table(series, args.limit, f"{args.metric} by {args.by}", console.width))
    return EXIT_OK


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def write_csv(series: Series, out: IO[str]) -> None:
    """The series as CSV with a header line."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(series.columns)
    for row in series.rows:
        writer.writerow([_cell(v) for v in row])


NUMERIC = {"events", "goldstein_mean", "goldstein_sum", "verbal_coop", "material_coop",
           "verbal_conflict", "material_conflict", "quad_class"}
HEADERS = {"verbal_coop": "verb. coop", "material_coop": "mat. coop",
           "verbal_conflict": "verb. confl.", "material_conflict": "mat. confl."}


def series_table(series: Series, limit: int, title: str, width: int) -> Table:
    """The first `limit` rows of a series as a table, as wide as `width` at most (long
    headers wrap; the earlier columns are the last left out)."""
    shown = series.rows[:limit]
    caption = (f"{len(shown)} of {len(series.rows)} rows; --csv OUT writes them all"
               if len(series.rows) > limit else f"{len(series.rows)} rows")
    # Headers of words that wrap between them ("material_conflict" would be cut in two).
    columns = [Column(HEADERS.get(name, name.replace("_", " ")), firm=True,
                      min_width=6 if name in NUMERIC else None,
                      justify="right" if name in NUMERIC else "left",
                      keep=len(series.columns) - i)
               for i, name in enumerate(series.columns)]
    return fitted_table(columns, [[_cell(v) for v in row] for row in shown], width,
                        title=title, caption=caption)
