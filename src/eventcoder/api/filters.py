"""Event filters from query parameters, turned into a parameterised SQL WHERE clause.

Every value is validated by FastAPI (patterns, ranges, enumerations) before it gets here, and
reaches DuckDB only as a bound parameter; column and sort names come from fixed tables below.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query

from ..errors import Messages
from .errors import BadQueryError

COUNTRY = r"^[A-Za-z]{3}$"
SECTOR = r"^[A-Za-z]{3}$"
ACTOR_CODE = r"^[A-Za-z]{3,12}$"
HASH = r"^[0-9a-f]{8,64}$"
CLUSTER_ID = r"^[A-Za-z0-9_.:-]{1,64}$"
MAX_TEXT = 200
# One actor across documents (an entity): its knowledge-base id when it has one (TUR, SDF,
# "Olaf Scholz"), else its resolved name. The actors list groups by it and the actor filters
# match it, so that their counts agree.
ENTITY = "coalesce(a.kb_id, a.name)"

ACTOR_HELP = ("an actor's key (the `key` of /actors: its knowledge-base id, else its name), "
              "as source or target")
Modality = Literal["asserted", "intended", "hypothetical", "reported"]
SortKey = Literal["date", "cameo", "goldstein", "quad_class", "source", "target", "document",
                  "confidence"]
Order = Literal["asc", "desc"]

SORT_COLUMNS: dict[str, str] = {
    "date": "e.date", "cameo": "e.cameo", "goldstein": "e.goldstein",
    "quad_class": "e.quad_class", "source": "e.source_code", "target": "e.target_code",
    "document": "e.doc_id", "confidence": "e.confidence",
}
TIEBREAK = "e.doc_id, e.sentence, e.trigger_start, e.event_id"
# Free text is searched in both actors' words, the trigger, the event name, the place, the
# document title, and the event's sentence. Sentences live in each document's JSON: only the
# documents whose text has the words are parsed, once each, not once per event.
SEARCHED_FIELDS = ("e.source_text", "e.target_text", "e.trigger_text", "e.cameo_name",
                   "e.location_name", "d.title")
SEARCHED = f"concat_ws(' ', {', '.join(SEARCHED_FIELDS)})"
# Words without a space cannot span two of the fields joined by ' ', so they are looked for in
# each field: the same events, without building and lowering one long string per event.
SEARCHED_EACH = "(" + " OR ".join(f"contains(lower({f}), lower(?))"
                                  for f in SEARCHED_FIELDS) + ")"
SENTENCE_HAS = """e.doc_hash || ':' || e.sentence IN (
  SELECT doc_hash || ':' || unnest(list_filter(range(len(s)),
                                               lambda i: contains(lower(s[i + 1]), lower(?))))
  FROM (SELECT doc_hash, json_extract_string(annotated, '$.sentences[*]') AS s
        FROM documents WHERE contains(lower(text), lower(?))))"""


@dataclass(frozen=True)
class EventFilters:
    """Which events to show; None means no condition."""

    date_from: date | None = None
    date_to: date | None = None
    source_country: str | None = None
    target_country: str | None = None
    country: str | None = None  # either side
    source_sector: str | None = None
    target_sector: str | None = None
    sector: str | None = None  # either side
    source_code: str | None = None
    target_code: str | None = None
    cameo_root: str | None = None
    cameo: str | None = None  # a code or a prefix of codes
    plover: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    negated: bool | None = None
    q: str | None = None
    doc: str | None = None
    actor: str | None = None  # an actor entity (ENTITY's value), on either side
    source_actor: str | None = None
    target_actor: str | None = None
    location: str | None = None  # the event's place name
    location_country: str | None = None
    cluster: str | None = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadQueryError(Messages.E048.format(start=self.date_from, end=self.date_to))

    def as_params(self) -> dict[str, Any]:
        """The filters that are set, for echoing back to the client."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None}

    @property
    def costly(self) -> bool:
        """Whether the filters read beyond the events table's own columns (free text, actor
        entities, a cluster): costing more than a scan, they are evaluated once per page."""
        return any(v is not None for v in (self.q, self.actor, self.source_actor,
                                           self.target_actor, self.cluster))

    def documents_join(self) -> str:
        """The join that the WHERE clause needs besides `events e`: documents, for the title
        that free text searches; none otherwise (the join costs more than the filter)."""
        return "JOIN documents d ON d.doc_hash = e.doc_hash" if self.q else ""

    def where(self, *, clusters: bool) -> tuple[str, list[Any]]:
        """The WHERE clause over `events e` and its parameters (with `documents_join()`)."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            params.extend(values)

        if self.date_from is not None:
            add("e.date >= ?", self.date_from)
        if self.date_to is not None:
            add("e.date <= ?", self.date_to)
        for name in ("source_country", "target_country", "source_sector", "target_sector",
                     "source_code", "target_code", "plover"):
            value = getattr(self, name)
            if value is not None:
                column = "plover_type" if name == "plover" else name
                add(f"e.{column} = ?", value.upper())
        if self.country is not None:
            add("(e.source_country = ? OR e.target_country = ?)", *[self.country.upper()] * 2)
        if self.sector is not None:
            add("(e.source_sector = ? OR e.target_sector = ?)", *[self.sector.upper()] * 2)
        if self.cameo_root is not None:
            add("e.cameo_root = ?", self.cameo_root)
        if self.cameo is not None:
            add("starts_with(e.cameo, ?)", self.cameo)
        if self.quad_class is not None:
            add("e.quad_class = ?", self.quad_class)
        if self.modality is not None:
            add("e.modality = ?", self.modality)
        if self.negated is not None:
            add("e.negated = ?", self.negated)
        if self.q and " " in self.q:
            add(f"(contains(lower({SEARCHED}), lower(?)) OR {SENTENCE_HAS})", *[self.q] * 3)
        elif self.q:
            add(f"({SEARCHED_EACH} OR {SENTENCE_HAS})", *[self.q] * (len(SEARCHED_FIELDS) + 2))
        if self.doc is not None:
            add("e.doc_hash = ?", self.doc)
        for value, sides in ((self.actor, "e.source_actor, e.target_actor"),
                             (self.source_actor, "e.source_actor"),
                             (self.target_actor, "e.target_actor")):
            if value is not None:
                add(f"EXISTS (SELECT 1 FROM actors a WHERE a.doc_hash = e.doc_hash AND "
                    f"a.actor_id IN ({sides}) AND {ENTITY} = ?)", value)
        if self.location is not None:
            add("lower(e.location_name) = lower(?)", self.location)
        if self.location_country is not None:
            add("e.location_country = ?", self.location_country.upper())
        if self.cluster is not None:
            if clusters:
                add("EXISTS (SELECT 1 FROM cluster_members m WHERE m.doc_hash = e.doc_hash "
                    "AND m.event_id = e.event_id AND m.cluster_id = ?)", self.cluster)
            else:
                clauses.append("FALSE")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def order_by(sort: str, order: str) -> str:
    """The keys of an ORDER BY clause from the whitelisted sort key and direction."""
    direction = "DESC" if order == "desc" else "ASC"
    return f"{SORT_COLUMNS[sort]} {direction} NULLS LAST, {TIEBREAK}"


async def event_filters(
    date_from: Annotated[date | None, Query(description="events on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="events on or before (YYYY-MM-DD)")] = None,
    source_country: Annotated[str | None, Query(pattern=COUNTRY,
                                                description="ISO alpha-3")] = None,
    target_country: Annotated[str | None, Query(pattern=COUNTRY,
                                                description="ISO alpha-3")] = None,
    country: Annotated[str | None, Query(pattern=COUNTRY,
                                         description="source or target country")] = None,
    source_sector: Annotated[str | None, Query(pattern=SECTOR)] = None,
    target_sector: Annotated[str | None, Query(pattern=SECTOR)] = None,
    sector: Annotated[str | None, Query(pattern=SECTOR,
                                        description="source or target sector")] = None,
    source_code: Annotated[str | None, Query(pattern=ACTOR_CODE,
                                             description="CAMEO actor code")] = None,
    target_code: Annotated[str | None, Query(pattern=ACTOR_CODE)] = None,
    cameo_root: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$",
                                       description="a CAMEO code or its prefix")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3,12}$",
                                        description="PLOVER event type")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    modality: Annotated[Modality | None, Query()] = None,
    negated: Annotated[bool | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT,
                                   description="free text in actors, trigger, sentence")] = None,
    doc: Annotated[str | None, Query(pattern=HASH, description="a doc_hash")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description=ACTOR_HELP)] = None,
    source_actor: Annotated[str | None, Query(max_length=MAX_TEXT,
                                              description="the source actor's key")] = None,
    target_actor: Annotated[str | None, Query(max_length=MAX_TEXT,
                                              description="the target actor's key")] = None,
    location: Annotated[str | None, Query(max_length=MAX_TEXT,
                                          description="the event's place name")] = None,
    location_country: Annotated[str | None, Query(pattern=COUNTRY)] = None,
    cluster: Annotated[str | None, Query(pattern=CLUSTER_ID)] = None,
) -> EventFilters:
    """The FastAPI dependency that reads the event filters from the query string."""
    return EventFilters(
        date_from=date_from, date_to=date_to, source_country=source_country,
        target_country=target_country, country=country, source_sector=source_sector,
        target_sector=target_sector, sector=sector, source_code=source_code,
        target_code=target_code, cameo_root=cameo_root, cameo=cameo, plover=plover,
        quad_class=quad_class, modality=modality, negated=negated, q=q or None, doc=doc,
        actor=actor or None, source_actor=source_actor or None,
        target_actor=target_actor or None, location=location or None,
        location_country=location_country, cluster=cluster)


async def actor_event_filters(
    date_from: Annotated[date | None, Query(description="events on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="events on or before (YYYY-MM-DD)")] = None,
    cameo_root: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3,12}$")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    modality: Annotated[Modality | None, Query()] = None,
    negated: Annotated[bool | None, Query()] = None,
) -> EventFilters:
    """The event filters of the actors list: which events its counts count (its own q,
    country and sector are about the actor, not the event)."""
    return EventFilters(date_from=date_from, date_to=date_to, cameo_root=cameo_root,
                        plover=plover, quad_class=quad_class, modality=modality,
                        negated=negated)
