"""Read-only queries behind the API: events, one event with its evidence, documents, actors."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import Messages
from .db import Reader
from .errors import AmbiguousIdError, NotFoundError
from .filters import EventFilters, order_by

# The events table's part of an event row; the document's title and date, the sentence and
# the actors' names come from the documents of a page (`with_documents`).
EVENT_COLUMNS = """
e.event_id, e.doc_hash, e.doc_id, e.sentence, e.source_actor, e.source_country,
e.source_sector, e.source_code, e.source_text, e.target_actor, e.target_country,
e.target_sector, e.target_code, e.target_text, e.cameo, e.cameo_root, e.cameo_name,
e.quad_class, e.goldstein, e.plover_type, e.plover_mode, e.trigger_text, e.trigger_start,
e.trigger_end, e.negated, e.modality, e.date, e.date_end, e.date_precision, e.date_source,
e.location_name, e.location_country, e.lat, e.lon, e.confidence, e.rule
"""
# The sentences and actors of a page's documents from their JSON (the output contract): read
# for the page's few documents, where joining the actors table would scan all of it.
PAGE_DOCUMENTS = """
SELECT doc_hash, title, published, json_extract(annotated, ['$.sentences', '$.actors'])
FROM documents WHERE doc_hash = ANY(?)
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


def list_events(db: Reader, filters: EventFilters, paging: Paging, sort: str = "date",
                order: str = "asc") -> dict[str, Any]:
    """A page of events that pass the filters, with their sentence and actors' names, in two
    queries: the page with the total, then the page's documents (or, for a page past the
    end, the total alone)."""
    where, params = filters.where(clusters=db.has("cluster_members"))
    base = f"FROM events e {filters.documents_join()} {where}"
    # The total as a window over the filtered rows evaluates a costly filter once, but keeps
    # every row that passes until the sort; a cheap filter is cheaper to scan twice.
    if filters.costly:
        counted, count_params = "count(*) OVER ()", []
    else:
        counted, count_params = f"(SELECT count(*) {base})", params
    found = db.rows(f"SELECT {EVENT_COLUMNS}, {counted} AS total {base} "
                    f"ORDER BY {order_by(sort, order)} LIMIT ? OFFSET ?",
                    [*count_params, *params, paging.page_size, paging.offset])
    if found:
        total = int(found[0]["total"])
        for row in found:
            del row["total"]
    elif paging.offset == 0:
        total = 0
    else:
        total = int(db.scalar(f"SELECT count(*) {base}", params) or 0)
    return page_of(with_documents(db, found), total, paging, filters=filters.as_params(),
                   sort=sort, order=order)


