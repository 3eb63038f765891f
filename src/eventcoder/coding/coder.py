"""Code predicates into CAMEO events: match the lexicon, resolve chains of complements
('agreed to meet', 'urged Iran to talk', 'refused to withdraw'), find the actors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ..actors import ActorAnalysis
from ..model import ActorRef
from ..syntax import RELATIVE_PRONOUNS, conjuncts, first_conjunct
from .arguments import (
    actors_of,
    best_pattern,
    clause_targets,
    condition_subjects,
    noun_lemmas,
    own_state,
    subject_actors,
    targets,
)
from .drafts import Consideration, Draft, confidence, force_code, same_party
from .judgements import alleged_deeds, code_judgements
from .lexicon import Lexicon, Pattern
from .mood import COOPERATIVE_ROOTS, stated_code
from .nouns import code_nouns, noun_source
from .predicates import (
    VIOLENT_ROOTS,
    Predicate,
    background,
    has_infinitive_to,
    lemma_candidates,
    predicates,
    role_of,
)
from .readings import (
    adjunct_of,
    announced,
    attack_pattern,
    doer_nouns,
    named_thing,
    not_done,
    question_to_speaker,
    states_opinion,
    tells_toll,
    weapon_force,
)

# Roots where a victim without a named perpetrator is still worth an event: "civilians were
# killed", "a missionary was arrested".
UNATTRIBUTED_ROOTS = frozenset({"17", "18", "19", "20"})
# Statements and praise: events only towards someone.
ADDRESSED_CODES = ("01", "051")
# Codes of deeds done together, so that joint subjects are each other's counterpart ("Japan
# and China held talks", "signed a deal", "agreed to cooperate"); praise, appeals, aid and
# concessions by joint subjects go to someone else ("France and Germany urged restraint").
JOINT_CODES = ("03", "04", "050", "057", "06")
# Roles whose governor is the event and whose complement is only its content.
GOVERNING_ROLES = {"appeal": "appeal", "demand": "demand", "reject": "refusal",
                   "threaten": "threat", "accuse": "accusation"}
# Sectors that take orders in the field, so that an order to them from their own country is its
# own deed: armed forces, police, intelligence services, armed groups (not a government, which a
# court or a president orders as another party).
COMMANDED_SECTORS = frozenset({"MIL", "COP", "SPY", "REB", "INS", "UAF"})
# What an obligation the lexicon has no pattern for is: "X said Sudan must return the plane".
OBLIGATION = Pattern(id="must", word="must", is_noun=False, code="100")
# What an announced deed the lexicon has no pattern for is: "the government would introduce
# legislation", "will uphold the ruling" (CAMEO 030, an intent to cooperate).
ANNOUNCED_DEED = Pattern(id="announced-deed", word="announced-deed", is_noun=False, code="030")
# Roots of what a participle says about someone else rather than how the deed was done:
# "smashed storefronts, [accusing] the government of fraud" is an accusation of its own.
OWN_ADJUNCT_ROOTS = ("11", "13")
# A pessimistic comment (012) about a party it names is disapproval of that party (110).
PESSIMISM, DISAPPROVAL = "012", "110"
# What a governing verb the lexicon has no pattern for is: "pressured workers to [cancel]".
ROLE_PATTERNS = {role: Pattern(id=role, word=role, is_noun=False, code=code)
                 for role, code in (("appeal", "020"), ("demand", "100"), ("reject", "120"),
                                    ("threaten", "130"), ("accuse", "112"))}


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
    content: Token  # the verb of the deed itself: the complement of a governing verb
    guessed: bool = False  # the target is the clause's nearest actor, not a grammatical role


def _trigger_span(pred: Predicate, pattern: Pattern) -> tuple[int, int]:
    tokens = [pred.verb.i]
    tokens += [c.i for c in pred.verb.children
               if c.dep_ in ("aux", "neg", "prt") and c.i < pred.verb.i + 3]
    if pattern.objects:
        tokens += [o.i for o in pred.objects if noun_lemmas(o) & pattern.objects]
    return min(tokens), max(tokens) + 1


def _unaddressed_warning(item: _Coded, actors: ActorAnalysis) -> bool:
    """'Russia warned that the situation is critical': a threat needs someone threatened;
    a warning about a state of affairs, with no one warned, is not an event (what it says
    will happen is coded on its own). A warning of one's own deed ('Eritrea warned that it
    could invade Bulgaria') is a threat against whom that deed is aimed at."""
    if not _clause_warning(item) or (item.targets and not item.guessed):
        return False
    clauses = [c for c in item.pred.verb.children if c.dep_ == "ccomp"]
    return not any(ref.actor == source.actor or own_state(source, ref) for c in clauses
                   for ref in subject_actors(c, actors) for source in item.sources)


