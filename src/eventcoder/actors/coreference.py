"""In-document reference: appositions, surnames, pronouns, possessives, abbreviations and noun
phrases that refer back ('the kingdom', 'both sides') join the actors named earlier."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from ..syntax import SUBJECT_DEPS
from .candidate import PLURAL_TAGS, Candidate
from .groups import group_of, groups_of, two_heads
from .possessed import OWNER_WINDOW
from .traits import Description, DiscourseLexicon
from .words import DocWords

PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Object forms, resolved like their subject forms: "She thanked him".
OBJECT_PRONOUNS = {"him": "he", "her": "she"}
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
SUBJECT_PRONOUNS = PERSONAL_PRONOUNS | {"it", "they", "we"}
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our", "his", "her"})
PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}
# Every pronoun link_pronouns resolves: the object and subject forms, and the quoted "I".
LINKED_PRONOUNS = frozenset({*OBJECT_PRONOUNS, *SUBJECT_PRONOUNS, "i"})


@dataclass(frozen=True)
class CountryReference:
    """A definite description that refers back to a country, and what it says of it."""

    span: Span
    description: Description


# Words of a country's mission abroad: "the ambassador" is of the embassy named before.
MISSION_WORDS = frozenset({"embassy", "embassies", "ambassador", "ambassadors", "consulate"})
# How many earlier actors a group anaphor stands for: "the two sides", "the three countries".
GROUP_SIZES = {"pair": 2, "people-pair": 2, "three": 3, "four": 4}


def _antecedents(kind: str, earlier: list[Candidate]) -> list[Candidate]:
    """Earlier actors an anaphor of a kind can refer to, nearest first."""
    if kind == "organisation":
        return [c for c in earlier if c.kind == "organisation"]
    if kind == "media":
        return [c for c in earlier if c.sector == "MED"]
    if kind == "mission":
        return [c for c in earlier if c.country and any(t.lower_ in MISSION_WORDS
                                                        for t in c.span)]
    if kind == "people-pair":
        return [c for c in earlier if c.kind == "person" and c.country]
    return [c for c in earlier if c.kind == "country" and c.country]


def refer_back(anaphors: list[Span], candidates: list[Candidate]) -> None:
    """'The newspaper', 'the group', 'both sides' refer to the nearest actors named earlier
    (countries described as 'the kingdom' are found by refer_to_countries)."""
    for span in anaphors:
        head = span.root
        if any(c.head.i == head.i and c.country for c in candidates):
            continue  # "the country's president" etc. is already an actor
        sent_start = span.sent.start
        earlier = sorted((c for c in candidates if c.span.end <= span.start
                          and c.sent_start >= sent_start - 120),
                         key=lambda c: -c.head.i)
        found: list[Candidate] = []
        for cand in _antecedents(span.label_, earlier):
            if cand.kind == "country" and is_setting(cand.head):
                continue  # "In the Ethiopian capital, the presidents of the two countries"
            if all(cand.key != other.key and not (cand.kind == "country" == other.kind
                                                  and cand.country == other.country)
                   for other in found):
                found.append(cand)
        wanted = GROUP_SIZES.get(span.label_, 1)
        if span.label_ == "people-pair":
            sentence_no = {sent.start: n for n, sent in enumerate(span.doc.sents)}
            found = two_heads(span, found, earlier,
                              _salience(span, earlier, sentence_no)) or found
        if len(found) < wanted:
            continue
        candidates[:] = [c for c in candidates if c.head.i != head.i]
        # "the ambassador" of an embassy is a person ("He also criticized")
        envoy = span.label_ == "mission" and head.lower_ == "ambassador"
        for number, ante in enumerate(found[:wanted]):
            kind = "person" if envoy else ante.kind
            candidates.append(Candidate(head, span, ante.key, ante.name, kind, ante.country,
                                         ante.sector, ante.kb_id, ante.name_tokens,
                                         coordinated_with=head.i if number else None))


# Prepositions of a setting: a country named "in" or "near" a place is where, not who.
SETTING_PREPS = frozenset({"in", "at", "near", "inside", "outside"})


def is_setting(token: Token) -> bool:
    """Whether a country's name stands as the place of a clause ('in the Ethiopian capital'),
    or names that place again ('in the capital, Addis Ababa')."""
    if token.dep_ == "pobj" and token.head.lower_ in SETTING_PREPS:
        return True
    start, doc = token.left_edge.i, token.doc
    return (start >= 2 and doc[start - 1].text == ","
            and doc[start - 2].lemma_.lower() in ("capital", "city", "town")
            and is_setting(doc[start - 2]))


# How far back a description looks for its country, in sentences.
SALIENCE_SENTENCES = 6
# A capital named as a place ('arrived in Astana') still brings its country to mind, a city
# ('the rubble in Idlib') hardly: the country acting nearby is meant.
PLACE_WEIGHTS = {"capital": 0.5, "city": 0.0}


def refer_to_countries(references: list[CountryReference], candidates: list[Candidate],
                       lexicon: DiscourseLexicon, day: date | None,
                       names: Mapping[str, str]) -> None:
    """'The kingdom', 'the Islamic republic', 'the country': the most salient earlier country
    that fits the description, other than the country of its own clause's subject or speaker
    when another fits ('U.S. officials said the Islamic republic ...' is not the U.S.)."""
    if not references:
        return
    sentence_no = {sent.start: n for n, sent in enumerate(references[0].span.doc.sents)}
    for ref in sorted(references, key=lambda r: r.span.start):
        head = ref.span.root
        here = [c for c in candidates if c.head.i == head.i]
        if any(c.country for c in here):
            continue  # "the country's president" etc. is already an actor
        scores = _salience(ref.span, candidates, sentence_no)
        chosen = _choose(scores, _own_countries(head, candidates), ref.description, lexicon, day)
        if chosen is None:
            continue  # nothing fits: better no country than a wrong one
        sector = ref.description.sector or next((c.sector for c in here if c.sector), None)
        candidates[:] = [c for c in candidates if c.head.i != head.i]
        candidates.append(Candidate(head, ref.span, f"group:{chosen}:{sector}",
                                    names.get(chosen, chosen), "country", chosen, sector, chosen))


def _salience(span: Span, candidates: list[Candidate], sentence_no: dict[int, int]
              ) -> dict[str, tuple[float, int]]:
    """Salience of each country named before a span, with the position of its last mention.
    Kept simple on purpose: each mention adds 1, halved for every sentence back (recency),
    and half as much again when it is the subject of its clause (subject position), less when
    it only names a place there (see PLACE_WEIGHTS); so a country named often, recently and as
    the one acting ranks first."""
    here = sentence_no[span.sent.start]
    scores: dict[str, tuple[float, int]] = {}
    for cand in candidates:
        if not cand.country or cand.span.end > span.start:
            continue
        back = here - sentence_no[cand.sent_start]
        if back > SALIENCE_SENTENCES:
            continue
        weight = 0.5 ** back * (1.5 if _is_subject(cand.head) else PLACE_WEIGHTS.get(
            cand.place, 1.0))
        score, last = scores.get(cand.country, (0.0, -1))
        scores[cand.country] = (score + weight, max(last, cand.head.i))
    return scores


def _is_subject(token: Token) -> bool:
    """Whether a token is (a conjunct of) the subject of its clause."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def _own_countries(head: Token, candidates: list[Candidate]) -> set[str]:
    """Countries of the subjects of the clauses a description stands in: the speaker of
    'U.S. officials said the regime ...' and the actor of 'Iran accused the kingdom ...'."""
    by_head = {c.head.i: c for c in candidates}
    own: set[str] = set()
    for verb in head.ancestors:
        for child in verb.children:
            if child.dep_ not in SUBJECT_DEPS or head in child.subtree:
                continue
            for subject in (child, *child.conjuncts):
                cand = by_head.get(subject.i)
                if cand is not None and cand.country:
                    own.add(cand.country)
    return own


