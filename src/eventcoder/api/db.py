"""Read-only access to the store: one DuckDB connection per request, rows as dicts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..errors import Messages
from .errors import StoreUnavailableError

REQUIRED_TABLES = ("documents", "events", "actors", "mentions", "quotes", "times", "places")


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the store read-only; a missing or locked store becomes a 503."""
    if not path.is_file():
        raise StoreUnavailableError(Messages.E040.format(path=path))
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreUnavailableError(Messages.E054) from None
        raise StoreUnavailableError(Messages.E041.format(path=path, reason=exc)) from None
    except duckdb.Error as exc:
        raise StoreUnavailableError(Messages.E041.format(path=path, reason=exc)) from None


def check_store(path: Path) -> None:
    """Fail early, with a numbered message, when a path is not a usable store."""
    con = open_read_only(path)
    try:
        present = set(table_names(con))
    finally:
        con.close()
    for table in REQUIRED_TABLES:
        if table not in present:
            raise StoreUnavailableError(Messages.E042.format(path=path, table=table))


def connections(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for the length of one request (a FastAPI dependency body)."""
    con = open_read_only(path)
    try:
        yield con
    finally:
        con.close()


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the store."""
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()]


def rows(con: duckdb.DuckDBPyConnection, sql: str,
         params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Every row of a query as a dict keyed by column name."""
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The first column of the first row of a query (None when there is no row)."""
    result = con.execute(sql, params or []).fetchall()
    return result[0][0] if result else None
