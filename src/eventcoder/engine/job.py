"""One extract run over any engine: resume from the store, code the rest, commit each partition.

The store is the system of record. Documents it already holds (same content hash, same
pipeline version) are not coded again, so a run killed at any point and started again carries
on where the last committed partition ended; their JSON lines come from the store.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Protocol

from ..model import Document, InputError
from ..store import EventStore, update_clusters
from ..store.parquet import remove_partition
from ..store.rows import build_batch
from .annotate import PartitionResult
from .local import RunSummary

FETCH_CHUNK = 1000
WRITE_QUEUE = 2  # coded partitions waiting for the store: bounds memory, keeps the order
PARTITION_CHARS = 20_000_000  # text per partition at most (long documents), whatever its count


class Engine(Protocol):
    """What the job needs of an engine: coded partitions, yielded in the order given."""

    name: str

    def code(self, partitions: Iterable[list[Document]], *, version: str,
             run_id: int | None = None) -> Iterator[PartitionResult]:
        """Code each partition into store rows, in order."""
        ...

    def leftovers(self, *, version: str) -> Iterator[PartitionResult]:
        """Partitions coded by this version in an earlier, killed run and never stored."""
        ...

    def stored_all(self) -> None:
        """Called once every partition coded by this run is in the store."""
        ...

    def report_coded(self, advance: Callable[[int], None]) -> bool:
        """Whether the engine counts documents as it codes them (then through `advance`),
        rather than the job as each partition is stored."""
        ...


class Progress(Protocol):
    """Where the job reports documents done."""

    def advance(self, count: int) -> None:
        """Count `count` more documents as done."""
        ...


@dataclass(frozen=True)
class Plan:
    """What a run reads, what the store already holds, and what is left to code."""

    documents: list[Document]  # every document read, in input order
    errors: list[InputError]  # inputs that could not be read
    todo: list[Document]  # distinct documents to code, in input order
    stored: set[str]  # content hashes of input documents the store holds already
    skipped: int  # input documents not coded because the store holds them
    recovered: int  # documents stored from partitions a killed run left behind


def _nothing(keys: list[str]) -> dict[str, str]:
    return {}


class OrderedJsonl:
    """Writes one JSON line per input document in input order, whether the document was coded
    now (from the partition) or earlier (from the store); failed documents have no line."""

    def __init__(self, out: IO[str], order: Sequence[str], stored: set[str],
                 fetch: Callable[[list[str]], dict[str, str]]) -> None:
        self.out, self.order, self.stored, self.fetch = out, order, stored, fetch
        self.last = {key: i for i, key in enumerate(order)}
        self.done: set[str] = set()
        self.buffer: dict[str, str] = {}
        self.position = 0

    def add(self, covered: Iterable[str], lines: dict[str, str]) -> None:
        """A partition is done: write every line that is now due."""
        self.done.update(covered)
        self.buffer.update(lines)
        self._flush()

    def finish(self) -> None:
        """Write the lines left (documents that were all in the store)."""
        self._flush(final=True)

    def _flush(self, final: bool = False) -> None:
        end = self.position
        while end < len(self.order) and (final or self.order[end] in self.done
                                         or self.order[end] in self.stored):
            end += 1
        wanted = list(dict.fromkeys(k for k in self.order[self.position:end]
                                    if k in self.stored and k not in self.buffer))
        for start in range(0, len(wanted), FETCH_CHUNK):
            self.buffer.update(self.fetch(wanted[start:start + FETCH_CHUNK]))
        for i in range(self.position, end):
            key = self.order[i]
            line = self.buffer.get(key)
            if line is not None:
                self.out.write(line + "\n")
            if self.last[key] == i:
                self.buffer.pop(key, None)
        self.position = end
        self.out.flush()


class ExtractJob:
    """Runs an engine over the documents of a run and writes the store and JSON lines."""

    def __init__(self, engine: Engine, *, version: str, store: EventStore | None = None,
                 jsonl: IO[str] | None = None, run_id: int | None = None,
                 partition_size: int = 64) -> None:
        self.engine, self.version, self.store = engine, version, store
        self.jsonl, self.run_id = jsonl, run_id
        self.partition_size = max(1, partition_size)
        self.coded: set[str] = set()  # content hashes this job has coded, over all its plans

    def close(self) -> None:
        """After the last run: let the engine clean up (the Dask staging folder)."""
        self.engine.stored_all()

    def recover(self) -> int:
        """Store the partitions that a killed earlier run coded but did not store; how many
        documents that added."""
        stored = 0
        if self.store is not None:
            for result in self.engine.leftovers(version=self.version):
                stored += self.store.write_batch(result.batch)
                if result.spool is not None:
                    remove_partition(result.spool)
        return stored

    def plan(self, items: Sequence[Document | InputError]) -> Plan:
        """Store what a killed earlier run left coded, then find what is left to code:
        distinct documents not yet stored by this version, in input order."""
        recovered = self.recover()
        documents = [i for i in items if isinstance(i, Document)]
        hashes = [d.content_hash for d in documents]
        stored = self.store.stored_hashes(hashes) if self.store is not None else set()
        todo: dict[str, Document] = {}
        for key, document in zip(hashes, documents, strict=True):
            if key not in stored and key not in todo:
                todo[key] = document
        errors = [i for i in items if isinstance(i, InputError)]
        # Stored by an earlier run, not by an earlier chunk of this one.
        skipped = sum(1 for key in hashes if key in stored and key not in self.coded)
        return Plan(documents, errors, list(todo.values()), stored, skipped, recovered)

    def run(self, plan: Plan, progress: Progress | None = None) -> RunSummary:
        """Code and store what the plan says is left; a summary of the run."""
        started = time.perf_counter()
        summary = RunSummary(errors=list(plan.errors), stored=plan.recovered,
                             skipped=plan.skipped)
        if self.store is not None and plan.errors:
            self.store.write_batch(build_batch([], plan.errors, version=self.version,
                                               run_id=self.run_id))
        writer = None
        if self.jsonl is not None:
            fetch = self.store.annotated_json if self.store is not None else _nothing
            writer = OrderedJsonl(self.jsonl, [d.content_hash for d in plan.documents],
                                  plan.stored, fetch)
        todo, size = plan.todo, self.partition_size
        self.coded.update(d.content_hash for d in todo)
        partitions = _partitions(todo, size)
        # Progress counts documents as they are coded where the engine can tell (every batch
        # of the local engine), else as each partition is stored.
        counted = progress is not None and self.engine.report_coded(progress.advance)
        with PartitionWriter(self.store, writer, None if counted else progress) as store_writer:
            for result in self.engine.code(partitions, version=self.version,
                                           run_id=self.run_id):
                store_writer.put(result)
                summary.documents += result.batch.documents
                summary.events += result.batch.events
                summary.errors.extend(result.errors)
        summary.stored += store_writer.stored
        if writer is not None:
            writer.finish()
        summary.seconds = time.perf_counter() - started
        if self.store is not None:
            summary.clusters = update_clusters(self.store.con)
        return summary


def _partitions(documents: list[Document], size: int, chars: int = PARTITION_CHARS
                ) -> Iterator[list[Document]]:
    """The documents in partitions of `size`, or of fewer holding `chars` characters of text:
    a partition's coded results are held until it is stored."""
    start, held = 0, 0
    for end, document in enumerate(documents, 1):
        held += len(document.text)
        if end - start >= size or held >= chars:
            yield documents[start:end]
            start, held = end, 0
    if start < len(documents):
        yield documents[start:]


