// The map: the vendored Natural Earth countries (1:110m) as the base, one point per place
// sized by its events and coloured by its most frequent quad class; a click filters to it.

import { QUAD, escapeHtml, signed } from "../dom.js";
import { toFeatures } from "../topojson.js";

const WORLD = "/static/vendor/world-atlas/countries-110m.json";
let world = null;

async function registerWorld() {
  if (!world) {
    world = fetch(WORLD).then((response) => {
      if (!response.ok) throw new Error(`the world map could not be loaded (${response.status})`);
      return response.json();
    }).then((topology) => {
      window.echarts.registerMap("world", toFeatures(topology, "countries"));
    }).catch((error) => {
      world = null;
      throw error;
    });
  }
  return world;
}

export function dominantQuad(counts) {
  let best = 0;
  counts.forEach((n, i) => { if (n > counts[best]) best = i; });
  return best + 1;
}

export async function renderMap(el, data, onPick) {
  await registerWorld();
  const chart = window.echarts.init(el, null, { renderer: "canvas" });
  const most = Math.max(1, ...data.places.map((p) => p.events));
  const points = data.places.map((p) => {
    const quad = dominantQuad(p.quad_classes);
    return {
      name: p.name || "?", value: [p.lon, p.lat, p.events], place: p,
      symbolSize: 6 + 26 * Math.sqrt(p.events / most),
      itemStyle: { color: QUAD[quad].color, opacity: 0.85, borderColor: "#fff",
        borderWidth: 1 },
    };
  });
  chart.setOption({
    animation: false,
    tooltip: {
      formatter: (p) => {
        if (!p.data || !p.data.place) return escapeHtml(p.name || "");
        const place = p.data.place;
        const quads = place.quad_classes.map((n, i) => (n ? `${QUAD[i + 1].short} ${n}` : ""))
          .filter(Boolean).join(", ");
        return `<b>${escapeHtml(place.name || "?")}</b> ${escapeHtml(place.country || "")}`
          + `<br>${place.events} events in ${place.documents} documents<br>${quads}`
          + `<br>mean Goldstein ${signed(place.goldstein_mean)}<br><i>click for its events</i>`;
      },
    },
    geo: {
      map: "world", roam: true, zoom: 1.15, silent: true,
      itemStyle: { areaColor: "#e5e7eb", borderColor: "#ffffff", borderWidth: 0.6 },
    },
    series: [{ type: "scatter", coordinateSystem: "geo", data: points, encode: { value: 2 },
      emphasis: { scale: 1.3 } }],
  });
  chart.on("click", (p) => {
    const place = p.data?.place;
    if (!place || !place.name) return;
    onPick({ location: place.name, location_country: place.country || null });
  });
  return chart;
}
