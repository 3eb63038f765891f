"""The drafts the coder produces and the considerations it records for explain."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..model import ActorRef
from .lexicon import Lexicon, Pattern

# The rule step of a target that is only the clause's nearest actor, not a grammatical role.
GUESSED_TARGET = "+nearest-target"


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
    base_rule: str  # the pattern that fired and the grammar's steps: "agree+intent"
    confidence: float
    content: Token | None = None  # the deed's verb in 'threatened to [resume] attacks in X'
    guessed_target: bool = False  # the target is the clause's nearest actor, not a role
    context_steps: tuple[str, ...] = ()  # what the context filled in: "place-source", ...

    @property
    def rule(self) -> str:
        """The rule id: the pattern, the grammar's steps, a guessed target, the context's."""
        guessed = (GUESSED_TARGET,) if self.guessed_target else ()
        return "".join((self.base_rule, *guessed, *(f"+{s}" for s in self.context_steps)))


@dataclass(frozen=True)
class Consideration:
    """A word that could have triggered an event, and what came of it (for explain)."""

    token: Token
    outcome: str


def confidence(pattern: Pattern, source: ActorRef | None, target: ActorRef | None,
                modality: str, guessed_target: bool = False) -> float:
    """A heuristic belief in the event: full arguments and specific patterns score higher."""
    score = 0.5
    score += (0.1 if guessed_target else 0.2) if target is not None else 0.0
    score += 0.1 if pattern.specificity else 0.0
    score += 0.1 if source is not None and source.country else -0.1 if source is None else 0.0
    score -= 0.2 if modality == "hypothetical" else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _force(ref: ActorRef | None, lexicon: Lexicon) -> str:
    if ref is None:
        return "unknown"
    if ref.sector is None:
        return "state" if ref.country else "unknown"
    return lexicon.forces.get(ref.sector, "civilian")


def force_code(code: str, source: ActorRef | None, target: ActorRef | None,
               lexicon: Lexicon, weapon: str | None = None) -> tuple[str, str]:
    """A generic killing or attack by who does it to whom: a state's forces, or armed parties
    against each other, fight (19x); others, or anyone against the unarmed, assault (18x). With
    no source, the weapon tells whose force it was ('the shells killed six': a state's).
    Returns the code and the rule step ('' when unchanged)."""
    by, on = _force(source, lexicon), _force(target, lexicon)
    if by == "unknown" and weapon:
        by = weapon
    if by == "unknown" and on == "unknown":
        return code, ""
    armed = ("state", "armed")
    if by == "state" or (by != "civilian" and on in armed):
        role = "fight"
    elif on not in armed:
        role = "assault"
    else:
        return code, ""
    derived = lexicon.derive(role, code)
    return (derived, f"+{role}") if derived and derived != code else (code, "")


def same_party(source: ActorRef | None, target: ActorRef | None) -> bool:
    """Whether an event would be an actor acting on itself (then it is not coded): the same
    entity, unless two mentions of an unnamed group ('mobs attacked members of the Hindu
    community': both Indian civilians, two groups)."""
    if source is None or target is None or target.actor != source.actor:
        return False
    return source.text == target.text or not _unnamed_group(source)


def _unnamed_group(ref: ActorRef) -> bool:
    """Named by common nouns alone ('mobs', 'the protesters'), not by a name or a title."""
    return ref.sector is not None and not any(word[:1].isupper() for word in ref.text.split())
