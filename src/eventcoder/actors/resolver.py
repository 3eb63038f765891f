"""Find the actors of a parsed document: knowledge-base names, titles, sector nouns, aliases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import Actor, ActorRef, Mention
from ..nlp import SentenceIndex
from .kb import KnowledgeBase, Term

# Dependencies that keep a token inside the noun phrase of its head.
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat", "det", "case", "nummod"})
# Where a capital or seat of government names a government rather than a place.
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "appos", "conj", "dative"})
ACTOR_PREPS = frozenset(
    {"with", "against", "by", "between", "from", "on", "to", "toward", "towards"})
NON_PERSON_ENTS = frozenset(
    {"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
)
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
# "Thousands of protesters", "a group of rebels": the actor is the group counted.
QUANTITY_NOUNS = frozenset({"thousand", "hundred", "dozen", "million", "score", "group",
                            "number", "handful", "some", "many", "most", "several", "crowd"})


@dataclass(frozen=True)
class KbMatch:
    """A knowledge-base name found in the text."""

    span: Span
    term: Term


@dataclass
class ActorAnalysis:
    """The actors of one document, and which tokens refer to which actor."""

    actors: list[Actor]
    by_token: dict[int, ActorRef]
    kb_matches: list[KbMatch]

    def ref(self, token: Token) -> ActorRef | None:
        """The actor a token belongs to; an apposition names it better ('its ally the US')."""
        for child in token.children:
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        found = self.by_token.get(token.i)
        if found is None and token.lemma_.lower() in QUANTITY_NOUNS:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    objects = [o for o in prep.children if o.dep_ == "pobj"]
                    return self.by_token.get(objects[0].i) if objects else None
        return found


class ActorMatcher:
    """Knowledge-base names and sector words compiled into spaCy phrase matchers."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.terms: dict[str, Term] = {}
        for index, term in enumerate(kb.terms):
            key = f"t{index}"
            self.terms[key] = term
            self.names.add(key, [nlp.make_doc(term.text)])
        self.sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in kb.sector_words:
            # The title-cased form too: the tokenizer keeps "Gen." whole but splits "gen.".
            forms = {phrase, phrase.title()}
            self.sectors.add(phrase, [nlp.make_doc(form) for form in forms])

    def kb_matches(self, doc: Doc) -> list[KbMatch]:
        """Non-overlapping knowledge-base names in the document, longest first."""
        spans = [Span(doc, start, end, label=key) for key, start, end in self.names(doc)]
        return [KbMatch(span, self.terms[span.label_]) for span in filter_spans(spans)]

    def sector_spans(self, doc: Doc) -> list[Span]:
        """Non-overlapping sector words and titles in the document."""
        return filter_spans(self.sectors(doc, as_spans=True))


@dataclass
class _Candidate:
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


class ActorResolver:
    """Resolves the actors of parsed documents against the knowledge base."""

    def __init__(self, matcher: ActorMatcher) -> None:
        self.matcher = matcher
        self.kb = matcher.kb

    def resolve(self, doc: Doc, published: date | None) -> ActorAnalysis:
        """All actors of the document with their mentions."""
        kb_matches = self.matcher.kb_matches(doc)
        name_at = {t: m for m in kb_matches for t in range(m.span.start, m.span.end)}
        sector_at = {t: s for s in self.matcher.sector_spans(doc) for t in range(s.start, s.end)}
        candidates: list[_Candidate] = []
        for token in doc:
            if token.dep_ in PHRASE_DEPS and token.head.i != token.i:
                continue
            candidate = self._candidate(token, name_at, sector_at, published)
            if candidate is not None:
                candidates.append(candidate)
        _merge_appositions(candidates)
        _link_surnames(candidates)
        _link_pronouns(doc, candidates)
        return _build_actors(doc, candidates, kb_matches)

    def _candidate(
        self,
        head: Token,
        name_at: dict[int, KbMatch],
        sector_at: dict[int, Span],
        published: date | None,
    ) -> _Candidate | None:
        if head.pos_ not in ("NOUN", "PROPN") and head.i not in name_at:
            return None
        span = _phrase(head)
        modifiers = [name_at[t.i] for t in span if t.i in name_at and t.i != head.i]
        countries = [m.term.ref for m in modifiers if m.term.kind in ("country", "demonym", "seat")]
        country = countries[0] if countries else self._country_of_prep(head, name_at)
        titles = [sector_at[t.i] for t in span if t.i in sector_at]
        title = self.kb.sector_words[titles[-1].text.lower()] if titles else None
        match = name_at.get(head.i)

        if match is not None:
            term = match.term
            if term.kind == "person":
                p_country, p_sector, _ = self.kb.person_role(term.ref, published)
                return _Candidate(head, span, f"person:{term.ref}", term.ref, "person",
                                  p_country, p_sector, term.ref, tuple(term.ref.split()))
            if term.kind == "organisation":
                org = self.kb.organisations[term.ref]
                return _Candidate(head, span, f"org:{org.code}", org.name, "organisation",
                                  org.country or country, org.sector, org.code)
            if term.kind == "seat" and not _in_actor_slot(head):
                return None
            if term.kind in ("country", "demonym", "seat"):
                name = self.kb.countries[term.ref].name
                sector = term.sector if term.kind == "seat" else None
                return _Candidate(head, span, f"group:{term.ref}:{sector}", name, "country",
                                  term.ref, sector, term.ref)
        if head.pos_ == "PROPN" and head.ent_type_ not in NON_PERSON_ENTS:
            name_tokens = tuple(t.text for t in span if t.pos_ == "PROPN"
                                and t.i not in sector_at and t.i not in name_at)
            is_person = head.ent_type_ == "PERSON" or (title is not None and title.kind == "person")
            if name_tokens and is_person:
                sector = title.sector if title else None
                name = " ".join(name_tokens)
                return _Candidate(head, span, f"person:{name}", name, "person", country, sector,
                                  None, name_tokens)
        if head.i in sector_at and title is not None:
            key_country = country or ""
            return _Candidate(head, span, f"group:{key_country}:{title.sector}", span.text,
                              "person" if title.kind == "person" else "group",
                              country, title.sector)
        if country is not None and head.pos_ == "NOUN" and countries:
            # "Ukrainian positions", "Iran's nuclear sites": things of a country stand for it.
            return _Candidate(head, span, f"group:{country}:None", self.kb.countries[country].name,
                              "country", country, None, country)
        return None

    def _country_of_prep(self, head: Token, name_at: dict[int, KbMatch]) -> str | None:
        """The country in 'the president of Iran' or 'protesters in Hong Kong'."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "in"):
                for obj in prep.children:
                    match = name_at.get(obj.i)
                    if obj.dep_ == "pobj" and match and match.term.kind in ("country", "seat"):
                        return match.term.ref
        return None


def _phrase(head: Token) -> Span:
    """The noun phrase of a head: itself and its modifiers, without clauses or appositions."""
    indices = {head.i}
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in PHRASE_DEPS or (child.dep_ == "punct" and child.text in ("'s", "'")):
                indices.add(child.i)
                stack.append(child)
    start, end = min(indices), max(indices) + 1
    while start < end - 1 and head.doc[start].dep_ in ("det", "case", "punct"):
        start += 1
    return head.doc[start:end]


def _in_actor_slot(token: Token) -> bool:
    """Whether a capital's token stands where an actor stands ('Tokyo said', 'talks with Tokyo')."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in ACTOR_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ACTOR_PREPS


