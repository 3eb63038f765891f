"""The words of a document read once for every pass of actor resolution: each pass over a
Doc's tokens builds a Python object per token, and about ten passes look for a few words."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class DocWords:
    """The text, the lower-case form and the fine tag of every token of a document, by
    token index."""

    doc: Doc
    text: Sequence[str]
    lower: Sequence[str]
    tag: Sequence[str]

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        """Read the words of a document."""
        tokens = list(doc)
        return cls(doc, [t.text for t in tokens], [t.lower_ for t in tokens],
                   [t.tag_ for t in tokens])

    def tokens(self, lowered: Collection[str]) -> Iterator[Token]:
        """The tokens whose lower-case form is one of these words, in document order."""
        return (self.doc[i] for i, word in enumerate(self.lower) if word in lowered)

    def tagged(self, tags: Collection[str]) -> Iterator[Token]:
        """The tokens with one of these fine tags, in document order."""
        return (self.doc[i] for i, tag in enumerate(self.tag) if tag in tags)
