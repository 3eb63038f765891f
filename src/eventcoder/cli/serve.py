"""`eventcoder serve`: the HTTP API and the web explorer over a store, read-only."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from ..api.config import LOOPBACK_HOSTS, ServerConfig
from ..api.db import check_store
from ..api.errors import ApiError
from ..errors import EventcoderError
from .common import EXIT_OK


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "serve", help="serve the HTTP API and the web explorer over a store",
        description="Serve a DuckDB store read-only: the HTTP API (OpenAPI docs at /docs) and "
                    "the web explorer at /. Binds to 127.0.0.1 unless told otherwise.")
    parser.add_argument("--db", default="eventcoder.duckdb", metavar="PATH",
                        help="DuckDB store to serve (default: %(default)s)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default: %(default)s; other hosts can reach "
                             "the server only if you bind 0.0.0.0 or a public address)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    parser.add_argument("--allow-annotate", action="store_true",
                        help="enable POST /annotate (runs the pipeline on posted text)")
    parser.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                        help="allow cross-origin requests from ORIGIN (repeatable; off "
                             "by default)")
    parser.add_argument("--max-page-size", type=int, default=500, metavar="N",
                        help="largest page a client may ask for (default: %(default)s)")
    parser.add_argument("--max-body", type=int, default=256_000, metavar="BYTES",
                        help="largest request body accepted (default: %(default)s)")
    parser.add_argument("--query-threads", type=int, default=None, metavar="N",
                        help="DuckDB threads per query (default: one per core; 1 serves "
                             "many concurrent clients with the least overhead)")
    parser.set_defaults(handler=run)


def config_from(args: argparse.Namespace) -> ServerConfig:
    """The server configuration from the command's arguments."""
    hosts = LOOPBACK_HOSTS if args.host in LOOPBACK_HOSTS else ("*",)
    return ServerConfig(db=Path(args.db), allow_annotate=args.allow_annotate,
                        cors_origins=tuple(args.cors), allowed_hosts=hosts,
                        max_page_size=max(1, args.max_page_size),
                        max_body_bytes=max(1024, args.max_body),
                        query_threads=max(1, args.query_threads) if args.query_threads
                        else None)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    import uvicorn

    from ..api import create_app

    err = Console(stderr=True)
    config = config_from(args)
    try:
        check_store(config.db)
    except ApiError as exc:
        raise EventcoderError(str(exc)) from None
    if args.host not in LOOPBACK_HOSTS:
        err.print(f"[yellow]warning:[/yellow] listening on {args.host}: other machines can "
                  "read this store" + (" and run the pipeline" if args.allow_annotate else ""))
    err.print(f"Serving {config.db} read-only at http://{args.host}:{args.port}/ "
              f"(API docs at /docs)", highlight=False)
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_level="warning",
                server_header=False)
    return EXIT_OK
