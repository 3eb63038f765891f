"""The API under load: one store connection for many requests, few queries per request,
short error answers, and a pool that lends each cursor to one request at a time."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventcoder.api.db import StorePool

REAL_CONNECT = duckdb.connect


class CountingConnection:
    """A DuckDB connection (or cursor) that records every statement run through it."""

    def __init__(self, con: Any, statements: list[str]) -> None:
        self._con = con
        self.statements = statements

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> CountingConnection:
        self.statements.append(sql)
        self._con.execute(sql, *args, **kwargs)
        return self

    def cursor(self) -> CountingConnection:
        return CountingConnection(self._con.cursor(), self.statements)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


@pytest.fixture
def counted(monkeypatch) -> Iterator[dict[str, list]]:
    """Every duckdb.connect call of the API and every statement run on what it returned."""
    seen: dict[str, list] = {"connections": [], "statements": []}

    def connect(*args: Any, **kwargs: Any) -> CountingConnection:
        seen["connections"].append(args[0] if args else kwargs.get("database"))
        return CountingConnection(REAL_CONNECT(*args, **kwargs), seen["statements"])

    monkeypatch.setattr(duckdb, "connect", connect)
    yield seen


def test_many_requests_share_one_connection(make_client, demo_store: Path, counted) -> None:
    client = make_client(demo_store)
    for page in range(1, 21):
        assert client.get("/events", params={"page": page, "page_size": 2}).status_code == 200
    client.get("/aggregate")
    client.get("/info")
    assert len(counted["connections"]) == 1


@pytest.mark.parametrize("params", [
    {},
    {"country": "DEU", "sort": "goldstein", "order": "desc"},
    {"q": "minister", "page_size": 5},
    {"page": 2, "page_size": 3, "negated": "false"},
    {"page": 500},  # past the end: the total alone
    {"cameo_root": "99"},  # nothing matches
])
def test_events_take_at_most_two_queries(make_client, demo_store: Path, counted,
                                         params: dict) -> None:
    client = make_client(demo_store)
    client.get("/info")  # the connection is opened (and its tables read) once, before
    before = len(counted["statements"])
    response = client.get("/events", params=params)
    assert response.status_code == 200
    assert len(counted["statements"]) - before <= 2, counted["statements"][before:]


def test_an_events_page_has_what_it_had(client) -> None:
    """The rows read in two queries carry the title, the sentence and both names."""
    items = client.get("/events", params={"page_size": 500}).json()["items"]
    assert items and all(e["title"] and e["sentence_text"] for e in items)
    named = [e for e in items if e["source_actor"]]
    assert named and all(e["source_name"] for e in named)
    assert all(e["trigger_text"] in e["sentence_text"] for e in items)
    detail = client.get(f"/events/{items[0]['event_id']}",
                        params={"doc": items[0]["doc_hash"]}).json()["event"]
    assert detail == items[0]


# The test client refuses URLs over 64 kB; benchmarks/api_load.py sends 100 kB over HTTP.
@pytest.mark.parametrize("params", [
    {"q": "x" * 60_000},
    {"country": "y" * 60_000},
    {"page": "9" * 60_000},
    {"date_from": "z" * 30_000, "date_to": "w" * 30_000},
])
def test_refused_input_is_echoed_cut_short(client, params: dict) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 422
    assert len(response.content) < 2_000
    for error in response.json()["detail"]:
        assert error["loc"][0] == "query" and error["msg"]
        assert "chars)" in error["input"]  # says how long the input was


def test_a_refused_body_is_echoed_cut_short(make_client, demo_store: Path) -> None:
    client = make_client(demo_store, allow_annotate=True)
    response = client.post("/annotate", json={"text": 12, "title": ["t" * 50_000]})
    assert response.status_code == 422 and len(response.content) < 2_000


def test_a_cursor_serves_one_request_at_a_time(demo_store: Path) -> None:
    pool = StorePool(demo_store, size=2, idle_seconds=None)
    inside = 0
    most = 0
    lock = threading.Lock()
    cursors = set()

    def work() -> None:
        nonlocal inside, most
        with pool.reader() as db:
            with lock:
                inside += 1
                most = max(most, inside)
                cursors.add(id(db.con))
            assert db.scalar("SELECT count(*) FROM events") > 0
            time.sleep(0.05)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pool.close()
    assert most == 2 and len(cursors) == 2 and pool.opened == 1


def test_an_idle_pool_lets_a_writer_in(store_copy: Path) -> None:
    pool = StorePool(store_copy, idle_seconds=0.2)
    with pool.reader() as db:
        events = db.scalar("SELECT count(*) FROM events")
    time.sleep(0.6)  # closed after 0.2 s without requests
    with duckdb.connect(str(store_copy)) as writer:
        writer.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM events "
                       "LIMIT 1)")
    with pool.reader() as db:
        assert db.scalar("SELECT count(*) FROM events") == events - 1
    pool.close()
    assert pool.opened == 2
