"""The DuckDB store: tables, idempotent writes by content hash, recoding by a new version."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from eventcoder.model import Document, InputError
from eventcoder.store import EventStore, RunCounts, StoreError, open_connection
from eventcoder.store.runs import list_runs
from tests.factories import E, document

TEXT = "Iran accused Israel of killing its scientists. Tehran said it would respond."


def test_writing_twice_adds_nothing(pipeline) -> None:
    annotated = pipeline.annotate(Document(TEXT, "d1", published=date(2024, 1, 2)))
    store = EventStore(duckdb.connect(":memory:"), "1")
    error = InputError("bad.txt", 3, "[E002] Not valid UTF-8")
    assert store.write([annotated], [error]) == 1
    counts = {t: store.count(t) for t in ("documents", "actors", "mentions", "events", "errors")}
    assert counts["documents"] == 1 and counts["events"] >= 1 and counts["errors"] == 1
    assert store.write([annotated], [error]) == 0
    assert {t: store.count(t) for t in counts} == counts


def test_a_new_pipeline_version_replaces_the_old_coding(pipeline) -> None:
    annotated = pipeline.annotate(Document(TEXT, "d1", published=date(2024, 1, 2)))
    con = duckdb.connect(":memory:")
    EventStore(con, "1").write([annotated], [])
    events = EventStore(con, "1").count("events")
    assert EventStore(con, "2").write([annotated], []) == 1
    assert EventStore(con, "2").count("events") == events
    assert con.execute("SELECT DISTINCT pipeline_version FROM documents").fetchall() == [("2",)]


def test_stored_event_keeps_codes_and_evidence(pipeline) -> None:
    annotated = pipeline.annotate(Document(TEXT, "d1", published=date(2024, 1, 2)))
    con = duckdb.connect(":memory:")
    EventStore(con, "1").write([annotated], [])
    row = con.execute("SELECT source_country, target_country, cameo_root, trigger_text, rule, "
                      "date FROM events WHERE cameo_root = '11'").fetchone()
    assert row is not None
    assert row[:3] == ("IRN", "ISR", "11") and row[3] and row[4] and row[5] == date(2024, 1, 2)


OLD_SCHEMA = """
CREATE TABLE documents (doc_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, title VARCHAR,
    url VARCHAR, published DATE, source VARCHAR, line INTEGER, text VARCHAR,
    pipeline_version VARCHAR, annotated JSON, stored_at TIMESTAMP);
CREATE TABLE runs (run_id INTEGER PRIMARY KEY, pipeline_version VARCHAR, inputs VARCHAR,
    started TIMESTAMP, finished TIMESTAMP, documents INTEGER, stored INTEGER, events INTEGER,
    errors INTEGER, seconds DOUBLE);
INSERT INTO documents (doc_hash, doc_id, pipeline_version) VALUES ('h1', 'old', '0');
"""


def test_an_older_store_gains_the_new_columns_and_tables() -> None:
    con = duckdb.connect(":memory:")
    con.execute(OLD_SCHEMA)
    store = EventStore(con, "1")
    columns = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'"
    ).fetchall()}
    assert {"run_id", "clustered"} <= columns
    assert store.count("documents") == 1 and store.count("event_clusters") == 0
    run_id = store.start_run(["x"], engine="dask")
    assert con.execute("SELECT engine FROM runs WHERE run_id = ?", [run_id]).fetchone() == \
        ("dask",)


def test_a_document_twice_in_one_batch_is_stored_once() -> None:
    doc = document("d", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 2)))
    store = EventStore(duckdb.connect(":memory:"), "1")
    assert store.write([doc, doc], []) == 1
    assert (store.count("documents"), store.count("events")) == (1, 1)


def test_errors_are_recorded_once() -> None:
    store = EventStore(duckdb.connect(":memory:"), "1")
    error = InputError("bad.jsonl", 2, "[E005] Malformed JSON")
    store.write([], [error, error, InputError("bad.jsonl", None, "[E004] Empty text")])
    store.write([], [error])
    assert store.count("errors") == 2


def test_stored_hashes_and_json_lines() -> None:
    doc = document("d", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 2)))
    other = document("o")
    store = EventStore(duckdb.connect(":memory:"), "1")
    store.write([doc], [])
    key = doc.document.content_hash
    assert store.stored_hashes([key, other.document.content_hash]) == {key}
    assert EventStore(store.con, "2").stored_hashes([key]) == set()
    assert json.loads(store.annotated_json([key])[key]) == doc.to_json()


def test_a_failed_batch_leaves_nothing_behind(monkeypatch) -> None:
    store = EventStore(duckdb.connect(":memory:"), "1")
    doc = document("d", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 2)))
    calls = []

    def fail_on_errors() -> None:
        calls.append(1)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_errors", fail_on_errors)
    with pytest.raises(RuntimeError):
        store.write([doc], [InputError("x", None, "r")])
    assert calls and store.count("documents") == 0 and store.count("events") == 0


@pytest.mark.parametrize(("path", "options", "message"), [
    ("missing.duckdb", {"read_only": True}, "E020"),
    ("missing.duckdb", {"must_exist": True}, "E020"),
    ("not-a-store.duckdb", {}, "E022"),
])
def test_open_connection_errors(tmp_path, path: str, options: dict, message: str) -> None:
    (tmp_path / "not-a-store.duckdb").write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        open_connection(tmp_path / path, **options)


def _runs(store: EventStore) -> list[tuple]:
    return store.con.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall()


def test_runs_cut_short_by_another_process_are_marked_interrupted() -> None:
    store = EventStore(duckdb.connect(":memory:"), "1")
    # A run of a process that was killed: started, never finished, another token.
    store.con.execute("INSERT INTO runs (run_id, started, status, process) "
                      "VALUES (1, now(), 'running', 'a-dead-process')")
    store.con.execute("INSERT INTO runs (run_id, started) VALUES (2, now())")  # older store
    store.con.execute("INSERT INTO runs (run_id, started, finished) VALUES (3, now(), now())")
    mine = store.start_run(["a.txt"])
    assert store.interrupted_runs == 2
    assert _runs(store) == [(1, "interrupted"), (2, "interrupted"), (3, "finished"),
                            (mine, "running")]
    again = store.start_run(["b.txt"])  # this process's own run is not dead
    assert store.interrupted_runs == 0
    store.finish_run(mine, RunCounts(1, 1, 0, 0, 0.1))
    assert _runs(store)[3:] == [(mine, "finished"), (again, "running")]


def test_list_runs_reads_a_run_with_no_end_as_interrupted() -> None:
    store = EventStore(duckdb.connect(":memory:"), "1")
    first = store.start_run(["a.txt", "b.jsonl"], "dask")
    second = store.start_run(["c.txt"])
    store.finish_run(second, RunCounts(3, 2, 5, 1, 1.5, skipped=1))
    records = list_runs(store.con)
    assert [(r.run_id, r.status, r.inputs) for r in records] == [
        (second, "finished", ("c.txt",)), (first, "interrupted", ("a.txt", "b.jsonl"))]
    assert (records[0].documents, records[0].stored, records[0].skipped, records[0].events,
            records[0].errors) == (3, 2, 1, 5, 1)
    assert [r.status for r in list_runs(store.con, writer_alive=True)] == ["finished",
                                                                          "running"]
