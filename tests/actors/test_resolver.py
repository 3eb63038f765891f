"""Actor resolution: names, demonyms, capitals, titles, appositions, surnames, dates of office."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.model import Actor


def _actor_named(actors: tuple[Actor, ...], text: str) -> Actor:
    for actor in actors:
        if any(m.text == text for m in actor.mentions):
            return actor
    raise AssertionError(f"no actor mentioned as {text!r}: "
                         f"{[[m.text for m in a.mentions] for a in actors]}")


@pytest.mark.parametrize(("sentence", "mention", "country", "sector"), [
    ("German Chancellor Olaf Scholz met reporters.", "German Chancellor Olaf Scholz", "DEU", "GOV"),
    ("Brazil's president Lula spoke on Monday.", "Lula", "BRA", "GOV"),
    ("Iranian officials rejected the offer.", "Iranian officials", "IRN", "GOV"),
    ("The Kremlin denied the report.", "Kremlin", "RUS", "GOV"),
    ("Tokyo said it would respond.", "Tokyo", "JPN", "GOV"),
    ("Israel struck targets overnight.", "Israel", "ISR", None),
    ("Police arrested dozens of protesters.", "Police", None, "COP"),
    ("U.S. troops left the base.", "U.S. troops", "USA", "MIL"),
    ("The United Nations called for calm.", "United Nations", None, "IGO"),
])
def test_actor_country_and_sector(annotate_text, sentence: str, mention: str,
                                  country: str | None, sector: str | None) -> None:
    actor = _actor_named(annotate_text(sentence).actors, mention)
    assert (actor.country, actor.sector) == (country, sector)


def test_a_bare_surname_inherits_the_earlier_full_mention(annotate_text) -> None:
    doc = annotate_text("Fijian Prime Minister Voreqe Bainimarama arrived on Monday. "
                        "Bainimarama met the press.")
    actor = _actor_named(doc.actors, "Bainimarama")
    assert (actor.country, actor.sector, len(actor.mentions)) == ("FJI", "GOV", 2)


def test_a_leader_after_the_term_is_no_longer_the_government(annotate_text) -> None:
    in_office = _actor_named(annotate_text("Scholz spoke.", date(2023, 5, 1)).actors, "Scholz")
    after = _actor_named(annotate_text("Scholz spoke.", date(2026, 1, 10)).actors, "Scholz")
    assert (in_office.country, in_office.sector) == ("DEU", "GOV")
    assert after.country == "DEU" and after.sector != "GOV"


def test_a_person_without_title_or_entry_gets_no_country(annotate_text) -> None:
    actor = _actor_named(annotate_text("John Miller criticized the plan.").actors, "John Miller")
    assert actor.country is None


def test_a_capital_after_to_is_a_place_not_a_government(annotate_text) -> None:
    doc = annotate_text("The minister flew to Tokyo on Monday.")
    assert any(p.name == "Tokyo" and p.country == "JPN" for p in doc.places)


def test_mentions_carry_sentence_offsets(annotate_text) -> None:
    doc = annotate_text("Talks ended. Iranian officials left Vienna.")
    mention = _actor_named(doc.actors, "Iranian officials").mentions[0]
    assert mention.sentence == 1
    assert doc.sentences[1][mention.start:mention.end] == "Iranian officials"


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    ("Iran rejected the plan. The Islamic republic said it would respond.",
     "The Islamic republic", "IRN", None),
    ("Rouhani, the Iranian president, arrived in Ankara.", "Rouhani", "IRN", "GOV"),
    ("The Iranian president, Hassan Rouhani, arrived in Ankara.", "Hassan Rouhani", "IRN", "GOV"),
    ("Japan's key ally the United States condemned the test.", "United States", "USA", None),
    ("Syria said it would send its troops to the border.", "its troops", "SYR", "MIL"),
    ("Thousands of Iraqi Kurds protested.", "Iraqi Kurds", "IRQ", None),
    ("Hungarian and Romanian officials met.", "Hungarian and Romanian officials", "HUN", "GOV"),
    ("The pro-Iranian militia attacked the base.", "pro-Iranian militia", None, "REB"),
    ("Rouhani met Erdogan. He said the talks went well.", "He", "TUR", "GOV"),
    # An adverbial clause's pronoun is the main clause's subject, not the nearest noun.
    ("Palestinian militants killed 23 people when they blew up a bus.", "they", "PSE", "REB"),
    ("US-backed rebels attacked the base.", "US-backed rebels", None, "REB"),
    ("Vietnamese-led forces attacked the base.", "Vietnamese-led forces", "VNM", "MIL"),
    # Heads of state of every country, not only the G20's.
    ("President Mugabe addressed parliament.", "President Mugabe", "ZWE", "GOV"),
    ("Kagame flew to Nairobi.", "Kagame", "RWA", "GOV"),
    # A named owner is an actor of its own, without the possessive ending.
    ("Protesters denounced President Assad's failure.", "President Assad", "SYR", "GOV"),
])
def test_in_document_resolution(annotate_text, text: str, mention: str, country: str | None,
                                sector: str | None) -> None:
    actor = _actor_named(annotate_text(text, date(2016, 5, 1)).actors, mention)
    assert (actor.country, actor.sector) == (country, sector)


def test_a_count_of_coordinated_groups_is_each_group(annotate_text) -> None:
    doc = annotate_text("Guinean police tortured scores of Sierra Leonean and Liberian refugees.")
    targets = {e.target.country for e in doc.events if e.target}
    assert targets == {"SLE", "LBR"}


def test_both_sides_are_the_two_countries(annotate_text) -> None:
    doc = annotate_text("Japan and China held talks in Beijing. Both sides agreed to cooperate.")
    agreed = {(e.source.country, e.target.country) for e in doc.events
              if e.source and e.target and e.code.root == "03"}
    assert agreed == {("JPN", "CHN"), ("CHN", "JPN")}


def test_a_title_alone_is_the_person_who_held_it_that_day(annotate_text) -> None:
    doc = annotate_text("The Iranian president arrived in Ankara. Rouhani met Turkish officials.",
                        date(2016, 5, 1))
    actor = _actor_named(doc.actors, "Iranian president")
    assert (actor.name, actor.code, len(actor.mentions)) == ("Hassan Rouhani", "IRNGOV", 2)
