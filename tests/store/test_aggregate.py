"""Dyadic time series from the store: keys, periods, metrics, units and filters."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from eventcoder.errors import EventcoderError
from eventcoder.store import AggregateQuery, EventStore, aggregate, update_clusters
from tests.factories import E, document


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    store = EventStore(duckdb.connect(":memory:"), "1")
    store.write([
        document("a", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 3)),
                 E("IRNGOV", "ISRGOV", "190", date(2024, 1, 3)), url="https://a.com/1"),
        document("b", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 4)), url="https://b.com/1"),
        document("c", E("IRNGOV", "ISRGOV", "036", date(2024, 2, 20), modality="intended")),
        document("d", E("USAGOV", "RUSGOV", "042", date(2024, 1, 8)),
                 E("USAGOV", "RUSGOV", "042", date(2024, 1, 9), negated=True)),
        document("e", E("ISRMIL", "IRN", "190", date(2024, 1, 5), modality="hypothetical")),
    ], [])
    update_clusters(store.con)
    return store.con


@pytest.mark.parametrize(("by", "dims", "period"), [
    ("dyad,month", ("dyad",), "month"),
    ("week , countries", ("countries",), "week"),
    ("root", ("root",), None),
    ("year", (), "year"),
])
def test_parse_by(by: str, dims: tuple, period: str | None) -> None:
    query = AggregateQuery.parse_by(by)
    assert (query.dimensions, query.period) == (dims, period)


@pytest.mark.parametrize(("by", "message"), [
    ("dyad,week,month", "E027"), ("dyad,fortnight", "E026"), ("", None)])
def test_bad_keys(by: str, message: str | None) -> None:
    if message is None:
        assert AggregateQuery.parse_by(by).dimensions == ()
        return
    with pytest.raises(EventcoderError, match=message):
        AggregateQuery.parse_by(by)


@pytest.mark.parametrize(("query", "message"), [
    (AggregateQuery(metric="tone"), "E028"), (AggregateQuery(unit="docs"), "E028"),
    (AggregateQuery(country="iran"), "E032")])
def test_bad_queries(query: AggregateQuery, message: str) -> None:
    with pytest.raises(EventcoderError, match=message):
        query.validate()


def test_dyad_by_month_counts_counted_events(con) -> None:
    series = aggregate(con, AggregateQuery.parse_by("dyad,month"))
    assert series.columns == ("period", "source", "target", "events")
    assert series.rows == [
        (date(2024, 1, 1), "IRNGOV", "ISRGOV", 3),
        (date(2024, 1, 1), "USAGOV", "RUSGOV", 1),
        (date(2024, 2, 1), "IRNGOV", "ISRGOV", 1),
    ]


def test_weeks_start_on_monday_and_country_filters(con) -> None:
    series = aggregate(con, AggregateQuery.parse_by("countries,week", country="USA"))
    assert series.rows == [(date(2024, 1, 8), "USA", "RUS", 1)]


def test_goldstein_and_quad_metrics(con) -> None:
    gold = aggregate(con, AggregateQuery.parse_by("dyad", metric="goldstein",
                                                  until=date(2024, 1, 31)))
    assert gold.columns[-3:] == ("events", "goldstein_mean", "goldstein_sum")
    assert gold.rows[0] == ("IRNGOV", "ISRGOV", 3, -4.667, -14.0)
    quad = aggregate(con, AggregateQuery.parse_by("dyad", metric="quad"))
    assert quad.rows[0][2:] == (4, 1, 0, 2, 1)


def test_clusters_count_each_event_once(con) -> None:
    events = aggregate(con, AggregateQuery.parse_by("dyad", since=date(2024, 1, 1)))
    clusters = aggregate(con, AggregateQuery.parse_by("dyad", unit="clusters"))
    assert events.rows[0] == ("IRNGOV", "ISRGOV", 4)
    assert clusters.rows[0] == ("IRNGOV", "ISRGOV", 3)  # 112 on Jan 3-4, 190, 036