def _clause_warning(item: _Coded) -> bool:
    """A bare warning with a that-clause: 'warned that ...'."""
    return (item.code[:2] == "13" and not item.pattern.specificity
            and any(c.dep_ == "ccomp" for c in item.pred.verb.children))


def _violent_noun(pred: Predicate, lexicon: Lexicon, actors: ActorAnalysis
                  ) -> tuple[Token, Pattern, list[ActorRef]] | None:
    """The attack, with its authors, that did what a violent verb says: 'an Israeli air
    strike [killed] five', 'five were killed in a bombing by rebels'. The attack is the event;
    the deaths are its toll. None when the first attack named has no named author."""
    nouns = list(pred.subjects)
    if pred.passive:
        nouns += [o for p, o in pred.preps if p in ("in", "during")]
    for noun in nouns:
        pattern = attack_pattern(noun, lexicon, UNATTRIBUTED_ROOTS)
        if pattern is not None:
            authors = noun_source(noun, actors, pattern)
            return (noun, pattern, authors) if authors else None
    return None


def _code_predicate(pred: Predicate, pattern: Pattern, lexicon: Lexicon,
                    actors: ActorAnalysis, absorbed_nouns: set[int] | None = None) -> _Coded:
    if pred.governor_role == "fail" and pattern.code[:2] in COOPERATIVE_ROOTS:
        # "failed to reach agreement": a refusal, not an agreement
        refusal = lexicon.derive("refusal", pattern.code) or "120"
        return _Coded(pred, pattern, refusal, pattern.id + "+failed",
                      actors_of(list(pred.subjects), actors),
                      targets(pattern, pred, actors, lexicon.words_with_role("purpose")),
                      False, "asserted", _trigger_span(pred, pattern), pred.verb)
    negated = pred.negated or pred.governor_role == "fail"
    code, negated, suffix = stated_code(lexicon, pattern, negated, pred.modality,
                                         pred.ultimatum, pred.conditional)
    found = targets(pattern, pred, actors, lexicon.words_with_role("purpose"))
    if not found and pred.ultimatum:  # "will withdraw unless Israel ...": Israel is warned
        found = actors_of(condition_subjects(pred.verb), actors)
    sources = actors_of(list(pred.subjects), actors)
    violent = (_violent_noun(pred, lexicon, actors)
               if pattern.code[:2] in UNATTRIBUTED_ROOTS and absorbed_nouns is not None
               else None)
    if violent is not None and absorbed_nouns is not None:
        noun, noun_pattern, sources = violent
        absorbed_nouns.add(noun.i)
        code, negated, suffix = stated_code(lexicon, noun_pattern, negated, pred.modality,
                                             pred.ultimatum)
        suffix = f"+attack-noun{suffix}"
    if not sources and pred.passive and pattern.passive_source:
        sources = actors_of(list(pred.objects), actors)  # "police were placed on alert"
        found = [ref for ref in found if ref not in sources]
    # No guess where joint sources are each other's targets: "Israel and Lebanon agreed".
    guessed = not found and not (len(sources) > 1 and code.startswith(JOINT_CODES))
    if guessed:
        found = clause_targets(pattern, pred, actors, lexicon.words_with_role("speech"),
                               sources)
    if code == PESSIMISM and found:
        # "expressed concern over the government's response": unease about a named party is
        # disapproval of it; unease about "the situation" stays a comment to no one
        code, suffix = DISAPPROVAL, f"{suffix}+about-party"
    return _Coded(pred, pattern, code, pattern.id + suffix, sources, found,
                  negated, pred.modality, _trigger_span(pred, pattern), pred.verb,
                  guessed and bool(found))


