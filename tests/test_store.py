"""The DuckDB store: tables, idempotent writes by content hash, recoding by a new version."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from eventcoder.model import Document, InputError
from eventcoder.store import EventStore, StoreError, open_connection
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
