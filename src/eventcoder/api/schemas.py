"""Response models of the API: they document the JSON in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class EventRow(BaseModel):
    """One coded event as stored, with its document's title and the sentence it came from."""

    event_id: str
    doc_hash: str
    doc_id: str
    title: str | None
    published: dt.date | None
    sentence: int
    source_actor: str | None
    source_name: str | None = Field(description="the source actor's resolved name")
    source_country: str | None
    source_sector: str | None
    source_code: str | None
    source_text: str | None = Field(description="the words that named the source here")
    target_actor: str | None
    target_name: str | None
    target_country: str | None
    target_sector: str | None
    target_code: str | None
    target_text: str | None
    cameo: str
    cameo_root: str
    cameo_name: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    trigger_text: str
    trigger_start: int = Field(description="character offset into the sentence")
    trigger_end: int
    negated: bool
    modality: str
    date: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    date_source: str | None
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    confidence: float
    rule: str
    sentence_text: str | None


class Page(BaseModel):
    """The envelope of a page of results."""

    total: int
    page: int
    page_size: int


class EventPage(Page):
    """A page of events."""

    items: list[EventRow]
    filters: dict[str, Any]
    sort: str
    order: str


class EventDetail(BaseModel):
    """An event with its evidence: everything found in its sentence."""

    event: EventRow
    document: dict[str, Any]
    actors: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    times: list[dict[str, Any]]
    places: list[dict[str, Any]]
    cluster: dict[str, Any] | None


class DocumentOut(BaseModel):
    """A stored document and its annotated JSON (the output contract of `extract`)."""

    doc_hash: str
    doc_id: str
    title: str | None
    url: str | None
    published: dt.date | None
    source: str | None
    line: int | None
    pipeline_version: str | None
    stored_at: dt.datetime | None
    text: str | None
    annotated: dict[str, Any]
    clusters: dict[str, Any] = Field(description="event id -> its cluster, when clustered")


class DocumentRow(BaseModel):
    """A document in a list."""

    doc_hash: str
    doc_id: str
    title: str | None
    url: str | None
    published: dt.date | None
    stored_at: dt.datetime | None
    events: int
    characters: int | None


class DocumentPage(Page):
    """A page of documents."""

    items: list[DocumentRow]
    sort: str
    order: str


class ActorRow(BaseModel):
    """An actor across documents: resolved name and code, and how often it occurs."""

    name: str
    code: str | None
    country: str | None
    sector: str | None
    kind: str | None
    kb_id: str | None
    documents: int
    mentions: int
    as_source: int
    as_target: int


class ActorPage(Page):
    """A page of actors."""

    items: list[ActorRow]
    sort: str


class AggregateOut(BaseModel):
    """Event counts per period and group, e.g. per month and dyad."""

    interval: str
    group: list[str]
    filters: dict[str, Any]
    truncated: bool
    rows: list[dict[str, Any]]


class ClusterPage(Page):
    """A page of event clusters; `available` is false when the store has none."""

    items: list[dict[str, Any]]
    available: bool


class ClusterDetail(BaseModel):
    """A cluster with its member events."""

    cluster: dict[str, Any]
    events: list[EventRow]


class Info(BaseModel):
    """What this server serves."""

    version: str
    store: str
    counts: dict[str, int]
    pipeline_versions: list[str]
    clusters: bool
    annotate: bool
    max_page_size: int
    max_body_bytes: int


class AnnotateIn(BaseModel):
    """A text to annotate, with what is known of it."""

    text: str
    doc_id: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
