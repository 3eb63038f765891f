"""The runs table: what each `extract` did, and the runs that a kill cut short.

A run is written `running` when it starts and `finished` with its counts when it ends. A run
killed on the way (SIGKILL, power cut) never ends: the next run that opens the store marks it
`interrupted`. Only one process can write a store at a time (DuckDB locks the file), so a run
of another process that has no end when a new run starts is dead; runs of this process are
told apart by a token drawn once per process.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

import duckdb

# Drawn once per process: a run with no end whose token is not this one belongs to a process
# that is gone (process ids are reused, in containers at every start).
PROCESS_TOKEN = uuid.uuid4().hex
RUN_STATES = ("running", "finished", "interrupted")

_MARK = """
UPDATE runs SET status = 'interrupted'
WHERE finished IS NULL AND coalesce(status, 'running') = 'running'
  AND process IS DISTINCT FROM ?
"""
# Rows written before the status column have none: they ended if they have an end.
_BACKFILL = "UPDATE runs SET status = 'finished' WHERE finished IS NOT NULL AND status IS NULL"
_COLUMNS = ("run_id", "started", "finished", "status", "engine", "pipeline_version", "inputs",
            "documents", "stored", "skipped", "events", "errors", "seconds")


@dataclass(frozen=True)
class RunRecord:
    """One run of `extract` as the runs table records it."""

    run_id: int
    started: datetime | None
    finished: datetime | None
    status: str
    engine: str | None
    pipeline_version: str | None
    inputs: tuple[str, ...]
    documents: int | None
    stored: int | None
    skipped: int | None
    events: int | None
    errors: int | None
    seconds: float | None


def mark_interrupted(con: duckdb.DuckDBPyConnection, process: str = PROCESS_TOKEN) -> int:
    """Mark as interrupted every run with no end that another process started; how many."""
    con.execute(_BACKFILL)
    result = con.execute(_MARK, [process]).fetchall()
    return int(result[0][0]) if result else 0


def run_status(finished: datetime | None, status: str | None, *, writer_alive: bool) -> str:
    """The state to show for a run: a run with no end is interrupted unless its writer may
    still be at work (a reader that could open the store knows that no writer holds it)."""
    if finished is not None:
        return "finished"
    if status == "interrupted" or not writer_alive:
        return "interrupted"
    return "running"


def list_runs(con: duckdb.DuckDBPyConnection, *, limit: int = 20,
              writer_alive: bool = False) -> list[RunRecord]:
    """The latest runs first. `writer_alive`: whether the caller cannot rule out a writer
    at work (false when it opened the store itself, since a writer would hold the lock)."""
    present = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'runs' "
        "AND table_schema = current_schema()").fetchall()}
    if not present:
        return []
    # A store of an older version lacks some columns: read it as it is (names from a fixed list).
    select = ", ".join(c if c in present else f"NULL AS {c}" for c in _COLUMNS)
    records = []
    for (run_id, started, finished, status, engine, version, inputs, documents, stored,
         skipped, events, errors, seconds) in con.execute(
            f"SELECT {select} FROM runs ORDER BY run_id DESC LIMIT ?", [limit]).fetchall():
        records.append(RunRecord(
            run_id, started, finished, run_status(finished, status, writer_alive=writer_alive),
            engine, version, _inputs(inputs), documents, stored, skipped, events, errors,
            seconds))
    return records


def _inputs(text: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(text) if text else []
    except ValueError:
        return (text or "",)
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)