def _governed(complement: _Coded, governor: _Coded | None, role: str, lexicon: Lexicon,
              actors: ActorAnalysis) -> _Coded | None:
    """One event for 'urged X to [talk]', 'refused to [meet]', 'threatened to [attack]'."""
    if governor is None:
        return None
    derived = lexicon.derive(GOVERNING_ROLES[role], complement.pattern.code)
    if derived is None or governor.pattern.specificity:
        return governor  # the governor's own pattern says more: "urged restraint"
    gov = governor.pred
    targets = governor.targets if role in ("appeal", "demand", "accuse") else (
        complement.targets or governor.targets)
    if role == "appeal" and not targets:  # "wants [Ukraine] to withdraw": asked of its subject
        targets = [s for s in complement.sources if s not in governor.sources]
    if not targets and role == "threaten":  # "threatened to strike unless Israel rescinded"
        targets = actors_of(condition_subjects(complement.pred.verb)
                            or condition_subjects(gov.verb), actors)
    return _Coded(gov, governor.pattern, derived,
                  f"{governor.pattern.id}+{complement.pattern.id}", governor.sources, targets,
                  gov.negated, gov.modality, (min(governor.trigger[0], complement.trigger[0]),
                                              max(governor.trigger[1], complement.trigger[1])),
                  complement.content)


def _demanded(coded: _Coded, lexicon: Lexicon, actors: ActorAnalysis) -> _Coded | None:
    """'X said Iraq must cooperate', '... should release': the speaker appeals to the subject
    (CAMEO codes what is asked, not how strongly; the subject must be an actor); a court
    orders it."""
    speaker_verb = coded.pred.governor
    if speaker_verb is None or coded.pred.governor_role != "speech" or not coded.sources:
        return None
    speakers = subject_actors(speaker_verb, actors)
    if not speakers:
        return None
    # A court's "must" is an order: "the court ruled police must return the cars" (10x).
    if any(s.sector == "JUD" for s in speakers):
        code = lexicon.derive("demand", coded.pattern.code) or "100"
    else:
        code = lexicon.derive("appeal", coded.pattern.code) or "020"
    return _Coded(coded.pred, coded.pattern, code, f"must+{coded.pattern.id}", speakers,
                  coded.sources, False, "asserted", coded.trigger, coded.content)


@dataclass
class _VerbPass:
    """What the passes over a document's verbs share: the deeds coded so far, by verb index."""

    lexicon: Lexicon
    actors: ActorAnalysis
    considered: list[Consideration]
    absorbed_nouns: set[int]  # event nouns whose deed a verb coded
    coded: dict[int, _Coded] = field(default_factory=dict)
    uncoded: dict[int, Predicate] = field(default_factory=dict)  # may still govern a deed
    purposes: list[tuple[Predicate, Pattern]] = field(default_factory=list)
    absorbed: set[int] = field(default_factory=set)  # complements coded with their governor
    merged: dict[int, _Coded] = field(default_factory=dict)  # governors recoded by content
    superseded: set[int] = field(default_factory=set)  # "agreed to [cooperate]": one event

    def reject(self, verb: Token, reason: str) -> None:
        """Record why a word coded nothing (for explain)."""
        self.considered.append(Consideration(verb, reason))


