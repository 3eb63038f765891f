"""Countries the text leaves unsaid, from a draft's context, before its event is built: the
country an attack or a protest happens in as its target, the country of unnamed local groups
('protesters', 'police') and of attacks nobody claimed, a government's own people as those it
acts on, judges, police, parties and protesters as of the country whose people they act on,
ethnic groups as of the country where they act, and the story's country for unnamed national
actors. Each step is recorded on the draft (see data/rule_steps.tsv)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TypeGuard

from ..model import Actor, ActorRef, Mention, Place
from .drafts import Draft
from .predicates import VIOLENT_ROOTS

# Roots whose events, when the text names no target, are directed at the country where they
# happen: a protest in Belgrade at Serbia, shelling in Iraq at Iraq, a visit to Amman at Jordan,
# aid deliveries suspended in Baghdad, inspectors sent to Iran, troops pledged to Liberia.
PLACE_TARGET_ROOTS = frozenset({"03", "04", "07", "08", "09", "13", "14", "15", "16", "17",
                                "18", "19", "20"})
# Codes (and their subcodes) whose events are aimed at the country they happen in even when it
# is the source's own: a protest in Belgrade by Serbs, a curfew imposed in a Turkish town by
# Turkish authorities, a curfew threatened in or lifted from one's own capital.
DOMESTIC_TARGET_CODES = ("14", "17", "18", "19", "20", "0813", "0814", "1323", "1324")
# Unnamed groups that belong to the country they act in: "protesters blocked roads in Algiers",
# "police dispersed students in Dhaka". Soldiers, refugees and aid workers are often foreign.
LOCAL_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "COP", "GOV", "REB", "JUD"})
# Those acted on where they are are most likely of that country too: "a journalist was killed
# in Beirut", "doctors were arrested in Cairo", "troops were ambushed in Mali" (refugees and
# international bodies are often foreign, and keep no country).
LOCAL_TARGET_SECTORS = LOCAL_SECTORS | {"MED", "HLH", "BUS", "REL", "AGR", "MIL"}
# Institutions that act on their own country's people: "Egyptian police dispersed
# demonstrators", "the Sudanese government accused rebels" (armies often fight abroad).
DOMESTIC_SOURCES = frozenset({"GOV", "COP", "JUD"})
# Those that act mostly at home, so an unnamed one is of the country of those it acts on:
# "a judge opened investigations against Chilean officials", "the party will boycott Algeria's
# elections", "fundamentalists demanded the resignation of the Algerian president".
HOME_ONLY_SOURCES = frozenset({"COP", "JUD", "PTY", "OPP", "RAD", "LAB", "EDU"})


def with_place_context(draft: Draft, place: Place | None, actors: list[Actor]) -> Draft:
    """The draft completed from its own clause's place; `actors` gains the place's country
    when the draft takes it as an actor."""
    country = place.country if place else None
    if place is None or country is None:
        return _domestic(draft)
    source, target, steps = draft.source, draft.target, list(draft.context_steps)
    guessed, confidence, root = draft.guessed_target, draft.confidence, draft.code[:2]
    # Violence nobody claims is coded to where it happens ("a roadside bomb near Samarra
    # killed a soldier"), and aimed at that place rather than at the clause's nearest actor.
    if source is None and root in VIOLENT_ROOTS:
        source = _country_ref(place, country, actors)
        steps.append("place-source")
        confidence = _lowered(confidence)
    elif source is not None and (_local(source) or _ethnic_elsewhere(source, country)):
        source = replace(source, country=country)
        steps.append("place-source")
    if target is not None and (_local(target, LOCAL_TARGET_SECTORS)
                               or _ethnic_elsewhere(target, country)):
        target = replace(target, country=country)
        steps.append("place-target")
    # The source's own country as the text gives it, not as filled in above from the place.
    source_country = draft.source.country if draft.source else None
    # Where violence strikes says more than the clause's nearest actor; what a protest is
    # against is better said by the clause ("to show their disapproval of US policies").
    if ((target is None or (guessed and root in VIOLENT_ROOTS)) and root in PLACE_TARGET_ROOTS
            and (country != source_country or draft.code.startswith(DOMESTIC_TARGET_CODES))):
        target, guessed = _country_ref(place, country, actors), False
        steps.append("place")
    return replace(draft, source=source, target=target, guessed_target=guessed,
                   confidence=confidence, context_steps=tuple(steps))


def _lowered(confidence: float) -> float:
    """The confidence of an event whose actor the context guessed."""
    return max(0.05, round(confidence - 0.1, 2))


def _domestic(draft: Draft) -> Draft:
    """An unnamed local group acted on by a country's government, police or courts, with no
    place said, is of that country; an unnamed judge or police force acting on a country's
    people is that country's ('a judge opened investigations against Chilean officials')."""
    source, target = draft.source, draft.target
    if (source is not None and source.country is not None
            and source.sector in DOMESTIC_SOURCES and _local(target) and target.sector != "GOV"):
        target, step = replace(target, country=source.country), "domestic-target"
    elif (target is not None and target.country is not None
            and _local(source, HOME_ONLY_SOURCES)):
        source, step = replace(source, country=target.country), "domestic-source"
    else:
        return draft
    return replace(draft, source=source, target=target,
                   context_steps=(*draft.context_steps, step))


