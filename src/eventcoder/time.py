"""Temporal expressions resolved against the published date, and the date of each event."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from .model import TimeValue
from .nlp import SentenceIndex

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve"])}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})

Resolved = tuple[date, date, str]  # value, value_end, precision


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against: the published date and the tense of its verb."""

    published: date
    future: bool


def _month_range(year: int, month: int) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last), "month"


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _week(day: date) -> Resolved:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6), "week"


def _year_for_month(month: int, ctx: Context) -> int:
    """The year of a month named without one: the nearest in the direction of the tense."""
    year = ctx.published.year
    if ctx.future and month < ctx.published.month:
        return year + 1
    if not ctx.future and month > ctx.published.month:
        return year - 1
    return year


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_range(match: re.Match[str], ctx: Context) -> Resolved | None:
    month = MONTHS[match["month"]]
    year = int(match["year"]) if match["year"] else _year_for_month(month, ctx)
    first = _safe_date(year, month, int(match["day"]))
    last = _safe_date(year, month, int(match["day2"])) if match["day2"] else first
    if first is None or last is None or last < first:
        return None
    return first, last, "day"


def _weekday(match: re.Match[str], ctx: Context) -> Resolved:
    target = WEEKDAYS[match["weekday"]]
    which = match["which"]
    pub = ctx.published
    if which == "next" or (which != "last" and ctx.future):
        delta = (target - pub.weekday()) % 7 or 7
        day = pub + timedelta(days=delta)
    else:
        delta = (pub.weekday() - target) % 7
        if which == "last" and delta == 0:
            delta = 7
        day = pub - timedelta(days=delta)
    return day, day, "day"


def _relative_unit(unit: str, offset: int, ctx: Context) -> Resolved:
    pub = ctx.published
    if unit == "week":
        return _week(pub + timedelta(weeks=offset))
    if unit == "month":
        return _month_range(*_shift_month(pub, offset))
    year = pub.year + offset
    return date(year, 1, 1), date(year, 12, 31), "year"


def _ago(match: re.Match[str], ctx: Context) -> Resolved:
    count, unit = _number(match["count"]), match["unit"]
    pub = ctx.published
    if unit == "day":
        day = pub - timedelta(days=count)
        return day, day, "day"
    if unit == "week":
        return _week(pub - timedelta(weeks=count))
    if unit == "month":
        return _month_range(*_shift_month(pub, -count))
    return date(pub.year - count, 1, 1), date(pub.year - count, 12, 31), "year"


def _earlier_later(match: re.Match[str], ctx: Context) -> Resolved:
    start, end, precision = _relative_unit(match["unit"], 0, ctx)
    pub = ctx.published
    return (start, pub, precision) if match["when"] == "earlier" else (pub, end, precision)


def _month_alone(match: re.Match[str], ctx: Context) -> Resolved:
    month = MONTHS[match["month"]]
    year = int(match["year"]) if match["year"] else _year_for_month(month, ctx)
    return _month_range(year, month)


def _decade(match: re.Match[str], ctx: Context) -> Resolved:
    start = int(match["decade"])
    return date(start, 1, 1), date(start + 9, 12, 31), "decade"


DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
DAY2 = r"(?:\s*(?:-|–|to|and|through)\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
YEAR = r"(?:,?\s*(?P<year>\d{4}))?"
RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], Context], Resolved | None]]] = [
    (re.compile(r"^(?:the )?(?:today|tonight|this (?:morning|afternoon|evening))$"),
     lambda m, c: (c.published, c.published, "day")),
    (re.compile(r"^(?:yesterday|last night)$"),
     lambda m, c: (c.published - timedelta(days=1),) * 2 + ("day",)),
    (re.compile(r"^tomorrow$"), lambda m, c: (c.published + timedelta(days=1),) * 2 + ("day",)),
    (re.compile(rf"^(?:(?P<which>last|next|this|on|early|late) )?(?P<weekday>"
                rf"{'|'.join(WEEKDAYS)})(?: (?:morning|afternoon|evening|night))?$"), _weekday),
    (re.compile(r"^(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                r"eleven|twelve) (?P<unit>day|week|month|year)s? ago$"), _ago),
    (re.compile(r"^(?:the )?(?P<which>last|past|previous|this|next|coming|current) "
                r"(?P<unit>week|month|year)$"),
     lambda m, c: _relative_unit(m["unit"], {"last": -1, "past": -1, "previous": -1,
                                             "next": 1, "coming": 1}.get(m["which"], 0), c)),
    (re.compile(r"^(?P<when>earlier|later) this (?P<unit>week|month|year)$"), _earlier_later),
    (re.compile(rf"^(?:on )?(?:\w+day,? )?(?P<month>{MONTH_RE})\.? {DAY}{DAY2}{YEAR}$"),
     _day_range),
    (re.compile(rf"^(?:on )?(?:the )?{DAY}{DAY2}(?: of)? (?P<month>{MONTH_RE})\.?{YEAR}$"),
     _day_range),
    (re.compile(rf"^(?:in |early |late |mid-?)?(?P<month>{MONTH_RE}){YEAR}$"), _month_alone),
    (re.compile(r"^(?:in |the year )?(?P<year>(?:19|20)\d{2})$"),
     lambda m, c: (date(int(m["year"]), 1, 1), date(int(m["year"]), 12, 31), "year")),
    (re.compile(r"^(?:the |in the )?(?P<decade>(?:19|20)\d0)'?s$"), _decade),
]


def resolve_expression(text: str, published: date, *, future: bool = False) -> Resolved | None:
    """The date range of a temporal expression, or None when the grammar does not know it."""
    normal = re.sub(r"\s+", " ", text.lower().strip(" .,"))
    ctx = Context(published, future)
    for pattern, build in RULES:
        match = pattern.match(normal)
        if match:
            return build(match, ctx)
    return None


def _governing_verb(token: Token) -> Token | None:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _is_future(verb: Token | None) -> bool:
    while verb is not None:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            return True
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


@dataclass(frozen=True)
class FoundTime:
    """A resolved time and the verb it attaches to in the parse."""

    value: TimeValue
    verb: Token | None


def find_times(doc: Doc, published: date | None, index: SentenceIndex) -> list[FoundTime]:
    """Every DATE expression of the document, resolved when the published date allows."""
    found: list[FoundTime] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        span = _trim(ent)
        verb = _governing_verb(span.root)
        resolved = resolve_expression(span.text, published, future=_is_future(verb)) if (
            published) else None
        value, value_end, precision = resolved or (None, None, "none")
        sentence, start, end = index.locate(span.start, span.end)
        found.append(FoundTime(
            TimeValue(sentence, span.text, start, end, value, value_end, precision), verb))
    return found


def _trim(ent: Span) -> Span:
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in ("the", "on", "in"):
        start += 1
    return ent.doc[start:ent.end]


def date_of_event(anchor: Token, times: list[FoundTime]) -> TimeValue | None:
    """The time attached to the event's verb, or to the verbs it complements (not speech)."""
    verb: Token | None = anchor
    hops = 0
    while verb is not None and hops < 6:
        for found in times:
            if found.verb is not None and found.verb.i == verb.i and found.value.value:
                return found.value
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb, hops = verb.head, hops + 1
    return None
