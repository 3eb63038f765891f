"""An event's location: the place in the event's own clause and how it stands there."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Place
from .resolver import FoundPlace
from .roles import GEO_NOUNS, place_role


def location_of_event(anchor: Token, places: list[FoundPlace], trigger: Token | None = None
                      ) -> tuple[Place, str] | None:
    """The place in the event's own clause and how it stands there: 'met in Geneva' (prep),
    'shelled Kharkiv' (object), 'a visit to Kyiv', 'the Gaza ceasefire' (noun); None when the
    clause names none (the actor's country is no default)."""
    at = {p.root.i: p.value for p in places}
    if trigger is not None and trigger.i != anchor.i:
        found = _place_of(trigger, at, "noun")
        if found is not None:
            return found
    verb: Token | None = anchor
    hops = 0
    while verb is not None and hops < 6:
        found = _place_in_clause(verb, at)
        if found is not None:
            return found
        if hops == 0:  # "agreed to set up a centre in Tokyo": the deed agreed to
            for deed in verb.children:
                if deed.dep_ == "xcomp" and deed.pos_ == "VERB":
                    found = _place_in_clause(deed, at)
                    if found is not None:
                        return found
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb, hops = verb.head, hops + 1
    return None


def _place_in_clause(verb: Token, at: dict[int, Place]) -> tuple[Place, str] | None:
    """A place on the verb, on its subject or object, or on a prepositional object."""
    found = _place_of(verb, at, None)
    if found is not None:
        return found
    # Places on the nouns of the clause: "paid a visit to Kyiv", "protesters in Minsk".
    for noun in verb.children:
        if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            found = _place_of(noun, at, "noun")
            if found is not None:
                return found
    # A phrase of place the parser hung on a prepositional object of the verb:
    # "clashed with militias on the outskirts of Khartoum".
    for prep in verb.children:
        if prep.dep_ == "prep":
            for obj in prep.children:
                found = _place_of(obj, at, "prep") if obj.dep_ == "pobj" else None
                if found is not None:
                    return found
    return None


def _place_of(token: Token, at: dict[int, Place], source: str | None
              ) -> tuple[Place, str] | None:
    """A place hanging on the token: a prepositional object of place, the object of a
    movement or attack, or a place name compounded with it."""
    for child in token.children:
        slots = [child]
        if child.dep_ in ("prep", "dative"):
            # "outside of the city": the object hangs on a second preposition
            objects = [o for o in child.children if o.dep_ == "pobj"] or [
                o for of in child.children if of.dep_ == "prep" and of.lower_ == "of"
                for o in of.children if o.dep_ == "pobj"]
            slots = [t for o in objects for t in (o, *o.conjuncts)]
        for slot in slots:
            place = at.get(slot.i)
            if place is None and slot.dep_ == "pobj" and slot.lemma_.lower() in GEO_NOUNS:
                # "on the outskirts of Khartoum", "in the north of Lebanon", "in the capital
                # Kabul"
                inner = [o for p in slot.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj" and o.i in at]
                inner += [a for a in slot.children if a.dep_ == "appos" and a.i in at]
                if inner:
                    return at[inner[0].i], source or "prep"
            if place is None:
                continue
            role = "noun" if slot.dep_ == "compound" else place_role(slot)
            role = "noun" if role == "part" else role  # "a visit to Haiti's capital"
            if role is not None:
                return place, source or role
    return None
