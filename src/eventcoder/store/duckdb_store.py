"""The DuckDB store: the system of record, written in committed batches keyed by content hash."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import EventcoderError, Messages
from ..model import AnnotatedDocument, InputError
from .lock import holder, is_lock_error, retry_while_locked
from .rows import BATCH_TABLES, TableBatch, build_batch
from .runs import PROCESS_TOKEN, mark_interrupted
from .schema import CLUSTER_TABLES, DOCUMENT_TABLES, create_or_migrate
from .sql import scalar

# Kept for callers of the first version of this module.
PER_DOCUMENT_TABLES = DOCUMENT_TABLES[1:]
KNOWN_TABLES = frozenset((*DOCUMENT_TABLES, *CLUSTER_TABLES, "errors", "runs"))


class StoreError(EventcoderError):
    """The store file cannot be opened or read."""


@dataclass(frozen=True)
class RunCounts:
    """What a run did, for the runs table and the summary."""

    documents: int
    stored: int
    events: int
    errors: int
    seconds: float
    skipped: int = 0  # documents of the input already in the store, not coded again


def open_connection(path: Path | str, *, read_only: bool = False, must_exist: bool = False,
                    wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to a store file (created unless read-only or `must_exist`), waiting
    up to `wait` seconds while another process holds it; StoreError when it is missing, still
    locked (the message names the holder and what to do) or damaged."""
    if (read_only or must_exist) and str(path) != ":memory:" and not Path(path).is_file():
        raise StoreError(Messages.E020.format(path=path))
    try:
        return retry_while_locked(lambda: duckdb.connect(str(path), read_only=read_only),
                                  wait=wait)
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0]
        if is_lock_error(reason):
            waited = f" (waited {wait:g} s; --wait SECONDS waits longer)" if wait > 0 else ""
            raise StoreError(Messages.E033.format(path=path, holder=holder(reason),
                                                  waited=waited)) from None
        raise StoreError(Messages.E022.format(path=path, reason=reason)) from None


def _keys(keys: Iterable[str]) -> pa.Table:
    return pa.table({"key": pa.array(list(keys), pa.string())})


