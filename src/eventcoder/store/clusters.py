"""Events counted once: event clusters (GDELT-style) built from the events table.

Rule: counted events with the same source code, target code and CAMEO code whose dates lie
within one day of each other form one cluster (when neither actor has a country, the events
must also have happened in the same country, or both nowhere known). Clusters are anchored:
a cluster starts at the earliest unclustered date of its group and takes the events of that day
and the next, so every two members are within a day of each other and a daily series never
chains into one cluster.

A counted event is one that happened as far as the text says: not negated, and asserted or
reported ("X said Y attacked Z"), or an expression of intent or a threat (CAMEO 03x and 13x,
where the statement itself is the event). Hypothetical and other intended events are not
counted. The event needs a date, a CAMEO code and at least one actor code.

Counts follow GDELT: num_mentions counts every member event (several in one document count
several times), num_sources the distinct outlets (host of the document URL, else the file the
document came from), num_articles the distinct documents. The place is that of the earliest
member with one; source_url the URL of the earliest article that has one (else its document
id, never the input file's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from .sql import first_row, scalar

COUNTED = (
    "coalesce(NOT e.negated, true) AND e.date IS NOT NULL AND e.cameo IS NOT NULL "
    "AND (e.source_code IS NOT NULL OR e.target_code IS NOT NULL) "
    "AND (e.modality IN ('asserted', 'reported') OR e.cameo_root IN ('03', '13'))"
)
# Events whose actors have no country ("teachers went on strike") are also split by the country
# where they happened, so that strikes in two countries on one day stay two events.
GROUP_KEY = ("concat_ws('|', coalesce({t}.source_code, ''), coalesce({t}.target_code, ''), "
             "{t}.cameo, CASE WHEN {t}.source_country IS NULL AND {t}.target_country IS NULL "
             "THEN coalesce({t}.location_country, '') ELSE '' END)")
HOST = ("nullif(regexp_replace(lower(regexp_extract({url}, "
        "'^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/@]*@)?([^/:?#]+)', 1)), '^www[.]', ''), '')")
# documents.outlet is set when a document is stored; the SQL host is for older stores.
SOURCE_KEY = f"coalesce(d.outlet, {HOST.format(url='d.url')}, d.source, d.doc_hash)"
CLUSTER_COLUMNS = (
    "cluster_id", "source_code", "target_code", "source_country", "target_country", "cameo",
    "cameo_root", "quad_class", "goldstein", "date_first", "date_last", "num_mentions",
    "num_sources", "num_articles", "location_name", "location_country", "lat", "lon",
    "source_url",
)
FIRST_LOCATED = "(e.date, d.published, e.doc_hash, e.sentence, e.event_id)"
# Members share their codes (the group key), so any member's codes and countries will do.
AGGREGATES = f"""
    any_value(e.source_code), any_value(e.target_code),
    any_value(e.source_country), any_value(e.target_country),
    any_value(e.cameo), any_value(e.cameo_root), any_value(e.quad_class), any_value(e.goldstein),
    min(e.date), max(e.date), count(*), count(DISTINCT {SOURCE_KEY}), count(DISTINCT e.doc_hash),
    arg_min(struct_pack(name := e.location_name, country := e.location_country, lat := e.lat,
                        lon := e.lon), {FIRST_LOCATED}) FILTER (WHERE e.location_name IS NOT NULL),
    arg_min(coalesce(d.url, d.doc_id),
            (d.url IS NULL, d.published IS NULL, d.published, e.date, e.doc_hash))
"""
AGGREGATE_COLUMNS = (*CLUSTER_COLUMNS[:14], "place", "source_url")
PLACE_COLUMNS = "place.name, place.country, place.lat, place.lon"


@dataclass(frozen=True)
class ClusterUpdate:
    """What a (re)build of the clusters did."""

    groups: int  # source-target-CAMEO groups recomputed
    clusters: int  # clusters written for them
    members: int  # member events written


def host_of(con: duckdb.DuckDBPyConnection, url: str | None) -> str | None:
    """The outlet of a URL as clusters count it: lower-case host without 'www.'."""
    host: str | None = scalar(con, f"SELECT {HOST.format(url='?')}", [url])
    return host


def update_clusters(con: duckdb.DuckDBPyConnection, *, full: bool = False) -> ClusterUpdate:
    """Bring the clusters up to date with the events, in one transaction.

    Only groups touched by documents stored since the last update are recomputed, unless
    `full`, which rebuilds every cluster.
    """
    con.begin()
    try:
        update = _update(con, full)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.execute("DROP TABLE IF EXISTS _cl_members; DROP TABLE IF EXISTS _cl_dirty")
    return update


def rebuild_clusters(con: duckdb.DuckDBPyConnection) -> ClusterUpdate:
    """Rebuild every cluster from the events table."""
    return update_clusters(con, full=True)


# Anchored clusters in SQL. Distinct days of a group that follow each other form runs
# (day minus its rank is constant along a run); a greedy pass that starts a cluster at the
# first free day and takes the next day too pairs up the days of each run: the anchor of a
# day is run_start + 2 * ((day - run_start) // 2).
MEMBERS = f"""
CREATE OR REPLACE TEMP TABLE _cl_members AS
WITH counted AS (
    SELECT e.doc_hash, e.event_id, e.date, {GROUP_KEY.format(t='e')} AS group_key
    FROM events e WHERE {COUNTED} {{scope}}),