def _choose(scores: dict[str, tuple[float, int]], own: set[str], description: Description,
            lexicon: DiscourseLexicon, day: date | None) -> str | None:
    """The country a description refers to: the most salient that fits, not one of the
    clause's own when another fits; else the only country in the world that fits."""
    fitting = [c for c in scores if lexicon.has_traits(c, description.traits, day)]
    if not fitting and not description.strict:  # "the regime": the traits only rank
        fitting = list(scores)
    pool = [c for c in fitting if c not in own] or fitting
    if pool:
        return max(pool, key=lambda c: scores[c])
    only = lexicon.countries_with(description.traits, day)
    return only.pop() if description.strict and len(only) == 1 else None  # "the Jewish state"


def abbreviation_aliases(read: DocWords, candidates: list[Candidate]) -> None:
    """'The Syrian Democratic Forces (SDF)': the abbreviation names that actor for the rest
    of the document, over any other meaning the knowledge base gives it."""
    doc, words = read.doc, read.text
    ends = {c.span.end: c for c in candidates if c.coordinated_with is None}
    for i in range(1, len(words) - 1):
        if not (words[i - 1] == "(" and words[i + 1] == ")" and _is_abbreviation(words[i])):
            continue
        token = doc[i]
        named = ends.get(token.i - 1)
        if named is None or named.kind not in ("organisation", "group") or (
                named.head.i == token.i):
            continue  # "Paris (AFP)", "Jens Stoltenberg (NATO)": not a name and its short form
        for later in doc[token.i:]:
            if later.text == token.text:
                _alias(later, named, candidates)


