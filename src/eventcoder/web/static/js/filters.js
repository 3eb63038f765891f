// The filter panel of the events view: every control writes its value into the URL.

import { getJSON } from "./api.js";
import { QUAD, h } from "./dom.js";
import { go, withFilters } from "./state.js";

const ROLES = [["actor", "either side"], ["source_actor", "as source"],
  ["target_actor", "as target"]];
const CHIP_LABELS = { actor: "actor", source_actor: "source actor",
  target_actor: "target actor", location_country: "place country" };

// The actor finder: names, aliases, abbreviations and codes (SDF, YPG, IRNGOV) through
// /actors; a result becomes a source, target or either-side filter.
function actorFinder(params) {
  const role = h("select", { id: "actor-role", "aria-label": "actor's role" },
    ROLES.map(([value, text]) => h("option", { value }, text)));
  const results = h("ul", { class: "actor-results", id: "actor-results" });
  const search = h("input", { id: "actor-search", type: "search", maxlength: 200,
    placeholder: "name, alias or code: SDF, IRNGOV", autocomplete: "off" });
  let asked = 0;
  const find = async () => {
    const q = search.value.trim();
    const token = ++asked;
    if (!q) { results.replaceChildren(); return; }
    results.replaceChildren(h("li", { class: "muted" }, "searching…"));
    try {
      const found = await getJSON("/actors", { q, page_size: 8, negated: params.get("negated")
        === "all" ? null : (params.get("negated") || "false") });
      if (token !== asked) return;
      results.replaceChildren(...(found.items.length ? found.items.map((a) => h("li", {},
        h("button", { type: "button", class: "actor-result", dataset: { key: a.key },
          onclick: () => go("events", withFilters(params, { [role.value]: a.key })) },
        h("strong", {}, a.name), " ", a.codes.map((c) => h("span", { class: "code" }, c)),
        h("span", { class: "muted" }, ` ${a.events} events (${a.as_source} as source, `
          + `${a.as_target} as target)`)))) : [h("li", { class: "muted" }, "no actor found")]));
    } catch (error) {
      if (token === asked) results.replaceChildren(h("li", { class: "error" }, error.message));
    }
  };
  let timer = null;
  search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(find, 250); });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); clearTimeout(timer); find(); }
  });
  return h("div", { class: "field actor-finder" }, h("span", {}, "Actor"), search, role,
    results);
}

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
  const chips = ["source_actor", "target_actor", "actor", "location", "location_country", "doc",
    "cluster", "source_code", "target_code", "source_sector", "target_sector"]
    .filter((k) => params.get(k)).map((key) => h("button", {
      type: "button", class: "chip", title: "remove this filter", dataset: { filter: key },
      onclick: () => go("events", withFilters(params, { [key]: null })),
    }, `${CHIP_LABELS[key] || key.replace("_", " ")}: ${params.get(key)} ×`));
  const form = h("form", { id: "filters", class: "filters", autocomplete: "off" },
    h("h2", {}, "Filters"),
    input("q", "Text", "search", get("q"), { placeholder: "words in the sentence, actors…",
      maxlength: 200 }),
    chips.length ? h("div", { class: "chips" }, chips) : null,
    actorFinder(params),
    input("date_from", "From", "date", get("date_from")),
    input("date_to", "To", "date", get("date_to")),
    select("country", "Country (either side)", counted(facets.countries), get("country")),
    h("div", { class: "pair" },
      select("source_country", "Source", counted(facets.source_countries),
        get("source_country")),
      select("target_country", "Target", counted(facets.target_countries),
        get("target_country"))),
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
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary" }, "Apply"),
      h("button", { type: "button", onclick: () => go("events", {}) }, "Reset")));

  const apply = () => {
    const changes = {};
    for (const el of form.elements) {
      if (el.name && (el.tagName === "SELECT" || el.tagName === "INPUT")
        && !el.closest(".actor-finder")) {
        changes[el.name] = el.value.trim();
      }
    }
    go("events", withFilters(params, changes));
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  for (const el of form.querySelectorAll("select[name], input[type=date]")) {
    el.addEventListener("change", apply);
  }
  return form;
}
