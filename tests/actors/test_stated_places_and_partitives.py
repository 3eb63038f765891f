"""The place an apposition gives a person beats the knowledge base's country, and a partitive
('some of the groups') is a part of the group named before it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventcoder.model import AnnotatedDocument

Annotate = Callable[..., AnnotatedDocument]


def _country_sector(doc: AnnotatedDocument, text: str) -> tuple[str | None, str | None]:
    found = [a for a in doc.actors if any(m.text == text for m in a.mentions)]
    assert len(found) == 1, [(a.name, [m.text for m in a.mentions]) for a in doc.actors]
    return found[0].country, found[0].sector


@pytest.mark.parametrize(("text", "mention", "country"), [
    # a stated place of belonging beats the dictionary's country
    ("Senator Hillary Rodham Clinton, a prominent political figure in Puerto Rico, criticised "
     "the tariffs on Monday.", "Senator Hillary Rodham Clinton", "PRI"),
    ("Senator Hillary Rodham Clinton -- one of the best known politicians in Guam -- "
     "demanded a review.", "Senator Hillary Rodham Clinton", "GUM"),
    # an office held abroad places no one: the dictionary's country stays
    ("Senator Hillary Rodham Clinton, the guest of honour in Kenya, spoke on Monday.",
     "Senator Hillary Rodham Clinton", "USA"),
])
def test_stated_place_of_a_person(annotate_text: Annotate, text: str, mention: str,
                                  country: str) -> None:
    assert _country_sector(annotate_text(text), mention)[0] == country


@pytest.mark.parametrize(("text", "mention", "expected"), [
    ("Several Syrian rebel groups met in Amman on Sunday. Some of the groups agreed to a truce.",
     "Some of the groups", ("SYR", "REB")),
    ("Two armed groups of Somalia clashed near Kismayo. One of the groups withdrew.",
     "One of the groups", ("SOM", "REB")),
])
def test_partitive_of_an_earlier_group(annotate_text: Annotate, text: str, mention: str,
                                       expected: tuple[str, str]) -> None:
    assert _country_sector(annotate_text(text), mention) == expected


def test_partitive_without_a_group_before_it(annotate_text: Annotate) -> None:
    doc = annotate_text("Some of the groups agreed to a truce on Sunday.")
    assert not [a for a in doc.actors if any("groups" in m.text for m in a.mentions)]


@pytest.mark.parametrize(("text", "expected"), [
    ('In a statement to the press, the government of Kenya said it would act. "We are '
     'alarmed by the attacks on our border," the statement said.', ("KEN", "GOV")),
    ('Ghana\'s letter to the United Nations was published on Monday. "We ask for help," the '
     'letter said.', ("GHA", None)),
])
def test_we_of_a_letter_is_its_author(annotate_text: Annotate, text: str,
                                      expected: tuple[str, str | None]) -> None:
    assert _country_sector(annotate_text(text), "We") == expected
