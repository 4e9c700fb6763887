// Vega-Lite compiled in the page and rendered by Vega through vega-embed (SVG, vega-embed's
// default renderer): a geoshape layer of the TopoJSON looked up against the figures, colour legend,
// vega-tooltip on hover and a hover selection that outlines the area; beside it a line chart of
// the authority against England. Vega's loader fetches the boundaries; the figures file is
// fetched by the page and given as named datasets (two views reading one URL with different
// `property`s get merged into one source by Vega-Lite, so that form draws the wrong trend).
// setYear: a `year` parameter read by a calculate transform, set with view.signal(...).runAsync()
// (Vega-Lite's way to drive a view from outside; the dataflow re-runs what depends on it).
import embed from "vega-embed";
import { allYears, yearControl } from "./common.js";

const url = (file) => new URL(`../data/${file}`, location.href).href;
const data = (file, format) => ({ url: url(file), format });
const values = await fetch(url("cla.json")).then((r) => r.json());
const figures = { name: "areas" };

const spec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  datasets: { areas: values.areas, trend: values.trend },
  params: [{ name: "year", value: values.year }],
  hconcat: [
    {
      width: 540,
      height: 580,
      data: data("utla-2025.topo.json", { type: "topojson", feature: "utla" }),
      transform: [
        { lookup: "properties.areacd", from: { data: figures, key: "code", fields: ["name", "values"] } },
        { calculate: `datum.values ? datum.values[indexof(${JSON.stringify(values.years)}, year)] : null`, as: "value" },
      ],
      projection: { type: "mercator" },
      params: [{ name: "hover", select: { type: "point", on: "pointerover", clear: "pointerout" } }],
      mark: { type: "geoshape", stroke: "white" },
      encoding: {
        color: { field: "value", type: "quantitative", title: "CLA per 10,000", scale: { scheme: "blues", domain: allYears(values) } },
        stroke: { condition: { param: "hover", empty: false, value: "#111" }, value: "white" },
        strokeWidth: { condition: { param: "hover", empty: false, value: 1.5 }, value: 0.5 },
        tooltip: [
          { field: "name", type: "nominal", title: "Authority" },
          { field: "value", type: "quantitative", title: "CLA per 10,000" },
        ],
      },
    },
    {
      width: 260,
      height: 240,
      data: { name: "trend" },
      mark: { type: "line", point: true, tooltip: true },
      encoding: {
        x: { field: "year", type: "ordinal" },
        y: { field: "value", type: "quantitative", title: "CLA per 10,000" },
        color: { field: "series", type: "nominal", title: null, legend: { orient: "bottom" } },
      },
    },
  ],
};

const { view } = await embed("#vis", spec, { actions: false });
yearControl((y) => view.signal("year", y).runAsync());