def _is_abbreviation(text: str) -> bool:
    plain = text.replace("-", "").replace("/", "").replace("&", "")
    return (2 <= len(text) <= 10 and text[0].isupper() and plain.isalnum()
            and sum(ch.isupper() for ch in text) >= 2)


def _alias(token: Token, named: Candidate, candidates: list[Candidate]) -> None:
    """Make a token of an abbreviation a mention of the actor it abbreviates."""
    for cand in candidates:
        if cand.head.i == token.i:
            cand.key, cand.name, cand.kind, cand.kb_id = (named.key, named.name, named.kind,
                                                          named.kb_id)
            cand.country, cand.sector = named.country, named.sector
            return
    for cand in candidates:  # "SDF fighters": members of the actor
        if cand.span.start <= token.i < cand.span.end:
            if cand.country is None and named.country is not None:
                cand.country = named.country
                cand.key = f"{named.key}:{cand.sector}"
            return
    candidates.append(Candidate(token, token.doc[token.i:token.i + 1], named.key, named.name,
                                named.kind, named.country, named.sector, named.kb_id))


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
                      and c.sent_start >= cand.sent_start - OWNER_WINDOW), None)
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
            if (person.kb_id is not None and role.country and person.country != role.country
                    and not role.name_tokens and role.sector):
                # "Prime Minister of the Marshall Islands, John Key": the text's own words for
                # the office beat a namesake of the knowledge base.
                person.country, person.sector = role.country, role.sector
            person.country = person.country or role.country
            person.sector = person.sector or role.sector
            role.key, role.name, role.kind = person.key, person.name, person.kind
            role.country, role.sector, role.kb_id = person.country, person.sector, person.kb_id
            role.name_tokens = person.name_tokens
            if person.kb_id is None:
                person.key = role.key = f"person:{person.name}"


def bare_surnames(read: DocWords, candidates: list[Candidate]) -> None:
    """A proper noun the tagger names nothing ('Key is traveling') that is the surname of a
    person named in full earlier: a mention of that person."""
    covered = {i for c in candidates for i in range(c.span.start, c.span.end)}
    people = [c for c in candidates if c.kind == "person" and len(c.name_tokens) > 1]
    surnames = {p.name_tokens[-1] for p in people}
    doc = read.doc
    for i, text in enumerate(read.text):
        if text not in surnames:
            continue  # only the surname of someone named in full can be a mention
        token = doc[i]
        if (token.pos_ != "PROPN" or token.ent_type_ or token.i in covered
                or token.dep_ not in SUBJECT_DEPS | OBJECT_DEPS):
            continue
        earlier = [p for p in people if p.span.end <= token.i
                   and p.name_tokens[-1] == token.text]
        if earlier:
            person = max(earlier, key=lambda p: p.span.end)
            candidates.append(person.again(doc[token.i:token.i + 1]))


