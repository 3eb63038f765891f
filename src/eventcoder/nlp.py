"""Loads the spaCy pipeline once per process and parses documents in batches."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import Messages, PipelineError

# A sentence end: a stop, then closing quotes or brackets, then space (kept with the sentence).
SENTENCE_END = re.compile(r"""[.!?]["'\u2019\u201d)\]]*\s+""")


@lru_cache(maxsize=2)
def load_pipeline(name: str) -> Language:
    """The named spaCy pipeline, loaded once per process (worker)."""
    try:
        return spacy.load(name)
    except OSError:
        raise PipelineError(Messages.E012.format(name=name)) from None


def parse_texts(nlp: Language, texts: Iterable[str], *, batch_size: int) -> Iterator[Doc]:
    """One parse per text, in order, batched through nlp.pipe."""
    return nlp.pipe(texts, batch_size=batch_size)


def text_windows(text: str, size: int) -> Iterator[str]:
    """The text in consecutive pieces of at most `size` characters that join back into it,
    each cut after a paragraph break if its second half has one, else after a line break, a
    sentence end or a space; a hard cut only where there is none. Each cut looks at half a
    window at most, so cutting is linear in the length of the text."""
    start = 0
    while len(text) - start > size:
        end = _cut(text, start + size // 2, start + size)
        yield text[start:end]
        start = end
    if start < len(text):
        yield text[start:]


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a window that may end anywhere in (low, high]."""
    for mark in ("\n\n", "\n"):
        found = text.rfind(mark, low, high)
        if found >= 0:
            return found + len(mark)
    end = None
    for match in SENTENCE_END.finditer(text, low, high):
        end = match.end()
    if end is not None:
        return end
    found = text.rfind(" ", low, high)
    return found + 1 if found >= 0 else high


def entity_of(token: Token) -> Span | None:
    """The named entity a token is part of, found from the token's own IOB tags (reading
    doc.ents builds every entity of the document, too slow once per token)."""
    if not token.ent_iob_ or token.ent_iob_ == "O":
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


class SentenceIndex:
    """Which sentence a token is in, and character offsets relative to that sentence."""

    def __init__(self, doc: Doc) -> None:
        sents = list(doc.sents)  # doc.sents builds every span again on each call: keep them
        self.doc = doc
        self.sents = sents
        self.token_starts = [s.start for s in sents]
        self.char_starts = [s.start_char for s in sents]

    def sentence_of(self, token_index: int) -> int:
        """Number of the sentence holding the token."""
        return bisect_right(self.token_starts, token_index) - 1

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """Sentence number and sentence-relative character offsets of tokens [start, end)."""
        number = self.sentence_of(start)
        offset = self.char_starts[number]
        span = self.doc[start:end]
        return number, span.start_char - offset, span.end_char - offset
