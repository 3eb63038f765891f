"""The words around an actor's name: its noun phrase, names inside larger names, the
modifiers that give or take away a nationality, and the slots where a place stands for its
government."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..nlp import entity_of
from ..syntax import NOUN_PHRASE_DEPS
from .matching import KbMatch

# Dependencies that keep a token inside the noun phrase of its head.
PHRASE_DEPS = NOUN_PHRASE_DEPS | {"npadvmod"}  # "Vietnamese" in "Vietnamese-led forces"
# "US-backed rebels" are not American: participles that make a country a sponsor, not a member.
SPONSOR_PARTICIPLES = frozenset({"back", "sponsor", "fund", "support", "arm", "train", "ally",
                                 "finance", "supply", "equip", "install", "appoint"})
# Where a capital or seat of government names a government rather than a place.
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "appos", "conj", "dative"})
ACTOR_PREPS = frozenset(
    {"with", "against", "by", "between", "from", "on", "to", "toward", "towards"})
# Nouns that a capital's name stands beside as a place: "the capital Kabul".
PLACE_NOUNS = frozenset({"capital", "city", "town", "port"})
# "The Taliban government" governs; "Hamas officials" are still Hamas.
GOVERNING_BODIES = frozenset({"government", "administration", "cabinet", "authority", "regime",
                              "ministry"})


def noun_phrase(head: Token) -> Span:
    """The noun phrase of a head: itself and its modifiers, without clauses or appositions."""
    indices = {head.i}
    stack = [head]
    while stack:
        for child in stack.pop().children:
            dep = child.dep_  # a string looked up anew on each read
            if (dep in PHRASE_DEPS or (dep in ("conj", "cc") and stack_dep_is_modifier(child))
                    or (dep == "punct" and child.text in ("'s", "'"))):
                indices.add(child.i)
                stack.append(child)
    start, end = min(indices), max(indices) + 1
    while start < end - 1 and head.doc[start].dep_ in ("det", "case", "punct"):
        start += 1
    while end - 1 > head.i and head.doc[end - 1].dep_ == "case":
        end -= 1  # "President Assad['s]"
    return head.doc[start:end]

def inside_larger_name(head: Token, match: KbMatch) -> bool:
    """A country or seat name that is only part of a person's or organisation's name."""
    if match.term.kind not in ("country", "seat", "demonym"):
        return False
    entity = entity_of(head)
    return (entity is not None and entity.label_ in ("PERSON", "ORG")
            and (entity.start < match.span.start or entity.end > match.span.end))

def inside_name(token: Token, match: KbMatch) -> bool:
    """'Chad' in 'Chad Wolf', 'Jordan' in 'Jim Jordan': a country word that is part of a name;
    not a country the tagger alone took for a person ('[Nepal]'s commerce minister')."""
    if match.term.kind != "country" or token.ent_type_ != "PERSON":
        return False
    entity = entity_of(token)
    return entity is None or len(entity) > len(match.span)

def named_before(match: KbMatch, name_at: dict[int, KbMatch]) -> str | None:
    """'The Australian Associated Press': a country that opens the same name as a known
    organisation names another body, of that country (the text beats the knowledge base)."""
    entity = entity_of(match.span.root)
    if entity is None or entity.label_ != "ORG" or entity.start >= match.span.start:
        return None
    found = [name_at[t].term.ref for t in range(entity.start, match.span.start)
             if t in name_at and name_at[t].term.kind in ("country", "demonym")]
    return found[0] if found else None

def governing_modifier(token: Token, name_at: dict[int, KbMatch],
                        sector_at: dict[int, Span]) -> bool:
    """'The government's lack of transparency', 'government crackdowns': a government named
    as the owner or agent of a thing is an actor of its own (not in 'government forces',
    whose head is the actor)."""
    head = token.head
    return (token.dep_ in ("poss", "compound") and token.lemma_.lower() in GOVERNING_BODIES
            and token.pos_ == "NOUN" and head.pos_ == "NOUN" and head.i not in sector_at
            and head.i not in name_at and not any(c.dep_ in ("compound", "amod") and c.i < token.i
                                                  for c in token.children))

def shared_nationality(head: Token, name_at: dict[int, KbMatch]) -> str | None:
    """'The Syrian regime and opposition': a bare conjunct shares the nationality of the
    noun it is joined to."""
    if head.dep_ != "conj" or head.head.i == head.i or any(
            c.dep_ in ("det", "amod", "compound", "poss", "nummod") for c in head.children):
        return None
    found = [name_at[c.i].term.ref for c in head.head.children
             if c.dep_ in ("amod", "compound") and c.i in name_at and c.i < head.head.i
             and name_at[c.i].term.kind in ("country", "demonym")]
    return found[0] if len(found) == 1 else None

def ethnic(match: KbMatch) -> bool:
    """'Ethnic Albanian guerrillas in Macedonia': a demonym of origin, not of citizenship."""
    start = match.span.start
    return (match.term.kind == "demonym" and start > 0
            and match.span.doc[start - 1].lower_ == "ethnic")

def named_possessor(token: Token, name_at: dict[int, KbMatch]) -> bool:
    """A person named as an owner, an actor of their own: 'President Assad's failure'."""
    match = name_at.get(token.i)
    return token.dep_ == "poss" and (
        token.ent_type_ == "PERSON" or (match is not None and match.term.kind == "person"))

def is_stance(token: Token) -> bool:
    """'pro-Iranian', 'anti-Syria', 'US-backed': a stance towards a country or its support,
    not membership of it."""
    doc = token.doc
    if token.dep_ == "npadvmod" and token.head.lemma_.lower() in SPONSOR_PARTICIPLES:
        return True  # "US-backed", "Iranian-funded"
    return (token.i >= 2 and doc[token.i - 1].text == "-"
            and doc[token.i - 2].lower_ in ("pro", "anti"))

def stack_dep_is_modifier(token: Token) -> bool:
    """Whether a coordinated token hangs on a modifier: 'Hungarian [and Romanian] officials'."""
    return token.head.dep_ in ("amod", "compound") and token.head.i != token.i

def in_actor_slot(token: Token) -> bool:
    """Whether a capital's token stands where an actor stands ('Tokyo said', 'talks with Tokyo')."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "appos" and token.head.lemma_.lower() in PLACE_NOUNS:
        return in_actor_slot(token.head)  # "in the capital Kabul": as its noun stands
    if token.dep_ in ACTOR_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ACTOR_PREPS

def hyphen_joined(token: Token, name_at: dict[int, KbMatch]) -> bool:
    """A country joined to the country before it by a hyphen: 'the Panama-Guatemala-Venezuela
    triangle', 'the India-Pakistan border' name each of them."""
    before = name_at.get(token.i - 2) if token.i >= 2 else None
    return (token.doc[token.i - 1].text == "-" and before is not None
            and before.term.kind in ("country", "demonym"))

def of_members(head: Token) -> list[Token]:
    """The further countries of a plural group's of-phrase: 'the ministers of Russia,
    [Turkey] and [Iran]' (the first gives the group its country)."""
    if head.tag_ not in ("NNS", "NNPS"):
        return []
    return [conj for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children if pobj.dep_ == "pobj"
            for conj in pobj.conjuncts if conj.i > pobj.i]
