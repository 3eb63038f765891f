"""Groups named once and taken up again ('the three defence ministers', 'they'), countries
joined by hyphens, and people the text names against a namesake of the knowledge base."""

from __future__ import annotations

import pytest

from tests.actors.mentions import mention_codes


@pytest.mark.parametrize(("text", "sentence", "mention", "expected"), [
    # A definite plural repeating the head of an earlier group stands for all its members.
    ("The defence ministers of France, Germany and Italy met in Rome. "
     "The three defence ministers agreed to share intelligence.", 1, "three defence ministers",
     {("FRA", "GOV"), ("DEU", "GOV"), ("ITA", "GOV")}),
    ("The interior ministers of Spain and Portugal met in Lisbon on Monday. "
     "The interior ministers signed a border accord.", 1, "interior ministers",
     {("ESP", "GOV"), ("PRT", "GOV")}),
    # A number that is not the group's size is another group (here of the story's country,
    # Rome's).
    ("The defence ministers of France, Germany and Italy met in Rome. "
     "The two defence ministers agreed to share intelligence.", 1, "two defence ministers",
     {("ITA", "GOV")}),
    # "They" after such a group is each member.
    ("The interior ministers of Spain and Portugal met in Lisbon on Monday. "
     "They signed a border accord.", 1, "They", {("ESP", "GOV"), ("PRT", "GOV")}),
    # An of-phrase with a pair anaphor: each country of the pair; a country named as the
    # setting ('in the Tanzanian capital, Dodoma') is not one of the two.
    ("Kenya and Uganda ratified a trade treaty on Monday. In the Tanzanian capital, Dodoma, "
     "the presidents of the two countries signed a customs pact.", 1, "presidents",
     {("KEN", "GOV"), ("UGA", "GOV")}),
])
def test_a_group_taken_up_again_is_each_member(annotate_text, text: str, sentence: int,
                                               mention: str, expected: set) -> None:
    assert mention_codes(annotate_text(text), sentence, mention) == expected


def test_countries_joined_by_hyphens_are_each_named(annotate_text) -> None:
    doc = annotate_text("The Chile-Peru-Bolivia commission rejected the plan.")
    countries = {a.country for a in doc.actors
                 if any(m.sentence == 0 for m in a.mentions)}
    assert countries == {"CHL", "PER", "BOL"}


@pytest.mark.parametrize(("text", "mention", "expected"), [
    # A title and a surname: the one holder of that office with that surname.
    ("President Clinton spoke to reporters on Tuesday.", "President Clinton", {("USA", "GOV")}),
    ("Foreign Minister Lavrov spoke to reporters on Tuesday.", "Foreign Minister Lavrov",
     {("RUS", "GOV")}),
    # No such holder: a person of no known country.
    ("President Smithers spoke to reporters on Tuesday.", "President Smithers", {(None, "GOV")}),
    # The text's own office and country beat a namesake of the knowledge base.
    ("The trade minister of Fiji, John Key, opened the summit.", "John Key", {("FJI", "GOV")}),
])
def test_the_text_names_the_person(annotate_text, text: str, mention: str,
                                   expected: set) -> None:
    assert mention_codes(annotate_text(text), 0, mention) == expected


@pytest.mark.parametrize(("text", "mention", "expected"), [
    # A member named by a modifier is mentioned by the words up to the head.
    ("US and Qatari military personnel left the base.", "Qatari military personnel",
     {("QAT", "MIL")}),
    # The owner of the body a group comes from: 'a delegation from the Iranian embassy'.
    ("A delegation from the Iranian embassy met Afghan officials in Kabul.", "delegation",
     {("IRN", "GOV")}),
])
def test_a_phrase_names_the_country_of_its_group(annotate_text, text: str, mention: str,
                                                 expected: set) -> None:
    assert mention_codes(annotate_text(text), 0, mention) == expected
