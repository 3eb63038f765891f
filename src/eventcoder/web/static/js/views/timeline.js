// Timeline: event counts per period, stacked by quad class; a click filters to that bar.

import { QUAD, escapeHtml } from "../dom.js";

const DAY = 86400000;

export function pickInterval(from, to) {
  if (!from || !to) return "month";
  const days = (Date.parse(to) - Date.parse(from)) / DAY;
  if (days <= 45) return "day";
  if (days <= 240) return "week";
  if (days <= 3650) return "month";
  return "year";
}

const iso = (d) => d.toISOString().slice(0, 10);

function addInterval(date, interval, n = 1) {
  const d = new Date(date.getTime());
  if (interval === "day") d.setUTCDate(d.getUTCDate() + n);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7 * n);
  else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return d;
}

// Every period from the first to the last one with data, so that gaps show as gaps.
export function periodRange(periods, interval) {
  if (!periods.length) return [];
  const sorted = [...periods].sort();
  const out = [];
  let d = new Date(`${sorted[0]}T00:00:00Z`);
  const last = new Date(`${sorted[sorted.length - 1]}T00:00:00Z`);
  while (d <= last && out.length < 5000) {
    out.push(iso(d));
    d = addInterval(d, interval);
  }
  return out;
}

export function periodEnd(start, interval) {
  return iso(new Date(addInterval(new Date(`${start}T00:00:00Z`), interval).getTime() - DAY));
}

export function renderTimeline(el, data, onPick) {
  const chart = window.echarts.init(el, null, { renderer: "canvas" });
  const rows = data.rows.filter((r) => r.period);
  const periods = periodRange([...new Set(rows.map((r) => r.period))], data.interval);
  const index = new Map(periods.map((p, i) => [p, i]));
  const series = [1, 2, 3, 4].map((quad) => {
    const values = periods.map(() => 0);
    for (const r of rows) if (r.quad_class === quad) values[index.get(r.period)] += r.events;
    return {
      name: QUAD[quad].name, type: "bar", stack: "events", data: values,
      itemStyle: { color: QUAD[quad].color }, emphasis: { focus: "series" },
      quad, barMaxWidth: 28,
    };
  });
  chart.setOption({
    animation: false,
    grid: { left: 36, right: 12, top: 30, bottom: 44 },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" },
      formatter: (items) => {
        const total = items.reduce((s, i) => s + i.value, 0);
        const lines = items.filter((i) => i.value).map((i) =>
          `${i.marker}${escapeHtml(i.seriesName)}: <b>${i.value}</b>`);
        return `<b>${escapeHtml(items[0].axisValue)}</b> (${data.interval}): ${total} events`
          + `<br>${lines.join("<br>")}<br><i>click a bar to filter</i>`;
      },
    },
    xAxis: { type: "category", data: periods, axisLabel: { fontSize: 10 } },
    yAxis: { type: "value", minInterval: 1, boundaryGap: [0, "8%"], axisLabel: { fontSize: 10 } },
    dataZoom: periods.length > 40 ? [{ type: "inside" }, { type: "slider", height: 14,
      bottom: 4 }] : [],
    series,
  });
  chart.on("click", (p) => {
    const start = periods[p.dataIndex];
    onPick({ date_from: start, date_to: periodEnd(start, data.interval),
      quad_class: String(series[p.seriesIndex].quad) });
  });
  return chart;
}
