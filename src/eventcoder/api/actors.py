"""The actors list: one row per entity (an actor across documents) with its codes and counts,
found by name, alias, abbreviation or code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..actors.kb import KnowledgeBase, fold, read_knowledge_base
from .db import Reader
from .filters import ENTITY, EventFilters
from .queries import Paging, page_of

MIN_SUBSTRING = 3  # shorter searches match aliases whole ("UN", "EU"), not inside words
MAX_ALIAS_HITS = 2000
ACTOR_SORTS = {"events": "events", "mentions": "mentions", "documents": "documents",
               "name": "lower(name)", "as_source": "as_source", "as_target": "as_target"}


@dataclass(frozen=True)
class AliasIndex:
    """The knowledge base's names for each entity: folded alias -> entity keys, and the
    entity's usual name."""

    keys: dict[str, frozenset[str]]
    names: dict[str, str]

    def search(self, text: str) -> list[str]:
        """Keys of the entities that have an alias equal to the text or (3 characters or
        more) containing it, after folding case, accents and dots (S.D.F. is SDF)."""
        wanted = fold(text)
        if not wanted:
            return []
        found: set[str] = set(self.keys.get(wanted, ()))
        if len(wanted) >= MIN_SUBSTRING:
            for alias, keys in self.keys.items():
                if wanted in alias:
                    found |= keys
                    if len(found) > MAX_ALIAS_HITS:
                        break
        return sorted(found)


@lru_cache(maxsize=1)
def alias_index() -> AliasIndex:
    """The alias index of the packaged knowledge base (read once per process)."""
    return build_alias_index(read_knowledge_base())


def build_alias_index(kb: KnowledgeBase) -> AliasIndex:
    """Index every name, alias, demonym, seat and code of the knowledge base by its key."""
    keys: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for term in kb.terms:
        keys.setdefault(fold(term.text), set()).add(term.ref)
    for code, org in kb.organisations.items():
        names[code] = org.name
        keys.setdefault(fold(code), set()).add(code)
    for iso3, country in kb.countries.items():
        names[iso3] = country.name
        keys.setdefault(fold(iso3), set()).add(iso3)
    return AliasIndex({k: frozenset(v) for k, v in keys.items() if k}, names)


# Every actor of every document with its entity; the events where each entity is source or
# target (filtered), counted once per event even when it is on both sides.
ENTITIES_SQL = f"""
WITH ent AS (SELECT a.doc_hash, a.actor_id, a.name, a.kind, a.country, a.sector, a.code,
                    a.kb_id, {ENTITY} AS entity FROM actors a),
roles AS (
  SELECT s.entity, 's' AS role, e.doc_hash, e.event_id
  FROM events e JOIN ent s ON s.doc_hash = e.doc_hash AND s.actor_id = e.source_actor {{where}}
  UNION ALL
  SELECT t.entity, 't', e.doc_hash, e.event_id
  FROM events e JOIN ent t ON t.doc_hash = e.doc_hash AND t.actor_id = e.target_actor {{where}}),
counted AS (
  SELECT entity, count(*) FILTER (WHERE role = 's') AS as_source,
         count(*) FILTER (WHERE role = 't') AS as_target,
         count(DISTINCT (doc_hash, event_id)) AS events
  FROM roles GROUP BY entity),
mentioned AS (
  SELECT ent.entity, count(*) AS mentions FROM mentions m
  JOIN ent ON ent.doc_hash = m.doc_hash AND ent.actor_id = m.actor_id GROUP BY ent.entity),
grouped AS (
  SELECT entity AS key, mode(name) AS common_name, mode(kind) AS kind,
         mode(country) AS country, mode(sector) AS sector, mode(code) AS code,
         list(DISTINCT code ORDER BY code) FILTER (WHERE code IS NOT NULL) AS codes,
         list(DISTINCT name ORDER BY name) AS names, min(kb_id) AS kb_id,
         count(DISTINCT doc_hash) AS documents,
         bool_or({{match}}) AS matched
  FROM ent GROUP BY entity)
SELECT g.*, coalesce(c.events, 0) AS events, coalesce(c.as_source, 0) AS as_source,
       coalesce(c.as_target, 0) AS as_target, coalesce(m.mentions, 0) AS mentions
FROM grouped g LEFT JOIN counted c ON c.entity = g.key
LEFT JOIN mentioned m ON m.entity = g.key
WHERE g.matched
"""


def actor_match(country: str | None, sector: str | None, q: str | None,
                aliases: AliasIndex | None) -> tuple[str, list[Any]]:
    """The condition on one actor row (of `ent`) that makes its entity listed: its country,
    its sector, and the search in its name, code, knowledge-base id or aliases."""
    clauses: list[str] = []
    params: list[Any] = []
    if country:
        clauses.append("country = ?")
        params.append(country.upper())
    if sector:
        clauses.append("sector = ?")
        params.append(sector.upper())
    if q:
        keys = aliases.search(q) if aliases is not None else []
        clauses.append("(contains(lower(name), lower(?)) OR starts_with(upper(code), upper(?)) "
                       "OR upper(entity) = upper(?) OR entity = ANY(?))")
        params.extend([q, q, q, keys])
    return (" AND ".join(clauses) or "TRUE"), params


def list_actors(db: Reader, *, country: str | None, sector: str | None, q: str | None,
                paging: Paging, sort: str = "events", events: EventFilters | None = None,
                aliases: AliasIndex | None = None) -> dict[str, Any]:
    """Entities (an actor across documents: same knowledge-base id, else same name) with
    their codes, names and counts; the event counts are of the events that pass `events`,
    and equal what the `actor`, `source_actor` and `target_actor` filters find."""
    filters = events or EventFilters()
    where, where_params = filters.where(clusters=db.has("cluster_members"))
    match, match_params = actor_match(country, sector, q, aliases)
    sql = ENTITIES_SQL.format(where=where, match=match)
    params = [*where_params, *where_params, *match_params]
    total = db.scalar(f"SELECT count(*) FROM ({sql})", params)
    direction = "ASC" if sort == "name" else "DESC"
    items = db.rows(f"SELECT * FROM ({sql}) ORDER BY {ACTOR_SORTS[sort]} {direction}, "
                    f"events DESC, lower(common_name), key LIMIT ? OFFSET ?",
                    [*params, paging.page_size, paging.offset])
    names = aliases.names if aliases is not None else {}
    for item in items:
        item.pop("matched")
        common = item.pop("common_name")
        item["name"] = names.get(item["key"]) or common
        item["codes"] = item["codes"] or []
        for key in ("events", "mentions", "as_source", "as_target"):
            item[key] = int(item[key])
    return page_of(items, int(total or 0), paging, sort=sort,
                   filters=filters.as_params())
