"""`eventcoder clusters`: events counted once, with how many mentions, outlets and articles."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from ..errors import Messages
from ..ontology import load_codebook
from ..store import Cluster, StoreError, list_clusters, open_connection, rebuild_clusters
from ..store.schema import create_or_migrate
from .common import EXIT_OK, Column, add_db_argument, fitted_table, positive_int, stdout_console


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "clusters", help="list event clusters: one event reported by many articles, once",
        description="List event clusters, largest first: events in different documents with "
                    "the same source, target and CAMEO code within a day of each other, with "
                    "GDELT's counts (mentions, sources, articles). `extract` keeps them up to "
                    "date; --rebuild recomputes them all.")
    add_db_argument(parser, "read")
    parser.add_argument("--limit", type=positive_int, default=20, metavar="N",
                        help="how many clusters to list (default: %(default)s)")
    parser.add_argument("--min-articles", type=positive_int, default=1, metavar="N",
                        help="only clusters reported by at least N articles")
    parser.add_argument("--rebuild", action="store_true",
                        help="recompute every cluster from the events table first")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    out = stdout_console()
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
    out.print(clusters_table(clusters, f"{len(clusters)} largest event clusters in {args.db}",
                             out.width))
    return EXIT_OK


CLUSTER_COLUMNS = (
    Column("dates", min_width=10, keep=9), Column("source", firm=True, keep=8),
    Column("event", min_width=14, keep=9), Column("target", firm=True, keep=8),
    Column("mentions", firm=True, justify="right", keep=5),
    Column("sources", firm=True, justify="right", keep=4),
    Column("articles", firm=True, justify="right", keep=6),
    Column("place", min_width=8, max_width=16, keep=2), Column("id", firm=True, keep=3))


def clusters_table(clusters: list[Cluster], title: str, width: int) -> Table:
    """A readable table of clusters, one row each, as wide as `width` at most."""
    codebook = load_codebook()
    rows = []
    for c in clusters:
        name = codebook[c.cameo].name if c.cameo in codebook else ""
        dates = c.date_first.isoformat()
        if c.date_last != c.date_first:
            dates += f" to {c.date_last.isoformat()}"  # wraps between the dates, never in one
        rows.append([dates, c.source_code or "", f"{c.cameo} {name}", c.target_code or "",
                     str(c.num_mentions), str(c.num_sources), str(c.num_articles),
                     c.location_name or "", c.cluster_id])
    return fitted_table(CLUSTER_COLUMNS, rows, width, title=title)
