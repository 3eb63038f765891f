"""The country of a story, for the national actors it leaves unnamed: 'the government',
'police', 'protesters', 'the ministry' in a story about one country are of that country; and
two smaller rules of the same kind: an owner's country ('the country's parliament') and a
counterpart's office ('his Azerbaijani counterpart')."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .candidate import Candidate
from .possessed import COUNTRY_NOUNS

# Sectors of actors that belong to a country but are often named without it ('the army', 'the
# militants' of a story about one country); international bodies, refugees, migrants and
# transnational militants have no country of their own and unidentified gunmen none known.
NATIONAL_SECTORS = frozenset({"GOV", "MIL", "REB", "COP", "JUD", "LEG", "PTY", "OPP", "CVL",
                              "LAB", "EDU", "MED", "BUS", "HLH", "AGR", "REL", "ELI", "SPY",
                              "CRM", "RAD"})
# Sectors of those who cross borders: a country named only as an actor does not make them its.
MOBILE_SECTORS = frozenset({"MIL", "REB", "CRM"})
PLACE_PREPS = frozenset({"in", "into", "inside", "across", "throughout", "for", "near", "at",
                         "around", "within"})
# Words of actors above or outside nations: "international observers", "multinational forces";
# forces "foreign", "allied", "regional" or keeping the peace are often not the story's own.
ABOVE_NATIONS = frozenset({"international", "multinational", "transnational", "global"})
FOREIGN_FORCES = frozenset({"foreign", "allied", "regional", "coalition", "peacekeeping",
                            "peacekeeper", "peacekeepers", "un", "u.n.", "nato"})
# A story is about one country when it is the only country named, or has the most country
# mentions, at least two and this share of them; a dateline ('NAIROBI, June 25 (Reuters) -')
# weighs as three mentions.
STORY_SHARE = 0.4
DATELINE_WEIGHT = 3
# Actors a place named beside them places: unnamed people and bodies our tables do not know.
PLACED_KINDS = frozenset({"group", "organisation"})
# Troops and protesters are often abroad ("exiles demonstrated in London against Tehran").
UNPLACED = frozenset({"MIL", "OPP"})
# Titles of a country's head: "the chief of Palau" is the same office as "President Garcia".
HEAD_TITLES = frozenset({"president", "leader", "chief", "premier"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Organisations whose country says little of the story's: international bodies, and the news
# agencies a story cites ('Reuters', 'AFP').
FOREIGN_BODIES = frozenset({"IGO", "MED"})


def dateline(doc: Doc) -> Span | None:
    """'KYIV, March 4 (Reuters) -': the capitalised place a story is filed from."""
    end = 0
    while end < len(doc) and doc[end].is_upper and doc[end].is_alpha:
        end += 1
    if 0 < end < len(doc) and doc[end].text == "," and len(doc[0:end].text) > 2:
        return doc[0:end]
    return None


@dataclass(frozen=True)
class StoryCountry:
    """The country a story is about, and how sure: `dominant` when it is named most (and at
    least twice), else the only country named, `as_place` when named as a place."""

    country: str
    dominant: bool
    as_place: bool

    def for_sector(self, sector: str | None) -> str | None:
        """The story's country for an unnamed actor of a sector. Armed men and criminals
        cross borders: they take it only where the story names it as a place ('rebels in
        Chhattisgarh'), not from its actors alone ('American troops killed rebels', 'Croatia
        will try the suspects')."""
        if self.as_place or sector not in MOBILE_SECTORS:
            return self.country
        return None


def story_country(doc: Doc, candidates: list[Candidate],
                  place_country: Callable[[str], str | None] | None,
                  stance: Callable[[Token], bool] = lambda token: False) -> StoryCountry | None:
    """The country a story is about: the one its actors and places name most, if any (of two
    named as often, the one named first: a story's lead names its subject). A country named
    only as a stance or a sponsor ('US-backed', 'pro-Iranian') is not counted."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    places: set[str] = set()

    def add(country: str, at: int, weight: int = 1) -> None:
        counts[country] += weight
        first[country] = min(first.get(country, at), at)

    for cand in candidates:
        foreign = cand.kind == "organisation" and cand.sector in FOREIGN_BODIES
        # A pronoun repeats a mention: it does not name its country again; nor does "his
        # country".
        repeated = cand.head.tag_ == "PRP" or (
            cand.head.lemma_.lower() in COUNTRY_NOUNS and cand.kind == "country"
            and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in cand.head.children))
        if cand.country and not foreign and not stance(cand.head) and not repeated:
            add(cand.country, cand.span.start)
            if cand.kind == "country" and _in_place_slot(cand.head):
                places.add(cand.country)
    covered = {i for c in candidates if c.country for i in range(c.span.start, c.span.end)}
    if place_country is not None:  # "in the southern city of Curitiba": Brazil
        for entity in doc.ents:
            if entity.label_ in PLACE_ENTS and not any(t.i in covered or stance(t)
                                                       for t in entity):
                found = place_country(entity.text)
                if found:
                    add(found, entity.start)
                    places.add(found)
        filed = dateline(doc)
        country = place_country(filed.text.title()) if filed is not None else None
        if country:
            add(country, 0, DATELINE_WEIGHT)
            places.add(country)
    if not counts:
        return None
    best = max(counts, key=lambda c: (counts[c], -first[c]))
    share = counts[best] / sum(counts.values())
    if counts[best] >= 2 and share >= STORY_SHARE:
        return StoryCountry(best, True, best in places)
    if len(counts) == 1:  # the only country in reach
        return StoryCountry(best, False, best in places)
    return None


def _in_place_slot(token: Token) -> bool:
    """Whether a country's name stands as a place: 'in Mali', 'for northern Mali'."""
    return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS


def unnamed_national(cand: Candidate) -> bool:
    """An actor of a national sector that names no country and no known organisation."""
    if cand.country is not None or cand.sector not in NATIONAL_SECTORS:
        return False
    words = {t.lower_ for t in cand.span}
    if words & ABOVE_NATIONS or (cand.sector == "MIL" and words & FOREIGN_FORCES):
        return False
    if cand.kind == "organisation":
        return cand.kb_id is None  # a known organisation's missing country is deliberate
    return cand.kind in ("group", "person") and cand.kb_id is None


def apply_story_country(doc: Doc, candidates: list[Candidate],
                        place_country: Callable[[str], str | None] | None,
                        stance: Callable[[Token], bool] = lambda token: False) -> None:
    """Give unnamed national actors the story's country. Even beside another country: in a
    story about Saudi Arabia, 'the Cabinet' of a sentence that names Cairo is still Saudi."""
    story = story_country(doc, candidates, place_country, stance)
    for cand in candidates:
        country = story.for_sector(cand.sector) if story is not None else None
        if (country is not None and cand.sector == "GOV" and unnamed_national(cand)
                and country in _other_parties(cand, candidates)):
            # "At the meeting in Beirut the regional government thanked China": a government
            # does not thank its own country; the place of its sentence may say whose it is.
            country = _sentence_place(cand, candidates, country)
        if country is not None and (unnamed_national(cand) or (
                cand.origin and cand.country is None)):
            _give_country(cand, country)
    for cand in candidates:  # "Ethnic Albanians demonstrated": no other country in reach
        if cand.origin and cand.country is None:
            _give_country(cand, cand.origin)


# Slots of the objects of a clause.
OBJECT_DEPS = frozenset({"dobj", "dative"})


def _other_parties(cand: Candidate, candidates: list[Candidate]) -> set[str]:
    """Countries named by their names as the objects of the clause an actor is the subject
    of: China of 'the government thanked China (for its help)' (not North Korea of 'North
    Korea sent a delegation', whose own the object is)."""
    if cand.head.dep_ != "nsubj":
        return set()
    verb = cand.head.head
    slots = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    slots += [obj for c in verb.children if c.dep_ == "prep"
              for obj in c.children if obj.dep_ == "pobj"]
    heads = {t.i for slot in slots for t in (slot, *slot.conjuncts)}
    return {c.country for c in candidates if c.head.i in heads and c.kind == "country"
            and c.country and not c.place and c.head.pos_ == "PROPN"}


def _sentence_place(cand: Candidate, candidates: list[Candidate], besides: str) -> str | None:
    """The one country other than `besides` that an actor's sentence names as a place."""
    found = {c.country for c in candidates if c.kind == "country" and c.country
             and c.sent_start == cand.sent_start and _names_place(c.head)}
    found.discard(besides)
    return found.pop() if len(found) == 1 else None


def unnamed_heads(candidates: list[Candidate]) -> None:
    """'The chief of Palau has said ... But President Michael Garcia said': a president the
    text gives no country, after a story's one described head of a country ('the chief of',
    'the leader of'), is that country's."""
    heads: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: c.head.i):
        if cand.kind != "person" or cand.sector != "GOV":
            continue
        titles = {t.lower_ for t in cand.span if t.text not in cand.name_tokens}
        if not titles & HEAD_TITLES:
            continue
        countries = {h.country for h in heads if h.country}
        if (cand.country is None and cand.kb_id is None and cand.name_tokens
                and len(countries) == 1):
            _give_country(cand, next(iter(countries)))
        elif cand.country is not None and cand.head.lower_ in HEAD_TITLES:
            heads.append(cand)  # a head described by office, not by name


