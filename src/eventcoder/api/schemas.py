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
    """An entity: one actor across documents (same knowledge-base id, else same name), its
    codes and names, and how often it occurs."""

    key: str = Field(description="what the actor, source_actor and target_actor filters take")
    name: str
    names: list[str] = Field(description="the resolved names it has in the documents")
    code: str | None = Field(description="its most frequent code")
    codes: list[str]
    country: str | None
    sector: str | None
    kind: str | None
    kb_id: str | None
    documents: int
    mentions: int
    events: int = Field(description="events with it as source or target (once each)")
    as_source: int
    as_target: int


class ActorPage(Page):
    """A page of actors."""

    items: list[ActorRow]
    sort: str
    filters: dict[str, Any]


class AggregateOut(BaseModel):
    """Event counts per period and group, e.g. per month and dyad."""

    interval: str
    group: list[str]
    filters: dict[str, Any]
    truncated: bool
    rows: list[dict[str, Any]]


class TimelineSeries(BaseModel):
    """One stacked series: its key (a quad class, a PLOVER type, or null) and its counts."""

    key: int | str | None
    events: list[int]


class TimelineOut(BaseModel):
    """Events per period, every period from the first to the last, zero where none."""

    interval: str
    stack: str
    filters: dict[str, Any]
    date_from: dt.date | None
    date_to: dt.date | None
    periods: list[dt.date]
    truncated: bool = Field(description="true when the range had more periods than shown")
    series: list[TimelineSeries]
    events: list[int]
    goldstein_sum: list[float]
    goldstein_mean: list[float | None]
    total: int = Field(description="dated events in the periods shown")
    undated: int = Field(description="events that pass the filters but have no date")


class Place(BaseModel):
    """Events at one place."""

    name: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    quad_classes: list[int] = Field(description="events in quad classes 1, 2, 3 and 4")
    goldstein_mean: float | None
    documents: int


class MapOut(BaseModel):
    """Events by place."""

    filters: dict[str, Any]
    truncated: bool
    places: list[Place]
    located: int
    unlocated: int = Field(description="events that pass the filters but have no place")


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
    events: int  # events in the store: a client that polls /info sees new ones arrive
    changed: dt.datetime | None  # when the latest document was stored (None: empty store)
    live: bool  # the server codes a watched folder into this store (serve --watch)
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
