"""The grammar of temporal expressions: text resolved against the published date.

`resolve_expression` normalises the text and tries, in order, the expressions counted from
publication or from the sentence's earlier date (relative.py), fiscal and business periods
(business.py), years in words (spelled.py), and the calendar forms here: months, seasons,
decades, holidays, absolute dates and ranges, and parts of any of them ("early March").
Expressions that say nothing about the calendar ("recent weeks") resolve to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import business, relative
from .periods import (
    Context,
    Resolved,
    month_range,
    part,
    pick_year,
    safe_date,
)
from .spelled import resolve_spelled
from .words import MONTH_RE, MONTHS, WEEKDAY_RE, WORDS, alternatives

# Words that may start a DATE span but are not part of the expression.
LEADING = ("on", "in", "at", "during", "since", "by", "until", "till", "through", "throughout",
           "over", "for", "from", "between", "around", "as of", "of", "before", "after", "the")
OFFSETS = relative.OFFSETS
Rule = Callable[[re.Match[str], Context], Resolved | None]


def _month_year(match: re.Match[str], ctx: Context) -> Resolved | None:
    month = MONTHS[match["month"]]
    if match["year"]:
        return month_range(int(match["year"]), month)
    if match["rel"]:
        return month_range(ctx.published.year + OFFSETS[match["rel"].split()[0]], month)
    which, pub = match["which"], ctx.published
    if which == "this":
        return month_range(pub.year, month)
    if which:
        past = which in ("last", "past")
        number = pub.year - 1 if past else pub.year + 1
        if (past and month < pub.month) or (not past and month > pub.month):
            number = pub.year
        return month_range(number, month)
    return pick_year(lambda y: month_range(y, month), pub, ctx.future)


def _season(first_year: int, first_month: int) -> Resolved:
    """Three months from the first; winter 2024 is December 2024 to February 2025."""
    end = month_range(first_year + (first_month + 1) // 12, (first_month + 1) % 12 + 1)[1]
    return date(first_year, first_month, 1), end, "month"


def _season_rule(match: re.Match[str], ctx: Context) -> Resolved | None:
    first = WORDS.seasons[match["season"]]
    if match["year"]:
        return _season(int(match["year"]), first)
    which, pub = match["which"] or "", ctx.published
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
        short = int(match["short"]) if match["short"] else WORDS.decades[match["word"]]
        century = ctx.published.year // 100 * 100
        start = century + short if century + short <= ctx.published.year else century - 100 + short
    return date(start, 1, 1), date(start + 9, 12, 31), "decade"


def _holiday(match: re.Match[str], ctx: Context) -> Resolved | None:
    month, day = WORDS.holidays[match["holiday"]]
    if match["year"]:
        found = date(int(match["year"]), month, day)
        return found, found, "day"
    return pick_year(lambda y: (date(y, month, day), date(y, month, day), "day"),
                     ctx.published, ctx.future)


def _day_of_month(match: re.Match[str], ctx: Context) -> Resolved | None:
    return relative.day_of_month(int(match["day"]), ctx)


RULES: list[tuple[re.Pattern[str], Rule]] = [
    (re.compile(rf"^(?:(?P<which>last|past|this|next) )?(?P<month>{MONTH_RE})(?: (?P<year>\d{{4}})|"
                r" (?:of )?(?P<rel>(?:last|this|next) year))?$"), _month_year),
    (re.compile(rf"^(?:(?P<which>last|past|this|next|coming|current) )?(?P<season>"
                rf"{alternatives(WORDS.seasons)})(?: (?:of )?(?P<year>\d{{4}}))?$"), _season_rule),
    (re.compile(rf"^(?:(?P<decade>1[89]\d0|20\d0)'?s|'?(?P<short>\d0)'?s|(?P<word>"
                rf"{alternatives(WORDS.decades)}))$"), _decade),
    (re.compile(rf"^(?P<holiday>{alternatives(WORDS.holidays)})(?: (?P<year>\d{{4}}))?$"),
     _holiday),
    (re.compile(r"^day-of-month (?P<day>\d{1,2})$"), _day_of_month),
]


# --- absolute dates and ranges ---------------------------------------------------------------

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

    def build(number: int) -> Resolved | None:
        shift = 1 if (right.month or 13, right.day or 0) < (left.month or 13, left.day or 0) and (
            right.year is None) else 0
        first = _start(Fields(number, left.month, left.day))
        last = _end(Fields(number + shift if right.year is None else right.year, right.month,
                           right.day))
        if first is None or last is None or last < first:
            return None
        return first, last, precision

    if left.year is not None:
        return build(left.year)
    return pick_year(build, ctx.published, ctx.future)


def _start(fields: Fields) -> date | None:
    if fields.year is None:
        return None
    return safe_date(fields.year, fields.month or 1, fields.day or 1)


def _end(fields: Fields) -> date | None:
    if fields.year is None:
        return None
    if fields.month is None:
        return date(fields.year, 12, 31)
    if fields.day is None:
        return month_range(fields.year, fields.month)[1]
    return safe_date(fields.year, fields.month, fields.day)


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


# --- normalising and resolving ---------------------------------------------------------------

PART = re.compile(r"^(?:the )?(?P<part>early|mid|late|beginning of|start of|middle of|end of|"
                  r"(?:first|second) half of|(?:first|second|third|fourth|last) quarter of)"
                  r"(?: of)? (?:the )?(?P<rest>.+)$")
RANGE = re.compile(r"^(?P<a>.+?) (?:-|to|through|until|till|and) (?P<b>.+)$")
YEAR = re.compile(r"(1[89]|20)\d\d")
TIME_OF_DAY = re.compile(r"^(?:the )?(?:night|morning|afternoon|evening) of ")
COUNT = rf"(?:\d+|{alternatives(WORDS.numbers)})"
UNIT = r"(?:day|week|month|quarter|year)s?"


def _unhyphen(match: re.Match[str]) -> str:
    """'Ninety-six', 'year-end', 'fourth-quarter' lose their hyphen; 'April-June' keeps it."""
    left, right = match[1], match[2]
    return match[0] if left in MONTHS and right in MONTHS else f"{left} {right}"


def normalise(text: str) -> str:
    """Lower case, plain punctuation, no ordinal suffixes or leading prepositions."""
    text = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"\bmid-", "mid ", text)
    text = re.sub(r"\b([a-z]+)-([a-z]+)\b", _unhyphen, text)
    text = re.sub(r"^(?:(?:on|by|until|since|from|the) )*(\d{1,2})(?:st|nd|rd|th)$",
                  r"day-of-month \1", text)  # "the 5th": a day of a nearby month
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\b(" + MONTH_RE + r")\.", r"\1", text)
    text = re.sub(r"[,()]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .;:")
    text = re.sub(r"'s$", "", text).strip()
    text = re.sub(r"^(?:almost|nearly|about|roughly|some|just|exactly|only|more than|less than|"
                  r"over|around) (?=\S+ \S+ (?:ago|earlier|later|before|after)$)", "", text)
    text = re.sub(r"\bthe next (day|week|weekend|month|quarter|year)\b", r"following \1", text)
    # "the past year" runs up to publication; "past year" alone is last year.
    text = re.sub(r"^(?:(?:in|over|during|for) )?the (?:past|last) (week|month|year)$",
                  r"past 1 \1", text)
    text = re.sub(rf"^in ({COUNT} {UNIT})(?:'? time)?$", r"\1 hence", text)
    changed = True
    while changed:
        changed = False
        for word in LEADING:
            if text.startswith(word + " "):
                text, changed = text[len(word) + 1:], True
        if TIME_OF_DAY.match(text):
            text, changed = TIME_OF_DAY.sub("", text), True
    return text


def _resolve(text: str, ctx: Context) -> Resolved | None:
    for pattern, build in relative.RULES:
        match = pattern.match(text)
        if match:
            return build(match, ctx)
    for pattern, rule in business.RULES:
        match = pattern.match(text)
        if match:
            return rule(match, ctx, _resolve)
    for pattern, build in RULES:
        match = pattern.match(text)
        if match:
            return build(match, ctx)
    found = resolve_spelled(text, ctx) or _absolute_rule(text, ctx)
    if found is not None:
        return found
    both = RANGE.match(text)
    if both is not None:  # "Thursday and Friday", "mid-June to early August"
        left, right = _resolve(both["a"], ctx), _resolve(both["b"], ctx)
        if left is not None and right is not None and left[0] <= right[1]:
            return left[0], right[1], left[2]
    found_part = PART.match(text)
    if found_part is not None:
        rest = found_part["rest"]
        inner = _resolve(f"this {rest}" if rest in ("week", "month", "year") else rest, ctx)
        which = found_part["part"].removesuffix(" of")
        return part(inner, which) if inner is not None else None
    return None


def resolve_expression(text: str, published: date, *, future: bool = False,
                       anchor: Resolved | None = None) -> Resolved | None:
    """The date range of a temporal expression, or None when the grammar does not know it.

    `future`: the verb it modifies looks ahead; `anchor`: the date the same sentence named
    before it, which "two days later" and "the previous year" count from.
    """
    return _resolve(normalise(text), Context(published, future, anchor))


# Two publication dates far apart: an expression that resolves the same against both states
# its date whole ("June 12, 2019", "the 1990s") and needs no publication date.
UNDATED_PROBES = (date(2000, 6, 15), date(2030, 6, 15))


def resolve_undated(text: str, *, future: bool = False,
                    anchor: Resolved | None = None) -> Resolved | None:
    """The date range of an expression that states its date whole, without a publication
    date; None when its value would hang on one (or the grammar does not know it)."""
    found = {resolve_expression(text, probe, future=future, anchor=anchor)
             for probe in UNDATED_PROBES}
    return found.pop() if len(found) == 1 else None


def is_calendar_date(text: str) -> bool:
    """Whether the text is a date with a month or a year ("Oct. 20", "2018"), or a period
    that does not hang on the published date ("the 1970s"); not a count ("two days")."""
    plain = normalise(text)
    fields = _fields(plain)
    if fields is not None:
        return fields.month is not None or fields.year is not None
    return resolve_undated(text) is not None
