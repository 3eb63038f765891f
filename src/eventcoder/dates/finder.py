"""Temporal expressions of a parsed document: the recogniser's DATE spans, mended (ranges,
coordinations, weekdays it missed), each resolved with the tense of the verb it modifies and
the date its sentence named before it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import TimeValue
from ..nlp import SentenceIndex
from ..syntax import governing_verb
from .grammar import LEADING, YEAR, is_calendar_date, resolve_expression, resolve_undated
from .periods import Resolved
from .tense import looks_ahead
from .words import WEEKDAYS, WORDS

LINKS = ("and", "to", "-", "–", "through", "until")
RANGE_LINKS = ("to", "-", "–", "through", "until")
# Words after which a longer phrase names a date of its own: "the quarter ended Sept. 30".
INNER_DATE_AFTER = frozenset({"ended", "ending", "to", "through", "starting", "beginning"})
PERIOD_NOUNS = frozenset({"year", "quarter", "half", "months", "weeks", "days", "period"})
DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
ORDINAL_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)")
UNIT_NOUNS = frozenset({"day", "week", "weekend", "month", "quarter", "year", "decade"})
# Words after a count of units that make it a date: "two days before", "a year earlier".
COUNT_DIRECTIONS = frozenset({"before", "after", "earlier", "later", "ago", "afterwards",
                              "prior"})
# Words before a unit that count from the sentence's earlier date: "the following day".
SEQUENCE_WORDS = frozenset({"following", "next", "previous", "preceding", "subsequent"})
# Prepositions before "the 5th" that make an ordinal a day of the month.
DAY_PREPOSITIONS = frozenset({"on", "by", "until", "till", "since", "from", "before", "after"})


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


def _mend(span: Span) -> Span:
    """Drop a link the recogniser left at the end ("Dec. 30 and") and the noun before an
    inner 'between' ("the years between 2005")."""
    doc, start, end = span.doc, span.start, span.end
    while end > start + 1 and doc[end - 1].lower_ in LINKS:
        end -= 1
    inner = [t.i for t in doc[start + 1:end] if t.lower_ == "between"]
    if inner and inner[0] < end - 1:
        start = inner[0]
    return Span(doc, start, end, label=span.label_)


def _candidate_spans(doc: Doc) -> list[Span]:
    """DATE entities, TIME entities that name a day, and weekdays the recogniser missed."""
    spans = [_extend_range(_mend(e)) for e in doc.ents if e.label_ in ("DATE", "TIME", "EVENT")]
    covered = {i for s in spans for i in range(s.start, s.end)}
    for token in doc:
        if token.i in covered:
            continue
        lower = token.lower_
        if lower in WEEKDAYS or lower in ("yesterday", "tomorrow", "tonight", "overnight"):
            spans.append(doc[token.i:token.i + 1])
        elif lower == "night" and token.i > 0 and doc[token.i - 1].lower_ == "last":
            spans.append(doc[token.i - 1:token.i + 1])
        elif lower in WORDS.seasons and token.pos_ == "NOUN":
            start = min([c.i for c in token.children if c.dep_ in ("det", "amod")] + [token.i])
            spans.append(doc[start:token.i + 1])
        elif lower in UNIT_NOUNS and token.i >= 2 and doc[token.i - 1].lower_ in SEQUENCE_WORDS \
                and doc[token.i - 2].lower_ == "the":
            spans.append(doc[token.i - 2:token.i + 1])
    ordinals = [_ordinal_day(e) for e in doc.ents if e.label_ == "ORDINAL"]
    spans += [s for s in ordinals if s is not None]
    return _merge_ranges(filter_spans(spans))


def _ordinal_day(ent: Span) -> Span | None:
    """'On the 5th': an ordinal the recogniser did not take for a date."""
    doc, start = ent.doc, ent.start
    if len(ent) != 1 or not ORDINAL_DAY.fullmatch(ent.text) or start < 2:
        return None
    if doc[start - 1].lower_ != "the" or doc[start - 2].lower_ not in DAY_PREPOSITIONS:
        return None
    return Span(doc, start - 1, ent.end, label="DATE")


def _merge_ranges(spans: list[Span]) -> list[Span]:
    """'Thursday to Friday', 'between 2014 and 2016', 'Aug. 26 and Oct. 20': one expression."""
    merged: list[Span] = []
    for span in spans:
        if merged and span.start == merged[-1].end + 1:
            last = merged[-1]
            doc = span.doc
            link = doc[last.end].lower_
            between = doc[last.start].lower_ == "between" or (
                last.start > 0 and doc[last.start - 1].lower_ == "between")
            single = len(last) == 1 and len(span) == 1
            dates = is_calendar_date(last.text) and is_calendar_date(span.text)
            if span.root.dep_ == "poss":
                merged.append(span)  # "until last year's crash": the crash ends the range
                continue
            period = link in INNER_DATE_AFTER and doc[last.end - 1].lower_ in PERIOD_NOUNS
            if link in RANGE_LINKS or period or (
                    link == "and" and (between or single or dates)):
                merged[-1] = Span(doc, last.start, span.end, label=last.label_)
                continue
        merged.append(span)
    return merged


def _extend_range(span: Span) -> Span:
    """'Between 2014 and 2016', 'the 5th and 6th of June': the recogniser may tag one end."""
    doc = span.doc
    start, end = span.start, span.end
    if start >= 2 and doc[start - 1].lower_ in LINKS:
        before, first = doc[start - 2].text, doc[start].text
        if (YEAR.fullmatch(before) and YEAR.fullmatch(first)) or (
                DAY_NUMBER.fullmatch(before) and DAY_NUMBER.fullmatch(first)):
            start -= 2
            if start > 0 and doc[start - 1].lower_ == "the":
                start -= 1
    if end + 1 < len(doc) and doc[end].lower_ in LINKS and YEAR.fullmatch(doc[end + 1].text) and (
            YEAR.fullmatch(doc[end - 1].text)):
        end += 2
    if end < len(doc) and doc[end].lower_ in COUNT_DIRECTIONS and doc[end - 1].lemma_ in (
            UNIT_NOUNS) and all(c.i < end for c in doc[end].children):
        end += 1  # "two days before": an adverb, not a preposition with its object
    return Span(doc, start, end, label=span.label_)


def _reading(span: Span) -> str:
    """The span's text with the 'the' or 'in' before it, which the grammar reads: "the past
    year" runs up to publication, "in two weeks" lies ahead."""
    doc, start = span.doc, span.start
    if start > 0 and doc[start - 1].lower_ in ("the", "in"):
        start -= 1
    return doc[start:span.end].text


