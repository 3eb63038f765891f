"""Dyadic time series: events (or event clusters) counted per actor pair and period."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ..errors import EventcoderError, Messages
from .clusters import COUNTED

# What `--by` can name: its columns in the output and the SQL that computes them.
DIMENSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "dyad": (("source", "e.source_code"), ("target", "e.target_code")),
    "countries": (("source_country", "e.source_country"), ("target_country", "e.target_country")),
    "source": (("source", "e.source_code"),),
    "target": (("target", "e.target_code"),),
    "root": (("cameo_root", "e.cameo_root"),),
    "quad": (("quad_class", "e.quad_class"),),
}
PERIODS = ("day", "week", "month", "year")  # weeks start on Monday (ISO)
METRICS: dict[str, tuple[tuple[str, str], ...]] = {
    "count": (("events", "count(*)"),),
    "goldstein": (("events", "count(*)"), ("goldstein_mean", "round(avg(e.goldstein), 3)"),
                  ("goldstein_sum", "round(sum(e.goldstein), 3)")),
    "quad": (("events", "count(*)"),
             ("verbal_coop", "count(*) FILTER (WHERE e.quad_class = 1)"),
             ("material_coop", "count(*) FILTER (WHERE e.quad_class = 2)"),
             ("verbal_conflict", "count(*) FILTER (WHERE e.quad_class = 3)"),
             ("material_conflict", "count(*) FILTER (WHERE e.quad_class = 4)")),
}
# Counting units: every counted event, or every event cluster once (its first date).
UNITS = {
    "events": f"SELECT * FROM events e WHERE {COUNTED}",
    "clusters": "SELECT *, date_first AS date FROM event_clusters",
}
COUNTRY = re.compile(r"^[A-Z]{3}$")


class AggregateError(EventcoderError):
    """An aggregate was asked for with keys, metrics or filters that do not exist."""


@dataclass(frozen=True)
class AggregateQuery:
    """Which series to compute: grouping keys, a period, a metric and filters."""

    dimensions: tuple[str, ...] = ("dyad",)
    period: str | None = "month"
    metric: str = "count"
    unit: str = "events"
    country: str | None = None  # events with this country as source or target
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse_by(cls, by: str, **options: Any) -> AggregateQuery:
        """A query from a `--by` list such as 'dyad,month'."""
        keys = [k.strip() for k in by.split(",") if k.strip()]
        periods = [k for k in keys if k in PERIODS]
        if len(periods) > 1:
            raise AggregateError(Messages.E027.format(choices=", ".join(PERIODS),
                                                      found=", ".join(periods)))
        for key in keys:
            if key not in DIMENSIONS and key not in PERIODS:
                choices = ", ".join((*DIMENSIONS, *PERIODS))
                raise AggregateError(Messages.E026.format(key=key, choices=choices))
        dims = tuple(k for k in keys if k in DIMENSIONS)
        return cls(dimensions=dims, period=periods[0] if periods else None, **options)

    def validate(self) -> None:
        """Raise AggregateError for an unknown metric, unit or a bad country code."""
        for what, value, choices in (("metric", self.metric, METRICS),
                                     ("unit", self.unit, UNITS)):
            if value not in choices:
                raise AggregateError(Messages.E028.format(what=what, value=value,
                                                          choices=", ".join(choices)))
        if self.country is not None and not COUNTRY.match(self.country):
            raise AggregateError(Messages.E032.format(value=self.country))


@dataclass(frozen=True)
class Series:
    """The result: column names and rows, ordered by the grouping keys."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def aggregate_sql(query: AggregateQuery) -> tuple[str, list[Any], tuple[str, ...]]:
    """The SQL, its parameters and the output columns of a query."""
    query.validate()
    keys: list[tuple[str, str]] = [col for dim in query.dimensions for col in DIMENSIONS[dim]]
    if query.period is not None:
        keys.insert(0, ("period", f"CAST(date_trunc('{query.period}', e.date) AS DATE)"))
    values = METRICS[query.metric]
    where: list[str] = ["e.date IS NOT NULL"]
    params: list[Any] = []
    if query.country:
        where.append("(e.source_country = ? OR e.target_country = ?)")
        params += [query.country, query.country]
    if query.since:
        where.append("e.date >= ?")
        params.append(query.since)
    if query.until:
        where.append("e.date <= ?")
        params.append(query.until)
    select = ", ".join(f"{sql} AS {name}" for name, sql in (*keys, *values))
    sql = f"SELECT {select} FROM ({UNITS[query.unit]}) e WHERE {' AND '.join(where)}"
    if keys:
        positions = ", ".join(str(i) for i in range(1, len(keys) + 1))
        sql += f" GROUP BY {positions} ORDER BY {positions} NULLS FIRST"
    columns = tuple(name for name, _ in (*keys, *values))
    return sql, params, columns


def aggregate(con: duckdb.DuckDBPyConnection, query: AggregateQuery) -> Series:
    """Compute a series from the store."""
    sql, params, columns = aggregate_sql(query)
    return Series(columns, con.execute(sql, params).fetchall())

