// Dyad network of countries: edges weighted by event counts, coloured by mean Goldstein.

import { escapeHtml, goldsteinColor, signed } from "../dom.js";

export function dyadGraph(rows) {
  const edges = rows.filter((r) => r.source_country && r.target_country);
  const nodes = new Map();
  const node = (code) => {
    if (!nodes.has(code)) nodes.set(code, { id: code, events: 0, internal: 0, g: 0 });
    return nodes.get(code);
  };
  for (const r of edges) {
    const s = node(r.source_country);
    const t = node(r.target_country);
    s.events += r.events; s.g += r.goldstein_mean * r.events;
    if (s !== t) { t.events += r.events; t.g += r.goldstein_mean * r.events; }
    else s.internal += r.events;
  }
  return { nodes: [...nodes.values()], edges: edges.filter((r) => r.source_country !== r.target_country),
    loops: edges.filter((r) => r.source_country === r.target_country) };
}

export function renderNetwork(el, data, onPick) {
  const chart = window.echarts.init(el, null, { renderer: "canvas" });
  const graph = dyadGraph(data.rows);
  const maxNode = Math.max(1, ...graph.nodes.map((n) => n.events));
  const maxEdge = Math.max(1, ...graph.edges.map((e) => e.events));
  chart.setOption({
    animationDuration: 300,
    tooltip: {
      formatter: (p) => {
        if (p.dataType === "edge") {
          const e = p.data.row;
          return `<b>${escapeHtml(e.source_country)} → ${escapeHtml(e.target_country)}</b>: `
            + `${e.events} events<br>mean Goldstein ${signed(e.goldstein_mean)}`
            + "<br><i>click to filter to this dyad</i>";
        }
        const n = p.data.info;
        const mean = n.events ? n.g / n.events : 0;
        return `<b>${escapeHtml(n.id)}</b>: ${n.events} events in dyads`
          + (n.internal ? ` (${n.internal} within)` : "")
          + `<br>mean Goldstein ${signed(mean)}<br><i>click to filter to this country</i>`;
      },
    },
    series: [{
      type: "graph", layout: "circular", circular: { rotateLabel: false }, roam: true,
      top: 36, bottom: 36, left: 60, right: 60,
      label: { show: true, position: "inside", fontSize: 11, fontWeight: "bold",
        color: "#111827" },
      edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
      emphasis: { focus: "adjacency", lineStyle: { width: 6 } },
      data: graph.nodes.sort((x, y) => y.events - x.events).map((n) => ({
        id: n.id, name: n.id, info: n,
        symbolSize: 26 + 30 * Math.sqrt(n.events / maxNode),
        itemStyle: { color: "#e5e7eb", borderColor: goldsteinColor(n.events ? n.g / n.events : 0),
          borderWidth: 3 },
      })),
      links: graph.edges.map((e) => ({
        source: e.source_country, target: e.target_country, row: e,
        lineStyle: { width: 1.5 + 6 * Math.sqrt(e.events / maxEdge),
          color: goldsteinColor(e.goldstein_mean), curveness: 0.25, opacity: 0.9 },
      })),
    }],
  });
  chart.on("click", (p) => {
    if (p.dataType === "edge") {
      onPick({ source_country: p.data.row.source_country,
        target_country: p.data.row.target_country, country: null });
    } else if (p.dataType === "node") {
      onPick({ country: p.data.id, source_country: null, target_country: null });
    }
  });
  return { chart, graph };
}
