"""Predicates from the dependency parse: verb, subjects, objects, prepositions, polarity, mood."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from ..syntax import RELATIVE_PRONOUNS, conjuncts, first_conjunct, preps_of
from .lexicon import document_nouns, putting_verbs

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
# Roots of violence: assault, fight, mass violence.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
CONDITIONAL_AUX = frozenset({"would", "'d"})  # with an "if" clause: a consequence, not a plan
OBLIGATION_AUX = frozenset({"must", "should"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
IF, UNLESS = frozenset({"if"}), frozenset({"unless"})
# Dependencies by which a verb complements another whose subject it shares.
CHAIN_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp"})
MAX_HOPS = 8
# "Israel is opposed to the plan", "Serb forces were engaged in fighting": states of the
# subject, not passives of a deed done to it.
STATIVE_PARTICIPLES = frozenset({"opposed", "committed", "determined", "prepared", "resolved",
                                 "engaged", "involved", "poised", "set", "inclined"})
NOMINAL_DEPS = frozenset({"amod", "compound", "dobj", "pobj", "nsubj", "nsubjpass", "attr",
                          "appos", "poss"})


@dataclass(frozen=True)
class Predicate:
    """A verb with its arguments, read from the parse; its mood is read when first asked for
    (most verbs of a text match no pattern and never need it)."""

    verb: Token
    lemma: str
    subjects: tuple[Token, ...]
    objects: tuple[Token, ...]
    recipients: tuple[Token, ...]  # indirect objects: "gave [Tanzania] a grant"
    preps: tuple[tuple[str, Token], ...]  # (preposition, its object)
    passive: bool
    roles: Mapping[str, str] = field(compare=False, repr=False)  # complement roles

    @cached_property
    def particle(self) -> str | None:
        """A particle, or else an adjective the verb predicates of its object, which patterns
        name the same way: 'held [responsible]'."""
        return next((c.lower_ for c in self.verb.children if c.dep_ == "prt"),
                    None) or _object_predicate(self.verb)

    @cached_property
    def negated(self) -> bool:
        """Whether the verb is negated."""
        return is_negated(self.verb)

    @cached_property
    def modality(self) -> str:
        """asserted | intended | hypothetical | reported."""
        return modality_of(self.verb, self.roles)

    @cached_property
    def governor(self) -> Token | None:
        """The verb or adjective this one complements: 'agreed to [meet]'."""
        return governor_of(self.verb)

    @cached_property
    def governor_role(self) -> str | None:
        """The complement role under the governor: intent, appeal, demand, reject, ..."""
        governor = self.governor
        return complement_role(self.verb, governor, self.roles) if governor is not None else None

    @cached_property
    def in_condition(self) -> bool:
        """Inside an 'if' or 'unless' clause."""
        return in_condition(self.verb)

    @cached_property
    def obligation(self) -> bool:
        """'Iraq must cooperate'."""
        return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in self.verb.children)

    @cached_property
    def ultimatum(self) -> bool:
        """'will withdraw unless ...': a deed made conditional on the other side."""
        return bool(conditions(self.verb, UNLESS))

    @cached_property
    def conditional(self) -> bool:
        """'will arrest them if they return': the deed has a condition."""
        return bool(conditions(self.verb))


def conditions(verb: Token, marks: frozenset[str] = CONDITIONAL_MARKS) -> list[Token]:
    """The clauses that set a condition on a verb, by the words that mark them: 'if ...',
    'unless ...'."""
    return [c for c in verb.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)]


def lemma_candidates(token: Token) -> list[str]:
    """The parser's lemma, then lemmas guessed from the inflection: the small model sometimes
    lemmatizes wrongly ('staged' as 'stag'), and the lexicon should still find the verb."""
    lower = token.lower_
    found = [token.lemma_.lower(), lower]
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"),
                                ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)] + replacement
            found.append(stem)
            if replacement == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # "shelled" -> "shell", "planned" -> "plan"
    return list(dict.fromkeys(found))




def modifies_root_noun(verb: Token) -> bool:
    """A clause on the sentence's root noun: the parser took the main verb for a modifier
    ('Thai opposition parties [called] on Thaksin to step down')."""
    return verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "ROOT"


def has_infinitive_to(verb: Token) -> bool:
    """Whether a verb is a to-infinitive: 'to [protest]'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def role_of(word: Token, roles: Mapping[str, str]) -> str | None:
    """The complement role of a governing word ('agreed' -> intent), if it has one."""
    return next((roles[w] for w in lemma_candidates(word) if w in roles), None)


