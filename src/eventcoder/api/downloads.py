"""Downloads of what the explorer shows: every event that passes the filters, as CSV or
Parquet, streamed a batch at a time (memory bounded by the batch, not the result)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .db import StorePool
from .filters import EventFilters, order_by

BATCH_ROWS = 10_000
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
# One row per event: who, what, to whom, when, where, and the evidence (document, sentence,
# trigger, rule). Sentences come from each document's JSON, parsed once per document.
EXPORT_SQL = """
WITH picked AS (SELECT e.* FROM events e {join} {where}),
sentences AS (
  SELECT doc_hash, title, url, published,
         CAST(json_extract(annotated, '$.sentences') AS VARCHAR[]) AS s
  FROM documents WHERE doc_hash IN (SELECT doc_hash FROM picked))
SELECT e.event_id, e.doc_id, e.doc_hash, doc.title, doc.url, doc.published, e.date,
       e.date_end, e.date_precision, e.date_source,
       sa.name AS source_name, e.source_code, e.source_country, e.source_sector,
       e.source_text, e.cameo, e.cameo_name, e.cameo_root, e.quad_class, e.goldstein,
       e.plover_type, e.plover_mode,
       ta.name AS target_name, e.target_code, e.target_country, e.target_sector,
       e.target_text, e.trigger_text, e.negated, e.modality, e.location_name,
       e.location_country, e.lat, e.lon, e.confidence, e.rule, e.sentence,
       doc.s[e.sentence + 1] AS sentence_text
FROM picked e
LEFT JOIN sentences doc ON doc.doc_hash = e.doc_hash
LEFT JOIN actors sa ON sa.doc_hash = e.doc_hash AND sa.actor_id = e.source_actor
LEFT JOIN actors ta ON ta.doc_hash = e.doc_hash AND ta.actor_id = e.target_actor
ORDER BY {order}
"""


class _Chunks(io.RawIOBase):
    """A write-only file that keeps what was written until it is taken, and counts every
    byte (the Parquet writer asks where it is to record its offsets)."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._position

    def take(self) -> bytes:
        """What was written since the last call."""
        out = b"".join(self._parts)
        self._parts.clear()
        return out


def _csv(reader: pa.RecordBatchReader) -> Iterator[bytes]:
    header = True
    for batch in reader:
        out = io.BytesIO()
        pa_csv.write_csv(batch, out, write_options=pa_csv.WriteOptions(include_header=header))
        header = False
        yield out.getvalue()
    if header:  # no rows: the header alone
        out = io.BytesIO()
        pa_csv.write_csv(reader.schema.empty_table(), out)
        yield out.getvalue()


def _parquet(reader: pa.RecordBatchReader) -> Iterator[bytes]:
    sink = _Chunks()
    with pq.ParquetWriter(sink, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            yield sink.take()
    yield sink.take()


def stream_events(pool: StorePool, filters: EventFilters, fmt: str, sort: str = "date",
                  order: str = "asc") -> Iterator[bytes]:
    """The events that pass the filters in the format, as chunks of bytes. The query runs
    before the first chunk is asked for, so that a store that cannot be read fails the
    request with its status rather than a cut-off download; the cursor is held until the
    last chunk (or the client going away) closes the iterator."""
    stack = ExitStack()
    try:
        db = stack.enter_context(pool.reader())
        where, params = filters.where(clusters=db.has("cluster_members"))
        sql = EXPORT_SQL.format(join=filters.documents_join(), where=where,
                                order=order_by(sort, order))
        reader = db.con.sql(sql, params=params).to_arrow_reader(BATCH_ROWS)
    except BaseException:
        stack.close()
        raise
    encode = _csv if fmt == "csv" else _parquet

    def chunks() -> Iterator[bytes]:
        with stack:
            yield from encode(reader)

    return chunks()
