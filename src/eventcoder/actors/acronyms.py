"""Initials of a name the story has used: 'the Palestinian Authority's prime minister ... the
PA' makes 'PA' that organisation for the rest of the story, as a parenthesis would; without
the name before, an ambiguous abbreviation such as PA stays unknown."""

from __future__ import annotations

from datetime import date

from .candidate import Candidate, org_key
from .kb import KnowledgeBase
from .matching import KbMatch
from .words import DocWords

# Small words that initials skip: "Reserve Bank of India" is RBI.
SKIPPED = frozenset({"of", "the", "and", "for", "&", "de", "'s"})


def initials(words: list[str]) -> str:
    """The capital initials of a name's words, small words skipped."""
    return "".join(w[0].upper() for w in words if w.lower() not in SKIPPED and w[0].isalpha())


def acronym_aliases(read: DocWords, kb_matches: list[KbMatch], kb: KnowledgeBase,
                    candidates: list[Candidate], published: date | None) -> None:
    """An abbreviation that is no actor of its own and spells the initials of an
    organisation named earlier is a mention of that organisation."""
    named = sorted((m for m in kb_matches if m.term.kind == "organisation"),
                   key=lambda m: m.span.start)
    matched = {t for m in kb_matches for t in range(m.span.start, m.span.end)}
    heads = {c.head.i for c in candidates}
    doc = read.doc
    for i, text in enumerate(read.text):
        short = text.replace(".", "")
        if (not 2 <= len(short) <= 6 or not short.isalpha() or not short.isupper()
                or i in matched or i in heads):
            continue
        token = doc[i]
        match = next((m for m in reversed(named) if m.span.end <= token.i
                      and len(m.span) > 1 and initials([t.text for t in m.span]) == short),
                     None)
        if match is None:
            continue
        org = kb.organisations[match.term.ref]
        sector = kb.organisation_sector(org.code, published)
        candidates.append(Candidate(token, doc[token.i:token.i + 1],
                                    org_key(org.code, sector, org.sector), org.name,
                                    "organisation", org.country, sector, org.code))
