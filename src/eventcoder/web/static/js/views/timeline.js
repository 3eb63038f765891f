// Timeline: events per period (every period, zero where none, as the API gives them),
// stacked by quad class or PLOVER type, with the Goldstein mean and sum as lines; a click
// filters to that bar.

import { QUAD, escapeHtml, signed } from "../dom.js";

const DAY = 86400000;
export const INTERVALS = ["day", "week", "month", "quarter", "year"];
export const STACKS = { quad_class: "quad class", plover: "PLOVER type" };
const PLOVER_COLORS = ["#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed", "#0891b2",
  "#ca8a04", "#dc2626", "#4d7c0f", "#9333ea", "#0f766e", "#b45309", "#be123c", "#1d4ed8",
  "#65a30d", "#c026d3"];

// The interval that shows a span of dates in a readable number of bars.
export function pickInterval(from, to) {
  if (!from || !to) return "month";
  const days = (Date.parse(to) - Date.parse(from)) / DAY;
  if (days <= 62) return "day";
  if (days <= 366) return "week";
  if (days <= 3660) return "month";
  if (days <= 9150) return "quarter";
  return "year";
}

const iso = (d) => d.toISOString().slice(0, 10);
const MONTHS = { month: 1, quarter: 3, year: 12 };

export function periodEnd(start, interval) {
  const d = new Date(`${start}T00:00:00Z`);
  if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + MONTHS[interval]);
  return iso(new Date(d.getTime() - DAY));
}

function seriesName(stack, key) {
  if (stack === "quad_class") return QUAD[key]?.name || String(key);
  return key === null ? "no PLOVER type" : key;
}

export function renderTimeline(el, data, onPick) {
  const chart = window.echarts.init(el, null, { renderer: "canvas" });
  const periods = data.periods;
  const bars = data.series.map((s, i) => ({
    name: seriesName(data.stack, s.key), type: "bar", stack: "events", data: s.events,
    key: s.key, barMaxWidth: 28, emphasis: { focus: "series" },
    itemStyle: { color: data.stack === "quad_class" ? QUAD[s.key]?.color
      : PLOVER_COLORS[i % PLOVER_COLORS.length] },
  }));
  const lines = [
    { name: "Goldstein mean", type: "line", yAxisIndex: 1, data: data.goldstein_mean,
      connectNulls: false, symbolSize: 4, itemStyle: { color: "#111827" },
      lineStyle: { width: 1.5 } },
    { name: "Goldstein sum", type: "line", yAxisIndex: 2, data: data.goldstein_sum,
      symbolSize: 3, itemStyle: { color: "#9ca3af" }, lineStyle: { width: 1, type: "dashed" } },
  ];
  chart.setOption({
    animation: false,
    grid: { left: 40, right: 86, top: 46, bottom: periods.length > 40 ? 48 : 30 },
    legend: { top: 0, type: "scroll", itemWidth: 12, itemHeight: 10,
      textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" },
      formatter: (items) => {
        const i = items[0].dataIndex;
        const shown = items.filter((x) => x.seriesType === "bar" && x.value);
        return `<b>${escapeHtml(periods[i])}</b> (${data.interval}): ${data.events[i]} events`
          + shown.map((x) => `<br>${x.marker}${escapeHtml(x.seriesName)}: <b>${x.value}</b>`)
            .join("")
          + `<br>Goldstein mean ${data.goldstein_mean[i] === null ? "—"
            : signed(data.goldstein_mean[i])}, sum ${signed(data.goldstein_sum[i])}`
          + "<br><i>click a bar to filter</i>";
      },
    },
    xAxis: { type: "category", data: periods, axisLabel: { fontSize: 10 } },
    yAxis: [
      { type: "value", name: "events", minInterval: 1, boundaryGap: [0, "8%"],
        axisLabel: { fontSize: 10 }, nameTextStyle: { fontSize: 10 } },
      { type: "value", name: "mean", min: -10, max: 10, position: "right",
        splitLine: { show: false }, axisLabel: { fontSize: 10 },
        nameTextStyle: { fontSize: 10 } },
      { type: "value", name: "sum", position: "right", offset: 42, splitLine: { show: false },
        axisLabel: { fontSize: 10 }, nameTextStyle: { fontSize: 10 } },
    ],
    dataZoom: periods.length > 40 ? [{ type: "inside" }, { type: "slider", height: 14,
      bottom: 4 }] : [],
    series: [...bars, ...lines],
  });
  chart.on("click", (p) => {
    const start = periods[p.dataIndex];
    if (!start) return;
    const changes = { date_from: start, date_to: periodEnd(start, data.interval) };
    const bar = bars[p.seriesIndex];
    if (bar && bar.key !== null) {
      if (data.stack === "quad_class") changes.quad_class = String(bar.key);
      else changes.plover = bar.key;
    }
    onPick(changes);
  });
  return chart;
}
