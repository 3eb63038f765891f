"""In-document reference: appositions, surnames, pronouns, possessives and noun phrases that
refer back ('the country', 'both sides') join the actors named earlier."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

PERSONAL_PRONOUNS = frozenset({"he", "she"})
SUBJECT_PRONOUNS = PERSONAL_PRONOUNS | {"it", "they", "we"}
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our", "his", "her"})


@dataclass
class Candidate:
    """A noun phrase found to name an actor, before actors are merged."""

    head: Token
    span: Span
    key: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    kb_id: str | None = None
    name_tokens: tuple[str, ...] = field(default_factory=tuple)
    coordinated_with: int | None = None  # head of the phrase this actor shares


def _antecedents(kind: str, earlier: list[Candidate]) -> list[Candidate]:
    """Earlier actors an anaphor of a kind can refer to, nearest first."""
    if kind == "organisation":
        return [c for c in earlier if c.kind == "organisation"]
    if kind == "media":
        return [c for c in earlier if c.sector == "MED"]
    return [c for c in earlier if c.kind == "country" and c.country]


def refer_back(anaphors: list[Span], candidates: list[Candidate]) -> None:
    """'The country', 'the newspaper', 'both sides' refer to actors named earlier."""
    for span in anaphors:
        head = span.root
        if any(c.head.i == head.i and c.country for c in candidates):
            continue  # "the country's president" etc. is already an actor
        earlier = sorted((c for c in candidates if c.span.end <= span.start
                          and c.head.sent.start >= span.sent.start - 120),
                         key=lambda c: -c.head.i)
        found: list[Candidate] = []
        for cand in _antecedents(span.label_, earlier):
            if all(cand.key != other.key for other in found):
                found.append(cand)
        wanted = 2 if span.label_ == "pair" else 1
        if len(found) < wanted:
            continue
        candidates[:] = [c for c in candidates if c.head.i != head.i]
        for number, ante in enumerate(found[:wanted]):
            candidates.append(Candidate(head, span, ante.key, ante.name, ante.kind, ante.country,
                                         ante.sector, ante.kb_id, ante.name_tokens,
                                         coordinated_with=head.i if number else None))


def own_possessives(candidates: list[Candidate]) -> None:
    """'Syria offered its troops': a possessive pronoun gives the country of the owner."""
    for index, cand in enumerate(candidates):
        if cand.country is not None or cand.kind not in ("group", "person") or cand.name_tokens:
            continue
        pronoun = next((c.lower_ for c in cand.head.children
                        if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
        if pronoun is None:
            continue
        wanted = ("person",) if pronoun in ("his", "her") else ("country", "organisation", "group")
        owner = next((c for c in reversed(candidates[:index])
                      if c.kind in wanted and c.country
                      and c.head.sent.start >= cand.head.sent.start - 60), None)
        if owner is not None:
            cand.country = owner.country
            cand.key = f"group:{owner.country}:{cand.sector}"


def merge_appositions(candidates: list[Candidate]) -> None:
    """'Rouhani, the Iranian president,' and 'the Iranian president, Rouhani': one actor."""
    by_head = {c.head.i: c for c in candidates}
    for cand in candidates:
        for child in cand.head.children:
            other = by_head.get(child.i)
            if child.dep_ != "appos" or other is None:
                continue
            person, role = (cand, other) if cand.kind == "person" and cand.name_tokens else (
                other, cand)
            if not (person.kind == "person" and person.name_tokens):
                continue  # "Pakistan, a key U.S. ally": two actors, not one
            person.country = person.country or role.country
            person.sector = person.sector or role.sector
            role.key, role.name, role.kind = person.key, person.name, person.kind
            role.country, role.sector, role.kb_id = person.country, person.sector, person.kb_id
            role.name_tokens = person.name_tokens
            if person.kb_id is None:
                person.key = role.key = f"person:{person.name}"


def link_surnames(candidates: list[Candidate]) -> None:
    """A bare surname inherits the earlier full mention of the same person."""
    people = [c for c in candidates if c.kind == "person" and c.name_tokens]
    for index, cand in enumerate(people):
        if cand.kb_id is not None:
            continue
        for earlier in reversed(people[:index]):
            tail = earlier.name_tokens[-len(cand.name_tokens):]
            if earlier.name_tokens != cand.name_tokens and tail == cand.name_tokens:
                cand.key, cand.name, cand.kb_id = earlier.key, earlier.name, earlier.kb_id
                cand.country = cand.country or earlier.country
                cand.sector = cand.sector or earlier.sector
                break


def _main_subject(token: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """The subject of the clause an adverbial clause hangs on: in 'bombers killed 23 people
    when they blew themselves up', they are the bombers, not the nearer people."""
    verb = token.head
    if verb.dep_ != "advcl" or verb.head.i == verb.i:
        return None
    subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return by_head.get(subjects[0].i) if subjects else None


