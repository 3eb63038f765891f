"""Read-only summaries behind the API: counts by dyad and time, clusters, facets, store info."""

from __future__ import annotations

from typing import Any, Literal

from ..errors import Messages
from ..ontology import load_codebook
from .db import Reader
from .errors import NotFoundError
from .filters import EventFilters
from .queries import Paging, event_rows, page_of

Interval = Literal["day", "week", "month", "year", "all"]
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
    items = db.rows(f"SELECT c.* FROM event_clusters c {where} ORDER BY "
                      f"{CLUSTER_SORTS[sort]} {direction} NULLS LAST, c.cluster_id "
                      f"LIMIT ? OFFSET ?", [*params, paging.page_size, paging.offset])
    return page_of(items, int(total or 0), paging, available=True, sort=sort, order=order)


def get_cluster(db: Reader, cluster_id: str) -> dict[str, Any]:
    """One cluster with its member events."""
    if not db.has("event_clusters", "cluster_members"):
        raise NotFoundError(Messages.E047.format(cluster_id=cluster_id))
    found = db.rows("SELECT * FROM event_clusters WHERE cluster_id = ?", [cluster_id])
    if not found:
        raise NotFoundError(Messages.E047.format(cluster_id=cluster_id))
    members = event_rows(db, "EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = ? "
                             "AND m.doc_hash = e.doc_hash AND m.event_id = e.event_id)",
                         [cluster_id], order="e.date, e.doc_id, e.sentence, e.event_id")
    return {"cluster": found[0], "events": members}


def facets(db: Reader) -> dict[str, Any]:
    """The values present in the store for each filter, with counts (for the filter menus)."""
    codebook = load_codebook()

    def counted(sql: str) -> list[dict[str, Any]]:
        return [{"value": v, "events": n} for v, n in db.con.execute(sql).fetchall()]

    both = ("SELECT v, count(*) AS n FROM (SELECT {a} AS v FROM events UNION ALL "
            "SELECT {b} FROM events) WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v")
    roots = counted("SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 1")
    for root in roots:
        root["name"] = codebook[root["value"]].name if root["value"] in codebook else None
    span = db.con.execute("SELECT min(date), max(date) FROM events").fetchall()[0]
    return {
        "countries": counted(both.format(a="source_country", b="target_country")),
        "sectors": counted(both.format(a="source_sector", b="target_sector")),
        "actor_codes": counted(both.format(a="source_code", b="target_code")),
        "cameo_roots": roots,
        "plover": counted("SELECT plover_type, count(*) FROM events WHERE plover_type IS NOT "
                          "NULL GROUP BY 1 ORDER BY 1"),
        "quad_classes": counted("SELECT quad_class, count(*) FROM events GROUP BY 1 "
                                "ORDER BY 1"),
        "modalities": counted("SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 "
                              "DESC"),
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