class PartitionWriter:
    """Stores coded partitions in a thread of its own, one after another in the order given,
    so that DuckDB's commits (which release the GIL) overlap the parse of the next partition.
    An error in the thread is raised again in the caller, at the next put or at the end."""

    def __init__(self, store: EventStore | None, jsonl: OrderedJsonl | None,
                 progress: Progress | None = None) -> None:
        self.store, self.jsonl, self.progress = store, jsonl, progress
        self.stored = 0
        self.failure: BaseException | None = None
        self.pending: queue.Queue[PartitionResult | None] = queue.Queue(WRITE_QUEUE)
        self.thread = threading.Thread(target=self._work, name="eventcoder-store", daemon=True)

    def __enter__(self) -> PartitionWriter:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.pending.put(None)
        self.thread.join()
        if self.failure is not None and exc_info[0] is None:
            raise self.failure

    def put(self, result: PartitionResult) -> None:
        """Queue a coded partition for the store (waits while the queue is full)."""
        if self.failure is not None:
            raise self.failure
        self.pending.put(result)

    def _work(self) -> None:
        while (result := self.pending.get()) is not None:
            if self.failure is not None:
                continue  # drain: nothing after a failed partition is stored
            try:
                self._write(result)
            except BaseException as exc:  # raised again in the caller's thread
                self.failure = exc

    def _write(self, result: PartitionResult) -> None:
        if self.store is not None:
            self.stored += self.store.write_batch(result.batch)
        if result.spool is not None:
            remove_partition(result.spool)
        if self.jsonl is not None:
            self.jsonl.add(result.hashes, result.batch.annotated_json())
        if self.progress is not None:  # documents count as done once committed
            self.progress.advance(len(result.hashes))
