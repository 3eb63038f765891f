"""Events carried by nouns: 'talks with', 'an attack on', 'launched a mediation effort'."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ..actors import ActorAnalysis
from ..model import ActorRef
from ..syntax import conjuncts, preps_of
from .arguments import actors_of, lemma_fit, noun_sense, subject_actors
from .drafts import Consideration, Draft, confidence, force_code, same_party
from .lexicon import Lexicon, Pattern
from .mood import stated_code
from .predicates import (
    background,
    inherited_subjects,
    is_negated,
    modality_of,
    role_of,
)

# The phrases by which a delivery verb (coding/data/delivery_verbs.tsv) names whom it delivers
# its object's event to: "sent a demand to Bhutan", "lodged a protest with China".
DELIVERY_PREPS = frozenset({"to", "with"})


# Phrases that set a deed inside a meeting of its doer: "said [in] a meeting with", "agreed
# [during] talks with"; a deed "during a riot" or "in a war" need not be one of its doers'.
SETTING_PREPS = frozenset({"in", "during", "at"})
MEETING_ROOT = "04"

# Verbs that put their subject in the state a prepositional noun names: "are [on strike]".
STATE_VERBS = frozenset({"be", "go", "remain", "stay"})


def _by_agents(noun: Token) -> list[Token]:
    """The 'by' phrase of an event noun, also where the parser hangs it on the noun's 'of'
    object: 'the arrest of the leader [by Ugandan police]'."""
    preps = preps_of(noun)
    agents = [o for p, o in preps if p == "by"]
    if not agents:
        agents = [a for p, o in preps if p == "of" for q, a in preps_of(o) if q == "by"]
    return agents


def noun_source(noun: Token, actors: ActorAnalysis, pattern: Pattern) -> list[ActorRef]:
    """Who carries out 'Iran's attack', 'U.S. sanctions', the verb's subject's talks, or the
    meeting a deed is done in."""
    modifiers = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
    found = actors_of(modifiers, actors)
    if found:
        return found
    found = actors_of(_by_agents(noun), actors)
    verb = _setting_of(noun)
    if not found and verb is not None and pattern.code.startswith(MEETING_ROOT):
        # "the request was made by Senegal [in a meeting] with journalists": the doer's meeting
        doers = [o for p, o in preps_of(verb) if p == "by"] or inherited_subjects(verb)
        return actors_of([s for doer in doers for s in conjuncts(doer)], actors)
    if not found and noun.dep_ == "pobj" and noun.head.head.lemma_ in STATE_VERBS:
        noun = noun.head  # "workers are [on strike]", "went on hunger strike": the subject's
    elif found or noun.dep_ not in ("dobj", "nsubjpass", "attr"):
        return found
    return subject_actors(noun.head, actors)


def _setting_of(noun: Token) -> Token | None:
    """The verb whose deed an event noun is the setting of: 'the request was made [in a
    meeting] with journalists'; None when there is none."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in SETTING_PREPS and prep.head.pos_ == "VERB":
        return prep.head
    return None


def noun_patterns(noun: Token, lexicon: Lexicon) -> list[Pattern]:
    """Noun patterns for a noun or its compounds ('a mediation effort', 'a hunger strike')."""
    if noun.pos_ != "NOUN":
        # a gerund the parser calls a verb but that stands as a noun: "[Fighting] between
        # the army and rebels left four dead"
        gerund = noun.tag_ == "VBG" and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        return list(lexicon.nouns.get(noun.lower_, ())) if gerund else []
    sense = noun_sense(noun)  # a "hunger strike" is no attack
    words = [sense] + [c.lemma_.lower() for c in noun.children
                       if c.dep_ == "compound" and sense == noun.lemma_.lower()]
    return [p for word in words for p in lexicon.nouns.get(word, ())]


def _fits(pattern: Pattern, preps: list[tuple[str, Token]]) -> bool:
    """Whether a noun pattern's preposition, and the objects it wants there, are present: 'the
    expulsion of [diplomats]' (161) is not 'the expulsion of [migrants]' (174)."""
    if not pattern.prep:
        return True
    objects = [o for prep, o in preps if prep == pattern.prep]
    return bool(objects) and (not pattern.pobjs or lemma_fit(objects, pattern.pobjs) > 0)


def _willing_to(noun: Token, lexicon: Lexicon) -> Token | None:
    """The adjective of intent a noun is the object of: 'open to [talks]', 'ready for [a
    deal]'; None when there is none."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    adjective = prep.head
    if adjective.pos_ == "ADJ" and adjective.dep_ == "acomp" and role_of(
            adjective, lexicon.roles) in ("intent", "willing"):
        return adjective
    return None


def _delivered_to(noun: Token, lexicon: Lexicon) -> list[Token]:
    """Whom a delivery verb's object is delivered to: 'sent a demand to Bhutan', also where
    the parser hangs the 'to' on the object's own phrase ('a demand for peace to Bhutan')."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in lexicon.delivery_verbs:
        return []
    preps = preps_of(verb) + [(t.lower_, o) for t in noun.subtree if t.dep_ == "prep"
                              for o in t.children if o.dep_ == "pobj"]
    return [o for p, o in preps if p in DELIVERY_PREPS]


