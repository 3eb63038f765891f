"""An embassy's ambassador, a story's head of state named later, people and unknown bodies
placed by the sentence's country, initials of an earlier name, and 'the Strip'."""

from __future__ import annotations

import pytest

from tests.actors.mentions import mention_codes


@pytest.mark.parametrize(("text", "sentence", "mention", "expected"), [
    # "The ambassador" is the one of the embassy named before, not of the host government; and
    # he is a person that "He" takes up.
    ("The French Embassy in Kenya protested to the Kenyan government on Monday. The ambassador "
     "said the arrests were unjust. He asked Kenyan police to free the men.", 1,
     "The ambassador", {("FRA", "GOV")}),
    ("The French Embassy in Kenya protested to the Kenyan government on Monday. The ambassador "
     "said the arrests were unjust. He asked Kenyan police to free the men.", 2, "He",
     {("FRA", "GOV")}),
    # A president whose country the text leaves out, after the story's described head of a
    # country, is that country's president.
    ("The leader of the island nation of Tuvalu said his country would work with Japan. Japan "
     "welcomed it. Japan sent an envoy. Later President Tom Harlow told Japanese reporters the "
     "talks went well.", 3, "President Tom Harlow", {("TUV", "GOV")}),
    # "Chief" of a country, like "leader", is its head.
    ("The chief of the island nation of Tuvalu said his country would work with Japan.", 0,
     "chief", {("TUV", "GOV")}),
    # Unnamed people of a sentence that names one country as a place are of that country.
    ("Ghana and Peru signed a trade pact on Friday. Three bystanders died in the clashes that "
     "broke out in northern Mali.", 1, "Three bystanders", {("MLI", "CVL")}),
    ("Aid agencies from Norway and Peru published a report. Over 2,000 villagers were "
     "displaced by floods in Chad's eastern province.", 1, "2,000 villagers", {("TCD", "CVL")}),
    # An unknown body placed by a capital beside it.
    ("Envoys from Norway and Peru met on Monday. A Dutch delegation later visited the "
     "Department of Trade and Industry in Accra.", 1, "the Department of Trade and Industry",
     {("GHA", "BUS")}),
    # Initials of an organisation the story has named are that organisation.
    ("The Palestinian Authority's finance minister resigned. Officials said the PA would name "
     "a successor.", 1, "PA", {("PSE", "GOV")}),
    # "The Strip" is the Gaza Strip.
    ("Israel eased its blockade of the Gaza Strip. Trucks entered the besieged Strip on "
     "Sunday.", 1, "the besieged Strip", {("PSE", None)}),
])
def test_country_of_a_mention(annotate_text, text: str, sentence: int, mention: str,
                              expected: set[tuple[str | None, str | None]]) -> None:
    assert mention_codes(annotate_text(text), sentence, mention) == expected


def test_gunmen_are_not_placed_by_the_sentence(annotate_text) -> None:
    """Unidentified gunmen stay unknown, wherever they strike."""
    doc = annotate_text("Gunmen attacked a village in Nigeria.")
    assert mention_codes(doc, 0, "Gunmen") == {(None, "UAF")}


def test_troops_are_not_placed_by_the_sentence(annotate_text) -> None:
    """Troops are often abroad: 'soldiers from other countries ... in Rwanda' stay unplaced."""
    doc = annotate_text("Soldiers from eleven other countries joined an exercise held in Rwanda. "
                        "Officials from Kenya, Uganda and Tanzania attended.")
    assert mention_codes(doc, 0, "Soldiers") == {(None, "MIL")}


def test_an_abbreviation_needs_the_name_before(annotate_text) -> None:
    """Without the name spelled out before, an ambiguous abbreviation is nobody."""
    doc = annotate_text("Officials said the PA would name a successor.")
    assert mention_codes(doc, 0, "PA") == set()


def test_a_new_president_is_not_the_earlier_head(annotate_text) -> None:
    """An unnamed 'new president' is somebody else: only a named president is placed."""
    doc = annotate_text("The leader of Tuvalu met Japanese envoys. Japan hopes to work with a "
                        "new president soon. Japan said so.")
    assert ("TUV", "GOV") not in mention_codes(doc, 1, "new president")
