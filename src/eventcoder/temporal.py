"""The grammar of temporal expressions: text resolved against the published date.

An expression resolves to a range (value, value_end) and a precision: the unit the expression
names (day, week, month, year, decade). Modifiers narrow the range but keep the unit: "early
March" is March 1-10 with precision month. Seasons are month ranges. Expressions that say
nothing about the calendar ("recent weeks", "the following day") resolve to nothing.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve"])} | {"a": 1, "an": 1, "a couple of": 2, "couple of": 2}
DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                "seventies": 70, "eighties": 80, "nineties": 90}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
# Fixed-date holidays: (month, day).
HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "boxing day": (12, 26), "new year's day": (1, 1), "new year's eve": (12, 31),
            "new year": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
            "international women's day": (3, 8), "may day": (5, 1)}
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
PAST_AUX = frozenset({"was", "were", "had", "did", "has", "have", "'ve", "'d"})
PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m"})
# Words of schedule and intention: what they govern lies ahead ("scheduled for Sunday").
FUTURE_GOVERNORS = frozenset(
    {"plan", "expect", "schedule", "slate", "due", "intend", "prepare", "agree", "decide",
     "hope", "want", "aim", "vow", "pledge", "promise", "threaten", "seek", "propose", "invite",
     "urge", "set", "go", "poise"})
# Participles of scheduling: "scheduled for Sunday", "the vote, set for Tuesday".
SCHEDULE_WORDS = frozenset({"plan", "schedule", "slate", "due", "expect", "set"})
CLAUSE_NOUNS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
# Words that may start a DATE span but are not part of the expression.
LEADING = ("on", "in", "at", "during", "since", "by", "until", "till", "through", "throughout",
           "over", "for", "from", "between", "around", "as of", "of", "before", "after", "the")

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = "|".join(WEEKDAYS)
UNIT_RE = r"(?P<unit>day|week|weekend|month|year|decade)s?"

Resolved = tuple[date, date, str]  # value, value_end, precision


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against: the published date and the tense of its verb."""

    published: date
    future: bool


# --- calendar arithmetic -------------------------------------------------------------------

def _month_range(year: int, month: int) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last), "month"


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _week(day: date) -> Resolved:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6), "week"


def _year(year: int) -> Resolved:
    return date(year, 1, 1), date(year, 12, 31), "year"


def _season(year: int, first_month: int) -> Resolved:
    """Three months from the first; winter 2024 is December 2024 to February 2025."""
    end_year, end_month = _shift_month(date(year, first_month, 1), 2)
    return date(year, first_month, 1), _month_range(end_year, end_month)[1], "month"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _pick_year(build: Callable[[int], Resolved | None], ctx: Context) -> Resolved | None:
    """The occurrence of a yearless date nearest the published date in the tense's direction.

    Future: the first that has not ended before publication. Otherwise: the last that began by
    publication, or one starting within 31 days after it (scheduled events told in the past).
    """
    pub = ctx.published
    options = [r for r in (build(pub.year + k) for k in (-1, 0, 1)) if r is not None]
    if not options:
        return None
    if ctx.future:
        return next((r for r in options if r[1] >= pub), options[-1])
    current = [r for r in options if r[0] <= pub + timedelta(days=31)]
    return current[-1] if current else options[0]


def _part(span: Resolved, which: str) -> Resolved:
    """Narrow a range to its early, middle or late part, its start or end, a half or a quarter."""
    start, end, precision = span
    if precision == "decade":
        bounds = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "start": (0, 2),
                  "end": (7, 9), "first half": (0, 4), "second half": (5, 9)}.get(
            _plain(which), (0, 9))
        return date(start.year + bounds[0], 1, 1), date(start.year + bounds[1], 12, 31), precision
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months >= 3:
        bounds = _thirds(months, which)
        first = _shift_month(start, bounds[0])
        last = _shift_month(start, bounds[1])
        return date(*first, 1), _month_range(*last)[1], precision
    days = (end - start).days + 1
    if precision == "month" and start.day == 1 and end == _month_range(end.year, end.month)[1]:
        bounds = {"early": (0, 9), "mid": (10, 19), "late": (20, days - 1), "start": (0, 9),
                  "end": (20, days - 1), "first half": (0, 14),
                  "second half": (15, days - 1)}.get(_plain(which), (0, days - 1))
    else:
        bounds = _day_thirds(days, which)
    return start + timedelta(days=bounds[0]), start + timedelta(days=bounds[1]), precision


