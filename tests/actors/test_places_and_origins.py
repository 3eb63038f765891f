"""Places that stand for their country, countries the tagger misreads, demonyms of origin or
of a region, and a country that opens another body's name."""

from __future__ import annotations

import pytest

from tests.actors.mentions import mention_codes


@pytest.mark.parametrize(("text", "sentence", "mention", "expected"), [
    # A country's name the tagger takes for a person still names the country.
    ("Citing a security concern, Nepal's commerce and industry minister Prashant Patil placed "
     "restrictions on travel to China.", 0,
     "Nepal's commerce and industry minister Prashant Patil", {("NPL", "GOV")}),
    # The owner named before an organisation's name: Rwanda's, not the story's Kenya.
    ("Kenya said on Monday the Kenya Customs Authority had signed a memorandum with Rwanda's "
     "Ministry of Mines and Development.", 0, "Ministry of Mines and Development",
     {("RWA", "GOV")}),
    # "Ethnic" makes a demonym one of origin: the people are of where they live.
    ("One third of ethnic Albanian guerrillas operating in Macedonia have been demobilized.", 0,
     "ethnic Albanian guerrillas", {("MKD", "REB")}),
    ("Cambodia said the fighters killed thousands of ethnic Chinese in the south. Cambodia "
     "mourned them.", 0, "ethnic Chinese", {("KHM", None)}),
    # With no other country in reach the demonym's country is theirs after all.
    ("Ethnic Albanian guerrillas attacked a convoy on Tuesday.", 0,
     "Ethnic Albanian guerrillas", {("ALB", "REB")}),
    # A country that opens another name is that body's country (the text beats the knowledge
    # base), and two such bodies are two actors.
    ("The dispute between Pacific Rim and the Australian Associated Press was settled.", 0,
     "Australian Associated Press", {("AUS", "MED")}),
    ("The American Red Cross and the British Red Cross sent aid.", 0, "British Red Cross",
     {("GBR", "NGO")}),
    # Known intelligence services (a data row).
    ("Russia denied the report on Tuesday, but the SBU intelligence agency said Russian "
     "hackers attacked the grid.", 0, "SBU intelligence agency", {("UKR", "SPY")}),
    # A capital or a city named as a place stands for its country, as the country's name does.
    ("The protests are the latest challenge for Nigeria, after weeks of deadly attacks by "
     "Boko Haram Islamists on targets in the capital, Abuja, and elsewhere.", 0, "Abuja",
     {("NGA", None)}),
    ("Turkey said its authorities have imposed a curfew in the town of Cizre in southeastern "
     "Turkey.", 0, "Cizre", {("TUR", None)}),
    # A definite plural takes up the earlier group of its sector before the story's country.
    ("Two Chinese companies won contracts in Nepal on Monday. Nepal's trade minister froze "
     "the accounts of the firms.", 1, "firms", {("CHN", "BUS")}),
    # A bare conjunct shares the nationality of its noun; armed men do not.
    ("The Syrian regime and opposition met in Geneva.", 0, "opposition", {("SYR", "OPP")}),
    ("Syrian troops and rebels clashed on Monday.", 0, "rebels", {(None, "REB")}),
    # A head-of-state title on a namesake who never headed a state: the story's country; a
    # known holder of an office of that title keeps it.
    ("Teachers in Micronesia went on strike on Monday. They said President Andrew Young "
     "should act.", 1, "President Andrew Young", {("FSM", "GOV")}),
    ("European Commission President Ursula von der Leyen proposed sanctions.", 0,
     "European Commission President Ursula von der Leyen", {(None, "IGO")}),
    # A government as owner or agent of a thing is an actor.
    ("Rights groups in Nigeria say the government's lack of transparency is to blame.", 0,
     "government", {("NGA", "GOV")}),
    ("The Syrian conflict began in response to government crackdowns on protests in "
     "Damascus.", 0, "government", {("SYR", "GOV")}),
    # A city is a weaker antecedent than a country acting beside it.
    ("Syrian rescuers pulled survivors from the rubble in Idlib as Turkey mourned its dead. "
     "The country has declared seven days of national mourning.", 1, "The country",
     {("TUR", None)}),
])
def test_country_of_a_mention(annotate_text, text: str, sentence: int, mention: str,
                              expected: set) -> None:
    assert mention_codes(annotate_text(text), sentence, mention) == expected


def test_a_region_demonym_names_no_country(annotate_text) -> None:
    doc = annotate_text("Hackers raided the news site of the Central American nation of "
                        "Antigua and Barbuda.")
    assert {a.country for a in doc.actors} == {"ATG", None}


def test_a_place_alone_is_no_actor(annotate_text) -> None:
    # Spain is no actor of this story: Madrid, only a place, does not make it one.
    doc = annotate_text("A Spanish judge opened an investigation into alleged torture, court "
                        "officials in Madrid said.")
    assert {m.text for a in doc.actors for m in a.mentions} == {"Spanish judge",
                                                                "court officials"}
