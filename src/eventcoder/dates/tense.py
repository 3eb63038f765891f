"""Which way an expression points, read from the verb it modifies in the parse: a past verb
makes "in October" last October, a future, present or scheduling one the next."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from ..resources import data_error, package_file, read_tsv

SETS = ("future_aux", "past_aux", "present_aux", "future_governor", "schedule_participle",
        "deferral_verb", "ahead_adjective")
# Prepositions that take a deferred event to its new date: "postponed until Friday".
DEFERRAL_PREPOSITIONS = frozenset({"until", "till", "to"})


@dataclass(frozen=True)
class TenseWords:
    """The word sets of data/tense_words.tsv, one field per set."""

    future_aux: frozenset[str]
    past_aux: frozenset[str]
    present_aux: frozenset[str]
    future_governor: frozenset[str]
    schedule_participle: frozenset[str]
    deferral_verb: frozenset[str]
    ahead_adjective: frozenset[str]


@cache
def tense_words(path: Path | None = None) -> TenseWords:
    """The tense words, validated: errors name the file and line."""
    path = path or package_file("dates", "tense_words.tsv")
    found: dict[str, set[str]] = {name: set() for name in SETS}
    for line, row in read_tsv(path, ("set", "word")):
        if row["set"] not in found:
            raise data_error(path, line, f"unknown set {row['set']!r}")
        found[row["set"]].add(row["word"].lower())
    return TenseWords(**{name: frozenset(words) for name, words in found.items()})


WORDS = tense_words()




def tense_of(verb: Token | None) -> str | None:
    """Future, past or present, from auxiliaries, tags and governing words; None if unknown."""
    hops = 0
    while verb is not None and hops < 6:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & WORDS.future_aux or (
                verb.lemma_ in WORDS.schedule_participle and verb.tag_ in ("VBN", "JJ")):
            return "future"
        if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
            return "future"
        if "to" in aux:
            head = verb.head
            if head.i == verb.i or head.lemma_ in WORDS.future_governor or verb.dep_ == "relcl":
                return "future"
            verb, hops = head, hops + 1
            continue
        if verb.tag_ == "VBD" or aux & WORDS.past_aux:
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or aux & WORDS.present_aux:
            return "present"
        if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod"):
            return "past"
        if verb.head.i == verb.i:
            return None
        verb, hops = verb.head, hops + 1
    return None


def looks_ahead(span: Span, verb: Token | None) -> bool:
    """Whether an expression points forward: a future or present verb, 'for' a date ("called a
    strike for Monday"), a deferral ("postponed until Friday") or a forward adjective
    ("payable Dec. 7")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    root = span.root
    if (root.dep_ == "pobj" and root.head.lower_ == "for") or (
            before is not None and before.lower_ == "for"):
        return True
    governor = root.head.head if root.dep_ == "pobj" else root.head
    if root.dep_ == "pobj" and root.head.lower_ in DEFERRAL_PREPOSITIONS and (
            governor.lemma_ in WORDS.deferral_verb):
        return True
    if governor.pos_ == "ADJ" and governor.lower_ in WORDS.ahead_adjective:
        return True
    return tense_of(verb) in ("future", "present")
