"""The actor knowledge base: countries, organisations, sector words and people in office."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from ..resources import data_error, package_file, read_date, read_tsv, split_list

SECTOR_CODES = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "JUD", "LEG", "COP", "BUS", "MED", "EDU", "REL", "CVL",
    "NGO", "IGO", "LAB", "REF", "HLH", "AGR", "SPY", "CRM", "ELI", "UAF", "ENV", "IMG", "INS",
    "MOD", "RAD", "SEP",
})
ISO3 = re.compile(r"^[A-Z]{3}$")
T = TypeVar("T")
HEAD_OFFICES = frozenset({"head of state", "head of government", "president", "prime minister",
                          "chancellor", "king", "queen", "emir", "sultan", "supreme leader",
                          "premier"})


_UNSPOKEN = re.compile(r"[’'ʿʾ`‘.]")
_SPACES = re.compile(r"[\s_-]+")


def fold(name: str) -> str:
    """A lookup key for a name: no accents, dots or apostrophes, hyphens as spaces, lower case,
    single spaces, no leading 'the'."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SPACES.sub(" ", _UNSPOKEN.sub("", text).lower()).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True)
class Country:
    """A country with the coordinates of its centre and of its capital."""

    iso3: str
    iso2: str
    name: str
    capital: str
    lat: float
    lon: float
    capital_lat: float
    capital_lon: float


@dataclass(frozen=True)
class Organisation:
    """An international organisation or a non-state group."""

    code: str
    name: str
    country: str | None
    sector: str


@dataclass(frozen=True)
class Office:
    """One term of one person in one office."""

    name: str
    country: str | None
    sector: str
    office: str
    start: date
    end: date | None
    approximate: bool = False  # the dates are the best known, not exact

    def held_on(self, day: date) -> bool:
        """Whether the term covers the given day."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Term:
    """A name as it appears in text, and what it refers to."""

    text: str
    kind: str  # country | demonym | seat | organisation | person
    ref: str  # ISO3, organisation code, or person name
    sector: str | None = None


@dataclass(frozen=True)
class Period:
    """A sector an organisation held from a day until a day (None: open)."""

    sector: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class SectorWord:
    """A word that tells an actor's sector: a title (person) or a collective (group)."""

    phrase: str
    sector: str
    kind: str  # person | group


@dataclass(eq=False)  # hashed by identity: one loaded knowledge base per process
class KnowledgeBase:
    """Everything the resolver knows about actors, indexed for lookups."""

    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    offices: dict[str, list[Office]] = field(default_factory=dict)  # by person name
    terms: list[Term] = field(default_factory=list)
    sector_words: dict[str, SectorWord] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # name or alias -> ISO3
    anaphors: dict[str, str] = field(default_factory=dict)  # "the country" -> country
    organisation_heads: frozenset[str] = frozenset()  # "front", "union", "party"
    office_words: frozenset[str] = frozenset()  # "federal", "west": title words, no places
    # People of the converted dictionaries: after their dated roles they hold their default
    # role (mostly ELI) only where the dictionary gives one.
    defaults: dict[str, Office] = field(default_factory=dict)
    dictionary_people: set[str] = field(default_factory=set)
    report: Counter[str] = field(default_factory=Counter)  # entries and conflicts, by source
    holders: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (country, office)
    # Sectors an organisation held for a time (the Taliban governing from August 2021).
    periods: dict[str, list[Period]] = field(default_factory=dict)

    def organisation_sector(self, code: str, day: date | None) -> str:
        """The sector of a known organisation on a day."""
        if day is not None:
            for period in self.periods.get(code, ()):
                if (period.start is None or period.start <= day) and (
                        period.end is None or day <= period.end):
                    return period.sector
        return self.organisations[code].sector

    def person_role(self, name: str, day: date | None) -> tuple[str | None, str | None, str]:
        """Country, sector and office of a known person on a day (former holders are ELI)."""
        terms = self.offices.get(name, [])
        default = self.defaults.get(name)
        if not terms:
            return (default.country, default.sector, default.office) if default else (
                None, None, "")
        if day is None:
            latest = max(terms, key=lambda o: o.start)
            return latest.country, latest.sector, latest.office
        current = [o for o in terms if o.held_on(day)]
        if current:
            # A prime minister who is also defence minister is coded by the higher office.
            best = max(current, key=lambda o: (o.office in HEAD_OFFICES, o.start))
            return best.country, best.sector, best.office
        past = [o for o in terms if o.start <= day]
        if past:
            last = max(past, key=lambda o: o.start)
            if last.country is None:  # after heading an international body: of one's country
                last = max((o for o in past if o.country), key=lambda o: o.start, default=last)
            if name in self.dictionary_people:  # what the dictionary says, or no sector
                if default is not None:
                    return default.country or last.country, default.sector, default.office
                return last.country, None, ""
            # Out of office: still of that country, no longer its government.
            return last.country, "ELI", f"former {last.office}"
        return min(terms, key=lambda o: o.start).country, None, ""


