"""Find the actors of a parsed document: knowledge-base names, titles, sector nouns, aliases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..model import Actor, ActorRef, Mention
from ..nlp import SentenceIndex, entity_of
from .acronyms import acronym_aliases
from .candidate import Candidate, org_key
from .coreference import (
    CountryReference,
    abbreviation_aliases,
    assign_genders,
    bare_surnames,
    is_setting,
    link_pronouns,
    link_surnames,
    merge_appositions,
    own_possessives,
    refer_back,
    refer_to_countries,
)
from .groups import named_members, refer_to_groups, refer_to_sector_groups
from .kb import HEAD_OFFICES, OFFICE_OF_TITLE, SectorWord, holder_of
from .matching import ActorAnalysis, ActorMatcher, KbMatch
from .phrases import (
    GOVERNING_BODIES,
    PHRASE_DEPS,
    ethnic,
    governing_modifier,
    hyphen_joined,
    in_actor_slot,
    inside_larger_name,
    inside_name,
    is_stance,
    named_before,
    named_possessor,
    noun_phrase,
    of_members,
    shared_nationality,
)
from .possessed import possessed_countries
from .stated import parts_and_authors, stated_places
from .story import (
    apply_story_country,
    counterparts,
    people_in_places,
    possessor_countries,
    unnamed_heads,
)
from .traits import Description, DiscourseLexicon, discourse_lexicon
from .words import DocWords

NON_PERSON_ENTS = frozenset(
    {"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
)
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Sectors of known organisations without a country that keep the nationality their name
# states (an NGO "whose name states a nationality keeps it"); international bodies and
# transnational militants do not: "Islamic State in Iraq" and "Arab League" name no member.
NAMED_NATIONALITY_SECTORS = frozenset({"NGO", "MED", "BUS", "LAB", "EDU", "HLH", "REL", "PTY"})
# Sectors whose members are often foreign to the noun they are joined to ('Syrian troops and
# rebels'): a bare conjunct of these does not share its nationality.
SHARED_SECTORS_NOT = frozenset({"MIL", "REB", "CRM", "INS", "IGO", "REF"})
# Sectors of those who have governed: the military rulers the dictionaries code MIL too.
RULING_SECTORS = frozenset({"GOV", "MIL"})
# Nouns for the head of a body that are not titles of their own: "the chairman of the Chamber".
BODY_HEADS = frozenset({"chairman", "chairwoman", "chair", "head", "chief", "director",
                        "founder", "boss", "coordinator", "convener"})


class ActorResolver:
    """Resolves the actors of parsed documents against the knowledge base."""

    def __init__(self, matcher: ActorMatcher, speech_verbs: frozenset[str] = frozenset(),
                 place_country: Callable[[str], str | None] | None = None,
                 lexicon: DiscourseLexicon | None = None) -> None:
        self.matcher = matcher
        self.kb = matcher.kb
        self.speech_verbs = speech_verbs
        self.place_country = place_country  # "police in Lagos": the country of a city
        self.lexicon = lexicon or discourse_lexicon()
        self.country_names = {iso3: c.name for iso3, c in self.kb.countries.items()}
        # Country names and demonyms inside organisations' names: "the Norwegian Refugee Council".
        self.nationality = {t.text.lower(): t.ref for t in self.kb.terms
                            if t.kind in ("country", "demonym")}
        # Holders of each office by surname: "President Clinton" is Bill Clinton.
        self.surnames: dict[tuple[str, str], set[str]] = {}
        for (_, office), names in self.kb.holders.items():
            for name in names:
                self.surnames.setdefault((office, name.split()[-1].lower()), set()).add(name)

    def resolve(self, doc: Doc, published: date | None) -> ActorAnalysis:
        """All actors of the document with their mentions."""
        words = DocWords.of(doc)  # read once for the passes below that look for words
        kb_matches = self.matcher.kb_matches(doc, words)
        name_at = {t: m for m in kb_matches for t in range(m.span.start, m.span.end)}
        sector_at = {t: s for s in self.matcher.sector_spans(doc, words)
                     for t in range(s.start, s.end)}
        candidates: list[Candidate] = []
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") and token.i not in name_at:
                continue  # only nouns and names head actors
            if (token.dep_ in PHRASE_DEPS and token.head.i != token.i
                    and not named_possessor(token, name_at)
                    and not governing_modifier(token, name_at, sector_at)):
                continue
            candidate = self._candidate(token, name_at, sector_at, published)
            if candidate is not None and token.dep_ == "compound":
                candidate.quiet = True
            if candidate is not None:
                candidates.append(candidate)
                candidates.extend(self._coordinated(candidate, name_at))
        abbreviation_aliases(words, candidates)
        acronym_aliases(words, kb_matches, self.kb, candidates, published)
        anaphors = self.matcher.anaphor_spans(doc)
        named_members(anaphors, candidates)
        refer_back([a for a in anaphors if a.label_ != "country"], candidates)
        refer_to_countries(self._country_references(words, anaphors, name_at), candidates,
                           self.lexicon, published, self.country_names)
        possessor_countries(candidates)
        unnamed_heads(candidates)
        refer_to_groups(candidates)
        refer_to_sector_groups(candidates)
        own_possessives(candidates)
        merge_appositions(candidates)
        stated_places(candidates)
        counterparts(candidates)
        link_surnames(candidates)
        bare_surnames(words, candidates)
        assign_genders(words, candidates, self.lexicon)
        link_pronouns(words, candidates, self.speech_verbs)
        possessed_countries(words, candidates, self.country_names)
        apply_story_country(doc, candidates, self.place_country, is_stance)
        people_in_places(candidates)
        parts_and_authors(words, candidates)
        return _build_actors(doc, candidates, kb_matches)

    def _candidate(
        self,
        head: Token,
        name_at: dict[int, KbMatch],
        sector_at: dict[int, Span],
        published: date | None,
    ) -> Candidate | None:
        if head.pos_ not in ("NOUN", "PROPN") and head.i not in name_at:
            return None
        # 'The talks', 'an attack': half the heads are common nouns that no branch below
        # takes; say so first from the noun's subtree (cheap), then from its phrase. A new
        # branch for a noun without a name or a title must come before these two tests.
        if head.pos_ == "NOUN" and not self._may_name(
                head, range(head.left_edge.i, head.right_edge.i + 1), name_at, sector_at):
            return None
        span = noun_phrase(head)
        positions = range(span.start, span.end)
        if head.pos_ == "NOUN" and not self._may_name(head, positions, name_at, sector_at):
            return None
        # Names and titles looked up by index: most words of a phrase are neither, and a
        # Token built for each of them is wasted work.
        named = [head.doc[i] for i in positions if i in name_at and i != head.i]
        modifiers = [name_at[t.i] for t in named if not is_stance(t)
                     and not inside_name(t, name_at[t.i]) and not ethnic(name_at[t.i])]
        origin = next((name_at[t.i].term.ref for t in named if ethnic(name_at[t.i])), None)
        titles = [sector_at[i] for i in positions if i in sector_at]
        countries = [self._country_of_match(m) for m in modifiers
                     if m.term.kind in ("country", "demonym", "seat")]
        country = countries[0] if countries else self._country_of_prep(head, name_at)
        if country is None and head.lemma_.lower() in GOVERNING_BODIES:
            country = self._country_of_leader(head, name_at, published)
        title = self.kb.sector_words[titles[-1].text.lower()] if titles else None
        if country is None and (title is not None or head.lemma_.lower() in GOVERNING_BODIES):
            country = self._country_of_place_modifier(span, head, name_at, sector_at)
        if country is None and title is not None and title.sector not in SHARED_SECTORS_NOT:
            country = shared_nationality(head, name_at)
        match = name_at.get(head.i)

        if match is not None and inside_larger_name(head, match):
            match = None  # "Michael Jordan", "the Nigeria Labour Congress"
        namesake = None
        if (match is not None and match.term.kind == "person" and title is not None
                and title.sector == "GOV" and (not self._governed(match.term.ref) or (
                    OFFICE_OF_TITLE.get(titles[-1].text.lower()) in HEAD_OFFICES
                    and not self._led(match.term.ref, titles[-1].text.lower())))):
            # "President Andrew Young" of a small island state is not the American diplomat
            # the dictionary knows, who governed as no president: a namesake, of the story's
            # country (our tables list every head of state and government since 1975).
            namesake, match = match, None
        if match is not None:
            term = match.term
            if term.kind == "person":
                return self._known_person(head, span, term.ref, title, country, published)
            if term.kind == "organisation":
                org = self.kb.organisations[term.ref]
                held = self.kb.organisation_sector(org.code, published)
                own = named_before(match, name_at) or org.country or (
                    self._named_nationality(match.span)
                    if held in NAMED_NATIONALITY_SECTORS else None)
                key = org_key(org.code, held, org.sector)
                if own and own != org.country:  # the American and the British Red Cross
                    key = f"{key}:{own}"
                return Candidate(head, span, key, org.name, "organisation", own or country,
                                 held, org.code)
            if ethnic(match):  # "ethnic Chinese" in Cambodia: people of where they live
                return Candidate(head, span, f"group:{country or ''}:None", span.text, "group",
                                 country, None, origin=term.ref)
            if term.kind in ("country", "demonym", "seat"):
                name = self.kb.countries[term.ref].name
                # A capital out of an actor's slot is a place that stands for its country
                # ("attacks on targets in the capital, Abuja"), and so is one that names
                # again the setting before it, wherever the parser hangs it ("In the
                # capital, Abuja, the ministers signed").
                as_place = term.kind == "seat" and (not in_actor_slot(head)
                                                    or is_setting(head))
                sector = term.sector if term.kind == "seat" and not as_place else None
                return Candidate(head, span, f"group:{term.ref}:{sector}", name, "country",
                                  term.ref, sector, term.ref,
                                  place="capital" if as_place else "")
        city = self._place(head) if match is None and not countries else None
        if city is not None:
            return city
        if head.pos_ == "PROPN" and head.ent_type_ not in NON_PERSON_ENTS:
            name_tokens = tuple(t.text for t in span if t.pos_ == "PROPN"
                                and t.i not in sector_at
                                and (t.i not in name_at or name_at[t.i] is namesake)
                                and not (t.ent_type_ in PLACE_ENTS  # "Istanbul Mayor X"
                                         and head.ent_type_ == "PERSON"))
            holder = (self._holder_by_surname(titles[-1].text, name_tokens)
                      if titles and len(name_tokens) == 1 and namesake is None else None)
            if holder is not None:  # "President Clinton": the one president of that name
                return self._known_person(head, span, holder, title, country, published)
            is_person = head.ent_type_ == "PERSON" or (
                title is not None and title.kind == "person"
                and not (head.ent_type_ == "ORG" and head.lower_ in self.kb.organisation_heads))
            if name_tokens and is_person:
                sector = title.sector if title else None
                member_of = next((self.kb.organisations[m.term.ref] for m in modifiers
                                  if m.term.kind == "organisation"), None)
                if member_of is not None and country is None:  # "U.N. mediator Cordovez"
                    country = member_of.country
                    sector = self.kb.organisation_sector(member_of.code, published)
                name = " ".join(name_tokens)
                return Candidate(head, span, f"person:{name}", name, "person", country, sector,
                                  None, name_tokens)
        if head.pos_ == "PROPN" and head.ent_type_ == "ORG" and match is None and (
                head.i not in sector_at):
            found = self._organisation_entity(head, name_at, sector_at)
            if found is not None and found.country is None and country is not None:
                found.country, found.key = country, f"{found.key}:{country}"
            return found
        if (title is not None and title.kind == "person" and head.i in sector_at) or (
                head.lemma_.lower() in BODY_HEADS and head.pos_ == "NOUN"):
            body = self._body_of(head, name_at, sector_at, published)
            if body is not None:  # "the President of the Chadian Human Rights League"
                sector = body.sector or (title.sector if title is not None else None)
                return Candidate(head, span, f"{body.key}:head:{sector}",
                                  f"{span.text} of {body.name}", "person",
                                  body.country or country, sector)
        orgs = [m.term.ref for m in modifiers if m.term.kind == "organisation"]
        if head.i in sector_at and title is not None and orgs:
            # "U.N. peacekeepers", "Hamas fighters": members of a known organisation.
            org = self.kb.organisations[orgs[0]]
            org_sector = self.kb.organisation_sector(org.code, published)
            # Members of Hamas are REB, of the UN IGO; a "Taliban government" is a government.
            sector = (title.sector if head.lemma_.lower() in GOVERNING_BODIES
                      and org_sector != "IGO" else org_sector)
            return Candidate(head, span, org_key(org.code, sector, org.sector), org.name,
                              "organisation", org.country, sector, org.code)
        if orgs and head.pos_ == "NOUN":  # "the Hezbollah group", "Hamas leadership"
            org = self.kb.organisations[orgs[0]]
            sector = self.kb.organisation_sector(org.code, published)
            return Candidate(head, span, org_key(org.code, sector, org.sector), org.name,
                              "organisation", org.country, sector, org.code)
        people = [m.term.ref for m in modifiers if m.term.kind == "person"]
        if head.i in sector_at and title is not None and country is None and people:
            # "the Trump administration", "Netanyahu's government": the leader's country.
            country = self.kb.person_role(people[0], published)[0]
        holder = (holder_of(self.kb, country, titles[-1].text, published)
                  if title is not None and title.kind == "person" and country and published
                  and head.i in sector_at else None)
        if holder is not None:  # "the Iranian president" on that day was a known person
            h_country, h_sector, _ = self.kb.person_role(holder, published)
            return Candidate(head, span, f"person:{holder}", holder, "person", h_country,
                             h_sector, holder, tuple(holder.split()))
        if head.i in sector_at and title is not None:
            key_country = country or ""
            sector = title.sector
            entity = entity_of(head) if head.pos_ == "PROPN" else None
            if (entity is not None and entity.label_ == "ORG"
                    and self._generic_head(head)):  # the Nigeria Labour Congress
                sector = self.lexicon.organisation_sector(entity.text) or sector
            return Candidate(head, span, f"group:{key_country}:{sector}", span.text,
                              "person" if title.kind == "person" else "group",
                              country, sector, origin=origin)
        if country is not None and countries and (
                head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ != "PERSON")):
            # "Ukrainian positions", "Iran's nuclear sites": things of a country stand for it.
            return Candidate(head, span, f"group:{country}:None", self.kb.countries[country].name,
                              "country", country, None, country)
        return None

    @staticmethod
    def _may_name(noun: Token, words: range, name_at: dict[int, KbMatch],
                  sector_at: dict[int, Span]) -> bool:
        """Whether a common noun may head an actor: a head of a body ('the chairman of'), or
        one with a name or a title among these words around it."""
        return (noun.lemma_.lower() in BODY_HEADS or not name_at.keys().isdisjoint(words)
                or not sector_at.keys().isdisjoint(words))

    def _place(self, head: Token) -> Candidate | None:
        """A city the gazetteer knows, standing for its country as a country's name does
        ('a group in Quebec City'): a mention of the country, not an argument."""
        entity = entity_of(head)
        if (self.place_country is None or head.pos_ != "PROPN" or entity is None
                or entity.label_ != "GPE" or entity.end != head.i + 1):
            return None
        country = self.place_country(entity.text)
        if country is None:
            return None
        return Candidate(head, entity, f"group:{country}:None", self.kb.countries[country].name,
                         "country", country, None, country, place="city")

    def _known_person(self, head: Token, span: Span, name: str, title: SectorWord | None,
                      country: str | None, published: date | None) -> Candidate:
        """A person of the knowledge base, in the role held on the day."""
        p_country, p_sector, _ = self.kb.person_role(name, published)
        if p_sector in (None, "ELI") and title is not None and title.kind == "person" \
                and not any(t.lower_ == "former" for t in span):
            # Not in office by our dates, but the story gives the role: trust the story.
            p_sector, p_country = title.sector, country or p_country
        return Candidate(head, span, f"person:{name}", name, "person", p_country, p_sector,
                         name, tuple(name.split()))

    def _governed(self, name: str) -> bool:
        """Whether a known person ever held a government role (military rulers did)."""
        default = self.kb.defaults.get(name)
        return any(o.sector in RULING_SECTORS for o in self.kb.offices.get(name, ())) or (
            default is not None and default.sector in RULING_SECTORS)

    def _led(self, name: str, title: str) -> bool:
        """Whether a known person ever headed a state or government, or held an office of
        the title ('European Commission president')."""
        return any(o.office in HEAD_OFFICES or o.office.lower().endswith(title)
                   for o in self.kb.offices.get(name, ()))

    def _holder_by_surname(self, title: str, name_tokens: tuple[str, ...]) -> str | None:
        """The one person of the knowledge base with this surname who ever held the office
        a title names ('President Clinton', 'Chancellor Merkel'), if exactly one did."""
        office = OFFICE_OF_TITLE.get(title.lower())
        found = self.surnames.get((office, name_tokens[-1].lower())) if office else None
        return next(iter(found)) if found is not None and len(found) == 1 else None

    def _named_nationality(self, name: Span) -> str | None:
        """The one country a name states ('Danish' in 'the Danish Refugee Council'), if any."""
        words = [t.lower_ for t in name]
        found = {self.nationality[" ".join(words[i:j])] for i in range(len(words))
                 for j in range(i + 1, min(i + 4, len(words)) + 1)
                 if " ".join(words[i:j]) in self.nationality}
        return found.pop() if len(found) == 1 else None

    def _coordinated(self, cand: Candidate, name_at: dict[int, KbMatch]) -> list[Candidate]:
        """'Hungarian and Romanian officials', 'the foreign ministers of Russia, Turkey and
        Iran': one more actor per further country."""
        if cand.kind not in ("group", "person", "country") or cand.name_tokens:
            return []
        extra = []
        seen = {cand.country}
        doc = cand.head.doc
        named = [doc[i] for i in range(cand.span.start, cand.span.end) if i in name_at]
        for token in [*named, *of_members(cand.head)]:
            match = name_at.get(token.i)
            if match is None or token.i == cand.head.i:
                continue  # only a name besides the head's can add a country
            joined = token.dep_ == "conj" or hyphen_joined(token, name_at)
            # A conjunct of several words is its last one: "Senegal, and [South Africa]".
            first = token.i == match.span.start
            if (joined and (first or (token.dep_ == "conj" and token.i == match.span.end - 1))
                    and match.term.kind in ("country", "demonym") and match.term.ref not in seen):
                seen.add(match.term.ref)
                # "US and [Qatari military personnel]": a modifier's phrase runs to the head.
                span = (doc[token.i:cand.span.end]
                        if token.dep_ == "conj" and match.span.end <= cand.head.i < cand.span.end
                        else match.span)
                extra.append(Candidate(token, span, f"group:{match.term.ref}:{cand.sector}",
                                        match.span.text, cand.kind, match.term.ref, cand.sector,
                                        None, (), coordinated_with=cand.head.i))
        return extra

    def _organisation_entity(self, head: Token, name_at: dict[int, KbMatch],
                             sector_at: dict[int, Span]) -> Candidate | None:
        """An organisation the knowledge base does not know: 'the Nigerian Union of Teachers'."""
        entity = entity_of(head)
        if entity is None or entity.label_ != "ORG":
            return None
        countries = [name_at[t.i].term.ref for t in entity if t.i in name_at
                     and name_at[t.i].term.kind in ("country", "demonym")]
        # "Rwanda's Ministry of Mines and Development": the owner named before the name.
        countries += [name_at[c.i].term.ref for t in entity for c in t.children
                      if c.dep_ == "poss" and c.i < entity.start and c.i in name_at
                      and name_at[c.i].term.kind == "country"]
        sectors = [self.kb.sector_words[sector_at[t.i].text.lower()].sector for t in entity
                   if t.i in sector_at]
        # Words of the name say more than a generic head (the Nigeria Labour Congress), not
        # more than a telling one (the commerce ministry).
        generic = not sectors or self._generic_head(entity[-1])
        sector = (self.lexicon.organisation_sector(entity.text) if generic else None) or (
            sectors[-1] if sectors else None)
        return Candidate(head, entity, f"org:{entity.text}", entity.text, "organisation",
                          countries[0] if countries else None, sector)

    def _generic_head(self, token: Token) -> bool:
        """A word that ends organisations' names of any sector ('Congress', 'Union'), so that
        the rest of the name tells the sector; not a ministry, whose words are its portfolio."""
        return (token.lower_ in self.kb.organisation_heads
                and token.lemma_.lower() not in GOVERNING_BODIES)

    def _body_of(self, head: Token, name_at: dict[int, KbMatch], sector_at: dict[int, Span],
                 published: date | None) -> Candidate | None:
        """The organisation a title heads: 'chairman of the Kenya National Chamber of
        Commerce', 'leader of the opposition party'; None for a country or a place."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                match = name_at.get(obj.i)
                if obj.dep_ != "pobj" or (match is not None
                                          and match.term.kind != "organisation"):
                    continue
                if match is None and obj.lower_ not in self.kb.organisation_heads and not (
                        obj.ent_type_ == "ORG" and obj.pos_ == "PROPN"):
                    continue
                body = self._candidate(obj, name_at, sector_at, published)
                if body is not None and body.kind in ("organisation", "group"):
                    return body
        return None

    def _country_references(self, read: DocWords, anaphors: list[Span],
                            name_at: dict[int, KbMatch]) -> list[CountryReference]:
        """Descriptions that refer back to a country: the listed anaphors ('the country')
        and any 'the ... kingdom/nation/regime' the description words make ('the Gulf
        kingdom', 'the West African nation'), unless the phrase names its country."""
        found: dict[int, CountryReference] = {}
        for span in anaphors:
            if span.label_ == "country":
                found[span.root.i] = CountryReference(span, self.lexicon.describe(
                    span.root.lemma_, span.text) or Description())
        doc = read.doc
        for token in read.tagged(("NN", "NNP")):
            if (token.i in found or token.dep_ in ("compound", "amod")
                    or token.lemma_.lower() not in self.lexicon.heads):
                continue  # only the nouns that head descriptions are worth the look below
            start = token.left_edge.i  # "the" may hang on a modifier: "the Horn of Africa nation"
            if doc[start].lower_ != "the" or any(c.dep_ == "prep" and c.lower_ == "of"
                                                 for c in token.children):
                continue  # "the kingdom of Saudi Arabia", "the state of emergency"
            span = doc[start:token.i + 1]
            description = self.lexicon.describe(token.lemma_, span.text)
            if description is None or any(i in name_at for i in range(start, token.i + 1)):
                continue  # "the Saudi kingdom" names its country
            found[token.i] = CountryReference(span, description)
        return list(found.values())

    def _country_of_prep(self, head: Token, name_at: dict[int, KbMatch], depth: int = 0
                         ) -> str | None:
        """The country in 'the president of Iran', 'protesters in Hong Kong', 'police in
        Lagos', and one phrase further down: 'parties to the conflict in Iraq', 'settlers in
        the city of Hebron'."""
        for prep in head.children:
            if prep.dep_ != "prep":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if prep.lower_ in ("of", "from", "in", "throughout", "across"):
                    found = self._country_named(obj, name_at)
                    if found:
                        return found
                if depth == 0 and obj.pos_ in ("NOUN", "PROPN") and prep.lower_ in (
                        "of", "for", "from"):
                    owner = next((name_at[c.i].term.ref for c in obj.children
                                  if c.dep_ in ("poss", "amod", "compound") and c.i in name_at
                                  and name_at[c.i].term.kind in ("country", "demonym")), None)
                    if owner:  # "the speaker of Ghana's parliament", "a spokesman for the
                        return owner  # Iranian foreign ministry", "a delegation from the
                        # Israeli embassy"
                if (depth == 0 and obj.pos_ == "NOUN"
                        and prep.lower_ in ("of", "in", "to", "at", "near")):
                    found = self._country_of_prep(obj, name_at, depth + 1)
                    if found:
                        return found
        return None

    def _country_of_leader(self, head: Token, name_at: dict[int, KbMatch],
                           published: date | None) -> str | None:
        """The country of the known person a government is named after: 'the government of
        President Hadi', 'the administration of Joe Biden'."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                match = name_at.get(obj.i)
                if obj.dep_ == "pobj" and match is not None and match.term.kind == "person":
                    return self.kb.person_role(match.term.ref, published)[0]
        return None

    def _country_of_match(self, match: KbMatch) -> str:
        """The country of a name, unless it is part of a larger place name the gazetteer
        knows: 'Mexico' in 'New Mexico officials' is the United States."""
        entity = entity_of(match.span.root)
        if (self.place_country is not None and entity is not None
                and entity.label_ in PLACE_ENTS and entity.start <= match.span.start
                and entity.end >= match.span.end and len(entity) > len(match.span)):
            return self.place_country(entity.text) or match.term.ref
        return match.term.ref

    def _country_of_place_modifier(self, span: Span, head: Token, name_at: dict[int, KbMatch],
                                   sector_at: dict[int, Span]) -> str | None:
        """The country of a place that modifies an authority: 'Shanghai authorities', 'Delhi
        police', 'the Basra governor', 'Lagos state government' (the tagger often takes such a
        place for an organisation: any proper name the gazetteer knows will do)."""
        if self.place_country is None:
            return None
        for token in span:
            if token.i >= head.i or token.i in name_at or token.i in sector_at:
                continue
            entity = entity_of(token)
            if token.ent_type_ in PLACE_ENTS and entity is not None and entity.end <= head.i:
                names = [entity.text]
            elif ((token.pos_ == "PROPN" or (token.pos_ == "ADJ" and not token.is_sent_start))
                  and token.ent_type_ != "PERSON" and token.is_title
                  and token.lower_ not in self.kb.office_words):  # "the Aleppo governor" (as ADJ)
                start = token.i  # the run of proper names this one ends: "Addis Ababa"
                while (start > span.start and span.doc[start - 1].pos_ == "PROPN"
                       and span.doc[start - 1].i not in name_at):
                    start -= 1
                names = [span.doc[start:token.i + 1].text, token.text]
            else:
                continue
            for name in names:
                found = self.place_country(name)
                if found:
                    return found
        return None

    def _country_named(self, token: Token, name_at: dict[int, KbMatch]) -> str | None:
        """The country a name stands for: a country, a seat, or a known place."""
        match = name_at.get(token.i)
        if match and match.term.kind in ("country", "seat"):
            return match.term.ref
        if self.place_country is not None and token.pos_ == "PROPN":
            name = token.doc[min(t.i for t in token.subtree if t.dep_ == "compound"
                                 or t.i == token.i):token.i + 1].text
            return self.place_country(name)
        return None


def _build_actors(doc: Doc, candidates: list[Candidate], kb_matches: list[KbMatch]
                  ) -> ActorAnalysis:
    index = SentenceIndex(doc)
    order: list[str] = []
    grouped: dict[str, list[Candidate]] = {}
    for cand in sorted(candidates, key=lambda c: c.span.start):
        if cand.key not in grouped:
            order.append(cand.key)
        grouped.setdefault(cand.key, []).append(cand)
    # A place joins its country's actor where the story has one: alone, it would make the
    # country an actor the coder could take for a party ('court officials in Madrid said').
    order = [key for key in order if not all(c.place for c in grouped[key])]
    actors: list[Actor] = []
    by_token: dict[int, ActorRef] = {}
    also: dict[int, list[ActorRef]] = {}
    own: dict[int, tuple[ActorRef, int]] = {}
    for number, key in enumerate(order, start=1):
        members = grouped[key]
        first = members[0]
        actor_id = f"a{number}"
        country = next((c.country for c in members if c.country), None)
        sector = next((c.sector for c in members if c.sector), None)
        mentions = []
        for cand in members:
            start, end, text = cand.span.start, cand.span.end, cand.span.text
            mentions.append(Mention(*index.locate(start, end), text))
            ref = ActorRef(actor_id, cand.country or country, cand.sector or sector, text)
            if cand.place or cand.quiet:
                continue
            if cand.coordinated_with is not None:
                also.setdefault(cand.coordinated_with, []).append(ref)
                if not start <= cand.coordinated_with < end:
                    # "the Chile-[Peru] border": a member's own words are its mention.
                    own.update((i, (ref, cand.coordinated_with)) for i in range(start, end))
                continue
            for i in range(start, end):
                by_token.setdefault(i, ref)
            by_token[cand.head.i] = ref
        actors.append(Actor(actor_id, first.name, first.kind, country, sector, tuple(mentions),
                            first.kb_id))
    for token_i, (ref, head_i) in own.items():
        if by_token.get(token_i) is by_token.get(head_i):  # not when named on its own
            by_token[token_i] = ref
    return ActorAnalysis(actors, by_token, kb_matches, also)


