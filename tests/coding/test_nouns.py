"""Events carried by nouns (coding/nouns.py) and the prepositions every stage reads
(syntax.preps_of). Each sentence row states the whole set of events (see test_grammar for the
row format)."""

from __future__ import annotations

import pytest

from eventcoder.syntax import preps_of
from tests.coding.test_grammar import assert_whole_set

A = "asserted"

NOUNS = [
    # A noun pattern's object constraint decides its sense: diplomats expelled reduce
    # relations (161), other people expelled are coerced (174).
    ("Kenya ordered the expulsion of Somali diplomats.", {("KEN", "161", "SOM", A, False)}),
    ("Kenya ordered the expulsion of Somali migrants.", {("KEN", "174", "SOM", A, False)}),
    # The 'by' phrase names who acts also where the parser hangs it on the 'of' object.
    ("The arrest of the Kenyan journalist by Ugandan police sparked protests.",
     {("UGA", "173", "KEN", A, False)}),
    # The object of a clause that describes a noun is background, as that clause is.
    ("Ethiopia, which is preparing an offensive against Eritrea, signed a deal with Sudan.",
     {("ETH", "057", "SDN", A, False)}),
    # Complex prepositions read as one: 'out of' names where troops leave, 'because of' is
    # no target.
    ("Russia pulled its troops out of Ukraine.", {("RUS", "0874", "UKR", A, False)}),
    ("The Iranian delegation walked out of the talks with Iraq.",
     {("IRN", "164", "IRQ", A, False)}),
]


@pytest.mark.parametrize(("sentence", "expected"), NOUNS, ids=[n[0][:40] for n in NOUNS])
def test_nouns(annotate_text, sentence: str, expected: set) -> None:
    """Each row states the whole set: a missing event and an extra event both fail."""
    assert_whole_set(annotate_text(sentence).events, expected)


PREPOSITIONS = [
    ("Israel pulled out of Gaza.", "pulled", [("out of", "Gaza")]),
    ("The army withdrew from the town because of the fighting.", "withdrew",
     [("from", "town"), ("because of", "fighting")]),
    ("Troops were deployed ahead of the talks.", "deployed", [("ahead of", "talks")]),
    ("Protesters gathered in front of the US embassy.", "gathered",
     [("in front of", "embassy")]),
    ("He spoke on behalf of the government.", "spoke", [("on behalf of", "government")]),
    # a meaningful noun stays a noun: its phrase is followed by who needs it
    ("Hamas fired rockets in response to the raid.", "fired", [("in", "response")]),
    ("Iran and Iraq met in Baghdad on Sunday.", "met", [("in", "Baghdad")]),
    ("Japan held talks with China and India.", "talks", [("with", "China"), ("with", "India")]),
]


@pytest.mark.parametrize(("sentence", "word", "expected"), PREPOSITIONS,
                         ids=[p[0][:40] for p in PREPOSITIONS])
def test_preps_of(pipeline, sentence: str, word: str, expected: list) -> None:
    """Every preposition of a word with its objects, complex prepositions named whole, times
    left out."""
    doc = pipeline.nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert [(name, obj.text) for name, obj in preps_of(token)] == expected
