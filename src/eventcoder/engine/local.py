"""The local engine: annotate documents in batches in this process, hand results to sinks."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import Messages
from ..model import AnnotatedDocument, Document, InputError
from ..pipeline import Pipeline

Batch = tuple[list[AnnotatedDocument], list[InputError]]


@dataclass
class RunSummary:
    """What a run read, coded and failed on."""

    documents: int = 0
    events: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0


class LocalEngine:
    """Runs the pipeline over documents in this process, batch by batch."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

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
        try:
            return list(self.pipeline.annotate_many(documents)), errors
        except Exception:
            annotated = []
            for document in documents:
                try:
                    annotated.append(self.pipeline.annotate(document))
                except Exception as exc:
                    reason = Messages.E011.format(reason=f"{type(exc).__name__}: {exc}")
                    errors.append(InputError(document.source or document.doc_id,
                                             document.line, reason))
            return annotated, errors
