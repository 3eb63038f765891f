"""Read-only queries behind the API: events, one event with its evidence, documents, actors."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import Messages
from ..store.exports import table_exists
from .db import rows, scalar
from .errors import AmbiguousIdError, NotFoundError
from .filters import EventFilters, order_by

EVENT_COLUMNS = """
e.event_id, e.doc_hash, e.doc_id, d.title, d.published, e.sentence,
e.source_actor, sa.name AS source_name, e.source_country, e.source_sector, e.source_code,
e.source_text, e.target_actor, ta.name AS target_name, e.target_country, e.target_sector,
e.target_code, e.target_text, e.cameo, e.cameo_root, e.cameo_name, e.quad_class, e.goldstein,
e.plover_type, e.plover_mode, e.trigger_text, e.trigger_start, e.trigger_end, e.negated,
e.modality, e.date, e.date_end, e.date_precision, e.date_source, e.location_name,
e.location_country, e.lat, e.lon, e.confidence, e.rule
"""
EVENT_FROM = """
FROM events e JOIN documents d ON d.doc_hash = e.doc_hash
LEFT JOIN actors sa ON sa.doc_hash = e.doc_hash AND sa.actor_id = e.source_actor
LEFT JOIN actors ta ON ta.doc_hash = e.doc_hash AND ta.actor_id = e.target_actor
"""


@dataclass(frozen=True)
class Paging:
    """A page of results: 1-based page number and its size (already capped)."""

    page: int
    page_size: int

    @property
    def offset(self) -> int:
        """Rows skipped before this page."""
        return (self.page - 1) * self.page_size


def page_of(items: list[dict[str, Any]], total: int, paging: Paging,
            **extra: Any) -> dict[str, Any]:
    """The JSON envelope of a page."""
    return {"total": total, "page": paging.page, "page_size": paging.page_size,
            "items": items, **extra}


def list_events(con: duckdb.DuckDBPyConnection, filters: EventFilters, paging: Paging,
                sort: str = "date", order: str = "asc") -> dict[str, Any]:
    """A page of events that pass the filters, with their sentence and actors' names."""
    where, params = filters.where(clusters=table_exists(con, "cluster_members"))
    base = f"FROM events e JOIN documents d ON d.doc_hash = e.doc_hash {where}"
    total = scalar(con, f"SELECT count(*) {base}", params)
    # First the keys of the page, then its rows with their sentences.
    keys = [r[0] for r in con.execute(
        f"SELECT e.doc_hash || ':' || e.event_id {base} {order_by(sort, order)} "
        f"LIMIT ? OFFSET ?", [*params, paging.page_size, paging.offset]).fetchall()]
    found = event_rows(con, "e.doc_hash || ':' || e.event_id IN "
                            "(SELECT unnest(CAST(? AS VARCHAR[])))", [keys]) if keys else []
    by_key = {f"{r['doc_hash']}:{r['event_id']}": r for r in found}
    items = [by_key[k] for k in keys]
    return page_of(items, int(total or 0), paging, filters=filters.as_params(),
                   sort=sort, order=order)


def event_rows(con: duckdb.DuckDBPyConnection, condition: str, params: list[Any],
               order: str = "e.doc_hash, e.event_id") -> list[dict[str, Any]]:
    """Full event rows that meet a condition, each with the text of its sentence."""
    found = rows(con, f"SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE {condition} ORDER BY {order}",
                 params)
    hashes = sorted({r["doc_hash"] for r in found})
    sentences: dict[str, list[str]] = {}
    if hashes:
        for doc_hash, text in con.execute(
                "SELECT doc_hash, json_extract(annotated, '$.sentences') FROM documents "
                "WHERE doc_hash IN (SELECT unnest(CAST(? AS VARCHAR[])))", [hashes]).fetchall():
            sentences[doc_hash] = json.loads(text) if text else []
    for row in found:
        doc = sentences.get(row["doc_hash"], [])
        row["sentence_text"] = doc[row["sentence"]] if 0 <= row["sentence"] < len(doc) else None
    return found


