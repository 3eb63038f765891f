"""Names as texts write them (accents, family name first, a surname the tagger takes for an
organisation) and subject pronouns that carry the previous sentence's topic on."""

from __future__ import annotations

import pytest

from tests.actors.mentions import mention_codes


@pytest.mark.parametrize(("text", "sentence", "mention", "expected"), [
    # Accents or none: 'Condé' is the table's 'Conde'.
    ("Former president Alpha Condé left Istanbul for Dakar on Monday.", 0,
     "Former president Alpha Condé", {("GIN", "ELI")}),
    # A family name first: 'Lee' after 'Lee Sung-ho'.
    ("Opposition leader Lee Sung-ho arrived in Seoul on Monday. Lee met the prime minister.",
     1, "Lee", {("KOR", "OPP")}),
    # A surname the tagger takes for an organisation is still the person.
    ("Jamaican minister Robert Duruvanu was sentenced on Thursday. "
     "The 53-year-old Duruvanu had denied the charges.", 1, "Duruvanu", {("JAM", "GOV")}),
])
def test_a_name_as_the_text_writes_it(annotate_text, text: str, sentence: int, mention: str,
                                      expected: set) -> None:
    assert mention_codes(annotate_text(text), sentence, mention) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "It" opening a sentence is the previous sentence's subject, not the nearer creditor.
    ("Tuvalu reached a debt deal with the International Monetary Fund on Tuesday. "
     "It also agreed to cut spending.", {("TUV", None)}),
    ("The government of Cuba rejected the claims of Puerto Rico. It said talks had failed.",
     {("CUB", "GOV")}),
    # "They" takes it only from a plural subject: Kenya alone is not "they".
    ("Kenya signed a deal with the foreign ministers of Somalia and Ethiopia. "
     "They also agreed to meet.",
     {("SOM", "GOV"), ("ETH", "GOV")}),
])
def test_a_subject_pronoun_carries_the_topic_on(annotate_text, text: str,
                                                expected: set) -> None:
    doc = annotate_text(text)
    pronoun = next(m.text for a in doc.actors for m in a.mentions
                   if m.sentence == 1 and m.text in ("It", "They"))
    assert mention_codes(doc, 1, pronoun) == expected


@pytest.mark.parametrize(("text", "sentence", "mention", "expected"), [
    # "I" in a quotation is its speaker, also after "was quoted as saying".
    ('"I will not resign," Kenyan minister Peter Mwangi was quoted as saying.', 0, "I",
     {("KEN", "GOV")}),
    # A government named after its leader is the leader's country, not the story's.
    ("Saudi Arabia and Saudi officials criticised the government of President Mansour Hadi.",
     0, "government", {("YEM", "GOV")}),
    # A group the sector words know: its owner's country.
    ("Colombia signed a deal with its largest indigenous group.", 0,
     "its largest indigenous group", {("COL", "CVL")}),
    # A surname the tagger names nothing is the person named in full before.
    ("Trade minister John Okello of Uganda arrived on Monday. Okello met reporters.", 1,
     "Okello", {("UGA", "GOV")}),
    # Pronouns repeat a country, they do not name it again: Kenya, named twice, is the
    # story's country, not Somalia, named once and taken up twice.
    ("Kenya and Kenyan officials welcomed the offer. Somalia said it would send envoys and it "
     "would reopen the border. Police were deployed on Monday.", 2, "Police", {("KEN", "COP")}),
    # "it" in what an agency said is the agency; in what a participle says, its clause's
    # subject's.
    ("The Kenya Customs Authority said it had signed a deal with Rwanda.", 0, "it",
     {("KEN", "GOV")}),
    ("Israel called the raid a strike on Hamas, saying it had killed seven gunmen.", 0, "it",
     {("ISR", None)}),
])
def test_an_actor_from_the_words_around_it(annotate_text, text: str, sentence: int,
                                           mention: str, expected: set) -> None:
    assert mention_codes(annotate_text(text), sentence, mention) == expected
