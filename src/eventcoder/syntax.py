"""Parse helpers every stage shares: the dependency sets of subjects, relative pronouns and
noun phrases, coordination, prepositions with their objects, the verb above a word, and the
words of a noun phrase. Each stage reads the one parse of a document through these."""

from __future__ import annotations

from spacy.tokens import Token

# Subjects of a clause, active and passive.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Pronouns that open a relative clause: "the minister [who] resigned".
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Dependencies that keep a word inside the noun phrase of its head (no clauses, appositions).
NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "flat", "nummod",
                              "case"})
# Entities that are times, never arguments of a predicate: "met [on Sunday]".
TIME_ENTITIES = frozenset({"DATE", "TIME"})


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ('Iran and Iraq')."""
    return [token, *token.conjuncts] if token.conjuncts else [token]


def first_conjunct(verb: Token) -> Token:
    """The first of coordinated verbs: 'to unite and [mobilize]' stands where 'unite' does."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return verb


def preps_of(token: Token) -> list[tuple[str, Token]]:
    """Prepositions attached to a token with their objects, coordinations expanded; times
    ('on Sunday') are not arguments."""
    found: list[tuple[str, Token]] = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") or (prep.dep_ == "dative" and prep.pos_ == "ADP"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ not in TIME_ENTITIES:
                    found.extend((prep.lower_, o) for o in conjuncts(obj))
    return found


def governing_verb(token: Token) -> Token | None:
    """The verb (or auxiliary) above the token in the parse, or None."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def phrase_indices(head: Token, deps: frozenset[str] = NOUN_PHRASE_DEPS) -> set[int]:
    """The indices of a head and of its modifiers by these dependencies, all the way down."""
    indices = {head.i}
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in deps:
                indices.add(child.i)
                stack.append(child)
    return indices
