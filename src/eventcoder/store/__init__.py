"""The DuckDB store of annotated documents."""

from .duckdb_store import EventStore, RunCounts

__all__ = ["EventStore", "RunCounts"]
