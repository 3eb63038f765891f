// The document view: the text with actors, triggers, dates, places and quotes highlighted,
// and the coded events beside it. Clicking an event, a trigger or an actor selects it.

import { getJSON } from "../api.js";
import { QUAD, badge, clear, eventDate, h, modalityBadges, signed } from "../dom.js";
import { go, hrefFor } from "../state.js";
import { KINDS, documentSpans, renderSentence } from "./highlight.js";

const KIND_LABELS = { actor: "Actors", trigger: "Event triggers", time: "Dates",
  place: "Places", quote: "Quotes" };

export async function loadDocument(id) {
  return getJSON(`/documents/${encodeURIComponent(id)}`);
}

// Where each sentence starts in the text (in code points, null when not found) and the
// paragraphs (blank lines in the text) that group the sentences.
export function layout(text, sentences) {
  const starts = [];
  const paragraphs = [[]];
  let pos = 0; // UTF-16 index into text
  let cp = 0; // the same position in code points
  let blankAfterPrevious = false;
  sentences.forEach((sentence, i) => {
    const at = text ? text.indexOf(sentence, pos) : -1;
    let breakBefore = blankAfterPrevious;
    if (at >= 0) {
      const gap = text.slice(pos, at);
      breakBefore = breakBefore || /\n\s*\n/.test(gap);
      cp += Array.from(gap).length;
      starts.push(cp);
      cp += Array.from(sentence).length;
      pos = at + sentence.length;
    } else {
      starts.push(null);
    }
    blankAfterPrevious = /\n\s*\n\s*$/.test(sentence);
    if (breakBefore && paragraphs[paragraphs.length - 1].length) paragraphs.push([]);
    paragraphs[paragraphs.length - 1].push(i);
  });
  return { starts, paragraphs };
}

function who(ref) {
  if (!ref) return h("span", { class: "muted" }, "—");
  return h("span", {}, ref.code ? h("span", { class: "code" }, ref.code) : null, " ", ref.text);
}

function eventSummary(e, doc) {
  const cluster = doc.clusters?.[e.id];
  return [
    h("div", { class: "ev-title" }, h("span", { class: "quad-dot",
      style: `background:${QUAD[e.quad_class].color}`, title: QUAD[e.quad_class].name }),
    modalityBadges(e), h("span", { class: "cameo" }, e.cameo), " ", e.cameo_name),
    h("div", { class: "ev-dyad" }, who(e.source), " → ", who(e.target)),
    h("div", { class: "ev-meta" }, eventDate(e),
      e.date_source === "published" ? badge("publication date", "", "no date in the text") : "",
      e.location ? ` · ${e.location.name}` : "",
      ` · Goldstein ${signed(e.goldstein)}`),
    h("div", { class: "ev-meta muted" }, e.plover?.type ? `PLOVER ${e.plover.type}` : "",
      e.plover?.mode ? `/${e.plover.mode}` : "", ` · rule ${e.rule} · confidence `
      + `${Number(e.confidence).toFixed(2)}`),
    cluster && cluster.num_articles > 1 ? h("div", { class: "ev-meta" }, h("a", {
      href: hrefFor("clusters", {}, cluster.cluster_id),
    }, `reported in ${cluster.num_articles} articles`)) : null,
  ];
}

function eventLinks(e, doc) {
  const s = e.source?.country;
  const t = e.target?.country;
  return h("div", { class: "links" },
    s && t ? h("a", { href: hrefFor("events", { source_country: s, target_country: t }) },
      `${s} → ${t} events`) : null,
    h("a", { href: hrefFor("events", { cameo: e.cameo }) }, `all ${e.cameo} events`),
    h("a", { href: `/events/${encodeURIComponent(e.id)}?doc=${doc.doc_hash}`,
      target: "_blank", rel: "noopener" }, "evidence (JSON)"));
}

