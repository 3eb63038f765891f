"""The DuckDB store: tables, idempotent writes by content hash, recoding by a new version."""

from __future__ import annotations

from datetime import date

import duckdb

from eventcoder.model import Document, InputError
from eventcoder.store import EventStore

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
