"""The explorer's charts as data: a zero-filled timeline stacked by quad class or PLOVER type
with its Goldstein line, and events by place for the map."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from .db import Reader
from .filters import EventFilters

TimelineInterval = Literal["day", "week", "month", "quarter", "year"]
Stack = Literal["quad_class", "plover", "none"]
STACK_COLUMNS = {"quad_class": "e.quad_class", "plover": "e.plover_type", "none": "NULL"}
MAX_PERIODS = 4000  # eleven years of days; a longer range is cut (and says so)
MONTHS = {"month": 1, "quarter": 3, "year": 12}


def period_start(day: date, interval: str) -> date:
    """The first day of the period that holds `day`, as DuckDB's date_trunc counts them
    (weeks start on Monday)."""
    if interval == "day":
        return day
    if interval == "week":
        return day - timedelta(days=day.weekday())
    months = MONTHS[interval]
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def next_period(start: date, interval: str) -> date:
    """The first day of the period after the one starting on `start`."""
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    month = start.month - 1 + MONTHS[interval]
    return date(start.year + month // 12, month % 12 + 1, 1)


def periods_between(first: date, last: date, interval: str) -> tuple[list[date], bool]:
    """Every period from the one holding `first` to the one holding `last`, and whether the
    list was cut at MAX_PERIODS."""
    out: list[date] = []
    current, end = period_start(first, interval), period_start(last, interval)
    while current <= end:
        if len(out) == MAX_PERIODS:
            return out, True
        out.append(current)
        current = next_period(current, interval)
    return out, False


def _and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f"WHERE {clause}"


def timeline(db: Reader, filters: EventFilters, interval: str, stack: str) -> dict[str, Any]:
    """Events per period from the first to the last (the filter's dates, else the data's),
    periods without events as zeros, one series per stack key, with the Goldstein sum and
    mean of each period; undated events are counted apart."""
    where, params = filters.where(clusters=db.has("cluster_members"))
    base = f"FROM events e {filters.documents_join()}"
    rows = db.con.execute(
        f"SELECT CAST(date_trunc('{interval}', e.date) AS DATE), {STACK_COLUMNS[stack]}, "
        f"count(*), sum(e.goldstein) {base} {_and(where, 'e.date IS NOT NULL')} GROUP BY ALL",
        params).fetchall()
    undated = int(db.scalar(f"SELECT count(*) {base} {_and(where, 'e.date IS NULL')}",
                            params) or 0)
    first = filters.date_from or min((r[0] for r in rows), default=None)
    last = filters.date_to or max((r[0] for r in rows), default=None)
    periods, truncated = periods_between(first, last, interval) if first and last else ([],
                                                                                         False)
    index = {p: i for i, p in enumerate(periods)}
    keys: dict[Any, list[int]] = {k: [0] * len(periods) for k in
                                  ([1, 2, 3, 4] if stack == "quad_class" else [])}
    totals = [0] * len(periods)
    sums = [0.0] * len(periods)
    for period, key, count, goldstein in rows:
        i = index.get(period)
        if i is None:
            continue
        keys.setdefault(key, [0] * len(periods))[i] += int(count)
        totals[i] += int(count)
        sums[i] += float(goldstein or 0.0)
    order = sorted(keys, key=lambda k: (stack != "quad_class" and -sum(keys[k]), str(k)))
    return {
        "interval": interval, "stack": stack, "filters": filters.as_params(),
        "date_from": periods[0] if periods else None,
        "date_to": (next_period(periods[-1], interval) - timedelta(days=1)) if periods else None,
        "periods": periods, "truncated": truncated,
        "series": [{"key": k, "events": keys[k]} for k in order],
        "events": totals, "goldstein_sum": [round(s, 3) for s in sums],
        "goldstein_mean": [round(s / n, 3) if n else None for s, n in zip(sums, totals,
                                                                           strict=True)],
        "total": sum(totals), "undated": undated,
    }


def places(db: Reader, filters: EventFilters, limit: int) -> dict[str, Any]:
    """Events by place (name and country, at the mean of its coordinates), most first, with
    their number in each quad class; events without coordinates are counted apart."""
    where, params = filters.where(clusters=db.has("cluster_members"))
    base = f"FROM events e {filters.documents_join()}"
    quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q})" for q in (1, 2, 3, 4))
    located = _and(where, "e.lat IS NOT NULL AND e.lon IS NOT NULL")
    found = db.rows(f"""
        SELECT e.location_name AS name, e.location_country AS country,
               round(avg(e.lat), 4) AS lat, round(avg(e.lon), 4) AS lon, count(*) AS events,
               [{quads}] AS quad_classes,
               round(avg(e.goldstein), 3) AS goldstein_mean,
               count(DISTINCT e.doc_hash) AS documents
        {base} {located} GROUP BY ALL ORDER BY events DESC, name NULLS LAST, country
        LIMIT ?""", [*params, limit + 1])
    unlocated = int(db.scalar(
        f"SELECT count(*) {base} {_and(where, 'NOT (e.lat IS NOT NULL AND e.lon IS NOT NULL)')}",
        params) or 0)
    return {"filters": filters.as_params(), "truncated": len(found) > limit,
            "places": found[:limit], "located": sum(p["events"] for p in found[:limit]),
            "unlocated": unlocated}
