"""Expressions counted from the published date or from a date the sentence named before them:
"yesterday", "last Friday", "two weeks ago", "the previous quarter", "three months later".

A count lands on a day, and the value is the unit the text names containing that day: "two weeks
ago" is the Monday-to-Sunday week two weeks back, "a year earlier" the whole year before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from .periods import Context, Resolved, part, safe_date, shift, unit_containing
from .words import WEEKDAY_RE, WEEKDAYS, WORDS, alternatives

Rule = Callable[[re.Match[str], Context], Resolved | None]

UNIT_RE = r"(?P<unit>day|week|weekend|month|quarter|year|decade)s?"
COUNT_RE = rf"(?P<count>\d+|{alternatives(WORDS.numbers)})"
OFFSETS = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "this past": -1, "this": 0,
           "current": 0, "present": 0, "next": 1, "coming": 1}


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else WORDS.numbers.get(word)


def weekday(match: re.Match[str], ctx: Context) -> Resolved:
    """A weekday: the last one, or the next when told ahead or named 'next'."""
    target = WEEKDAYS[match["weekday"]]
    which = match["which"] or ""
    pub = ctx.published
    if which == "next" or (which not in ("last", "past") and ctx.future):
        delta = (target - pub.weekday()) % 7
        if which == "next" and delta == 0:
            delta = 7
        day = pub + timedelta(days=delta)
    else:
        delta = (pub.weekday() - target) % 7
        if which in ("last", "past") and delta == 0:
            delta = 7
        day = pub - timedelta(days=delta)
    return day, day, "day"


def weekend(which: str, ctx: Context) -> Resolved:
    """Saturday and Sunday: the last one, or the next when the verb looks ahead."""
    pub = ctx.published
    if which in ("next", "coming") or (which in ("", "this") and ctx.future):
        saturday = pub + timedelta(days=(5 - pub.weekday()) % 7)
        if which == "next" and pub.weekday() >= 5:
            saturday += timedelta(days=7)
    else:
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if which in ("last", "past") and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1), "day"


def from_published(unit: str, offset: int, ctx: Context) -> Resolved:
    """The unit so many units from the one containing the published date."""
    if unit == "weekend":
        return weekend({-1: "last", 0: "this", 1: "next"}.get(offset, "this"), ctx)
    return unit_containing(shift(ctx.published, unit, offset), unit)


def from_anchor(unit: str, offset: int, ctx: Context) -> Resolved | None:
    """So many units after the end of the sentence's earlier date, or before its start."""
    if ctx.anchor is None or unit == "weekend":
        return None
    start, end, _ = ctx.anchor
    return unit_containing(shift(end if offset > 0 else start, unit, offset), unit)


def _this_last_next(match: re.Match[str], ctx: Context) -> Resolved | None:
    offset = OFFSETS[match["which"]]
    if match["which"] in ("previous", "preceding") and ctx.anchor is not None:
        return from_anchor(match["unit"], offset, ctx)  # "in 2018, down from the previous year"
    return from_published(match["unit"], offset, ctx)


def _following(match: re.Match[str], ctx: Context) -> Resolved | None:
    """'The following week', 'the next day': after the sentence's date, else nothing."""
    return from_anchor(match["unit"], 1, ctx)


def _ago(match: re.Match[str], ctx: Context) -> Resolved | None:
    count = _number(match["count"])
    if count is None or match["unit"] == "weekend":
        return None
    return from_published(match["unit"], -count, ctx)


def _ahead(needs_future: bool) -> Rule:
    """'A year from now' always; 'in two weeks' (normalised to 'two weeks hence') only when
    told ahead: in a past clause it is a duration ("rose 20 percent in two weeks")."""
    def build(match: re.Match[str], ctx: Context) -> Resolved | None:
        count = _number(match["count"])
        if count is None or match["unit"] == "weekend" or (needs_future and not ctx.future):
            return None
        return from_published(match["unit"], count, ctx)
    return build


def _counted(match: re.Match[str], ctx: Context) -> Resolved | None:
    """'Three months later' from the sentence's date; 'a year earlier' from it or, with none,
    from publication; a forward count with nothing to count from has no value."""
    count = _number(match["count"] or "1")
    if count is None or match["unit"] == "weekend":
        return None
    backward = match["dir"] in ("earlier", "before", "prior")
    offset = -count if backward else count
    if ctx.anchor is not None:
        return from_anchor(match["unit"], offset, ctx)
    return from_published(match["unit"], offset, ctx) if backward and match["count"] else None


