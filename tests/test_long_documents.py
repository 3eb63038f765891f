"""Whole documents: a long text is coded in windows cut at paragraph or sentence ends, and the
windows are stitched into one document whose sentence numbers run over the whole text."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eventcoder import Document, Pipeline, Settings
from eventcoder.model import AnnotatedDocument, event_id
from eventcoder.nlp import text_windows
from eventcoder.resources import bundled

PUBLISHED = date(2023, 6, 5)


@pytest.mark.parametrize(("text", "size", "pieces"), [
    # paragraph breaks first, the break kept with the paragraph before it
    ("Aaa bb.\n\nBbb cc.\n\nCcc dd.", 10, ["Aaa bb.\n\n", "Bbb cc.\n\n", "Ccc dd."]),
    ("Aaa bb.\nBbb cc.\nCcc dd.", 10, ["Aaa bb.\n", "Bbb cc.\n", "Ccc dd."]),
    # then sentence ends, then spaces; a hard cut only where there is neither
    ("One. Two. Three. Four.", 10, ["One. Two. ", "Three. ", "Four."]),
    ('He said "Go." Then left. Ok', 15, ['He said "Go." ', "Then left. Ok"]),
    ("abcdefg hijklmnop", 10, ["abcdefg ", "hijklmnop"]),
    ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
    # short texts are one window
    ("Short.", 10, ["Short."]),
    ("", 10, []),
])
def test_text_windows_cut_at_paragraphs_then_sentences(text: str, size: int,
                                                      pieces: list[str]) -> None:
    assert list(text_windows(text, size)) == pieces


def test_text_windows_cover_the_text_within_the_size() -> None:
    text = "\n\n".join(f"Paragraph {i}. " + "Some words here. " * (i % 7) for i in range(300))
    windows = list(text_windows(text, 200))
    assert "".join(windows) == text
    assert all(0 < len(w) <= 200 for w in windows)
    assert all(w.endswith("\n\n") for w in windows[:-1])  # paragraphs fit: cut only at them


def test_a_text_longer_than_the_old_limit_is_coded_whole(pipeline: Pipeline) -> None:
    # 210,000 characters of cheap filler (few, long tokens), then an event at the very end
    filler = "\n\n".join(" ".join(["x" * 999] * 10) + "." for _ in range(21))
    text = f"{filler}\n\nIran condemned Israel on Monday."
    annotated = pipeline.annotate(Document(text=text, doc_id="long", published=PUBLISHED))
    assert annotated.errors == ()
    assert annotated.sentences[-1] == "Iran condemned Israel on Monday."
    last = len(annotated.sentences) - 1
    assert {(e.sentence, e.source.code if e.source else None, e.code.root,
             e.target.code if e.target else None) for e in annotated.events} == {
        (last, "IRN", "11", "ISR")}


def _demo_text() -> str:
    line = bundled("data", "demo", "articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return str(json.loads(line)["text"])


def _shifted(doc: AnnotatedDocument, shift: int) -> dict[str, list[tuple[object, ...]]]:
    """What the stitched document must hold of `doc`, coded as a window after `shift`
    sentences."""
    return {
        "events": [(e.sentence + shift, e.code.cameo, e.trigger, e.source and e.source.code,
                    e.target and e.target.code, e.date, e.location and e.location.name,
                    e.rule) for e in doc.events],
        "quotes": [(q.sentence + shift, (q.sentence_end or q.sentence) + shift, q.text,
                    q.speaker and q.speaker.code) for q in doc.quotes],
        "times": [(t.sentence + shift, t.start, t.text, t.value) for t in doc.times],
        "places": [(p.sentence + shift, p.start, p.text, p.country) for p in doc.places],
    }


def test_windows_are_stitched_as_one_document(pipeline: Pipeline) -> None:
    article = _demo_text()
    text = f"{article}\n\n{article}"
    windowed = Pipeline(Settings(window_chars=len(article) + 2))  # a window per copy
    both = windowed.annotate(Document(text=text, doc_id="d", published=PUBLISHED))
    # each window alone: the first keeps the paragraph break that ends it
    one, two = (pipeline.annotate(Document(text=t, doc_id="d", published=PUBLISHED))
                for t in (f"{article}\n\n", article))
    whole = pipeline.annotate(Document(text=text, doc_id="d", published=PUBLISHED))
    assert both.sentences == one.sentences + two.sentences == whole.sentences
    assert both.errors == ()
    first, second = _shifted(one, 0), _shifted(two, len(one.sentences))
    assert _shifted(both, 0) == {key: first[key] + second[key] for key in first}
    # one actor per entity over the windows, with the mentions of both
    assert [(a.name, a.code, len(a.mentions)) for a in both.actors] == [
        (a.name, a.code, len(a.mentions) + len(b.mentions))
        for a, b in zip(one.actors, two.actors, strict=True)]
    names = {a.id: a.name for a in both.actors}
    assert len(names) == len(both.actors)
    assert [names[e.source.actor] for e in both.events if e.source] == [
        a.name for doc in (one, two) for e in doc.events if e.source
        for a in doc.actors if a.id == e.source.actor]
    # event ids are those of the whole document: its id, the sentence in the whole text
    assert [e.id for e in both.events] == [
        event_id("d", e.sentence, e.trigger.start, e.source, e.target, e.code.cameo, e.rule)
        for e in both.events]
    assert len({e.id for e in both.events}) == len(both.events)


def test_a_text_within_one_window_is_unchanged(pipeline: Pipeline) -> None:
    article = _demo_text()
    windowed = Pipeline(Settings(window_chars=len(article)))
    document = Document(text=article, doc_id="d", published=PUBLISHED)
    assert windowed.annotate(document) == pipeline.annotate(document)
