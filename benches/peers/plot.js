// Observable Plot (with the d3 it depends on): a geo mark filled by the figure with a colour
// legend, a pointer-driven outline of the area nearest the pointer and a tip with its name and
// figure (Plot's documented pointer + geoCentroid pattern); a line chart of the authority against
// England with a pointerX tip. setYear: the map plotted again for the year and put in place of the
// old one (Plot draws once and has no update; its documentation re-renders).
import * as Plot from "@observablehq/plot";
import { feature } from "topojson-client";
import { loadData, fmt, valueIn, allYears, yearControl } from "./common.js";

const { topo, values } = await loadData();
const utla = feature(topo, topo.objects.utla);
const byCode = new Map(values.areas.map((a) => [a.code, a]));
let year = values.year;
const value = (f) => valueIn(values, byCode.get(f.properties.areacd), year) ?? undefined;

const plotMap = () => Plot.plot({
  width: 560,
  height: 600,
  projection: { type: "mercator", domain: utla },
  color: { scheme: "blues", legend: true, label: values.label, unknown: "#ccc", domain: allYears(values) },
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
let map = plotMap();
document.getElementById("map").append(map);
yearControl((y) => {
  year = y;
  const next = plotMap();
  map.replaceWith(next);
  map = next;
});

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
