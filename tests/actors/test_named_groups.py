"""Groups whose members the phrase names itself ('the two countries on the Ethiopia-Eritrea
border'), countries owned by a possessive ('his country'), pairs of heads of state, capitals
that restate a setting, and the story's country a clause's other party rules out."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder import Document
from tests.actors.mentions import mention_codes

ANDES = {("CHL", "GOV"), ("PER", "GOV"), ("BOL", "GOV")}


@pytest.mark.parametrize(("text", "sentence", "mention", "expected"), [
    # A counted group noun whose own modifier joins countries by hyphens is those countries,
    # and so is a group of it ('the governments of [the three nations]').
    ("The governments of the three nations on the Chile-Peru-Bolivia plateau agreed to share "
     "water.", 0, "governments", ANDES),
    ("The two countries on the Ethiopia-Eritrea border signed a truce.", 0,
     "The two countries", {("ETH", None), ("ERI", None)}),
    # The same counted phrase again is the same group, not the countries named last.
    ("The three countries on the Chile-Peru-Bolivia plateau invited Argentina to talks. "
     "The three countries signed a water accord.", 1, "The three countries",
     {("CHL", None), ("PER", None), ("BOL", None)}),
    # A member of several words in a list: "Burkina Faso", "South Sudan".
    ("Uganda urged the foreign ministers of Kenya, Burkina Faso and South Sudan to act.", 0,
     "South Sudan", {("SSD", None), ("SSD", "GOV")}),
])
def test_a_group_is_the_members_it_names(annotate_text, text: str, sentence: int,
                                         mention: str, expected: set) -> None:
    assert mention_codes(annotate_text(text), sentence, mention) == expected


def test_each_country_of_a_hyphen_list_is_its_own_words(pipeline) -> None:
    text = "The Chile-Peru-Bolivia commission rejected the plan."
    analysis = next(pipeline.analyse_many([Document(text=text, doc_id="hyphen",
                                                    published=date(2024, 3, 15))]))
    countries = {t.text: analysis.actors.by_token[t.i].country for t in analysis.doc
                 if t.text in ("Chile", "Peru", "Bolivia")}
    assert countries == {"Chile": "CHL", "Peru": "PER", "Bolivia": "BOL"}


@pytest.mark.parametrize(("text", "expected"), [
    # The subject who speaks, not the nearer person of the clause.
    ("The Nigerian foreign minister told the Ghanaian envoy that his country wanted calm.",
     {("NGA", None)}),
    ("The chief of the island state of Tuvalu said his country would join the pact.",
     {("TUV", None)}),
    ("The Senegalese army said its country would send troops.", {("SEN", None)}),
    ("Kenyan opposition leaders said their country deserved better.", {("KEN", None)}),
])
def test_a_possessed_country_is_its_owners(annotate_text, text: str, expected: set) -> None:
    mention = next(w for w in ("his country", "its country", "their country") if w in text)
    assert mention_codes(annotate_text(text), 0, mention) == expected


@pytest.mark.parametrize("text", [
    # A place, or a thing of the country, is no actor of its own.
    "The Chadian president promised a ceasefire in his country.",
    "Chadian officials asked migrants about their country of origin.",
])
def test_a_possessed_country_out_of_an_actors_slot_is_none(annotate_text, text: str) -> None:
    mention = "his country" if "his country" in text else "their country"
    assert mention_codes(annotate_text(text), 0, mention) == set()


def test_two_presidents_are_of_two_countries(annotate_text) -> None:
    # One head of state named; the other is of the country he visits.
    doc = annotate_text("Chilean President Gabriel Boric arrived in Argentina on Monday. "
                        "The two presidents will sign a trade pact.")
    assert mention_codes(doc, 1, "The two presidents") == {("CHL", "GOV"), ("ARG", "GOV")}


def _dyads(doc, sentence: int) -> set[tuple[str | None, str | None]]:
    return {(e.source.country if e.source else None, e.target.country if e.target else None)
            for e in doc.events if e.sentence == sentence}


def test_a_capital_restating_the_setting_is_no_party(annotate_text) -> None:
    doc = annotate_text("Mali and Niger agreed on Friday to reopen their border. In the "
                        "Senegalese capital, Dakar, the presidents of the two countries signed "
                        "the deal.")
    assert _dyads(doc, 1) == {("MLI", "NER"), ("NER", "MLI")}


def test_a_government_does_not_thank_its_own_country(annotate_text) -> None:
    # A story where Japan is named most; the sentence's place says whose government it is.
    doc = annotate_text("Ghana opened a port built with Japanese loans. Japan has funded "
                        "Japanese roads and Japan's firms run three plants. At a ceremony held "
                        "in Accra on Monday, the regional government thanked Japan for its "
                        "support.")
    assert mention_codes(doc, 2, "regional government") == {("GHA", "GOV")}
