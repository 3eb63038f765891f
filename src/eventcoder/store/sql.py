"""Small DuckDB helpers that leave no result open on the connection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def first_row(con: duckdb.DuckDBPyConnection, sql: str,
              params: Sequence[Any] | None = None) -> tuple[Any, ...] | None:
    """The first row of a query, reading the result to its end (DuckDB refuses other work on
    a connection while a result is half read)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None) -> Any:
    """The first column of the first row of a query, or None."""
    row = first_row(con, sql, params)
    return row[0] if row else None
