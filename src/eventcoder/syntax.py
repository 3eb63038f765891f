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


# Second words of two-word prepositions: 'out [of] Kherson', 'because [of] the storm', 'ahead
# [of] the talks', 'away [from] the border', 'along [with] Japan', 'prior [to] the vote'.
SECOND_PREPOSITIONS = frozenset({"of", "from", "to", "with"})
# Nouns that only join three-word prepositions when bare: 'in [front] of', 'on [behalf] of'.
PREPOSITION_NOUNS = frozenset({"front", "behalf", "spite", "addition", "place", "lieu", "view",
                               "terms", "accordance", "regard", "charge", "case", "favour",
                               "favor", "light", "wake"})


def _objects(prep: Token) -> list[Token]:
    """The objects of one preposition, coordinations expanded, times left out."""
    return [o for obj in prep.children if obj.dep_ == "pobj"
            and obj.ent_type_ not in TIME_ENTITIES for o in conjuncts(obj)]


def _phrase(prep: Token) -> tuple[str, list[Token]]:
    """A preposition's name and objects, reading complex prepositions as one: 'out of
    Kherson', 'because of the storm', 'in front of the embassy'."""
    second = next((c for c in prep.children if c.dep_ in ("prep", "pcomp")
                   and c.lower_ in SECOND_PREPOSITIONS), None)
    pobjs = [c for c in prep.children if c.dep_ == "pobj"]
    if second is not None and not pobjs:  # 'out [of] Kherson': the object is the second's
        return f"{prep.lower_} {second.lower_}", _objects(second)
    if second is not None and second.dep_ == "pcomp":  # 'because of [the storm]'
        return f"{prep.lower_} {second.lower_}", _objects(prep)
    if len(pobjs) == 1 and pobjs[0].lower_ in PREPOSITION_NOUNS:
        inner = list(pobjs[0].children)
        if len(inner) == 1 and inner[0].dep_ == "prep" and inner[0].lower_ in SECOND_PREPOSITIONS:
            # 'in front of [the embassy]', 'on behalf of [the government]'
            return f"{prep.lower_} {pobjs[0].lower_} {inner[0].lower_}", _objects(inner[0])
    return prep.lower_, _objects(prep)


def preps_of(token: Token) -> list[tuple[str, Token]]:
    """Prepositions attached to a token with their objects, coordinations expanded; complex
    prepositions are named by all their words ('out of', 'ahead of', 'in front of'); times
    ('on Sunday') are not arguments."""
    found: list[tuple[str, Token]] = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") or (prep.dep_ == "dative" and prep.pos_ == "ADP"):
            name, objects = _phrase(prep)
        elif prep.dep_ == "advmod" and any(c.dep_ == "prep" and c.lower_ in SECOND_PREPOSITIONS
                                           for c in prep.children):
            name, objects = _phrase(prep)  # 'ahead of the talks', 'away from the border'
            if " " not in name:
                continue
        else:
            continue
        found.extend((name, o) for o in objects)
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
