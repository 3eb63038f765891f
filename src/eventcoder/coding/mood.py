"""How a deed is stated changes its code: 'will meet' is an intent (036), 'will impose
sanctions' a threat (1312), 'will not release' a refusal (1243)."""

from __future__ import annotations

from .lexicon import Lexicon, Pattern

# Roots whose deeds, stated as intended, are threats (CAMEO 13x).
HOSTILE_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
# Roots whose deeds, stated as intended, are expressions of intent (CAMEO 03x).
COOPERATIVE_ROOTS = frozenset({"02", "03", "04", "05", "06", "07", "08", "09"})


def stated_code(lexicon: Lexicon, pattern: Pattern, negated: bool, modality: str,
                 ultimatum: bool = False, conditional: bool = False) -> tuple[str, bool, str]:
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
    if modality != "intended" or (
            not conditional and lexicon.derive("announced", pattern.code)):
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
