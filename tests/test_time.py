"""Temporal expressions resolved against the published date (Friday 15 March 2024)."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.time import resolve_expression

PUBLISHED = date(2024, 3, 15)  # a Friday


@pytest.mark.parametrize(("text", "future", "expected"), [
    ("yesterday", False, ("2024-03-14", "2024-03-14", "day")),
    ("today", False, ("2024-03-15", "2024-03-15", "day")),
    ("Sunday", False, ("2024-03-10", "2024-03-10", "day")),
    ("Sunday", True, ("2024-03-17", "2024-03-17", "day")),
    ("on Friday", False, ("2024-03-15", "2024-03-15", "day")),
    ("last Friday", False, ("2024-03-08", "2024-03-08", "day")),
    ("next Monday", False, ("2024-03-18", "2024-03-18", "day")),
    ("two days ago", False, ("2024-03-13", "2024-03-13", "day")),
    ("last week", False, ("2024-03-04", "2024-03-10", "week")),
    ("next week", True, ("2024-03-18", "2024-03-24", "week")),
    ("next month", True, ("2024-04-01", "2024-04-30", "month")),
    ("last year", False, ("2023-01-01", "2023-12-31", "year")),
    ("earlier this year", False, ("2024-01-01", "2024-03-15", "year")),
    ("later this month", True, ("2024-03-15", "2024-03-31", "month")),
    ("June 12 to 14", True, ("2024-06-12", "2024-06-14", "day")),
    ("12-14 June", True, ("2024-06-12", "2024-06-14", "day")),
    ("November 3", False, ("2023-11-03", "2023-11-03", "day")),
    ("March 3, 2019", False, ("2019-03-03", "2019-03-03", "day")),
    ("in 2015", False, ("2015-01-01", "2015-12-31", "year")),
    ("the 1990s", False, ("1990-01-01", "1999-12-31", "decade")),
    ("May 2021", False, ("2021-05-01", "2021-05-31", "month")),
])
def test_resolve_expression(text: str, future: bool, expected: tuple[str, str, str]) -> None:
    value, value_end, precision = resolve_expression(text, PUBLISHED, future=future) or (
        None, None, None)
    assert (str(value), str(value_end), precision) == expected


def test_unknown_expressions_resolve_to_nothing() -> None:
    assert resolve_expression("the holy month of Ramadan", PUBLISHED) is None
    assert resolve_expression("February 30", PUBLISHED) is None
