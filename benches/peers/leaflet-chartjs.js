// Leaflet + Chart.js, following Leaflet's interactive choropleth tutorial without a tile layer (no
// tile server can be reached, and a choropleth needs none): a GeoJSON layer (converted from the
// TopoJSON) styled by class, a sticky tooltip and a highlight on mouseover, reset on mouseout, a
// legend control; Chart.js (tree-shaken registration) draws the authority against England.
// setYear: each area layer restyled and its tooltip re-texted for the year (classes fixed across years).
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { Chart, LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend } from "chart.js";
import { feature } from "topojson-client";
import { loadData, fmt, valueIn, yearControl } from "./common.js";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

const { topo, values } = await loadData();
const utla = feature(topo, topo.objects.utla);
const byCode = new Map(values.areas.map((a) => [a.code, a]));

// Seven quantile classes, ColorBrewer Blues.
const palette = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"];
const sorted = values.areas.flatMap((a) => a.values).filter((v) => v !== null).sort((a, b) => a - b);
let year = values.year;
const value = (f) => valueIn(values, byCode.get(f.properties.areacd), year);
const breaks = palette.slice(1).map((_, i) => sorted[Math.floor(((i + 1) * sorted.length) / palette.length)]);
const colour = (v) => (v === null || v === undefined ? "#ccc" : palette[breaks.filter((b) => v >= b).length]);

const map = L.map("map", { zoomSnap: 0.25 });
map.attributionControl.addAttribution("Contains OS data © Crown copyright and database right 2016");
const layer = L.geoJSON(utla, {
  style: (f) => ({ fillColor: colour(value(f)), fillOpacity: 0.9, color: "#fff", weight: 0.5 }),
  onEachFeature: (f, l) => {
    l.bindTooltip(`${f.properties.areanm}: ${fmt(value(f))}`, { sticky: true });
    l.on({
      mouseover: (e) => {
        e.target.setStyle({ color: "#111", weight: 1.5 });
        e.target.bringToFront();
      },
      mouseout: (e) => layer.resetStyle(e.target),
    });
  },
}).addTo(map);
map.fitBounds(layer.getBounds());
yearControl((y) => {
  year = y;
  layer.eachLayer((l) => {
    l.setStyle({ fillColor: colour(value(l.feature)) });
    l.setTooltipContent(`${l.feature.properties.areanm}: ${fmt(value(l.feature))}`);
  });
});

const legend = L.control({ position: "bottomright" });
legend.onAdd = () => {
  const div = L.DomUtil.create("div", "legend");
  div.style.cssText = "background:#fff;padding:4px 6px;font:12px sans-serif";
  const from = [sorted[0], ...breaks];
  div.innerHTML = palette.map((c, i) => `<i style="display:inline-block;width:12px;height:12px;background:${c}"></i> ${from[i]}+`).join("<br>");
  return div;
};
legend.addTo(map);

const rows = values.trend;
const years = [...new Set(rows.map((r) => r.year))];
new Chart(document.getElementById("trend-canvas"), {
  type: "line",
  data: {
    labels: years,
    datasets: [values.trendArea.name, "England"].map((s, i) => ({
      label: s,
      data: years.map((y) => rows.find((r) => r.year === y && r.series === s)?.value ?? null),
      borderColor: i ? "#888" : "#08519c",
      backgroundColor: i ? "#888" : "#08519c",
    })),
  },
  options: { maintainAspectRatio: false, interaction: { mode: "index", intersect: false } },
});