def link_surnames(candidates: list[Candidate]) -> None:
    """A bare surname inherits the earlier full mention of the same person; so does the
    family name that comes first in East Asian order ('Leung' after 'Leung Chun-ying'), and
    a surname the tagger took for an unknown organisation ('The 53-year-old Duru')."""
    people = [c for c in candidates if c.kind == "person" and c.name_tokens]
    for cand in candidates:
        if (cand.kind == "organisation" and cand.kb_id is None and len(cand.span) == 1
                and any(p.name_tokens[-1] == cand.span.text and len(p.name_tokens) > 1
                        and p.span.end <= cand.span.start for p in people)):
            cand.kind, cand.name_tokens = "person", (cand.span.text,)
    people = sorted((c for c in candidates if c.kind == "person" and c.name_tokens),
                    key=lambda c: c.span.start)
    for index, cand in enumerate(people):
        if cand.kb_id is not None:
            continue
        for earlier in reversed(people[:index]):
            tail = earlier.name_tokens[-len(cand.name_tokens):]
            if tail != cand.name_tokens and len(cand.name_tokens) == 1 and "-" in (
                    earlier.span.text.partition(earlier.name_tokens[0])[2]
                    + " ".join(earlier.name_tokens[1:])):
                tail = earlier.name_tokens[:1]  # "Leung Chun-ying", "Moon Jae-in"
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


def _previous_subject(token: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """For a pronoun that is the subject of its sentence's main clause, the subject of the
    previous sentence's main clause: 'Tokelau reached a deal with the IMF. It also agreed
    ...' is Tokelau, not the nearer IMF (the subject carries the topic on; for he and she,
    the nearest person stays first)."""
    sent = token.sent
    if token.head.i != sent.root.i or sent.start == 0:
        return None
    if any(t.dep_ in SUBJECT_DEPS and t.head.i == sent.root.i for t in sent[:token.i - sent.start]):
        return None
    root = token.doc[sent.start - 1].sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    return by_head.get(subject.i) if subject is not None else None


def _clause_speaker(token: Token, by_head: dict[int, Candidate],
                    speech_verbs: frozenset[str]) -> Candidate | None:
    """The speaker of the reported clause a subject pronoun stands in: 'Iran said it ...'."""
    verb = token.head
    for _ in range(4):
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "ccomp" and verb.head.lemma_ in speech_verbs:
            speech = verb.head
            subjects = [c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects and speech.dep_ in ("advcl", "conj"):
                # "Israel called it a strike on Hamas, [saying] it had killed seven"
                subjects = [c for c in speech.head.children if c.dep_ == "nsubj"]
            return by_head.get(subjects[0].i) if subjects else None
        return None
    return None


def _quote_speaker(token: Token, by_head: dict[int, Candidate],
                   speech_verbs: frozenset[str]) -> Candidate | None:
    """The speaker of the quotation a word stands in: the subject of the verb of speech its
    sentence hangs on ('"I want talks," Grybauskaite was quoted as saying')."""
    speaker = _clause_speaker(token, by_head, speech_verbs)
    if speaker is not None:
        return speaker
    root = token.sent.root
    # "said", or "was quoted as saying": a verb of speech at the root or one step below it.
    below = [grand for child in root.children for grand in child.children]
    if root.lemma_ not in speech_verbs and not any(t.lemma_ in speech_verbs for t in below):
        return None
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS
                    and not _inside_quotes(c)), None)
    return by_head.get(subject.i) if subject is not None else None


