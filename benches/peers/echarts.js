// ECharts, tree-shaken through `echarts/core`: a map series on the authorities (registered from
// GeoJSON converted from the TopoJSON), a continuous visualMap legend, item tooltip and emphasis
// outline on hover; a line chart of the authority against England with an axis tooltip.
// setYear: setOption with the year's data for the map series (merged; ECharts's default update).
import * as echarts from "echarts/core";
import { MapChart, LineChart } from "echarts/charts";
import { TooltipComponent, VisualMapComponent, GridComponent, LegendComponent, TitleComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { feature } from "topojson-client";
import { loadData, fmt, valueIn, allYears, yearControl } from "./common.js";

echarts.use([MapChart, LineChart, TooltipComponent, VisualMapComponent, GridComponent, LegendComponent, TitleComponent, CanvasRenderer]);

const { topo, values } = await loadData();
echarts.registerMap("utla", feature(topo, topo.objects.utla));
const [min, max] = allYears(values);
const data = (year) => values.areas.map((a) => ({ name: a.code, value: valueIn(values, a, year), areaName: a.name }));

const map = echarts.init(document.getElementById("map"));
map.setOption({
  title: { text: `${values.label}, ${values.year}`, textStyle: { fontSize: 13 } },
  tooltip: {
    trigger: "item",
    className: "bench-tip",
    formatter: (p) => `${p.data?.areaName ?? p.name}: ${fmt(p.data?.value)}`,
  },
  visualMap: {
    type: "continuous",
    min,
    max,
    left: "right",
    calculable: true,
    inRange: { color: ["#eff3ff", "#6baed6", "#08519c"] },
  },
  series: [
    {
      type: "map",
      map: "utla",
      nameProperty: "areacd",
      aspectScale: 0.62,
      itemStyle: { borderColor: "#fff", borderWidth: 0.5, areaColor: "#ccc" },
      emphasis: { label: { show: false }, itemStyle: { borderColor: "#111", borderWidth: 1.5 } },
      select: { disabled: true },
      data: data(values.year),
    },
  ],
});
yearControl((y) => map.setOption({ series: [{ data: data(y) }] }));

const rows = values.trend;
const years = [...new Set(rows.map((r) => r.year))];
const series = [values.trendArea.name, "England"];
const trend = echarts.init(document.getElementById("trend"));
trend.setOption({
  tooltip: { trigger: "axis" },
  legend: { data: series, top: 0 },
  grid: { left: 40, right: 20, top: 40, bottom: 30 },
  xAxis: { type: "category", data: years },
  yAxis: { type: "value" },
  series: series.map((s) => ({
    name: s,
    type: "line",
    data: years.map((y) => rows.find((r) => r.year === y && r.series === s)?.value ?? null),
  })),
});
