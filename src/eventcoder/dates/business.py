"""Fiscal and business periods: "fiscal 1989", "the third quarter", "Q3", "year-end", "the first
nine months", "the quarter ended Sept. 30", "the six months to June 30".

A fiscal year named by a year, or with no stated end, is that calendar year: the text does not
say when the company's year starts. A period with a stated end or start ("the fiscal year ended
June 30") is the months that end or start there. Quarters and halves are calendar ones with
precision year (parts of their year); without a year, a past one is the latest finished.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .periods import (
    QUARTER_NAMES,
    Context,
    Resolved,
    month_range,
    months_ending,
    part,
    pick_year,
    shift,
    year,
)
from .relative import OFFSETS
from .words import MONTH_RE, MONTHS, WORDS

Resolve = Callable[[str, Context], Resolved | None]
Rule = Callable[[re.Match[str], Context, Resolve], Resolved | None]

ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}
PERIOD_MONTHS = {"year": 12, "half": 6, "quarter": 3}


def _pick(build: Callable[[int], Resolved | None], ctx: Context) -> Resolved | None:
    """A yearless period: the next when told ahead, else the latest finished."""
    return pick_year(build, ctx.published, ctx.future, ended=True)


def _quarter_or_half(match: re.Match[str], ctx: Context, resolve: Resolve) -> Resolved | None:
    which = ORDINALS.get(match["n"], match["n"])
    if match["kind"] == "half" and which not in ("first", "second"):
        return None
    name = f"{which} {match['kind']}"
    if match["rest"] and match["rest"] not in ("year", "the year"):
        inner = resolve(match["rest"], ctx)
        return part(inner, name) if inner is not None and inner[2] == "year" else None
    return _pick(lambda y: part(year(y), name), ctx)


def _numbered_quarter(match: re.Match[str], ctx: Context, resolve: Resolve) -> Resolved | None:
    name = f"{QUARTER_NAMES[int(match['n']) - 1]} quarter"
    if match["rest"]:
        inner = resolve(match["rest"], ctx)
        return part(inner, name) if inner is not None and inner[2] == "year" else None
    return _pick(lambda y: part(year(y), name), ctx)


def _named_quarter(match: re.Match[str], ctx: Context, resolve: Resolve) -> Resolved | None:
    """'The December quarter' ends in December; 'the April-June quarter' runs April to June."""
    last = MONTHS[match["last"]]
    first = MONTHS[match["first"]] if match["first"] else None
    if first is not None and (last - first) % 12 != 2:
        return None

    def build(y: int) -> Resolved:
        return months_ending(date(y, last, 1), 3, "year")
    if match["year"]:
        return build(int(match["year"]))
    return _pick(build, ctx)


def _first_months(match: re.Match[str], ctx: Context, resolve: Resolve) -> Resolved | None:
    """'The first nine months (of the year, of 2022)': those calendar months."""
    count = match["count"]
    number = int(count) if count.isdigit() else WORDS.numbers.get(count)
    if number is None or not 1 <= number <= 12:
        return None
    which = f"first {number} months"
    if match["rest"] and match["rest"] not in ("year", "the year"):
        inner = resolve(match["rest"], ctx)
        return part(inner, which) if inner is not None and inner[2] == "year" else None
    return _pick(lambda y: part(year(y), which), ctx)


def _bounded(match: re.Match[str], ctx: Context, resolve: Resolve) -> Resolved | None:
    """A period with a stated end or start: 'the year ended June 30', 'the quarter to
    September', 'the six months to Sept. 30', 'the fiscal year starting April 1'."""
    link = match["link"]
    # A period "ended" or "to" a date is a finished one: its end is the last by publication.
    told_past = link in ("ended", "that ended", "to", "through")
    bound = resolve(match["date"], Context(ctx.published, ctx.future and not told_past))
    if bound is None or bound[2] not in ("day", "month"):
        return None
    if match["count"]:
        count = match["count"]
        number = int(count) if count.isdigit() else WORDS.numbers.get(count)
        if number is None or number < 1:
            return None
        unit = match["unit"].rstrip("s")
    else:
        number, unit = PERIOD_MONTHS[match["period"]], "month"
    precision = "month" if match["count"] else "year"
    if link in ("starting", "beginning", "from", "begins"):
        start = bound[0]
        end = shift(start, unit, number) - timedelta(days=1)
        return start, end, precision if unit == "month" else unit
    end = bound[1]
    if unit == "week":
        return end - timedelta(days=7 * number - 1), end, "week"
    if unit == "day":
        return end - timedelta(days=number - 1), end, "day"
    if end == month_range(end.year, end.month)[1]:
        return months_ending(end, number, precision)
    return shift(end, "month", -number) + timedelta(days=1), end, precision


def _fiscal_year(match: re.Match[str], ctx: Context, resolve: Resolve) -> Resolved | None:
    """'The current fiscal year', 'last fiscal year', 'the full year': the calendar year."""
    offset = OFFSETS[match["which"]] if match["which"] else 0
    return year(ctx.published.year + offset)


def _year_end(match: re.Match[str], ctx: Context, resolve: Resolve) -> Resolved | None:
    """'Year-end' is December, as 'the end of the year'."""
    if match["year"]:
        return part(year(int(match["year"])), "end")
    return pick_year(lambda y: part(year(y), "end"), ctx.published, ctx.future)


def _named_period(match: re.Match[str], ctx: Context, resolve: Resolve) -> Resolved | None:
    """'The 1989 fiscal year', 'the 1990-91 season', 'fiscal 1989': the years written."""
    found = resolve(match["years"], ctx)
    return found if found is not None and found[2] == "year" else None


FISCAL = r"(?:fiscal|financial|full|calendar|business)"
PERIOD = r"(?:(?:fiscal|financial) )?(?P<period>year|half|quarter)"
COUNTED = r"(?P<count>\d+|[a-z]+) (?P<unit>months|weeks|days)"
RULES: list[tuple[re.Pattern[str], Rule]] = [
    (re.compile(r"^(?P<n>first|second|third|fourth|last|1st|2nd|3rd|4th) (?P<kind>quarter|half)"
                r"(?: of (?P<rest>.+))?$"), _quarter_or_half),
    (re.compile(r"^(?P<q>q)?(?P<n>[1-4])(?(q)|q)(?: (?:of )?(?P<rest>.+))?$"), _numbered_quarter),
    (re.compile(rf"^(?:(?P<first>{MONTH_RE}) ?- ?)?(?P<last>{MONTH_RE}) quarter"
                r"(?: (?:of )?(?P<year>\d{4}))?$"), _named_quarter),
    (re.compile(r"^first (?P<count>\d+|[a-z]+) months(?: of (?P<rest>.+))?$"), _first_months),
    (re.compile(rf"^(?:{PERIOD}|{COUNTED})(?: period)? (?P<link>that ended|ended|ending|ends|to|"
                r"through|starting|beginning|begins|from) (?P<date>.+)$"), _bounded),
    (re.compile(rf"^(?:(?P<which>current|this|last|next|previous|coming|past) )?{FISCAL} year$"),
     _fiscal_year),
    (re.compile(r"^(?:year end|end year|year's end)(?: (?P<year>\d{4}))?$"), _year_end),
    (re.compile(rf"^(?:{FISCAL}(?: year)?|fy) ?(?P<years>\d{{4}}(?:-\d{{2,4}})?)$"),
     _named_period),
    (re.compile(rf"^(?P<years>\d{{4}}(?:-\d{{2,4}})?) (?:{FISCAL} year|season|school year|"
                r"academic year|financial year)$"), _named_period),
]
