"""Rows of the store's tables from annotated documents and input errors, as Arrow tables.

Both engines go through here: the local engine hands the tables straight to the store, the
Dask engine writes them as Parquet on a worker and the store loads that. To store a new field,
add its column to `data/schema.tsv` and its value to the row function of its table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

from ..model import ActorRef, AnnotatedDocument, Event, InputError
from .schema import DOCUMENT_TABLES, store_tables

Row = dict[str, Any]
BATCH_TABLES = (*DOCUMENT_TABLES, "errors")


def outlet_of(url: str | None, source: str | None) -> str | None:
    """The information source of a document: the host of its URL without 'www.', else the
    file it came from (GDELT's NumSources counts these)."""
    host = None
    if url and "://" in url:
        try:
            host = urlsplit(url.strip()).hostname
        except ValueError:
            host = None
    if host:
        return host.removeprefix("www.")
    return source


def _ref(prefix: str, ref: ActorRef | None) -> Row:
    if ref is None:
        return {}
    return {f"{prefix}_actor": ref.actor, f"{prefix}_country": ref.country,
            f"{prefix}_sector": ref.sector, f"{prefix}_code": ref.code, f"{prefix}_text": ref.text}


def event_row(key: str, doc_id: str, e: Event) -> Row:
    """The events-table row of one event."""
    loc = e.location
    return {
        "event_id": e.id, "doc_hash": key, "doc_id": doc_id, "sentence": e.sentence,
        **_ref("source", e.source), **_ref("target", e.target),
        "cameo": e.code.cameo, "cameo_root": e.code.root, "cameo_name": e.code.name,
        "quad_class": e.code.quad_class, "goldstein": e.code.goldstein,
        "plover_type": e.code.plover_type, "plover_mode": e.code.plover_mode,
        "trigger_text": e.trigger.text, "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end, "negated": e.negated, "modality": e.modality,
        "date": e.date, "date_end": e.date_end, "date_precision": e.date_precision,
        "date_source": e.date_source,
        **({"location_name": loc.name, "location_country": loc.country, "lat": loc.lat,
            "lon": loc.lon} if loc else {}),
        "location_source": e.location_source, "confidence": e.confidence, "rule": e.rule,
    }


def document_rows(annotated: AnnotatedDocument, *, version: str, run_id: int | None,
                  stored_at: datetime) -> dict[str, list[Row]]:
    """The rows that one annotated document adds to each per-document table."""
    doc = annotated.document
    key = doc.content_hash
    return {
        "documents": [{
            "doc_hash": key, "doc_id": doc.doc_id, "title": doc.title, "url": doc.url,
            "published": doc.published, "source": doc.source, "line": doc.line,
            "text": doc.text, "pipeline_version": version,
            "annotated": json.dumps(annotated.to_json(), ensure_ascii=False),
            "stored_at": stored_at, "run_id": run_id, "clustered": False,
            "outlet": outlet_of(doc.url, doc.source),
        }],
        "actors": [{"doc_hash": key, "actor_id": a.id, "name": a.name, "kind": a.kind,
                    "country": a.country, "sector": a.sector, "code": a.code, "kb_id": a.kb_id}
                   for a in annotated.actors],
        "mentions": [{"doc_hash": key, "actor_id": a.id, "sentence": m.sentence,
                      "start_char": m.start, "end_char": m.end, "text": m.text}
                     for a in annotated.actors for m in a.mentions],
        "events": [event_row(key, doc.doc_id, e) for e in annotated.events],
        "quotes": [{"doc_hash": key, "sentence": q.sentence, "start_char": q.start,
                    "end_char": q.end, "text": q.text, "kind": q.kind,
                    "speaker_actor": q.speaker.actor if q.speaker else None,
                    "speaker_country": q.speaker.country if q.speaker else None,
                    "speaker_text": q.speaker_text or (q.speaker.text if q.speaker else None),
                    "sentence_end": q.sentence_end, "cue": q.cue}
                   for q in annotated.quotes],
        "times": [{"doc_hash": key, "sentence": t.sentence, "start_char": t.start,
                   "end_char": t.end, "text": t.text, "value": t.value,
                   "value_end": t.value_end, "precision": t.precision}
                  for t in annotated.times],
        "places": [{"doc_hash": key, "sentence": p.sentence, "start_char": p.start,
                    "end_char": p.end, "text": p.text, "name": p.name, "country": p.country,
                    "lat": p.lat, "lon": p.lon, "feature": p.feature, "geonameid": p.geonameid}
                   for p in annotated.places],
    }


def error_row(error: InputError, *, run_id: int | None, seen: datetime) -> Row:
    """The errors-table row of one input error."""
    return {"source": error.source, "line": error.line, "reason": error.reason,
            "run_id": run_id, "first_seen": seen}


@dataclass(frozen=True)
class TableBatch:
    """One batch of store rows, an Arrow table per table; the unit the store commits."""

    tables: Mapping[str, pa.Table]

    def __getitem__(self, name: str) -> pa.Table:
        return self.tables[name]

    @property
    def documents(self) -> int:
        """Number of distinct documents in the batch."""
        return int(self.tables["documents"].num_rows)

    @property
    def events(self) -> int:
        """Number of events in the batch."""
        return int(self.tables["events"].num_rows)

    def annotated_json(self) -> dict[str, str]:
        """Each document's JSON line (the output contract), by content hash."""
        table = self.tables["documents"]
        return dict(zip(table.column("doc_hash").to_pylist(),
                        table.column("annotated").to_pylist(), strict=True))


def build_batch(documents: Iterable[AnnotatedDocument], errors: Iterable[InputError], *,
                version: str, run_id: int | None = None) -> TableBatch:
    """The store rows of annotated documents and errors; a repeated document counts once."""
    now = datetime.now()
    rows: dict[str, list[Row]] = {name: [] for name in BATCH_TABLES}
    seen: set[str] = set()
    for annotated in documents:
        key = annotated.document.content_hash
        if key in seen:
            continue
        seen.add(key)
        for table, table_rows in document_rows(annotated, version=version, run_id=run_id,
                                               stored_at=now).items():
            rows[table].extend(table_rows)
    rows["errors"] = [error_row(e, run_id=run_id, seen=now) for e in errors]
    return TableBatch({name: to_arrow(name, table_rows) for name, table_rows in rows.items()})


def to_arrow(table: str, rows: list[Row]) -> pa.Table:
    """An Arrow table with the store schema of `table`; columns a row lacks are null."""
    schema = store_tables()[table].arrow_schema
    unknown = {k for row in rows for k in row} - set(schema.names)
    if unknown:
        raise KeyError(f"columns not in the {table} table of the schema: {sorted(unknown)}")
    return pa.Table.from_pylist(rows, schema=schema)
