"""Read-only summaries behind the API: counts by dyad and time, clusters, facets, store info."""

from __future__ import annotations

from typing import Any, Literal

from ..errors import Messages
from ..ontology import load_codebook
from .db import Reader
from .errors import NotFoundError
from .filters import EventFilters
from .queries import Paging, event_rows, page_of

Interval = Literal["day", "week", "month", "quarter", "year", "all"]
GroupKey = Literal["source_country", "target_country", "source_code", "target_code",
                   "source_sector", "target_sector", "quad_class", "cameo_root", "plover"]
GROUP_COLUMNS: dict[str, str] = {
    "source_country": "e.source_country", "target_country": "e.target_country",
    "source_code": "e.source_code", "target_code": "e.target_code",
    "source_sector": "e.source_sector", "target_sector": "e.target_sector",
    "quad_class": "e.quad_class", "cameo_root": "e.cameo_root", "plover": "e.plover_type",
}
STORE_TABLES = ("documents", "events", "actors", "mentions", "quotes", "times", "places",
                "errors", "runs", "event_clusters", "cluster_members")


def _and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f"WHERE {clause}"


def aggregate(db: Reader, filters: EventFilters, interval: str, group: list[str],
              limit: int) -> dict[str, Any]:
    """Event counts, mean Goldstein and documents per period and group (e.g. a dyad)."""
    where, params = filters.where(clusters=db.has("cluster_members"))
    if interval == "all":
        period = "NULL::DATE"
    else:
        period = f"CAST(date_trunc('{interval}', e.date) AS DATE)"  # interval: a Literal
        where = _and(where, "e.date IS NOT NULL")
    keys = list(dict.fromkeys(group))
    columns = "".join(f", {GROUP_COLUMNS[k]} AS {k}" for k in keys)
    tiebreak = "".join(f", {i + 2} NULLS LAST" for i in range(len(keys)))
    sql = f"""
        SELECT {period} AS period{columns}, count(*) AS events,
               round(avg(e.goldstein), 3) AS goldstein_mean,
               count(DISTINCT e.doc_hash) AS documents
        FROM events e {filters.documents_join()} {where}
        GROUP BY ALL ORDER BY 1 NULLS FIRST, events DESC{tiebreak}
    """
    found = db.rows(sql + " LIMIT ?", [*params, limit + 1])
    return {"interval": interval, "group": keys, "filters": filters.as_params(),
            "truncated": len(found) > limit, "rows": found[:limit]}


CLUSTER_SORTS = {"date": "c.date_first", "articles": "c.num_articles",
                 "mentions": "c.num_mentions", "goldstein": "c.goldstein"}


# The title of a cluster's first report, so that lists show titles, not ids.
CLUSTER_TITLE = """(SELECT d.title FROM cluster_members m JOIN documents d
  ON d.doc_hash = m.doc_hash WHERE m.cluster_id = c.cluster_id
  ORDER BY d.published NULLS LAST, d.title NULLS LAST LIMIT 1) AS title"""


