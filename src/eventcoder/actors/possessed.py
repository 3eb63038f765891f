"""'His country', 'their nation': a country named by a possessive pronoun is the country of
the one the pronoun stands for, the speaker or subject of the clause above it first."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from ..syntax import SUBJECT_DEPS
from .candidate import PLURAL_TAGS, Candidate
from .phrases import in_actor_slot
from .words import DocWords

# Nouns that name a country when a possessive owns them: "his country", "their homeland".
COUNTRY_NOUNS = frozenset({"country", "nation", "homeland", "motherland", "fatherland"})
# How far back, in tokens before the sentence, the nearest owner of a possessive may be.
OWNER_WINDOW = 60


def possessed_countries(read: DocWords, candidates: list[Candidate], names: Mapping[str, str]
                        ) -> None:
    """'The chief of Palau said his country will be open': his country is Palau; 'its
    country', 'their country' likewise of the country, body or group the pronoun stands for."""
    taken = {c.head.i for c in candidates if c.country}
    doc = read.doc
    for token in read.tagged(("NN",)):
        if (token.lemma_.lower() not in COUNTRY_NOUNS or token.i in taken
                or not in_actor_slot(token) or token.dep_ == "poss"
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)):
            # "in his country" is a place, "their country of origin" and "his country's
            # commitment" name no actor
            continue
        pronoun = next((c.lower_ for c in token.children
                        if c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their")),
                       None)
        if pronoun is None:
            continue
        owner = owner_of(token, pronoun, candidates)
        if owner is None or owner.country is None:
            continue
        span = doc[token.left_edge.i:token.i + 1]
        candidates[:] = [c for c in candidates if c.head.i != token.i]
        country = owner.country
        candidates.append(Candidate(token, span, f"group:{country}:None",
                                    names.get(country, country), "country", country, None,
                                    country))


def owner_of(token: Token, pronoun: str, candidates: list[Candidate]) -> Candidate | None:
    """The actor a possessive pronoun on `token` stands for: the subject of a clause above it
    that fits (the speaker of 'X said his country ...'), else the nearest earlier one."""
    by_head = {c.head.i: c for c in candidates if c.coordinated_with is None}
    for verb in token.ancestors:
        for child in verb.children:
            if child.dep_ not in SUBJECT_DEPS or token in child.subtree:
                continue
            cand = by_head.get(child.i)
            if cand is not None and cand.country and _fits(pronoun, cand):
                return cand
    start = token.sent.start - OWNER_WINDOW
    earlier = [c for c in candidates if start <= c.head.i < token.i and c.country
               and c.coordinated_with is None and _fits(pronoun, c)]
    return max(earlier, key=lambda c: c.head.i, default=None)


def _fits(pronoun: str, cand: Candidate) -> bool:
    """Whether a possessive can stand for an actor: his and her for one person, its for a
    country or a body, their for many."""
    if pronoun in ("his", "her"):
        return cand.kind == "person" and cand.head.tag_ not in PLURAL_TAGS
    if pronoun == "its":
        return cand.kind in ("country", "organisation") or (
            cand.kind == "group" and cand.head.tag_ not in PLURAL_TAGS)
    return cand.head.tag_ in PLURAL_TAGS or cand.kind in ("country", "organisation")
