"""One annotated document from the windows of a long text (nlp.text_windows), coded in order:
sentence numbers over the whole text, one actor per entity across windows, event ids of the
whole document. Offsets need no change: the output contract gives them within a sentence."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .model import (
    Actor,
    ActorRef,
    AnnotatedDocument,
    Document,
    Event,
    Mention,
    Place,
    Quote,
    TimeValue,
    event_id,
)

ActorKey = tuple[str | None, ...]


def _key(actor: Actor) -> ActorKey:
    """What makes actors of two windows one: the knowledge-base entry, else name and code."""
    if actor.kb_id:
        return (actor.kb_id, actor.name, actor.kind)
    return (None, actor.name, actor.kind, actor.country, actor.sector)


class Stitcher:
    """Collects the windows of one document, in text order, into one annotated document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.sentences: list[str] = []
        self.actors: dict[str, Actor] = {}  # by the id in the whole document
        self.mentions: dict[str, list[Mention]] = {}
        self.ids_of: dict[ActorKey, list[str]] = {}
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        self.times: list[TimeValue] = []
        self.places: list[Place] = []
        self.errors: dict[str, None] = {}

    def add(self, part: AnnotatedDocument) -> None:
        """Add the next window, annotated on its own."""
        shift = len(self.sentences)
        ids = self._actor_ids(part.actors, shift)
        self.sentences.extend(part.sentences)
        self.events.extend(self._event(e, shift, ids) for e in part.events)
        self.quotes.extend(replace(
            q, sentence=q.sentence + shift, speaker=_ref(q.speaker, ids),
            sentence_end=None if q.sentence_end is None else q.sentence_end + shift)
            for q in part.quotes)
        self.times.extend(replace(t, sentence=t.sentence + shift) for t in part.times)
        self.places.extend(_place(p, shift) for p in part.places)
        self.errors.update(dict.fromkeys(part.errors))

    def result(self) -> AnnotatedDocument:
        """The whole document."""
        actors = tuple(replace(actor, mentions=tuple(self.mentions[key]))
                       for key, actor in self.actors.items())
        return AnnotatedDocument(self.document, tuple(self.sentences), actors,
                                 tuple(self.events), tuple(self.quotes), tuple(self.times),
                                 tuple(self.places), tuple(self.errors))

    def _actor_ids(self, actors: tuple[Actor, ...], shift: int) -> dict[str, str]:
        """The whole document's id of each actor of a window: the n-th actor of a key in the
        window is the n-th of that key in the document so far, or a new one."""
        ids: dict[str, str] = {}
        seen: Counter[ActorKey] = Counter()
        for actor in actors:
            key = _key(actor)
            known = self.ids_of.setdefault(key, [])
            if seen[key] < len(known):
                whole_id = known[seen[key]]
                kept = self.actors[whole_id]
                self.actors[whole_id] = replace(kept, country=kept.country or actor.country,
                                                sector=kept.sector or actor.sector)
            else:
                whole_id = f"a{len(self.actors) + 1}"
                known.append(whole_id)
                self.actors[whole_id] = replace(actor, id=whole_id)
                self.mentions[whole_id] = []
            seen[key] += 1
            ids[actor.id] = whole_id
            self.mentions[whole_id].extend(replace(m, sentence=m.sentence + shift)
                                           for m in actor.mentions)
        return ids

    def _event(self, event: Event, shift: int, ids: dict[str, str]) -> Event:
        source, target = _ref(event.source, ids), _ref(event.target, ids)
        sentence = event.sentence + shift
        return replace(event, sentence=sentence, source=source, target=target,
                       location=None if event.location is None else _place(event.location,
                                                                            shift),
                       id=event_id(self.document.doc_id, sentence, event.trigger.start, source,
                                   target, event.code.cameo, event.rule))


def _ref(ref: ActorRef | None, ids: dict[str, str]) -> ActorRef | None:
    if ref is None:
        return None
    return replace(ref, actor=ids.get(ref.actor, ref.actor))


def _place(place: Place, shift: int) -> Place:
    return replace(place, sentence=place.sentence + shift)