def _match_patterns(state: _VerbPass, preds: Iterator[Predicate]) -> None:
    """Each verb against the lexicon; clauses that read as no deed are set aside."""
    lexicon, actors = state.lexicon, state.actors
    for pred in preds:
        lemma = next((w for w in lemma_candidates(pred.verb) if w in lexicon.verbs), None)
        pattern = best_pattern(lexicon.verbs[lemma], pred) if lemma else None
        if pattern is None:
            state.uncoded[pred.verb.i] = pred
            if pred.obligation and pred.governor_role == "speech":  # "... Sudan must return"
                state.coded[pred.verb.i] = _code_predicate(pred, OBLIGATION, lexicon, actors)
            elif announced(pred, lexicon):
                state.coded[pred.verb.i] = _code_predicate(pred, ANNOUNCED_DEED, lexicon,
                                                           actors)
            elif lemma:
                state.reject(pred.verb, "no pattern's constraints matched")
            continue
        if background(pred.verb, lexicon.roles) and not tells_toll(
                pred.verb, pattern, lexicon) and not _stance_on_noun(pred.verb, pattern):
            state.reject(pred.verb, f"rule {pattern.id}: in a clause that describes a noun, "
                         "background to the news")
            if has_infinitive_to(pred.verb):
                state.purposes.append((pred, pattern))  # "a hunger strike to protest X"
            continue
        reason = _no_deed(pred, pattern, lexicon)
        item = None if reason else _code_predicate(pred, pattern, lexicon, actors,
                                                   state.absorbed_nouns)
        if item is not None and _unaddressed_warning(item, actors):
            reason = "a warning with no one warned"
        if reason or item is None:
            state.reject(pred.verb, f"rule {pattern.id}: {reason}")
            continue
        state.coded[pred.verb.i] = item


# Roots of standing views that a clause on a noun still reports as news: 11 disapprove, 12 reject.
STANCE_ROOTS = frozenset({"11", "12"})


def _stance_on_noun(verb: Token, pattern: Pattern) -> bool:
    """A present-tense view someone else holds of the noun: 'newspapers which it accuses of
    links', 'a move China opposes' report that view as news, unlike 'a deal Iran signed'."""
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBZ", "VBP") or (
            pattern.code[:2] not in STANCE_ROOTS):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children)


def _no_deed(pred: Predicate, pattern: Pattern, lexicon: Lexicon) -> str | None:
    """Why a clause that matched a pattern states no deed, if it does not."""
    if pred.in_condition:
        return "inside a condition ('if', 'unless'), not a deed"
    if pred.governor_role == "stance" and pred.verb.dep_ == "ccomp":
        return "a view held ('is happy that ...'), not a deed"
    if not_done(pred.verb):
        return "named as not done ('without', 'instead of', 'rather than')"
    if question_to_speaker(pred, lexicon.roles):
        return "a question put to the speaker, not an appeal"
    if states_opinion(pred, pattern, lexicon.roles):
        return "agrees with a statement, not with a party"
    return None


def _code_bare_governors(state: _VerbPass) -> None:
    """'ordered Menem to appear': a demand even when the lexicon knows neither verb."""
    for index, pred in state.uncoded.items():
        role = role_of(pred.verb, state.lexicon.roles)
        if role in ROLE_PATTERNS and index not in state.coded and any(
                c.dep_ in ("xcomp", "ccomp") and c.i not in state.coded
                for c in pred.verb.children):
            if role == "demand" and _commands_own_forces(pred.verb, state):
                state.reject(pred.verb, f"rule {role}: an order to the commander's own "
                             "forces, for a deed the lexicon does not know")
                continue
            state.coded[index] = _code_predicate(pred, ROLE_PATTERNS[role], state.lexicon,
                                                 state.actors)


def _commands_own_forces(verb: Token, state: _VerbPass) -> bool:
    """Whether a verb of command is given to the commander's own forces: 'Russia ordered [its
    troops] to withdraw', 'Putin ordered [the army] to attack' (not 'ordered Hamas to')."""
    if verb.lemma_.lower() not in state.lexicon.command_verbs:
        return False
    forces = [o for c in verb.children if c.dep_ == "dobj" for o in conjuncts(c)]
    countries = {ref.country for ref in subject_actors(verb, state.actors)}
    if not forces or not countries:
        return False
    for force in forces:
        refs = state.actors.refs(force)
        owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in force.children)
        if not owned and not (force.pos_ == "NOUN" and refs and all(
                ref.sector in COMMANDED_SECTORS and ref.country in countries | {None}
                for ref in refs)):
            return False
    return True