# Titles as written in news, and the office of the knowledge base they name.
OFFICE_OF_TITLE = {
    "president": "president", "prime minister": "prime minister", "premier": "premier",
    "chancellor": "chancellor", "foreign minister": "foreign minister",
    "foreign secretary": "foreign minister", "defence minister": "defence minister",
    "defense minister": "defence minister", "defence secretary": "defence minister",
    "secretary of state": "secretary of state", "defense secretary": "secretary of defense",
    "secretary of defense": "secretary of defense", "king": "king", "emir": "emir",
    "crown prince": "crown prince", "supreme leader": "supreme leader", "sultan": "sultan",
    "interior minister": "interior minister", "home minister": "interior minister",
    "home secretary": "interior minister", "interior secretary": "interior minister",
    "minister of the interior": "interior minister", "minister of interior": "interior minister",
    "home affairs minister": "interior minister", "public security minister": "interior minister",
    "finance minister": "finance minister", "minister of finance": "finance minister",
    "chancellor of the exchequer": "finance minister", "treasurer": "treasurer",
    "treasury secretary": "secretary of the treasury",
    "secretary of the treasury": "secretary of the treasury",
    "homeland security secretary": "secretary of homeland security",
    "secretary of homeland security": "secretary of homeland security",
}


def holder_of(kb: KnowledgeBase, country: str, title: str, day: date) -> str | None:
    """Who held the office a title names in a country on a day ('the Iranian president'),
    when exactly one person did."""
    office = OFFICE_OF_TITLE.get(title.lower())
    if office is None:
        return None
    holders = {name for name in kb.holders.get((country, office), ())
               for o in kb.offices.get(name, ())
               if o.country == country and o.office == office and o.held_on(day)}
    return holders.pop() if len(holders) == 1 else None


