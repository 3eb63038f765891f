"""Find the actors of a parsed document: knowledge-base names, titles, sector nouns, aliases."""

from __future__ import annotations

from collections.abc import Callable
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
PERSONAL_PRONOUNS = frozenset({"he", "she"})
SUBJECT_PRONOUNS = PERSONAL_PRONOUNS | {"it", "they", "we"}
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our", "his", "her"})
# "Thousands of protesters", "a group of rebels": the actor is the group counted.
QUANTITY_NOUNS = frozenset({
    "thousand", "hundred", "dozen", "million", "score", "group", "number", "handful", "some",
    "many", "most", "several", "crowd", "patch", "batch", "contingent", "deployment", "wave",
    "team", "unit", "part", "third", "half", "majority", "bulk", "rest", "all", "both", "each",
    "one", "two", "three", "tens", "hundreds", "thousands", "dozens", "scores", "millions"})
# "Leaders of the opposition coalition": the actor is the body they belong to, when known.
MEMBER_NOUNS = frozenset({"leader", "member", "official", "supporter", "spokesman",
                          "spokeswoman", "spokesperson", "representative", "delegation",
                          "activist", "head", "chief"})


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
    also: dict[int, list[ActorRef]] = field(default_factory=dict)  # further actors of a head

    def ref(self, token: Token) -> ActorRef | None:
        """The actor a token belongs to; an apposition names it better ('its ally the US')."""
        for child in token.children:
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        found = self.by_token.get(token.i)
        lemma = token.lemma_.lower()
        if (found is None and lemma in QUANTITY_NOUNS) or (
                lemma in MEMBER_NOUNS and (found is None or not found.country)):
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    objects = [o for o in prep.children if o.dep_ == "pobj"]
                    of_ref = self.ref(objects[0]) if objects else None
                    return of_ref or found
        return found

    def refs(self, token: Token) -> list[ActorRef]:
        """Every actor a token stands for: 'Hungarian and Romanian officials' are two."""
        first = self.ref(token)
        if first is None:
            return []
        return [first, *self.also.get(token.i, [])]


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
        self.anaphors = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, kind in kb.anaphors.items():
            self.anaphors.add(kind, [nlp.make_doc(phrase)])
        self.sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in kb.sector_words:
            # The title-cased form too: the tokenizer keeps "Gen." whole but splits "gen.".
            forms = {phrase, phrase.title()}
            self.sectors.add(phrase, [nlp.make_doc(form) for form in forms])

    def kb_matches(self, doc: Doc) -> list[KbMatch]:
        """Non-overlapping knowledge-base names in the document, longest first."""
        spans = [Span(doc, start, end, label=key) for key, start, end in self.names(doc)]
        return [KbMatch(span, self.terms[span.label_]) for span in filter_spans(spans)]

    def anaphor_spans(self, doc: Doc) -> list[Span]:
        """Noun phrases that refer back ('the country', 'both sides'), labelled by kind."""
        return filter_spans(self.anaphors(doc, as_spans=True))

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
    coordinated_with: int | None = None  # head of the phrase this actor shares


