"""Event coding: sentence in, (source country, CAMEO root, target country) out."""

from __future__ import annotations

import pytest

from eventcoder.model import Event


def _triples(events: tuple[Event, ...]) -> set[tuple[str | None, str, str | None]]:
    return {(e.source.country if e.source else None, e.code.root,
             e.target.country if e.target else None) for e in events}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("German Chancellor Olaf Scholz will travel to Brasilia next week to meet President Luiz "
     "Inacio Lula da Silva, his office said on Monday.", ("DEU", "03", "BRA")),
    ("Iran accused Israel of killing its scientists.", ("IRN", "11", "ISR")),
    ("Russian troops shelled Ukrainian positions near Kharkiv.", ("RUS", "19", "UKR")),
    ("The European Union imposed sanctions on Belarus.", (None, "16", "BLR")),
    ("Chinese Foreign Minister Wang Yi met his Indian counterpart in Beijing.",
     ("CHN", "04", "IND")),
    ("Turkish police arrested dozens of Kurdish protesters.", ("TUR", "17", None)),
    ("Egypt urged Israel and Hamas to agree to a ceasefire.", ("EGY", "02", "ISR")),
    ("North Korea threatened South Korea with military action.", ("PRK", "13", "KOR")),
    ("Thousands of Kenyan protesters demonstrated against the government in Nairobi.",
     ("KEN", "14", None)),
    ("The United States sent humanitarian aid to Sudan.", ("USA", "07", "SDN")),
    ("Japan praised South Korea for its decision.", ("JPN", "05", "KOR")),
    ("Pakistan rejected India's proposal.", ("PAK", "12", "IND")),
])
def test_sentence_gives_event(annotate_text, sentence: str,
                              expected: tuple[str | None, str, str | None]) -> None:
    triples = _triples(annotate_text(sentence).events)
    assert any(t[1] == expected[1] and t[0] == expected[0] and
               (expected[2] is None or t[2] == expected[2]) for t in triples), triples


def test_passive_voice_takes_the_agent_as_source(annotate_text) -> None:
    events = annotate_text("Syrian rebels were attacked by Russian warplanes.").events
    assert ("RUS", "19", "SYR") in _triples(events) or ("RUS", "18", "SYR") in _triples(events)


def test_negation_is_flagged(annotate_text) -> None:
    [event] = [e for e in annotate_text("Israel did not attack Iran.").events
               if e.code.root in ("18", "19")]
    assert event.negated


def test_coordinated_subjects_give_one_event_each(annotate_text) -> None:
    events = annotate_text("France and Germany condemned Russia.").events
    assert {("FRA", "11", "RUS"), ("DEU", "11", "RUS")} <= _triples(events)


def test_every_event_has_trigger_rule_and_codes(annotate_text) -> None:
    doc = annotate_text("Iran accused Israel of killing its scientists.")
    event = doc.events[0]
    sentence = doc.sentences[event.sentence]
    assert sentence[event.trigger.start:event.trigger.end] == event.trigger.text
    assert event.rule and event.code.plover_type and 0 < event.confidence <= 1


def test_future_events_are_intended_and_dated_by_the_text(annotate_text) -> None:
    doc = annotate_text("German Chancellor Olaf Scholz will travel to Brasilia next week to meet "
                        "President Luiz Inacio Lula da Silva, his office said on Monday.")
    meet = next(e for e in doc.events if e.code.cameo == "036")
    assert meet.modality == "intended"
    assert (str(meet.date), str(meet.date_end), meet.date_precision, meet.date_source) == (
        "2024-03-18", "2024-03-24", "week", "text")


def test_undated_events_fall_back_to_the_published_date(annotate_text) -> None:
    [event] = annotate_text("Iran condemned the attack.").events
    assert (str(event.date), event.date_precision, event.date_source) == (
        "2024-03-15", "none", "published")


def test_sentences_without_events_give_none(annotate_text) -> None:
    assert annotate_text("The weather in Paris was mild.").events == ()
