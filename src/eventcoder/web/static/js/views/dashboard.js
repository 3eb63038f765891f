// The events view: filters, timeline, dyad network, map and the events table, all on one
// page. Each panel loads on its own: a loading indicator, then its content, a message when
// it has nothing to show, or an error in its place.

import { apiUrl, getJSON } from "../api.js";
import { QUAD, empty, errorBanner, h, loading } from "../dom.js";
import { renderFilters } from "../filters.js";
import { apiFilters, go, withFilters } from "../state.js";
import { renderEventsTable, pager } from "./events-table.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { INTERVALS, STACKS, pickInterval, renderTimeline } from "./timeline.js";

const PAGE_SIZE = 50;
const facetsCache = new Map(); // by the negated setting: menu counts follow it

function describe(filters) {
  const shown = Object.entries(filters).filter(([k]) => k !== "negated");
  const text = shown.length ? shown.map(([k, v]) => `${k.replaceAll("_", " ")} ${k === "quad_class"
    ? QUAD[v]?.short || v : v}`).join(", ") : "all events";
  if (filters.negated === "false") return `${text} · negated events hidden`;
  return filters.negated === "true" ? `${text} · negated events only` : text;
}

async function facetsFor(filters) {
  const key = filters.negated ?? "all";
  if (!facetsCache.has(key)) {
    facetsCache.set(key, await getJSON("/facets", { negated: filters.negated }));
  }
  return facetsCache.get(key);
}

export function forgetFacets() {
  facetsCache.clear();
}

// Fill `body` from `fetch` with `draw`, showing loading, error and empty states in its place.
async function panel(ctx, body, fetch, draw) {
  body.replaceChildren(loading());
  body.dataset.state = "loading";
  try {
    const data = await fetch();
    if (!ctx.isCurrent()) return;
    body.replaceChildren();
    const state = await draw(data);
    body.dataset.state = state || "done";
  } catch (error) {
    if (!ctx.isCurrent()) return;
    body.replaceChildren(errorBanner(error));
    body.dataset.state = "error";
  }
}

function chartBox(body, id) {
  const el = h("div", { class: "chart", id, dataset: { chart: "1" } });
  body.append(el);
  return el;
}

function select(id, label, options, current, onChange) {
  return h("label", { class: "inline" }, label, " ", h("select", { id, onchange: (e) =>
    onChange(e.target.value) }, options.map(([value, text]) => h("option", {
    value, selected: value === current ? true : null }, text))));
}

export async function renderDashboard(view, params, ctx) {
  const filters = apiFilters(params);
  const facets = await facetsFor(filters);
  if (!ctx.isCurrent()) return;
  const pick = (changes) => go("events", withFilters(params, changes));
  const sort = params.get("sort") || "date";
  const order = params.get("order") || "desc";
  const from = params.get("date_from") || facets.date_min;
  const to = params.get("date_to") || facets.date_max;
  const interval = params.get("interval") || pickInterval(from, to);
  const stack = params.get("stack") || "quad_class";
  const bodies = {
    timeline: h("div", { class: "panel-body", id: "timeline-panel" }),
    network: h("div", { class: "panel-body", id: "network-panel" }),
    map: h("div", { class: "panel-body", id: "map-panel" }),
    events: h("div", { class: "panel-body", id: "events-panel" }),
  };
  const total = h("strong", { id: "events-total" }, "… events");
  const download = (fmt, label) => h("a", { class: "button", id: `download-${fmt}`,
    href: apiUrl(`/export/events.${fmt}`, { ...filters, sort, order }).toString(),
    download: `events.${fmt}`, title: "every event that passes these filters" }, label);
  view.append(
    h("div", { class: "with-sidebar" },
      h("aside", { class: "sidebar" }, renderFilters(params, facets)),
      h("section", { class: "content" },
        h("div", { class: "summary" }, total, " · ", describe(filters),
          h("span", { class: "downloads" }, download("csv", "Download CSV"),
            download("parquet", "Download Parquet"))),
        h("div", { class: "charts" },
          h("div", { class: "card" }, h("div", { class: "card-head" },
            h("h3", {}, "Events over time"),
            select("timeline-interval", "per", INTERVALS.map((i) => [i, i]), interval,
              (value) => pick({ interval: value })),
            select("timeline-stack", "by", Object.entries(STACKS), stack,
              (value) => pick({ stack: value }))), bodies.timeline),
          h("div", { class: "card" }, h("h3", {}, "Dyads between countries"), bodies.network)),
        h("div", { class: "card" }, h("h3", {}, "Where: events by place"), bodies.map),
        h("div", { class: "card" }, bodies.events))));

  await Promise.all([
    panel(ctx, bodies.events, () => getJSON("/events", { ...filters,
      page: params.get("page") || 1, page_size: PAGE_SIZE, sort, order }), (page) => {
      total.textContent = `${page.total} events`;
      bodies.events.append(renderEventsTable(page, params), pager(page, params));
      return page.total ? "done" : "empty";
    }),
    panel(ctx, bodies.timeline, () => getJSON("/timeline", { ...filters, interval, stack }),
      (data) => {
        if (!data.total) {
          bodies.timeline.append(empty(data.undated
            ? `None of these ${data.undated} events has a date.` : "No events to chart."));
          return "empty";
        }
        ctx.charts.push(renderTimeline(chartBox(bodies.timeline, "timeline"), data, pick));
        bodies.timeline.append(h("div", { class: "muted note" }, `${data.total} dated events `
          + `from ${data.date_from} to ${data.date_to}, per ${data.interval}`
          + (data.undated ? ` · ${data.undated} without a date` : "")
          + (data.truncated ? " · range cut: choose a longer interval" : "")));
        return "done";
      }),
    panel(ctx, bodies.network, () => getJSON("/aggregate", { ...filters, interval: "all",
      group: ["source_country", "target_country"] }), (data) => {
      const rows = data.rows.filter((r) => r.source_country && r.target_country);
      if (!rows.length) {
        bodies.network.append(empty("No events with a country on both sides."));
        return "empty";
      }
      const count = rows.reduce((s, r) => s + r.events, 0);
      ctx.charts.push(renderNetwork(chartBox(bodies.network, "network"), data, pick).chart);
      bodies.network.append(h("div", { class: "scale" }, h("span", {}, "−10 conflict"),
        h("span", { class: "gradient" }), h("span", {}, "cooperation +10"),
        h("span", {}, `· colour: mean Goldstein, width: events · ${count} events with `
          + "both countries")));
      return "done";
    }),
    panel(ctx, bodies.map, () => getJSON("/map", filters), (data) => {
      if (!data.places.length) {
        bodies.map.append(empty(data.unlocated
          ? `None of these ${data.unlocated} events has a place.` : "No events to map."));
        return "empty";
      }
      return renderMap(chartBox(bodies.map, "map"), data, pick, ctx).then((chart) => {
        ctx.charts.push(chart);
        bodies.map.append(h("div", { class: "muted note" }, `${data.located} events at `
          + `${data.places.length} places · ${data.unlocated} without a place · size: events, `
          + "colour: the most frequent quad class · click a point for its events"));
        return "done";
      });
    }),
  ]);
}