# Phrases of a participle on an event noun that are the noun's own: "a deal [reached] between
# Kenya and Uganda", "an agreement [signed] with Iran".
PARTICIPLE_PREPS = frozenset({"between", "with"})


def _participle_preps(noun: Token) -> list[tuple[str, Token]]:
    """The noun's own phrases that the parser hangs on a participle after it."""
    return [(p, o) for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            for p, o in preps_of(c) if p in PARTICIPLE_PREPS]


def _sides(objects: list[Token], actors: ActorAnalysis) -> list[ActorRef | None]:
    """The sides named after 'between': each actor, and None for a side that is none."""
    sides: list[ActorRef | None] = []
    for token in objects:
        refs = actors_of([token], actors)
        sides += [ref for ref in refs if ref not in sides] if refs else [None]
    return sides


def _in_background(noun: Token) -> bool:
    """The object of a clause that describes another noun is background, as that clause's
    verb is: 'six countries that rejected [a UN boycott]', 'Macedonia, which is preparing [an
    offensive]'. A nominal event in its other phrases may still be news: 'crimes committed
    during the [conflict] between Tonga and New Zealand'."""
    return noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and background(noun.head)


def code_nouns(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis, coded_verbs: set[int],
               considered: list[Consideration]) -> Iterator[Draft]:
    """Events carried by nouns: 'talks with', 'an attack on', 'launched a mediation effort
    between'."""
    for noun in doc:
        candidates = noun_patterns(noun, lexicon)
        if not candidates or noun.head.i in coded_verbs or noun.i in coded_verbs or (
                noun.dep_ == "pobj" and noun.head.head.i in coded_verbs
                and noun.head.head.lemma_ in STATE_VERBS):  # "went on strike", coded as a verb
            continue
        light = noun.dep_ == "dobj" and noun.head.lemma_.lower() in lexicon.light_verbs
        delivered = _delivered_to(noun, lexicon)
        preps = preps_of(noun) + (preps_of(noun.head) if light else []) + _participle_preps(noun)
        pattern = next((p for p in candidates if _fits(p, preps)), None)
        if pattern is None:
            continue
        if _in_background(noun):
            considered.append(Consideration(noun, f"rule {pattern.id}: in a clause that "
                                            "describes a noun, background to the news"))
            continue
        if pattern.is_null:  # "the expulsion of [students] from school": no event
            considered.append(Consideration(noun, f"rule {pattern.id}: no event"))
            continue
        willing = _willing_to(noun, lexicon)
        if willing is not None:  # "Iran remains open to [talks] with the US": an intent
            anchor, modality = willing.head, "intended"
            sources = subject_actors(anchor, actors)
        else:
            anchor = noun.head if noun.head.pos_ in ("VERB", "AUX") else noun
            if noun.dep_ == "pobj" and noun.head.head.lemma_ in STATE_VERBS:
                anchor = noun.head.head  # "will be on a trip": the verb says when and how
            modality = modality_of(anchor, lexicon.roles)
            sources = noun_source(noun, actors, pattern)
        code, negated, suffix = stated_code(lexicon, pattern, is_negated(anchor), modality)
        sides = _sides([o for p, o in preps if p == "between"],
                       actors) if pattern.prep == "between" else []
        dyads: list[tuple[ActorRef | None, ActorRef | None]]
        if len(sides) > 1 and any(sides):
            # "talks between Hong Kong and Japan", "fighting between the army and rebels":
            # each side acts on the other, also a side that is no known actor ("a deal between
            # Greece and its creditors").
            dyads = [(a, b) for a in sides for b in sides if a is not b and (a or b)]
        elif sources:
            target_tokens = delivered or [o for p, o in preps
                                          if p == (pattern.prep or p) and p != "by"]
            targets: list[ActorRef | None] = [*actors_of(target_tokens, actors)] or [None]
            dyads = [(source, target) for source in sources for target in targets]
        else:
            considered.append(Consideration(noun, f"rule {pattern.id}: no source actor"))
            continue
        considered.append(Consideration(noun, f"rule {pattern.id}: coded {code}"))
        for source, target in dyads:
            if same_party(source, target):
                continue
            forced, step = force_code(code, source, target, lexicon)
            yield Draft(noun.i, noun.i + 1, anchor, source, target, forced, negated,
                        modality, pattern.id + suffix + step,
                        confidence(pattern, source, target, modality))
