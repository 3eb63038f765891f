"""The records that the stages exchange, and their JSON form (the output contract)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

JSON = dict[str, Any]


def content_hash(*parts: str | None) -> str:
    """A stable short hash of the given strings (None counts as empty)."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def event_id(doc_id: str, sentence: int, start: int, source: ActorRef | None,
             target: ActorRef | None, code: str, rule: str) -> str:
    """A stable id of an event: document, place in the text, dyad, code and rule."""
    return content_hash(doc_id, str(sentence), str(start), source.code if source else "",
                        target.code if target else "", code, rule)


@dataclass(frozen=True)
class Document:
    """One input article, as read from a source."""

    text: str
    doc_id: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None  # file (and line) it came from
    line: int | None = None

    @property
    def content_hash(self) -> str:
        """Hash of everything that decides the annotation of this document."""
        published = self.published.isoformat() if self.published else None
        return content_hash(self.doc_id, self.title, self.url, published, self.text)


@dataclass(frozen=True)
class InputError:
    """An input that could not be read or annotated: where it was and why."""

    source: str
    line: int | None
    reason: str

    def to_json(self) -> JSON:
        """The error as a JSON object."""
        return {"source": self.source, "line": self.line, "reason": self.reason}


@dataclass(frozen=True)
class Mention:
    """A span of one sentence; offsets are characters into that sentence."""

    sentence: int
    start: int
    end: int
    text: str

    def to_json(self) -> JSON:
        """The mention as a JSON object."""
        return {"sentence": self.sentence, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Actor:
    """Somebody that acts or is acted upon, with every mention of it in the document."""

    id: str
    name: str
    kind: str  # person | group | country | organisation
    country: str | None
    sector: str | None
    mentions: tuple[Mention, ...]
    kb_id: str | None = None  # the knowledge-base entry it was resolved to

    @property
    def code(self) -> str | None:
        """The CAMEO actor code: country then sector, e.g. JPNGOV."""
        if not self.country and not self.sector:
            return None
        return f"{self.country or ''}{self.sector or ''}"

    def to_json(self) -> JSON:
        """The actor as a JSON object."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "kb_id": self.kb_id,
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True)
class ActorRef:
    """An actor as one participant of an event or quote, with the words that named it there."""

    actor: str
    country: str | None
    sector: str | None
    text: str

    @property
    def code(self) -> str | None:
        """The CAMEO actor code of this participant."""
        if not self.country and not self.sector:
            return None
        return f"{self.country or ''}{self.sector or ''}"

    def to_json(self) -> JSON:
        """The participant as a JSON object."""
        return {
            "actor": self.actor,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "text": self.text,
        }


@dataclass(frozen=True)
class Span:
    """Words of one sentence; offsets are characters into that sentence."""

    text: str
    start: int
    end: int

    def to_json(self) -> JSON:
        """The span as a JSON object."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class TimeValue:
    """A temporal expression resolved to a date range."""

    sentence: int
    text: str
    start: int
    end: int
    value: date | None
    value_end: date | None
    precision: str  # day | week | month | year | decade | none

    def to_json(self) -> JSON:
        """The time as a JSON object."""
        return {
            "sentence": self.sentence,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": _iso(self.value),
            "value_end": _iso(self.value_end),
            "precision": self.precision,
        }


@dataclass(frozen=True)
class Place:
    """A place name resolved to a country and coordinates."""

    sentence: int
    text: str
    start: int
    end: int
    name: str
    country: str | None  # None for places across several countries ("the Sahel")
    lat: float | None
    lon: float | None
    feature: str  # country | admin_region | city | region
    geonameid: int | None = None  # GeoNames id of countries, cities and US states

    def to_json(self) -> JSON:
        """The place as a JSON object."""
        return {
            "sentence": self.sentence,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "geonameid": self.geonameid,
        }


@dataclass(frozen=True)
class Quote:
    """A quotation and who said it.

    `start` is an offset into `sentence`, `end` into `sentence_end` (the same sentence unless
    the quotation runs over several)."""

    sentence: int
    text: str
    start: int
    end: int
    kind: str  # direct | indirect
    speaker: ActorRef | None  # the speaker's actor (through pronouns), when one is known
    sentence_end: int | None = None  # None: the quotation ends in `sentence`
    cue: str | None = None  # the speech verb ("said"), "according to", or "continued"
    speaker_text: str | None = None  # the words naming the speaker ("he", "a witness")

    def to_json(self) -> JSON:
        """The quote as a JSON object."""
        return {
            "sentence": self.sentence,
            "sentence_end": self.sentence if self.sentence_end is None else self.sentence_end,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "speaker_text": self.speaker_text,
        }


@dataclass(frozen=True)
class EventCode:
    """A CAMEO code with what the codebook says of it."""

    cameo: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None


@dataclass(frozen=True)
class Event:
    """One coded event with its evidence."""

    id: str
    sentence: int
    source: ActorRef | None
    target: ActorRef | None
    code: EventCode
    trigger: Span
    negated: bool
    modality: str  # asserted | intended | hypothetical | reported
    date: dt.date | None
    date_end: dt.date | None
    date_precision: str
    date_source: str  # text: a time of the event's own clause | published | none
    location: Place | None  # a place of the event's own clause, never a default
    location_source: str | None  # prep ("in Geneva") | object ("shelled Kharkiv") | noun
    # ("a visit to Kyiv", "the Gaza ceasefire"); None without a location
    confidence: float
    rule: str

    def to_json(self) -> JSON:
        """The event as a JSON object in the output contract's form."""
        return {
            "id": self.id,
            "sentence": self.sentence,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "cameo": self.code.cameo,
            "cameo_root": self.code.root,
            "cameo_name": self.code.name,
            "quad_class": self.code.quad_class,
            "goldstein": self.code.goldstein,
            "plover": {"type": self.code.plover_type, "mode": self.code.plover_mode},
            "trigger": self.trigger.to_json(),
            "negated": self.negated,
            "modality": self.modality,
            "date": _iso(self.date),
            "date_end": _iso(self.date_end),
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "location": _location_json(self.location),
            "location_source": self.location_source,
            "confidence": self.confidence,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class AnnotatedDocument:
    """Everything eventcoder found in one document: one JSON line of output."""

    document: Document
    sentences: tuple[str, ...]
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeValue, ...] = ()
    places: tuple[Place, ...] = ()
    errors: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> JSON:
        """The document as one JSON object in the output contract's form."""
        doc = self.document
        return {
            "doc_id": doc.doc_id,
            "title": doc.title,
            "url": doc.url,
            "published": _iso(doc.published),
            "sentences": list(self.sentences),
            "actors": [a.to_json() for a in self.actors],
            "events": [e.to_json() for e in self.events],
            "quotes": [q.to_json() for q in self.quotes],
            "times": [t.to_json() for t in self.times],
            "places": [p.to_json() for p in self.places],
            "errors": list(self.errors),
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _location_json(place: Place | None) -> JSON | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon,
            "feature": place.feature, "geonameid": place.geonameid}
