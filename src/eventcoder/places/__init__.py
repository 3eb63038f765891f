"""Place names to places (countries, regions, admin regions, cities), and each event's
location: the gazetteer (gazetteer), how a name stands as a place in its clause (roles), the
places of a document (resolver), and the place of an event (location)."""

from .gazetteer import (
    FEATURES,
    Candidate,
    CityIndex,
    Gazetteer,
    Region,
    city_index,
    fold,
    load_regions,
    read_regions,
)
from .location import location_of_event
from .resolver import FoundPlace, PlaceResolver
from .roles import place_role

__all__ = [
    "FEATURES",
    "Candidate",
    "CityIndex",
    "FoundPlace",
    "Gazetteer",
    "PlaceResolver",
    "Region",
    "city_index",
    "fold",
    "load_regions",
    "location_of_event",
    "place_role",
    "read_regions",
]