def event_rows(db: Reader, condition: str, params: list[Any],
               order: str = "e.doc_hash, e.event_id") -> list[dict[str, Any]]:
    """Full event rows that meet a condition on `events e`, each with its document's title
    and date, its sentence and its actors' names (two queries)."""
    return with_documents(db, db.rows(
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE {condition} ORDER BY {order}", params))


def with_documents(db: Reader, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows completed from their documents, read in one query: title, published, the
    sentence's text, the source's and target's resolved names."""
    if not events:
        return events
    hashes = sorted({e["doc_hash"] for e in events})
    documents = {}
    for doc_hash, title, published, parts in db.con.execute(PAGE_DOCUMENTS,
                                                             [hashes]).fetchall():
        sentences, actors = (json.loads(p) if p else None for p in parts or (None, None))
        names = {a.get("id"): a.get("name") for a in actors or () if isinstance(a, dict)}
        documents[doc_hash] = (title, published, sentences or [], names)
    for event in events:
        title, published, sentences, names = documents.get(event["doc_hash"],
                                                           (None, None, [], {}))
        index = event["sentence"]
        event.update(title=title, published=published,
                     source_name=names.get(event["source_actor"]),
                     target_name=names.get(event["target_actor"]),
                     sentence_text=sentences[index] if 0 <= index < len(sentences) else None)
    return events


def get_event(db: Reader, event_id: str,
              doc: str | None = None) -> dict[str, Any]:
    """One event with its evidence: sentence, document, actors, quotes, times and places of
    that sentence, and its cluster when the store has clusters."""
    condition = "e.event_id = ?"
    params: list[Any] = [event_id]
    if doc is not None:
        condition += " AND e.doc_hash = ?"
        params.append(doc)
    event = _only_one(event_rows(db, condition, params),
                      Messages.E043.format(event_id=event_id),
                      lambda docs: Messages.E044.format(event_id=event_id, docs=docs))
    key, sentence = event["doc_hash"], event["sentence"]
    in_sentence = "WHERE doc_hash = ? AND sentence = ? ORDER BY start_char"
    return {
        "event": event,
        "document": db.rows("SELECT doc_hash, doc_id, title, url, published, source, line, "
                              "pipeline_version FROM documents WHERE doc_hash = ?", [key])[0],
        "actors": db.rows("SELECT a.actor_id, a.name, a.kind, a.country, a.sector, a.code, "
                            "a.kb_id, (SELECT count(*) FROM mentions m WHERE m.doc_hash = "
                            "a.doc_hash AND m.actor_id = a.actor_id) AS mentions FROM actors a "
                            "WHERE a.doc_hash = ? AND a.actor_id IN (?, ?) ORDER BY a.actor_id",
                       [key, event["source_actor"], event["target_actor"]]),
        "mentions": db.rows(f"SELECT actor_id, start_char AS start, end_char AS end, text "
                              f"FROM mentions {in_sentence}", [key, sentence]),
        "quotes": db.rows(f"SELECT start_char AS start, end_char AS end, text, kind, "
                            f"speaker_actor, speaker_country, speaker_text "
                            f"FROM quotes {in_sentence}", [key, sentence]),
        "times": db.rows(f"SELECT start_char AS start, end_char AS end, text, value, "
                           f"value_end, precision FROM times {in_sentence}", [key, sentence]),
        "places": db.rows(f"SELECT start_char AS start, end_char AS end, text, name, "
                            f"country, lat, lon, feature FROM places {in_sentence}",
                       [key, sentence]),
        "cluster": _cluster_of(db, key, event["event_id"]),
    }


def _cluster_of(db: Reader, doc_hash: str, event_id: str) -> dict[str, Any] | None:
    if not db.has("cluster_members", "event_clusters"):
        return None
    found = db.rows("SELECT c.* FROM cluster_members m JOIN event_clusters c "
                      "ON c.cluster_id = m.cluster_id WHERE m.doc_hash = ? AND m.event_id = ? "
                      "ORDER BY c.cluster_id LIMIT 1", [doc_hash, event_id])
    return found[0] if found else None


def get_document(db: Reader, doc: str) -> dict[str, Any]:
    """One document by doc_hash or doc_id: its text and annotated JSON (the output contract)."""
    found = db.rows("SELECT doc_hash, doc_id, title, url, published, source, line, "
                      "pipeline_version, stored_at, text, annotated FROM documents "
                      "WHERE doc_hash = ? OR doc_id = ? ORDER BY stored_at DESC", [doc, doc])
    exact = [r for r in found if r["doc_hash"] == doc]
    if exact:
        found = exact
    document = _only_one(found, Messages.E045.format(doc=doc),
                         lambda docs: Messages.E046.format(doc=doc, docs=docs))
    document["annotated"] = json.loads(document["annotated"])
    document["clusters"] = _clusters_of_document(db, document["doc_hash"])
    return document


def _clusters_of_document(db: Reader, doc_hash: str) -> dict[str, Any]:
    if not db.has("cluster_members", "event_clusters"):
        return {}
    found = db.rows("SELECT m.event_id, c.cluster_id, c.num_articles, c.num_sources "
                      "FROM cluster_members m JOIN event_clusters c ON c.cluster_id = "
                      "m.cluster_id WHERE m.doc_hash = ? ORDER BY m.event_id", [doc_hash])
    return {r.pop("event_id"): r for r in found}


DOCUMENT_SORTS = {"published": "d.published", "title": "d.title", "events": "events",
                  "stored": "d.stored_at"}


def list_documents(db: Reader, q: str | None, paging: Paging,
                   sort: str = "published", order: str = "desc") -> dict[str, Any]:
    """A page of documents with their number of events; q searches id, title and text."""
    where, params = "", []
    if q:
        where = "WHERE contains(lower(concat_ws(' ', d.doc_id, d.title, d.text)), lower(?))"
        params = [q]
    total = db.scalar(f"SELECT count(*) FROM documents d {where}", params)
    direction = "DESC" if order == "desc" else "ASC"
    items = db.rows(f"""
        SELECT d.doc_hash, d.doc_id, d.title, d.url, d.published, d.stored_at,
               (SELECT count(*) FROM events e WHERE e.doc_hash = d.doc_hash) AS events,
               length(d.text) AS characters
        FROM documents d {where}
        ORDER BY {DOCUMENT_SORTS[sort]} {direction} NULLS LAST, d.doc_id, d.doc_hash
        LIMIT ? OFFSET ?""", [*params, paging.page_size, paging.offset])
    return page_of(items, int(total or 0), paging, sort=sort, order=order)


def _only_one(found: list[dict[str, Any]], missing: str,
              ambiguous: Callable[[str], str]) -> dict[str, Any]:
    """The one row of a lookup by id: 404 when there is none, 409 naming the candidate
    documents when there are several."""
    if not found:
        raise NotFoundError(missing)
    if len(found) > 1:
        raise AmbiguousIdError(ambiguous(", ".join(r["doc_hash"] for r in found)))
    return found[0]
