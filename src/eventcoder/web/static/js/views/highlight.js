// Highlighting a sentence: spans (actors, triggers, dates, places, quotes) cut the sentence
// into segments; each segment is wrapped in one <mark> per span covering it, outermost first.
// Offsets are characters (code points) into the sentence, as in the output contract.

import { h } from "../dom.js";

export const KINDS = ["quote", "place", "time", "actor", "trigger"]; // outer to inner

// Spans by sentence. A quote over several sentences (`sentence_end`, its `end` an offset
// into that last sentence) is cut at the sentence boundaries; a span whose end runs past its
// sentence (older stores) continues into the next ones when `starts` (each sentence's offset
// in the document text) is known.
export function documentSpans(annotated, starts = []) {
  const bySentence = new Map();
  const lengths = annotated.sentences.map((s) => Array.from(s).length);
  const put = (sentence, span) => {
    if (!bySentence.has(sentence)) bySentence.set(sentence, []);
    bySentence.get(sentence).push(span);
  };
  const add = (sentence, span) => {
    put(sentence, span);
    const base = starts[sentence];
    if (span.end <= lengths[sentence] || base === null || base === undefined) return;
    const end = base + span.end;
    for (let j = sentence + 1; j < lengths.length && starts[j] !== null
      && starts[j] !== undefined && starts[j] < end; j += 1) {
      put(j, { ...span, start: 0, end: Math.min(lengths[j], end - starts[j]) });
    }
  };
  for (const a of annotated.actors) {
    for (const m of a.mentions) {
      add(m.sentence, { kind: "actor", start: m.start, end: m.end, key: a.id,
        title: `actor: ${a.name}${a.code ? ` (${a.code})` : ""}, ${a.kind}` });
    }
  }
  for (const e of annotated.events) {
    add(e.sentence, { kind: "trigger", start: e.trigger.start, end: e.trigger.end, key: e.id,
      title: `event ${e.cameo}: ${e.cameo_name}` });
  }
  annotated.times.forEach((t, i) => add(t.sentence, { kind: "time", start: t.start,
    end: t.end, key: String(i), title: `date: ${t.value || "?"}`
      + `${t.value_end && t.value_end !== t.value ? ` … ${t.value_end}` : ""} (${t.precision})` }));
  annotated.places.forEach((p, i) => add(p.sentence, { kind: "place", start: p.start,
    end: p.end, key: String(i), title: `place: ${p.name}, ${p.country || "?"} (${p.feature})` }));
  annotated.quotes.forEach((q, i) => {
    const span = { kind: "quote", key: String(i),
      title: `${q.kind} quote${q.speaker ? ` by ${q.speaker.text}` : ""}` };
    const last = Number.isInteger(q.sentence_end) ? q.sentence_end : q.sentence;
    if (last <= q.sentence) {
      add(q.sentence, { ...span, start: q.start, end: q.end });
      return;
    }
    put(q.sentence, { ...span, start: q.start, end: lengths[q.sentence] });
    for (let j = q.sentence + 1; j < last; j += 1) put(j, { ...span, start: 0, end: lengths[j] });
    put(last, { ...span, start: 0, end: q.end });
  });
  return bySentence;
}

export function segments(length, spans) {
  const valid = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end))
    .map((s) => ({ ...s, start: Math.max(0, Math.min(length, s.start)),
      end: Math.max(0, Math.min(length, s.end)) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set([0, length]);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = valid.filter((s) => s.start <= start && s.end >= end).sort((x, y) =>
      KINDS.indexOf(x.kind) - KINDS.indexOf(y.kind) || (y.end - y.start) - (x.end - x.start));
    out.push({ start, end, spans: covering });
  }
  return out;
}

export function renderSentence(text, spans) {
  const chars = Array.from(text);
  const fragment = document.createDocumentFragment();
  for (const seg of segments(chars.length, spans)) {
    let node = document.createTextNode(chars.slice(seg.start, seg.end).join(""));
    for (const span of [...seg.spans].reverse()) {
      node = h("mark", { class: `hl hl-${span.kind}`, title: span.title,
        dataset: { kind: span.kind, key: span.key } }, node);
    }
    fragment.append(node);
  }
  return fragment;
}