def _aim_by_purpose(state: _VerbPass) -> None:
    """A purpose on a deed's object names whom the deed is aimed at when the deed does not:
    'began a hunger strike to protest against Sweden'."""
    for pred, pattern in state.purposes:
        noun = pred.verb.head
        deed = state.coded.get(noun.head.i) if noun.dep_ in ("dobj", "nsubjpass") else None
        if deed is not None and not deed.targets:
            state.coded[noun.head.i] = replace(deed, targets=targets(
                pattern, pred, state.actors, state.lexicon.words_with_role("purpose")))


def _own_deed(participle: _Coded, deed: _Coded) -> bool:
    """Whether a participle after a deed is a deed of its own: an accusation or a threat
    ('smashed storefronts, accusing the government of fraud'), where a participle of the same
    kind only tells more of the deed ('shelled the town, killing five')."""
    return (participle.code.startswith(OWN_ADJUNCT_ROOTS)
            and participle.code[:2] != deed.code[:2])


def _resolve_chains(state: _VerbPass) -> None:
    """Complements and their governors become one event: the content of an appeal, a threat
    or a refusal is coded with it; an intent supersedes its governor; a participle or a
    purpose clause tells more of the deed it follows."""
    coded = state.coded
    for index, item in coded.items():
        governor = item.pred.governor
        role = item.pred.governor_role
        adjunct = adjunct_of(item.pred.verb)
        if (governor is None and adjunct is not None and adjunct.i in coded
                and _own_deed(item, coded[adjunct.i])):
            deed = coded[adjunct.i]
            if (not item.targets or item.guessed) and deed.targets and not deed.guessed:
                # "attacked a Chadian post, threatening to kill the guards": aimed at the same
                coded[index] = replace(item, targets=deed.targets, guessed=False)
        elif governor is None and adjunct is not None and adjunct.i in coded:
            # "shelled the town, killing five": the participle tells more of the same deed
            state.absorbed.add(index)
            state.reject(item.pred.verb, f"rule {item.pattern.id}: part of '{adjunct.text}', "
                         "not a deed of its own")
        elif governor is None:
            continue
        elif role == "demand" and _commands_own_forces(governor, state):
            # "Russia ordered its troops to withdraw": the commander's own deed, intended
            commanders = subject_actors(governor, state.actors)
            code, negated, suffix = stated_code(state.lexicon, item.pattern, item.negated,
                                                "intended")
            coded[index] = replace(item, code=code, negated=negated, modality="intended",
                                   rule=f"{item.pattern.id}{suffix}+command",
                                   sources=commanders,
                                   targets=[t for t in item.targets if t not in commanders])
            state.superseded.add(governor.i)
        elif role in GOVERNING_ROLES:
            state.absorbed.add(index)
            # its objects are part of the content: "voted against imposing [sanctions]"
            state.absorbed_nouns.update(o.i for o in item.pred.objects)
            state.reject(item.pred.verb, f"rule {item.pattern.id}: the content of "
                         f"'{governor.text}', coded with it")
            governing = coded.get(governor.i)
            if governing is None and governor.i in state.uncoded:  # "pressured them to cancel"
                governing = _code_predicate(state.uncoded[governor.i], ROLE_PATTERNS[role],
                                            state.lexicon, state.actors)
            combined = _governed(item, governing, role, state.lexicon, state.actors)
            if combined is not None:
                state.merged.setdefault(governor.i, combined)  # the first content counts
        elif role == "intent":
            state.superseded.add(governor.i)
        elif (first_conjunct(item.pred.verb).dep_ == "advcl" and governor.i in coded
              and governor.i not in state.superseded):
            # "staged rallies to demand reforms": the purpose explains the deed it follows,
            # and names whom it is aimed at when the deed does not.
            state.absorbed.add(index)
            deed = coded[governor.i]
            if not deed.targets and item.targets:
                coded[governor.i] = replace(deed, targets=item.targets)
            state.reject(item.pred.verb, f"rule {item.pattern.id}: the purpose of "
                         f"'{governor.text}', not a deed")


