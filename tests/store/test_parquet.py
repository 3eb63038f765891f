"""Parquet partitions: written atomically, read back identical, loaded like any batch."""

from __future__ import annotations

from datetime import date

import duckdb

from eventcoder.model import InputError
from eventcoder.store import EventStore, build_batch
from eventcoder.store.parquet import (
    PartitionManifest,
    clear_incomplete,
    complete_partitions,
    read_partition,
    remove_partition,
    write_partition,
)
from tests.factories import E, document


def _batch():
    docs = [document("a", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 2), place="ISR"),
                     url="https://x.com/a"),
            document("b", E("USA", None, "042", date(2024, 1, 3)))]
    errors = [InputError("bad.jsonl", 4, "[E011] Annotation failed: boom")]
    return docs, build_batch(docs, errors, version="1", run_id=7), errors


def test_a_partition_round_trips(tmp_path) -> None:
    docs, batch, errors = _batch()
    manifest = PartitionManifest("p1", "1", [d.document.content_hash for d in docs],
                                 batch.documents, batch.events, errors)
    path = write_partition(tmp_path, batch, manifest)
    read, back = read_partition(path)
    assert back == manifest
    for table, rows in batch.tables.items():
        assert read[table].equals(rows), table
    assert list(complete_partitions(tmp_path)) == [path]


def test_loading_a_partition_equals_writing_directly(tmp_path) -> None:
    _, batch, errors = _batch()
    path = write_partition(tmp_path, batch, PartitionManifest("p1", "1", [], 2, 2, errors))
    direct, loaded = (EventStore(duckdb.connect(":memory:"), "1") for _ in range(2))
    direct.write_batch(batch)
    loaded.write_batch(read_partition(path)[0])
    for table in batch.tables:
        query = f"SELECT * FROM {table} ORDER BY ALL"
        assert direct.con.execute(query).fetchall() == loaded.con.execute(query).fetchall()


def test_half_written_partitions_are_ignored_and_cleared(tmp_path) -> None:
    (tmp_path / ".p2.1234").mkdir()
    (tmp_path / "p3").mkdir()  # no manifest: not complete
    assert list(complete_partitions(tmp_path)) == []
    clear_incomplete(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p3"]
    remove_partition(tmp_path / "p3")
    assert list(tmp_path.iterdir()) == []
    assert list(complete_partitions(tmp_path / "absent")) == []
