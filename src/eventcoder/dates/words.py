"""The words of the calendar grammar, from data/calendar_words.tsv, and the names of months and
weekdays (English, from the standard library's calendar tables)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..resources import data_error, package_file, read_tsv

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = "|".join(WEEKDAYS)


@dataclass(frozen=True)
class CalendarWords:
    """Number words, decade words, seasons (first month) and fixed-date holidays."""

    numbers: dict[str, int]
    decades: dict[str, int]
    seasons: dict[str, int]
    holidays: dict[str, tuple[int, int]]


LIMITS = {"number": (0, 90), "decade": (0, 90), "season": (1, 12)}


@cache
def calendar_words(path: Path | None = None) -> CalendarWords:
    """The calendar words, validated: errors name the file and line."""
    path = path or package_file("dates", "calendar_words.tsv")
    found: dict[str, dict[str, int]] = {kind: {} for kind in LIMITS}
    holidays: dict[str, tuple[int, int]] = {}
    for line, row in read_tsv(path, ("set", "word", "value")):
        kind, word, value = row["set"], row["word"].lower(), row["value"]
        if kind == "holiday":
            day = re.fullmatch(r"(\d\d)-(\d\d)", value)
            if day is None or not 1 <= int(day[1]) <= 12 or not 1 <= int(day[2]) <= 31:
                raise data_error(path, line, f"holiday date is not MM-DD: {value!r}")
            holidays[word] = (int(day[1]), int(day[2]))
            continue
        if kind not in LIMITS:
            raise data_error(path, line, f"unknown set {kind!r}")
        low, high = LIMITS[kind]
        if not value.isdigit() or not low <= int(value) <= high:
            raise data_error(path, line, f"{kind} value must be {low}-{high}: {value!r}")
        found[kind][word] = int(value)
    return CalendarWords(found["number"], found["decade"], found["season"], holidays)


WORDS = calendar_words()


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