def _clause_speaker(token: Token, by_head: dict[int, Candidate],
                    speech_verbs: frozenset[str]) -> Candidate | None:
    """The speaker of the reported clause a subject pronoun stands in: 'Iran said it ...'."""
    verb = token.head
    for _ in range(4):
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "ccomp" and verb.head.lemma_ in speech_verbs:
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return by_head.get(subjects[0].i) if subjects else None
        return None
    return None


def _inside_quotes(token: Token) -> bool:
    """Whether a token stands inside quotation marks in its sentence."""
    before = token.doc.text[token.sent.start_char:token.idx]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _fits(pronoun: str, cand: Candidate) -> bool:
    if pronoun in PERSONAL_PRONOUNS:
        return cand.kind == "person"  # "Scholz", or a person named by a title: "the mayor"
    if pronoun == "it":
        return cand.kind in ("country", "organisation") or (
            cand.kind == "group" and cand.head.tag_ == "NN")
    return cand.kind != "person" or not cand.name_tokens  # they, we: groups and countries


class _Antecedents:
    """Earlier actors in text order, searched back from a pronoun within a window."""

    WINDOW = 150  # tokens, about five sentences

    def __init__(self, candidates: list[Candidate]) -> None:
        self.ordered = sorted(candidates, key=lambda c: c.head.i)
        self.heads = [c.head.i for c in self.ordered]
        self.quoted: dict[int, bool] = {}

    def nearest(self, token: Token, pronoun: str) -> Candidate | None:
        """The nearest earlier actor the pronoun can stand for, outside quotations."""
        for index in range(bisect_left(self.heads, token.i) - 1, -1, -1):
            cand = self.ordered[index]
            if token.i - cand.head.i > self.WINDOW:
                return None
            if not _fits(pronoun, cand):
                continue
            if cand.head.i not in self.quoted:
                self.quoted[cand.head.i] = _inside_quotes(cand.head)
            if not self.quoted[cand.head.i]:  # "'Putin will fail,' he added": he is not Putin
                return cand
        return None


def link_pronouns(doc: Doc, candidates: list[Candidate], speech_verbs: frozenset[str]
                   ) -> None:
    """Subject pronouns refer to the speaker whose words they stand in, else to the nearest
    earlier compatible actor: he and she to people, it to countries and organisations."""
    by_head = {c.head.i: c for c in candidates}
    antecedents = _Antecedents(candidates)
    for token in doc:
        pronoun = token.lower_
        if pronoun not in SUBJECT_PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        ante = _clause_speaker(token, by_head, speech_verbs)
        if ante is None or not _fits(pronoun, ante):
            ante = _main_subject(token, by_head)
        if ante is None or not _fits(pronoun, ante):
            ante = antecedents.nearest(token, pronoun)
        if ante is None and pronoun == "we":
            # "'We will not negotiate,' the minister said": we is the speaker's side.
            speaker = _clause_speaker(token, by_head, speech_verbs)
            if speaker is not None and speaker.country:
                candidates.append(Candidate(
                    token, doc[token.i:token.i + 1], f"group:{speaker.country}:{speaker.sector}",
                    speaker.country, "group", speaker.country, speaker.sector))
            continue
        if ante is not None:
            candidates.append(Candidate(token, doc[token.i:token.i + 1], ante.key, ante.name,
                                         ante.kind, ante.country, ante.sector, ante.kb_id,
                                         ante.name_tokens))
