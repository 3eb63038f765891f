// The explorer's state lives in the URL hash: #/VIEW[/ID]?PARAMS, so every view is a link.

export const FILTER_KEYS = [
  "date_from", "date_to", "country", "source_country", "target_country", "sector",
  "source_sector", "target_sector", "cameo_root", "cameo", "plover", "quad_class", "modality",
  "q", "actor", "source_actor", "target_actor", "location", "location_country", "doc",
  "cluster", "negated",
];

export function parseHash() {
  const raw = window.location.hash.replace(/^#/, "") || "/events";
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean);
  return {
    view: parts[0] || "events",
    id: parts.length > 1 ? decodeURIComponent(parts.slice(1).join("/")) : null,
    params: new URLSearchParams(query),
  };
}

export function hrefFor(view, params = {}, id = null) {
  const search = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [key, value] of entries) {
    if (value !== undefined && value !== null && value !== "") search.set(key, value);
  }
  const path = id === null ? `#/${view}` : `#/${view}/${encodeURIComponent(id)}`;
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function go(view, params = {}, id = null) {
  window.location.hash = hrefFor(view, params, id);
}

// The filters of a route as API parameters. Negated events are hidden unless asked for
// (negated=all shows them all; negated=true only them).
export function apiFilters(params) {
  const out = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== "") out[key] = value;
  }
  if (out.negated === undefined) out.negated = "false";
  else if (out.negated === "all") delete out.negated;
  return out;
}

// The current filters with some changed (null removes one); paging starts over.
export function withFilters(params, changes) {
  const next = new URLSearchParams(params);
  next.delete("page");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") next.delete(key);
    else next.set(key, value);
  }
  return next;
}
