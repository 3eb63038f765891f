"""Direct and indirect quotations with their speakers."""

from __future__ import annotations

import pytest

from eventcoder.model import AnnotatedDocument, Quote
from eventcoder.quotes import quoted_ranges


@pytest.mark.parametrize(("text", "expected"), [
    ('"We will win," he said.', ["We will win,"]),
    ("“We will win,” he said.", ["We will win,"]),
    ("He called it “a grave mistake” and left.", ["a grave mistake"]),
    ("“Peace is possible,” Guterres said, “but only if both sides stop.”",
     ["Peace is possible,", "but only if both sides stop."]),
    ('"We will win.\n\n"We will never surrender."', ["We will win.\n\n\"We will never surrender."]),
    ("'We will not be blown off course,' he added.", ["We will not be blown off course,"]),
    ("Iran's envoy met the Taliban's leaders in the 90s.", []),
    ("The protesters' demands were 'unacceptable', he said.", ["unacceptable"]),
])
def test_quoted_ranges(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in quoted_ranges(text)] == expected


def _speaker_name(doc: AnnotatedDocument, quote: Quote) -> str | None:
    if quote.speaker is not None:
        return next(a.name for a in doc.actors if a.id == quote.speaker.actor)
    return quote.speaker_text


@pytest.mark.parametrize(("text", "expected"), [
    # (words of the quotation, speaker: the actor's name or the words naming the speaker, kind)
    ('"We are not looking for regime change," Trump said on Monday.',
     [("We are not looking for regime change", "Donald Trump", "direct")]),
    ('Trump said: "We are not looking for regime change."',
     [("We are not looking for regime change", "Donald Trump", "direct")]),
    ("“The attack was a violation of international law,” said Iranian Foreign Minister "
     "Javad Zarif.",
     [("The attack was a violation of international law", "Mohammad Javad Zarif", "direct")]),
    ('Zarif called the strike "a cowardly act of terrorism".',
     [("a cowardly act of terrorism", "Mohammad Javad Zarif", "direct")]),
    ("“We will respond,” Zarif told state television. “Nobody should doubt our resolve.”",
     [("We will respond", "Mohammad Javad Zarif", "direct"),
      ("Nobody should doubt our resolve", "Mohammad Javad Zarif", "direct")]),
    ("Russian President Vladimir Putin spoke on Friday. “The West has lost its way,” he said.",
     [("The West has lost its way", "Vladimir Putin", "direct")]),
    ("“We will support Ukraine,” Biden said. “Putin will not succeed,” he added.",
     [("We will support Ukraine", "Joe Biden", "direct"),
      ("Putin will not succeed", "Joe Biden", "direct")]),
    ("“There were bodies in the street,” a witness told Reuters.",
     [("There were bodies in the street", "a witness", "direct")]),
    ("“Who will pay for this?” asked one aid worker in Khan Younis.",
     [("Who will pay for this?", "one aid worker", "direct")]),
    ("German Chancellor Olaf Scholz was blunt: “There will be no German troops in Ukraine.”",
     [("There will be no German troops in Ukraine", "Olaf Scholz", "direct")]),
    ("“The ceasefire is holding,” according to a senior Egyptian official.",
     [("The ceasefire is holding", "senior Egyptian official", "direct")]),
    ("The foreign ministry said that the talks had failed.",
     [("the talks had failed", "foreign ministry", "indirect")]),
    ("According to the United Nations, more than 100 civilians were killed.",
     [("more than 100 civilians were killed", "United Nations", "indirect")]),
    # Titles and scare quotes are not quotations.
    ("The film “All Quiet on the Western Front” won four awards.", []),
    ("The so-called \"Islamic State\" claimed the attack.", []),
])
def test_quotes_and_speakers(annotate_text, text: str,
                             expected: list[tuple[str, str, str]]) -> None:
    doc = annotate_text(text)
    got = [(q.text, _speaker_name(doc, q), q.kind) for q in doc.quotes]
    assert got == expected


def test_a_quotation_over_paragraphs_is_one_quote(annotate_text) -> None:
    doc = annotate_text('"We will not retreat," Zelensky said. "We are defending our land.\n\n'
                        '"And we will win."')
    first, second = doc.quotes
    assert second.text == "We are defending our land. And we will win"
    assert second.cue == "continued" and second.speaker == first.speaker
    assert second.sentence_end is not None and second.sentence_end > second.sentence
    data = second.to_json()
    assert data["sentence_end"] == second.sentence_end
    assert doc.sentences[data["sentence"]][data["start"]:].startswith("We are defending")
    assert doc.sentences[data["sentence_end"]][:data["end"]].endswith("we will win")


def test_quote_offsets_point_into_the_sentence(annotate_text) -> None:
    doc = annotate_text("Iran reacted. “This aggression will not go unanswered,” the ministry "
                        "said in a statement.")
    [quote] = [q for q in doc.quotes if q.kind == "direct"]
    assert doc.sentences[quote.sentence][quote.start:quote.end] == quote.text
    assert quote.to_json()["cue"] == "said"
    assert quote.to_json()["speaker_text"] == "the ministry"