def complement_role(verb: Token, governor: Token, roles: Mapping[str, str]) -> str | None:
    """How a complement counts under its governor; an intent for someone else to act is an
    appeal to them: 'Russia wants [Ukraine] to withdraw', 'expects Iran to comply'."""
    role = role_of(governor, roles)
    first = first_conjunct(verb)
    if first.dep_ == "pcomp" and first.head.lower_ == "against":
        return "reject"  # "decided against sending troops", "voted against imposing sanctions"
    if role == "intent" and has_infinitive_to(first) and any(
            c.dep_ == "nsubj" for c in first.children):
        return "appeal"
    return role




def _object_predicate(verb: Token) -> str | None:
    """An adjective the verb predicates of its object: 'held India [responsible]', also where
    the parser hangs it on the object as a modifier after it."""
    for child in verb.children:
        if child.dep_ == "oprd" and child.pos_ == "ADJ":
            return child.lower_
        if child.dep_ == "dobj":
            after = [a for a in child.children if a.dep_ == "amod" and a.i > child.i]
            if after:
                return after[0].lower_
    return None


def noun_aim(verb: Token) -> bool:
    """A to-infinitive that says what a noun the sentence's verb takes aims at: 'announced
    plans [to hold] talks', 'made a pledge [to withdraw]', 'issued a threat [to strike]'."""
    return (verb.dep_ == "acl" and has_infinitive_to(verb) and verb.head.dep_ == "dobj"
            and verb.head.head.lemma_.lower() in putting_verbs())


# Roles of nouns whose aim, told by a to-infinitive, is news: plans, pledges, threats.
AIM_ROLES = frozenset({"intent", "threaten"})


def background(verb: Token, roles: Mapping[str, str] | None = None) -> bool:
    """A clause that describes a noun: 'a helicopter that was captured last week', 'convoys
    to feed the hungry', 'gunboats intercepting a ship' tell what the news is about, not what
    happened in it, unless the noun is the sentence's root (see modifies_root_noun). So do
    the complements of such a clause: 'Le Pen, who denies she wants [to ban] Islam'."""
    for _ in range(MAX_HOPS):
        verb = first_conjunct(verb)
        if verb.dep_ in ("relcl", "acl") and not modifies_root_noun(verb) and not (
                noun_aim(verb) and role_of(verb.head, roles or {}) in AIM_ROLES) and not (
                says_document(verb)):
            return True
        governor = governor_of(verb)
        if governor is None:
            return False
        verb = governor
    return False


def says_document(verb: Token) -> bool:
    """A participle that tells what a text put forward says: 'passed a resolution [calling]
    on all states', 'a statement [condemning] the strike was issued'."""
    document = verb.head
    return (verb.dep_ == "acl" and verb.tag_ == "VBG"
            and document.lemma_.lower() in document_nouns()
            and document.head.lemma_.lower() in putting_verbs()
            and document.dep_ in ("dobj", "nsubjpass"))


def issuers(document: Token) -> list[Token]:
    """Who issues a text: its owner ('the UN resolution', 'a statement by Iran'), else the
    doer of the verb that issued it ('Parliament passed a resolution', 'was issued by Iran')."""
    owners = [c for c in document.children if c.dep_ in ("poss", "compound", "amod")]
    owners += [o for p, o in preps_of(document) if p in ("by", "from", "of")]
    if owners:
        return owners
    if document.dep_ == "nsubjpass":
        return [o for p, o in preps_of(document.head) if p == "by"]
    return inherited_subjects(document.head)


def governor_of(verb: Token) -> Token | None:
    """The word a verb complements: 'agreed to [meet]', 'willing to [withdraw]', 'said [it]',
    'plans [to hold]', and so does a verb coordinated with it: 'threatened to cut ties and
    [expel] diplomats'."""
    verb = first_conjunct(verb)
    if verb.head.i == verb.i:
        return None
    if noun_aim(verb):
        return verb.head
    if says_document(verb):  # "[passed] a resolution calling on"
        return verb.head.head
    if verb.dep_ in ("xcomp", "ccomp") or (verb.dep_ == "advcl" and has_infinitive_to(verb)):
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "committed to opening"
        return verb.head.head
    return None