def _inside_quotes(token: Token) -> bool:
    """Whether a token stands inside quotation marks in its sentence."""
    # The sentence's words before the token, not doc.text, which joins the whole document.
    before = token.doc[token.sent.start:token.i].text
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def assign_genders(read: DocWords, candidates: list[Candidate], lexicon: DiscourseLexicon
                   ) -> None:
    """The gender of each person, from a title, first name or noun in the phrase ('Mrs May',
    'Angela Merkel', 'the spokeswoman'), shared by every mention of the person; failing
    those, from a possessive in the person's own clause ('Kallas said her government')."""
    people = [c for c in candidates if c.kind == "person"]
    for cand in people:
        cand.gender = lexicon.gender([t.text for t in cand.span], cand.name_tokens)
    by_key: dict[str, set[str]] = {}
    for cand in people:
        if cand.gender:
            by_key.setdefault(cand.key, set()).add(cand.gender)
    by_head = {c.head.i: c for c in people}
    for token in read.tokens(("his", "her")):
        if token.dep_ != "poss":
            continue
        owner = _clause_subject(token, by_head)
        if owner is not None and owner.name_tokens and owner.key not in by_key:
            by_key[owner.key] = {PRONOUN_GENDER[token.lower_]}
    for cand in people:
        known = by_key.get(cand.key, set())
        cand.gender = next(iter(known)) if len(known) == 1 else None  # both: we cannot tell