export function renderDocument(view, doc, params) {
  const a = doc.annotated;
  const { starts, paragraphs } = layout(doc.text, a.sentences);
  const spans = documentSpans(a, starts);
  const text = h("article", { class: "card doc-text", id: "doc-text" },
    paragraphs.map((ids) => h("p", {}, ids.map((i) => h("span", {
      class: "sentence", id: `s-${i}`, dataset: { sentence: String(i) },
    }, h("sup", { class: "sn" }, String(i)), renderSentence(a.sentences[i],
      spans.get(i) || []), " ")))));
  const selection = h("div", { class: "card selection", id: "selection" },
    h("p", { class: "muted" }, "Click an event, a highlighted trigger or an actor."));
  const cards = a.events.map((e) => h("li", { class: "event-card",
    dataset: { event: e.id }, onclick: () => selectEvent(e.id, true) }, eventSummary(e, doc)));
  const legend = h("div", { class: "legend" }, KINDS.slice().reverse().map((kind) => h("label",
    { class: `toggle hl-${kind}-swatch` }, h("input", { type: "checkbox", checked: true,
      onchange: (ev) => text.classList.toggle(`hide-${kind}`, !ev.target.checked) }),
    h("mark", { class: `hl hl-${kind}` }, KIND_LABELS[kind]))));

  view.append(h("div", { class: "doc-view" },
    h("div", { class: "card doc-head" },
      h("button", { type: "button", class: "back", onclick: () => (window.history.length > 1
        ? window.history.back() : go("events")) }, "‹ back"),
      h("h1", { id: "doc-title" }, doc.title || doc.doc_id),
      h("div", { class: "muted" }, `${doc.doc_id} · published ${doc.published || "?"}`,
        doc.url ? " · " : "", doc.url ? h("a", { href: doc.url, rel: "noopener noreferrer",
          target: "_blank" }, doc.url) : null,
        ` · ${a.sentences.length} sentences, ${a.actors.length} actors, `
        + `${a.events.length} events, ${a.quotes.length} quotes`),
      legend),
    h("div", { class: "doc-body" }, text,
      h("aside", { class: "doc-side" }, selection,
        h("div", { class: "card" }, h("h3", {}, `Coded events (${a.events.length})`),
          h("ol", { class: "event-cards", id: "doc-events" }, cards))))));

  const focus = (selector) => {
    for (const el of text.querySelectorAll(".focus")) el.classList.remove("focus");
    for (const el of text.querySelectorAll(selector)) el.classList.add("focus");
  };

  function selectEvent(id, fromList = false) {
    const e = a.events.find((x) => x.id === id);
    if (!e) return;
    for (const c of view.querySelectorAll(".event-card")) {
      c.classList.toggle("selected", c.dataset.event === id);
    }
    const actors = [e.source?.actor, e.target?.actor].filter(Boolean);
    focus([`mark.hl-trigger[data-key="${CSS.escape(id)}"]`,
      ...actors.map((x) => `#s-${e.sentence} mark.hl-actor[data-key="${CSS.escape(x)}"]`),
    ].join(", "));
    clear(selection).append(h("h3", {}, "Selected event"), ...eventSummary(e, doc).filter(Boolean),
      h("blockquote", {}, a.sentences[e.sentence]), eventLinks(e, doc));
    const sentence = text.querySelector(`#s-${e.sentence}`);
    if (sentence) sentence.scrollIntoView({ block: "nearest", behavior: "instant" });
    if (!fromList) {
      view.querySelector(`.event-card[data-event="${CSS.escape(id)}"]`)
        ?.scrollIntoView({ block: "nearest", behavior: "instant" });
    }
    window.history.replaceState(null, "", hrefFor("doc", { event: id }, doc.doc_hash));
  }

  function selectActor(id) {
    const actor = a.actors.find((x) => x.id === id);
    if (!actor) return;
    focus(`mark.hl-actor[data-key="${CSS.escape(id)}"]`);
    const roles = a.events.filter((e) => e.source?.actor === id || e.target?.actor === id);
    clear(selection).append(h("h3", {}, "Selected actor"),
      h("div", { class: "ev-title" }, actor.name, " ", actor.code
        ? h("span", { class: "code" }, actor.code) : null),
      h("div", { class: "ev-meta" }, `${actor.kind}`, actor.kb_id ? ` · knowledge base: `
        + `${actor.kb_id}` : "", ` · ${actor.mentions.length} mentions · in ${roles.length} `
        + "events here"),
      h("div", { class: "links" },
        h("a", { href: hrefFor("events", { actor: actor.kb_id || actor.name }) },
          `events with ${actor.name}`),
        h("a", { href: hrefFor("events", { source_actor: actor.kb_id || actor.name }) },
          "as source"),
        h("a", { href: hrefFor("events", { target_actor: actor.kb_id || actor.name }) },
          "as target"),
        actor.country ? h("a", { href: hrefFor("events", { country: actor.country }) },
          `events of ${actor.country}`) : null));
  }

  text.addEventListener("click", (ev) => {
    const trigger = ev.target.closest("mark.hl-trigger");
    if (trigger) { selectEvent(trigger.dataset.key); return; }
    const actor = ev.target.closest("mark.hl-actor");
    if (actor) selectActor(actor.dataset.key);
  });
  if (params.get("event")) selectEvent(params.get("event"));
}