def _past_n(match: re.Match[str], ctx: Context) -> Resolved | None:
    """'The past three days': from that many units before publication up to it."""
    count = _number(match["count"])
    unit = match["unit"]
    if count is None or unit in ("weekend", "decade", "quarter"):
        return None
    pub = ctx.published
    if unit in ("day", "week"):
        start = pub - timedelta(days=count * (7 if unit == "week" else 1))
    else:
        months = count * (12 if unit == "year" else 1)
        start = shift(pub, "month", -months)
        start = safe_date(start.year, start.month, pub.day) or start
    return start, pub, unit


def _earlier_later(match: re.Match[str], ctx: Context) -> Resolved | None:
    """'Earlier this year' runs up to publication, 'later this month' from it; 'early next
    week' and 'late last year' are parts of that period."""
    which = match["which"] or "this"
    found = from_published(match["unit"], OFFSETS[which], ctx)
    start, end, precision = found
    pub = ctx.published
    if match["when"] in ("early", "late") or which not in ("this", "current"):
        return part(found, "early" if match["when"].startswith("earl") else "late")
    return (start, pub, precision) if match["when"] == "earlier" else (pub, end, precision)


def _day(offset: int) -> Rule:
    def build(match: re.Match[str], ctx: Context) -> Resolved:
        day = ctx.published + timedelta(days=offset)
        return day, day, "day"
    return build


UNITS = "day|week|weekend|month|quarter|year|decade"
RULES: list[tuple[re.Pattern[str], Rule]] = [
    (re.compile(r"^(?:today|tonight|now|this (?:morning|afternoon|evening)|earlier today|"
                r"later today)$"), _day(0)),
    (re.compile(r"^(?:yesterday(?: (?:morning|afternoon|evening))?|last night)$"), _day(-1)),
    (re.compile(r"^(?:tomorrow(?: (?:morning|afternoon|evening|night))?)$"), _day(1)),
    (re.compile(r"^overnight$"),
     lambda m, c: (c.published - timedelta(days=1), c.published, "day")),
    (re.compile(rf"^(?:(?P<which>last|next|this|this past|past|coming|early|late) )?"
                rf"(?:on )?(?P<weekday>{WEEKDAY_RE})(?: (?:morning|afternoon|evening|night))?$"),
     weekday),
    (re.compile(r"^(?:(?P<which>last|next|this|this past|past|coming) )?weekend$"),
     lambda m, c: weekend(m["which"] or "", c)),
    (re.compile(rf"^{COUNT_RE} {UNIT_RE} ago$"), _ago),
    (re.compile(rf"^{COUNT_RE} {UNIT_RE} hence$"), _ahead(True)),
    (re.compile(rf"^{COUNT_RE} {UNIT_RE} from (?:now|today)$"), _ahead(False)),
    (re.compile(rf"^(?:{COUNT_RE} )?{UNIT_RE} (?P<dir>later|after|afterwards|on|earlier|before|"
                r"prior)$"), _counted),
    (re.compile(rf"^(?:following|subsequent) (?P<unit>{UNITS})$"), _following),
    (re.compile(rf"^(?P<unit>{UNITS}) (?P<dir>before last|after next)$"),
     lambda m, c: from_published(m["unit"], -2 if m["dir"] == "before last" else 2, c)),
    (re.compile(rf"^(?:past|last|previous) {COUNT_RE} {UNIT_RE}$"), _past_n),
    (re.compile(rf"^(?P<which>this past|last|past|previous|preceding|this|next|coming|current|"
                rf"present) (?P<unit>{UNITS})$"), _this_last_next),
    (re.compile(r"^(?P<when>earlier|later|early|late) (?:(?P<which>this|last|next|current) )?"
                r"(?P<unit>week|month|quarter|year)$"), _earlier_later),
]


def day_of_month(number: int, ctx: Context) -> Resolved | None:
    """'The 5th': that day in the published month or the month before or after, the last one
    by publication, or the next when told ahead."""
    pub = ctx.published
    months = [shift(pub.replace(day=1), "month", k) for k in (-1, 0, 1)]
    options = [d for d in (safe_date(m.year, m.month, number) for m in months) if d is not None]
    chosen = next((d for d in options if d >= pub), None) if ctx.future else next(
        (d for d in reversed(options) if d <= pub), None)
    return (chosen, chosen, "day") if chosen is not None else None