def _final_deeds(state: _VerbPass) -> Iterator[_Coded]:
    """The deeds left standing, in text order; obligations become appeals to their subject."""
    for index in sorted(state.coded.keys() | state.merged.keys()):
        if index in state.absorbed or (index in state.superseded
                                       and index not in state.merged):
            continue
        item = state.merged[index] if index in state.merged else state.coded[index]
        if item.pred.obligation:
            demanded = _demanded(item, state.lexicon, state.actors)
            if demanded is None and item.pattern is OBLIGATION:
                state.reject(item.pred.verb, "rule must: nobody named is asked to act")
                continue
            item = demanded or item
        yield item


def code_verbs(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis,
               considered: list[Consideration], absorbed_nouns: set[int]) -> Iterator[Draft]:
    """Events from the verbs of the document, in named passes: patterns matched, governors
    without a pattern, purposes, chains of complements, then the drafts; the event nouns
    whose deed a verb coded ('an air strike killed five') go to `absorbed_nouns`."""
    state = _VerbPass(lexicon, actors, considered, absorbed_nouns)
    _match_patterns(state, predicates(doc, lexicon.roles))
    _code_bare_governors(state)
    _aim_by_purpose(state)
    _resolve_chains(state)
    for item in _final_deeds(state):
        yield from _drafts(item, considered, lexicon)


def _drafts(item: _Coded, considered: list[Consideration], lexicon: Lexicon
            ) -> Iterator[Draft]:
    pred = item.pred
    sources: list[ActorRef | None] = [*item.sources]
    if not sources:
        # A victim with no named attacker ("civilians were killed") is still an event.
        if item.targets and not item.guessed and not named_thing(pred, lexicon) and (
                item.code[:2] in UNATTRIBUTED_ROOTS or (pred.passive and _stands_alone(pred))):
            sources = [None]  # "he was accused of fraud": an agentless passive
        else:
            considered.append(Consideration(pred.verb, f"rule {item.rule}: no source actor"))
            return
    if (item.code[:2] == "13" and item.pattern.code[:2] in VIOLENT_ROOTS
            and "+threat" in item.rule and not item.targets):
        considered.append(Consideration(pred.verb, f"rule {item.rule}: force intended "
                                        "against no one"))
        return
    if _clause_warning(item) and not item.targets:
        # "warned that his country was prepared to close its ports": its own deed, aimed at
        # no one
        considered.append(Consideration(pred.verb, f"rule {item.rule}: a warning with no one "
                                        "warned"))
        return
    if item.pattern is ANNOUNCED_DEED and not item.targets:
        # "would present a draft": a plan with no pattern and no one it concerns says too
        # little to code
        considered.append(Consideration(pred.verb, f"rule {item.rule}: an announced deed "
                                        "that concerns no one"))
        return
    if item.code.startswith(ADDRESSED_CODES) and not item.targets:
        # A statement is an event only towards someone: "denied any involvement" is not, nor
        # "supports the development of the sector".
        considered.append(Consideration(pred.verb, f"rule {item.rule}: a statement or praise "
                                        "with no one it is addressed to or about"))
        return
    considered.append(Consideration(pred.verb, f"rule {item.rule}: coded {item.code}"))
    targets: list[ActorRef | None] = [*item.targets] or [None]
    # "Japan and China held talks", "Israelis and Palestinians failed to agree": each side is
    # the other's target
    mutual = item.targets == [] and len(sources) > 1 and (
        item.code.startswith(JOINT_CODES) or item.pattern.code.startswith(JOINT_CODES))
    for source in sources:
        if mutual:
            targets = [other for other in sources if other is not source]
        for target in targets:
            if same_party(source, target):
                continue
            code, step = force_code(item.code, source, target, lexicon,
                                    weapon_force(pred, lexicon))
            yield Draft(item.trigger[0], item.trigger[1], pred.verb, source, target, code,
                        item.negated, item.modality, item.rule + step,
                        confidence(item.pattern, source, target, item.modality, item.guessed),
                        item.content, guessed_target=item.guessed)