class ActorResolver:
    """Resolves the actors of parsed documents against the knowledge base."""

    def __init__(self, matcher: ActorMatcher, speech_verbs: frozenset[str] = frozenset(),
                 place_country: Callable[[str], str | None] | None = None) -> None:
        self.matcher = matcher
        self.kb = matcher.kb
        self.speech_verbs = speech_verbs
        self.place_country = place_country  # "police in Lagos": the country of a city

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
                candidates.extend(self._coordinated(candidate, name_at))
        _refer_back(self.matcher.anaphor_spans(doc), candidates)
        _own_possessives(candidates)
        _merge_appositions(candidates)
        _link_surnames(candidates)
        _link_pronouns(doc, candidates, self.speech_verbs)
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
        modifiers = [name_at[t.i] for t in span if t.i in name_at and t.i != head.i
                     and not _is_stance(t) and not _inside_name(t, name_at[t.i])]
        countries = [m.term.ref for m in modifiers if m.term.kind in ("country", "demonym", "seat")]
        country = countries[0] if countries else self._country_of_prep(head, name_at)
        titles = [sector_at[t.i] for t in span if t.i in sector_at]
        title = self.kb.sector_words[titles[-1].text.lower()] if titles else None
        match = name_at.get(head.i)

        if match is not None and _inside_larger_name(head, match):
            match = None  # "Michael Jordan", "the Nigeria Labour Congress"
        if match is not None:
            term = match.term
            if term.kind == "person":
                p_country, p_sector, _ = self.kb.person_role(term.ref, published)
                if p_sector in (None, "ELI") and title is not None and title.kind == "person" \
                        and not any(t.lower_ == "former" for t in span):
                    # Not in office by our dates, but the story gives the role: trust the story.
                    p_sector, p_country = title.sector, country or p_country
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
                member_of = next((self.kb.organisations[m.term.ref] for m in modifiers
                                  if m.term.kind == "organisation"), None)
                if member_of is not None and country is None:  # "U.N. mediator Cordovez"
                    country = member_of.country
                    sector = member_of.sector
                name = " ".join(name_tokens)
                return _Candidate(head, span, f"person:{name}", name, "person", country, sector,
                                  None, name_tokens)
        if head.pos_ == "PROPN" and head.ent_type_ == "ORG" and match is None and (
                head.i not in sector_at):
            found = self._organisation_entity(head, name_at, sector_at)
            if found is not None and found.country is None and country is not None:
                found.country, found.key = country, f"{found.key}:{country}"
            return found
        orgs = [m.term.ref for m in modifiers if m.term.kind == "organisation"]
        if head.i in sector_at and title is not None and orgs:
            # "U.N. peacekeepers", "Hamas fighters": members of a known organisation.
            org = self.kb.organisations[orgs[0]]
            # Members of Hamas are REB, of the UN IGO; a "Taliban government" is a government.
            sector = (title.sector if title.kind == "group" and title.sector == "GOV"
                      and org.sector != "IGO" else org.sector)
            return _Candidate(head, span, f"org:{org.code}:{sector}", org.name, "organisation",
                              org.country, sector, org.code)
        if orgs and head.pos_ == "NOUN":  # "the Hezbollah group", "Hamas leadership"
            org = self.kb.organisations[orgs[0]]
            return _Candidate(head, span, f"org:{org.code}", org.name, "organisation",
                              org.country, org.sector, org.code)
        people = [m.term.ref for m in modifiers if m.term.kind == "person"]
        if head.i in sector_at and title is not None and country is None and people:
            # "the Trump administration", "Netanyahu's government": the leader's country.
            country = self.kb.person_role(people[0], published)[0]
        if head.i in sector_at and title is not None:
            key_country = country or ""
            return _Candidate(head, span, f"group:{key_country}:{title.sector}", span.text,
                              "person" if title.kind == "person" else "group",
                              country, title.sector)
        if country is not None and countries and (
                head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ != "PERSON")):
            # "Ukrainian positions", "Iran's nuclear sites": things of a country stand for it.
            return _Candidate(head, span, f"group:{country}:None", self.kb.countries[country].name,
                              "country", country, None, country)
        return None

    def _coordinated(self, cand: _Candidate, name_at: dict[int, KbMatch]) -> list[_Candidate]:
        """'Hungarian and Romanian officials': one more actor per further country."""
        if cand.kind not in ("group", "person", "country") or cand.name_tokens:
            return []
        extra = []
        seen = {cand.country}
        for token in cand.span:
            match = name_at.get(token.i)
            if (token.i != cand.head.i and match is not None and token.dep_ == "conj"
                    and match.term.kind in ("country", "demonym") and match.term.ref not in seen):
                seen.add(match.term.ref)
                extra.append(_Candidate(token, match.span, f"group:{match.term.ref}:{cand.sector}",
                                        match.span.text, cand.kind, match.term.ref, cand.sector,
                                        None, (), coordinated_with=cand.head.i))
        return extra

    def _organisation_entity(self, head: Token, name_at: dict[int, KbMatch],
                             sector_at: dict[int, Span]) -> _Candidate | None:
        """An organisation the knowledge base does not know: 'the Nigerian Union of Teachers'."""
        entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if entity is None or entity.label_ != "ORG":
            return None
        countries = [name_at[t.i].term.ref for t in entity if t.i in name_at
                     and name_at[t.i].term.kind in ("country", "demonym")]
        sectors = [self.kb.sector_words[sector_at[t.i].text.lower()].sector for t in entity
                   if t.i in sector_at]
        return _Candidate(head, entity, f"org:{entity.text}", entity.text, "organisation",
                          countries[0] if countries else None, sectors[-1] if sectors else None)

    def _country_of_prep(self, head: Token, name_at: dict[int, KbMatch]) -> str | None:
        """The country in 'the president of Iran', 'protesters in Hong Kong', 'police in
        Lagos'."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "in"):
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    match = name_at.get(obj.i)
                    if match and match.term.kind in ("country", "seat"):
                        return match.term.ref
                    if self.place_country is not None and obj.pos_ == "PROPN":
                        name = obj.doc[min(t.i for t in obj.subtree if t.dep_ == "compound"
                                           or t.i == obj.i):obj.i + 1].text
                        found = self.place_country(name)
                        if found:
                            return found
        return None


def _phrase(head: Token) -> Span:
    """The noun phrase of a head: itself and its modifiers, without clauses or appositions."""
    indices = {head.i}
    stack = [head]
    while stack:
        for child in stack.pop().children:
            coordinated = child.dep_ in ("conj", "cc") and stack_dep_is_modifier(child)
            if (child.dep_ in PHRASE_DEPS or coordinated
                    or (child.dep_ == "punct" and child.text in ("'s", "'"))):
                indices.add(child.i)
                stack.append(child)
    start, end = min(indices), max(indices) + 1
    while start < end - 1 and head.doc[start].dep_ in ("det", "case", "punct"):
        start += 1
    return head.doc[start:end]


def _inside_larger_name(head: Token, match: KbMatch) -> bool:
    """A country or seat name that is only part of a person's or organisation's name."""
    if match.term.kind not in ("country", "seat", "demonym"):
        return False
    entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    return (entity is not None and entity.label_ in ("PERSON", "ORG")
            and (entity.start < match.span.start or entity.end > match.span.end))


def _inside_name(token: Token, match: KbMatch) -> bool:
    """'Chad' in 'Chad Wolf', 'Jordan' in 'Jim Jordan': a country word that is part of a name."""
    return match.term.kind == "country" and token.ent_type_ == "PERSON"


def _is_stance(token: Token) -> bool:
    """'pro-Iranian', 'anti-Syria': a stance towards a country, not membership of it."""
    doc = token.doc
    return (token.i >= 2 and doc[token.i - 1].text == "-"
            and doc[token.i - 2].lower_ in ("pro", "anti"))


def stack_dep_is_modifier(token: Token) -> bool:
    """Whether a coordinated token hangs on a modifier: 'Hungarian [and Romanian] officials'."""
    return token.head.dep_ in ("amod", "compound") and token.head.i != token.i


def _in_actor_slot(token: Token) -> bool:
    """Whether a capital's token stands where an actor stands ('Tokyo said', 'talks with Tokyo')."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in ACTOR_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ACTOR_PREPS


