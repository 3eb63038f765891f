"""The local engine: annotate documents in batches in this process."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..model import AnnotatedDocument, Document, InputError
from ..pipeline import Pipeline
from ..store.clusters import ClusterUpdate
from ..store.rows import build_batch
from .annotate import PartitionResult, annotate_batch

Batch = tuple[list[AnnotatedDocument], list[InputError]]


@dataclass
class RunSummary:
    """What a run read, coded, stored and failed on."""

    documents: int = 0  # documents coded by this run
    events: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0
    stored: int = 0  # documents written to the store
    skipped: int = 0  # documents found in the store, not coded again
    clusters: ClusterUpdate | None = None

    def add(self, other: RunSummary) -> None:
        """Count another part of the same run (inputs are read a chunk at a time)."""
        self.documents += other.documents
        self.events += other.events
        self.errors.extend(other.errors)
        self.seconds += other.seconds
        self.stored += other.stored
        self.skipped += other.skipped
        if other.clusters is not None:
            mine = self.clusters or ClusterUpdate(0, 0, 0)
            self.clusters = ClusterUpdate(mine.groups + other.clusters.groups,
                                          mine.clusters + other.clusters.clusters,
                                          mine.members + other.clusters.members)


class LocalEngine:
    """Runs the pipeline over documents in this process, batch by batch."""

    name = "local"

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self._coded: Callable[[int], None] | None = None

    def report_coded(self, advance: Callable[[int], None]) -> bool:
        """Count documents a parse batch at a time as they are coded."""
        self._coded = advance
        return True

    def code(self, partitions: Iterable[list[Document]], *, version: str,
             run_id: int | None = None) -> Iterator[PartitionResult]:
        """Code each partition into store rows, in order."""
        for documents in partitions:
            annotated: list[AnnotatedDocument] = []
            errors: list[InputError] = []
            for done, failed in self.batches(documents):
                annotated += done
                errors += failed
                if self._coded is not None:
                    self._coded(len(done) + len(failed))
            batch = build_batch(annotated, errors, version=version, run_id=run_id)
            yield PartitionResult([d.content_hash for d in documents], batch, errors)

    def leftovers(self, *, version: str) -> Iterator[PartitionResult]:
        """None: the local engine commits every partition it codes before the next."""
        return iter(())

    def stored_all(self) -> None:
        """Nothing to clean up."""

    def batches(self, items: Iterable[Document | InputError]) -> Iterator[Batch]:
        """Annotated documents and errors, a batch at a time, in input order."""
        size = self.pipeline.settings.batch_size
        documents: list[Document] = []
        errors: list[InputError] = []
        for item in items:
            if isinstance(item, InputError):
                errors.append(item)
            else:
                documents.append(item)
            if len(documents) >= size:
                yield self._annotate(documents, errors)
                documents, errors = [], []
        if documents or errors:
            yield self._annotate(documents, errors)

    def run(self, items: Iterable[Document | InputError],
            sink: Callable[[list[AnnotatedDocument], list[InputError]], None],
            progress: Callable[[int], None] | None = None) -> RunSummary:
        """Annotate everything, passing each batch to the sink; a summary of the run."""
        summary = RunSummary()
        started = time.perf_counter()
        for annotated, errors in self.batches(items):
            sink(annotated, errors)
            summary.documents += len(annotated)
            summary.events += sum(len(a.events) for a in annotated)
            summary.errors.extend(errors)
            if progress is not None:
                progress(len(annotated) + len(errors))
        summary.seconds = time.perf_counter() - started
        return summary

    def _annotate(self, documents: list[Document], errors: list[InputError]) -> Batch:
        annotated, failed = annotate_batch(self.pipeline, documents)
        return annotated, errors + failed
