// A TopoJSON topology to GeoJSON features: enough of the format for the vendored world map
// (quantized, delta-encoded arcs; Polygon and MultiPolygon geometries).

function decodeArcs(topology) {
  const t = topology.transform;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      if (!t) return [dx, dy];
      x += dx;
      y += dy;
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
    });
  });
}

function ring(indexes, arcs) {
  const points = [];
  for (const i of indexes) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    // Consecutive arcs share their joining point: keep it once.
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

export function toFeatures(topology, name) {
  const arcs = decodeArcs(topology);
  const polygon = (rings) => rings.map((r) => ring(r, arcs));
  return {
    type: "FeatureCollection",
    features: topology.objects[name].geometries.filter((g) => g.type).map((g) => ({
      type: "Feature", id: g.id, properties: g.properties || {},
      geometry: g.type === "Polygon"
        ? { type: "Polygon", coordinates: polygon(g.arcs) }
        : { type: "MultiPolygon", coordinates: g.arcs.map(polygon) },
    })),
  };
}