def _merge_appositions(candidates: list[_Candidate]) -> None:
    """'Rouhani, the Iranian president,' and 'the Iranian president, Rouhani': one actor."""
    by_head = {c.head.i: c for c in candidates}
    for cand in candidates:
        for child in cand.head.children:
            other = by_head.get(child.i)
            if child.dep_ != "appos" or other is None:
                continue
            person, role = (cand, other) if cand.kind == "person" and cand.name_tokens else (
                other, cand)
            person.country = person.country or role.country
            person.sector = person.sector or role.sector
            role.key, role.name, role.kind = person.key, person.name, person.kind
            role.country, role.sector, role.kb_id = person.country, person.sector, person.kb_id
            role.name_tokens = person.name_tokens
            if person.kb_id is None:
                person.key = role.key = f"person:{person.name}"


def _link_surnames(candidates: list[_Candidate]) -> None:
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


def _link_pronouns(doc: Doc, candidates: list[_Candidate]) -> None:
    """He and she as subjects refer to the nearest earlier person."""
    people = [c for c in candidates if c.kind == "person" and c.name_tokens]
    for token in doc:
        if token.lower_ not in PERSONAL_PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        earlier = [c for c in people if c.head.i < token.i]
        if earlier:
            ante = earlier[-1]
            candidates.append(_Candidate(token, doc[token.i:token.i + 1], ante.key, ante.name,
                                         ante.kind, ante.country, ante.sector, ante.kb_id,
                                         ante.name_tokens))


def _build_actors(doc: Doc, candidates: list[_Candidate], kb_matches: list[KbMatch]
                  ) -> ActorAnalysis:
    index = SentenceIndex(doc)
    order: list[str] = []
    grouped: dict[str, list[_Candidate]] = {}
    for cand in sorted(candidates, key=lambda c: c.span.start):
        if cand.key not in grouped:
            order.append(cand.key)
        grouped.setdefault(cand.key, []).append(cand)
    actors: list[Actor] = []
    by_token: dict[int, ActorRef] = {}
    for number, key in enumerate(order, start=1):
        members = grouped[key]
        first = members[0]
        actor_id = f"a{number}"
        country = next((c.country for c in members if c.country), None)
        sector = next((c.sector for c in members if c.sector), None)
        mentions = []
        for cand in members:
            mentions.append(Mention(*index.locate(cand.span.start, cand.span.end),
                                    cand.span.text))
            ref = ActorRef(actor_id, cand.country or country, cand.sector or sector,
                           cand.span.text)
            for token in cand.span:
                by_token.setdefault(token.i, ref)
            by_token[cand.head.i] = ref
        actors.append(Actor(actor_id, first.name, first.kind, country, sector, tuple(mentions),
                            first.kb_id))
    return ActorAnalysis(actors, by_token, kb_matches)
