// Observable Plot (with the d3 it depends on): a geo mark filled by the figure with a colour
// legend, a pointer-driven outline of the area nearest the pointer and a tip with its name and
// figure (Plot's documented pointer + geoCentroid pattern); a line chart of the authority against
// England with a pointerX tip.
import * as Plot from "@observablehq/plot";
import { feature } from "topojson-client";
import { loadData, fmt } from "./common.js";

const { topo, values } = await loadData();
const utla = feature(topo, topo.objects.utla);
const byCode = new Map(values.areas.map((a) => [a.code, a]));
const value = (f) => byCode.get(f.properties.areacd)?.value;

const map = Plot.plot({
  width: 560,
  height: 600,
  projection: { type: "mercator", domain: utla },
  color: { scheme: "blues", legend: true, label: values.label, unknown: "#ccc" },
  marks: [
    Plot.geo(utla, { fill: value, stroke: "white", strokeWidth: 0.5 }),
    Plot.geo(utla, Plot.pointer(Plot.geoCentroid({ stroke: "#111", strokeWidth: 1.5 }))),
    Plot.tip(
      utla,
      Plot.pointer(
        Plot.geoCentroid({
          title: (f) => `${f.properties.areanm}: ${fmt(value(f))}`,
        }),
      ),
    ),
  ],
});
document.getElementById("map").append(map);

const trend = Plot.plot({
  width: 420,
  height: 300,
  y: { grid: true, label: "per 10,000" },
  x: { tickFormat: "d", label: null },
  color: { legend: true },
  marks: [
    Plot.lineY(values.trend, { x: "year", y: "value", stroke: "series" }),
    Plot.tip(values.trend, Plot.pointerX({ x: "year", y: "value", stroke: "series" })),
  ],
});
document.getElementById("trend").append(trend);
