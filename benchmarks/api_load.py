"""API under load: requests per second and latency of `/events` (with filters) and `/aggregate`
at 16 concurrent clients, against `eventcoder serve` started here on 127.0.0.1.

Usage:
    .venv/bin/python benchmarks/api_load.py [--db PATH] [--events 50000] [--clients 16]
        [--requests 2000] [--seconds 30] [--mix fixed|drawn]
        [--serve-option=--query-threads=1]

Without --db a synthetic store is built in a temporary folder and deleted afterwards; with
--db a missing file is built there and kept, an existing store is served as it is. The server
is the real command (`python -m eventcoder serve`, one uvicorn process), bound to loopback on a
free port; nothing leaves the machine. Each endpoint is measured in its own phase, bounded by
--requests and --seconds, after a short warm-up; the clients are keep-alive HTTP/1.1 connections
on one asyncio loop (small, so that the client takes little of the CPU it shares with the
server). `--mix fixed` asks the 8 /events and 5 /aggregate queries below in turn; `--mix
drawn` asks as many different queries as requests, with filter values (countries, codes,
actors, words, date ranges), sorts and pages drawn from the store. Goal (issue 14), on 2
cores: /events at least 100 requests/s, p95 under 250 ms, no errors. Also printed: the
server's CPU time per request, the load average, and the size of the answer to a query string
of 100 kB that the API refuses.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import psutil

from eventcoder.ontology import load_codebook
from eventcoder.store import EventStore

HOST = "127.0.0.1"
EVENT_QUERIES = (
    "country=IRN",
    "source_country=USA&target_country=RUS",
    "date_from=2015-01-01&date_to=2019-12-31&sort=date&order=desc",
    "cameo_root=19&sort=goldstein&order=asc",
    "quad_class=4&country=ISR&page=2",
    "sector=MIL&date_from=2000-01-01",
    "modality=reported&country=CHN&page_size=100",
    "q=protest&country=UKR",
)
AGGREGATE_QUERIES = (
    "interval=month&country=IRN",
    "interval=year",
    "interval=week&source_country=USA&date_from=2010-01-01",
    "interval=all&group=cameo_root",
    "interval=month&group=quad_class&country=CHN",
)
COUNTRIES = ("USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND",
             "PAK", "SYR", "IRQ", "AFG", "EGY", "SAU", "JPN", "KOR", "PRK", "BRA", "MEX",
             "NGA", "ZAF", "ETH", "SDN", "YEM", "LBN", "PSE", "VEN")
SECTORS = ("GOV", "MIL", "", "REB", "OPP", "CVL", "BUS", "MED", "JUD")
# Four events per document, one per sentence; every column the API returns is filled.
EVENTS = """
INSERT INTO events BY NAME
WITH raw AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                    random() AS r5, random() AS r6, random() AS r7 FROM range($n) t(i)),
coded AS (
    SELECT *,
        list_element($countries, 1 + CAST(floor(pow(r1, 2.5) * $nc) AS INTEGER)) AS sc,
        list_element($countries, 1 + CAST(floor(pow(r2, 2.5) * $nc) AS INTEGER)) AS tc,
        list_element($sectors, 1 + CAST(floor(pow(r6, 1.5) * $ns) AS INTEGER)) AS ss,
        list_element($sectors, 1 + CAST(floor(pow(r7, 1.5) * $ns) AS INTEGER)) AS ts,
        CAST(floor(pow(r3, 1.7) * $ncodes) AS INTEGER) AS code_index
    FROM raw)
