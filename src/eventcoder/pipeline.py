"""annotate(): one parse per document, then every stage reads that parse."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from .actors import ActorAnalysis, ActorMatcher, ActorResolver, load_knowledge_base
from .coding import (
    Consideration,
    Draft,
    code_document,
    load_lexicon,
    story_country,
    with_place_context,
    with_story_context,
)
from .dates import FoundTime, date_of_event, find_times
from .model import (
    AnnotatedDocument,
    Document,
    Event,
    Place,
    Span,
    content_hash,
    event_id,
)
from .nlp import SentenceIndex, load_pipeline, parse_texts, text_windows
from .ontology import load_codebook
from .places import FoundPlace, PlaceResolver, location_of_event
from .quotes import find_quotes
from .settings import Settings
from .stitch import Stitcher


@dataclass(frozen=True)
class Analysis:
    """An annotated document with the parse and intermediate results (for explain)."""

    annotated: AnnotatedDocument
    doc: Doc
    actors: ActorAnalysis
    considered: list[Consideration]


class Pipeline:
    """The loaded models and data of every stage; annotate documents one by one or in batches."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_pipeline(self.settings.model)
        self.kb = load_knowledge_base(self.settings.actors_file)
        self.codebook = load_codebook()
        self.lexicon = load_lexicon(self.codebook)
        self.places = PlaceResolver(self.kb)
        self.resolver = ActorResolver(ActorMatcher(self.nlp, self.kb),
                                      self.lexicon.words_with_role("speech"),
                                      self.places.country_of)

    def annotate(self, document: Document) -> AnnotatedDocument:
        """Annotate one document."""
        return next(self.annotate_many([document]))

    def annotate_many(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents in order, parsing them in batches."""
        for analysis in self.analyse_many(documents):
            yield analysis.annotated

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        """Annotate documents, keeping the parse and what each stage considered."""
        pending: list[Document] = []
        for document in documents:
            pending.append(document)
            if len(pending) >= self.settings.batch_size:
                yield from self._analyse_batch(pending)
                pending = []
        if pending:
            yield from self._analyse_batch(pending)

    def _analyse_batch(self, documents: list[Document]) -> Iterator[Analysis]:
        window = self.settings.window_chars
        texts = [d.text for d in documents if len(d.text) <= window]
        parsed = iter(parse_texts(self.nlp, texts, batch_size=max(1, len(texts))))
        for document in documents:
            if len(document.text) > window:
                yield self._analyse_windows(self._with_published(document))
            else:
                yield self._analyse(self._with_published(document), next(parsed))

    def _analyse_windows(self, document: Document) -> Analysis:
        """A text longer than a window, coded window by window (memory bounded by the window,
        time linear in the length) and stitched; the parse kept is the first window's."""
        stitcher = Stitcher(document)
        first: Analysis | None = None
        for text in text_windows(document.text, self.settings.window_chars):
            analysis = self._analyse(replace(document, text=text), self.nlp(text))
            first = first or analysis
            stitcher.add(analysis.annotated)
        assert first is not None  # a text longer than a window has windows
        return replace(first, annotated=stitcher.result())

    def _with_published(self, document: Document) -> Document:
        if document.published is None and self.settings.published is not None:
            return Document(document.text, document.doc_id, document.title, document.url,
                            self.settings.published, document.source, document.line)
        return document

    def _analyse(self, document: Document, doc: Doc) -> Analysis:
        index = SentenceIndex(doc)
        actors = self.resolver.resolve(doc, document.published)
        times = find_times(doc, document.published, index)
        places = self.places.find(doc, actors, index)
        quotes = find_quotes(doc, actors, index)
        drafts, considered = code_document(doc, self.lexicon, actors)
        # Times and places of an event stand in its own sentence: index them by sentence once.
        times_in: dict[int, list[FoundTime]] = defaultdict(list)
        for found_time in times:
            times_in[found_time.value.sentence].append(found_time)
        places_in: dict[int, list[FoundPlace]] = defaultdict(list)
        for found_place in places:
            places_in[found_place.value.sentence].append(found_place)
        # The context completes each draft (its place first, which may add a country to the
        # actors, then the story's country); each event is built once, from the final draft.
        actor_list = list(actors.actors)
        situated = []
        for draft in drafts:
            sentence = index.sentence_of(draft.trigger_start)
            when = _when(document, draft, index, times_in[sentence])
            located = location_of_event(draft.content or draft.anchor, places_in[sentence],
                                        index.doc[draft.trigger_start])
            draft = with_place_context(draft, located[0] if located else None, actor_list)
            situated.append((draft, when, located))
        country = story_country(actor_list)
        events = [self._event(document, with_story_context(draft, country, actor_list), index,
                              when, located) for draft, when, located in situated]
        errors: list[str] = []
        annotated = AnnotatedDocument(
            document=document,
            sentences=tuple(s.text for s in index.sents),
            actors=tuple(actor_list),
            events=tuple(_unique(events)),
            quotes=tuple(quotes),
            times=tuple(t.value for t in times),
            places=tuple(p.value for p in places),
            errors=tuple(errors),
        )
        return Analysis(annotated, doc, actors, considered)

    def _event(self, document: Document, draft: Draft, index: SentenceIndex, when: _When,
               located: tuple[Place, str] | None) -> Event:
        sentence, start, end = index.locate(draft.trigger_start, draft.trigger_end)
        trigger = Span(index.doc[draft.trigger_start:draft.trigger_end].text, start, end)
        location, location_source = located if located else (None, None)
        return Event(
            id=event_id(document.doc_id, sentence, start, draft.source, draft.target,
                        draft.code, draft.rule),
            sentence=sentence,
            source=draft.source,
            target=draft.target,
            code=self.codebook[draft.code],
            trigger=trigger,
            negated=draft.negated,
            modality=draft.modality,
            date=when[0],
            date_end=when[1],
            date_precision=when[2],
            date_source=when[3],
            location=location,
            location_source=location_source,
            confidence=draft.confidence,
            rule=draft.rule,
        )


# An event's date: first and last day, precision, and where it came from.
_When = tuple[date | None, date | None, str, str]


def _when(document: Document, draft: Draft, index: SentenceIndex,
          times: list[FoundTime]) -> _When:
    """The date of a draft's event: from the text's own expression, else the published date."""
    time = date_of_event(draft.anchor, times, index.doc[draft.trigger_start])
    if time is not None:
        return time.value, time.value_end, time.precision, "text"
    if document.published is not None:
        return document.published, document.published, "none", "published"
    return None, None, "none", "none"


def _unique(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    kept = []
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            kept.append(event)
    return kept


def annotate(document: Document | str, settings: Settings | None = None) -> AnnotatedDocument:
    """Annotate one document (or a text) with a pipeline loaded once per process."""
    if isinstance(document, str):
        document = Document(text=document, doc_id=content_hash(document))
    return _default_pipeline(settings or Settings()).annotate(document)


_PIPELINES: dict[Settings, Pipeline] = {}


def _default_pipeline(settings: Settings) -> Pipeline:
    if settings not in _PIPELINES:
        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]