def people_in_places(candidates: list[Candidate]) -> None:
    """'Two attackers were killed in fighting in southern Benin', 'people killed in a genocide
    in Rwanda's north', 'the Department of Trade in Khartoum': unnamed people (not troops or
    protesters, who are often abroad) and unknown bodies that the story's country leaves
    without one, of a sentence that names one country as a place, are of that country.
    Unidentified gunmen stay unknown ('Gunmen attacked a village in Nigeria')."""
    places: dict[int, set[str]] = {}
    for cand in candidates:
        if cand.kind == "country" and cand.country and _names_place(cand.head):
            places.setdefault(cand.sent_start, set()).add(cand.country)
    for cand in candidates:
        if cand.kind not in PLACED_KINDS or cand.sector in UNPLACED or not (
                unnamed_national(cand)):
            continue  # first the tests that need no sentence, which is slow to find
        found = places.get(cand.sent_start, set())
        if len(found) == 1:
            _give_country(cand, next(iter(found)))


def _names_place(token: Token) -> bool:
    """A country named as a place, or as the owner of one ('in Rwanda's northern province')."""
    return _in_place_slot(token) or (token.dep_ == "poss" and _in_place_slot(token.head))


def _give_country(cand: Candidate, country: str) -> None:
    cand.country = country
    if cand.key.startswith("group:"):  # one actor with "the Colombian government"
        cand.key = f"group:{country}:{cand.sector}"