SELECT md5('e' || i)[1:16] AS event_id, md5(CAST(i // 4 AS VARCHAR))[1:16] AS doc_hash,
       'doc-' || (i // 4) AS doc_id, CAST(i % 4 AS INTEGER) AS sentence,
       's' || (i % 4) AS source_actor, sc AS source_country, nullif(ss, '') AS source_sector,
       sc || ss AS source_code, 'the ' || sc || ' delegation' AS source_text,
       't' || (i % 4) AS target_actor, tc AS target_country, nullif(ts, '') AS target_sector,
       tc || ts AS target_code, 'officials of ' || tc AS target_text,
       cb.cameo, cb.root AS cameo_root, cb.name AS cameo_name, cb.quad_class, cb.goldstein,
       cb.plover_type, cb.plover_mode, 'acted' AS trigger_text, 20 AS trigger_start,
       25 AS trigger_end, r5 < 0.02 AS negated,
       CASE WHEN r5 < 0.85 THEN 'asserted' WHEN r5 < 0.95 THEN 'reported'
            ELSE 'hypothetical' END AS modality,
       DATE '1979-01-01' + CAST(r4 * 17000 AS INTEGER) AS date, 'day' AS date_precision,
       'text' AS date_source, sc AS location_country, 'Capital of ' || sc AS location_name,
       0.8 AS confidence, 'synthetic' AS rule
FROM coded JOIN codebook cb USING (code_index)
"""
ACTORS = """
INSERT INTO actors BY NAME
SELECT doc_hash, source_actor AS actor_id, 'Leader of ' || source_country AS name,
       'person' AS kind, source_country AS country, source_sector AS sector,
       source_code AS code FROM events
UNION ALL
SELECT doc_hash, target_actor, 'Minister of ' || target_country, 'person', target_country,
       target_sector, target_code FROM events
"""
DOCUMENTS = """
INSERT INTO documents BY NAME
WITH s AS (
    SELECT doc_hash, doc_id, sentence, min(date) OVER (PARTITION BY doc_hash) AS published,
           source_text || ' said it would ' || lower(cameo_name) || ' against '
           || target_text || ' on Monday.' AS text,
           [json_object('id', source_actor, 'name', 'Leader of ' || source_country),
            json_object('id', target_actor, 'name', 'Minister of ' || target_country)] AS named
    FROM events)
SELECT doc_hash, doc_id, 'Report ' || doc_id AS title,
       'https://outlet' || (hash(doc_id) % 300) || '.example/' || doc_id AS url,
       min(published) AS published, 'synthetic.jsonl' AS source,
       string_agg(text, ' ' ORDER BY sentence) AS text, 'bench' AS pipeline_version,
       json_object('doc_id', doc_id, 'sentences', list(text ORDER BY sentence),
                   'actors', flatten(list(named ORDER BY sentence))) AS annotated,
       now()::TIMESTAMP AS stored_at, false AS clustered
FROM s GROUP BY doc_hash, doc_id
"""


# The drawn mix: filters made of the values of events sampled from the store (so that most
# answers are not empty), pages and sorts drawn too, so that few requests repeat one another.
WARMUP = 8  # queries of the drawn mix that only warm the server up (4 requests each)
SORTS = ("date", "date", "date", "goldstein", "cameo", "confidence", "source", "document")
DRAWN_EVENTS = (
    lambda e, r: {"country": e["source_country"]},
    lambda e, r: {"source_country": e["source_country"], "target_country": e["target_country"]},
    lambda e, r: _years(e, r),
    lambda e, r: {"cameo_root": e["cameo_root"], **_maybe_country(e, r)},
    lambda e, r: {"quad_class": e["quad_class"], "country": e["target_country"]},
    lambda e, r: {"sector": e["source_sector"], **_years(e, r)},
    lambda e, r: {"modality": e["modality"], "country": e["source_country"]},
    lambda e, r: {"plover": e["plover_type"], **_maybe_country(e, r)},
    lambda e, r: {"cameo": e["cameo"]},
    lambda e, r: {"actor": e["actor"], **_years(e, r)},
    lambda e, r: {"q": r.choice(e["words"]), **_maybe_country(e, r)},
)
DRAWN_AGGREGATES = (
    lambda e, r: {"country": e["source_country"]},
    lambda e, r: _years(e, r),
    lambda e, r: {"source_country": e["source_country"], "group": "cameo_root"},
    lambda e, r: {"quad_class": e["quad_class"], "group": "source_country"},
    lambda e, r: {"cameo_root": e["cameo_root"], **_years(e, r)},
)
SAMPLE = """
SELECT e.source_country, e.target_country, e.source_sector, e.cameo_root, e.cameo,
       e.quad_class, e.plover_type, e.modality, e.date, e.cameo_name,
       (SELECT coalesce(a.kb_id, a.name) FROM actors a
        WHERE a.doc_hash = e.doc_hash AND a.actor_id = e.source_actor) AS actor
FROM events e USING SAMPLE reservoir(2000 ROWS) REPEATABLE (7)
"""


def _years(event: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    if event["date"] is None:
        return {}
    start = event["date"].year - rng.randint(0, 5)
    return {"date_from": f"{start}-01-01", "date_to": f"{start + rng.randint(1, 10)}-12-31"}


def _maybe_country(event: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    return {"country": event["target_country"]} if rng.random() < 0.5 else {}


def drawn_queries(db: Path, count: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """`count` query strings for /events and for /aggregate, drawn from the store's events."""
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(SAMPLE)
        names = [d[0] for d in cursor.description]
        events = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for event in events:
        event["words"] = [w for w in str(event.pop("cameo_name") or "").lower().split()
                          if len(w) > 4] or ["the"]
    rng = random.Random(seed)

    def draw(makers: tuple[Any, ...], extra: Any) -> str:
        params = rng.choice(makers)(rng.choice(events), rng)
        params = {k: v for k, v in {**params, **extra()}.items() if v is not None}
        return urlencode(params)

    def paging() -> dict[str, Any]:
        return {"sort": rng.choice(SORTS), "order": rng.choice(("asc", "desc")),
                "page": rng.choice((1, 1, 1, 2, 3, rng.randint(4, 20))),
                "page_size": rng.choice((20, 50, 50, 50, 100))}

    def grouping() -> dict[str, Any]:
        start = rng.randint(1979, 2024)
        years = ({"date_from": f"{start}-01-01", "date_to": f"{start + rng.randint(0, 9)}-12-31"}
                 if rng.random() < 0.5 else {})
        return {"interval": rng.choice(("week", "month", "month", "quarter", "year", "all")),
                **years}

    return ([draw(DRAWN_EVENTS, paging) for _ in range(count)],
            [draw(DRAWN_AGGREGATES, grouping) for _ in range(count)])


def build_store(path: Path, events: int) -> float:
    """A synthetic store of `events` events (four per document); seconds taken."""
    started = time.perf_counter()
    codes = sorted(load_codebook().codes.values(), key=lambda c: c.cameo)
    store = EventStore.open(path, "bench")
    con = store.con
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE codebook (code_index INTEGER, cameo VARCHAR, "
                    "root VARCHAR, name VARCHAR, quad_class INTEGER, goldstein DOUBLE, "
                    "plover_type VARCHAR, plover_mode VARCHAR)")
        con.executemany("INSERT INTO codebook VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [[i, c.cameo, c.root, c.name, c.quad_class, c.goldstein,
                          c.plover_type, c.plover_mode] for i, c in enumerate(codes)])
        con.execute("SET enable_progress_bar = false")
        con.execute("SELECT setseed(0.42)")
        con.execute(EVENTS, {"n": events, "countries": list(COUNTRIES), "nc": len(COUNTRIES),
                             "sectors": list(SECTORS), "ns": len(SECTORS),
                             "ncodes": len(codes)})
        con.execute(ACTORS)
        con.execute(DOCUMENTS)
        con.execute("CHECKPOINT")
    finally:
        store.close()
    return time.perf_counter() - started


@dataclass
class Phase:
    """The answers of one endpoint's phase: latencies in seconds, statuses, bytes."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu: float = 0.0  # server CPU seconds

    def add(self, status: int, latency: float) -> None:
        """Record one answer."""
        self.latencies.append(latency)
        self.statuses[status] = self.statuses.get(status, 0) + 1


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
               path: str) -> tuple[int, bytes]:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:]
                                                            if h)}
    if headers.get("transfer-encoding") == "chunked":
        body = bytearray()
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            body.extend(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")
        return status, bytes(body)
    return status, await reader.readexactly(int(headers.get("content-length", "0")))


async def _client(port: int, paths: itertools.cycle[str], budget: list[int],
                  deadline: float, phase: Phase) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            path = next(paths)
            started = time.perf_counter()
            try:
                status, _ = await _get(reader, writer, path)
            except (ConnectionError, asyncio.IncompleteReadError):
                status = 599  # the server closed the connection: count it and reconnect
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
            phase.add(status, time.perf_counter() - started)
    finally:
        writer.close()


async def _phase(port: int, paths: list[str], clients: int, requests: int,
                 seconds: float) -> Phase:
    phase = Phase()
    cycle = itertools.cycle(paths)
    budget = [requests]
    started = time.perf_counter()
    await asyncio.gather(*(_client(port, cycle, budget, started + seconds, phase)
                           for _ in range(clients)))
    phase.seconds = time.perf_counter() - started
    return phase


def measure(port: int, server: psutil.Process, paths: list[str], clients: int,
            requests: int, seconds: float, warmup: list[str] | None = None) -> Phase:
    """One endpoint's phase: a warm-up (a few requests per path of `warmup`, by default of
    `paths`), then the measured load."""
    warmup = warmup or paths
    asyncio.run(_phase(port, warmup, clients, 4 * len(warmup), seconds))
    cpu = sum(server.cpu_times()[:2])
    phase = asyncio.run(_phase(port, paths, clients, requests, seconds))
    phase.cpu = sum(server.cpu_times()[:2]) - cpu
    return phase


def report(name: str, phase: Phase) -> str:
    """One line: rate, latency percentiles, statuses, server CPU per request."""
    n = len(phase.latencies)
    cuts = statistics.quantiles(phase.latencies, n=100) if n > 1 else phase.latencies * 99
    ms = {p: 1000 * cuts[p - 1] for p in (50, 95, 99)}
    errors = n - phase.statuses.get(200, 0)
    return (f"{name:10} {n:5} requests in {phase.seconds:5.1f} s: {n / phase.seconds:6.1f} req/s,"
            f" p50 {ms[50]:6.1f} ms, p95 {ms[95]:6.1f} ms, p99 {ms[99]:6.1f} ms, "
            f"errors {errors} {dict(sorted(phase.statuses.items()))}, "
            f"server CPU {1000 * phase.cpu / max(n, 1):.1f} ms/request")


def oversized_answer(port: int) -> str:
    """What the server answers to a 100 kB query string: status and size of the body."""
    async def ask() -> tuple[int, bytes]:
        reader, writer = await asyncio.open_connection(HOST, port, limit=2**22)
        try:
            return await _get(reader, writer, "/events?q=" + "x" * 100_000)
        finally:
            writer.close()
    status, body = asyncio.run(ask())
    return f"a 100 kB query string: status {status}, answer of {len(body):,} bytes"


def free_port() -> int:
    """A free TCP port on the loopback address."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path, port: int, options: list[str]) -> subprocess.Popen[bytes]:
    """`eventcoder serve` on the loopback address; returns once it answers."""
    server = subprocess.Popen([sys.executable, "-m", "eventcoder", "serve", "--db", str(db),
                               "--host", HOST, "--port", str(port), *options],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-2000:]}"
                             if server.stderr else "the server stopped")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 120 s")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (built there when missing)")
    parser.add_argument("--events", type=int, default=50_000,
                        help="events of a store built here (default: %(default)s)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint, at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="per endpoint, at most")
    parser.add_argument("--mix", choices=("fixed", "drawn"), default="fixed",
                        help="fixed: the 8 /events and 5 /aggregate queries above, in turn; "
                             "drawn: as many different queries as requests, their filter "
                             "values, sorts and pages drawn from the store (default: "
                             "%(default)s)")
    parser.add_argument("--serve-option", action="append", default=[], metavar="OPTION",
                        help="passed to `eventcoder serve` (repeatable), e.g. "
                             "--serve-option=--query-threads=1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventcoder-api-") as tmp:
        db = args.db or Path(tmp) / "api.duckdb"
        if not db.exists():
            print(f"built {args.events:,} events in {build_store(db, args.events):.1f} s")
        with duckdb.connect(str(db), read_only=True) as con:
            events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        print(f"store {db.name}: {events:,} events, {db.stat().st_size / 2**20:.0f} MiB; "
              f"cores {os.cpu_count()}; load average {os.getloadavg()[0]:.2f} at start")
        if args.mix == "drawn":  # the first few warm the server up; none is asked twice
            event_queries, aggregate_queries = drawn_queries(db, args.requests + WARMUP)
        else:
            event_queries, aggregate_queries = list(EVENT_QUERIES), list(AGGREGATE_QUERIES)
        print(f"query mix: {args.mix}, {len(set(event_queries))} different /events queries, "
              f"{len(set(aggregate_queries))} different /aggregate queries")
        port = free_port()
        server = start_server(db, port, args.serve_option)
        try:
            process = psutil.Process(server.pid)
            for name, path, queries in (("/events", "/events?", event_queries),
                                        ("/aggregate", "/aggregate?", aggregate_queries)):
                paths = [path + q for q in queries]
                warmup = paths[:WARMUP] if args.mix == "drawn" else None
                phase = measure(port, process, paths[len(warmup or ()):], args.clients,
                                args.requests, args.seconds, warmup)
                print(report(name, phase), flush=True)
            print(oversized_answer(port))
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"load average {os.getloadavg()[0]:.2f} at the end "
              f"({args.clients} clients, this script included)")


if __name__ == "__main__":
    main()
