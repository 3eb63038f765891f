"""Predicates from the dependency parse: verb, subjects, objects, prepositions, polarity, mood."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# Verbs whose infinitive complement is an intention, not a deed: "plans to visit".
INTENT_VERBS = frozenset(
    {"plan", "intend", "want", "seek", "hope", "aim", "expect", "prepare", "wish", "try",
     "attempt", "decide", "vow", "pledge", "promise", "propose", "offer", "agree", "consider",
     "weigh", "mull", "threaten"}
)
# Verbs whose complement is asked of someone, not done: "urged Iran to talk".
REQUEST_VERBS = frozenset(
    {"urge", "ask", "call", "press", "request", "demand", "want", "encourage", "invite", "beg",
     "appeal", "implore", "push", "force", "order", "tell", "warn"}
)
SPEECH_VERBS = frozenset(
    {"say", "tell", "report", "claim", "announce", "state", "add", "allege", "insist", "write",
     "declare", "note", "confirm", "argue"}
)


@dataclass(frozen=True)
class Predicate:
    """A verb with its arguments, read from the parse."""

    verb: Token
    lemma: str
    particle: str | None
    subjects: tuple[Token, ...]
    objects: tuple[Token, ...]
    preps: tuple[tuple[str, Token], ...]  # (preposition, its object)
    passive: bool
    negated: bool
    modality: str  # asserted | intended | hypothetical | reported


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ('Iran and Iraq')."""
    return [token, *token.conjuncts] if token.conjuncts else [token]


def preps_of(token: Token) -> list[tuple[str, Token]]:
    """Prepositions attached to a token with their objects, coordinations expanded."""
    found: list[tuple[str, Token]] = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") or (prep.dep_ == "dative" and prep.pos_ == "ADP"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found.extend((prep.lower_, o) for o in conjuncts(obj))
    return found


def _own_subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]


def inherited_subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, taken from its governor when it has none of its own."""
    seen = 0
    while seen < 8:
        own = _own_subjects(verb)
        if own and own[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        if own:
            return own
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
            return [verb.head]
        if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp") and verb.head.i != verb.i:
            # "agreed to cooperate", "travel ... to meet", "met and discussed"
            if verb.dep_ == "ccomp" and not any(c.dep_ == "aux" and c.lower_ == "to"
                                                  for c in verb.children):
                return []
            if verb.dep_ == "xcomp":  # object control: "urged Iran to talk": Iran talks
                controllers = [c for c in verb.head.children if c.dep_ == "dobj"]
                if controllers:
                    return controllers
            verb = verb.head
            seen += 1
            continue
        return []
    return []


def is_negated(verb: Token) -> bool:
    """Whether the verb (or the verb it complements) is negated: 'did not attack'."""
    for token in (verb, verb.head if verb.dep_ in ("xcomp", "ccomp") else verb):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in token.children):
            return True
    return False


def modality_of(verb: Token) -> str:
    """Asserted, intended, hypothetical or reported, from auxiliaries and governing verbs."""
    token, hops = verb, 0
    while hops < 6:
        children = list(token.children)
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in children):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in children):
            return "intended"
        if token.lower_ == "going" and any(c.dep_ == "xcomp" for c in children):
            return "intended"
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ == "xcomp" and head.lemma_ in REQUEST_VERBS:
            return "hypothetical"
        if token.dep_ == "xcomp" and head.lemma_ in INTENT_VERBS:
            return "intended"
        if token.dep_ == "ccomp" and head.lemma_ in SPEECH_VERBS:
            return "reported"
        if token.dep_ not in ("xcomp", "advcl", "conj"):
            break
        token, hops = head, hops + 1
    return "asserted"


def predicates(doc: Doc) -> Iterator[Predicate]:
    """Every verb of the document as a predicate."""
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        objects = [o for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                   for o in conjuncts(c)]
        preps = preps_of(verb)
        if passive:
            subjects = [obj for prep, obj in preps if prep == "by"]
            preps = [(p, o) for p, o in preps if p != "by"]
        else:
            subjects = [s for subj in inherited_subjects(verb) for s in conjuncts(subj)]
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        yield Predicate(
            verb=verb,
            lemma=verb.lemma_.lower(),
            particle=particle,
            subjects=tuple(subjects),
            objects=tuple(objects),
            preps=tuple(preps),
            passive=passive,
            negated=is_negated(verb),
            modality=modality_of(verb),
        )
