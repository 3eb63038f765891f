"""Store at scale: a synthetic store of 10 million events, the dyad-by-month aggregate of one
country's events over all time (goal: under 2 s), and the event clusters, rebuilt and updated.

Usage:
    .venv/bin/python benchmarks/store.py [--events 10000000] [--db PATH] [--country IRN]
        [--repeat 5] [--no-clusters]

Without --db the store is built in a temporary folder and deleted afterwards; with --db an
existing store is reused as it is (each run adds the events of its incremental update).
The events are random but shaped like real data: a few countries account for most events
(Zipf-like), CAMEO codes come from the codebook with their quad classes and Goldstein values,
dates span 1979 to 2025, 2% are negated, 5% are hypothetical; four events per document,
documents from 300 outlets. The events report about n/3 happenings, popular ones many times,
as many outlets report the same event.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from eventcoder.ontology import load_codebook
from eventcoder.store import (
    AggregateQuery,
    EventStore,
    aggregate,
    rebuild_clusters,
    update_clusters,
)
from eventcoder.store.sql import scalar

COUNTRIES = ("USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND",
             "PAK", "SYR", "IRQ", "AFG", "EGY", "SAU", "JPN", "KOR", "PRK", "BRA", "MEX",
             "NGA", "ZAF", "ETH", "SDN", "YEM", "LBN", "PSE", "VEN", "COL", "IDN", "PHL",
             "AUS", "CAN", "ITA", "ESP", "POL", "KEN", "MMR")
SECTORS = ("GOV", "MIL", "", "REB", "OPP", "CVL", "BUS", "MED", "JUD", "LEG", "COP", "IGO")
DOCUMENTS = """
INSERT INTO documents BY NAME
SELECT md5(CAST(i AS VARCHAR))[1:16] AS doc_hash, 'doc-' || i AS doc_id,
       'https://www.outlet' || (i % 300) || '.com/story/' || i AS url,
       'outlet' || (i % 300) || '.com' AS outlet,
       DATE '1979-01-01' + CAST(i * 17000 // ($total // 4) AS INTEGER) AS published,
       'synthetic.jsonl' AS source, '' AS text, $version AS pipeline_version,
       now()::TIMESTAMP AS stored_at, $clustered AS clustered
FROM range($start // 4, $stop // 4) t(i)
"""
# Each event reports one of $total / 3 happenings; popular happenings are reported many times
# (skewed), so clusters have one to hundreds of members. A happening fixes the codes and the
# day; each report may date it a day later.
EVENTS = """
INSERT INTO events BY NAME
WITH raw AS (
    SELECT i, CAST(floor(pow(random(), 1.5) * ($total // 3)) AS BIGINT) AS b, random() AS r
    FROM range($start, $stop) t(i)),
happening AS (
    SELECT *,
        (hash(b, 1) % 1000000) / 1e6 AS u1, (hash(b, 2) % 1000000) / 1e6 AS u2,
        (hash(b, 3) % 1000000) / 1e6 AS u3, (hash(b, 4) % 1000000) / 1e6 AS u4,
        (hash(b, 5) % 1000000) / 1e6 AS u5, CAST(hash(b, 6) % 17000 AS INTEGER) AS day
    FROM raw),
coded AS (
    SELECT *,
        list_element($countries, 1 + CAST(floor(pow(u1, 2.5) * $nc) AS INTEGER)) AS sc,
        list_element($countries, 1 + CAST(floor(pow(u2, 2.5) * $nc) AS INTEGER)) AS tc,
        list_element($sectors, 1 + CAST(floor(pow(u3, 1.5) * $ns) AS INTEGER)) AS ss,
        list_element($sectors, 1 + CAST(floor(pow(u4, 1.5) * $ns) AS INTEGER)) AS ts,
        CAST(floor(pow(u5, 1.7) * $ncodes) AS INTEGER) AS code_index
    FROM happening)
SELECT md5('e' || i)[1:16] AS event_id, md5(CAST(i // 4 AS VARCHAR))[1:16] AS doc_hash,
       'doc-' || (i // 4) AS doc_id, CAST(i % 4 AS INTEGER) AS sentence,
       sc AS source_country, nullif(ss, '') AS source_sector, sc || ss AS source_code,
       tc AS target_country, nullif(ts, '') AS target_sector, tc || ts AS target_code,
       cb.cameo, cb.root AS cameo_root, cb.name AS cameo_name, cb.quad_class, cb.goldstein,
       r < 0.02 AS negated,
       CASE WHEN r < 0.85 THEN 'asserted' WHEN r < 0.95 THEN 'reported'
            ELSE 'hypothetical' END AS modality,
       DATE '1979-01-01' + day + CAST(r * 1000 % 1 < 0.3 AS INTEGER) AS date,
       'day' AS date_precision, 'text' AS date_source, 0.8 AS confidence, 'synthetic' AS rule
FROM coded JOIN codebook cb USING (code_index)
"""


def add_events(con: duckdb.DuckDBPyConnection, start: int, stop: int, total: int,
               clustered: bool) -> float:
    """Add synthetic events number `start` to `stop` (of a store of `total`) and their
    documents; seconds taken."""
    codes = sorted(load_codebook().codes.values(), key=lambda c: c.cameo)
    con.execute("CREATE OR REPLACE TEMP TABLE codebook (code_index INTEGER, cameo VARCHAR, "
                "root VARCHAR, name VARCHAR, quad_class INTEGER, goldstein DOUBLE)")
    con.executemany("INSERT INTO codebook VALUES (?, ?, ?, ?, ?, ?)",
                    [[i, c.cameo, c.root, c.name, c.quad_class, c.goldstein]
                     for i, c in enumerate(codes)])
    con.execute("SELECT setseed(0.42)")
    started = time.perf_counter()
    span = {"start": start, "stop": stop, "total": total}
    con.execute(DOCUMENTS, {**span, "version": "bench", "clustered": clustered})
    con.execute(EVENTS, {**span, "countries": list(COUNTRIES), "nc": len(COUNTRIES),
                         "sectors": list(SECTORS), "ns": len(SECTORS), "ncodes": len(codes)})
    con.execute("CHECKPOINT")
    return time.perf_counter() - started


def timed_aggregate(path: Path, query: AggregateQuery, repeat: int) -> tuple[float, float, int]:
    """Seconds of the first run on a fresh connection, the median of `repeat` more, rows."""
    with duckdb.connect(str(path), read_only=True) as con:
        started = time.perf_counter()
        series = aggregate(con, query)
        first = time.perf_counter() - started
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            aggregate(con, query)
            times.append(time.perf_counter() - started)
    return first, statistics.median(times) if times else first, len(series.rows)


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, help="store to build or reuse (default: temporary)")
    parser.add_argument("--country", default="IRN")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-clusters", action="store_true", help="skip the cluster rebuild")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventcoder-store-") as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        store = EventStore.open(path, "bench")
        have = int(scalar(store.con, "SELECT count(*) FROM events"))
        if have == 0:
            seconds = add_events(store.con, 0, args.events, args.events, True)
            print(f"built {args.events:,} events in {seconds:.1f} s "
                  f"({args.events / seconds:,.0f} events/s)")
            have = args.events
        store.close()
        print(f"cores: {os.cpu_count()}, store {path.stat().st_size / 2**30:.2f} GiB, "
              f"{have:,} events")
        queries = [
            (f"dyad,month of {args.country}, all time",
             AggregateQuery.parse_by("dyad,month", country=args.country)),
            (f"countries,week of {args.country}, quad",
             AggregateQuery.parse_by("countries,week", metric="quad", country=args.country)),
            ("dyad,month of every event", AggregateQuery.parse_by("dyad,month")),
        ]
        for name, query in queries:
            first, median, rows = timed_aggregate(path, query, args.repeat)
            print(f"{name:38} first {first:6.3f} s, then median {median:6.3f} s  ({rows:,} rows)")
        if not args.no_clusters:
            with duckdb.connect(str(path)) as con:
                started = time.perf_counter()
                update = rebuild_clusters(con)
                seconds = time.perf_counter() - started
            print(f"cluster rebuild: {update.members:,} counted events in {update.clusters:,} "
                  f"clusters ({update.groups:,} groups) in {seconds:.1f} s")
            with duckdb.connect(str(path)) as con:
                have = int(scalar(con, "SELECT count(*) FROM events"))
                new = args.events // 10_000  # a run of 250 documents per 10 million events
                add_events(con, have, have + new, args.events, False)
                started = time.perf_counter()
                update = update_clusters(con)
                seconds = time.perf_counter() - started
            print(f"incremental cluster update after adding {new:,} events: {seconds:.1f} s "
                  f"({update.groups:,} groups recomputed)")
            query = AggregateQuery.parse_by("dyad,month", country=args.country, unit="clusters")
            first, median, rows = timed_aggregate(path, query, args.repeat)
            print(f"{'dyad,month of ' + args.country + ', clusters':38} first {first:6.3f} s, "
                  f"then median {median:6.3f} s  ({rows:,} rows)")


if __name__ == "__main__":
    main()
