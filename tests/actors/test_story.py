"""The story's country for unnamed national actors, dated organisation sectors, heads of
international bodies, nationalities in organisations' names, object pronouns and titles of
interior and finance ministers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from eventcoder.actors import read_knowledge_base
from eventcoder.errors import DataFileError
from eventcoder.model import Actor, AnnotatedDocument
from eventcoder.resources import package_file


def _actor_of(doc: AnnotatedDocument, text: str) -> Actor | None:
    """The actor one of whose mentions is exactly the text, or None."""
    found = [a for a in doc.actors if any(m.text == text for m in a.mentions)]
    assert len(found) <= 1, f"{text!r} is a mention of several actors"
    return found[0] if found else None


def _pair(doc: AnnotatedDocument, text: str) -> tuple[str | None, str | None]:
    actor = _actor_of(doc, text)
    assert actor is not None, [(a.name, [m.text for m in a.mentions]) for a in doc.actors]
    return actor.country, actor.sector


KENYA = ("Kenya's parliament passed the finance bill on Tuesday. President William Ruto said "
         "Kenya needed the revenue. Protesters marched in Nairobi. Police fired tear gas. The "
         "government said the army would stay in its barracks. The militants were not seen.")


@pytest.mark.parametrize(("mention", "country", "sector"), [
    ("Protesters", "KEN", "OPP"),
    ("Police", "KEN", "COP"),
    ("government", "KEN", "GOV"),
    ("army", "KEN", "MIL"),
    ("militants", "KEN", "REB"),
])
def test_unnamed_national_actors_take_the_story_country(annotate_text, mention: str,
                                                        country: str, sector: str) -> None:
    assert _pair(annotate_text(KENYA, date(2024, 6, 25)), mention) == (country, sector)


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    # A dateline alone makes the story's country.
    ("NAIROBI, June 25 (Reuters) - Police fired tear gas at protesters outside parliament.",
     "Police", "KEN", "COP"),
    ("MOSCOW, March 3 (Reuters) - The defence ministry said its forces took a village.",
     "defence ministry", "RUS", "MIL"),
    # The only country in reach, however often named.
    ("Maoist rebels killed 22 security personnel in an ambush in Chhattisgarh.",
     "Maoist rebels", "IND", "REB"),
    ("The interim government banned all activities of the Awami League.",
     "interim government", "BGD", "GOV"),
    # Protests stand for the protesters.
    ("Nigeria's military deployed troops ahead of protests against the fuel price.",
     "protests", "NGA", "OPP"),
    # Two countries named as often: none is the story's.
    ("Kenya and Uganda held talks. France and Germany met. Protesters marched on Tuesday.",
     "Protesters", None, "OPP"),
    # Foreign forces and international observers are not the story's own.
    ("Mali's army retook Gao. Mali said the town was safe. Foreign troops stayed.",
     "Foreign troops", None, "MIL"),
    ("Mali's army retook Gao. Mali said the town was safe. International observers left.",
     "International observers", None, "IGO"),
])
def test_the_story_country_and_its_limits(annotate_text, text: str, mention: str,
                                          country: str | None, sector: str) -> None:
    assert _pair(annotate_text(text, date(2024, 3, 3)), mention) == (country, sector)


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    ("Ethiopia declared a state of emergency on Tuesday. The country's parliament approved "
     "the measure.", "country's parliament", "ETH", "LEG"),
    ("South Africa urged restraint after protests in Eswatini. The kingdom's government imposed "
     "a curfew.", "kingdom's government", "SWZ", "GOV"),
])
def test_an_actor_owned_by_a_described_country_is_of_it(annotate_text, text: str, mention: str,
                                                        country: str, sector: str) -> None:
    assert _pair(annotate_text(text, date(2021, 11, 4)), mention) == (country, sector)


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    # The tagger takes these cities for organisations; the gazetteer knows them.
    ("Karachi police said a bomber targeted a convoy.", "Karachi police", "PAK", "COP"),
    ("Kano police arrested two suspects.", "Kano police", "NGA", "COP"),
    ("Almaty authorities said protesters seized the airport.", "Almaty authorities", "KAZ",
     "GOV"),
])
def test_a_city_the_tagger_misses_still_gives_its_country(annotate_text, text: str,
                                                          mention: str, country: str,
                                                          sector: str) -> None:
    assert _pair(annotate_text(text), mention) == (country, sector)


def test_an_office_word_is_not_a_small_town(annotate_text) -> None:
    doc = annotate_text("The Federal Minister for Interior said the talks would resume.")
    assert all(a.country != "ARG" for a in doc.actors), [(a.name, a.country) for a in doc.actors]


@pytest.mark.parametrize(("text", "day", "mention", "country", "sector"), [
    ("Qatar said it would keep talking to the Taliban.", date(2019, 6, 1), "Taliban", "AFG",
     "REB"),
    ("Qatar said it would keep talking to the Taliban.", date(2022, 5, 10), "Taliban", "AFG",
     "GOV"),
    ("The Rapid Support Forces dispersed the sit-in.", date(2019, 6, 3), "Rapid Support Forces",
     "SDN", "MIL"),
    ("The Rapid Support Forces shelled Omdurman.", date(2024, 6, 3), "Rapid Support Forces",
     "SDN", "REB"),
])
def test_an_organisation_has_the_sector_it_held_that_day(annotate_text, text: str, day: date,
                                                         mention: str, country: str,
                                                         sector: str) -> None:
    assert _pair(annotate_text(text, day), mention) == (country, sector)


@pytest.mark.parametrize(("text", "day", "country", "sector"), [
    ("Christine Lagarde said Greece needed debt relief.", date(2015, 7, 12), None, "IGO"),
    ("Mark Carney said the bank would support markets.", date(2016, 6, 24), "GBR", "GOV"),
    ("Mark Carney warned about household debt.", date(2010, 12, 7), "CAN", "GOV"),
    # After heading an international body, a former official of one's own country.
    ("Tony Blair criticised the government's plans.", date(2020, 2, 18), "GBR", "ELI"),
])
def test_heads_of_international_bodies_and_central_banks(annotate_text, text: str, day: date,
                                                         country: str | None,
                                                         sector: str) -> None:
    doc = annotate_text(text, day)
    assert (doc.actors[0].country, doc.actors[0].sector) == (country, sector)


@pytest.mark.parametrize(("text", "mention", "country"), [
    ("The Norwegian Refugee Council warned that aid was running out.",
     "Norwegian Refugee Council", "NOR"),
    ("The Danish Refugee Council suspended its work.", "Danish Refugee Council", "DNK"),
    # An international NGO's name states no nationality.
    ("Amnesty International accused the police of abuses.", "Amnesty International", None),
])
def test_an_ngo_keeps_the_nationality_its_name_states(annotate_text, text: str, mention: str,
                                                      country: str | None) -> None:
    assert _pair(annotate_text(text), mention) == (country, "NGO")


@pytest.mark.parametrize(("text", "pronoun", "country"), [
    # "She" prefers the person known to be a woman over a nearer one of unknown gender.
    ("Australian Foreign Minister Penny Wong met Chinese Foreign Minister Wang Yi in Beijing. "
     "She said the talks had been constructive.", "She", "AUS"),
    # Object pronouns: the nearest compatible person other than the clause's subject.
    ("Taiwanese President Tsai Ing-wen met US House Speaker Kevin McCarthy in California. "
     "She thanked him for his support.", "him", "USA"),
    ("Italian Prime Minister Giorgia Meloni met Tunisian President Kais Saied in Tunis. He "
     "told her that Tunisia would not act as a border guard.", "her", "ITA"),
])
def test_pronouns_by_gender_as_subjects_and_objects(annotate_text, text: str, pronoun: str,
                                                    country: str) -> None:
    assert _pair(annotate_text(text, date(2023, 6, 6)), pronoun)[0] == country


@pytest.mark.parametrize(("text", "day", "name"), [
    ("The British home secretary announced new rules.", date(2019, 6, 1), "Sajid Javid"),
    ("The U.S. treasury secretary met bankers.", date(2019, 6, 1), "Steven Mnuchin"),
])
def test_an_interior_or_finance_title_is_its_holder(annotate_text, text: str, day: date,
                                                   name: str) -> None:
    assert name in {a.name for a in annotate_text(text, day).actors}


@pytest.mark.parametrize(("row", "reason"), [
    ("NOSUCH\tGOV\t2020-01-01\t\tnone", "unknown organisation 'NOSUCH'"),
    ("TALIBAN\tGOV\t2020-13-01\t\tbad", "not a YYYY-MM-DD date"),
    ("TALIBAN\tXYZ\t2020-01-01\t\tbad", "XYZ"),
])
def test_a_bad_period_row_names_file_and_line(tmp_path: Path, row: str, reason: str) -> None:
    folder = tmp_path / "data"
    shutil.copytree(package_file("actors", "countries.tsv").parent, folder)
    periods = folder / "organisation_periods.tsv"
    lines = periods.read_text(encoding="utf-8").splitlines()
    periods.write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"organisation_periods.tsv line {len(lines) + 1}: "
                                            rf".*{reason}"):
        read_knowledge_base(folder)
