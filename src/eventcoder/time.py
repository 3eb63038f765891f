"""Temporal expressions of a parsed document, and the date of each event: the expression
attached to the event's own predicate, never the time of the speech that reports it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .model import TimeValue
from .nlp import SentenceIndex
from .temporal import (
    CLAUSE_NOUNS,
    FUTURE_AUX,
    FUTURE_GOVERNORS,
    LEADING,
    PAST_AUX,
    PRESENT_AUX,
    SCHEDULE_WORDS,
    SEASONS,
    WEEKDAYS,
    YEAR,
    resolve_expression,
)


def _governing_verb(token: Token) -> Token | None:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def tense_of(verb: Token | None) -> str | None:
    """Future, past or present, from auxiliaries, tags and governing words; None if unknown."""
    hops = 0
    while verb is not None and hops < 6:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & FUTURE_AUX or (verb.lemma_ in SCHEDULE_WORDS and verb.tag_ in ("VBN", "JJ")):
            return "future"
        if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
            return "future"
        if "to" in aux:
            head = verb.head
            if head.i == verb.i or head.lemma_ in FUTURE_GOVERNORS or verb.dep_ == "relcl":
                return "future"
            verb, hops = head, hops + 1
            continue
        if verb.tag_ == "VBD" or aux & PAST_AUX:
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or aux & PRESENT_AUX:
            return "present"
        if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod"):
            return "past"
        if verb.head.i == verb.i:
            return None
        verb, hops = verb.head, hops + 1
    return None


def looks_ahead(span: Span, verb: Token | None) -> bool:
    """Whether an expression points forward: a future or present verb, or 'for' a date
    ("called a strike for Monday", "set for Tuesday")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if (span.root.dep_ == "pobj" and span.root.head.lower_ == "for") or (
            before is not None and before.lower_ == "for"):
        return True
    return tense_of(verb) in ("future", "present")


@dataclass(frozen=True)
class FoundTime:
    """A resolved time, the token it attaches to, and the verb that governs it in the parse."""

    value: TimeValue
    verb: Token | None
    head: Token | None = None  # the word the expression modifies (through its preposition)
    modifier: bool = False  # attached as a noun modifier ("Monday's attack"), not an adjunct


def _attachment(span: Span) -> tuple[Token | None, bool]:
    root = span.root
    if root.head.i == root.i:
        return None, False
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent"):
        prep = root.head
        return (prep.head if prep.head.i != prep.i else None), False
    return root.head, root.dep_ in ("poss", "compound", "amod", "nmod", "nummod")


def _trim(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in LEADING:
        start += 1
    end = span.end
    while end > start + 1 and span.doc[end - 1].dep_ in ("case", "punct"):
        end -= 1
    return span.doc[start:end]


def _candidate_spans(doc: Doc) -> list[Span]:
    """DATE entities, TIME entities that name a day, and weekdays the recogniser missed."""
    spans = [_extend_range(e) for e in doc.ents if e.label_ in ("DATE", "TIME", "EVENT")]
    covered = {i for s in spans for i in range(s.start, s.end)}
    for token in doc:
        if token.i in covered:
            continue
        lower = token.lower_
        if lower in WEEKDAYS or lower in ("yesterday", "tomorrow", "tonight", "overnight"):
            spans.append(doc[token.i:token.i + 1])
        elif lower == "night" and token.i > 0 and doc[token.i - 1].lower_ == "last":
            spans.append(doc[token.i - 1:token.i + 1])
        elif lower in SEASONS and token.pos_ == "NOUN":
            start = min([c.i for c in token.children if c.dep_ in ("det", "amod")] + [token.i])
            spans.append(doc[start:token.i + 1])
    return _merge_ranges(filter_spans(spans))


def _merge_ranges(spans: list[Span]) -> list[Span]:
    """'Thursday to Friday', 'between 2014 and 2016', '2018 and 2019': one expression."""
    merged: list[Span] = []
    for span in spans:
        if merged and span.start == merged[-1].end + 1:
            last = merged[-1]
            doc = span.doc
            link = doc[last.end].lower_
            between = last.start > 0 and doc[last.start - 1].lower_ == "between"
            single = len(last) == 1 and len(span) == 1
            if link in ("to", "-", "–", "through", "until") or (
                    link == "and" and (between or single)):
                merged[-1] = Span(doc, last.start, span.end, label=last.label_)
                continue
        merged.append(span)
    return merged


def _extend_range(span: Span) -> Span:
    """Between 2014 and 2016: the recogniser may tag only one year of a range."""
    doc = span.doc
    links = ("and", "to", "-", "–", "through", "until")
    start, end = span.start, span.end
    if start >= 2 and doc[start - 1].lower_ in links and YEAR.fullmatch(doc[start - 2].text) and (
            YEAR.fullmatch(doc[start].text)):
        start -= 2
    if end + 1 < len(doc) and doc[end].lower_ in links and YEAR.fullmatch(doc[end + 1].text) and (
            YEAR.fullmatch(doc[end - 1].text)):
        end += 2
    return Span(doc, start, end, label=span.label_)


def find_times(doc: Doc, published: date | None, index: SentenceIndex) -> list[FoundTime]:
    """Every temporal expression of the document, resolved when the published date allows."""
    found: list[FoundTime] = []
    for ent in _candidate_spans(doc):
        span = _trim(ent)
        verb = _governing_verb(span.root)
        resolved = None
        if published is not None:
            resolved = resolve_expression(span.text, published, future=looks_ahead(span, verb))
        if ent.label_ != "DATE" and resolved is None:
            continue  # a clock time ("10 a.m.") or a word that was not a date after all
        value, value_end, precision = resolved or (None, None, "none")
        sentence, start, end = index.locate(span.start, span.end)
        head, modifier = _attachment(span)
        found.append(FoundTime(
            TimeValue(sentence, span.text, start, end, value, value_end, precision), verb,
            head, modifier))
    return found


def date_of_event(anchor: Token, times: list[FoundTime], trigger: Token | None = None
                  ) -> TimeValue | None:
    """The time in the event's own clause: on its trigger noun, its verb, or the verbs that
    verb complements; never the time of a verb of speech that reports it."""
    dated = [t for t in times if t.value.value is not None]
    if trigger is not None and trigger.i != anchor.i:
        own = next((t for t in dated if t.head is not None and t.head.i == trigger.i), None)
        if own is not None:
            return own.value
    verb: Token | None = anchor
    hops = 0
    while verb is not None and hops < 6:
        direct = [t for t in dated if t.head is not None and t.head.i == verb.i]
        if direct:
            return direct[0].value
        # "held talks on Monday": a phrase on a subject or object dates the clause too.
        near = [t for t in dated if t.head is not None and not t.modifier
                and t.head.dep_ in CLAUSE_NOUNS and t.head.head.i == verb.i]
        if near:
            return near[0].value
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb, hops = verb.head, hops + 1
    return None
