"""Event clusters: one event reported by many documents counts once, with GDELT's counts."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest

from eventcoder.store import EventStore, list_clusters, rebuild_clusters, update_clusters
from eventcoder.store.clusters import host_of
from eventcoder.store.rows import outlet_of
from tests.factories import E, document

D = date(2024, 5, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


def store(*documents, version: str = "1") -> EventStore:
    s = EventStore(duckdb.connect(":memory:"), version)
    s.write(documents, [])
    update_clusters(s.con)
    return s


def clusters_of(s: EventStore) -> list[tuple]:
    return s.con.execute(
        "SELECT source_code, target_code, cameo, date_first, date_last, num_mentions, "
        "num_sources, num_articles FROM event_clusters ORDER BY ALL NULLS FIRST").fetchall()


@pytest.mark.parametrize(("days", "expected"), [
    ([0, 0, 1], [(0, 1, 3)]),  # (first day, last day, articles)
    ([0, 2], [(0, 0, 1), (2, 2, 1)]),
    ([0, 1, 2, 3], [(0, 1, 2), (2, 3, 2)]),  # anchored: a daily series does not chain
    ([3, 0, 1, 1, 2], [(0, 1, 3), (2, 3, 2)]),
    ([0, 1, 2, 3, 4, 9, 10, 12], [(0, 1, 2), (2, 3, 2), (4, 4, 1), (9, 10, 2), (12, 12, 1)]),
])
def test_events_within_a_day_form_one_cluster(days: list[int], expected: list[tuple]) -> None:
    docs = [document(f"d{i}", E("IRNGOV", "ISRGOV", "112", day(n)), url=f"https://o{i}.com/a")
            for i, n in enumerate(days)]
    got = [(first, last, articles) for *_, first, last, _, _, articles in clusters_of(store(*docs))]
    assert got == [(day(a), day(b), n) for a, b, n in expected]


def test_counts_follow_gdelt() -> None:
    s = store(
        document("a", E("RUSMIL", "UKR", "190", D), E("RUSMIL", "UKR", "190", D),
                 url="https://www.reuters.com/world/1"),
        document("b", E("RUSMIL", "UKR", "190", day(1)), url="http://reuters.com/world/2"),
        document("c", E("RUSMIL", "UKR", "190", D), url=None, source="feeds/bbc.jsonl"),
    )
    [cluster] = list_clusters(s.con)
    assert (cluster.num_mentions, cluster.num_sources, cluster.num_articles) == (4, 2, 3)
    assert (cluster.source_country, cluster.target_country, cluster.cameo_root) == \
        ("RUS", "UKR", "19")
    assert cluster.quad_class == 4 and cluster.goldstein == -10.0
    assert cluster.source_url == "https://www.reuters.com/world/1"
    members = s.con.execute("SELECT count(*) FROM cluster_members WHERE cluster_id = ?",
                            [cluster.cluster_id]).fetchone()
    assert members == (4,)


@pytest.mark.parametrize(("spec", "counted"), [
    (E("IRN", "ISR", "112", D), True),
    (E("IRN", "ISR", "112", D, modality="reported"), True),
    (E("IRN", "ISR", "036", D, modality="intended"), True),  # the statement is the event
    (E("IRN", "ISR", "190", D, modality="intended"), False),
    (E("IRN", "ISR", "190", D, modality="hypothetical"), False),
    (E("IRN", "ISR", "112", D, negated=True), False),
    (E("IRN", "ISR", "112", None), False),
    (E(None, None, "112", D), False),
])
def test_which_events_are_counted(spec: E, counted: bool) -> None:
    assert bool(clusters_of(store(document("a", spec)))) is counted


def test_countryless_actors_are_split_by_place() -> None:
    s = store(document("a", E("EDU", None, "141", D, place="HTI")),
              document("b", E("EDU", None, "141", D, place="FRA")),
              document("c", E("EDU", None, "141", D, place="HTI")))
    assert sorted(c.num_articles for c in list_clusters(s.con)) == [1, 2]


def test_first_located_member_gives_the_place() -> None:
    s = store(document("a", E("IRN", "ISR", "112", day(1), place="ISR")),
              document("b", E("IRN", "ISR", "112", D)))
    [cluster] = list_clusters(s.con)
    assert (cluster.location_country, cluster.lat, cluster.lon) == ("ISR", 1.0, 2.0)


def test_incremental_updates_match_a_full_rebuild() -> None:
    s = store(document("a", E("IRNGOV", "ISRGOV", "112", D), url="https://x.com/1"))
    s.write([document("b", E("IRNGOV", "ISRGOV", "112", day(1)), url="https://y.com/2"),
             document("c", E("USA", "RUS", "042", D))], [])
    update = update_clusters(s.con)
    assert update.groups == 2
    incremental = clusters_of(s)
    ids = sorted(r[0] for r in s.con.execute("SELECT cluster_id FROM event_clusters").fetchall())
    assert sorted(c[-1] for c in incremental) == [1, 2]
    assert update_clusters(s.con).groups == 0  # nothing new
    rebuild_clusters(s.con)
    assert clusters_of(s) == incremental
    assert sorted(r[0] for r in s.con.execute(
        "SELECT cluster_id FROM event_clusters").fetchall()) == ids  # ids are stable


def test_recoding_moves_events_between_clusters() -> None:
    s = store(document("a", E("IRNGOV", "ISRGOV", "112", D)),
              document("b", E("IRNGOV", "ISRGOV", "112", D)))
    recoder = EventStore(s.con, "2")
    recoder.write([document("b", E("IRNGOV", "ISRGOV", "112", day(5)))], [])
    update_clusters(s.con)
    assert [(c[3], c[-1]) for c in clusters_of(s)] == [(D, 1), (day(5), 1)]
    orphans = s.con.execute("SELECT count(*) FROM cluster_members m WHERE NOT EXISTS (SELECT 1 "
                            "FROM events e WHERE e.event_id = m.event_id AND "
                            "e.doc_hash = m.doc_hash)").fetchone()
    assert orphans == (0,)


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.Reuters.com/world/x?y=1", "reuters.com"),
    ("http://user@bbc.co.uk:8080/news", "bbc.co.uk"),
    ("aljazeera.com/news", None),
    ("", None),
    (None, None),
])
def test_host_of_a_url(url: str | None, host: str | None) -> None:
    assert host_of(duckdb.connect(":memory:"), url) == host  # older stores: in SQL
    assert outlet_of(url, None) == host  # set on each document when stored
    assert outlet_of(url, "feed.jsonl") == (host or "feed.jsonl")