days AS (
    SELECT group_key, date,
           date - CAST(row_number() OVER (PARTITION BY group_key ORDER BY date) AS INTEGER)
               AS run
    FROM (SELECT DISTINCT group_key, date FROM counted)),
anchored AS (
    SELECT group_key, date, min(date) OVER (PARTITION BY group_key, run) AS run_start
    FROM days)
SELECT substr(md5(a.group_key || '|' || CAST(a.run_start
           + CAST(2 * ((a.date - a.run_start) // 2) AS INTEGER) AS VARCHAR)), 1, 16)
           AS cluster_id,
       c.doc_hash, c.event_id, c.group_key
FROM counted c JOIN anchored a ON c.group_key = a.group_key AND c.date = a.date
"""
DIRTY = f"""
CREATE OR REPLACE TEMP TABLE _cl_dirty AS
WITH dirty_docs AS (SELECT doc_hash FROM documents WHERE clustered IS NOT true)
SELECT {GROUP_KEY.format(t='e')} AS group_key FROM events e
WHERE e.doc_hash IN (SELECT doc_hash FROM dirty_docs) AND {COUNTED}
UNION
SELECT {GROUP_KEY.format(t='c')} FROM event_clusters c
WHERE c.cluster_id IN (SELECT cluster_id FROM cluster_members
                       WHERE doc_hash IN (SELECT doc_hash FROM dirty_docs))
"""


def _update(con: duckdb.DuckDBPyConnection, full: bool) -> ClusterUpdate:
    if full:
        con.execute("DELETE FROM cluster_members")
        con.execute("DELETE FROM event_clusters")
        scope = ""
    else:
        # Groups with events of documents stored since the last update, or with clusters
        # that such documents (recoded by a new version) were members of.
        if not scalar(con, "SELECT count(*) FROM documents WHERE clustered IS NOT true"):
            return ClusterUpdate(0, 0, 0)
        con.execute(DIRTY)
        stale = (f"SELECT cluster_id FROM event_clusters c WHERE {GROUP_KEY.format(t='c')} "
                 "IN (SELECT group_key FROM _cl_dirty)")
        con.execute(f"DELETE FROM cluster_members WHERE cluster_id IN ({stale})")
        con.execute(f"DELETE FROM event_clusters WHERE cluster_id IN ({stale})")
        scope = f"AND {GROUP_KEY.format(t='e')} IN (SELECT group_key FROM _cl_dirty)"
    con.execute(MEMBERS.format(scope=scope))
    con.execute("INSERT INTO cluster_members BY NAME SELECT cluster_id, doc_hash, event_id "
                "FROM _cl_members")
    con.execute(
        f"INSERT INTO event_clusters ({', '.join(CLUSTER_COLUMNS)}) "
        f"SELECT {', '.join(CLUSTER_COLUMNS[:14])}, {PLACE_COLUMNS}, source_url FROM ("
        f"SELECT m.cluster_id, {AGGREGATES} FROM _cl_members m "
        "JOIN events e ON e.doc_hash = m.doc_hash AND e.event_id = m.event_id "
        f"JOIN documents d ON d.doc_hash = e.doc_hash GROUP BY m.cluster_id) "
        f"AS a({', '.join(AGGREGATE_COLUMNS)})")
    con.execute("UPDATE documents SET clustered = true WHERE clustered IS NOT true")
    counts = first_row(con, "SELECT count(DISTINCT group_key), count(DISTINCT cluster_id), "
                            "count(*) FROM _cl_members")
    return ClusterUpdate(*(int(c) for c in counts)) if counts else ClusterUpdate(0, 0, 0)


@dataclass(frozen=True)
class Cluster:
    """One row of the event_clusters table."""

    cluster_id: str
    source_code: str | None
    target_code: str | None
    source_country: str | None
    target_country: str | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    date_first: date
    date_last: date
    num_mentions: int
    num_sources: int
    num_articles: int
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    source_url: str | None


def list_clusters(con: duckdb.DuckDBPyConnection, *, limit: int = 20,
                  min_articles: int = 1) -> list[Cluster]:
    """The largest clusters first (by articles, then mentions, then latest date)."""
    rows = con.execute(
        f"SELECT {', '.join(CLUSTER_COLUMNS)} FROM event_clusters WHERE num_articles >= ? "
        "ORDER BY num_articles DESC, num_mentions DESC, date_first DESC, cluster_id LIMIT ?",
        [min_articles, limit]).fetchall()
    return [Cluster(*row) for row in rows]
