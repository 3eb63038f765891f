"""`eventcoder serve`: the HTTP API and the web explorer over a store; with --watch, the one
process that owns the store and codes the files that arrive in a folder while it serves."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from ..api.config import LOOPBACK_HOSTS, ServerConfig
from ..api.db import StorePool, check_store
from ..api.errors import ApiError
from ..errors import EventcoderError
from ..ingest import MAX_BYTES
from .common import EXIT_OK, add_db_argument, date_arg, existing_file, positive_int, seconds_arg

WATCH_WAIT = 60.0


def add_to(commands: argparse._SubParsersAction) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "serve", help="serve the HTTP API and the web explorer over a store (--watch: and "
                      "code the files that arrive in a folder)",
        description="Serve a DuckDB store: the HTTP API (OpenAPI docs at /docs) and the web "
                    "explorer at /, read-only. With --watch FOLDER this process owns the "
                    "store: it codes every new or changed .txt/.jsonl file in FOLDER while "
                    "serving, and the explorer shows the new events. Binds to 127.0.0.1 "
                    "unless told otherwise.")
    add_db_argument(parser, "serve")
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
    live = parser.add_argument_group(
        "live mode", "one process owns the store (created if missing), codes what arrives "
                     "in FOLDER and serves it; a file is coded once it has stopped changing "
                     "(or write NAME.part and rename it into place)")
    live.add_argument("--watch", metavar="FOLDER",
                      help="code every new or changed .txt/.jsonl file under FOLDER "
                           "(documents already stored are not coded again)")
    live.add_argument("--poll", type=seconds_arg, default=2.0, metavar="S",
                      help="--watch: look at FOLDER every S seconds (default: %(default)s)")
    live.add_argument("--settle", type=seconds_arg, default=1.0, metavar="S",
                      help="--watch: code a file once it has not changed for S seconds "
                           "(default: %(default)s)")
    live.add_argument("--published", type=date_arg, metavar="YYYY-MM-DD",
                      help="--watch: publication date for inputs that do not give one")
    live.add_argument("--actors", type=existing_file, metavar="FILE",
                      help="--watch: your own actors (YAML) added to the knowledge base")
    live.add_argument("--max-bytes", type=positive_int, default=MAX_BYTES, metavar="N",
                      help="--watch: largest document read, in bytes (default: %(default)s)")
    live.add_argument("--wait", type=seconds_arg, default=WATCH_WAIT, metavar="S",
                      help="--watch: wait up to S seconds while another process holds the "
                           "store (default: %(default)s)")
    parser.set_defaults(handler=run)


def config_from(args: argparse.Namespace) -> ServerConfig:
    """The server configuration from the command's arguments."""
    hosts = LOOPBACK_HOSTS if args.host in LOOPBACK_HOSTS else ("*",)
    return ServerConfig(db=Path(args.db), allow_annotate=args.allow_annotate,
                        cors_origins=tuple(args.cors), allowed_hosts=hosts,
                        max_page_size=max(1, args.max_page_size),
                        max_body_bytes=max(1024, args.max_body),
                        query_threads=max(1, args.query_threads) if args.query_threads
                        else None, live=bool(getattr(args, "watch", None)))


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    err = Console(stderr=True)
    config = config_from(args)
    if args.watch:
        return _serve_live(args, config, err)
    try:
        check_store(config.db)
    except ApiError as exc:
        raise EventcoderError(str(exc)) from None
    _warn_if_public(args, err)
    err.print(f"Serving {config.db} read-only at http://{args.host}:{args.port}/ "
              f"(API docs at /docs)", highlight=False)
    _serve(args, config)
    return EXIT_OK


def _serve_live(args: argparse.Namespace, config: ServerConfig, err: Console) -> int:
    from .. import __version__
    from ..live import ChildEngine, LiveStore
    from ..settings import Settings

    settings = Settings(published=args.published, actors_file=args.actors)
    live = LiveStore(config.db, Path(args.watch), version=__version__,
                     engine_factory=lambda: ChildEngine(settings), published=args.published,
                     max_bytes=args.max_bytes, poll_seconds=args.poll, settle=args.settle,
                     wait=args.wait,
                     log=lambda line: err.print(line, highlight=False, markup=False))
    try:
        if config.query_threads:
            live.connection.execute(f"SET threads = {int(config.query_threads)}")
        live.prepare()
        # Readers borrow cursors of this process's connection: never closed when idle, since
        # no other process can take the store while this one writes it.
        config = replace(config, idle_close_seconds=None)
        pool = StorePool(config.db, size=config.connections, idle_seconds=None,
                         connect=lambda _path: live.cursor())
        _warn_if_public(args, err)
        err.print(f"Watching {args.watch}: coding new and changed .txt/.jsonl files into "
                  f"{config.db}, served at http://{args.host}:{args.port}/ "
                  f"(API docs at /docs)", highlight=False)
        live.start()
        # Stopped when the server shuts down: uvicorn then raises the signal that stopped it
        # again, and SIGTERM's default action ends the process before a `finally` would run.
        _serve(args, config, pool, on_shutdown=live.stop)
    finally:
        live.stop()
    return EXIT_OK


def _warn_if_public(args: argparse.Namespace, err: Console) -> None:
    if args.host not in LOOPBACK_HOSTS:
        err.print(f"[yellow]warning:[/yellow] listening on {args.host}: other machines can "
                  "read this store" + (" and run the pipeline" if args.allow_annotate else ""))


def _serve(args: argparse.Namespace, config: ServerConfig, pool: StorePool | None = None,
           on_shutdown: Callable[[], None] | None = None) -> None:
    import uvicorn

    from ..api import create_app

    uvicorn.run(create_app(config, pool=pool, on_shutdown=on_shutdown), host=args.host,
                port=args.port, log_level="warning", server_header=False)
