"""Which pattern a predicate fits, and who its actors are: subjects, objects, recipients,
prepositions, owners of objects, and the targets of complements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from spacy.tokens import Token

from ..actors import ActorAnalysis
from ..model import ActorRef
from ..resources import package_file, read_tsv, split_list
from ..syntax import conjuncts, preps_of
from .lexicon import Pattern
from .predicates import IF, UNLESS, Predicate, conditions, inherited_subjects

# Prepositions that introduce the target when the pattern names none, in order of preference.
TARGET_PREPS = ("with", "against", "to", "on", "at", "into", "toward", "towards", "for", "from")
# Prepositions followed down a phrase to find a target named deeper in it: "mobilized
# reservists for a war against Iraq", "suspended part of an aid programme for Bosnia".
NESTED_PREPS = (*TARGET_PREPS, "of", "between", "among", "over", "by")
# Roots where "on" names the topic, not a party: "agreement on", "talks on", "cooperate on"
# (but "lift the curfew on Palestinians", "sanctions on Iran" name the party).
TOPIC_ON_ROOTS = frozenset({"03", "04", "05", "06"})


def noun_tiers(noun: Token) -> dict[str, int]:
    """What a noun phrase is about, closest first: its head (3), what it measures ('tons of
    [aid]', 2), and compounds ('a [mediation] effort', 'war [games]', 1)."""
    tiers: dict[str, int] = {}

    def add(lemma: str, tier: int) -> None:
        tiers[lemma] = max(tier, tiers.get(lemma, 0))

    add(noun_sense(noun), 3)
    for child in noun.children:
        if child.dep_ == "compound":
            add(child.lemma_.lower(), 1)
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    add(noun_sense(obj), 2)  # "days of [joint exercises]"
                    for compound in obj.children:
                        if compound.dep_ == "compound":
                            add(compound.lemma_.lower(), 1)
    return tiers


@lru_cache(maxsize=1)
def _noun_senses() -> dict[tuple[str, str], str]:
    path = package_file("coding", "noun_senses.tsv")
    return {(row["noun"], modifier): row["reads_as"]
            for _, row in read_tsv(path, ("noun", "modifiers", "reads_as"))
            for modifier in split_list(row["modifiers"])}


def noun_sense(noun: Token) -> str:
    """The lemma a noun is read as: a 'general strike' is a walkout (coding/data/
    noun_senses.tsv), an 'air strike' stays a strike."""
    lemma = noun.lemma_.lower()
    senses = _noun_senses()
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss"):
            found = senses.get((lemma, child.lemma_.lower())) or senses.get(
                (lemma, child.lower_))
            if found:
                return found
    if noun.dep_ == "pobj":  # "on strike"
        return senses.get((lemma, noun.head.lower_), lemma)
    return lemma


def noun_lemmas(noun: Token) -> set[str]:
    """Every lemma a noun phrase is about (see noun_tiers)."""
    return set(noun_tiers(noun))


def lemma_fit(tokens: Iterable[Token], wanted: frozenset[str],
              tiers: Callable[[Token], dict[str, int]] = noun_tiers) -> int:
    """How closely the nouns are what a pattern wants: the best tier of noun_tiers, 0 if none."""
    return max((tier for token in tokens for lemma, tier in tiers(token).items()
                if lemma in wanted), default=0)


def pattern_fit(pattern: Pattern, pred: Predicate,
                tiers: Callable[[Token], dict[str, int]] = noun_tiers) -> int:
    """How well a pattern fits a predicate: 0 when it does not, higher when more closely."""
    if pattern.particle and pattern.particle != pred.particle:
        return 0
    fit = 1
    if pattern.objects:
        fit = lemma_fit(pred.objects, pattern.objects, tiers)
        if not fit:
            return 0
    if pattern.prep:
        pobjs = [o for p, o in pred.preps if p == pattern.prep]
        if not pobjs:
            return 0
        if pattern.pobjs:
            pobj_fit = lemma_fit(pobjs, pattern.pobjs, tiers)
            if not pobj_fit:
                return 0
            fit = min(fit, pobj_fit) if pattern.objects else pobj_fit
    return fit


def best_pattern(patterns: tuple[Pattern, ...], pred: Predicate) -> Pattern | None:
    """The most specific fitting pattern, head-noun fits before compound fits."""
    known: dict[int, dict[str, int]] = {}

    def tiers(token: Token) -> dict[str, int]:  # a verb may have dozens of object patterns
        if token.i not in known:
            known[token.i] = noun_tiers(token)
        return known[token.i]

    scored = [(pattern.specificity, pattern_fit(pattern, pred, tiers), -index, pattern)
              for index, pattern in enumerate(patterns)]
    fitting = [item for item in scored if item[1]]
    best = max(fitting, key=lambda item: item[:3])[3] if fitting else None
    return None if best is None or best.is_null else best  # "averted an attack": no event


def actors_of(tokens: list[Token], actors: ActorAnalysis) -> list[ActorRef]:
    refs: list[ActorRef] = []
    for token in tokens:
        for ref in actors.refs(token):
            if ref not in refs:
                refs.append(ref)
    return refs


def subject_actors(verb: Token, actors: ActorAnalysis) -> list[ActorRef]:
    """The actors a verb's subjects name, each conjunct, taken from its governor when it has
    none of its own: 'Kenya and Uganda [said]', 'Russia ordered', 'agreed to [meet]'."""
    return actors_of([s for subj in inherited_subjects(verb) for s in conjuncts(subj)], actors)


def owners(nouns: Iterable[Token], actors: ActorAnalysis) -> list[ActorRef]:
    """Actors a non-actor object belongs to: 'Reagan's statement', 'the rights of
    Palestinians', 'a U.N. resolution'."""
    owners: list[Token] = []
    for noun in nouns:
        owners += [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
        owners += [o for p, o in preps_of(noun) if p in ("of", "from", "by")]
    return actors_of(owners, actors)


def condition_subjects(verb: Token) -> list[Token]:
    """Subjects of the 'if' and 'unless' clauses of a verb: who a threat is made to."""
    return [s for c in conditions(verb, IF | UNLESS)
            for subj in c.children if subj.dep_ in ("nsubj", "nsubjpass")
            for s in conjuncts(subj)]


def complementtargets(pred: Predicate, actors: ActorAnalysis) -> list[ActorRef]:
    """'offered to hand over to Britain two suspects': the target of an uncoded complement."""
    for child in pred.verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            tokens = [o for c in child.children if c.dep_ in ("dobj", "dative")
                      for o in conjuncts(c)]
            tokens += [o for p, o in preps_of(child) if p in TARGET_PREPS]
            return actors_of(tokens, actors)
    return []


def nested_targets(pred: Predicate, actors: ActorAnalysis, purpose_nouns: frozenset[str],
                   followed: frozenset[str]) -> list[ActorRef]:
    """An actor named deeper in the objects and their phrases, up to three phrases down,
    through the prepositions `followed`: 'a hunger strike in protest against abuses by
    Algerian forces'."""
    preps = [*pred.preps, *(p for obj in pred.objects for p in preps_of(obj))]
    frontier = [*pred.objects, *(o for p, o in preps if p in followed
                                 or (p == "in" and o.lemma_.lower() in purpose_nouns))]
    for _ in range(3):
        found = actors_of(frontier, actors) or owners(frontier, actors)
        if found or not frontier:
            return found
        frontier = [o for token in frontier for p, o in preps_of(token) if p in followed]
    return []


# Children of a verb that do not hold its target: its subject (or by-agent), the reporting clause
# ("..., officials said"), punctuation and markers.
NOT_TARGET_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl", "parataxis",
                             "punct", "mark", "aux", "auxpass", "neg", "cc"})


