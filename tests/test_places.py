"""Place names resolved to places, ambiguous names settled by the document, and the location
of each event taken from its own clause."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder import Pipeline
from eventcoder.actors import load_knowledge_base
from eventcoder.errors import DataFileError
from eventcoder.places import Gazetteer, fold, load_regions, read_regions

HEADER = "name\taliases\tfeature\tcountries\tadmin1\tlat\tlon\n"


@pytest.mark.parametrize(("text", "mention", "expected"), [
    # (country, feature, name)
    ("Russian troops shelled Kharkiv on Tuesday.", "Kharkiv", ("UKR", "city", "Kharkiv")),
    ("The minister will make a visit to Iran next week.", "Iran", ("IRN", "country", "Iran")),
    ("Clashes broke out in Tripoli, the UN mission in Libya said.", "Tripoli",
     ("LBY", "city", "Tripoli")),
    ("The Lebanese army deployed troops in Tripoli after clashes in the north of Lebanon.",
     "Tripoli", ("LBN", "city", "Tripoli")),
    ("Lebanese troops clashed with gunmen in Tripoli, Lebanon.", "Tripoli",
     ("LBN", "city", "Tripoli")),
    ("Trump held a rally in Georgia on Saturday before flying to Atlanta.", "Georgia",
     ("USA", "admin_region", "Georgia")),
    ("Blinken visited Georgia and met officials in Tbilisi.", "Georgia",
     ("GEO", "country", "Georgia")),
    ("The senator spoke to students in Athens, Georgia.", "Athens", ("USA", "city", "Athens")),
    ("Greek police used tear gas against protesters in Athens.", "Athens",
     ("GRC", "city", "Athens")),
    ("The minister travelled to Washington to meet President Biden.", "Washington",
     ("USA", "city", "Washington")),
    ("Wildfires spread across Washington state.", "Washington state",
     ("USA", "admin_region", "Washington state")),
    ("Hundreds of protesters gathered outside the White House.", "White House",
     ("USA", "city", "Washington")),
    ("Israeli jets struck Gaza overnight.", "Gaza", ("PSE", "region", "Gaza")),
    ("Clashes erupted in Jenin in the occupied West Bank.", "West Bank",
     ("PSE", "region", "West Bank")),
    ("Tensions are rising across the Middle East.", "Middle East", (None, "region", "Middle East")),
    ("Fighting raged in Idlib province.", "Idlib province",
     ("SYR", "admin_region", "Idlib province")),
    ("Protesters gathered in Hama province.", "Hama province",
     ("SYR", "admin_region", "Hama province")),
    ("Rebels advanced in the Donetsk region.", "Donetsk region",
     ("UKR", "admin_region", "Donetsk region")),
    ("Grain ships left Odesa under a UN-brokered deal.", "Odesa", ("UKR", "city", "Odesa")),
    ("Protesters marched in Kiev.", "Kiev", ("UKR", "city", "Kyiv")),
    ("Judges at the court in The Hague issued a warrant.", "The Hague",
     ("NLD", "city", "The Hague")),
    ("Iranian protesters gathered in Isfahan and Tabriz.", "Tabriz", ("IRN", "city", "Tabriz")),
    ("Gang violence has paralysed Port-au-Prince, Haiti's capital.", "Haiti",
     ("HTI", "country", "Haiti")),
    ("KYIV, March 4 (Reuters) - Ukraine said it shot down 20 drones.", "KYIV",
     ("UKR", "city", "Kyiv")),
])
def test_places_are_resolved(annotate_text, text: str, mention: str,
                             expected: tuple[str | None, str, str]) -> None:
    places = annotate_text(text).places
    place = next((p for p in places if p.text == mention), None)
    assert place is not None, [p.text for p in places]
    assert (place.country, place.feature, place.name) == expected
    assert place.lat is not None and place.lon is not None


def test_places_carry_geonames_ids_and_offsets(annotate_text) -> None:
    doc = annotate_text("Talks were held in Geneva, and fighting continued in Syria.")
    geneva, syria = doc.places
    assert geneva.geonameid == 2660646 and syria.geonameid is not None
    for place in doc.places:
        assert doc.sentences[place.sentence][place.start:place.end] == place.text


@pytest.mark.parametrize(("text", "name"), [
    ("Tokyo said it would send an envoy.", "Tokyo"),
    ("Tehran summoned the British ambassador.", "Tehran"),
    ("Moscow expelled two diplomats.", "Moscow"),
    ("Talks with Beijing have stalled.", "Beijing"),
    ("North Korea fired a missile into the sea, Seoul said.", "Seoul"),
])
def test_capitals_used_as_governments_are_not_places(annotate_text, text: str,
                                                     name: str) -> None:
    assert all(p.text != name for p in annotate_text(text).places)


@pytest.mark.parametrize(("text", "cameo", "expected"), [
    # (location name, location_source), or None: no place in the event's own clause.
    ("Japanese Prime Minister Shinzo Abe will make a visit to Iran next week.", "036",
     ("Iran", "noun")),
    ("Russian forces shelled Kharkiv on Tuesday.", "194", ("Kharkiv", "object")),
    ("The foreign ministers met in Geneva on Monday.", "040", ("Geneva", "prep")),
    ("German Chancellor Olaf Scholz will travel to Brasilia next week to meet Lula.", "036",
     ("Brasília", "prep")),
    ("Israeli jets struck targets in the Gaza Strip.", "190", ("Gaza", "prep")),
    ("Sudanese troops clashed with militias on the outskirts of Khartoum.", "19",
     ("Khartoum", "prep")),
    ("Iran condemned the attack.", "111", None),
    ("Tokyo criticised Beijing over the drills.", "111", None),
])
def test_event_location_comes_from_its_clause(annotate_text, text: str, cameo: str,
                                              expected: tuple[str, str] | None) -> None:
    events = [e for e in annotate_text(text).events if e.code.cameo.startswith(cameo[:2])]
    assert events, [e.code.cameo for e in annotate_text(text).events]
    event = events[0]
    got = (event.location.name, event.location_source) if event.location else None
    assert got == expected
    if event.location is None:
        assert event.location_source is None


def test_location_json_has_feature_and_geonames_id(annotate_text) -> None:
    event = annotate_text("The foreign ministers met in Geneva on Monday.").events[0]
    location = event.to_json()["location"]
    assert location["name"] == "Geneva" and location["feature"] == "city"
    assert location["geonameid"] == 2660646


def test_packaged_regions_load_and_resolve() -> None:
    kb = load_knowledge_base()
    regions = load_regions(kb)
    names = {fold(n) for r in regions for n in r.names}
    for name in ("Middle East", "Gulf", "Balkans", "Sahel", "West Bank", "Gaza", "Kashmir",
                 "Crimea", "Donbas", "Kurdistan", "Horn of Africa"):
        assert fold(name) in names
    gazetteer = Gazetteer(kb, regions)
    assert {c.country for c in gazetteer.candidates("Punjab")} >= {"IND", "PAK"}
    assert gazetteer.candidates("Kashmir")[0].country is None  # India and Pakistan


@pytest.mark.parametrize(("row", "reason"), [
    ("Atlantis\t\tcontinent\t\t\t1\t2\n", "feature must be region or admin_region"),
    ("Atlantis\t\tregion\tXXX\t\t1\t2\n", "unknown country codes"),
    ("Atlantis\t\tregion\t\t\tnorth\t2\n", "lat and lon must be numbers"),
    ("Atlantis\t\tregion\t\t\t95\t2\n", "coordinates out of range"),
    ("Atlantis\tAtlantis\tregion\t\t\t1\t2\n", "listed twice"),
    ("Atlantis\t\tregion\t\t1\t2\n", "expected 7 columns"),
])
def test_regions_file_errors_name_file_and_line(tmp_path: Path, row: str, reason: str) -> None:
    path = tmp_path / "regions.tsv"
    path.write_text("# a comment\n" + HEADER + row, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        read_regions(path, frozenset({"USA"}))
    assert f"{path} line 3" in str(error.value) and reason in str(error.value)


def test_place_resolver_country_of(pipeline: Pipeline) -> None:
    assert pipeline.places.country_of("Lagos") == "NGA"
    assert pipeline.places.country_of("Xyzzyland") is None
