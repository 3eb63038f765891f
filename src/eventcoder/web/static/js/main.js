// The explorer: a router over the URL hash that loads data, then renders one view.

import { getJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { parseHash } from "./state.js";
import { loadDashboard, renderDashboard } from "./views/dashboard.js";
import { loadDocument, renderDocument } from "./views/document.js";
import {
  loadActors, loadClusters, loadDocuments, renderActors, renderClusters, renderDocuments,
} from "./views/lists.js";

const view = document.getElementById("view");
const errorBanner = document.getElementById("error");
let facets = null;
let charts = [];
let routing = 0;

function showError(error) {
  errorBanner.hidden = !error;
  errorBanner.textContent = error ? String(error.message || error) : "";
}

async function load(route) {
  switch (route.view) {
    case "doc": return loadDocument(route.id);
    case "documents": return loadDocuments(route.params);
    case "actors": return loadActors(route.params);
    case "clusters": return loadClusters(route.params, route.id);
    default: return loadDashboard(route.params, facets);
  }
}

function render(route, data) {
  for (const chart of charts) chart.dispose();
  charts = [];
  clear(view);
  switch (route.view) {
    case "doc": renderDocument(view, data, route.params); break;
    case "documents": renderDocuments(view, route.params, data); break;
    case "actors": renderActors(view, route.params, data); break;
    case "clusters": renderClusters(view, route.params, data, route.id); break;
    default: charts = renderDashboard(view, route.params, facets, data);
  }
}

async function route() {
  const token = ++routing;
  const current = parseHash();
  document.body.dataset.ready = "";
  for (const a of document.querySelectorAll("#nav a[data-view]")) {
    a.classList.toggle("active", a.dataset.view === current.view
      || (current.view === "doc" && a.dataset.view === "documents"));
  }
  try {
    const data = await load(current);
    if (token !== routing) return;
    showError(null);
    render(current, data);
    if (current.view !== "doc") window.scrollTo(0, 0);
    document.body.dataset.rendered = window.location.hash;
    document.body.dataset.ready = current.view;
  } catch (error) {
    if (token !== routing) return;
    showError(error);
    document.body.dataset.ready = "error";
  }
}

async function boot() {
  try {
    const [info, found] = await Promise.all([getJSON("/info"), getJSON("/facets")]);
    facets = found;
    const c = info.counts;
    document.getElementById("store-info").replaceChildren(h("span", {
      title: `pipeline ${info.pipeline_versions.join(", ")}` },
    `${info.store} · ${c.documents} documents · ${c.events} events`
      + (info.clusters ? ` · ${c.event_clusters} clusters` : "")));
  } catch (error) {
    showError(error);
    document.body.dataset.ready = "error";
    return;
  }
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  await route();
}

boot();