def clause_targets(pattern: Pattern, pred: Predicate, actors: ActorAnalysis,
                   speech_verbs: frozenset[str], sources: list[ActorRef]) -> list[ActorRef]:
    """The actor closest to the verb anywhere in its clause outside the subject and the
    reporting verb, countries first: 'refused to respond to a demand from the US President'.
    A guess where the grammar names no target."""

    def followed(token: Token) -> bool:
        reporting = token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in speech_verbs
        return (token.dep_ not in NOT_TARGET_DEPS and not reporting
                and not (token.lower_ == "on" and pattern.code[:2] in TOPIC_ON_ROOTS))

    frontier = [c for c in pred.verb.children if followed(c)]
    seen_nearest: ActorRef | None = None
    own = {source.actor for source in sources}
    while frontier:
        found = [r for r in actors_of(frontier, actors) if r.actor not in own]
        with_country = [r for r in found if r.country]
        if with_country:
            return with_country[:1]
        seen_nearest = seen_nearest or (found[0] if found else None)
        frontier = [c for token in frontier for c in token.children if followed(c)]
    return [seen_nearest] if seen_nearest else []


# Sectors that speak for their state: a state named without a sector, or its government.
STATE_SECTORS = frozenset({None, "GOV"})


def own_state(speaker: ActorRef, ref: ActorRef) -> bool:
    """Whether a party is the speaker's own state, both as the state speaks: the Maltese
    government and Malta (not the Kenyan opposition and Kenya)."""
    return (speaker.country is not None and speaker.country == ref.country
            and speaker.sector in STATE_SECTORS and ref.sector in STATE_SECTORS)


