"""The words of a document read once for actor resolution: the passes that look for a few
words or tags must see exactly the tokens a walk over the whole Doc would."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventcoder.actors.words import DocWords

WORDS = ["He", "said", "THEY", "and", "his", "Country", "'s", "army", "left", "."]
TAGS = ["PRP", "VBD", "PRP", "CC", "PRP$", "NN", "POS", "NN", "VBD", "."]


@pytest.fixture(scope="module")
def read() -> DocWords:
    return DocWords.of(Doc(spacy.blank("en").vocab, words=WORDS, tags=TAGS))


def test_words_by_index(read: DocWords) -> None:
    assert list(read.text) == WORDS
    assert list(read.lower) == [w.lower() for w in WORDS]
    assert list(read.tag) == TAGS


@pytest.mark.parametrize(("lowered", "expected"), [
    ({"he", "they"}, [0, 2]),
    ({"his", "her"}, [4]),
    ({"country"}, [5]),
    ({"she"}, []),
])
def test_tokens_by_lower_case_form(read: DocWords, lowered: set[str],
                                   expected: list[int]) -> None:
    assert [t.i for t in read.tokens(lowered)] == expected


@pytest.mark.parametrize(("tags", "expected"), [
    (("NN",), [5, 7]),
    (("NN", "PRP"), [0, 2, 5, 7]),
    (("NNP",), []),
])
def test_tokens_by_tag(read: DocWords, tags: tuple[str, ...], expected: list[int]) -> None:
    assert [t.i for t in read.tagged(tags)] == expected
