"""Hostile requests: bad query strings, SQL fragments, huge numbers, oversized bodies, foreign
hosts and origins. They get 4xx answers and leave the store as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from .stores import fingerprint

HOSTILE = [
    ("/events", {"source_country": "IRN' OR '1'='1"}),
    ("/events", {"country": "'; DROP TABLE events; --"}),
    ("/events", {"cameo_root": "1 OR 1=1"}),
    ("/events", {"cameo": "0%"}),
    ("/events", {"sort": "date; DROP TABLE events"}),
    ("/events", {"sort": "(SELECT 1)"}),
    ("/events", {"order": "desc, 1"}),
    ("/events", {"page": "-1"}),
    ("/events", {"page": "0"}),
    ("/events", {"page": "99999999999999999999999999"}),
    ("/events", {"page_size": "1000000"}),
    ("/events", {"page_size": "-5"}),
    ("/events", {"quad_class": "5"}),
    ("/events", {"quad_class": "1 UNION SELECT * FROM documents"}),
    ("/events", {"date_from": "2024-01-01'; DELETE FROM events; --"}),
    ("/events", {"date_from": "2024-06-01", "date_to": "2024-01-01"}),
    ("/events", {"negated": "maybe"}),
    ("/events", {"modality": "asserted' OR 'x'='x"}),
    ("/events", {"doc": "abc' OR 1=1 --"}),
    ("/events", {"q": "x" * 5000}),
    ("/events", {"cluster": "c1'; DROP TABLE cluster_members; --"}),
    ("/events/' OR '1'='1", {}),
    ("/events/1%3B%20DROP%20TABLE%20events", {}),
    ("/events/" + "a" * 500, {}),
    ("/documents/' OR 1=1 --", {}),
    ("/documents/" + "x" * 2000, {}),
    ("/actors", {"sort": "name; DROP TABLE actors"}),
    ("/actors", {"country": "DEU' --"}),
    ("/aggregate", {"interval": "month'); DROP TABLE events; --"}),
    ("/aggregate", {"group": "source_country, (SELECT 1)"}),
    ("/aggregate", {"limit": "100000000000"}),
    ("/clusters", {"sort": "1; DROP TABLE event_clusters"}),
    ("/clusters/' OR 1=1 --", {}),
]


@pytest.mark.parametrize(("path", "params"), HOSTILE)
def test_hostile_requests_get_4xx(client, path: str, params: dict) -> None:
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, (path, params, response.text[:200])
    assert "Traceback" not in response.text


def test_sql_fragments_as_free_text_are_only_text(client) -> None:
    for text in ["'; DROP TABLE events; --", "%", "_", "' OR '1'='1", "\\", '" OR ""="']:
        page = client.get("/events", params={"q": text}).json()
        assert page["total"] == 0, text


def test_hostile_requests_leave_the_store_unchanged(make_client, store_copy: Path) -> None:
    before = fingerprint(store_copy)
    client = make_client(store_copy, allow_annotate=True, max_body_bytes=2000)
    for path, params in HOSTILE:
        client.get(path, params=params)
    client.get("/events", params={"q": "'; DROP TABLE events; --"})
    client.post("/annotate", json={"text": "x" * 5000})
    client.post("/annotate", content=b"{'text': DROP TABLE documents}",
                headers={"content-type": "application/json"})
    client.post("/events", json={"event_id": "x"})
    client.delete("/documents/demo-diplomacy")
    assert fingerprint(store_copy) == before
    assert not store_copy.with_suffix(".duckdb.wal").exists()


def test_writes_are_not_routes(client) -> None:
    assert client.delete("/documents/demo-diplomacy").status_code == 405
    assert client.put("/events", json={}).status_code == 405


def test_annotate_is_off_by_default(client) -> None:
    response = client.post("/annotate", json={"text": "Iran condemned Israel."})
    assert response.status_code == 403 and "[E055]" in response.json()["detail"]


def test_annotate_when_allowed(make_client, demo_store: Path) -> None:
    client = make_client(demo_store, allow_annotate=True)
    response = client.post("/annotate", json={"text": "Iran condemned Israel on Monday.",
                                               "published": "2024-02-01", "doc_id": "n1"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["doc_id"] == "n1" and doc["events"][0]["source"]["country"] == "IRN"
    assert doc["events"][0]["date"] == "2024-01-29"
    assert client.get("/info").json()["counts"]["documents"] == 4  # nothing stored
    assert client.post("/annotate", json={"title": "no text"}).status_code == 422


def test_bodies_and_texts_are_capped(make_client, demo_store: Path) -> None:
    client = make_client(demo_store, allow_annotate=True, max_body_bytes=1000,
                         max_text_chars=100)
    big = client.post("/annotate", json={"text": "Iran condemned Israel. " * 100})
    assert big.status_code == 413 and "[E049]" in big.json()["detail"]

    def chunks():
        yield b'{"text": "'
        for _ in range(100):
            yield b"Iran condemned Israel. "
        yield b'"}'

    streamed = client.post("/annotate", content=chunks(),
                           headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    long_text = client.post("/annotate", json={"text": "a" * 150})
    assert long_text.status_code == 413 and "[E050]" in long_text.json()["detail"]


def test_cors_is_off_unless_asked_for(client, make_client, demo_store: Path) -> None:
    origin = {"origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/events", headers=origin).headers
    preflight = client.options("/events", headers={**origin,
                                                   "access-control-request-method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    allowed = make_client(demo_store, cors_origins=("https://elsewhere.example",))
    response = allowed.get("/events", headers=origin)
    assert response.headers["access-control-allow-origin"] == "https://elsewhere.example"
    other = allowed.get("/events", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_foreign_host_headers_are_refused(client) -> None:
    assert client.get("/events", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/events", headers={"host": "localhost:8000"}).status_code == 200


def test_missing_store_is_a_503(make_client, tmp_path: Path) -> None:
    response = make_client(tmp_path / "absent.duckdb").get("/events")
    assert response.status_code == 503 and "[E040]" in response.json()["detail"]


def test_responses_carry_defensive_headers(client) -> None:
    headers = client.get("/events").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
