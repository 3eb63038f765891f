"""`eventcoder clusters`: events counted once, with how many mentions, outlets and articles."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.table import Table

from ..errors import Messages
from ..ontology import load_codebook
from ..store import Cluster, StoreError, list_clusters, open_connection, rebuild_clusters
from ..store.schema import create_or_migrate
from .common import EXIT_OK, positive_int


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "clusters", help="list event clusters: one event reported by many articles, once",
        description="List event clusters, largest first: events in different documents with "
                    "the same source, target and CAMEO code within a day of each other, with "
                    "GDELT's counts (mentions, sources, articles). `extract` keeps them up to "
                    "date; --rebuild recomputes them all.")
    parser.add_argument("--db", default="eventcoder.duckdb", metavar="PATH",
                        help="DuckDB store to read (default: %(default)s)")
    parser.add_argument("--limit", type=positive_int, default=20, metavar="N",
                        help="how many clusters to list (default: %(default)s)")
    parser.add_argument("--min-articles", type=positive_int, default=1, metavar="N",
                        help="only clusters reported by at least N articles")
    parser.add_argument("--rebuild", action="store_true",
                        help="recompute every cluster from the events table first")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    out = Console(width=None if sys.stdout.isatty() else 140)
    if args.rebuild:
        with open_connection(args.db, must_exist=True) as con:
            create_or_migrate(con)
            update = rebuild_clusters(con)
        Console(stderr=True).print(f"rebuilt {update.clusters} clusters of {update.members} "
                                   "events", highlight=False)
    with open_connection(args.db, read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
                  .fetchall()}
        if "event_clusters" not in tables:
            raise StoreError(Messages.E029.format(path=args.db))
        clusters = list_clusters(con, limit=args.limit, min_articles=args.min_articles)
    out.print(clusters_table(clusters, f"{len(clusters)} largest event clusters in {args.db}"))
    return EXIT_OK


def clusters_table(clusters: list[Cluster], title: str) -> Table:
    """A readable table of clusters, one line each."""
    table = Table(title=title)
    for column, width in (("dates", 23), ("source", 12), ("event", 40), ("target", 12),
                          ("mentions", 8), ("sources", 7), ("articles", 8), ("place", 16),
                          ("id", 16)):
        table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=width)
    codebook = load_codebook()
    for c in clusters:
        name = codebook[c.cameo].name if c.cameo in codebook else ""

        dates = c.date_first.isoformat()
        if c.date_last != c.date_first:
            dates += f" to {c.date_last.isoformat()}"
        table.add_row(dates, c.source_code or "", f"{c.cameo} {name}",
                      c.target_code or "", str(c.num_mentions), str(c.num_sources),
                      str(c.num_articles), c.location_name or "", c.cluster_id)
    return table