def _resolve(span: Span, published: date | None, anchor: Resolved | None) -> Resolved | None:
    """The expression's range; without a publication date, only a date stated whole."""
    verb = governing_verb(span.root)
    if published is None:
        return resolve_undated(_reading(span), future=looks_ahead(span, verb), anchor=anchor)
    return resolve_expression(_reading(span), published, future=looks_ahead(span, verb),
                              anchor=anchor)


def _inner_date(span: Span) -> Span | None:
    """The date inside a longer phrase: 'Sept. 30' in 'the quarter ended Sept. 30'."""
    for token in span[:-1]:
        if token.lower_ in INNER_DATE_AFTER and token.i > span.start and (
                span.doc[token.i - 1].lower_ in PERIOD_NOUNS):
            inner = span.doc[token.i + 1:span.end]
            return inner if is_calendar_date(inner.text) else None
    return None


def _found(span: Span, resolved: Resolved | None, index: SentenceIndex) -> FoundTime:
    value, value_end, precision = resolved or (None, None, "none")
    sentence, start, end = index.locate(span.start, span.end)
    head, modifier = _attachment(span)
    return FoundTime(TimeValue(sentence, span.text, start, end, value, value_end, precision),
                     governing_verb(span.root), head, modifier)


def find_times(doc: Doc, published: date | None, index: SentenceIndex) -> list[FoundTime]:
    """Every temporal expression of the document, resolved against the published date (without
    one, only dates stated whole); a date inside a longer phrase is also found on its own."""
    found: list[FoundTime] = []
    anchors: dict[int, Resolved] = {}  # sentence -> the last date it named
    for ent in _candidate_spans(doc):
        span = _trim(ent)
        sentence = index.locate(span.start, span.end)[0]
        resolved = _resolve(span, published, anchors.get(sentence))
        comma = next((t.i for t in span if t.text == ","), None)
        if resolved is None and comma is not None and comma > span.start:
            span = span.doc[span.start:comma]  # "Feb. 20, a day after talks began"
            resolved = _resolve(span, published, anchors.get(sentence))
        if ent.label_ != "DATE" and resolved is None:
            continue  # a clock time ("10 a.m.") or a word that was not a date after all
        found.append(_found(span, resolved, index))
        inner = _inner_date(span)
        if inner is not None:
            found.append(_found(inner, _resolve(inner, published, None), index))
        if resolved is not None:
            anchors[sentence] = resolved
    return found
