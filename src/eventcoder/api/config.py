"""The configuration of one API server: which store, what is allowed, and the limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class ServerConfig:
    """How the server runs; read-only on `db` whatever else is set."""

    db: Path
    allow_annotate: bool = False
    cors_origins: tuple[str, ...] = ()  # no CORS headers at all unless origins are given
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS  # Host headers accepted; ("*",) for any
    max_page_size: int = 500
    max_aggregate_rows: int = 10_000
    max_body_bytes: int = 256_000  # request bodies (POST /annotate)
    max_text_chars: int = 100_000  # texts given to POST /annotate
    connections: int = 4  # cursors on the store, shared by concurrent requests
    query_threads: int | None = None  # DuckDB threads per query (None: one per core)
    idle_close_seconds: float | None = 2.0  # close the store when idle, so writers can take it
    live: bool = False  # this process codes a watched folder into the store it serves
