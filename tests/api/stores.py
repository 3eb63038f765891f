"""Test stores: the bundled demo articles coded into DuckDB, clusters added by hand, and a
fingerprint of a store file to prove that nothing changed it."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import duckdb

from eventcoder import Document, Pipeline
from eventcoder.cli.demo import demo_documents
from eventcoder.store import EventStore, RunCounts

VERSION = "test"
CLUSTER_SCHEMA = """
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id VARCHAR PRIMARY KEY, source_code VARCHAR, target_code VARCHAR,
    source_country VARCHAR, target_country VARCHAR, cameo VARCHAR, cameo_root VARCHAR,
    quad_class INTEGER, goldstein DOUBLE, date_first DATE, date_last DATE,
    num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, location_name VARCHAR,
    location_country VARCHAR, lat DOUBLE, lon DOUBLE, source_url VARCHAR);
CREATE TABLE IF NOT EXISTS cluster_members (
    cluster_id VARCHAR, doc_hash VARCHAR, event_id VARCHAR);
"""


def build_demo_store(path: Path, pipeline: Pipeline, extra: Sequence[Document] = ()) -> Path:
    """Code the bundled demo articles (and any `extra` documents) into a new store file at
    `path`."""
    documents = [*demo_documents(), *extra]
    annotated = list(pipeline.annotate_many(documents))
    store = EventStore.open(path, VERSION)
    try:
        run_id = store.start_run([d.doc_id for d in documents])
        stored = store.write(annotated, [], run_id)
        events = sum(len(a.events) for a in annotated)
        store.finish_run(run_id, RunCounts(len(annotated), stored, events, 0, 0.0))
    finally:
        store.close()
    return path


def add_cluster_of_dyad(path: Path, source: str, target: str, cluster_id: str = "c1") -> int:
    """Group every event from `source` to `target` country into one cluster, as the
    clustering step would; returns how many events it holds."""
    with duckdb.connect(str(path)) as con:
        con.execute(CLUSTER_SCHEMA)
        members = con.execute(
            "SELECT doc_hash, event_id, cameo, cameo_root, quad_class, goldstein, date, "
            "source_code, target_code, location_name, location_country, lat, lon "
            "FROM events WHERE source_country = ? AND target_country = ? "
            "ORDER BY date, event_id", [source, target]).fetchall()
        first = members[0]
        con.execute(
            "INSERT INTO event_clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?)",
            [cluster_id, first[7], first[8], source, target, first[2], first[3], first[4],
             first[5], min(m[6] for m in members), max(m[6] for m in members),
             len(members) + 2, 3, len(members), first[9], first[10], first[11], first[12],
             "https://example.org/story"])
        con.executemany("INSERT INTO cluster_members VALUES (?, ?, ?)",
                        [[cluster_id, m[0], m[1]] for m in members])
    return len(members)


def fingerprint(path: Path) -> tuple[str, dict[str, int]]:
    """The file's SHA-256 and the row count of every table."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0]
                  for t in tables}
    return digest, counts
