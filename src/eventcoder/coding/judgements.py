"""Judgements a speaker passes on a party: 'said they are responsible' (112), 'said the
decision is a blatant attack on rights' (111), 'said the measure is not good' (111)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..actors import ActorAnalysis
from ..resources import data_error, package_file, read_tsv
from ..syntax import conjuncts
from .arguments import actors_of, lemma_fit, owners, subject_actors
from .drafts import Consideration, Draft, confidence, same_party
from .lexicon import Lexicon, Pattern, read_lemmas
from .predicates import is_negated, role_of

# When a word judges: always, only when denied ("not good"), or only when the deed it names is
# a harm ("responsible for the shelling", not "responsible for publishing the statement").
WHEN = frozenset({"any", "negated", "harm"})
# Roots of the deeds that count as harms: demands and worse (10-20).
HARM_ROOTS = frozenset({"10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})


@dataclass(frozen=True)
class Judgement:
    """A word of judgement, its code, and when it judges."""

    pattern: Pattern
    when: str


@lru_cache(maxsize=1)
def judgement_words() -> dict[str, Judgement]:
    """The packaged words of judgement (coding/data/judgement_words.tsv)."""
    path = package_file("coding", "judgement_words.tsv")
    words = {}
    for line, row in read_tsv(path, ("lemma", "code", "when")):
        if row["when"] not in WHEN:
            raise data_error(path, line, f"'when' must be one of {sorted(WHEN)}")
        lemma = row["lemma"].lower()
        words[lemma] = Judgement(Pattern(f"judge-{lemma}", lemma, False, row["code"]),
                                 row["when"])
    return words


def _attribute(copula: Token) -> Token | None:
    """What a copula says its subject is: 'are [responsible]', 'is a blatant [attack]'."""
    return next((c for c in copula.children if c.dep_ in ("acomp", "attr")), None)


def _names_a_duty(attribute: Token, lexicon: Lexicon) -> bool:
    """A deed or a charge named after the word that is no harm: 'responsible for [publishing]
    the statement' or 'for [security]' is a duty, 'responsible for [shelling] the town' or
    'for the deaths' a blame."""
    named = [o for prep in attribute.children if prep.dep_ == "prep"
             for o in prep.children if o.dep_ in ("pcomp", "pobj")]
    deeds = [o for o in named if o.tag_ == "VBG"]
    if any(o.lemma_.lower() in duty_nouns() for o in named if o not in deeds):
        return True  # "responsible for security in the region"
    return bool(deeds) and not any(_harmful(deed, lexicon) for deed in deeds)


@lru_cache(maxsize=1)
def duty_nouns() -> frozenset[str]:
    """What one is responsible for as a duty (coding/data/duty_nouns.tsv)."""
    return read_lemmas(package_file("coding", "duty_nouns.tsv"))


def alleged_deeds(doc: Doc, judged: list[Draft]) -> set[int]:
    """The deeds a judgement names, alleged rather than told as done: 'said the army was
    responsible for [shelling] the town'."""
    return {o.i for draft in judged for prep in doc[draft.trigger_start].children
            if prep.dep_ == "prep" for o in prep.children if o.dep_ == "pcomp"}


def _harmful(deed: Token, lexicon: Lexicon) -> bool:
    """Whether a verb with its objects is a harm: a pattern of a hostile root fits it."""
    objects = [c for c in deed.children if c.dep_ == "dobj"]
    return any(pattern.code[:2] in HARM_ROOTS and not pattern.prep
               and (not pattern.objects or lemma_fit(objects, pattern.objects))
               for pattern in lexicon.verbs.get(deed.lemma_.lower(), ()))


def _extraposed(subject: Token) -> bool:
    """An 'it' that stands for a clause after it: 'it is unacceptable [that people are
    detained]', 'it is unjust [to pay]' judge a deed, not a party."""
    copula = subject.head
    attribute = _attribute(copula)
    words = [*copula.children, *(attribute.children if attribute is not None else ())]
    return subject.lower_ == "it" and any(
        c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") and c.i > subject.i for c in words)


def code_judgements(doc: Doc, lexicon: Lexicon, actors: ActorAnalysis,
                    considered: list[Consideration]) -> Iterator[Draft]:
    """Judgements told in a speaker's words, from the speaker to the party judged."""
    words = judgement_words()
    for copula in doc:
        if copula.lemma_ != "be" or copula.dep_ != "ccomp":
            continue
        speech = copula.head
        attribute = _attribute(copula)
        if attribute is None or role_of(speech, lexicon.roles) != "speech":
            continue
        judgement = words.get(attribute.lemma_.lower())
        if judgement is None or (judgement.when == "negated") != is_negated(copula) or (
                judgement.when == "harm" and _names_a_duty(attribute, lexicon)):
            continue
        subjects = [s for c in copula.children if c.dep_ == "nsubj" and not _extraposed(c)
                    for s in conjuncts(c)]
        # "they are responsible": the party itself; "the decision is an attack": its owner
        targets = actors_of(subjects, actors) or owners(subjects, actors)
        sources = subject_actors(speech, actors)
        rule = judgement.pattern.id
        if not sources or not targets:
            considered.append(Consideration(attribute, f"rule {rule}: no "
                                            f"{'speaker' if not sources else 'party judged'}"))
            continue
        considered.append(Consideration(attribute, f"rule {rule}: coded "
                                        f"{judgement.pattern.code}"))
        for source in sources:
            for target in targets:
                if not same_party(source, target):
                    yield Draft(attribute.i, attribute.i + 1, speech, source, target,
                                judgement.pattern.code, False, "asserted", rule,
                                confidence(judgement.pattern, source, target, "asserted"))
