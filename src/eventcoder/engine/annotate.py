"""The unit of work of every engine: annotate a batch; a failing document becomes an error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Messages
from ..model import AnnotatedDocument, Document, InputError
from ..pipeline import Pipeline
from ..store.rows import TableBatch


def annotate_batch(pipeline: Pipeline, documents: Sequence[Document]
                   ) -> tuple[list[AnnotatedDocument], list[InputError]]:
    """Annotate documents in one parse batch; if the batch fails, document by document, so
    that one bad document costs only itself."""
    try:
        return list(pipeline.annotate_many(documents)), []
    except Exception:
        annotated, errors = [], []
        for document in documents:
            try:
                annotated.append(pipeline.annotate(document))
            except Exception as exc:
                errors.append(failed(document, Messages.E011, exc))
        return annotated, errors


def failed(document: Document, message: str, exc: BaseException) -> InputError:
    """The error record of a document whose coding raised `exc`."""
    reason = message.format(reason=f"{type(exc).__name__}: {exc}")
    return InputError(document.source or document.doc_id, document.line, reason)


@dataclass(frozen=True)
class PartitionResult:
    """A coded partition: store rows of its documents, the documents that failed, and the
    Parquet folder it was spooled to (deleted once the store holds it)."""

    hashes: list[str]  # content hashes of every document of the partition, in order
    batch: TableBatch
    errors: list[InputError]
    spool: Path | None = None
