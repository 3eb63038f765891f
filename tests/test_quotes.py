"""Direct and indirect quotations with their speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.model import AnnotatedDocument, Quote
from eventcoder.quotes import quote_lexicon, quoted_ranges, read_quote_lexicon


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


def _speaker(doc: AnnotatedDocument, quote: Quote) -> tuple[str | None, str | None]:
    """The quote's speaker actor's name (None: no actor) and the sector of the speaker."""
    if quote.speaker is None:
        return None, None
    actor = next(a for a in doc.actors if a.id == quote.speaker.actor)
    return actor.name, quote.speaker.sector


def _same(name: str | None, wanted: str | None) -> bool:
    """Whether an actor's name is the wanted one, give or take a title or a name's end
    ('Dr Rosa Conti', 'Lee Min' for Lee Min-ji)."""
    if name is None or wanted is None:
        return name is wanted
    return wanted in name or (name in wanted and len(name.split()) > 1)


@pytest.mark.parametrize(("text", "expected"), [
    # he and she agree with the person's gender (a first name, a title, a noun of office)
    ("Trade Minister John Reyes met Finance Minister Maria Lopez in Manila on Monday. "
     "“We will cut tariffs by June,” she said.",
     [("We will cut tariffs by June", "Maria Lopez")]),
    ("Mrs Okonjo and Mr Adeyemi met the governor on Friday. “The deal is done,” she said. "
     "“We have waited long enough,” he added.",
     [("The deal is done", "Mrs Okonjo"), ("We have waited long enough", "Mr Adeyemi")]),
    # a first name counts before a surname only: 'Laurent' ends Sophie Laurent's name
    ("Prime Minister Claire Moreau spoke first. Union leader Sophie Laurent vowed to keep up "
     "the strikes. “This is not the end of the story,” she said.",
     [("This is not the end of the story", "Sophie Laurent")]),
    # with no person of that gender, the pronoun speaks for no one
    ("Prime Minister Sarah Keane opened the session on Monday. “It was a good day for the "
     "country,” he said.",
     [("It was a good day for the country", None)]),
    # a pronoun that found a person of unknown gender gives them that gender
    ("Defence Minister Kenji Sato and Foreign Minister Lee Min-ji met in Seoul. “This is a "
     "first,” Sato said. “We will share data,” he added. She said the talks were “a good "
     "start.”",
     [("This is a first", "Kenji Sato"), ("We will share data", "Kenji Sato"),
      ("a good start", "Lee Min-ji")]),
])
def test_pronoun_speakers_agree_in_gender(annotate_text, text: str,
                                          expected: list[tuple[str, str | None]]) -> None:
    doc = annotate_text(text)
    got = [(q.text, _speaker(doc, q)[0]) for q in doc.quotes if q.kind == "direct"]
    assert [words for words, _ in got] == [words for words, _ in expected]
    assert all(_same(name, want) for (_, name), (_, want) in zip(got, expected, strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    # a name the actors do not know that reports is a news outlet; so is a paper's name
    ("Le Figaro reported that the talks had failed.",
     [("the talks had failed", "Le Figaro", "MED")]),
    ("Dawn reported that 1,100 people had died since June.",
     [("1,100 people had died since June", "Dawn", "MED")]),
    ("The Jakarta Post said that the minister would resign.",
     [("the minister would resign", "The Jakarta Post", "MED")]),
    # a report speaks for the body that wrote it
    ("A report by Human Rights Watch said that prisons were overcrowded. “The conditions are "
     "inhumane,” the report said.",
     [("prisons were overcrowded", "Human Rights Watch", "NGO"),
      ("The conditions are inhumane", "Human Rights Watch", "NGO")]),
    ("Amnesty International criticised the deal. Its report, published on Monday, said that "
     "arrests had doubled.",
     [("arrests had doubled", "Amnesty International", "NGO")]),
    # the parser may hang 'its report' on the participle after it: still the subject
    ("Amnesty International criticised the deal. Its annual report, released the same week, "
     "said that arrests had doubled.",
     [("arrests had doubled", "Amnesty International", "NGO")]),
    # 'the company', 'the commission' go back to the body named earlier
    ("Shares in Borland Corp fell on Tuesday. The company said that profits would fall.",
     [("profits would fall", "Borland Corp", "BUS")]),
    ("The Election Commission said that turnout was high. “We welcome every suggestion,” the "
     "commission added.",
     [("turnout was high", "Election Commission", "GOV"),
      ("We welcome every suggestion", "Election Commission", "GOV")]),
    # 'said in a statement that ...': the parser hangs the clause on the statement
    ("The Egyptian Red Crescent said in a statement that two of its volunteers had been "
     "injured.",
     [("two of its volunteers had been injured", "Red Crescent", "NGO")]),
])
def test_bodies_that_speak_are_actors(annotate_text, text: str,
                                      expected: list[tuple[str, str, str]]) -> None:
    doc = annotate_text(text)
    got = [(q.text, *_speaker(doc, q)) for q in doc.quotes]
    assert [(words, sector) for words, _, sector in got] == [
        (words, sector) for words, _, sector in expected]
    assert all(_same(name, want) for (_, name, _), (_, want, _) in zip(got, expected,
                                                                         strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    # bylines: 'Name, Paper: "..."', one paragraph each
    ("Critics were divided over the verdict.\n\nAna Silva, O Globo: “The court has spoken.”"
     "\n\nPedro Costa, Folha: “This verdict will haunt the judges.”",
     [("The court has spoken", "Ana Silva"), ("This verdict will haunt the judges",
                                              "Pedro Costa")]),
    ("“The election was stolen from the people,” Tomas Berg wrote on his blog.",
     [("The election was stolen from the people", "Tomas Berg")]),
    ("According to Lina Haddad, “nobody in the village has slept for a week.”",
     [("nobody in the village has slept for a week", "Lina Haddad")]),
    # cue verbs beyond 'said', with their particles
    ("“This is theatre,” opposition leader Kwame Mensah quipped. “Pure theatre,” he fumed.",
     [("This is theatre", "Kwame Mensah"), ("Pure theatre", "Kwame Mensah")]),
    ("Senator Ruth Adler spoke first. “We will win this case,” Senator Daniel Novak shot back.",
     [("We will win this case", "Daniel Novak")]),
    ("Senator Daniel Novak shot back that the claims were false.",
     [("the claims were false", "Daniel Novak")]),
    ("The minister left early.\n\nHer deputy, Nadia Karimi, chimed in: “Every hour costs "
     "lives.”",
     [("Every hour costs lives", "Nadia Karimi")]),
    # a quotation closing a paragraph is not said by the next paragraph's speaker
    ("“Stay at home,” Dr Rosa Conti implored. “Please.”\n\nRegional president Marco Fontana "
     "said in a video that the army would help.",
     [("Stay at home", "Rosa Conti"), ("Please", "Rosa Conti"),
      ("the army would help", "Marco Fontana")]),
    # a bare surname is the person named in full before
    ("Defence Minister Kenji Sato met his counterpart on Monday. Sato said that the two "
     "countries would share data.",
     [("the two countries would share data", "Kenji Sato")]),
    ("Senator Paulo Mendes voted on Sunday. Mendes, speaking in Recife, said the count was "
     "clean.",
     [("the count was clean", "Paulo Mendes")]),
    # a participle after the speaker is no reported speech
    ("“We have nothing left,” said one farmer, standing beside his burnt fields.",
     [("We have nothing left", "one farmer")]),
    # 'Asked whether ..., he declined': he was asked; nothing is reported
    ("Asked whether the talks would resume, the minister declined to answer.", []),
])
def test_news_speaker_formats(annotate_text, text: str,
                              expected: list[tuple[str, str]]) -> None:
    doc = annotate_text(text)
    got = [(q.text, _speaker(doc, q)[0]) for q in doc.quotes]
    assert [words for words, _ in got] == [words for words, _ in expected]
    assert all(_same(name, want) for (_, name), (_, want) in zip(got, expected, strict=True))


@pytest.mark.parametrize(("row", "message"), [
    ("say\t\tmaybe", "media must be empty or yes"),
    ("say it\t\t", "not a lemma"),
])
def test_cue_verbs_are_validated(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "cue_verbs.tsv").write_text(f"# comment\nlemma\tparticle\tmedia\n{row}\n")
    (tmp_path / "speaker_words.tsv").write_text("word\trole\nreport\tdocument\n")
    with pytest.raises(DataFileError, match=f"cue_verbs.tsv line 3: {message}"):
        read_quote_lexicon(tmp_path)


def test_cue_verbs_include_the_coding_verbs_of_speech() -> None:
    lexicon = quote_lexicon()
    assert {"say", "tell", "fume", "quip", "implore", "tweet"} <= lexicon.verbs
    assert lexicon.particle_verbs["chime"] == {"in"} and lexicon.media_verbs == {"report"}
