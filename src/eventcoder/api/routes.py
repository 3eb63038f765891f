"""The endpoints of the API: thin functions over the read-only queries.

No `from __future__ import annotations` here: FastAPI reads the annotations at run time.
"""

import threading
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response, StreamingResponse
from pydantic_core import to_json

from .. import __version__
from ..errors import Messages
from ..model import Document, content_hash
from ..pipeline import Pipeline
from . import charts, queries, summaries
from .actors import alias_index, list_actors
from .charts import Stack, TimelineInterval
from .config import ServerConfig
from .db import StorePool
from .downloads import MEDIA_TYPES, stream_events
from .errors import DisabledError, PayloadTooLargeError
from .filters import (
    CLUSTER_ID,
    COUNTRY,
    MAX_TEXT,
    SECTOR,
    EventFilters,
    Order,
    SortKey,
    actor_event_filters,
)
from .filters import event_filters as filters_dependency
from .schemas import (
    ActorPage,
    AggregateOut,
    AnnotateIn,
    ClusterDetail,
    ClusterPage,
    DocumentOut,
    DocumentPage,
    EventDetail,
    EventPage,
    EventRow,
    Info,
    MapOut,
    TimelineOut,
)
from .summaries import GroupKey, Interval

MAX_PAGE = 1_000_000
EVENT_ID = r"^[A-Za-z0-9_-]{1,64}$"
ACTOR_Q = "a name, alias, abbreviation or code (SDF, YPG, IRNGOV)"
MAX_PLACES = 5000

EVENT_FIELDS = tuple(EventRow.model_fields)


def as_json(answer: dict[str, Any]) -> Response:
    """An answer built in the shape of its response model, serialised as FastAPI would
    serialise the model (pydantic's JSON, keys in the model's order) but without validating
    every row again: the model still documents it in the OpenAPI schema."""
    return Response(to_json(answer), media_type="application/json")


