"""The DuckDB store of annotated documents: writes, Parquet partitions, clusters, aggregates."""

from .aggregate import AggregateError, AggregateQuery, Series, aggregate
from .clusters import Cluster, ClusterUpdate, list_clusters, rebuild_clusters, update_clusters
from .duckdb_store import EventStore, RunCounts, StoreError, open_connection
from .rows import TableBatch, build_batch

__all__ = [
    "AggregateError",
    "AggregateQuery",
    "Cluster",
    "ClusterUpdate",
    "EventStore",
    "RunCounts",
    "Series",
    "StoreError",
    "TableBatch",
    "aggregate",
    "build_batch",
    "list_clusters",
    "open_connection",
    "rebuild_clusters",
    "update_clusters",
]