def _stands_alone(pred: Predicate) -> bool:
    """Whether a clause stands as a deed of its own: a main clause, or one that a speaker
    reports ("he was sentenced, prosecutors said")."""
    return pred.governor is None or pred.governor_role == "speech"


def code_document(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis
                  ) -> tuple[list[Draft], list[Consideration]]:
    """All event drafts of a parsed document, and what was considered on the way."""
    considered: list[Consideration] = []
    absorbed_nouns: set[int] = set()
    drafts = list(code_verbs(doc, lexicon, actors, considered, absorbed_nouns))
    judged = list(code_judgements(doc, lexicon, actors, considered))
    alleged = alleged_deeds(doc, judged)
    for draft in drafts:
        if draft.anchor.i in alleged:
            considered.append(Consideration(draft.anchor, f"rule {draft.rule}: alleged in a "
                                            "judgement, not told as done"))
    drafts = [d for d in drafts if d.anchor.i not in alleged]
    # a noun in a coded deed is part of it: "threatened to [hold] a general strike"; a noun
    # that judges is the judgement: "said the decision is an [attack] on rights"
    coded_verbs = ({d.anchor.i for d in drafts} | absorbed_nouns
                   | {d.content.i for d in drafts if d.content is not None}
                   | {d.trigger_start for d in judged})
    drafts += judged + list(code_nouns(doc, lexicon, actors, coded_verbs, considered))
    return _with_earlier_attacks(drafts, lexicon), considered


# Subjects of a verb in either voice: "[the attack] killed five", "[two] were killed".
SUBJECTS_ANY_VOICE = frozenset({"nsubj", "nsubjpass"})
# Determiners that make an attack a new one ("an attack killed two"), not the one told before.
NEW_THING_DETERMINERS = frozenset({"a", "an", "another"})


def _named_attack(draft: Draft, lexicon: Lexicon) -> Pattern | None:
    """The pattern of the attack a toll with no author is told of, when the attack is one
    named before: '[the attack] killed five', 'two were killed in [the fighting]'."""
    verb = draft.anchor
    nouns = doer_nouns(verb, SUBJECTS_ANY_VOICE)
    nouns += [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
              for o in c.children if o.dep_ == "pobj"]
    for noun in nouns:
        if any(c.dep_ == "det" and c.lower_ in NEW_THING_DETERMINERS for c in noun.children):
            continue
        pattern = attack_pattern(noun, lexicon, UNATTRIBUTED_ROOTS)
        if pattern is not None:
            return pattern
    return None


def _with_earlier_attacks(drafts: list[Draft], lexicon: Lexicon) -> list[Draft]:
    """A toll with no author whose attack is one the story named before ('An Israeli air
    strike hit Bureij. [The attack] killed five') is that attack's, by its author."""
    by_position = sorted(drafts, key=lambda d: d.trigger_start)
    result = []
    for draft in drafts:
        pattern = (_named_attack(draft, lexicon) if draft.source is None
                   and draft.code[:2] in UNATTRIBUTED_ROOTS else None)
        earlier = None if pattern is None else next(
            (d for d in reversed(by_position) if d.trigger_start < draft.trigger_start
             and d.source is not None and d.code[:2] in VIOLENT_ROOTS
             and not d.negated and d.modality == "asserted"), None)
        if pattern is None or earlier is None:
            result.append(draft)
            continue
        code, step = force_code(pattern.code, earlier.source, draft.target, lexicon)
        result.append(replace(draft, source=earlier.source, code=code,
                              base_rule=f"{draft.base_rule}+earlier-attack{step}"))
    return result
