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
from .arguments import actors_of, owners, subject_actors
from .drafts import Consideration, Draft, confidence, same_party
from .lexicon import Lexicon, Pattern
from .predicates import is_negated, role_of

WHEN = frozenset({"any", "negated"})


@dataclass(frozen=True)
class Judgement:
    """A word of judgement, its code, and whether it judges only when denied."""

    pattern: Pattern
    only_negated: bool


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
                                 row["when"] == "negated")
    return words


def _attribute(copula: Token) -> Token | None:
    """What a copula says its subject is: 'are [responsible]', 'is a blatant [attack]'."""
    return next((c for c in copula.children if c.dep_ in ("acomp", "attr")), None)


def _extraposed(subject: Token) -> bool:
    """An 'it' that stands for a clause after it: 'it is unacceptable [that people are
    detained]', 'it is unjust [to pay]' judge a deed, not a party."""
    copula = subject.head
    return subject.lower_ == "it" and any(
        c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") and c.i > subject.i
        for c in copula.children)


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
        negated = is_negated(copula)
        if judgement is None or judgement.only_negated != negated:
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
