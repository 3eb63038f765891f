// The documents, actors and clusters views: searchable tables that link to the others.

import { getJSON } from "../api.js";
import { QUAD, empty, h, signed } from "../dom.js";
import { go, hrefFor, withFilters } from "../state.js";
import { pager, renderEventsTable } from "./events-table.js";

const PAGE_SIZE = 50;

function searchForm(view, params, fields) {
  const form = h("form", { class: "inline-form" }, fields.map(([name, label, extra]) =>
    h("label", {}, label, h("input", { name, value: params.get(name) || "", ...extra }))),
  h("button", { type: "submit", class: "primary" }, "Search"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const changes = {};
    for (const el of form.querySelectorAll("input")) changes[el.name] = el.value.trim();
    go(view, withFilters(params, changes));
  });
  return form;
}

export async function loadDocuments(params) {
  return getJSON("/documents", { q: params.get("q"), page: params.get("page") || 1,
    page_size: PAGE_SIZE, sort: params.get("sort") || "published" });
}

export function renderDocuments(view, params, page) {
  view.append(h("div", { class: "card" }, h("h2", {}, `Documents (${page.total})`),
    searchForm("documents", params, [["q", "Text", { type: "search", maxlength: 200,
      placeholder: "id, title or text" }]]),
    h("table", { class: "list", id: "documents-table" },
      h("thead", {}, h("tr", {}, ["Published", "Title", "Id", "Events", "Characters"]
        .map((t) => h("th", {}, t)))),
      h("tbody", {}, page.items.map((d) => h("tr", { onclick: () => go("doc", {}, d.doc_hash) },
        h("td", {}, d.published || ""), h("td", {}, h("a", { href: hrefFor("doc", {},
          d.doc_hash) }, d.title || d.doc_id)), h("td", { class: "muted" }, d.doc_id),
        h("td", { class: "num" }, h("a", { href: hrefFor("events", { doc: d.doc_hash }),
          onclick: (e) => e.stopPropagation() }, d.events)),
        h("td", { class: "num" }, d.characters))))),
    pager(page, params, "documents")));
}

export async function loadActors(params) {
  return getJSON("/actors", { q: params.get("q"), country: params.get("country"),
    sector: params.get("sector"), page: params.get("page") || 1, page_size: PAGE_SIZE,
    sort: params.get("sort") || "events", negated: "false" });
}

// One row per entity (TUR and TURGOV are one Turkey): its codes, and its events as source,
// as target and either, each a link to exactly those events (the counts are theirs).
export function renderActors(view, params, page) {
  const sortLink = (label, key) => h("th", {}, h("a", { href: hrefFor("actors",
    withFilters(params, { sort: key })) }, label));
  const events = (filter, key, n) => h("a", { href: hrefFor("events", { [filter]: key }),
    onclick: (e) => e.stopPropagation() }, n);
  view.append(h("div", { class: "card" }, h("h2", {}, `Actors (${page.total})`),
    searchForm("actors", params, [
      ["q", "Name, alias, abbreviation or code", { type: "search", maxlength: 200,
        placeholder: "SDF, Kurdish militia, IRNGOV" }],
      ["country", "Country", { maxlength: 3, size: 4, pattern: "[A-Za-z]{3}" }],
      ["sector", "Sector", { maxlength: 3, size: 4, pattern: "[A-Za-z]{3}" }]]),
    h("p", { class: "muted note" }, "Counts are of events shown by default (negated events "
      + "hidden); an event with the actor on both sides counts once in Events."),
    page.items.length ? h("table", { class: "list", id: "actors-table" },
      h("thead", {}, h("tr", {}, sortLink("Name", "name"), h("th", {}, "Codes"),
        h("th", {}, "Kind"), sortLink("Documents", "documents"),
        sortLink("Mentions", "mentions"), sortLink("Events", "events"),
        sortLink("As source", "as_source"), sortLink("As target", "as_target"))),
      h("tbody", {}, page.items.map((a) => h("tr", { class: "actor-row",
        dataset: { key: a.key }, onclick: () => go("events", { actor: a.key }) },
      h("td", {}, h("a", { href: hrefFor("events", { actor: a.key }) }, a.name),
        a.names.length > 1 || a.names[0] !== a.name ? h("div", { class: "muted small" },
          `as ${a.names.slice(0, 4).join(", ")}${a.names.length > 4 ? ", …" : ""}`) : null),
      h("td", {}, a.codes.map((c) => h("span", { class: "code" }, c))),
      h("td", { class: "muted" }, a.kind || ""), h("td", { class: "num" }, a.documents),
      h("td", { class: "num" }, a.mentions),
      h("td", { class: "num events" }, events("actor", a.key, a.events)),
      h("td", { class: "num as-source" }, events("source_actor", a.key, a.as_source)),
      h("td", { class: "num as-target" }, events("target_actor", a.key, a.as_target))))))
      : empty("No actor matches: try a shorter name, an abbreviation or a code."),
    pager(page, params, "actors")));
}

export async function loadClusters(params, id) {
  if (id) return getJSON(`/clusters/${encodeURIComponent(id)}`);
  return getJSON("/clusters", { page: params.get("page") || 1, page_size: PAGE_SIZE,
    sort: params.get("sort") || "articles" });
}

export function renderClusters(view, params, data, id) {
  if (id) {
    const c = data.cluster;
    view.append(h("div", { class: "card" }, h("h2", {}, `Cluster ${c.cluster_id}`),
      h("p", {}, `${c.source_code || "?"} → ${c.target_code || "?"} · ${c.cameo} `
        + `${c.cameo_name || ""} · ${c.date_first} … ${c.date_last} · ${c.num_articles} `
        + `articles, ${c.num_sources} sources, ${c.num_mentions} mentions`),
      c.title ? h("p", { class: "muted" }, `first report: ${c.title}`) : null,
      renderEventsTable({ items: data.events, total: data.events.length }, params)));
    return;
  }
  if (!data.available) {
    view.append(h("div", { class: "card" }, h("h2", {}, "Clusters"), h("p", {},
      "This store has no event clusters: the same event reported by several articles is "
      + "grouped once clusters are built (eventcoder clusters).")));
    return;
  }
  if (!data.items.length) {
    view.append(h("div", { class: "card" }, h("h2", {}, "Clusters (0)"),
      empty(data.total ? "No clusters on this page: go back a page."
        : "No clusters yet: clustering has grouped no events in this store.")));
    return;
  }
  view.append(h("div", { class: "card" }, h("h2", {}, `Clusters (${data.total})`),
    h("table", { class: "list", id: "clusters-table" },
      h("thead", {}, h("tr", {}, ["", "First", "Last", "Source", "Event", "Target",
        "Goldstein", "Articles", "Sources", "Place", "First report"]
        .map((t) => h("th", {}, t)))),
      h("tbody", {}, data.items.map((c) => h("tr", {
        onclick: () => go("clusters", {}, c.cluster_id) },
      h("td", { class: "quad", style: `background:${QUAD[c.quad_class]?.color || "#ccc"}` }),
      h("td", {}, c.date_first), h("td", {}, c.date_last),
      h("td", {}, c.source_code || "—"), h("td", { class: "event" },
        h("span", { class: "cameo" }, c.cameo), " ", c.cameo_name || ""),
      h("td", {}, c.target_code || "—"), h("td", { class: "num" }, signed(c.goldstein)),
      h("td", { class: "num" }, c.num_articles), h("td", { class: "num" }, c.num_sources),
      h("td", {}, c.location_name || ""), h("td", { class: "doc" }, c.title || ""))))),
    pager(data, params, "clusters")));
}