def possessor_countries(candidates: list[Candidate]) -> None:
    """'The country's parliament', 'the kingdom's government': an actor owned by a country
    that a description refers to is of that country."""
    countries = {c.head.i: c.country for c in candidates if c.kind == "country" and c.country}
    for cand in candidates:
        if cand.country is not None or cand.kind not in ("group", "person", "organisation"):
            continue
        owner = next((countries[t.i] for t in cand.head.children
                      if t.dep_ == "poss" and t.i in countries), None)
        if owner is not None and cand.kb_id is None:
            cand.country = owner
            if cand.key.startswith("group:"):
                cand.key = f"group:{owner}:{cand.sector}"


def counterparts(candidates: list[Candidate]) -> None:
    """'Armenian Foreign Minister Mirzoyan met his Azerbaijani counterpart Bayramov': a
    counterpart holds the same kind of office as the person of the clause he is compared to."""
    people = sorted((c for c in candidates if c.kind == "person"), key=lambda c: c.head.i)
    for index, cand in enumerate(people):
        if cand.sector is not None or not any(t.lower_ == "counterpart" for t in cand.span):
            continue
        other = next((p for p in reversed(people[:index]) if p.sector is not None
                      and p.sent_start == cand.sent_start), None)
        if other is not None:
            cand.sector = other.sector