def _ethnic_elsewhere(ref: ActorRef, country: str) -> bool:
    """'Ethnic Albanians' in Serbia: an ethnic group where it lives, not a foreign country."""
    return (ref.country is not None and ref.country != country
            and "ethnic" in ref.text.lower().split())


def _local(ref: ActorRef | None, sectors: frozenset[str] = LOCAL_SECTORS
           ) -> TypeGuard[ActorRef]:
    """An unnamed local group with no country of its own: 'protesters', 'the police'."""
    return ref is not None and ref.country is None and ref.sector in sectors


def _country_ref(place: Place, country: str, actors: list[Actor]) -> ActorRef:
    """The place's country as an actor of the event, added to the actors when new."""
    actor = next((a for a in actors if a.kind == "country" and a.country == country
                  and a.sector is None), None)
    if actor is None:
        mention = Mention(place.sentence, place.start, place.end, place.text)
        actor = Actor(f"a{len(actors) + 1}", place.name, "country", country, None,
                      (mention,), country)
        actors.append(actor)
    return ActorRef(actor.id, country, None, place.text)


# Sectors of those who belong to a country but are often named without it: "protesters",
# "lawmakers", "the ministry", "President Young" (international bodies, refugees, migrants
# and transnational militants have no country of their own).
NATIONAL_SECTORS = LOCAL_TARGET_SECTORS | {"LEG", "PTY", "ELI", "SPY", "LAB", "CRM", "RAD"}
# Those who protest, appeal or demand without saying to whom address their own government:
# "teachers launched a strike", "protesters called for speedy action".
GRIEVANCE_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "AGR", "HLH", "MED", "BUS", "PTY"})
GRIEVANCE_ROOTS = frozenset({"02", "10", "14"})
# What a government, court, police force or parliament does at home when the text names no
# one else: investigations, curfews, bans, arrests, restrictions eased ("the government
# launched a probe", "the mayor wants to impose curfews") are aimed at its own country.
HOME_RULE_CODES = ("09", "17", "1323", "1324", "081")
# A story is about one country when that country has at least this share of the mentions of
# all countries (and at least two mentions).
STORY_COUNTRY_SHARE = 0.5


def story_country(actors: list[Actor]) -> str | None:
    """The country a story is about: the one most of its country mentions name."""
    counts: Counter[str] = Counter()
    for actor in actors:
        if actor.country:
            counts[actor.country] += len(actor.mentions)
    total = sum(counts.values())
    if not total:
        return None
    country, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    return country if count >= 2 and count / total >= STORY_COUNTRY_SHARE else None


def with_story_context(draft: Draft, country: str | None, actors: list[Actor]) -> Draft:
    """Countries of unnamed national actors from the story's country ('lawmakers' in a story
    about Micronesia are Micronesian), and the government as the target of a grievance that
    names none ('teachers launched a strike')."""
    source, target, steps = draft.source, draft.target, list(draft.context_steps)
    confidence = draft.confidence
    if country is not None:
        if _local(source, NATIONAL_SECTORS):
            source = replace(source, country=country)
            steps.append("story-source")
        if _local(target, NATIONAL_SECTORS):
            target = replace(target, country=country)
            steps.append("story-target")
    if (target is None and source is not None and source.country
            and source.sector in DOMESTIC_SOURCES | {"LEG"}
            and draft.code.startswith(HOME_RULE_CODES)):
        home = _government_ref(source.country, actors, sector=None, besides=source)
        if home is not None:
            target = home
            steps.append("home-target")
    elif (target is None and source is not None and source.country
            and source.sector in GRIEVANCE_SECTORS and draft.code[:2] in GRIEVANCE_ROOTS):
        government = _government_ref(source.country, actors)
        if government is not None:
            target = government
            steps.append("implicit-target")
            confidence = _lowered(confidence)
    if len(steps) == len(draft.context_steps):
        return draft
    return replace(draft, source=source, target=target, confidence=confidence,
                   context_steps=tuple(steps))


def _government_ref(country: str, actors: list[Actor], sector: str | None = "GOV",
                    besides: ActorRef | None = None) -> ActorRef | None:
    """The country's government (or, with sector None, the country itself first) as the
    story names it, if it does; never the actor `besides`."""
    named = [a for a in actors if a.country == country and a.sector in ("GOV", None)
             and (besides is None or a.id != besides.actor)]
    if not named:
        return None
    actor = min(named, key=lambda a: (a.sector != sector, a.mentions[0].sentence
                                      if a.mentions else 0))
    text = actor.mentions[0].text if actor.mentions else actor.name
    return ActorRef(actor.id, country, actor.sector, text)

