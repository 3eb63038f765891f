"""Hand-made annotated documents for store and engine tests (no NLP involved)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventcoder.model import (
    ActorRef,
    AnnotatedDocument,
    Document,
    Event,
    EventCode,
    Place,
    Span,
)

CODES = {
    "036": EventCode("036", "Express intent to meet or negotiate", "03", 1, 4.0, "CONSULT", None),
    "042": EventCode("042", "Make a visit", "04", 1, 1.9, "CONSULT", "visit"),
    "112": EventCode("112", "Accuse", "11", 3, -2.0, "ACCUSE", None),
    "190": EventCode("190", "Use conventional military force", "19", 4, -10.0, "ASSAULT", None),
    "141": EventCode("141", "Demonstrate or rally", "14", 3, -6.5, "PROTEST", None),
}


COUNTRIES = frozenset({"IRN", "ISR", "USA", "RUS", "UKR", "DEU", "BRA", "HTI", "FRA"})


def ref(code: str | None) -> ActorRef | None:
    """A participant from a CAMEO actor code such as IRNGOV, EDU or IRN."""
    if code is None:
        return None
    country = code[:3] if code[:3] in COUNTRIES else None
    sector = (code[3:] if country else code) or None
    return ActorRef(actor=f"a-{code}", country=country, sector=sector, text=code)


@dataclass(frozen=True)
class E:
    """A terse event description for tests."""

    source: str | None
    target: str | None
    cameo: str
    day: date | None
    negated: bool = False
    modality: str = "asserted"
    place: str | None = None  # country code of the event's location


def event(doc_id: str, n: int, spec: E) -> Event:
    """An Event from a description; `n` makes its id unique in the document."""
    location = None
    if spec.place:
        location = Place(n, spec.place, 0, 3, f"place-{spec.place}", spec.place, 1.0, 2.0,
                         "country")
    return Event(
        id=f"{doc_id}-e{n}", sentence=n, source=ref(spec.source), target=ref(spec.target),
        code=CODES[spec.cameo], trigger=Span("did", 0, 3), negated=spec.negated,
        modality=spec.modality, date=spec.day, date_end=spec.day, date_precision="day",
        date_source="text", location=location, location_source="clause" if location else None,
        confidence=0.9, rule="test")


def document(doc_id: str, *events: E, url: str | None = None, source: str = "in.jsonl",
             text: str | None = None, published: date | None = None) -> AnnotatedDocument:
    """An annotated document holding the given events."""
    doc = Document(text=text or f"text of {doc_id}", doc_id=doc_id, url=url,
                   published=published, source=source, line=1)
    return AnnotatedDocument(document=doc, sentences=("s",) * max(1, len(events)),
                             events=tuple(event(doc_id, i, e) for i, e in enumerate(events)))
