// The events table: one row per event; a click opens its document with the event selected.

import { QUAD, badge, eventDate, goldsteinColor, h, modalityBadges, signed } from "../dom.js";
import { go, hrefFor, withFilters } from "../state.js";

const SORTABLE = { date: "date", source: "source", event: "cameo", target: "target",
  goldstein: "goldstein", document: "document" };

function actorCell(event, side, params) {
  const code = event[`${side}_code`];
  const country = event[`${side}_country`];
  const name = event[`${side}_name`] || event[`${side}_text`];
  if (!event[`${side}_actor`]) return h("td", { class: "muted" }, "—");
  const chip = code ? h("a", {
    class: "code", href: country ? hrefFor("events", withFilters(params, { country })) : null,
    title: country ? `events with ${country} on either side` : null,
    onclick: (e) => e.stopPropagation(),
  }, code) : badge("?", "", "no country or sector");
  return h("td", { class: "actor" }, chip, " ",
    h("span", { title: `text: ${event[`${side}_text`] || ""}` }, name || ""));
}

export function renderEventsTable(page, params, { linkDocs = true } = {}) {
  const sort = page.sort || "date";
  const order = page.order || "asc";
  const header = (label, key) => {
    if (!key || !SORTABLE[key]) return h("th", {}, label);
    const active = SORTABLE[key] === sort;
    const next = active && order === "asc" ? "desc" : "asc";
    return h("th", { class: active ? `sorted ${order}` : "" }, h("a", {
      href: hrefFor("events", withFilters(params, { sort: SORTABLE[key], order: next })),
    }, label, active ? (order === "asc" ? " ▲" : " ▼") : ""));
  };
  const rows = page.items.map((e) => h("tr", {
    class: `event-row quad-${e.quad_class}${e.negated ? " negated" : ""}`,
    dataset: { event: e.event_id, doc: e.doc_hash },
    title: e.sentence_text || "",
    onclick: linkDocs ? () => go("doc", { event: e.event_id }, e.doc_hash) : null,
  },
  h("td", { class: "quad", style: `background:${QUAD[e.quad_class].color}`,
    title: QUAD[e.quad_class].name }),
  h("td", { class: "date", title: e.date_source === "published"
    ? "the text gives no date: publication date" : `precision: ${e.date_precision}` },
  eventDate(e), e.date_source === "published" ? "*" : ""),
  actorCell(e, "source", params),
  h("td", { class: "event" }, modalityBadges(e),
    h("span", { class: "cameo" }, e.cameo), " ", e.cameo_name,
    e.plover_type ? h("span", { class: "plover" }, e.plover_type) : null,
    h("div", { class: "trigger" }, "“", e.trigger_text, "”")),
  actorCell(e, "target", params),
  h("td", { class: "num", style: `color:${goldsteinColor(e.goldstein)}` }, signed(e.goldstein)),
  h("td", {}, e.location_name || ""),
  h("td", { class: "doc" }, h("a", {
    href: hrefFor("doc", { event: e.event_id }, e.doc_hash), onclick: (ev) => ev.stopPropagation(),
  }, e.title || e.doc_id))));
  return h("table", { class: "events", id: "events-table" },
    h("thead", {}, h("tr", {}, h("th", { class: "quad" }), header("Date", "date"),
      header("Source", "source"), header("Event", "event"), header("Target", "target"),
      header("Goldstein", "goldstein"), header("Place"), header("Document", "document"))),
    h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 8, class: "muted" },
      "No events match these filters."))));
}

export function pager(page, params, view = "events", id = null) {
  const pages = Math.max(1, Math.ceil(page.total / page.page_size));
  const first = page.total ? (page.page - 1) * page.page_size + 1 : 0;
  const last = Math.min(page.total, page.page * page.page_size);
  const link = (n, label) => (n < 1 || n > pages || n === page.page)
    ? h("span", { class: "disabled" }, label)
    : h("a", { href: hrefFor(view, { ...Object.fromEntries(params), page: n }, id) }, label);
  return h("div", { class: "pager" },
    link(page.page - 1, "‹ previous"),
    h("span", { class: "count", id: "events-count" }, `${first}–${last} of ${page.total}`),
    link(page.page + 1, "next ›"));
}
