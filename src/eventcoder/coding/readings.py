"""How a clause reads, before any code is given: an opinion agreed with, a question put to
the speaker, a participle that elaborates a deed, a deed announced in the future tense, a
doer that is a thing (background that describes a noun is predicates.background)."""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import RELATIVE_PRONOUNS, first_conjunct
from .arguments import noun_lemmas
from .lexicon import Lexicon, Pattern
from .nouns import noun_patterns
from .predicates import (
    FUTURE_AUX,
    VIOLENT_ROOTS,
    Predicate,
    background,
    has_infinitive_to,
    role_of,
)


def states_opinion(pred: Predicate, pattern: Pattern, roles: dict[str, str]) -> bool:
    """'The ministers agreed [the Commission would present a draft]': a verb of agreement
    with a finite clause and nothing else agrees with an opinion, not with a party."""
    return (not pattern.specificity and role_of(pred.verb, roles) == "intent"
            and not pred.objects and not pred.preps and any(
                c.dep_ == "ccomp" and not has_infinitive_to(c) for c in pred.verb.children))


def question_to_speaker(pred: Predicate, roles: dict[str, str]) -> bool:
    """'Asked about the costs, he replied', 'when asked about the deal': a journalist's
    question to the speaker, an asking with nothing asked for, is no appeal."""
    verb = pred.verb
    return (verb.tag_ in ("VBN", "VBD") and role_of(verb, roles) == "appeal"
            and not any(c.dep_ in ("xcomp", "ccomp", "dobj", "dative", "nsubj", "nsubjpass",
                                   "aux", "auxpass") for c in verb.children)
            and all(c.lower_ in ("about", "regarding", "over") for c in verb.children
                    if c.dep_ == "prep"))


def adjunct_of(verb: Token) -> Token | None:
    """The verb a participial adjunct elaborates: 'rioted, [setting] fire to mattresses'."""
    verb = first_conjunct(verb)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
            c.dep_ in ("mark", "nsubj", "nsubjpass") for c in verb.children):
        return verb.head
    return None


def announced(pred: Predicate, lexicon: Lexicon) -> bool:
    """A deed stated in the future tense and done to someone or something ('would introduce
    legislation', 'will work with China'), not a state ('will be', 'will have') nor a verb
    that governs another; 'seeks to' and 'plans to' alone are too often aims, not acts."""
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in pred.verb.children)
    return (future and not pred.negated and not pred.in_condition
            and pred.modality != "hypothetical"
            and pred.lemma not in lexicon.no_deeds and pred.lemma not in lexicon.roles
            and not pred.passive and bool(pred.objects or pred.preps)
            # "will extend the curfew": the curfew is the event, coded as a noun
            and not any(noun_patterns(obj, lexicon) for obj in pred.objects)
            and not any(c.dep_ in ("xcomp", "ccomp") for c in pred.verb.children)
            and not background(pred.verb, lexicon.roles))


def named_thing(pred: Predicate, lexicon: Lexicon) -> bool:
    """The doer is named and is neither an actor nor a weapon nor an attack: 'the disease
    has killed'."""
    return (bool(pred.subjects) and not pred.passive and weapon_force(pred, lexicon) is None
            and attack_doer(pred.verb, lexicon) is None)


def doer_nouns(verb: Token, deps: frozenset[str] = frozenset({"nsubj"})) -> list[Token]:
    """The verb's subjects (of the dependencies `deps`), a relative pronoun standing for the
    noun its clause describes: 'a massacre [that] killed six' is the massacre."""
    return [verb.head if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else c
            for c in verb.children if c.dep_ in deps]


def attack_pattern(noun: Token, lexicon: Lexicon, roots: frozenset[str]) -> Pattern | None:
    """The first pattern of a noun whose root is one of `roots`: 'the air strike' (195)."""
    return next((p for p in noun_patterns(noun, lexicon) if p.code[:2] in roots), None)


def attack_doer(verb: Token, lexicon: Lexicon) -> Pattern | None:
    """The violent pattern of an attack named as the doer of a toll, a relative pronoun
    standing for its noun: '[the attack] killed five', 'a massacre [that] killed six'."""
    return next((found for noun in doer_nouns(verb)
                 if (found := attack_pattern(noun, lexicon, VIOLENT_ROOTS)) is not None), None)


def tells_toll(verb: Token, pattern: Pattern, lexicon: Lexicon) -> bool:
    """A violent clause on an attack's noun tells its toll, the news itself, not background:
    'a massacre that killed six'."""
    return (pattern.code[:2] in VIOLENT_ROOTS and verb.dep_ == "relcl"
            and attack_doer(verb, lexicon) is not None)


def weapon_force(pred: Predicate, lexicon: Lexicon) -> str | None:
    """The force of the weapon named as the doer ('the shells killed six': a state's), '' when
    either could use it, None when the doer is no weapon."""
    forces = [lexicon.weapons[lemma] for subject in pred.subjects
              for lemma in sorted(noun_lemmas(subject)) if lemma in lexicon.weapons]
    return max(forces, key=len) if forces else None


def not_done(verb: Token) -> bool:
    """An act named as not done: 'advanced without [attacking]', 'instead of [retreating]',
    'chose to negotiate rather than [fight]'."""
    verb = first_conjunct(verb) if verb.dep_ != "conj" else verb
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        return head.lower_ == "without" or (
            head.lower_ == "of" and any(c.lower_ == "instead" for c in head.children))
    if verb.dep_ == "conj":
        return any(c.dep_ == "cc" and c.lower_ == "than" and c.i < verb.i
                   and any(a.lower_ == "rather" for a in c.children) for c in head.children)
    return False
