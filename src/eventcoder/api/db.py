"""Read-only access to the store: a small pool of DuckDB cursors shared by the requests of one
server, and the helpers that turn query results into dicts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..errors import Messages
from .errors import StoreUnavailableError

REQUIRED_TABLES = ("documents", "events", "actors", "mentions", "quotes", "times", "places")


def open_read_only(path: Path, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """Open the store read-only (with at most `threads` threads per query, when given); a
    missing or locked store becomes a 503."""
    if not path.is_file():
        raise StoreUnavailableError(Messages.E040.format(path=path))
    try:
        config: dict[str, str | bool | int | float | list[str]] = (
            {"threads": threads} if threads else {})
        return duckdb.connect(str(path), read_only=True, config=config)
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


@dataclass(frozen=True)
class Reader:
    """A cursor lent to one request, with the store's tables as they were when it opened."""

    con: duckdb.DuckDBPyConnection
    tables: frozenset[str]

    def has(self, *tables: str) -> bool:
        """Whether the store has every one of these tables."""
        return all(t in self.tables for t in tables)

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Every row of a query as a dict keyed by column name."""
        return rows(self.con, sql, params)

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """The first column of the first row of a query (None when there is no row)."""
        return scalar(self.con, sql, params)


class StorePool:
    """The store's connection for one server: opened on the first request, then lent to the
    requests as at most `size` cursors, each used by one request at a time (a DuckDB cursor is
    a connection to the same database, and one connection is not safe across threads).

    After `idle_seconds` with no request the connection is closed, so that another process
    (`extract`) can take the file between bursts of requests; the next request opens it again.
    """

    def __init__(self, path: Path, *, size: int = 4, idle_seconds: float | None = 2.0,
                 connect: Callable[[Path], duckdb.DuckDBPyConnection] = open_read_only) -> None:
        self.path = path
        self.size = max(1, size)
        self.idle_seconds = idle_seconds
        self._connect = connect
        self._cond = threading.Condition()
        self._base: duckdb.DuckDBPyConnection | None = None
        self._free: list[duckdb.DuckDBPyConnection] = []
        self._lent = 0
        self._made = 0
        self._last_used = 0.0
        self._tables: frozenset[str] = frozenset()
        self.opened = 0  # connections opened so far: tests and the benchmark read it

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """A cursor for the length of one request (waits while all `size` are lent)."""
        cursor, tables, generation = self._acquire()
        broken = False
        try:
            yield Reader(cursor, tables)
        except (duckdb.FatalException, duckdb.InternalException):
            broken = True  # the database is invalidated: open it afresh next time
            raise
        finally:
            self._release(cursor, generation, broken)

    def close(self) -> None:
        """Close every cursor and the connection (requests still running keep theirs)."""
        with self._cond:
            self._close_locked()

    def _acquire(self) -> tuple[duckdb.DuckDBPyConnection, frozenset[str], int]:
        with self._cond:
            while True:
                if self._base is None:
                    self._open_locked()
                if self._free or self._made < self.size:
                    break
                self._cond.wait()
            assert self._base is not None
            if self._free:
                cursor = self._free.pop()
            else:
                cursor = self._base.cursor()
                self._made += 1
            self._lent += 1
            return cursor, self._tables, self.opened

    def _release(self, cursor: duckdb.DuckDBPyConnection, generation: int,
                 broken: bool) -> None:
        with self._cond:
            self._lent -= 1
            self._last_used = time.monotonic()
            current = self._base is not None and generation == self.opened
            if current and not broken:
                self._free.append(cursor)
            else:  # closed (or reopened) while this request ran, or broken
                cursor.close()
                if current:
                    self._close_locked()
            self._cond.notify()

    def _open_locked(self) -> None:
        base = self._connect(self.path)
        self._base = base
        self._tables = frozenset(table_names(base))
        self._made = 0
        self._last_used = time.monotonic()
        self.opened += 1
        if self.idle_seconds is not None:
            threading.Thread(target=self._close_when_idle, args=(base,), daemon=True,
                             name="eventcoder-store-idle").start()

    def _close_locked(self) -> None:
        for cursor in self._free:
            cursor.close()
        self._free.clear()
        self._made = 0
        if self._base is not None:
            self._base.close()
            self._base = None
        self._cond.notify_all()

    def _close_when_idle(self, base: duckdb.DuckDBPyConnection) -> None:
        assert self.idle_seconds is not None
        while True:
            time.sleep(self.idle_seconds / 2)
            with self._cond:
                if self._base is not base:
                    return  # closed or replaced meanwhile
                idle = time.monotonic() - self._last_used
                if self._lent == 0 and idle >= self.idle_seconds:
                    self._close_locked()
                    return