class EventStore:
    """Writes annotated documents and input errors into DuckDB; re-runs add nothing twice.

    Each call of `write` or `write_batch` is one transaction: a run killed at any moment leaves
    every batch either fully stored or absent, and the next run skips what is stored.
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection, pipeline_version: str) -> None:
        self.con = connection
        self.version = pipeline_version
        self.interrupted_runs = 0  # runs marked interrupted by the last start_run
        create_or_migrate(self.con)

    @classmethod
    def open(cls, path: Path | str, pipeline_version: str, *, wait: float = 0.0) -> EventStore:
        """Open (or create) the store file, waiting up to `wait` seconds while another process
        holds it."""
        return cls(open_connection(path, wait=wait), pipeline_version)

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def start_run(self, inputs: Sequence[str], engine: str = "local") -> int:
        """Record the start of a run, first marking the runs that a kill cut short as
        interrupted (`interrupted_runs` says how many); its id."""
        self.interrupted_runs = mark_interrupted(self.con)
        run_id = int(scalar(self.con, "SELECT coalesce(max(run_id), 0) + 1 FROM runs"))
        self.con.execute(
            "INSERT INTO runs (run_id, pipeline_version, inputs, started, engine, status, "
            "process) VALUES (?, ?, ?, ?, ?, 'running', ?)",
            [run_id, self.version, json.dumps(list(inputs)), datetime.now(), engine,
             PROCESS_TOKEN],
        )
        return run_id

    def finish_run(self, run_id: int, counts: RunCounts) -> None:
        """Record what a run did."""
        self.con.execute(
            "UPDATE runs SET finished = ?, documents = ?, stored = ?, events = ?, errors = ?, "
            "seconds = ?, skipped = ?, status = 'finished' WHERE run_id = ?",
            [datetime.now(), counts.documents, counts.stored, counts.events, counts.errors,
             counts.seconds, counts.skipped, run_id],
        )

    def write(self, documents: Iterable[AnnotatedDocument], errors: Iterable[InputError],
              run_id: int | None = None) -> int:
        """Store a batch in one transaction; documents already stored by this version are
        skipped. Returns how many documents were written."""
        return self.write_batch(build_batch(documents, errors, version=self.version,
                                            run_id=run_id))

    def write_batch(self, batch: TableBatch) -> int:
        """Store prepared rows in one transaction (new documents only; a document stored by
        another pipeline version is replaced). Returns how many documents were written."""
        names = [f"_batch_{table}" for table in BATCH_TABLES]
        self.con.begin()
        try:
            for name, table in zip(names, BATCH_TABLES, strict=True):
                self.con.register(name, batch[table])
            written = self._insert_documents() if batch.documents else 0
            if batch["errors"].num_rows:
                self._insert_errors()
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        finally:
            for name in (*names, "_batch_new", "_batch_replaced"):
                self.con.unregister(name)
        return written

    def _insert_documents(self) -> int:
        rows = self.con.execute(
            "SELECT b.doc_hash, s.doc_hash IS NOT NULL FROM _batch_documents b "
            "LEFT JOIN documents s ON s.doc_hash = b.doc_hash "
            "WHERE s.doc_hash IS NULL OR s.pipeline_version IS DISTINCT FROM b.pipeline_version"
        ).fetchall()
        if not rows:
            return 0
        replaced = [key for key, stored in rows if stored]
        if replaced:
            # A new pipeline version recodes the document: drop what the old one wrote.
            self._register_keys("_batch_replaced", replaced)
            for table in DOCUMENT_TABLES:
                self.con.execute(
                    f"DELETE FROM {table} WHERE doc_hash IN (SELECT key FROM _batch_replaced)")
        self._register_keys("_batch_new", [key for key, _ in rows])
        for table in DOCUMENT_TABLES:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch_{table} "
                             "WHERE doc_hash IN (SELECT key FROM _batch_new)")
        return len(rows)

    def _insert_errors(self) -> None:
        self.con.execute(
            "INSERT INTO errors BY NAME SELECT * FROM _batch_errors b "
            "WHERE NOT EXISTS (SELECT 1 FROM errors e WHERE e.source = b.source "
            "AND e.line IS NOT DISTINCT FROM b.line AND e.reason = b.reason) "
            "QUALIFY row_number() OVER (PARTITION BY source, line, reason) = 1")

    def _register_keys(self, name: str, keys: list[str]) -> None:
        self.con.register(name, _keys(keys))

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Those of the content hashes whose document this pipeline version has stored."""
        keys = _keys(hashes)
        if not keys.num_rows:
            return set()
        self.con.register("_lookup_keys", keys)
        try:
            rows = self.con.execute(
                "SELECT doc_hash FROM documents WHERE pipeline_version = ? "
                "AND doc_hash IN (SELECT key FROM _lookup_keys)", [self.version]).fetchall()
        finally:
            self.con.unregister("_lookup_keys")
        return {r[0] for r in rows}

    def annotated_json(self, hashes: Iterable[str]) -> dict[str, str]:
        """The stored JSON line of each of the documents, by content hash."""
        keys = _keys(hashes)
        self.con.register("_lookup_keys", keys)
        try:
            rows = self.con.execute(
                "SELECT doc_hash, CAST(annotated AS VARCHAR) FROM documents "
                "WHERE doc_hash IN (SELECT key FROM _lookup_keys)").fetchall()
        finally:
            self.con.unregister("_lookup_keys")
        return {key: text for key, text in rows}

    def count(self, table: str) -> int:
        """Number of rows of a table of the store."""
        if table not in KNOWN_TABLES:
            raise ValueError(f"unknown table {table!r}")
        return int(scalar(self.con, f"SELECT count(*) FROM {table}"))