def _clause_subject(token: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """The person who is the subject of the clause a token stands in."""
    for verb in token.ancestors:
        if verb.pos_ in ("VERB", "AUX"):
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            return by_head.get(subjects[0].i) if subjects else None
    return None


def _fits(pronoun: str, cand: Candidate, gender: str | None) -> bool:
    """Whether a pronoun can stand for an actor: he and she for one person of that gender
    (or of unknown gender), it never for a person, they and we for groups and countries."""
    if pronoun in PERSONAL_PRONOUNS:
        return (cand.kind == "person" and cand.head.tag_ not in PLURAL_TAGS
                and gender in (None, PRONOUN_GENDER[pronoun]))
    if pronoun == "it":
        return cand.kind in ("country", "organisation") or (
            cand.kind == "group" and cand.head.tag_ in ("NN", "NNP"))  # "the Customs Authority"
    return cand.kind != "person" or not cand.name_tokens  # they, we: groups and countries


def _plural(cand: Candidate) -> bool:
    """Whether an actor is named as many: 'the rebels', 'Iran and Iraq'."""
    return cand.head.tag_ in PLURAL_TAGS or any(c.dep_ == "conj" for c in cand.head.children)


class _Antecedents:
    """Earlier actors in text order, searched back from a pronoun within a window."""

    WINDOW = 150  # tokens, about five sentences
    PLURAL_WINDOW = 60  # tokens, about two sentences: how far "they" looks for a plural

    def __init__(self, candidates: list[Candidate], genders: dict[str, str]) -> None:
        self.ordered = sorted(candidates, key=lambda c: c.head.i)
        self.heads = [c.head.i for c in self.ordered]
        self.quoted: dict[int, bool] = {}
        self.genders = genders

    def nearest(self, token: Token, pronoun: str, besides: str | None = None
                ) -> Candidate | None:
        """The nearest earlier actor the pronoun can stand for, outside quotations and other
        than the actor `besides` (the subject of 'she thanked him'); for "they", a plural one
        nearby before a singular one; for he and she, a person nearby known to be of that
        gender before one whose gender we do not know."""
        fallback: Candidate | None = None
        for index in range(bisect_left(self.heads, token.i) - 1, -1, -1):
            cand = self.ordered[index]
            distance = token.i - cand.head.i
            if distance > self.WINDOW or (fallback is not None
                                          and distance > self.PLURAL_WINDOW):
                break
            if cand.key == besides or not _fits(pronoun, cand, self.genders.get(cand.key)):
                continue
            if cand.head.i not in self.quoted:
                self.quoted[cand.head.i] = _inside_quotes(cand.head)
            if self.quoted[cand.head.i]:  # "'Putin will fail,' he added": he is not Putin
                continue
            if pronoun in PRONOUN_GENDER:
                if self.genders.get(cand.key) == PRONOUN_GENDER[pronoun]:
                    return cand
                fallback = fallback or cand
                continue
            if pronoun != "they" or _plural(cand):
                return cand
            fallback = fallback or cand
        return fallback


def link_pronouns(read: DocWords, candidates: list[Candidate], speech_verbs: frozenset[str]
                   ) -> None:
    """Subject pronouns refer to the speaker whose words they stand in, else to the nearest
    earlier compatible actor: he and she to people of that gender, it to countries and
    organisations. A pronoun with no compatible actor stays unresolved; a person first
    known through a pronoun keeps that gender for the pronouns after it."""
    by_head = {c.head.i: c for c in candidates}
    genders = {c.key: c.gender for c in candidates if c.gender}
    antecedents = _Antecedents(candidates, genders)

    def fits(cand: Candidate | None, pronoun: str) -> bool:
        return cand is not None and _fits(pronoun, cand, genders.get(cand.key))

    groups = groups_of(candidates)
    subjects: dict[int, Candidate] = {}  # the pronoun subjects resolved so far, by head
    doc = read.doc
    for token in read.tokens(LINKED_PRONOUNS):
        pronoun = token.lower_
        if (pronoun in OBJECT_PRONOUNS and token.tag_ == "PRP" and token.dep_ in OBJECT_DEPS):
            _link_object(token, OBJECT_PRONOUNS[pronoun], antecedents, by_head | subjects,
                         genders, candidates)
            continue
        if pronoun == "i" and token.dep_ in SUBJECT_DEPS and _inside_quotes(token):
            speaker = _quote_speaker(token, by_head, speech_verbs)
            if speaker is not None and speaker.kind == "person" and speaker.name_tokens:
                candidates.append(_refer(token, speaker, genders.get(speaker.key)))
            continue
        if pronoun not in SUBJECT_PRONOUNS or token.dep_ not in SUBJECT_DEPS:
            continue
        ante = _clause_speaker(token, by_head, speech_verbs)
        if not fits(ante, pronoun):
            ante = _main_subject(token, by_head)
        if not fits(ante, pronoun) and pronoun not in PERSONAL_PRONOUNS:
            ante = _previous_subject(token, by_head | subjects)
            if pronoun == "they" and ante is not None and not (
                    _plural(ante) or group_of(ante, groups)):
                ante = None
        if not fits(ante, pronoun):
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
            if pronoun in PERSONAL_PRONOUNS and ante.name_tokens:
                genders.setdefault(ante.key, PRONOUN_GENDER[pronoun])
            subjects[token.i] = _refer(token, ante, genders.get(ante.key))
            if pronoun in ("they", "we"):  # "They" after "the ministers of Russia and Iran"
                group = group_of(ante, groups)
                if group:
                    ante = group[0]
                    subjects[token.i] = _refer(token, ante, None)
                candidates.append(subjects[token.i])
                candidates.extend(_refer(token, member, None, coordinated_with=token.i)
                                  for member in group[1:])
                continue
            candidates.append(subjects[token.i])


def _refer(token: Token, ante: Candidate, gender: str | None,
           coordinated_with: int | None = None) -> Candidate:
    """A pronoun as a mention of its antecedent (or of a further member of its group)."""
    return ante.again(token.doc[token.i:token.i + 1], gender, coordinated_with)


def _link_object(token: Token, pronoun: str, antecedents: _Antecedents,
                 by_head: dict[int, Candidate], genders: dict[str, str],
                 candidates: list[Candidate]) -> None:
    """'She thanked him': him is the nearest earlier man other than the clause's subject."""
    subject = next((by_head.get(c.i) for c in token.head.children
                    if c.dep_ in SUBJECT_DEPS), None)
    if subject is None and token.head.dep_ == "prep":  # "she presented the button to him"
        subject = next((by_head.get(c.i) for c in token.head.head.children
                        if c.dep_ in SUBJECT_DEPS), None)
    ante = antecedents.nearest(token, pronoun, besides=subject.key if subject else None)
    if ante is not None and ante.name_tokens:
        candidates.append(_refer(token, ante, genders.get(ante.key)))