def with_cameo_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with a `cameo` code completed with its `cameo_name` from the codebook."""
    codebook = load_codebook()
    for row in rows:
        code = row.get("cameo")
        row["cameo_name"] = codebook[code].name if code and code in codebook else None
    return rows


def _has_clusters(db: Reader) -> bool:
    """Whether the store has event clusters with at least one row."""
    return (db.has("event_clusters", "cluster_members")
            and db.scalar("SELECT count(*) FROM event_clusters") > 0)


def list_clusters(db: Reader, *, filters: EventFilters, paging: Paging,
                  sort: str = "articles", order: str = "desc") -> dict[str, Any]:
    """A page of event clusters (one event reported by many articles); empty without any."""
    if not _has_clusters(db):
        return page_of([], 0, paging, available=False)
    clauses: list[str] = []
    params: list[Any] = []
    if filters.date_from:
        clauses.append("c.date_last >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("c.date_first <= ?")
        params.append(filters.date_to)
    for name in ("source_country", "target_country", "cameo_root", "quad_class"):
        value = getattr(filters, name)
        if value is not None:
            clauses.append(f"c.{name} = ?")
            params.append(value.upper() if isinstance(value, str) else value)
    if filters.country:
        clauses.append("(c.source_country = ? OR c.target_country = ?)")
        params.extend([filters.country.upper()] * 2)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = db.scalar(f"SELECT count(*) FROM event_clusters c {where}", params)
    direction = "DESC" if order == "desc" else "ASC"
    items = db.rows(f"SELECT c.*, {CLUSTER_TITLE} FROM event_clusters c {where} ORDER BY "
                      f"{CLUSTER_SORTS[sort]} {direction} NULLS LAST, c.cluster_id "
                      f"LIMIT ? OFFSET ?", [*params, paging.page_size, paging.offset])
    return page_of(with_cameo_names(items), int(total or 0), paging, available=True,
                   sort=sort, order=order)


def get_cluster(db: Reader, cluster_id: str) -> dict[str, Any]:
    """One cluster with its member events."""
    if not db.has("event_clusters", "cluster_members"):
        raise NotFoundError(Messages.E047.format(cluster_id=cluster_id))
    found = with_cameo_names(db.rows(f"SELECT c.*, {CLUSTER_TITLE} FROM event_clusters c "
                                     f"WHERE c.cluster_id = ?", [cluster_id]))
    if not found:
        raise NotFoundError(Messages.E047.format(cluster_id=cluster_id))
    members = event_rows(db, "EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = ? "
                             "AND m.doc_hash = e.doc_hash AND m.event_id = e.event_id)",
                         [cluster_id], order="e.date, e.doc_id, e.sentence, e.event_id")
    return {"cluster": found[0], "events": members}


def facets(db: Reader, filters: EventFilters | None = None) -> dict[str, Any]:
    """The values present for each filter, each with the number of events that pass the
    filters and have it (an event with a country on both sides counts once), so that a
    menu's count is what choosing it shows."""
    codebook = load_codebook()
    filters = filters or EventFilters()
    where, params = filters.where(clusters=db.has("cluster_members"))
    picked = f"(SELECT e.* FROM events e {filters.documents_join()} {where})"

    def counted(column: str, order: str = "n DESC, v") -> list[dict[str, Any]]:
        sql = (f"SELECT v, count(*) AS n FROM (SELECT {column} AS v FROM {picked}) "
               f"WHERE v IS NOT NULL GROUP BY v ORDER BY {order}")
        return [{"value": v, "events": n} for v, n in db.con.execute(sql, params).fetchall()]

    def either(side: str) -> list[dict[str, Any]]:
        sql = (f"SELECT v, count(*) AS n FROM (SELECT DISTINCT doc_hash, event_id, v FROM "
               f"(SELECT doc_hash, event_id, unnest([source_{side}, target_{side}]) AS v "
               f"FROM {picked})) WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v")
        return [{"value": v, "events": n} for v, n in db.con.execute(sql, params).fetchall()]

    roots = counted("cameo_root", "v")
    for root in roots:
        root["name"] = codebook[root["value"]].name if root["value"] in codebook else None
    span = db.con.execute(f"SELECT min(date), max(date) FROM {picked}", params).fetchall()[0]
    return {
        "filters": filters.as_params(),
        "countries": either("country"),
        "source_countries": counted("source_country"),
        "target_countries": counted("target_country"),
        "sectors": either("sector"),
        "actor_codes": either("code"),
        "cameo_roots": roots,
        "plover": counted("plover_type", "v"),
        "quad_classes": counted("quad_class", "v"),
        "modalities": counted("modality"),
        "date_min": span[0], "date_max": span[1],
    }


def store_info(db: Reader) -> dict[str, Any]:
    """Row counts of the store's tables and the pipeline versions that wrote it."""
    present = [t for t in STORE_TABLES if db.has(t)]  # names from a fixed list
    counted = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in present)
    counts = {t: int(n) for t, n in db.con.execute(counted).fetchall()}
    versions = [r[0] for r in db.con.execute(
        "SELECT DISTINCT pipeline_version FROM documents ORDER BY 1").fetchall()]
    return {"counts": counts, "pipeline_versions": versions,
            "clusters": counts.get("event_clusters", 0) > 0}
