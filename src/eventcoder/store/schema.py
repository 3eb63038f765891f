"""The store's tables, read from `store/data/schema.tsv`: DDL, migrations and Arrow schemas."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa

from ..resources import data_error, package_file, read_tsv

SCHEMA_FILE = "schema.tsv"
ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}
# Tables whose rows belong to one document (keyed by doc_hash) and are replaced with it.
DOCUMENT_TABLES = ("documents", "actors", "mentions", "events", "quotes", "times", "places")
CLUSTER_TABLES = ("event_clusters", "cluster_members")


@dataclass(frozen=True)
class Column:
    """One column of a store table."""

    name: str
    type: str
    key: bool


@dataclass(frozen=True)
class Table:
    """One table of the store: its columns in order."""

    name: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        """The names of the columns, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def arrow_schema(self) -> pa.Schema:
        """The Arrow (and Parquet) schema of the table."""
        return pa.schema([(c.name, ARROW_TYPES[c.type]) for c in self.columns])

    def ddl(self) -> str:
        """CREATE TABLE IF NOT EXISTS for the table."""
        parts = [f'"{c.name}" {c.type}' for c in self.columns]
        keys = [f'"{c.name}"' for c in self.columns if c.key]
        if keys:
            parts.append(f"PRIMARY KEY ({', '.join(keys)})")
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" ({", ".join(parts)})'


def read_schema(path: Path) -> dict[str, Table]:
    """Read and validate a schema file: table, column, type, key ('pk' or empty)."""
    columns: dict[str, list[Column]] = {}
    for line, row in read_tsv(path, ("table", "column", "type", "key")):
        if row["type"] not in ARROW_TYPES:
            raise data_error(path, line, f"unknown column type {row['type']!r}")
        if row["key"] not in ("", "pk"):
            raise data_error(path, line, f"key must be 'pk' or empty, not {row['key']!r}")
        table = columns.setdefault(row["table"], [])
        if any(c.name == row["column"] for c in table):
            raise data_error(path, line, f"duplicate column {row['table']}.{row['column']}")
        table.append(Column(row["column"], row["type"], row["key"] == "pk"))
    tables = {name: Table(name, tuple(cols)) for name, cols in columns.items()}
    missing = [t for t in (*DOCUMENT_TABLES, *CLUSTER_TABLES, "errors", "runs") if t not in tables]
    if missing:
        raise data_error(path, 1, f"tables missing: {missing}")
    return tables


@lru_cache(maxsize=1)
def store_tables() -> dict[str, Table]:
    """The tables of the store, from the packaged schema file."""
    return read_schema(package_file("store", SCHEMA_FILE))


def create_or_migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, and add columns that the schema has and an older file lacks."""
    existing: dict[str, set[str]] = {}
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = current_schema()").fetchall()
    for table, column in rows:
        existing.setdefault(table, set()).add(column)
    for table in store_tables().values():
        if table.name not in existing:
            con.execute(table.ddl())
            continue
        for column in table.columns:
            if column.name not in existing[table.name]:
                con.execute(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {column.type}')
