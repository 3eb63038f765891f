// Small DOM and formatting helpers shared by the views. Data is only ever inserted as text.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);
}

export const QUAD = {
  1: { name: "Verbal cooperation", short: "verbal coop.", color: "#8bc34a" },
  2: { name: "Material cooperation", short: "material coop.", color: "#2e7d32" },
  3: { name: "Verbal conflict", short: "verbal conflict", color: "#f59e0b" },
  4: { name: "Material conflict", short: "material conflict", color: "#c62828" },
};

const RED = [198, 40, 40];
const GREY = [158, 158, 158];
const GREEN = [46, 125, 50];

// Goldstein -10 (conflict, red) through 0 (grey) to +10 (cooperation, green).
export function goldsteinColor(value) {
  const g = Math.max(-10, Math.min(10, Number(value) || 0)) / 10;
  const [from, to, t] = g < 0 ? [GREY, RED, -g] : [GREY, GREEN, g];
  const rgb = from.map((c, i) => Math.round(c + (to[i] - c) * t));
  return `rgb(${rgb.join(",")})`;
}

export function signed(value, digits = 1) {
  if (value === null || value === undefined) return "";
  const n = Number(value);
  return (n > 0 ? "+" : "") + n.toFixed(digits);
}

// An event's date as precise as the text made it: 2023-06-12, week of 2023-06-12, 2023-06,
// 2023.
export function eventDate(event) {
  const d = event.date;
  if (!d) return "?";
  switch (event.date_precision) {
    case "year": return d.slice(0, 4);
    case "month": return d.slice(0, 7);
    case "week": return `week of ${d}`;
    default:
      return event.date_end && event.date_end !== d && event.date_precision !== "none"
        ? `${d} … ${event.date_end}` : d;
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function badge(text, cls = "", title = null) {
  return h("span", { class: `badge ${cls}`.trim(), title }, text);
}

export function modalityBadges(event) {
  const out = [];
  if (event.negated) out.push(badge("NOT", "badge-neg", "negated: the text says it did not happen"));
  if (event.modality && event.modality !== "asserted") {
    out.push(badge(event.modality, "badge-mod", `modality: ${event.modality}`));
  }
  return out;
}

// What a panel shows while it waits, when it has nothing to show, and when it failed: each
// replaces the panel's content, so that nothing stale stays on screen.
export function loading(text = "Loading…") {
  return h("div", { class: "loading", role: "status" }, h("span", { class: "spinner" }), text);
}

export function empty(text) {
  return h("div", { class: "empty", role: "note" }, text);
}

export function errorBanner(error) {
  return h("div", { class: "error-banner panel-error", role: "alert" },
    String(error?.message || error));
}
