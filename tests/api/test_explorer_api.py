"""The API behind the explorer: actor search and entities, source/target actor filters, the
zero-filled timeline, the map, downloads, and counts that agree between them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from .syria import build_syria_store


@pytest.fixture(scope="module")
def syria_store(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    return build_syria_store(tmp_path_factory.mktemp("syria") / "syria.duckdb", pipeline)


@pytest.fixture
def syria(syria_store: Path, make_client):
    return make_client(syria_store)


def total(client, **params) -> int:
    return int(client.get("/events", params={**params, "page_size": 1}).json()["total"])


@pytest.mark.parametrize("q", ["SDF", "sdf", "Syrian Democratic", "QSD", "Kurdish-led SDF",
                               "SYRREB"])
def test_actor_search_by_name_alias_abbreviation_and_code(syria, q: str) -> None:
    keys = [a["key"] for a in syria.get("/actors", params={"q": q}).json()["items"]]
    assert "SDF" in keys, q


def test_one_row_per_entity_with_its_codes(syria) -> None:
    items = syria.get("/actors", params={"page_size": 500}).json()["items"]
    keys = [a["key"] for a in items]
    assert len(keys) == len(set(keys))
    turkey = next(a for a in items if a["key"] == "TUR")
    assert turkey["name"] == "Turkey" and turkey["country"] == "TUR"
    sdf = next(a for a in items if a["key"] == "SDF")
    assert sdf["name"] == "Syrian Democratic Forces" and sdf["codes"] == ["SYRREB"]


def test_source_and_target_actor_filters(syria) -> None:
    def pairs(**params) -> set[tuple[str, str, str]]:
        items = syria.get("/events", params={**params, "page_size": 100}).json()["items"]
        return {(e["doc_id"], e["source_code"], e["target_code"]) for e in items}

    assert pairs(source_actor="SDF", target_actor="TUR") == {("syria-jan", "SYRREB", "TUR"),
                                                             ("syria-mar", "SYRREB", "TUR")}
    assert pairs(source_actor="TUR", target_actor="SDF") == {("syria-jan", "TUR", "SYRREB")}
    either = pairs(actor="SDF")
    assert pairs(source_actor="SDF") | pairs(target_actor="SDF") == either
    assert len(either) == 4


def test_counts_agree_between_actors_events_aggregate_and_timeline(syria) -> None:
    shown = {"negated": "false"}
    items = syria.get("/actors", params={**shown, "page_size": 500}).json()["items"]
    assert sum(a["events"] for a in items) > 0
    for actor in items:
        key = actor["key"]
        assert actor["events"] == total(syria, actor=key, **shown), key
        assert actor["as_source"] == total(syria, source_actor=key, **shown), key
        assert actor["as_target"] == total(syria, target_actor=key, **shown), key
    for actor in items[:5]:
        rows = syria.get("/aggregate", params={"actor": actor["key"], "interval": "all",
                                               "group": "quad_class", **shown}).json()["rows"]
        assert sum(r["events"] for r in rows) == actor["events"]
        line = syria.get("/timeline", params={"actor": actor["key"], **shown}).json()
        assert line["total"] + line["undated"] == actor["events"]
    facets = syria.get("/facets", params=shown).json()
    for name, param in (("countries", "country"), ("source_countries", "source_country"),
                        ("target_countries", "target_country"), ("plover", "plover"),
                        ("quad_classes", "quad_class")):
        for facet in facets[name]:
            assert facet["events"] == total(syria, **{param: facet["value"]}, **shown), facet


def test_timeline_fills_empty_months_with_zeros(syria) -> None:
    line = syria.get("/timeline", params={"source_actor": "SDF", "target_actor": "TUR",
                                          "interval": "month"}).json()
    assert line["periods"] == ["2019-01-01", "2019-02-01", "2019-03-01"]
    assert line["events"] == [1, 0, 1]
    assert [s["key"] for s in line["series"]] == [1, 2, 3, 4]
    assert line["goldstein_mean"][1] is None and line["goldstein_sum"][1] == 0
    quarter = syria.get("/timeline", params={"actor": "SDF", "interval": "quarter",
                                             "stack": "plover",
                                             "date_from": "2018-10-01"}).json()
    assert quarter["periods"] == ["2018-10-01", "2019-01-01"]
    assert sum(sum(s["events"]) for s in quarter["series"]) == quarter["total"] == 4


@pytest.mark.parametrize(("interval", "first", "last", "count"), [
    ("day", "2019-01-30", "2019-02-02", 4),
    ("week", "2019-01-07", "2019-01-14", 2),  # weeks start on Monday
    ("month", "2018-11-01", "2019-02-01", 4),
    ("quarter", "2018-10-01", "2019-01-01", 2),
    ("year", "2018-01-01", "2019-01-01", 2),
])
def test_timeline_periods(syria, interval: str, first: str, last: str, count: int) -> None:
    dates = {"day": ("2019-01-30", "2019-02-02"), "week": ("2019-01-07", "2019-01-20"),
             "month": ("2018-11-15", "2019-02-10"), "quarter": ("2018-11-15", "2019-02-10"),
             "year": ("2018-11-15", "2019-02-10")}[interval]
    line = syria.get("/timeline", params={"interval": interval, "date_from": dates[0],
                                          "date_to": dates[1]}).json()
    assert (line["periods"][0], line["periods"][-1], len(line["periods"])) == (first, last,
                                                                               count)


def test_map_places_agree_with_events(syria) -> None:
    data = syria.get("/map", params={"negated": "false"}).json()
    assert data["places"] and not data["truncated"]
    assert data["located"] + data["unlocated"] == total(syria, negated="false")
    manbij = next(p for p in data["places"] if p["name"] == "Manbij")
    assert manbij["country"] == "SYR" and 36 < manbij["lat"] < 37
    assert sum(manbij["quad_classes"]) == manbij["events"] == total(
        syria, location="Manbij", location_country="SYR", negated="false")


def test_downloads_hold_the_filtered_events(syria) -> None:
    params = {"source_actor": "SDF", "target_actor": "TUR"}
    ids = {e["event_id"] for e in syria.get("/events", params=params).json()["items"]}
    response = syria.get("/export/events.csv", params=params)
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["event_id"] for r in rows} == ids
    assert {r["source_name"] for r in rows} == {"Syrian Democratic Forces"}
    assert all(r["sentence_text"].startswith("The SDF accused Turkey") for r in rows)
    table = pq.read_table(io.BytesIO(syria.get("/export/events.parquet", params=params).content))
    assert set(table.column("event_id").to_pylist()) == ids
    nothing = syria.get("/export/events.csv", params={"q": "no such words anywhere"}).text
    assert nothing.splitlines()[0].startswith('"event_id"') and len(nothing.splitlines()) == 1


def test_clusters_have_event_names_and_titles(store_copy: Path, make_client) -> None:
    from .stores import add_cluster_of_dyad

    add_cluster_of_dyad(store_copy, "DEU", "BRA")
    client = make_client(store_copy)
    [cluster] = client.get("/clusters").json()["items"]
    assert cluster["cameo_name"] and cluster["title"]
    detail = client.get(f"/clusters/{cluster['cluster_id']}").json()["cluster"]
    assert detail["cameo_name"] == cluster["cameo_name"]