def get_event(con: duckdb.DuckDBPyConnection, event_id: str,
              doc: str | None = None) -> dict[str, Any]:
    """One event with its evidence: sentence, document, actors, quotes, times and places of
    that sentence, and its cluster when the store has clusters."""
    condition = "e.event_id = ?"
    params: list[Any] = [event_id]
    if doc is not None:
        condition += " AND e.doc_hash = ?"
        params.append(doc)
    event = _only_one(event_rows(con, condition, params),
                      Messages.E043.format(event_id=event_id),
                      lambda docs: Messages.E044.format(event_id=event_id, docs=docs))
    key, sentence = event["doc_hash"], event["sentence"]
    in_sentence = "WHERE doc_hash = ? AND sentence = ? ORDER BY start_char"
    return {
        "event": event,
        "document": rows(con, "SELECT doc_hash, doc_id, title, url, published, source, line, "
                              "pipeline_version FROM documents WHERE doc_hash = ?", [key])[0],
        "actors": rows(con, "SELECT a.actor_id, a.name, a.kind, a.country, a.sector, a.code, "
                            "a.kb_id, (SELECT count(*) FROM mentions m WHERE m.doc_hash = "
                            "a.doc_hash AND m.actor_id = a.actor_id) AS mentions FROM actors a "
                            "WHERE a.doc_hash = ? AND a.actor_id IN (?, ?) ORDER BY a.actor_id",
                       [key, event["source_actor"], event["target_actor"]]),
        "mentions": rows(con, f"SELECT actor_id, start_char AS start, end_char AS end, text "
                              f"FROM mentions {in_sentence}", [key, sentence]),
        "quotes": rows(con, f"SELECT start_char AS start, end_char AS end, text, kind, "
                            f"speaker_actor, speaker_country, speaker_text "
                            f"FROM quotes {in_sentence}", [key, sentence]),
        "times": rows(con, f"SELECT start_char AS start, end_char AS end, text, value, "
                           f"value_end, precision FROM times {in_sentence}", [key, sentence]),
        "places": rows(con, f"SELECT start_char AS start, end_char AS end, text, name, "
                            f"country, lat, lon, feature FROM places {in_sentence}",
                       [key, sentence]),
        "cluster": _cluster_of(con, key, event["event_id"]),
    }


def _cluster_of(con: duckdb.DuckDBPyConnection, doc_hash: str,
                event_id: str) -> dict[str, Any] | None:
    if not (table_exists(con, "cluster_members") and table_exists(con, "event_clusters")):
        return None
    found = rows(con, "SELECT c.* FROM cluster_members m JOIN event_clusters c "
                      "ON c.cluster_id = m.cluster_id WHERE m.doc_hash = ? AND m.event_id = ? "
                      "ORDER BY c.cluster_id LIMIT 1", [doc_hash, event_id])
    return found[0] if found else None


def get_document(con: duckdb.DuckDBPyConnection, doc: str) -> dict[str, Any]:
    """One document by doc_hash or doc_id: its text and annotated JSON (the output contract)."""
    found = rows(con, "SELECT doc_hash, doc_id, title, url, published, source, line, "
                      "pipeline_version, stored_at, text, annotated FROM documents "
                      "WHERE doc_hash = ? OR doc_id = ? ORDER BY stored_at DESC", [doc, doc])
    exact = [r for r in found if r["doc_hash"] == doc]
    if exact:
        found = exact
    document = _only_one(found, Messages.E045.format(doc=doc),
                         lambda docs: Messages.E046.format(doc=doc, docs=docs))
    document["annotated"] = json.loads(document["annotated"])
    document["clusters"] = _clusters_of_document(con, document["doc_hash"])
    return document


def _clusters_of_document(con: duckdb.DuckDBPyConnection, doc_hash: str) -> dict[str, Any]:
    if not (table_exists(con, "cluster_members") and table_exists(con, "event_clusters")):
        return {}
    found = rows(con, "SELECT m.event_id, c.cluster_id, c.num_articles, c.num_sources "
                      "FROM cluster_members m JOIN event_clusters c ON c.cluster_id = "
                      "m.cluster_id WHERE m.doc_hash = ? ORDER BY m.event_id", [doc_hash])
    return {r.pop("event_id"): r for r in found}


