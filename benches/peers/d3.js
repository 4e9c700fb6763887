// d3 modules only (geo, selection, scale, scale-chromatic, array, shape, axis) with topojson-client:
// an SVG path per authority filled by a sequential scale, a tooltip div and a raised outline on
// pointerenter, hidden on pointerleave (the pattern of d3's own choropleth examples); an SVG line
// chart of the authority against England with axes. No focusable areas, as in those examples.
// setYear: the paths' fills from the year's figures (the selection's attr, as d3's examples update).
import { geoMercator, geoPath } from "d3-geo";
import { select } from "d3-selection";
import { scaleSequential, scaleLinear, scalePoint } from "d3-scale";
import { interpolateBlues } from "d3-scale-chromatic";
import { group } from "d3-array";
import { line } from "d3-shape";
import { axisBottom, axisLeft } from "d3-axis";
import { feature } from "topojson-client";
import { loadData, fmt, valueIn, allYears, yearControl } from "./common.js";

const { topo, values } = await loadData();
const utla = feature(topo, topo.objects.utla);
const byCode = new Map(values.areas.map((a) => [a.code, a]));
let year = values.year;
const value = (f) => valueIn(values, byCode.get(f.properties.areacd), year);

const [w, h] = [560, 600];
const path = geoPath(geoMercator().fitSize([w, h], utla));
const colour = scaleSequential(allYears(values), interpolateBlues);
const fill = (f) => (value(f) === null ? "#ccc" : colour(value(f)));

const root = select("#map");
const svg = root.append("svg").attr("width", w).attr("height", h).attr("viewBox", [0, 0, w, h]);
const tip = root
  .append("div")
  .attr("class", "tip")
  .style("position", "absolute")
  .style("pointer-events", "none")
  .style("background", "#fff")
  .style("border", "1px solid #999")
  .style("padding", "2px 6px")
  .style("visibility", "hidden");

const areas = svg
  .append("g")
  .selectAll("path")
  .data(utla.features)
  .join("path")
  .attr("d", path)
  .attr("fill", fill)
  .attr("stroke", "#fff")
  .attr("stroke-width", 0.5)
  .on("pointerenter", function (event, f) {
    select(this).raise().attr("stroke", "#111").attr("stroke-width", 1.5);
    tip.style("visibility", "visible").text(`${f.properties.areanm}: ${fmt(value(f))}`);
  })
  .on("pointermove", (event) => {
    tip.style("left", `${event.offsetX + 12}px`).style("top", `${event.offsetY + 12}px`);
  })
  .on("pointerleave", function () {
    select(this).attr("stroke", "#fff").attr("stroke-width", 0.5);
    tip.style("visibility", "hidden");
  });
yearControl((y) => {
  year = y;
  areas.attr("fill", fill);
});

const rows = values.trend;
const m = { top: 20, right: 100, bottom: 24, left: 36 };
const [tw, th] = [420, 300];
const x = scalePoint([...new Set(rows.map((r) => r.year))], [m.left, tw - m.right]);
const y = scaleLinear([0, Math.max(...rows.map((r) => r.value))], [th - m.bottom, m.top]).nice();
const chart = select("#trend").append("svg").attr("width", tw).attr("height", th);
chart.append("g").attr("transform", `translate(0,${th - m.bottom})`).call(axisBottom(x).tickValues(x.domain().filter((_, i) => i % 2 === 0)));
chart.append("g").attr("transform", `translate(${m.left},0)`).call(axisLeft(y));
const drawn = line((r) => x(r.year), (r) => y(r.value));
for (const [name, series] of group(rows, (r) => r.series)) {
  const england = name === "England";
  chart.append("path").attr("d", drawn(series)).attr("fill", "none").attr("stroke", england ? "#888" : "#08519c").attr("stroke-width", 2);
  const last = series[series.length - 1];
  chart.append("text").attr("x", x(last.year) + 6).attr("y", y(last.value)).attr("dy", "0.35em").attr("font-size", 12).text(name);
}
