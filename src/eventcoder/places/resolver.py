"""The places of a document: names found in the parse, resolved with the gazetteer. Ambiguous
names ("Tripoli", "Georgia") are settled by the document: places named elsewhere in it, then
its actors, then prominence (a fixed rank by kind, and population for cities)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..actors import ActorAnalysis, KnowledgeBase
from ..model import Place
from ..nlp import SentenceIndex, entity_of
from .gazetteer import Candidate, Gazetteer, fold, load_regions
from .roles import place_role

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
ADMIN_WORDS = frozenset({"province", "region", "oblast", "governorate", "state", "district",
                         "county", "prefecture"})
PLACE_CONTEXT = 4.0  # the candidate's country is that of another place of the document
ADMIN_CONTEXT = 1.5  # ... and its US state too
ACTOR_CONTEXT = 1.5  # per actor of the candidate's country, up to twice
DECISIVE = 3.0  # a lead by which a place counts as context for the others


@dataclass(frozen=True)
class FoundPlace:
    """A resolved place and the token that heads its name in the parse."""

    value: Place
    root: Token


@dataclass
class _Mention:
    span: Span
    candidates: list[Candidate]


class PlaceResolver:
    """Finds the places of parsed documents and resolves them with a gazetteer."""

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer | None = None) -> None:
        self.kb = kb
        self.gazetteer = gazetteer or Gazetteer(kb, load_regions(kb))
        self._matcher: PhraseMatcher | None = None

    def _region_matcher(self, doc: Doc) -> PhraseMatcher:
        """Region names as phrases: many are not tagged as places by the recogniser."""
        if self._matcher is None:
            tokenizer = spacy.blank("en", vocab=doc.vocab)
            matcher = PhraseMatcher(doc.vocab, attr="ORTH")
            names = sorted({n for r in load_regions(self.kb) for n in r.names})
            matcher.add("region", [tokenizer.make_doc(n) for n in names])
            self._matcher = matcher
        return self._matcher

    def country_of(self, name: str) -> str | None:
        """The country of a place name, by its most prominent candidate (used by the actor
        resolver for 'police in Lagos')."""
        candidates = sorted(self.gazetteer.candidates(name), key=lambda c: -c.rank)
        return candidates[0].country if candidates else None

    def find(self, doc: Doc, actors: ActorAnalysis, index: SentenceIndex) -> list[FoundPlace]:
        """Every place named in the document, in order; names used as actors left out."""
        mentions = []
        dateline = _dateline(doc)
        for span in self._spans(doc, actors):
            if _is_actor_use(span.root, actors) and span not in dateline:
                continue
            span, candidates = self._candidates(span)
            if candidates:
                mentions.append(_Mention(span, candidates))
        places_context, admin_context = _place_context(mentions)
        actor_context = Counter(a.country for a in actors.actors if a.country)
        found = []
        for mention in mentions:
            best = max(mention.candidates, key=lambda c: _score(
                c, places_context, admin_context, actor_context))
            sentence, start, end = index.locate(mention.span.start, mention.span.end)
            found.append(FoundPlace(Place(
                sentence, mention.span.text, start, end, best.name, best.country, best.lat,
                best.lon, best.feature, best.geonameid), mention.span.root))
        return found

    def _spans(self, doc: Doc, actors: ActorAnalysis) -> list[Span]:
        """Named places: recognised entities, knowledge-base countries and seats, regions."""
        spans = [m.span for m in actors.kb_matches if m.term.kind in ("country", "seat")]
        spans += [e for e in doc.ents if e.label_ in PLACE_ENTS]
        for span in self._region_matcher(doc)(doc, as_spans=True):
            if len(span) > 1 or span.root.dep_ not in ("compound", "amod"):
                spans.append(span)
        # Names the recogniser took for something else, standing where places stand.
        spans += [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP")
                  and place_role(e.root) is not None and self.gazetteer.knows(e.text)]
        spans += [s for s in _proper_names(doc) if place_role(s.root) is not None
                  and self.gazetteer.knows(s.text)]
        spans += _dateline(doc)
        return [_with_admin_word(_trim(s)) for s in filter_spans(spans)]

    def _candidates(self, span: Span) -> tuple[Span, list[Candidate]]:
        """The places a name may be, narrowed by what the text says around it; the name's span
        with its article where the article is part of the name ("The Hague")."""
        text = span.text
        found: list[Candidate] = []
        if span.start > 0 and span.doc[span.start - 1].lower_ == "the":
            found = [c for c in self.gazetteer.candidates(f"The {text}")
                     if fold(c.name).startswith("the ")]
            if found:
                span = span.doc[span.start - 1:span.end]
        found = found or self.gazetteer.candidates(text)
        if not found and text.isupper() and len(text) > 3:
            found = self.gazetteer.candidates(text.title())  # datelines: "KYIV, March 4"
        if not found and span[-1].lower_ in ADMIN_WORDS:
            # "Hama province": the area named after its city, or a known subdivision.
            base = self.gazetteer.candidates(span[:-1].text)
            found = [replace(c, feature="admin_region", geonameid=None, name=span.text)
                     if c.feature == "city" else c for c in base]
        elif span[-1].lower_ in ADMIN_WORDS or _after_state_of(span):
            admins = [c for c in found if c.feature == "admin_region"]
            found = admins or found
        within = _within(span, self.gazetteer)
        if within:
            narrowed = [c for c in found if any(
                c.admin1 == w.admin1 if w.admin1 else bool(set(c.countries) & set(w.countries))
                for w in within)]
            found = narrowed or found
        return span, found


def _score(candidate: Candidate, places: set[str], admins: set[str],
           actors: Counter[str]) -> float:
    score = candidate.rank
    if set(candidate.countries) & places:
        score += PLACE_CONTEXT
        if candidate.admin1 and candidate.admin1 in admins:
            score += ADMIN_CONTEXT
    if candidate.country:
        score += ACTOR_CONTEXT * min(2, actors[candidate.country])
    return score


def _place_context(mentions: list[_Mention]) -> tuple[set[str], set[str]]:
    """Countries (and US states) of the places whose reading no context could change."""
    countries: set[str] = set()
    admins: set[str] = set()
    for mention in mentions:
        ranked = sorted(mention.candidates, key=lambda c: -c.rank)
        best = ranked[0]
        if len(ranked) > 1 and ranked[1].rank + DECISIVE >= best.rank and (
                set(ranked[1].countries) != set(best.countries)):
            continue
        if best.country:
            countries.add(best.country)
        if best.admin1:
            admins.add(best.admin1)
    return countries, admins


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].lower_ in ("the", "'s"):
        start += 1
    while end > start + 1 and span.doc[end - 1].dep_ in ("case", "punct"):
        end -= 1
    return span.doc[start:end]


def _proper_names(doc: Doc) -> list[Span]:
    """Runs of proper nouns outside any entity: names the recogniser did not tag."""
    spans: list[Span] = []
    start: int | None = None
    for token in doc:
        inside = token.pos_ == "PROPN" and not token.ent_type_
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            spans.append(doc[start:token.i])
            start = None
    if start is not None:
        spans.append(doc[start:len(doc)])
    return spans


def _dateline(doc: Doc) -> list[Span]:
    """'KYIV, March 4 (Reuters) -': the capitalised place a story is filed from."""
    end = 0
    while end < len(doc) and doc[end].is_upper and doc[end].is_alpha:
        end += 1
    if end > 0 and end < len(doc) and doc[end].text == "," and len(doc[0:end].text) > 2:
        return [doc[0:end]]
    return []


def _with_admin_word(span: Span) -> Span:
    """'Idlib province', 'Kharkiv region': the word after the name belongs to it."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ADMIN_WORDS and (
            doc[span.end].head.i == span.end or doc[span.end].i == span.root.head.i):
        return doc[span.start:span.end + 1]
    return span


def _after_state_of(span: Span) -> bool:
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and (
        doc[span.start - 2].lower_ == "state")


def _within(span: Span, gazetteer: Gazetteer) -> list[Candidate]:
    """'Tripoli, Lebanon', 'Athens, Georgia': the country or state written after a city."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return []
    following = doc[span.end + 1]
    entity = entity_of(following)
    name = entity.text if entity is not None and entity.start == following.i and (
        entity.label_ in PLACE_ENTS) else following.text
    return [c for c in gazetteer.candidates(name) if c.feature in ("country", "admin_region")]

def _is_actor_use(root: Token, actors: ActorAnalysis) -> bool:
    """A name is an actor, not a place, where it acts ('Tokyo said', 'talks with Iran')."""
    if root.i not in actors.by_token:
        return False
    return place_role(root) is None