DOCUMENT_SORTS = {"published": "d.published", "title": "d.title", "events": "events",
                  "stored": "d.stored_at"}


def list_documents(con: duckdb.DuckDBPyConnection, q: str | None, paging: Paging,
                   sort: str = "published", order: str = "desc") -> dict[str, Any]:
    """A page of documents with their number of events; q searches id, title and text."""
    where, params = "", []
    if q:
        where = "WHERE contains(lower(concat_ws(' ', d.doc_id, d.title, d.text)), lower(?))"
        params = [q]
    total = scalar(con, f"SELECT count(*) FROM documents d {where}", params)
    direction = "DESC" if order == "desc" else "ASC"
    items = rows(con, f"""
        SELECT d.doc_hash, d.doc_id, d.title, d.url, d.published, d.stored_at,
               (SELECT count(*) FROM events e WHERE e.doc_hash = d.doc_hash) AS events,
               length(d.text) AS characters
        FROM documents d {where}
        ORDER BY {DOCUMENT_SORTS[sort]} {direction} NULLS LAST, d.doc_id, d.doc_hash
        LIMIT ? OFFSET ?""", [*params, paging.page_size, paging.offset])
    return page_of(items, int(total or 0), paging, sort=sort, order=order)


ACTOR_SORTS = {"events": "as_source + as_target", "mentions": "mentions",
               "documents": "documents", "name": "name"}


def list_actors(con: duckdb.DuckDBPyConnection, *, country: str | None, sector: str | None,
                q: str | None, paging: Paging, sort: str = "events") -> dict[str, Any]:
    """Actors grouped by resolved name and code across documents, with how often they occur."""
    clauses, params = [], []
    if country:
        clauses.append("a.country = ?")
        params.append(country.upper())
    if sector:
        clauses.append("a.sector = ?")
        params.append(sector.upper())
    if q:
        clauses.append("contains(lower(a.name), lower(?))")
        params.append(q)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    grouped = f"""
        WITH m AS (SELECT doc_hash, actor_id, count(*) AS n FROM mentions GROUP BY ALL),
             s AS (SELECT doc_hash, source_actor AS actor_id, count(*) AS n FROM events
                   GROUP BY ALL),
             t AS (SELECT doc_hash, target_actor AS actor_id, count(*) AS n FROM events
                   GROUP BY ALL)
        SELECT a.name, a.code, a.country, a.sector, a.kind, min(a.kb_id) AS kb_id,
               count(DISTINCT a.doc_hash) AS documents, coalesce(sum(m.n), 0) AS mentions,
               coalesce(sum(s.n), 0) AS as_source, coalesce(sum(t.n), 0) AS as_target
        FROM actors a
        LEFT JOIN m ON m.doc_hash = a.doc_hash AND m.actor_id = a.actor_id
        LEFT JOIN s ON s.doc_hash = a.doc_hash AND s.actor_id = a.actor_id
        LEFT JOIN t ON t.doc_hash = a.doc_hash AND t.actor_id = a.actor_id
        {where}
        GROUP BY a.name, a.code, a.country, a.sector, a.kind"""
    total = scalar(con, f"SELECT count(*) FROM ({grouped})", params)
    direction = "ASC" if sort == "name" else "DESC"
    items = rows(con, f"SELECT * FROM ({grouped}) ORDER BY {ACTOR_SORTS[sort]} {direction}, "
                      f"name, code NULLS LAST LIMIT ? OFFSET ?",
                 [*params, paging.page_size, paging.offset])
    for item in items:
        for key in ("mentions", "as_source", "as_target"):
            item[key] = int(item[key])
    return page_of(items, int(total or 0), paging, sort=sort)


def _only_one(found: list[dict[str, Any]], missing: str,
              ambiguous: Callable[[str], str]) -> dict[str, Any]:
    """The one row of a lookup by id: 404 when there is none, 409 naming the candidate
    documents when there are several."""
    if not found:
        raise NotFoundError(missing)
    if len(found) > 1:
        raise AmbiguousIdError(ambiguous(", ".join(r["doc_hash"] for r in found)))
    return found[0]