def _plain(which: str) -> str:
    return {"beginning": "start", "middle": "mid", "end": "end"}.get(which, which)


def _thirds(months: int, which: str) -> tuple[int, int]:
    which = _plain(which)
    quarter = re.fullmatch(r"(first|second|third|fourth|last) quarter", which)
    if quarter:
        n = ["first", "second", "third", "fourth", "last"].index(quarter[1])
        n = min(n, 3)
        return n * 3, n * 3 + 2
    third = max(1, round(months / 3))
    half = months // 2
    return {"early": (0, third - 1), "mid": (third, months - third - 1),
            "late": (months - third, months - 1), "start": (0, 0),
            "end": (months - 1, months - 1), "first half": (0, half - 1),
            "second half": (half, months - 1)}.get(which, (0, months - 1))


def _day_thirds(days: int, which: str) -> tuple[int, int]:
    third = max(1, round(days / 3))
    return {"early": (0, third - 1), "start": (0, third - 1), "mid": (third, days - third - 1),
            "late": (days - third, days - 1), "end": (days - third, days - 1)}.get(
        _plain(which), (0, days - 1))


# --- the grammar ---------------------------------------------------------------------------

def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _weekday(match: re.Match[str], ctx: Context) -> Resolved:
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


def _weekend(which: str, ctx: Context) -> Resolved:
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


