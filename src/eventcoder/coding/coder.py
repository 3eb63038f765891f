"""Code predicates into CAMEO events: match the lexicon, resolve chains, find the actors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
    lemma_candidates,
    modality_of,
    predicates,
    preps_of,
)

# Prepositions that introduce the target when the pattern names none, in order of preference.
TARGET_PREPS = ("with", "against", "to", "on", "at", "into", "toward", "towards", "for", "from")
# Roots whose deeds, stated as intended, are threats (CAMEO 13x).
HOSTILE_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
# Roots whose deeds, stated as intended, are expressions of intent (CAMEO 03x).
COOPERATIVE_ROOTS = frozenset({"02", "03", "04", "05", "06", "07", "08"})
# Roots where a victim without a known attacker is still worth an event.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Verbs that only carry the event their object names: "launched a mediation effort".
LIGHT_VERBS = frozenset({"launch", "stage", "hold", "begin", "start", "continue", "conduct",
                         "undertake", "mount", "make", "carry", "issue", "give", "announce",
                         "declare", "resume", "renew", "intensify", "escalate", "step"})
# Roles whose governor is the event and whose complement is only its content.
GOVERNING_ROLES = {"appeal": "appeal", "demand": "demand", "reject": "refusal",
                   "threaten": "threat"}


# What an obligation the lexicon has no pattern for is: "X said Sudan must return the plane".
OBLIGATION = Pattern(id="must", word="must", is_noun=False, code="100")
# What a governing verb the lexicon has no pattern for is: "pressured workers to [cancel]".
ROLE_PATTERNS = {role: Pattern(id=role, word=role, is_noun=False, code=code)
                 for role, code in (("appeal", "020"), ("demand", "100"), ("reject", "120"),
                                    ("threaten", "130"))}


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


@dataclass(frozen=True)
class _Coded:
    """A predicate, the pattern it matched, and the code and evidence chosen for it."""

    pred: Predicate
    pattern: Pattern
    code: str
    rule: str
    sources: list[ActorRef]
    targets: list[ActorRef]
    negated: bool
    modality: str
    trigger: tuple[int, int]


def noun_lemmas(noun: Token) -> set[str]:
    """What a noun phrase is about: its head, compounds, and what it measures
    ('a mediation effort', '25,000 tons of food aid', 'a shipment of arms')."""
    lemmas = {noun.lemma_.lower()}
    lemmas.update(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    lemmas.add(obj.lemma_.lower())
                    lemmas.update(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")
    return lemmas


def _lemma_fit(tokens: Iterable[Token], wanted: frozenset[str]) -> int:
    """2 when a head noun is wanted, 1 when only a compound or measured noun is, else 0."""
    best = 0
    for token in tokens:
        if token.lemma_.lower() in wanted:
            return 2
        if noun_lemmas(token) & wanted:
            best = 1
    return best


def _fit(pattern: Pattern, pred: Predicate) -> int:
    """How well a pattern fits a predicate: 0 when it does not, higher when more closely."""
    if pattern.particle and pattern.particle != pred.particle:
        return 0
    fit = 1
    if pattern.objects:
        fit = _lemma_fit(pred.objects, pattern.objects)
        if not fit:
            return 0
    if pattern.prep:
        pobjs = [o for p, o in pred.preps if p == pattern.prep]
        if not pobjs:
            return 0
        if pattern.pobjs:
            pobj_fit = _lemma_fit(pobjs, pattern.pobjs)
            if not pobj_fit:
                return 0
            fit = min(fit, pobj_fit) if pattern.objects else pobj_fit
    return fit


def _best_pattern(patterns: tuple[Pattern, ...], pred: Predicate) -> Pattern | None:
    """The most specific fitting pattern, head-noun fits before compound fits."""
    scored = [(pattern.specificity, _fit(pattern, pred), -index, pattern)
              for index, pattern in enumerate(patterns)]
    fitting = [item for item in scored if item[1]]
    return max(fitting, key=lambda item: item[:3])[3] if fitting else None


def _actors_of(tokens: list[Token], actors: ActorAnalysis) -> list[ActorRef]:
    refs: list[ActorRef] = []
    for token in tokens:
        for ref in actors.refs(token):
            if ref not in refs:
                refs.append(ref)
    return refs


def _owners(nouns: Iterable[Token], actors: ActorAnalysis) -> list[ActorRef]:
    """Actors a non-actor object belongs to: 'Reagan's statement', 'the rights of
    Palestinians', 'a U.N. resolution'."""
    owners: list[Token] = []
    for noun in nouns:
        owners += [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
        owners += [o for p, o in preps_of(noun) if p in ("of", "from", "by")]
    return _actors_of(owners, actors)


def _complement_targets(pred: Predicate, actors: ActorAnalysis) -> list[ActorRef]:
    """'offered to hand over to Britain two suspects': the target of an uncoded complement."""
    for child in pred.verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            tokens = [o for c in child.children if c.dep_ in ("dobj", "dative")
                      for o in conjuncts(c)]
            tokens += [o for p, o in preps_of(child) if p in TARGET_PREPS]
            return _actors_of(tokens, actors)
    return []


def _targets(pattern: Pattern, pred: Predicate, actors: ActorAnalysis) -> list[ActorRef]:
    """Target actors: the pattern's preposition, else the object (or whose it is), the
    recipient, a usual preposition, or the target of an uncoded complement."""
    preps = list(pred.preps)
    for obj in pred.objects:  # "impose sanctions on Iran": the phrase may hang on the noun
        preps.extend(preps_of(obj))
    if pattern.prep and not pattern.pobjs:
        return _actors_of([o for p, o in preps if p == pattern.prep], actors)
    if not pattern.objects:
        found = _actors_of(list(pred.objects), actors)
        if found:
            return found
    found = _actors_of(list(pred.recipients), actors)
    if found:
        return found
    for prep in TARGET_PREPS:
        found = _actors_of([o for p, o in preps if p == prep], actors)
        if found:
            return found
    found = _owners(pred.objects, actors)  # "rejected a U.S. request", "Reagan's statement"
    if found:
        return found
    clause_subjects = [s for c in pred.verb.children if c.dep_ == "ccomp"
                       for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    found = _actors_of(clause_subjects, actors)  # "demanded that the US cancel ..."
    if found:
        return found
    return _complement_targets(pred, actors)


def _confidence(pattern: Pattern, source: ActorRef | None, target: ActorRef | None,
                modality: str) -> float:
    """A heuristic belief in the event: full arguments and specific patterns score higher."""
    score = 0.5
    score += 0.2 if target is not None else 0.0
    score += 0.1 if pattern.specificity else 0.0
    score += 0.1 if source is not None and source.country else -0.1 if source is None else 0.0
    score -= 0.2 if modality == "hypothetical" else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _trigger_span(pred: Predicate, pattern: Pattern) -> tuple[int, int]:
    tokens = [pred.verb.i]
    tokens += [c.i for c in pred.verb.children
               if c.dep_ in ("aux", "neg", "prt") and c.i < pred.verb.i + 3]
    if pattern.objects:
        tokens += [o.i for o in pred.objects if noun_lemmas(o) & pattern.objects]
    return min(tokens), max(tokens) + 1


def _stated_code(lexicon: Lexicon, pattern: Pattern, negated: bool, modality: str,
                 ultimatum: bool = False) -> tuple[str, bool, str]:
    """The code of a deed as stated: 'will meet' is 036, 'will impose sanctions' (or 'may',
    or '... unless') a threat, 'will not release' a refusal. Returns code, negation and the
    suffix for the rule id."""
    root = pattern.code[:2]
    if ultimatum and not negated:
        return lexicon.derive("threat", pattern.code) or "130", False, "+ultimatum"
    if modality == "hypothetical" and not negated and root in HOSTILE_ROOTS:
        threat = lexicon.derive("threat", pattern.code)
        if threat:
            return threat, False, "+threat"
    if modality != "intended":
        return pattern.code, negated, ""
    if negated and root in COOPERATIVE_ROOTS:
        refusal = lexicon.derive("refusal", pattern.code)
        if refusal:
            return refusal, False, "+refusal"
    if not negated and root in COOPERATIVE_ROOTS:
        intent = pattern.intent or lexicon.derive("intent", pattern.code)
        if intent:
            return intent, False, "+intent"
    if not negated and root in HOSTILE_ROOTS:
        threat = lexicon.derive("threat", pattern.code)
        if threat:
            return threat, False, "+threat"
    return pattern.code, negated, ""


def _code_predicate(pred: Predicate, pattern: Pattern, lexicon: Lexicon,
                    actors: ActorAnalysis) -> _Coded:
    if pred.governor_role == "fail" and pattern.code[:2] in COOPERATIVE_ROOTS:
        # "failed to reach agreement": a refusal, not an agreement
        refusal = lexicon.derive("refusal", pattern.code) or "120"
        return _Coded(pred, pattern, refusal, pattern.id + "+failed",
                      _actors_of(list(pred.subjects), actors), _targets(pattern, pred, actors),
                      False, "asserted", _trigger_span(pred, pattern))
    negated = pred.negated or pred.governor_role == "fail"
    code, negated, suffix = _stated_code(lexicon, pattern, negated, pred.modality,
                                         pred.ultimatum)
    return _Coded(pred, pattern, code, pattern.id + suffix,
                  _actors_of(list(pred.subjects), actors), _targets(pattern, pred, actors),
                  negated, pred.modality, _trigger_span(pred, pattern))


def _governed(complement: _Coded, governor: _Coded | None, role: str, lexicon: Lexicon
              ) -> _Coded | None:
    """One event for 'urged X to [talk]', 'refused to [meet]', 'threatened to [attack]'."""
    if governor is None:
        return None
    derived = lexicon.derive(GOVERNING_ROLES[role], complement.pattern.code)
    if derived is None or governor.pattern.specificity:
        return governor  # the governor's own pattern says more: "urged restraint"
    gov = governor.pred
    targets = governor.targets if role in ("appeal", "demand") else (
        complement.targets or governor.targets)
    return _Coded(gov, governor.pattern, derived,
                  f"{governor.pattern.id}+{complement.pattern.id}", governor.sources, targets,
                  gov.negated, gov.modality, (min(governor.trigger[0], complement.trigger[0]),
                                              max(governor.trigger[1], complement.trigger[1])))


def _demanded(coded: _Coded, lexicon: Lexicon, actors: ActorAnalysis) -> _Coded | None:
    """'X said Iraq must cooperate': a demand by the speaker on the subject."""
    speaker_verb = coded.pred.governor
    if speaker_verb is None or coded.pred.governor_role != "speech":
        return None
    speakers = _actors_of([s for subj in inherited_subjects(speaker_verb)
                           for s in conjuncts(subj)], actors)
    code = lexicon.derive("demand", coded.pattern.code) or "100"
    if not speakers:
        return None
    return _Coded(coded.pred, coded.pattern, code, f"must+{coded.pattern.id}", speakers,
                  coded.sources, False, "asserted", coded.trigger)


def code_verbs(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis,
               considered: list[Consideration]) -> Iterator[Draft]:
    """Events from the verbs of the document, chains of complements resolved."""
    coded: dict[int, _Coded] = {}
    uncoded: dict[int, Predicate] = {}  # verbs with no pattern, which may still govern one
    for pred in predicates(doc, lexicon.roles):
        lemma = next((w for w in lemma_candidates(pred.verb) if w in lexicon.verbs), None)
        pattern = _best_pattern(lexicon.verbs[lemma], pred) if lemma else None
        if pattern is None:
            uncoded[pred.verb.i] = pred
            if pred.obligation and pred.governor_role == "speech":  # "... Sudan must return"
                coded[pred.verb.i] = _code_predicate(pred, OBLIGATION, lexicon, actors)
            elif lemma:
                considered.append(Consideration(pred.verb, "no pattern's constraints matched"))
            continue
        if pred.in_condition:
            considered.append(Consideration(pred.verb, f"rule {pattern.id}: inside a condition "
                                            "('if', 'unless'), not a deed"))
            continue
        coded[pred.verb.i] = _code_predicate(pred, pattern, lexicon, actors)

    absorbed: set[int] = set()  # complements coded with their governor
    merged: dict[int, _Coded] = {}  # governors recoded by their complement
    superseded: set[int] = set()  # intent governors: "agreed to [cooperate]" is one event
    for index, item in coded.items():
        governor = item.pred.governor
        role = item.pred.governor_role
        if governor is None:
            continue
        if role in GOVERNING_ROLES:
            absorbed.add(index)
            considered.append(Consideration(item.pred.verb, f"rule {item.pattern.id}: the "
                                            f"content of '{governor.text}', coded with it"))
            governing = coded.get(governor.i)
            if governing is None and governor.i in uncoded:  # "pressured workers to cancel"
                governing = _code_predicate(uncoded[governor.i], ROLE_PATTERNS[role], lexicon,
                                            actors)
            combined = _governed(item, governing, role, lexicon)
            if combined is not None:
                merged[governor.i] = combined
        elif role == "intent":
            superseded.add(governor.i)
        elif (item.pred.verb.dep_ == "advcl" and governor.i in coded
              and governor.i not in superseded):
            # "staged rallies to demand reforms": the purpose explains the deed it follows.
            absorbed.add(index)
            considered.append(Consideration(item.pred.verb, f"rule {item.pattern.id}: the "
                                            f"purpose of '{governor.text}', not a deed"))

    for index in sorted(coded):
        if index in absorbed or (index in superseded and index not in merged):
            continue
        item = merged.get(index, coded[index])
        if item.pred.obligation:
            item = _demanded(item, lexicon, actors) or item
        yield from _drafts(item, considered)


def _drafts(item: _Coded, considered: list[Consideration]) -> Iterator[Draft]:
    pred = item.pred
    sources: list[ActorRef | None] = [*item.sources]
    if not sources:
        # A victim with no named attacker ("civilians were killed") is still an event.
        if item.code[:2] in VIOLENT_ROOTS and item.targets:
            sources = [None]
        else:
            considered.append(Consideration(pred.verb, f"rule {item.rule}: no source actor"))
            return
    considered.append(Consideration(pred.verb, f"rule {item.rule}: coded {item.code}"))
    targets: list[ActorRef | None] = [*item.targets] or [None]
    mutual = item.targets == [] and len(sources) > 1 and item.code[:2] in COOPERATIVE_ROOTS
    for source in sources:
        if mutual:  # "Japan and China held talks": each side is the other's target
            targets = [other for other in sources if other is not source]
        for target in targets:
            if source is not None and target is not None and target.actor == source.actor:
                continue
            yield Draft(item.trigger[0], item.trigger[1], pred.verb, source, target, item.code,
                        item.negated, item.modality, item.rule,
                        _confidence(item.pattern, source, target, item.modality))


def _noun_source(noun: Token, actors: ActorAnalysis) -> list[ActorRef]:
    """Who carries out 'Iran's attack', 'U.S. sanctions', or the verb's subject's talks."""
    modifiers = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
    found = _actors_of(modifiers, actors)
    if found:
        return found
    found = _actors_of([o for p, o in preps_of(noun) if p == "by"], actors)
    if found or noun.dep_ not in ("dobj", "nsubjpass", "attr"):
        return found
    return _actors_of([s for subj in inherited_subjects(noun.head) for s in conjuncts(subj)],
                      actors)


def _noun_patterns(noun: Token, lexicon: Lexicon) -> list[Pattern]:
    """Noun patterns for a noun or its compounds ('a mediation effort', 'a hunger strike')."""
    if noun.pos_ != "NOUN":
        return []
    words = [noun.lemma_.lower()] + [c.lemma_.lower() for c in noun.children
                                     if c.dep_ == "compound"]
    return [p for word in words for p in lexicon.nouns.get(word, ())]


def code_nouns(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis, coded_verbs: set[int],
               considered: list[Consideration]) -> Iterator[Draft]:
    """Events carried by nouns: 'talks with', 'an attack on', 'launched a mediation effort
    between'."""
    for noun in doc:
        candidates = _noun_patterns(noun, lexicon)
        if not candidates or noun.head.i in coded_verbs:
            continue
        light = noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS
        preps = preps_of(noun) + (preps_of(noun.head) if light else [])
        pattern = next((p for p in candidates
                        if not p.prep or any(prep == p.prep for prep, _ in preps)), None)
        if pattern is None:
            continue
        anchor = noun.head if noun.head.pos_ in ("VERB", "AUX") else noun
        modality = modality_of(anchor, lexicon.roles)
        code, negated, suffix = _stated_code(lexicon, pattern, is_negated(anchor), modality)
        sources = _noun_source(noun, actors)
        if not sources:
            considered.append(Consideration(noun, f"rule {pattern.id}: no source actor"))
            continue
        target_tokens = [o for p, o in preps if p == (pattern.prep or p) and p != "by"]
        targets: list[ActorRef | None] = [*_actors_of(target_tokens, actors)] or [None]
        considered.append(Consideration(noun, f"rule {pattern.id}: coded {code}"))
        for source in sources:
            for target in targets:
                if target is not None and target.actor == source.actor:
                    continue
                yield Draft(noun.i, noun.i + 1, anchor, source, target, code, negated,
                            modality, pattern.id + suffix,
                            _confidence(pattern, source, target, modality))


def code_document(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis
                  ) -> tuple[list[Draft], list[Consideration]]:
    """All event drafts of a parsed document, and what was considered on the way."""
    considered: list[Consideration] = []
    drafts = list(code_verbs(doc, lexicon, actors, considered))
    coded_verbs = {d.anchor.i for d in drafts}
    drafts += code_nouns(doc, lexicon, actors, coded_verbs, considered)
    return drafts, considered
