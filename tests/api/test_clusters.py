"""Clusters: absent tables give empty answers; present ones are listed, linked and filtered."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .stores import CLUSTER_SCHEMA, add_cluster_of_dyad


@pytest.mark.parametrize("tables", ["absent", "empty"])
def test_no_clusters(make_client, store_copy: Path, tables: str) -> None:
    with duckdb.connect(str(store_copy)) as con:
        con.execute("DROP TABLE IF EXISTS cluster_members; DROP TABLE IF EXISTS event_clusters")
        if tables == "empty":
            con.execute(CLUSTER_SCHEMA)
    client = make_client(store_copy)
    page = client.get("/clusters").json()
    assert page == {"total": 0, "page": 1, "page_size": 50, "items": [], "available": False}
    assert client.get("/clusters/c1").status_code == 404
    assert client.get("/events", params={"cluster": "c1"}).json()["total"] == 0
    assert client.get("/info").json()["clusters"] is False
    event = client.get("/events").json()["items"][0]
    assert client.get(f"/events/{event['event_id']}").json()["cluster"] is None
    assert client.get(f"/documents/{event['doc_hash']}").json()["clusters"] == {}


def test_clusters_listed_with_members(make_client, store_copy: Path) -> None:
    size = add_cluster_of_dyad(store_copy, "DEU", "BRA")
    client = make_client(store_copy)
    page = client.get("/clusters").json()
    assert page["available"] is True and page["total"] == 1
    [cluster] = page["items"]
    assert cluster["num_articles"] == size and cluster["source_country"] == "DEU"
    detail = client.get("/clusters/c1").json()
    assert len(detail["events"]) == size
    assert all(e["target_country"] == "BRA" for e in detail["events"])
    members = client.get("/events", params={"cluster": "c1"}).json()
    assert members["total"] == size
    event = detail["events"][0]
    evidence = client.get(f"/events/{event['event_id']}", params={"doc": event["doc_hash"]})
    assert evidence.json()["cluster"]["cluster_id"] == "c1"
    doc = client.get(f"/documents/{event['doc_hash']}").json()
    assert doc["clusters"][event["event_id"]]["cluster_id"] == "c1"
    assert client.get("/clusters", params={"country": "IRN"}).json()["total"] == 0
    assert client.get("/info").json()["clusters"] is True
