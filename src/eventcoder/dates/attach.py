"""The date of an event: the expression attached to the event's own predicate, never the time
of the speech that reports it."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import TimeValue
from .finder import FoundTime

# Dependents of a verb whose date phrases date the clause: "held talks on Monday".
CLAUSE_NOUNS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})


def date_of_event(anchor: Token, times: list[FoundTime], trigger: Token | None = None
                  ) -> TimeValue | None:
    """The time in the event's own clause: on its trigger noun, its verb, or the verbs that
    verb complements; never the time of a verb of speech that reports it."""
    dated = [t for t in times if t.value.value is not None]
    if trigger is not None and trigger.i != anchor.i:
        own = next((t for t in dated if t.head is not None and t.head.i == trigger.i), None)
        if own is not None:
            return own.value
    verb: Token | None = anchor
    hops = 0
    while verb is not None and hops < 6:
        direct = [t for t in dated if t.head is not None and t.head.i == verb.i]
        if direct:
            return direct[0].value
        near = [t for t in dated if t.head is not None and not t.modifier
                and t.head.dep_ in CLAUSE_NOUNS and t.head.head.i == verb.i]
        if near:
            return near[0].value
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb, hops = verb.head, hops + 1
    return None