def _antecedents(kind: str, earlier: list[_Candidate]) -> list[_Candidate]:
    """Earlier actors an anaphor of a kind can refer to, nearest first."""
    if kind == "organisation":
        return [c for c in earlier if c.kind == "organisation"]
    if kind == "media":
        return [c for c in earlier if c.sector == "MED"]
    return [c for c in earlier if c.kind == "country" and c.country]


def _refer_back(anaphors: list[Span], candidates: list[_Candidate]) -> None:
    """'The country', 'the newspaper', 'both sides' refer to actors named earlier."""
    for span in anaphors:
        head = span.root
        if any(c.head.i == head.i and c.country for c in candidates):
            continue  # "the country's president" etc. is already an actor
        earlier = sorted((c for c in candidates if c.span.end <= span.start
                          and c.head.sent.start >= span.sent.start - 120),
                         key=lambda c: -c.head.i)
        found: list[_Candidate] = []
        for cand in _antecedents(span.label_, earlier):
            if all(cand.key != other.key for other in found):
                found.append(cand)
        wanted = 2 if span.label_ == "pair" else 1
        if len(found) < wanted:
            continue
        candidates[:] = [c for c in candidates if c.head.i != head.i]
        for number, ante in enumerate(found[:wanted]):
            candidates.append(_Candidate(head, span, ante.key, ante.name, ante.kind, ante.country,
                                         ante.sector, ante.kb_id, ante.name_tokens,
                                         coordinated_with=head.i if number else None))


def _own_possessives(candidates: list[_Candidate]) -> None:
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


def _clause_speaker(token: Token, by_head: dict[int, _Candidate],
                    speech_verbs: frozenset[str]) -> _Candidate | None:
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


def _fits(pronoun: str, cand: _Candidate) -> bool:
    if pronoun in PERSONAL_PRONOUNS:
        return cand.kind == "person" and bool(cand.name_tokens)
    if pronoun == "it":
        return cand.kind in ("country", "organisation") or (
            cand.kind == "group" and cand.head.tag_ == "NN")
    return cand.kind != "person" or not cand.name_tokens  # they, we: groups and countries


def _link_pronouns(doc: Doc, candidates: list[_Candidate], speech_verbs: frozenset[str]
                   ) -> None:
    """Subject pronouns refer to the speaker whose words they stand in, else to the nearest
    earlier compatible actor: he and she to people, it to countries and organisations."""
    by_head = {c.head.i: c for c in candidates}
    for token in doc:
        pronoun = token.lower_
        if pronoun not in SUBJECT_PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        ante = _clause_speaker(token, by_head, speech_verbs)
        if ante is None or not _fits(pronoun, ante):
            earlier = [c for c in candidates if c.head.i < token.i and _fits(pronoun, c)
                       and c.head.sent.start >= token.sent.start - 80]
            ante = max(earlier, key=lambda c: c.head.i) if earlier else None
        if ante is None and pronoun == "we":
            # "'We will not negotiate,' the minister said": we is the speaker's side.
            speaker = _clause_speaker(token, by_head, speech_verbs)
            if speaker is not None and speaker.country:
                candidates.append(_Candidate(
                    token, doc[token.i:token.i + 1], f"group:{speaker.country}:{speaker.sector}",
                    speaker.country, "group", speaker.country, speaker.sector))
            continue
        if ante is not None:
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
    also: dict[int, list[ActorRef]] = {}
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
            if cand.coordinated_with is not None:
                also.setdefault(cand.coordinated_with, []).append(ref)
                continue
            for token in cand.span:
                by_token.setdefault(token.i, ref)
            by_token[cand.head.i] = ref
        actors.append(Actor(actor_id, first.name, first.kind, country, sector, tuple(mentions),
                            first.kb_id))
    return ActorAnalysis(actors, by_token, kb_matches, also)
