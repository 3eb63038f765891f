// The explorer: a router over the URL hash. Each route clears the view and shows a loading
// indicator at once, then the view; an error replaces the content it is about.

import { getJSON } from "./api.js";
import { clear, errorBanner, h, loading } from "./dom.js";
import { parseHash } from "./state.js";
import { forgetFacets, renderDashboard } from "./views/dashboard.js";
import { loadDocument, renderDocument } from "./views/document.js";
import {
  loadActors, loadClusters, loadDocuments, renderActors, renderClusters, renderDocuments,
} from "./views/lists.js";

const view = document.getElementById("view");
const POLL_MS = Number(window.EVENTCODER_POLL_MS) || 15000;
let charts = [];
let routing = 0;
let known = null; // the store's event count (and last change) when the view was drawn

async function load(route) {
  switch (route.view) {
    case "doc": return loadDocument(route.id);
    case "documents": return loadDocuments(route.params);
    case "actors": return loadActors(route.params);
    case "clusters": return loadClusters(route.params, route.id);
    default: return null;
  }
}

function render(route, data) {
  switch (route.view) {
    case "doc": renderDocument(view, data, route.params); break;
    case "documents": renderDocuments(view, route.params, data); break;
    case "actors": renderActors(view, route.params, data); break;
    case "clusters": renderClusters(view, route.params, data, route.id); break;
    default: break;
  }
}

function reset() {
  for (const chart of charts) chart.dispose();
  charts = [];
  clear(view);
}

async function route() {
  const token = ++routing;
  const current = parseHash();
  const isCurrent = () => token === routing;
  document.body.dataset.ready = "loading";
  for (const a of document.querySelectorAll("#nav a[data-view]")) {
    a.classList.toggle("active", a.dataset.view === current.view
      || (current.view === "doc" && a.dataset.view === "documents"));
  }
  reset();
  view.append(loading());
  try {
    if (current.view === "events" || !["doc", "documents", "actors", "clusters"]
      .includes(current.view)) {
      clear(view);
      await renderDashboard(view, current.params, { isCurrent, charts });
    } else {
      const data = await load(current);
      if (!isCurrent()) return;
      clear(view);
      render(current, data);
    }
    if (!isCurrent()) return;
    if (current.view !== "doc") window.scrollTo(0, 0);
    document.body.dataset.rendered = window.location.hash;
    document.body.dataset.ready = current.view === "doc" || ["documents", "actors", "clusters"]
      .includes(current.view) ? current.view : "events";
  } catch (error) {
    if (!isCurrent()) return;
    reset();
    view.append(errorBanner(error));
    document.body.dataset.rendered = window.location.hash;
    document.body.dataset.ready = "error";
  }
}

function showInfo(info) {
  const c = info.counts;
  document.getElementById("store-info").replaceChildren(h("span", {
    title: `pipeline ${info.pipeline_versions.join(", ")}` },
  `${info.store} · ${c.documents} documents · ${c.events} events`
    + (info.clusters ? ` · ${c.event_clusters} clusters` : "")));
}

const stamp = (info) => ({ events: info.counts.events, change: info.last_change ?? null });

// New events (live mode): /info is cheap, so it is polled; a changed event count offers a
// refresh of the current view, without reloading the page.
async function poll() {
  const notice = document.getElementById("new-events");
  try {
    const info = await getJSON("/info");
    const now = stamp(info);
    if (known && (now.events !== known.events || now.change !== known.change)) {
      const added = now.events - known.events;
      notice.hidden = false;
      notice.textContent = added > 0 ? `${added} new events · refresh` : "store changed · refresh";
      notice.onclick = () => {
        known = now;
        notice.hidden = true;
        showInfo(info);
        forgetFacets();
        route();
      };
    }
  } catch (error) {
    // A missed poll is not worth a banner: the next one tries again.
  }
}

async function boot() {
  try {
    const info = await getJSON("/info");
    known = stamp(info);
    showInfo(info);
  } catch (error) {
    clear(view).append(errorBanner(error));
    document.body.dataset.ready = "error";
    return;
  }
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  window.setInterval(poll, POLL_MS);
  await route();
}

boot();