def _relative_unit(unit: str, offset: int, ctx: Context) -> Resolved | None:
    pub = ctx.published
    if unit == "day":
        day = pub + timedelta(days=offset)
        return day, day, "day"
    if unit == "week":
        return _week(pub + timedelta(weeks=offset))
    if unit == "weekend":
        which = {-1: "last", 0: "this", 1: "next"}.get(offset, "this")
        return _weekend(which, ctx)
    if unit == "month":
        return _month_range(*_shift_month(pub, offset))
    if unit == "decade":
        start = (pub.year // 10 + offset) * 10
        return date(start, 1, 1), date(start + 9, 12, 31), "decade"
    return _year(pub.year + offset)


OFFSETS = {"last": -1, "past": -1, "previous": -1, "this past": -1, "this": 0, "current": 0,
           "next": 1, "coming": 1}


def _this_last_next(match: re.Match[str], ctx: Context) -> Resolved | None:
    return _relative_unit(match["unit"], OFFSETS[match["which"]], ctx)


def _ago(match: re.Match[str], ctx: Context) -> Resolved | None:
    count = _number(match["count"])
    if count is None:
        return None
    unit = match["unit"]
    if unit == "day":
        return _relative_unit("day", -count, ctx)
    if unit == "week":
        return _week(ctx.published - timedelta(weeks=count))
    if unit == "month":
        return _month_range(*_shift_month(ctx.published, -count))
    if unit == "decade":
        return _relative_unit("decade", -count, ctx)
    return _year(ctx.published.year - count)


def _past_n(match: re.Match[str], ctx: Context) -> Resolved | None:
    """'The past three days': from that many units before publication up to it."""
    count = _number(match["count"])
    if count is None or match["unit"] in ("weekend", "decade"):
        return None
    pub, unit = ctx.published, match["unit"]
    if unit == "day":
        start = pub - timedelta(days=count)
    elif unit == "week":
        start = pub - timedelta(weeks=count)
    elif unit == "month":
        year, month = _shift_month(pub, -count)
        start = _safe_date(year, month, pub.day) or date(year, month, 28)
    else:
        start = _safe_date(pub.year - count, pub.month, pub.day) or date(pub.year - count, 2, 28)
    return start, pub, unit


def _earlier_later(match: re.Match[str], ctx: Context) -> Resolved | None:
    """'Earlier this year' runs up to publication, 'later this month' from it; 'early next
    week' and 'late last year' are parts of that period."""
    which = match["which"] or "this"
    found = _relative_unit(match["unit"], OFFSETS[which], ctx)
    if found is None:
        return None
    start, end, precision = found
    pub = ctx.published
    if match["when"] in ("early", "late") or which not in ("this", "current"):
        return _part(found, "early" if match["when"].startswith("earl") else "late")
    return (start, pub, precision) if match["when"] == "earlier" else (pub, end, precision)


def _month_year(match: re.Match[str], ctx: Context) -> Resolved | None:
    month = MONTHS[match["month"]]
    rel = match["rel"]
    if match["year"]:
        return _month_range(int(match["year"]), month)
    if rel:
        year = ctx.published.year + OFFSETS[rel.removeprefix("of ").split()[0]]
        return _month_range(year, month)
    which = match["which"]
    if which:
        pub = ctx.published
        if which == "this":
            return _month_range(pub.year, month)
        year = pub.year - 1 if which in ("last", "past") else pub.year + 1
        if which in ("last", "past") and month < pub.month:
            year = pub.year
        if which == "next" and month > pub.month:
            year = pub.year
        return _month_range(year, month)
    return _pick_year(lambda y: _month_range(y, month), ctx)


def _season_rule(match: re.Match[str], ctx: Context) -> Resolved | None:
    first = SEASONS[match["season"]]
    if match["year"]:
        return _season(int(match["year"]), first)
    which = match["which"] or ""
    pub = ctx.published
    options = [_season(pub.year + k, first) for k in (-2, -1, 0, 1)]
    if which in ("last", "past"):
        return [s for s in options if s[1] < pub][-1]
    if which in ("next", "coming"):
        return next(s for s in options if s[0] > pub)
    current = next((s for s in options if s[0] <= pub <= s[1]), None)
    if which in ("this", "current") and current is not None:
        return current
    if ctx.future:
        return next(s for s in options if s[1] >= pub)
    return [s for s in options if s[0] <= pub][-1]


def _decade(match: re.Match[str], ctx: Context) -> Resolved | None:
    if match["decade"]:
        start = int(match["decade"])
    else:
        short = int(match["short"]) if match["short"] else DECADE_WORDS[match["word"]]
        start = (1900 if short >= 30 else 2000) + short
    return date(start, 1, 1), date(start + 9, 12, 31), "decade"


def _holiday(match: re.Match[str], ctx: Context) -> Resolved | None:
    month, day = HOLIDAYS[match["holiday"]]
    if match["year"]:
        found = date(int(match["year"]), month, day)
        return found, found, "day"
    return _pick_year(lambda y: (date(y, month, day), date(y, month, day), "day"), ctx)


@dataclass(frozen=True)
class Fields:
    """A calendar date as written: any of year, month and day may be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


WEEKDAY_OPT = rf"(?:(?:{WEEKDAY_RE}) )?"
YEAR_OPT = r"(?: (?P<year>\d{4}))?"
ABSOLUTE = [
    re.compile(rf"^{WEEKDAY_OPT}(?P<month>{MONTH_RE}) (?P<day>\d{{1,2}}){YEAR_OPT}$"),
    re.compile(rf"^{WEEKDAY_OPT}(?P<day>\d{{1,2}})(?: of)? (?P<month>{MONTH_RE}){YEAR_OPT}$"),
    re.compile(rf"^(?P<month>{MONTH_RE})(?: of)?{YEAR_OPT}$"),
    re.compile(r"^(?:the year )?(?P<year>1[89]\d\d|20\d\d)$"),
    re.compile(r"^(?P<day>\d{1,2})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
    re.compile(r"^(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})$"),
]


def _fields(text: str) -> Fields | None:
    """The year, month and day written in an absolute date, or None when it is not one."""
    for pattern in ABSOLUTE:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = groups.get("month")
        return Fields(
            int(groups["year"]) if groups.get("year") else None,
            (int(month) if month.isdigit() else MONTHS[month]) if month else None,
            int(groups["day"]) if groups.get("day") else None,
        )
    return None


def _absolute(left: Fields, right: Fields | None, ctx: Context) -> Resolved | None:
    """A date or a range of dates; parts missing on one side come from the other."""
    if right is None:
        right = left
    elif right.month is None and right.day is not None and right.year is None:
        right = Fields(left.year, left.month, right.day)  # "June 12 to 14"
    elif right.year is None and left.year is not None and right.month is not None and (
            left.month is not None):
        right = Fields(left.year, right.month, right.day)
    if left.month is None and left.day is not None:
        left = Fields(left.year or right.year, right.month, left.day)  # "12-14 June"
    if left.year is None and right.year is not None:
        left = Fields(right.year, left.month, left.day)
    if left.month is None and left.day is not None:
        return None  # a bare number is not a date
    precision = "day" if left.day or right.day else "month" if left.month else "year"

    def build(year: int) -> Resolved | None:
        shift = 1 if (right.month or 13, right.day or 0) < (left.month or 13, left.day or 0) and (
            right.year is None) else 0
        first = _start(Fields(year, left.month, left.day))
        last = _end(Fields(year + shift if right.year is None else right.year, right.month,
                           right.day))
        if first is None or last is None or last < first:
            return None
        return first, last, precision

    if left.year is not None:
        return build(left.year)
    return _pick_year(build, ctx)


def _start(fields: Fields) -> date | None:
    if fields.year is None:
        return None
    return _safe_date(fields.year, fields.month or 1, fields.day or 1)


def _end(fields: Fields) -> date | None:
    if fields.year is None:
        return None
    if fields.month is None:
        return date(fields.year, 12, 31)
    if fields.day is None:
        return _month_range(fields.year, fields.month)[1]
    return _safe_date(fields.year, fields.month, fields.day)


def _absolute_rule(text: str, ctx: Context) -> Resolved | None:
    """An absolute date, or a range of two joined by 'to', '-', 'and', 'through', 'until'."""
    whole = _fields(text)
    if whole is not None:
        return _absolute(whole, None, ctx)
    match = re.match(r"^(?P<a>.+?) ?(?:-|to|through|until|till|and) ?(?P<b>.+)$", text)
    if match is None:
        return None
    left, right = _fields(match["a"]), _fields(match["b"])
    if left is None and re.fullmatch(r"\d{4}", match["a"]) is None:
        return None
    short_year = re.fullmatch(r"\d{2}", match["b"])
    if left is not None and left.year and not left.month and short_year:
        right = Fields(left.year // 100 * 100 + int(match["b"]))  # "2015-16"
    if left is None or right is None:
        return None
    if (left.year and right.year and not left.month and not right.month and not right.day
            and right.year < left.year):
        return None
    return _absolute(left, right, ctx)


N = (r"(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
     r"(?:a )?couple of)")
RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], Context], Resolved | None]]] = [
    (re.compile(r"^(?:today|tonight|now|this (?:morning|afternoon|evening)|earlier today|"
                r"later today)$"),
     lambda m, c: (c.published, c.published, "day")),
    (re.compile(r"^(?:yesterday(?: (?:morning|afternoon|evening))?|last night)$"),
     lambda m, c: _relative_unit("day", -1, c)),
    (re.compile(r"^(?:tomorrow(?: (?:morning|afternoon|evening|night))?)$"),
     lambda m, c: _relative_unit("day", 1, c)),
    (re.compile(r"^overnight$"),
     lambda m, c: (c.published - timedelta(days=1), c.published, "day")),
    (re.compile(rf"^(?:(?P<which>last|next|this|this past|past|coming|early|late) )?"
                rf"(?:on )?(?P<weekday>{WEEKDAY_RE})(?: (?:morning|afternoon|evening|night))?$"),
     _weekday),
    (re.compile(r"^(?:(?P<which>last|next|this|this past|past|coming) )?weekend$"),
     lambda m, c: _weekend(m["which"] or "", c)),
    (re.compile(rf"^{N} {UNIT_RE} ago$"), _ago),
    (re.compile(rf"^(?:past|last|previous) {N} {UNIT_RE}$"), _past_n),
    (re.compile(r"^(?P<which>this past|last|past|previous|this|next|coming|current) "
                r"(?P<unit>day|week|weekend|month|year|decade)$"), _this_last_next),
    (re.compile(r"^(?P<part>(?:first|second|third|fourth|last) quarter|(?:first|second) half)$"),
     lambda m, c: _pick_year(lambda y: _part(_year(y), m["part"]), c)),
    (re.compile(r"^(?P<when>earlier|later|early|late) (?:(?P<which>this|last|next|current) )?"
                r"(?P<unit>week|month|year)$"), _earlier_later),
    (re.compile(rf"^(?:(?P<which>last|past|this|next) )?(?P<month>{MONTH_RE})(?: (?P<year>\d{{4}})|"
                r" (?P<rel>(?:of )?(?:last|this|next) year))?$"), _month_year),
    (re.compile(r"^(?:(?P<which>last|past|this|next|coming|current) )?(?P<season>spring|summer|"
                r"autumn|fall|winter)(?: (?:of )?(?P<year>\d{4}))?$"), _season_rule),
    (re.compile(r"^(?:(?P<decade>1[89]\d0|20\d0)'?s|'?(?P<short>\d0)'?s|(?P<word>twenties|"
                r"thirties|forties|fifties|sixties|seventies|eighties|nineties))$"), _decade),
    (re.compile(r"^(?P<holiday>" + "|".join(sorted(HOLIDAYS, key=len, reverse=True))
                + r")(?: (?P<year>\d{4}))?$"), _holiday),
]
PART = re.compile(r"^(?:the )?(?P<part>early|mid|late|beginning of|start of|middle of|end of|"
                  r"(?:first|second) half of|(?:first|second|third|fourth|last) quarter of)"
                  r"(?: of)? (?:the )?(?P<rest>.+)$")
RANGE = re.compile(r"^(?P<a>.+?) (?:-|to|through|until|till|and) (?P<b>.+)$")
YEAR = re.compile(r"(1[89]|20)\d\d")
QUARTER = re.compile(r"^q(?P<n>[1-4]) (?P<rest>.+)$")


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"\bmid-", "mid ", text)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\b(" + MONTH_RE + r")\.", r"\1", text)
    text = re.sub(r"[,()]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .;:")
    text = re.sub(r"'s$", "", text).strip()
    text = re.sub(r"^(?:almost|nearly|about|roughly|some|just|exactly|only|more than|less than|"
                  r"over|around) (?=\S+ \S+ ago$)", "", text)
    changed = True
    while changed:
        changed = False
        for word in LEADING:
            if text.startswith(word + " "):
                text, changed = text[len(word) + 1:], True
    return text


def _resolve(text: str, ctx: Context) -> Resolved | None:
    for pattern, build in RULES:
        match = pattern.match(text)
        if match:
            return build(match, ctx)
    found = _absolute_rule(text, ctx)
    if found is not None:
        return found
    both = RANGE.match(text)
    if both is not None:  # "Thursday and Friday", "last week to this week"
        left, right = _resolve(both["a"], ctx), _resolve(both["b"], ctx)
        if left is not None and right is not None and left[0] <= right[1]:
            return left[0], right[1], left[2]
    part = PART.match(text)
    if part is not None:
        rest = part["rest"]
        inner = _resolve(f"this {rest}" if rest in ("week", "month", "year") else rest, ctx)
        which = part["part"].removesuffix(" of")
        return _part(inner, which) if inner is not None else None
    quarter = QUARTER.match(text)
    if quarter is not None:
        inner = _resolve(quarter["rest"], ctx)
        names = ["first", "second", "third", "fourth"]
        return _part(inner, f"{names[int(quarter['n']) - 1]} quarter") if inner else None
    return None


def resolve_expression(text: str, published: date, *, future: bool = False) -> Resolved | None:
    """The date range of a temporal expression, or None when the grammar does not know it."""
    return _resolve(_normalise(text), Context(published, future))
