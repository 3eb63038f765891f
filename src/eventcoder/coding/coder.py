"""Code predicates into CAMEO events: match the lexicon, find source and target actors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..actors import ActorAnalysis
from ..model import ActorRef
from .lexicon import Lexicon, Pattern
from .predicates import (
    Predicate,
    conjuncts,
    inherited_subjects,
    is_negated,
    modality_of,
    predicates,
    preps_of,
)

# Prepositions that introduce the target when the pattern names none, in order of preference.
TARGET_PREPS = ("with", "against", "to", "on", "at", "into", "toward", "towards", "for", "from")


@dataclass(frozen=True)
class Draft:
    """A coded event before its date, place and identity are attached."""

    trigger_start: int  # token indices of the trigger words
    trigger_end: int
    anchor: Token  # the verb (or governing verb of a noun) whose clause holds date and place
    source: ActorRef | None
    target: ActorRef | None
    code: str
    negated: bool
    modality: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class Consideration:
    """A word that could have triggered an event, and what came of it (for explain)."""

    token: Token
    outcome: str


def _matches(pattern: Pattern, pred: Predicate) -> bool:
    if pattern.particle and pattern.particle != pred.particle:
        return False
    if pattern.objects and not any(o.lemma_.lower() in pattern.objects for o in pred.objects):
        return False
    if pattern.prep:
        pobjs = [o for p, o in pred.preps if p == pattern.prep]
        if not pobjs:
            return False
        if pattern.pobjs and not any(o.lemma_.lower() in pattern.pobjs for o in pobjs):
            return False
    return True


def _first_actor(tokens: list[Token], actors: ActorAnalysis) -> list[ActorRef]:
    refs: list[ActorRef] = []
    for token in tokens:
        ref = actors.ref(token)
        if ref is not None and ref not in refs:
            refs.append(ref)
    return refs


def _targets(pattern: Pattern, pred: Predicate, actors: ActorAnalysis) -> list[ActorRef]:
    """Target actors: the pattern's preposition, else the object, else a usual preposition."""
    preps = list(pred.preps)
    for obj in pred.objects:  # "impose sanctions on Iran": the phrase may hang on the noun
        preps.extend(preps_of(obj))
    if pattern.prep and not pattern.pobjs:
        return _first_actor([o for p, o in preps if p == pattern.prep], actors)
    if not pattern.objects:
        found = _first_actor(list(pred.objects), actors)
        if found:
            return found
    for prep in TARGET_PREPS:
        found = _first_actor([o for p, o in preps if p == prep], actors)
        if found:
            return found
    return []


def _confidence(pattern: Pattern, source: ActorRef, target: ActorRef | None, modality: str
                ) -> float:
    """A heuristic belief in the event: full arguments and specific patterns score higher."""
    score = 0.5
    score += 0.2 if target is not None else 0.0
    score += 0.1 if pattern.specificity else 0.0
    score += 0.1 if source.country else 0.0
    score -= 0.2 if modality == "hypothetical" else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _events(pattern: Pattern, trigger: tuple[int, int], anchor: Token, sources: list[ActorRef],
            targets: list[ActorRef], negated: bool, modality: str) -> Iterator[Draft]:
    code = pattern.intent if modality == "intended" and pattern.intent else pattern.code
    slots: list[ActorRef | None] = [*targets] or [None]
    for source in sources:
        for target in slots:
            if target is not None and target.actor == source.actor:
                continue
            yield Draft(trigger[0], trigger[1], anchor, source, target, code, negated, modality,
                        pattern.id, _confidence(pattern, source, target, modality))


def _trigger_span(pred: Predicate, pattern: Pattern) -> tuple[int, int]:
    tokens = [pred.verb.i]
    tokens += [c.i for c in pred.verb.children
               if c.dep_ in ("aux", "neg", "prt") and c.i < pred.verb.i + 3]
    if pattern.objects:
        tokens += [o.i for o in pred.objects if o.lemma_.lower() in pattern.objects]
    return min(tokens), max(tokens) + 1


def code_verbs(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis,
               considered: list[Consideration]) -> Iterator[Draft]:
    """Events from the verbs of the document."""
    for pred in predicates(doc):
        candidates = lexicon.verbs.get(pred.lemma)
        if not candidates:
            continue
        pattern = next((p for p in candidates if _matches(p, pred)), None)
        if pattern is None:
            considered.append(Consideration(pred.verb, "no pattern's constraints matched"))
            continue
        sources = _first_actor(list(pred.subjects), actors)
        if not sources:
            considered.append(Consideration(pred.verb, f"rule {pattern.id}: no source actor"))
            continue
        targets = _targets(pattern, pred, actors)
        considered.append(Consideration(pred.verb, f"rule {pattern.id}: coded {pattern.code}"))
        yield from _events(pattern, _trigger_span(pred, pattern), pred.verb, sources, targets,
                           pred.negated, pred.modality)


def _noun_source(noun: Token, actors: ActorAnalysis) -> list[ActorRef]:
    """Who carries out 'Iran's attack', 'U.S. sanctions', or the verb's subject's talks."""
    modifiers = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
    found = _first_actor(modifiers, actors)
    if found:
        return found
    found = _first_actor([o for p, o in preps_of(noun) if p == "by"], actors)
    if found or noun.dep_ not in ("dobj", "nsubjpass", "attr"):
        return found
    return _first_actor([s for subj in inherited_subjects(noun.head) for s in conjuncts(subj)],
                        actors)


def code_nouns(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis, coded_verbs: set[int],
               considered: list[Consideration]) -> Iterator[Draft]:
    """Events carried by nouns: 'talks with', 'an attack on', 'sanctions against'."""
    for noun in doc:
        candidates = lexicon.nouns.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if not candidates or noun.head.i in coded_verbs:
            continue
        preps = preps_of(noun)
        pattern = next((p for p in candidates
                        if not p.prep or any(prep == p.prep for prep, _ in preps)), None)
        if pattern is None:
            continue
        sources = _noun_source(noun, actors)
        if not sources:
            considered.append(Consideration(noun, f"rule {pattern.id}: no source actor"))
            continue
        target_tokens = [o for p, o in preps if p == (pattern.prep or p) and p != "by"]
        targets = _first_actor(target_tokens, actors)
        anchor = noun.head if noun.head.pos_ in ("VERB", "AUX") else noun
        considered.append(Consideration(noun, f"rule {pattern.id}: coded {pattern.code}"))
        yield from _events(pattern, (noun.i, noun.i + 1), anchor, sources, targets,
                           is_negated(anchor), modality_of(anchor))


def code_document(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis
                  ) -> tuple[list[Draft], list[Consideration]]:
    """All event drafts of a parsed document, and what was considered on the way."""
    considered: list[Consideration] = []
    drafts = list(code_verbs(doc, lexicon, actors, considered))
    coded_verbs = {d.anchor.i for d in drafts}
    drafts += code_nouns(doc, lexicon, actors, coded_verbs, considered)
    return drafts, considered