def inherited_subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, taken from its governor when it has none of its own."""
    deps = SUBJECT_DEPS
    for _ in range(MAX_HOPS):
        own = [c for c in verb.children if c.dep_ in deps]
        if own and own[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        if not own and says_document(verb):
            return issuers(verb.head)
        if own:
            return own
        if noun_aim(verb):  # "Fiji announced plans to hold talks": Fiji's plans
            verb = verb.head.head
            deps = SUBJECT_DEPS | {"nsubjpass"}
            continue
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and (
                verb.tag_ == "VBG" or modifies_root_noun(verb))):  # the noun is the subject
            return [verb.head]
        if verb.dep_ not in CHAIN_DEPS or verb.head.i == verb.i:
            return []
        if verb.dep_ == "ccomp" and not has_infinitive_to(verb):
            return []  # "said [Iran attacked]": the speaker is not the attacker
        if verb.dep_ == "xcomp":  # object control: "urged Iran to talk": Iran talks
            controllers = [c for c in verb.head.children if c.dep_ == "dobj"]
            if controllers:
                return controllers
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "committed to [opening]"
            verb = verb.head
        verb = verb.head
        # A passive governor's subject does the deed: "Erdogan is expected to [visit]",
        # "Iran was urged to [talk]".
        deps = SUBJECT_DEPS | {"nsubjpass"}
        if verb.dep_ == "acomp":  # "is willing to withdraw": the subject of "is"
            verb = verb.head
    return []


def is_negated(verb: Token) -> bool:
    """Whether the verb is negated: 'did not attack', 'never met', or its object is none:
    'reached [no] agreement', '[no] agreement was reached', 'has [no] plans to attack'."""
    if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if noun_aim(verb):
        objects.append(verb.head)
    return any(d.dep_ == "det" and d.lower_ == "no" for o in objects for d in o.children)


def _aux_modality(token: Token, pledge: bool = False) -> str | None:
    children = list(token.children)
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return "hypothetical"
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if not pledge and auxes & CONDITIONAL_AUX and conditions(token, IF):
        return "hypothetical"  # "a poll found he would lose if the vote were held today"
    if auxes & FUTURE_AUX:
        return "intended"
    if auxes & HYPOTHETICAL_AUX:
        return "hypothetical"
    if token.lower_ == "going" and any(c.dep_ == "xcomp" for c in children):
        return "intended"
    return None


def _pledged(verb: Token) -> bool:
    """Whether a reported clause is its speakers' own word ("they said they would meet him
    if ..."): a conditional offer, where a "would ... if" about others is a prediction."""
    return verb.dep_ == "ccomp" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in verb.children)


def modality_of(verb: Token, roles: Mapping[str, str]) -> str:
    """Asserted, intended, hypothetical or reported, from auxiliaries and governing words."""
    token = verb
    for _ in range(MAX_HOPS):
        found = _aux_modality(token, _pledged(token))
        if found is not None:
            return found
        governor = governor_of(token)
        if governor is None:
            if token.dep_ in ("conj", "advcl") and token.head.i != token.i:
                token = token.head
                continue
            return "asserted"
        role = complement_role(token, governor, roles)
        if role == "intent":
            return "intended"
        if role in ("appeal", "demand", "reject", "threaten", "fail"):
            return "hypothetical"
        if role == "speech":
            return _aux_modality(token, _pledged(token)) or "reported"
        token = governor.head if governor.dep_ == "acomp" else governor
    return "asserted"


def in_condition(verb: Token) -> bool:
    """Whether the verb sits in an 'if' or 'unless' clause (a condition, not a deed)."""
    token = verb
    for _ in range(MAX_HOPS):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children):
            return True
        if token.dep_ not in ("conj", "xcomp") or token.head.i == token.i:
            return False
        token = token.head
    return False


def predicates(doc: Doc, roles: Mapping[str, str]) -> Iterator[Predicate]:
    """Every verb of the document as a predicate."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.dep_ in NOMINAL_DEPS:
            continue  # "the wounded", "a besieged town": participles used as nouns or adjectives
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and not (
            verb.lower_ in STATIVE_PARTICIPLES and not any(p == "by" for p, _ in preps_of(verb)))
        objects = [o for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                   for o in conjuncts(c)]
        preps = preps_of(verb)
        if passive and not objects:
            # "returned home, having been [detained]": a participle's patient is its clause's
            # subject
            objects = [s for subj in inherited_subjects(verb) for s in conjuncts(subj)]
        if passive:
            subjects = [obj for prep, obj in preps if prep == "by"]
            preps = [(p, o) for p, o in preps if p != "by"]
        else:
            subjects = [s for subj in inherited_subjects(verb) for s in conjuncts(subj)]
            subjects += [s for c in verb.children if c.dep_ == "nsubjpass" for s in conjuncts(c)]
            objects = [o for o in objects if o.dep_ != "nsubjpass"]
        yield Predicate(
            verb=verb,
            lemma=verb.lemma_.lower(),
            subjects=tuple(subjects),
            objects=tuple(objects),
            recipients=tuple(o for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"
                             for o in conjuncts(c)),
            preps=tuple(preps),
            passive=passive,
            roles=roles,
        )
