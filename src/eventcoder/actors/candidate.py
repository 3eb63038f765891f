"""An actor candidate: a noun phrase found to name an actor, before actors are merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

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
    # A place that stands for its country ("in the capital, Abuja"): a mention of the country,
    # not an argument for the coder, which reads places with its own gazetteer; "capital" or
    # "city".
    place: str = ""
    # A mention for the record only, not an argument for the coder either: the government of
    # "government crackdowns", whose phrase is the crackdowns.
    quiet: bool = False
    # The country an "ethnic" demonym names ("ethnic Albanians"): theirs only where the story
    # names no country of its own for them.
    origin: str | None = None

    @cached_property
    def sent_start(self) -> int:
        """The first token of the head's sentence (token.sent walks the sentence each time)."""
        return self.head.sent.start

    def again(self, span: Span, gender: str | None = None,
              coordinated_with: int | None = None) -> Candidate:
        """This actor mentioned again by `span`: a pronoun, a surname, 'some of the groups'."""
        return Candidate(span[0], span, self.key, self.name, self.kind, self.country,
                         self.sector, self.kb_id, self.name_tokens, coordinated_with, gender)


def org_key(code: str, sector: str, usual: str) -> str:
    """The key of a known organisation, apart from it when it held another sector that day."""
    return f"org:{code}" if sector == usual else f"org:{code}:{sector}"