def targets(pattern: Pattern, pred: Predicate, actors: ActorAnalysis,
            purpose_nouns: frozenset[str] = frozenset()) -> list[ActorRef]:
    """Target actors: the pattern's preposition, else the object (or whose it is), the
    recipient, a usual preposition, the target of an uncoded complement, an actor named
    deeper in the phrases of the clause."""
    preps = list(pred.preps)
    for obj in pred.objects:  # "impose sanctions on Iran": the phrase may hang on the noun
        preps.extend(preps_of(obj))
    if pattern.pobjs:  # "agreed on [a deal] with Turkey": so may the pattern's own noun's
        preps.extend(phrase for p, o in pred.preps if p == pattern.prep for phrase in preps_of(o))
    if pattern.prep and not pattern.pobjs:
        return actors_of([o for p, o in preps if p == pattern.prep], actors)
    if pattern.objects:  # "demanded the withdrawal of Serbian forces from Bosnia"
        found = actors_of([o for obj in pred.objects if noun_lemmas(obj) & pattern.objects
                           for p, o in preps_of(obj) if p == "of"], actors)
        if found:
            return found
    if not pattern.objects:
        found = actors_of(list(pred.objects), actors)
        if found:
            return found
    found = actors_of(list(pred.recipients), actors)
    if found:
        return found
    # "agreement on the fate of Palestinian offices": a topic, not a party
    usual = [p for p in TARGET_PREPS if p != "on" or pattern.code[:2] not in TOPIC_ON_ROOTS]
    for prep in usual:
        found = actors_of([o for p, o in preps if p == prep], actors)
        if found:
            return found
    found = owners(pred.objects, actors)  # "rejected a U.S. request", "Reagan's statement"
    if found:
        return found
    found = owners([o for p, o in preps if p in usual], actors)
    if found:  # "protested against Sweden's decision"
        return found
    clause_subjects = [s for c in pred.verb.children if c.dep_ == "ccomp"
                       for subj in c.children if subj.dep_ in ("nsubj", "nsubjpass")
                       for s in conjuncts(subj)]
    # "demanded that the US cancel ...", but not a government's own country: "the Maltese prime
    # minister warned that Malta was prepared to ..." is no warning to Malta
    speakers = actors_of(list(pred.subjects), actors)
    found = [ref for ref in actors_of(clause_subjects, actors)
             if not any(own_state(speaker, ref) for speaker in speakers)]
    if found:
        return found
    followed = frozenset(p for p in NESTED_PREPS if p in usual or p not in TARGET_PREPS)
    return (complementtargets(pred, actors)
            or nested_targets(pred, actors, purpose_nouns, followed))
