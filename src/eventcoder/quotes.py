"""Direct and indirect quotations, with the actor who said them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .actors import ActorAnalysis
from .coding.lexicon import speech_verbs
from .model import ActorRef, Quote
from .nlp import SentenceIndex

QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")


def _speech_verb(tokens: list[Token]) -> Token | None:
    return next((t for t in tokens if t.lemma_ in speech_verbs() and t.pos_ == "VERB"), None)


def _speaker(verb: Token, actors: ActorAnalysis) -> ActorRef | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return actors.ref(child)
    return None


def _according_to(sent: Span, actors: ActorAnalysis) -> ActorRef | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(sent.doc):
            to = sent.doc[token.i + 1]
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return actors.ref(obj)
    return None


def find_quotes(doc: Doc, actors: ActorAnalysis, index: SentenceIndex) -> list[Quote]:
    """Quotations of the document: quoted text first, then reported speech ('said that')."""
    quotes: list[Quote] = []
    quoted_tokens: set[int] = set()
    for match in QUOTED.finditer(doc.text):
        inner = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if inner is None:
            continue
        quoted_tokens.update(range(inner.start, inner.end))
        sent = doc[inner.end - 1].sent
        outside = [t for t in sent if not inner.start <= t.i < inner.end]
        verb = _speech_verb(outside)
        speaker = _speaker(verb, actors) if verb is not None else _according_to(sent, actors)
        number, start, end = index.locate(inner.start, inner.end)
        # Offsets of a quote spanning sentences run from its first sentence.
        quotes.append(Quote(number, match.group(1), start, start + len(match.group(1)),
                            "direct", speaker))
    for verb in doc:
        if verb.lemma_ not in speech_verbs() or verb.pos_ != "VERB" or verb.i in quoted_tokens:
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp"
                       and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark")), None)
        if clause is None:
            continue
        tokens = list(clause.subtree)
        content = doc[tokens[0].i + 1 if tokens[0].lower_ == "that" else tokens[0].i:
                      tokens[-1].i + 1]
        number, start, end = index.locate(content.start, content.end)
        quotes.append(Quote(number, content.text, start, end, "indirect",
                            _speaker(verb, actors)))
    return sorted(quotes, key=lambda q: (q.sentence, q.start))
