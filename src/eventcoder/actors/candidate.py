"""An actor candidate: a noun phrase found to name an actor, before actors are merged."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

PLURAL_TAGS = frozenset({"NNS", "NNPS"})


@dataclass
class Candidate:
    """A noun phrase found to name an actor, before actors are merged."""

    head: Token
    span: Span
    key: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    kb_id: str | None = None
    name_tokens: tuple[str, ...] = field(default_factory=tuple)
    coordinated_with: int | None = None  # head of the phrase this actor shares
    gender: str | None = None  # m or f, for people