def _float(path: Path, line: int, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise data_error(path, line, f"not a number: {value!r}") from None


def _date(path: Path, line: int, value: str) -> date:
    found = read_date(path, line, value)
    if found is None:
        raise data_error(path, line, f"not a YYYY-MM-DD date: {value!r}")
    return found


def check_sector(path: Path, line: int, value: str) -> str:
    """A CAMEO sector code, or an error naming the file and line."""
    if value not in SECTOR_CODES:
        raise data_error(path, line, f"unknown sector code {value!r}")
    return value


def _country_code(path: Path, line: int, value: str) -> str | None:
    if not value:
        return None
    if not ISO3.match(value):
        raise data_error(path, line, f"not an ISO3 country code: {value!r}")
    return value


COUNTRY_COLUMNS = ("iso3", "iso2", "name", "aliases", "demonyms", "capital", "seats", "lat",
                   "lon", "capital_lat", "capital_lon")
ORGANISATION_COLUMNS = ("code", "name", "aliases", "country", "sector")
SECTOR_COLUMNS = ("phrase", "sector", "kind")
PERSON_COLUMNS = ("name", "aliases", "country", "sector", "office", "start")
ANAPHOR_KINDS = frozenset({"country", "organisation", "media", "pair", "three", "four",
                           "people-pair", "mission"})


def add_country(kb: KnowledgeBase, path: Path, line: int, row: dict[str, str]) -> None:
    """Add one country row (validated; the error names file and line)."""
    iso3 = _country_code(path, line, row["iso3"])
    if iso3 is None:
        raise data_error(path, line, "empty iso3")
    kb.countries[iso3] = Country(
        iso3=iso3,
        iso2=row["iso2"],
        name=row["name"],
        capital=row["capital"],
        lat=_float(path, line, row["lat"]),
        lon=_float(path, line, row["lon"]),
        capital_lat=_float(path, line, row["capital_lat"]),
        capital_lon=_float(path, line, row["capital_lon"]),
    )
    for name in [row["name"], *split_list(row["aliases"])]:
        kb.terms.append(Term(name, "country", iso3))
        kb.country_names[name] = iso3
    for demonym in split_list(row["demonyms"]):
        kb.terms.append(Term(demonym, "demonym", iso3))
    for seat in split_list(row["seats"]):
        seat_name, _, sector = seat.partition("=")
        kb.terms.append(Term(seat_name.strip(), "seat", iso3, check_sector(path, line, sector)))


def add_organisation(kb: KnowledgeBase, path: Path, line: int, row: dict[str, str]) -> None:
    """Add (or replace, by code) one organisation row."""
    org = Organisation(
        code=row["code"],
        name=row["name"],
        country=_country_code(path, line, row["country"]),
        sector=check_sector(path, line, row["sector"]),
    )
    kb.organisations[org.code] = org
    for name in [row["name"], *split_list(row["aliases"])]:
        kb.terms.append(Term(name, "organisation", org.code, org.sector))


def add_sector_word(kb: KnowledgeBase, path: Path, line: int, row: dict[str, str],
                    replace: bool = False) -> None:
    """Add one sector word (a user's file may replace ours)."""
    if row["phrase"].lower() in kb.sector_words and not replace:
        raise data_error(path, line, f"{row['phrase']!r} is listed twice")
    if row["kind"] not in ("person", "group"):
        raise data_error(path, line, f"kind must be person or group, not {row['kind']!r}")
    phrase = row["phrase"].lower()
    sector = check_sector(path, line, row["sector"])
    kb.sector_words[phrase] = SectorWord(phrase, sector, row["kind"])


DATES_VALUES = frozenset({"", "exact", "approximate"})


def add_person_term(kb: KnowledgeBase, path: Path, line: int, row: dict[str, str]) -> None:
    """Add one term of office of a person, and the person's names."""
    end = row.get("end", "")
    dates = row.get("dates", "")
    if dates not in DATES_VALUES:
        raise data_error(path, line, f"dates must be empty, exact or approximate, not {dates!r}")
    office = Office(
        name=row["name"],
        country=_country_code(path, line, row["country"]),
        sector=check_sector(path, line, row["sector"]),
        office=row["office"],
        start=_date(path, line, row["start"]),
        end=read_date(path, line, end),
        approximate=dates == "approximate",
    )
    first_term = office.name not in kb.offices
    kb.offices.setdefault(office.name, []).append(office)
    if office.country:
        kb.holders.setdefault((office.country, office.office), set()).add(office.name)
    if first_term:
        for name in dict.fromkeys([row["name"], *split_list(row["aliases"])]):
            kb.terms.append(Term(name, "person", office.name))


def cache_dir() -> Path | None:
    """Where compiled data is cached ($EVENTCODER_CACHE, else the user's cache folder), or
    None when no such folder can be made."""
    base = os.environ.get("EVENTCODER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventcoder")
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        return None
    return Path(base) if os.access(base, os.W_OK) else None


def cached(name: str, kind: type[T], build: Callable[[], T], replaces: str | None = None) -> T:
    """A value read from the cache file `name`.pickle when one of the right kind is there, else
    built and written there atomically (workers may write it at once); a cache that cannot be
    read or written is skipped. `replaces`: a glob of older caches this one makes useless,
    removed when it is written so that the folder does not grow."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}.pickle"
    try:
        with path.open("rb") as cache:
            found = pickle.load(cache)
        if isinstance(found, kind):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    value = build()
    try:
        with tempfile.NamedTemporaryFile("wb", dir=directory, delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for stale in directory.glob(f"{replaces}.pickle") if replaces else ():
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return value


def _code_digest() -> bytes:
    """A digest of the code that reads the knowledge base, as this process imported it (read
    once, at import: a process that imported older code must not cache under the new key)."""
    here = Path(__file__).parent
    digest = hashlib.sha1()
    for file in (here / "kb.py", here / "dictionaries.py", here.parent / "resources.py"):
        digest.update(file.name.encode("utf-8") + b"\0" + file.read_bytes())
    return digest.digest()


_CODE_DIGEST = _code_digest()


def read_knowledge_base(folder: Path | None = None) -> KnowledgeBase:
    """Read and validate the knowledge base from a folder (default: the packaged data, from
    a compiled cache keyed by the data files and the code that reads them)."""
    data = folder or package_file("actors", "countries.tsv").parent
    digest = hashlib.sha1(_CODE_DIGEST)
    for file in sorted(data.glob("*.tsv")):
        digest.update(file.name.encode("utf-8") + b"\0" + file.read_bytes())
    # One cache per folder: a newer one replaces that folder's older ones only.
    folder_key = hashlib.sha1(str(data.resolve()).encode("utf-8")).hexdigest()[:8]
    return cached(f"kb-{folder_key}-{digest.hexdigest()[:20]}", KnowledgeBase,
                  lambda: _read_text(data), replaces=f"kb-{folder_key}-*")


def _read_text(folder: Path) -> KnowledgeBase:
    """Read and validate the knowledge base from the data files of a folder."""
    from .dictionaries import add_dictionaries, count_sources, people_files  # it imports us

    def path(name: str) -> Path:
        return folder / name

    kb = KnowledgeBase()
    for name, columns, add in (("countries.tsv", COUNTRY_COLUMNS, add_country),
                               ("organisations.tsv", ORGANISATION_COLUMNS, add_organisation),
                               ("sectors.tsv", SECTOR_COLUMNS, add_sector_word)):
        for line, row in read_tsv(path(name), columns):
            add(kb, path(name), line, row)
    for file in people_files(folder):
        for line, row in read_tsv(file, PERSON_COLUMNS):
            add_person_term(kb, file, line, row)
    count_sources(kb, "ours")
    add_dictionaries(kb, folder)
    periods = path("organisation_periods.tsv")
    for line, row in read_tsv(periods, ("code", "sector", "start", "end", "note")):
        if row["code"] not in kb.organisations:
            raise data_error(periods, line, f"unknown organisation {row['code']!r}")
        kb.periods.setdefault(row["code"], []).append(Period(
            check_sector(periods, line, row["sector"]), read_date(periods, line, row["start"]),
            read_date(periods, line, row["end"])))
    kb.organisation_heads = frozenset(
        row["word"].lower() for _, row in read_tsv(path("organisation_heads.tsv"), ("word",)))
    kb.office_words = frozenset(
        row["word"].lower() for _, row in read_tsv(path("office_words.tsv"), ("word",)))
    anaphors = path("anaphors.tsv")
    for line, row in read_tsv(anaphors, ("phrase", "refers_to")):
        if row["refers_to"] not in ANAPHOR_KINDS:
            raise data_error(anaphors, line, f"unknown kind {row['refers_to']!r}")
        kb.anaphors[row["phrase"].lower()] = row["refers_to"]
    return kb