def in_model_order(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows with their keys in the order of `EventRow`, as its serialisation has them."""
    return [{name: event[name] for name in EVENT_FIELDS} for event in events]


class AnnotatorHolder:
    """The NLP pipeline of POST /annotate, loaded on first use and used by one thread at a
    time."""

    def __init__(self, factory: Callable[[], Pipeline]) -> None:
        self._factory = factory
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def annotate(self, document: Document) -> dict[str, Any]:
        """Annotate one document; its JSON in the output contract's form."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline.annotate(document).to_json()


def build_router(config: ServerConfig, annotator: AnnotatorHolder,
                 pool: StorePool) -> APIRouter:
    """Every endpoint, with the page and row limits of this server's configuration; every
    request borrows a cursor of `pool`."""
    router = APIRouter()

    # Each endpoint borrows a cursor in its own worker thread; the parameter dependencies are
    # async, so that they run on the event loop rather than costing a thread hop each.
    async def paging(page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
                     page_size: Annotated[int, Query(ge=1, le=config.max_page_size)] = 50,
                     ) -> queries.Paging:
        return queries.Paging(page, page_size)

    Filters = Annotated[EventFilters, Depends(filters_dependency)]
    Pages = Annotated[queries.Paging, Depends(paging)]

    @router.get("/info", response_model=Info, tags=["store"])
    def info() -> dict[str, Any]:
        """What this server serves: store counts, the event count and the time of the last
        stored document (poll them to see new events), clusters, limits, whether the server
        codes a watched folder (`live`) and whether /annotate is on."""
        with pool.reader() as db:
            store = summaries.store_info(db)
            # What a client polls to show "N new events": the count and the last write.
            changed = db.scalar("SELECT max(stored_at) FROM documents")
        return {"version": __version__, "store": config.db.name, **store,
                "events": store["counts"].get("events", 0), "changed": changed,
                "live": config.live,
                "annotate": config.allow_annotate, "max_page_size": config.max_page_size,
                "max_body_bytes": config.max_body_bytes}

    @router.get("/facets", tags=["store"])
    def facets(filters: Filters) -> dict[str, Any]:
        """The values present for each filter (countries, sectors, roots, types), each with the
        number of events that pass the filters and have it."""
        with pool.reader() as db:
            return summaries.facets(db, filters)

    @router.get("/events", response_model=EventPage, tags=["events"])
    def events(filters: Filters, pages: Pages, sort: SortKey = "date",
               order: Order = "asc") -> Response:
        """Events that pass the filters, a page at a time."""
        with pool.reader() as db:
            page = queries.list_events(db, filters, pages, sort, order)
        return as_json({**page, "items": in_model_order(page["items"])})

    @router.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
    def event(event_id: Annotated[str, Path(pattern=EVENT_ID)],
              doc: Annotated[str | None, Query(pattern=r"^[0-9a-f]{8,64}$")] = None,
              ) -> dict[str, Any]:
        """One event with its evidence; `doc` (a doc_hash) picks one if the id is shared."""
        with pool.reader() as db:
            return queries.get_event(db, event_id, doc)

    @router.get("/documents", response_model=DocumentPage, tags=["documents"])
    def documents(pages: Pages,
                  q: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
                  sort: Literal["published", "title", "events", "stored"] = "published",
                  order: Order = "desc") -> dict[str, Any]:
        """Stored documents with their number of events; q searches id, title and text."""
        with pool.reader() as db:
            return queries.list_documents(db, q, pages, sort, order)

    @router.get("/documents/{doc}", response_model=DocumentOut, tags=["documents"])
    def document(doc: Annotated[str, Path(min_length=1, max_length=512)],
                 ) -> dict[str, Any]:
        """One document (by doc_hash or doc_id) with its annotated text."""
        with pool.reader() as db:
            return queries.get_document(db, doc)

    @router.get("/actors", response_model=ActorPage, tags=["actors"])
    def actors(pages: Pages, events: Annotated[EventFilters, Depends(actor_event_filters)],
               country: Annotated[str | None, Query(pattern=COUNTRY)] = None,
               sector: Annotated[str | None, Query(pattern=SECTOR)] = None,
               q: Annotated[str | None, Query(max_length=MAX_TEXT, description=ACTOR_Q)] = None,
               sort: Literal["events", "mentions", "documents", "name", "as_source",
                             "as_target"] = "events",
               ) -> dict[str, Any]:
        """Actors across documents, one row per entity (same knowledge-base id, else same
        name) with its codes, most active first; event counts count the events that pass the
        event filters given."""
        aliases = alias_index() if q else None
        with pool.reader() as db:
            return list_actors(db, country=country, sector=sector, q=q, paging=pages,
                               sort=sort, events=events, aliases=aliases)

    @router.get("/aggregate", response_model=AggregateOut, tags=["events"])
    def aggregate(filters: Filters, interval: Interval = "month",
                  group: Annotated[list[GroupKey] | None, Query(max_length=4)] = None,
                  limit: Annotated[int, Query(ge=1, le=config.max_aggregate_rows)] = 5000,
                  ) -> Response:
        """Counts of events by period and group (default: by month and country dyad)."""
        keys: list[str] = list(group) if group else ["source_country", "target_country"]
        with pool.reader() as db:
            return as_json(summaries.aggregate(db, filters, interval, keys, limit))

    @router.get("/clusters", response_model=ClusterPage, tags=["clusters"])
    def clusters(filters: Filters, pages: Pages,
                 sort: Literal["articles", "mentions", "date", "goldstein"] = "articles",
                 order: Order = "desc") -> dict[str, Any]:
        """Event clusters (one real-world event, many reports); empty when there are none."""
        with pool.reader() as db:
            return summaries.list_clusters(db, filters=filters, paging=pages, sort=sort,
                                           order=order)

    @router.get("/clusters/{cluster_id}", response_model=ClusterDetail, tags=["clusters"])
    def cluster(cluster_id: Annotated[str, Path(pattern=CLUSTER_ID)],
                ) -> dict[str, Any]:
        """One cluster with its member events."""
        with pool.reader() as db:
            return summaries.get_cluster(db, cluster_id)

    @router.post("/annotate", tags=["annotate"])
    def annotate(body: AnnotateIn) -> dict[str, Any]:
        """Annotate a text (only when the server runs with --allow-annotate); the document
        JSON, as `extract --jsonl` writes it. Nothing is stored."""
        if not config.allow_annotate:
            raise DisabledError(Messages.E055)
        if len(body.text) > config.max_text_chars:
            raise PayloadTooLargeError(Messages.E050.format(limit=config.max_text_chars))
        document = Document(text=body.text, doc_id=body.doc_id or content_hash(body.text),
                            title=body.title, url=body.url, published=body.published)
        return annotator.annotate(document)

    _explorer_routes(router, config, pool, Filters)
    return router


def _explorer_routes(router: APIRouter, config: ServerConfig, pool: StorePool,
                     filters_type: Any) -> None:
    """The endpoints behind the explorer's timeline, map and downloads."""

    @router.get("/timeline", response_model=TimelineOut, tags=["events"])
    def timeline(filters: filters_type, interval: TimelineInterval = "month",
                 stack: Stack = "quad_class") -> dict[str, Any]:
        """Events per period (zero where none) from the first to the last date (the filters'
        dates, else the data's), stacked by quad class or PLOVER type, with the Goldstein
        sum and mean of each period."""
        with pool.reader() as db:
            return charts.timeline(db, filters, interval, stack)

    @router.get("/map", response_model=MapOut, tags=["events"])
    def places(filters: filters_type,
               limit: Annotated[int, Query(ge=1, le=MAX_PLACES)] = 2000) -> dict[str, Any]:
        """Events by place, with coordinates and counts per quad class, most events first."""
        with pool.reader() as db:
            return charts.places(db, filters, limit)

    def download(filters: EventFilters, fmt: str, sort: str, order: str) -> StreamingResponse:
        return StreamingResponse(
            stream_events(pool, filters, fmt, sort, order), media_type=MEDIA_TYPES[fmt],
            headers={"content-disposition": f'attachment; filename="events.{fmt}"'})

    @router.get("/export/events.csv", tags=["events"],
                response_class=StreamingResponse)
    def events_csv(filters: filters_type, sort: SortKey = "date",
                   order: Order = "asc") -> StreamingResponse:
        """Every event that passes the filters as CSV (one row per event), streamed."""
        return download(filters, "csv", sort, order)

    @router.get("/export/events.parquet", tags=["events"],
                response_class=StreamingResponse)
    def events_parquet(filters: filters_type, sort: SortKey = "date",
                       order: Order = "asc") -> StreamingResponse:
        """Every event that passes the filters as Parquet, streamed."""
        return download(filters, "parquet", sort, order)
