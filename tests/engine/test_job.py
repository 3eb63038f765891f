"""ExtractJob: resume from the store, JSON lines in input order, errors, partitions."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from datetime import date

import duckdb
import pytest

from eventcoder.engine import ExtractJob, LocalEngine, OrderedJsonl, PartitionResult
from eventcoder.model import AnnotatedDocument, Document, InputError
from eventcoder.store import EventStore, build_batch
from tests.factories import E, document

DOCS = [document(f"d{i}", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 1 + i % 3)))
        for i in range(7)]


class FakeEngine:
    """Codes from a table of prepared documents; can crash after some partitions."""

    name = "fake"

    def __init__(self, crash_after: int | None = None, fail: set[str] = frozenset()) -> None:
        self.known = {d.document.doc_id: d for d in DOCS}
        self.crash_after, self.fail = crash_after, fail
        self.coded: list[str] = []

    def leftovers(self, *, version: str) -> Iterator[PartitionResult]:
        return iter(())

    def stored_all(self) -> None:
        self.finished = True

    def code(self, partitions: Iterable[list[Document]], *, version: str,
             run_id: int | None = None) -> Iterator[PartitionResult]:
        for number, documents in enumerate(partitions):
            if self.crash_after is not None and number == self.crash_after:
                raise KeyboardInterrupt
            ok = [self.known[d.doc_id] for d in documents if d.doc_id not in self.fail]
            errors = [InputError(d.source or "", d.line, "[E011] boom") for d in documents
                      if d.doc_id in self.fail]
            self.coded += [d.doc_id for d in documents]
            yield PartitionResult([d.content_hash for d in documents],
                                  build_batch(ok, errors, version=version, run_id=run_id), errors)


def _items(docs: list[AnnotatedDocument]) -> list[Document | InputError]:
    return [d.document for d in docs]


def _lines(out: io.StringIO) -> list[str]:
    return [json.loads(line)["doc_id"] for line in out.getvalue().splitlines()]


def test_a_killed_run_resumes_where_it_stopped() -> None:
    store = EventStore(duckdb.connect(":memory:"), "1")
    with pytest.raises(KeyboardInterrupt):
        job = ExtractJob(FakeEngine(crash_after=2), version="1", store=store, partition_size=2)
        job.run(job.plan(_items(DOCS)))
    assert store.count("documents") == 4
    engine, out = FakeEngine(), io.StringIO()
    job = ExtractJob(engine, version="1", store=store, jsonl=out, partition_size=2)
    plan = job.plan(_items(DOCS))
    assert plan.skipped == 4 and [d.doc_id for d in plan.todo] == ["d4", "d5", "d6"]
    summary = job.run(plan)
    assert engine.coded == ["d4", "d5", "d6"]
    assert (summary.documents, summary.stored, summary.skipped) == (3, 3, 4)
    assert _lines(out) == [f"d{i}" for i in range(7)]
    assert store.count("documents") == 7 and store.count("events") == 7
    assert summary.clusters is not None and store.count("event_clusters") == 2


class FailingStore(EventStore):
    """A store whose second partition write fails, as a full disk would."""

    def __init__(self) -> None:
        super().__init__(duckdb.connect(":memory:"), "1")
        self.writes = 0

    def write_batch(self, batch):  # type: ignore[no-untyped-def]
        self.writes += 1
        if self.writes == 2:
            raise OSError("No space left on device")
        return super().write_batch(batch)


def test_a_store_failure_stops_the_run_in_the_callers_thread() -> None:
    store = FailingStore()
    job = ExtractJob(FakeEngine(), version="1", store=store, partition_size=2)
    with pytest.raises(OSError, match="No space left"):
        job.run(job.plan(_items(DOCS)))
    # The first partition is stored; nothing after the failed one is.
    assert store.count("documents") == 2
    rerun = ExtractJob(FakeEngine(), version="1", store=EventStore(store.con, "1"),
                       partition_size=2)
    plan = rerun.plan(_items(DOCS))
    assert [d.doc_id for d in plan.todo] == ["d2", "d3", "d4", "d5", "d6"]
    assert rerun.run(plan).stored == 5 and store.count("documents") == 7


def test_duplicates_failures_and_read_errors() -> None:
    store = EventStore(duckdb.connect(":memory:"), "1")
    items = [DOCS[0].document, InputError("x.txt", None, "[E004] Empty text"),
             DOCS[1].document, DOCS[0].document, DOCS[2].document]
    out = io.StringIO()
    job = ExtractJob(FakeEngine(fail={"d1"}), version="1", store=store, jsonl=out,
                     partition_size=2)
    summary = job.run(job.plan(items))
    assert _lines(out) == ["d0", "d0", "d2"]
    assert [e.reason for e in summary.errors] == ["[E004] Empty text", "[E011] boom"]
    assert store.count("errors") == 2 and store.count("documents") == 2


def test_without_a_store_every_document_is_coded() -> None:
    out = io.StringIO()
    job = ExtractJob(FakeEngine(), version="1", jsonl=out, partition_size=3)
    summary = job.run(job.plan(_items(DOCS)))
    assert summary.documents == 7 and summary.clusters is None
    assert _lines(out) == [f"d{i}" for i in range(7)]


def test_local_engine_codes_partitions_in_order(pipeline) -> None:
    docs = [Document("Iran condemned Israel.", "a", published=date(2024, 1, 2)),
            Document("Japan praised South Korea.", "b", published=date(2024, 1, 2))]
    results = list(LocalEngine(pipeline).code([[docs[0]], [docs[1]]], version="1"))
    assert [r.hashes for r in results] == [[d.content_hash] for d in docs]
    assert all(r.batch.events >= 1 and not r.errors for r in results)


def test_ordered_lines_wait_for_earlier_documents() -> None:
    out = io.StringIO()
    writer = OrderedJsonl(out, ["a", "s", "b", "c", "a"], {"s"}, lambda keys: {"s": "S"})
    writer.add(["b"], {"b": "B"})
    assert out.getvalue() == ""  # "a" is not done yet
    writer.add(["a"], {"a": "A"})
    assert out.getvalue().split() == ["A", "S", "B"]
    writer.add(["c"], {})  # c failed: no line
    writer.finish()
    assert out.getvalue().split() == ["A", "S", "B", "A"]
    assert writer.buffer == {}
