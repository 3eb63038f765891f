// The events view: filters, timeline, dyad network and the events table, all on one page.

import { getJSON } from "../api.js";
import { QUAD, h } from "../dom.js";
import { renderFilters } from "../filters.js";
import { apiFilters, go, withFilters } from "../state.js";
import { renderEventsTable, pager } from "./events-table.js";
import { renderNetwork } from "./network.js";
import { pickInterval, renderTimeline } from "./timeline.js";

const PAGE_SIZE = 50;

function describe(filters) {
  const shown = Object.entries(filters).filter(([k]) => k !== "negated");
  const text = shown.length ? shown.map(([k, v]) => `${k.replace("_", " ")} ${k === "quad_class"
    ? QUAD[v]?.short || v : v}`).join(", ") : "all events";
  if (filters.negated === "false") return `${text} · negated events hidden`;
  return filters.negated === "true" ? `${text} · negated events only` : text;
}

export async function loadDashboard(params, facets) {
  const filters = apiFilters(params);
  const from = params.get("date_from") || facets.date_min;
  const to = params.get("date_to") || facets.date_max;
  const interval = params.get("interval") || pickInterval(from, to);
  const [page, timeline, dyads] = await Promise.all([
    getJSON("/events", { ...filters, page: params.get("page") || 1, page_size: PAGE_SIZE,
      sort: params.get("sort") || "date", order: params.get("order") || "asc" }),
    getJSON("/aggregate", { ...filters, interval, group: ["quad_class"] }),
    getJSON("/aggregate", { ...filters, interval: "all",
      group: ["source_country", "target_country"] }),
  ]);
  return { page, timeline, dyads, filters };
}

export function renderDashboard(view, params, facets, data) {
  const pick = (changes) => go("events", withFilters(params, changes));
  const timelineEl = h("div", { class: "chart", id: "timeline", dataset: { chart: "1" } });
  const networkEl = h("div", { class: "chart", id: "network", dataset: { chart: "1" } });
  const dyadCount = data.dyads.rows.filter((r) => r.source_country && r.target_country)
    .reduce((s, r) => s + r.events, 0);
  view.append(
    h("div", { class: "with-sidebar" },
      h("aside", { class: "sidebar" }, renderFilters(params, facets)),
      h("section", { class: "content" },
        h("div", { class: "summary" },
          h("strong", { id: "events-total" }, `${data.page.total} events`), " · ",
          describe(data.filters)),
        h("div", { class: "charts" },
          h("div", { class: "card" }, h("h3", {}, "Events over time by quad class ",
            h("span", { class: "muted" }, `(per ${data.timeline.interval})`)), timelineEl),
          h("div", { class: "card" }, h("h3", {}, "Dyads between countries ",
            h("span", { class: "muted" }, `(${dyadCount} events with both countries)`)),
          networkEl,
          h("div", { class: "scale" }, h("span", {}, "−10 conflict"),
            h("span", { class: "gradient" }), h("span", {}, "cooperation +10"),
            h("span", {}, "· colour: mean Goldstein, width: events")))),
        h("div", { class: "card" }, renderEventsTable(data.page, params),
          pager(data.page, params)))));
  const charts = [renderTimeline(timelineEl, data.timeline, pick)];
  charts.push(renderNetwork(networkEl, data.dyads, pick).chart);
  return charts;
}
