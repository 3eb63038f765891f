"""The DuckDB store: schema and idempotent writes keyed by each document's content hash."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from ..model import ActorRef, AnnotatedDocument, InputError

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, title VARCHAR, url VARCHAR, published DATE,
    source VARCHAR, line INTEGER, text VARCHAR, pipeline_version VARCHAR, annotated JSON,
    stored_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS actors (
    doc_hash VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR,
    sector VARCHAR, code VARCHAR, kb_id VARCHAR, PRIMARY KEY (doc_hash, actor_id));
CREATE TABLE IF NOT EXISTS mentions (
    doc_hash VARCHAR, actor_id VARCHAR, sentence INTEGER, start_char INTEGER,
    end_char INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR, doc_hash VARCHAR, doc_id VARCHAR, sentence INTEGER,
    source_actor VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_code VARCHAR,
    source_text VARCHAR, target_actor VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    target_code VARCHAR, target_text VARCHAR, cameo VARCHAR, cameo_root VARCHAR,
    cameo_name VARCHAR, quad_class INTEGER, goldstein DOUBLE, plover_type VARCHAR,
    plover_mode VARCHAR, trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    negated BOOLEAN, modality VARCHAR, date DATE, date_end DATE, date_precision VARCHAR,
    date_source VARCHAR, location_name VARCHAR, location_country VARCHAR, lat DOUBLE,
    lon DOUBLE, location_source VARCHAR, confidence DOUBLE, rule VARCHAR,
    PRIMARY KEY (doc_hash, event_id));
CREATE TABLE IF NOT EXISTS quotes (
    doc_hash VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    kind VARCHAR, speaker_actor VARCHAR, speaker_country VARCHAR, speaker_text VARCHAR);
CREATE TABLE IF NOT EXISTS times (
    doc_hash VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    value DATE, value_end DATE, precision VARCHAR);
CREATE TABLE IF NOT EXISTS places (
    doc_hash VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, feature VARCHAR);
CREATE TABLE IF NOT EXISTS errors (
    source VARCHAR, line INTEGER, reason VARCHAR, run_id INTEGER, first_seen TIMESTAMP);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY, pipeline_version VARCHAR, inputs VARCHAR, started TIMESTAMP,
    finished TIMESTAMP, documents INTEGER, stored INTEGER, events INTEGER, errors INTEGER,
    seconds DOUBLE);
"""
PER_DOCUMENT_TABLES = ("actors", "mentions", "events", "quotes", "times", "places")


@dataclass(frozen=True)
class RunCounts:
    """What a run did, for the runs table and the summary."""

    documents: int
    stored: int
    events: int
    errors: int
    seconds: float


def _ref(ref: ActorRef | None) -> list[Any]:
    if ref is None:
        return [None] * 5
    return [ref.actor, ref.country, ref.sector, ref.code, ref.text]


class EventStore:
    """Writes annotated documents and input errors into DuckDB; re-runs add nothing twice."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, pipeline_version: str) -> None:
        self.con = connection
        self.version = pipeline_version
        self.con.execute(SCHEMA)

    @classmethod
    def open(cls, path: Path | str, pipeline_version: str) -> EventStore:
        """Open (or create) the store file."""
        return cls(duckdb.connect(str(path)), pipeline_version)

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def start_run(self, inputs: Sequence[str]) -> int:
        """Record the start of a run; its id."""
        row = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()
        run_id = int(row[0]) if row else 1
        self.con.execute(
            "INSERT INTO runs (run_id, pipeline_version, inputs, started) VALUES (?, ?, ?, ?)",
            [run_id, self.version, json.dumps(list(inputs)), datetime.now()],
        )
        return run_id

    def finish_run(self, run_id: int, counts: RunCounts) -> None:
        """Record what a run did."""
        self.con.execute(
            "UPDATE runs SET finished = ?, documents = ?, stored = ?, events = ?, errors = ?, "
            "seconds = ? WHERE run_id = ?",
            [datetime.now(), counts.documents, counts.stored, counts.events, counts.errors,
             counts.seconds, run_id],
        )

    def write(self, documents: Iterable[AnnotatedDocument], errors: Iterable[InputError],
              run_id: int | None = None) -> int:
        """Store a batch in one transaction; documents already stored by this version are
        skipped. Returns how many documents were written."""
        written = 0
        self.con.begin()
        try:
            for annotated in documents:
                written += self._write_document(annotated)
            for error in errors:
                self._write_error(error, run_id)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return written

    def _write_document(self, annotated: AnnotatedDocument) -> int:
        doc = annotated.document
        key = doc.content_hash
        row = self.con.execute(
            "SELECT pipeline_version FROM documents WHERE doc_hash = ?", [key]).fetchone()
        if row is not None and row[0] == self.version:
            return 0
        # A new pipeline version recodes the document: replace what the old one wrote.
        self.con.execute("DELETE FROM documents WHERE doc_hash = ?", [key])
        for table in PER_DOCUMENT_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE doc_hash = ?", [key])
        self.con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, doc.doc_id, doc.title, doc.url, doc.published, doc.source, doc.line,
             doc.text, self.version, json.dumps(annotated.to_json()), datetime.now()],
        )
        self._insert("actors", [
            [key, a.id, a.name, a.kind, a.country, a.sector, a.code, a.kb_id]
            for a in annotated.actors])
        self._insert("mentions", [
            [key, a.id, m.sentence, m.start, m.end, m.text]
            for a in annotated.actors for m in a.mentions])
        self._insert("events", [self._event_row(key, annotated, e) for e in annotated.events])
        self._insert("quotes", [
            [key, q.sentence, q.start, q.end, q.text, q.kind,
             *((q.speaker.actor, q.speaker.country, q.speaker.text) if q.speaker else [None] * 3)]
            for q in annotated.quotes])
        self._insert("times", [
            [key, t.sentence, t.start, t.end, t.text, t.value, t.value_end, t.precision]
            for t in annotated.times])
        self._insert("places", [
            [key, p.sentence, p.start, p.end, p.text, p.name, p.country, p.lat, p.lon, p.feature]
            for p in annotated.places])
        return 1

    @staticmethod
    def _event_row(key: str, annotated: AnnotatedDocument, e: Any) -> list[Any]:
        loc = e.location
        return [
            e.id, key, annotated.document.doc_id, e.sentence, *_ref(e.source), *_ref(e.target),
            e.code.cameo, e.code.root, e.code.name, e.code.quad_class, e.code.goldstein,
            e.code.plover_type, e.code.plover_mode, e.trigger.text, e.trigger.start,
            e.trigger.end, e.negated, e.modality, e.date, e.date_end, e.date_precision,
            e.date_source, loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None, e.location_source,
            e.confidence, e.rule,
        ]

    def _insert(self, table: str, rows: list[list[Any]]) -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def _write_error(self, error: InputError, run_id: int | None) -> None:
        exists = self.con.execute(
            "SELECT 1 FROM errors WHERE source = ? AND line IS NOT DISTINCT FROM ? AND reason = ?",
            [error.source, error.line, error.reason]).fetchone()
        if exists is None:
            self.con.execute("INSERT INTO errors VALUES (?, ?, ?, ?, ?)",
                             [error.source, error.line, error.reason, run_id, datetime.now()])

    def count(self, table: str) -> int:
        """Number of rows of a table of the store."""
        if table not in (*PER_DOCUMENT_TABLES, "documents", "errors", "runs"):
            raise ValueError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0
