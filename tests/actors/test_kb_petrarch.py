"""The converted PETRARCH dictionaries in the knowledge base: dated roles, our tables winning
conflicts, names in capitals, and the counts of each source."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.actors import ActorMatcher, read_knowledge_base
from eventcoder.actors.kb import KnowledgeBase
from eventcoder.nlp import load_pipeline
from eventcoder.settings import Settings


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return read_knowledge_base()


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> ActorMatcher:
    return ActorMatcher(load_pipeline(Settings().model), kb)


@pytest.mark.parametrize(("name", "day", "expected"), [
    # Only in the dictionary: the role held on the day; before the first role no sector.
    ("Ahmad Moqbel Zarar", date(2006, 1, 1), ("AFG", "GOV")),
    ("Ahmad Moqbel Zarar", date(2000, 1, 1), ("AFG", None)),
    ("Ahmad Moqbel Zarar", date(2006, 12, 1), ("AFG", None)),  # between roles, no default
    ("Abdul Rahim Wardak", date(2008, 1, 1), ("AFG", "MIL")),  # a defence minister
    # After the dated roles, the default the dictionary gives (ELI).
    ("Arsala Rahmani", date(1994, 12, 1), ("AFG", "GOV")),
    ("Arsala Rahmani", date(1999, 1, 1), ("AFG", "ELI")),
    # A head of government of ours: our terms only, former holders ELI.
    ("Francois Mitterrand", date(1990, 1, 1), ("FRA", "GOV")),
    ("Francois Mitterrand", date(1975, 1, 1), ("FRA", None)),
    ("Francois Mitterrand", date(2000, 1, 1), ("FRA", "ELI")),
])
def test_person_roles(kb: KnowledgeBase, name: str, day: date,
                      expected: tuple[str | None, str | None]) -> None:
    assert kb.person_role(name, day)[:2] == expected


def test_every_source_and_decision_is_counted(kb: KnowledgeBase) -> None:
    assert kb.report["ours: people"] > 3000
    assert kb.report["petrarch: people"] > 15000
    assert kb.report["petrarch: organisations"] > 5000
    assert kb.report["petrarch: people conflicts decided for ours (leaders)"] > 0
    assert kb.report["petrarch: people conflicts merged (ours after 2014)"] > 0
    assert kb.report["petrarch: sector words already ours (ours kept)"] > 0


def test_our_sector_words_win(kb: KnowledgeBase) -> None:
    assert kb.sector_words["protesters"].sector == "OPP"  # ours, not the dictionary's
    assert kb.sector_words["congressmen"].sector == "LEG"  # only in the dictionary


@pytest.mark.parametrize(("text", "expected"), [
    ("TEHRAN (Reuters) - Iran said on Monday.",
     {("TEHRAN", "seat"), ("Reuters", "organisation"), ("Iran", "country")}),
    ("The SECURITY COUNCIL met.", {("SECURITY COUNCIL", "organisation")}),
    ("The Security Council met.", {("Security Council", "organisation")}),
    ("It may rain in the green valley.", set()),
    ("IT MAY RAIN IN THE GREEN VALLEY.", set()),
    ("Ahmad Moqbel Zarar spoke.", {("Ahmad Moqbel Zarar", "person")}),
])
def test_names_match_in_capitals_but_not_common_words(matcher: ActorMatcher, text: str,
                                                      expected: set[tuple[str, str]]) -> None:
    doc = load_pipeline(Settings().model).make_doc(text)
    found = {(m.span.text, m.term.kind) for m in matcher.kb_matches(doc)}
    assert found == expected
