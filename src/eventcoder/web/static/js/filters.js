// The filter panel of the events view: every control writes its value into the URL.

import { QUAD, h } from "./dom.js";
import { go, withFilters } from "./state.js";

function select(name, label, options, current) {
  return h("label", { class: "field" }, h("span", {}, label),
    h("select", { name, id: `f-${name}` },
      h("option", { value: "" }, "any"),
      options.map(([value, text]) => h("option", {
        value, selected: String(value) === current ? true : null,
      }, text))));
}

function input(name, label, type, current, extra = {}) {
  return h("label", { class: "field" }, h("span", {}, label),
    h("input", { name, id: `f-${name}`, type, value: current || "", ...extra }));
}

const counted = (items) => items.map((i) => [i.value, `${i.value} (${i.events})`]);

export function renderFilters(params, facets) {
  const get = (key) => params.get(key) || "";
  const chips = ["actor", "doc", "cluster", "source_code", "target_code", "source_sector",
    "target_sector"].filter((k) => params.get(k)).map((key) => h("button", {
    type: "button", class: "chip", title: "remove this filter",
    onclick: () => go("events", withFilters(params, { [key]: null })),
  }, `${key.replace("_", " ")}: ${params.get(key)} ×`));
  const form = h("form", { id: "filters", class: "filters", autocomplete: "off" },
    h("h2", {}, "Filters"),
    input("q", "Text", "search", get("q"), { placeholder: "words in the sentence, actors…",
      maxlength: 200 }),
    input("date_from", "From", "date", get("date_from")),
    input("date_to", "To", "date", get("date_to")),
    select("country", "Country (either side)", counted(facets.countries), get("country")),
    h("div", { class: "pair" },
      select("source_country", "Source", counted(facets.countries), get("source_country")),
      select("target_country", "Target", counted(facets.countries), get("target_country"))),
    select("sector", "Sector (either side)", counted(facets.sectors), get("sector")),
    select("cameo_root", "CAMEO root", facets.cameo_roots.map((r) => [r.value,
      `${r.value} ${r.name || ""} (${r.events})`]), get("cameo_root")),
    input("cameo", "CAMEO code or prefix", "text", get("cameo"),
      { pattern: "\\d{2,4}", placeholder: "e.g. 036 or 19", maxlength: 4 }),
    select("plover", "PLOVER type", counted(facets.plover), get("plover")),
    select("quad_class", "Quad class", facets.quad_classes.map((q) => [q.value,
      `${q.value} ${QUAD[q.value] ? QUAD[q.value].name : ""} (${q.events})`]),
    get("quad_class")),
    select("modality", "Modality", counted(facets.modalities), get("modality")),
    h("label", { class: "field" }, h("span", {}, "Negated events"),
      h("select", { name: "negated", id: "f-negated" },
        h("option", { value: "" }, "hidden"),
        h("option", { value: "all", selected: get("negated") === "all" ? true : null },
          "shown"),
        h("option", { value: "true", selected: get("negated") === "true" ? true : null },
          "only these"))),
    chips.length ? h("div", { class: "chips" }, chips) : null,
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary" }, "Apply"),
      h("button", { type: "button", onclick: () => go("events", {}) }, "Reset")));

  const apply = () => {
    const changes = {};
    for (const el of form.elements) {
      if (el.name && (el.tagName === "SELECT" || el.tagName === "INPUT")) {
        changes[el.name] = el.value.trim();
      }
    }
    go("events", withFilters(params, changes));
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  for (const el of form.querySelectorAll("select, input[type=date]")) {
    el.addEventListener("change", apply);
  }
  return form;
}
