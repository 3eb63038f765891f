"""Calendar arithmetic: the ranges that expressions resolve to, and how they are narrowed.

A resolution is a range (value, value_end) and a precision: the unit the expression names
(day, week, month, year, decade). Modifiers narrow a range but keep its unit: "early March" is
March 1-10 with precision month.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

Resolved = tuple[date, date, str]  # value, value_end, precision


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against: the published date, whether its verb looks
    ahead, and the date the same sentence named before it (for "two days later")."""

    published: date
    future: bool
    anchor: Resolved | None = None


def month_range(year: int, month: int) -> Resolved:
    """The whole month."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last), "month"


def shift_month(day: date, months: int) -> tuple[int, int]:
    """The (year, month) so many months after the day's month."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def week(day: date) -> Resolved:
    """The Monday-to-Sunday week containing the day."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6), "week"


def year(number: int) -> Resolved:
    """The whole calendar year."""
    return date(number, 1, 1), date(number, 12, 31), "year"


def quarter(day: date) -> Resolved:
    """The calendar quarter containing the day (precision year, as a part of its year)."""
    first = (day.month - 1) // 3 * 3 + 1
    return date(day.year, first, 1), month_range(day.year, first + 2)[1], "year"


def months_ending(last: date, count: int, precision: str) -> Resolved:
    """The count of whole months that end with the month of the given day."""
    first_year, first_month = shift_month(last, 1 - count)
    return date(first_year, first_month, 1), month_range(last.year, last.month)[1], precision


def safe_date(year_: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (February 30)."""
    try:
        return date(year_, month, day)
    except ValueError:
        return None


def shift(day: date, unit: str, count: int) -> date:
    """The day so many units later (negative: earlier); months keep the day where they can."""
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    months = count * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    year_, month = shift_month(day, months)
    return safe_date(year_, month, day.day) or month_range(year_, month)[1]


def unit_containing(day: date, unit: str) -> Resolved:
    """The day, week, month, quarter, year or decade that contains the day."""
    if unit == "day":
        return day, day, "day"
    if unit == "week":
        return week(day)
    if unit == "month":
        return month_range(day.year, day.month)
    if unit == "quarter":
        return quarter(day)
    if unit == "decade":
        start = day.year // 10 * 10
        return date(start, 1, 1), date(start + 9, 12, 31), "decade"
    return year(day.year)


def pick_year(build: Callable[[int], Resolved | None], published: date, future: bool,
              *, ended: bool = False) -> Resolved | None:
    """The occurrence of a yearless date nearest the published date in the tense's direction.

    Future: the first that has not ended before publication. Otherwise: the last that began by
    publication, or one starting within 31 days after it (scheduled events told in the past);
    with `ended`, the last that has ended (a past "third quarter" is a finished one).
    """
    options = [r for r in (build(published.year + k) for k in (-1, 0, 1)) if r is not None]
    if not options:
        return None
    if future:
        return next((r for r in options if r[1] >= published), options[-1])
    if ended:
        done = [r for r in options if r[1] < published]
        return done[-1] if done else options[0]
    current = [r for r in options if r[0] <= published + timedelta(days=31)]
    return current[-1] if current else options[0]


# --- parts of a range ----------------------------------------------------------------------

def part(span: Resolved, which: str) -> Resolved:
    """Narrow a range to its early, middle or late part, its start or end, a half or a quarter,
    or its first N months ("first nine months")."""
    start, end, precision = span
    which = _plain(which)
    if precision == "decade":
        bounds = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "start": (0, 2),
                  "end": (7, 9), "first half": (0, 4), "second half": (5, 9)}.get(which, (0, 9))
        return date(start.year + bounds[0], 1, 1), date(start.year + bounds[1], 12, 31), precision
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    first_n = re.fullmatch(r"first (\d+) months", which)
    if first_n and months >= int(first_n[1]):
        first = shift_month(start, int(first_n[1]) - 1)
        return start, month_range(*first)[1], "month"
    if months >= 3:
        bounds = _thirds(months, which)
        first = shift_month(start, bounds[0])
        last = shift_month(start, bounds[1])
        return date(*first, 1), month_range(*last)[1], precision
    days = (end - start).days + 1
    if precision == "month" and start.day == 1 and end == month_range(end.year, end.month)[1]:
        bounds = {"early": (0, 9), "mid": (10, 19), "late": (20, days - 1), "start": (0, 9),
                  "end": (20, days - 1), "first half": (0, 14),
                  "second half": (15, days - 1)}.get(which, (0, days - 1))
    else:
        bounds = _day_thirds(days, which)
    return start + timedelta(days=bounds[0]), start + timedelta(days=bounds[1]), precision


def _plain(which: str) -> str:
    return {"beginning": "start", "middle": "mid", "end": "end"}.get(which, which)


QUARTER_NAMES = ("first", "second", "third", "fourth", "last")


def _thirds(months: int, which: str) -> tuple[int, int]:
    quarter_ = re.fullmatch(r"(first|second|third|fourth|last) quarter", which)
    if quarter_:
        n = min(QUARTER_NAMES.index(quarter_[1]), 3)
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
        which, (0, days - 1))
