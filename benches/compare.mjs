// care-atlas side by side with its peers, in one headless-Chromium run on this machine.
//
//   cargo xtask bench                              (builds everything, serves it, runs this)
//   node benches/compare.mjs http://127.0.0.1:PORT/ [--rounds 9] [--rates 1,4] [--hovers 300]
//        [--years 90] [--multi 5] [--only a,b] [--no-write]      (--loads is --rounds)
//   node benches/compare.mjs --ab <site A>,<site B> [--rounds 9] [--rates 1,4] [--turns 20]
//        [--hovers 400] [--years 200]
//
// `--ab`: care-atlas only, two builds of it compared (e.g. main's site copied aside, and a
// branch's): each site (a directory built by `cargo xtask site` and benches/peers/build.mjs,
// served here on its own loopback port, or a URL). First paint: `--rounds` cold loads of each at
// each rate, A and B alternating load by load (+1 warm-up each). Hover and year change: one page
// per measurement, the samples taken in `--turns` alternating turns (A then B, then B then A),
// so that a machine busy with other work slows both alike. Prints median / p95 and the machine's
// load average; writes nothing. Only such interleaved figures compare builds on a shared machine.
//
// The task, the same for every library: a choropleth of England's 153 upper-tier local authorities
// (2025) coloured by children looked after per 10,000 children (2025), a hover tooltip naming the
// area, a year slider, and a two-line trend chart (one authority against England). The pages are
// built by benches/peers/build.mjs; each file under benches/peers/ says what its page contains.
// The floor (benches/peers/floor.js) draws the same polygons from the same files on one canvas in
// plain JavaScript, with a tooltip and the slider but no legend or chart: a lower bound.
//
// How each figure is measured (the same code for every library; nothing is estimated):
//
// * Payload: every response the page receives on a cold load (Playwright's response events),
//   except the HTML document itself: JS, wasm, CSS, images, boundaries and figures. "raw" is the
//   bytes of the bodies as served (the server does not compress); gzip -9 and brotli q11 (window
//   22, as `cargo xtask size`) are those bodies compressed here, file by file, as a static host
//   would send them.
// * Time to painted: navigation start (performance.now()'s origin) → the end of the first frame in
//   which the map is drawn. A probe injected before any page script hooks every frame after its
//   animation-frame callbacks and layout but before paint (a ResizeObserver notification, which
//   Chromium delivers in that step, so the probe sees whatever a library drew in its own rAF, in
//   any order), checks the map, and takes the time in a task posted from there, i.e. once the
//   frame's main-thread work is done. "Drawn": the map's container holds ≥ 90% of the areas as SVG
//   paths with geometry, or one of its canvases has ink (≥ 2% of pixels neither transparent nor
//   white, read through a scaled copy so no context is created on the library's canvas). Cold:
//   a new browser context (empty cache) per load; the server sends no-store. One warm-up round is
//   discarded; loads are interleaved across libraries so machine noise falls on all of them, the
//   order rotated each round. At 4× (and any other --rates), the page's renderer is slowed with
//   the DevTools Protocol's Emulation.setCPUThrottlingRate, set on a CDP session before navigation
//   (a check at the start times a fixed loop at each rate and prints the ratio). The network is
//   not throttled.
// * Hover latency: real mouse moves (page.mouse.move → Chromium's input pipeline) between
//   pseudo-random points over the map, far apart so each lands on another area. t0 is the
//   pointermove as it reaches the page (a capture listener on window, registered first); the end is
//   the same post-layout frame hook: the first frame whose tooltip is visible and names another
//   authority than before the move, timed after that frame's main-thread work. Points are drawn
//   from the map's own pixels in a screenshot (see landCells); moves that still show no new name
//   within 500 ms (a legend, a border, the same area) are not samples. Whether a library updates
//   in the event handler, in its own rAF or in a timer, this counts what a user sees. Sampled in
//   five turns per library, the libraries in the same order each turn; during its turn a library's
//   page is the only page open (opened for the turn, closed after it). 10 warm-up moves per page
//   are discarded.
// * Year change: a real key press (page.keyboard.press, ArrowLeft / ArrowRight in turn, so
//   2025 → 2024 → 2025 …) on the page's focused year slider: care-atlas's own slider in its shadow
//   root, the peers' native <input type=range> (build.mjs) whose input handler calls the page's
//   setYear (each peer file says how it recolours). t0 is the keydown as it reaches the page (a
//   capture listener on window, registered first). After it, at the same post-layout frame hook,
//   a signature of the map box is taken in the task after each frame (a hash of every map canvas's
//   pixels, read through a same-size copy, and of every SVG path's fill/style), so its cost is
//   not in the sample. "Done": the end of the first frame that shows what the map still shows
//   250 ms after the last change (animated updates count until they settle); "first": the first
//   frame that differs. Pointer parked off the map. In turns, one page open at a time, as hover;
//   4 warm-up presses per page are discarded.
// * Several widgets: a page of ten <care-atlas level="la" view="map"> (benches/peers/build.mjs).
//   One after another: the first element is connected while the page is parsed, before the
//   package has arrived; each next one is created and connected by the page's __addAtlas() once
//   the one before has painted. The n-th widget's time to paint: its connection (performance.now()
//   just before append) → the end of the first frame in which its map canvas has ink (the same
//   hook and ink test as first paint); its care-atlas-ready event's time is kept beside it.
//   Static: all ten connected while the page is parsed; the time from navigation start at which
//   the first and the last of them have painted. Fresh context per round, 1× CPU.
// * Keyboard: from a freshly loaded page, up to 40 Tab presses; after each, the focused element
//   (descending into shadow roots). "yes" if one of them lies inside the map part and its
//   accessible name or description (aria-label, aria-labelledby, aria-activedescendant, title,
//   aria-describedby, text) starts with an authority's name. At the first stop inside the map that
//   is not an area, ArrowRight is pressed once, for maps that take one stop and move by arrows.
//
// Every request must stay on 127.0.0.1: Chromium runs with a dead proxy for anything else (the
// proxy is bypassed only for loopback), so an off-host request fails and is reported; a request
// that completes off-host stops the benchmark.
import { launch } from "../tests/page/harness.mjs";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants as z } from "node:zlib";
import { createServer } from "node:http";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const AB = opt("--ab", null)?.split(",");
if (AB && AB.length !== 2) throw new Error(`--ab takes two sites, A,B: ${AB.join(",")}`);
const TURNS = Number(opt("--turns", 20));

/** A directory served on a free loopback port (no-store, as `cargo xtask demo` serves), or a URL. */
async function serveSite(where) {
  if (/^https?:/.test(where)) return where.endsWith("/") ? where : `${where}/`;
  const root = resolve(where);
  if (!existsSync(join(root, "bench/care-atlas/index.html"))) throw new Error(`${root}: no bench/care-atlas/ (run benches/peers/build.mjs ${where})`);
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css", ".bin": "application/octet-stream", ".svg": "image/svg+xml", ".png": "image/png" };
  const server = createServer((req, res) => {
    let path = resolve(root, `.${decodeURIComponent(new URL(req.url, "http://x").pathname)}`);
    if (path !== root && !path.startsWith(root + sep)) return res.writeHead(403).end();
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
    if (!existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": types[extname(path)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    res.end(readFileSync(path));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  server.unref();
  return `http://127.0.0.1:${server.address().port}/`;
}
const abBases = AB ? await Promise.all(AB.map(serveSite)) : null;
const base = abBases?.[0] ?? args.find((a) => a.startsWith("http")) ?? process.env.CARE_ATLAS_URL ?? "http://127.0.0.1:8000/";
const LOADS = Number(opt("--rounds", opt("--loads", 9)));
// A p95 is the 5th-worst of 100 samples and the 2nd-worst of 30: run to run,
// such figures moved by 2 ms for the same build, more than the changes
// being measured. Three times as many samples steady them for a few minutes more.
const HOVERS = Number(opt("--hovers", 300));
const YEARS = Number(opt("--years", 90));
// Turns of hovers and of year changes per library in the side-by-side run (--turns is the A/B's).
const PAGE_TURNS = 5;
const MULTI = Number(opt("--multi", 5));
const RATES = opt("--rates", "1,4").split(",").map(Number);
const only = opt("--only", null)?.split(",");
const write = !args.includes("--no-write");
const origin = new URL(base).origin;
// In --ab mode both sites are this run's own.
const origins = new Set([origin, ...(abBases ?? []).map((u) => new URL(u).origin)]);
if (new URL(base).hostname !== "127.0.0.1") throw new Error(`serve the pages on 127.0.0.1, not ${base}`);

const version = (pkg) => JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
const careVersion = JSON.parse(readFileSync(join(here, "../pkg/package.json"), "utf8")).version;
// Which widget was measured: the last commit that touched its sources, data or package.
const widgetCommit = (() => {
  try {
    const git = (...a) => execFileSync("git", a, { cwd: join(here, ".."), encoding: "utf8" }).trim();
    const dirty = git("status", "--porcelain", "--", "src", "data", "pkg", "Cargo.toml") ? ", with uncommitted changes" : "";
    return `care-atlas's sources (src/, data/, pkg/) as of commit ${git("log", "-1", "--format=%h (%cs)", "--", "src", "data", "pkg", "Cargo.toml")}${dirty}`;
  } catch {
    return "care-atlas's commit unknown (no git)";
  }
})();
// care-atlas's core data, compiled into its core engine: regions and authorities, every year, the
// default measure's values. The file's first frame: the frame after it (definitions, neighbours)
// is the full engine's alone (see src/data/format.rs).
const bundle = (() => {
  try {
    const file = readFileSync(join(here, "../data/care-atlas.bin"));
    const b = file.subarray(0, Math.min(file.length, 16 + file.readUInt32LE(8)));
    const geometry = readFileSync(join(here, "../data/manifest.txt"), "utf8").match(/^geometry: (.*)$/m)?.[1];
    return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length, geometry };
  } catch {
    return null;
  }
})();

// What each page is, and where the probe looks: `map` holds the drawn map, `part` the map with its
// controls (for the keyboard check), `tip` the tooltip; `host` names an element whose shadow root
// holds them. `hoverWidth` limits the hover points to the map when it shares a canvas.
const LIBS = [
  {
    id: "care-atlas",
    name: `care-atlas ${careVersion}`,
    versions: `care-atlas ${careVersion} (this repo's build)`,
    host: "care-atlas",
    map: ".map-wrap",
    part: ".map-part",
    tip: ".tip",
    slider: '.year input[type="range"]',
    page: '<care-atlas level="la" measure="cla_rate" view="map+trend" highlight=…>: wasm with the data inside, canvas map + legend, tooltip, trend of the area with its region and England (plotters-canvas), controls and table',
  },
  {
    id: "echarts",
    name: `ECharts ${version("echarts")} tree-shaken`,
    versions: `echarts ${version("echarts")}, topojson-client ${version("topojson-client")}`,
    map: "#map",
    tip: ".bench-tip",
    page: "echarts/core + MapChart, LineChart, Tooltip, VisualMap, Grid, Legend, Title, CanvasRenderer; map series on registered GeoJSON (from the TopoJSON), continuous visualMap, item tooltip, emphasis outline; line chart, axis tooltip",
  },
  {
    id: "vega-lite",
    name: `Vega-Lite ${version("vega-lite")} + Vega ${version("vega")} + vega-embed`,
    versions: `vega-lite ${version("vega-lite")}, vega ${version("vega")}, vega-embed ${version("vega-embed")} (vega-tooltip ${version("vega-tooltip")})`,
    map: "#vis",
    tip: "#vg-tooltip-element",
    hoverWidth: 560,
    page: "vega-embed of a Vega-Lite hconcat: geoshape from the TopoJSON URL with a lookup of the figures (named datasets fetched by the page), colour legend, hover param outlining the area, tooltip; line chart; SVG renderer (vega-embed's default)",
  },
  {
    id: "plot",
    name: `Observable Plot ${version("@observablehq/plot")}`,
    versions: `@observablehq/plot ${version("@observablehq/plot")} (d3 ${version("d3")}), topojson-client ${version("topojson-client")}`,
    map: "#map",
    tip: '#map g[aria-label="tip"]',
    page: "Plot.geo filled by the figure with a colour legend, Plot.pointer + geoCentroid outline and tip (nearest area centroid to the pointer); lineY chart with a pointerX tip; SVG",
  },
  {
    id: "leaflet-chartjs",
    name: `Leaflet ${version("leaflet")} + Chart.js ${version("chart.js")}`,
    versions: `leaflet ${version("leaflet")}, chart.js ${version("chart.js")}, topojson-client ${version("topojson-client")}`,
    map: "#map",
    tip: ".leaflet-tooltip",
    page: "L.geoJSON (from the TopoJSON) styled in 7 quantile classes, sticky tooltip, highlight on mouseover, legend control, no tile layer; Chart.js line chart (tree-shaken registration)",
  },
  {
    id: "d3",
    name: `d3 modules (d3-geo ${version("d3-geo")})`,
    versions: ["d3-geo", "d3-selection", "d3-scale", "d3-scale-chromatic", "d3-array", "d3-shape", "d3-axis", "topojson-client"].map((p) => `${p} ${version(p)}`).join(", "),
    map: "#map",
    tip: "#map .tip",
    page: "SVG path per authority (geoMercator fitted), sequential colour scale, tooltip div and raised outline on pointerenter; SVG line chart with axes",
  },
  {
    id: "plotly",
    name: `Plotly ${version("plotly.js-geo-dist-min")} geo`,
    versions: `plotly.js-geo-dist-min ${version("plotly.js-geo-dist-min")}, topojson-client ${version("topojson-client")}`,
    map: "#map",
    tip: "#map .hoverlayer .hovertext",
    page: "choropleth trace on the GeoJSON (from the TopoJSON, featureidkey), geo fitted to the locations with the base map hidden, hover template; scatter-lines chart",
  },
  {
    // Plotly as configured by default: its geo subplot asks its CDN for the world outline. Loaded
    // once, to report what it requests and whether it draws; not timed.
    id: "plotly-cdn",
    path: "bench/plotly/?cdn",
    checkOnly: true,
    name: `Plotly ${version("plotly.js-geo-dist-min")} geo, default config`,
    versions: null,
    map: "#map",
    tip: "#map .hoverlayer .hovertext",
    page: "the Plotly page above without config.topojsonURL, i.e. the world outline from Plotly's CDN",
  },
  {
    id: "floor",
    name: "floor: plain JS, one canvas",
    versions: null,
    map: "#map",
    tip: "#map .tip",
    page: "no library: the TopoJSON decoded by hand, Mercator fitted, one Path2D per authority, filled and stroked on one canvas; tooltip by isPointInPath; no legend, controls or chart",
  },
].filter((l) => !only || only.includes(l.id));
// --ab: care-atlas twice, from each site.
if (AB) LIBS.splice(0, LIBS.length, ...AB.map((where, i) => ({ ...LIBS.find((l) => l.id === "care-atlas"), ab: "AB"[i], where, base: abBases[i] })));
const pageUrl = (lib) => new URL(lib.path ?? `bench/${lib.id}/`, lib.base ?? base).href;

const info = await fetch(new URL("bench/data/info.json", base)).then((r) => {
  if (!r.ok) throw new Error(`${r.url}: HTTP ${r.status} (build the pages first: node benches/peers/build.mjs <site>)`);
  return r.json();
});

// ---------------------------------------------------------------------------------------------
// The probe, injected into every page before its own scripts.
function probe(cfg) {
  const names = [...cfg.names].sort((a, b) => b.length - a.length);
  const root = () => (cfg.host ? document.querySelector(cfg.host)?.shadowRoot : document);
  const q = (sel) => root()?.querySelector(sel) ?? null;
  const longestName = (text) => (text ? (names.find((n) => text.includes(n)) ?? "") : "");
  // A focus stop stands for one area when its name or description starts with the area's name
  // (a summary of the whole map that mentions an authority does not count).
  const leadingName = (text) => {
    const t = (text ?? "").trim();
    return names.find((n) => t.startsWith(n)) ?? "";
  };

  // Hooks run once, in the next frame, after its rAF callbacks and layout, before its paint.
  const dummy = document.createElement("div");
  dummy.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;visibility:hidden;pointer-events:none";
  let hooks = [];
  const ro = new ResizeObserver(() => {
    ro.unobserve(dummy);
    const run = hooks;
    hooks = [];
    for (const h of run) h();
  });
  const nextFrame = (h) => {
    hooks.push(h);
    requestAnimationFrame(() => {
      if (!dummy.isConnected) document.documentElement.append(dummy);
      ro.observe(dummy);
    });
  };
  // A task after the current frame's rendering.
  const channel = new MessageChannel();
  let afterTasks = [];
  channel.port1.onmessage = () => {
    const run = afterTasks;
    afterTasks = [];
    for (const t of run) t(performance.now());
  };
  const afterPaint = (t) => {
    afterTasks.push(t);
    channel.port2.postMessage(0);
  };

  const scratch = document.createElement("canvas");
  scratch.width = scratch.height = 100;
  const sctx = scratch.getContext("2d", { willReadFrequently: true });
  const inked = (c) => {
    if (!c.width || !c.height) return false;
    sctx.clearRect(0, 0, 100, 100);
    sctx.drawImage(c, 0, 0, 100, 100);
    const d = sctx.getImageData(0, 0, 100, 100).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 16 && !(d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245)) n++;
    return n >= 200;
  };
  const drawn = () => {
    const m = q(cfg.map);
    if (!m) return null;
    let paths = 0;
    for (const p of m.querySelectorAll("path")) if ((p.getAttribute("d") ?? "").length > 20) paths++;
    if (paths >= 0.9 * cfg.areas) return `svg (${paths} paths)`;
    for (const c of m.querySelectorAll("canvas")) if (inked(c)) return "canvas";
    return null;
  };

  window.__bench = { painted: null, how: null, hover: null };

  // A signature of what the map shows: its canvases' pixels and its SVG paths' fills and styles.
  const full = document.createElement("canvas");
  const fctx = full.getContext("2d", { willReadFrequently: true });
  const signature = () => {
    const m = q(cfg.map);
    if (!m) return 0;
    let h = 2166136261;
    const mix = (n) => (h = Math.imul(h ^ n, 16777619) >>> 0);
    for (const p of m.querySelectorAll("path")) {
      const s = `${p.getAttribute("fill")}|${p.getAttribute("style")}|${p.getAttribute("d")?.length}`;
      for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
    }
    for (const c of m.querySelectorAll("canvas")) {
      if (!c.width || !c.height) continue;
      if (full.width !== c.width || full.height !== c.height) [full.width, full.height] = [c.width, c.height];
      fctx.clearRect(0, 0, c.width, c.height);
      fctx.drawImage(c, 0, 0);
      const d = new Uint32Array(fctx.getImageData(0, 0, c.width, c.height).data.buffer);
      for (let i = 0; i < d.length; i++) mix(d[i]);
    }
    return h;
  };
  // The words the library's element (or the page) shows: its text, which a
  // year change rewrites (title, legend, read-outs), as a hash.
  const words = () => {
    const root = (cfg.host && document.querySelector(cfg.host)?.shadowRoot) || document.body;
    const s = root.textContent ?? "";
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    return h;
  };
  // Year change: arm, then the next keydown is timed to the frames that change the map.
  let yearArmed = null;
  window.addEventListener(
    "keydown",
    () => {
      if (!yearArmed) return;
      const { resolve, before, beforeWords } = yearArmed;
      yearArmed = null;
      const t0 = performance.now();
      const frames = [];
      let lastChange = null;
      const step = () =>
        nextFrame(() =>
          afterPaint((t) => {
            const sig = signature();
            const said = words();
            const last = frames.length ? frames[frames.length - 1] : { sig: before, said: beforeWords };
            frames.push({ ms: t - t0, sig, said });
            if (sig !== last.sig || said !== last.said) lastChange = t;
            if (lastChange === null ? t - t0 < 2000 : t - lastChange < 250) return step();
            // A press that changed only the words (or nothing) is no map sample.
            const first = frames.find((f) => f.sig !== before);
            if (lastChange === null || !first) return resolve({ first: null, done: null, whole: null, frames: frames.length });
            let done = frames.length - 1;
            while (done > 0 && frames[done - 1].sig === sig) done--;
            // The whole widget: map and words as they stay.
            let whole = frames.length - 1;
            while (whole > 0 && frames[whole - 1].sig === sig && frames[whole - 1].said === said) whole--;
            resolve({ first: first.ms, done: frames[done].ms, whole: frames[whole].ms, frames: frames.length });
          }),
        );
      step();
    },
    { capture: true },
  );
  window.__bench.armYear = () => new Promise((resolve) => (yearArmed = { resolve, before: signature(), beforeWords: words() }));

  if (cfg.multi) {
    // Ten widgets: when each one's map canvas first has ink, and when it said it was ready.
    const recs = new Map();
    const rec = (el) => (recs.has(el) ? recs.get(el) : recs.set(el, { painted: null, ready: null, seen: false }).get(el));
    document.addEventListener("care-atlas-ready", (e) => (rec(e.target).ready ??= performance.now()), { capture: true });
    const watchAll = () =>
      nextFrame(() => {
        const newly = [];
        for (const el of document.querySelectorAll("care-atlas")) {
          const r = rec(el);
          if (r.seen) continue;
          const wrap = el.shadowRoot?.querySelector(cfg.map);
          if (wrap && [...wrap.querySelectorAll("canvas")].some(inked)) {
            r.seen = true;
            newly.push(r);
          }
        }
        if (newly.length) afterPaint((t) => newly.forEach((r) => (r.painted = t)));
        watchAll();
      });
    watchAll();
    window.__bench.widgets = () => [...document.querySelectorAll("care-atlas")].map((el) => ({ ...rec(el) }));
    return;
  }

  const watchPaint = () =>
    nextFrame(() => {
      const how = drawn();
      if (how) {
        afterPaint((t) => {
          // When the last file the page had asked for by then arrived: the rest is parse, compile, draw.
          const fetched = Math.max(0, ...performance.getEntriesByType("resource").map((e) => e.responseEnd));
          Object.assign(window.__bench, { painted: t, how, fetched });
        });
      }
      else watchPaint();
    });
  watchPaint();

  // The authorities named by the visible tooltip(s): a library may keep the last one fading out
  // while it shows the next (Leaflet does), so every element matching the selector counts.
  const tipNames = () => {
    const out = new Set();
    for (const el of root()?.querySelectorAll(cfg.tip) ?? []) {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const n = longestName(el.textContent);
      if (n) out.add(n);
    }
    return out;
  };
  // Hover: arm, then the next pointermove is timed to the frame showing a name not shown before.
  let armed = null;
  window.addEventListener(
    "pointermove",
    () => {
      if (!armed) return;
      const { resolve, before } = armed;
      armed = null;
      const t0 = performance.now();
      const check = () => {
        const name = [...tipNames()].find((n) => !before.has(n));
        if (name) afterPaint((t) => resolve({ ms: t - t0, name }));
        else if (performance.now() - t0 > 500) resolve({ ms: null, name: "" });
        else nextFrame(check);
      };
      nextFrame(check);
    },
    { capture: true },
  );
  window.__bench.arm = () =>
    new Promise((resolve) => {
      armed = { resolve, before: tipNames() };
      setTimeout(() => {
        if (armed?.resolve === resolve) {
          armed = null;
          resolve({ ms: null, name: "", noEvent: true });
        }
      }, 3000);
    });
  window.__bench.armed = () => new Promise((r) => setTimeout(r, 0)).then(() => true);
  window.__bench.mapRect = () => {
    const r = q(cfg.map)?.getBoundingClientRect();
    return r && { x: r.left, y: r.top, w: Math.min(r.width, cfg.hoverWidth ?? r.width), h: r.height };
  };
  const focusIds = new WeakMap();
  let nextFocusId = 0;
  window.__bench.focused = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body || a === document.documentElement) return null;
    const part = q(cfg.part ?? cfg.map);
    const inMap = !!part && (part === a || part.contains(a));
    // Its accessible name and description, as far as a page can read them.
    const rootNode = a.getRootNode();
    const byIds = (attr) =>
      (a.getAttribute(attr) ?? "")
        .split(/\s+/)
        .map((id) => rootNode.getElementById?.(id)?.textContent ?? "")
        .join(" ")
        .trim();
    const sources = [
      ["aria-label", a.getAttribute("aria-label")],
      ["aria-labelledby", byIds("aria-labelledby")],
      ["aria-activedescendant", byIds("aria-activedescendant") || rootNode.getElementById?.(a.getAttribute("aria-activedescendant"))?.getAttribute("aria-label")],
      ["title", a.getAttribute("title") ?? a.querySelector?.(":scope > title")?.textContent],
      ["aria-describedby", byIds("aria-describedby")],
      ["text", a.textContent?.trim().slice(0, 200)],
    ];
    const [via, name] = sources.find(([, v]) => v && leadingName(v)) ?? sources.find(([, v]) => v) ?? ["", ""];
    const cls = typeof a.className === "string" && a.className ? `.${a.className.trim().split(/\s+/).join(".")}` : "";
    if (!focusIds.has(a)) focusIds.set(a, nextFocusId++);
    return { id: focusIds.get(a), what: `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ""}${cls}`, inMap, area: inMap ? leadingName(name) : "", via, name: name.slice(0, 60) };
  };
}

// ---------------------------------------------------------------------------------------------
const browser = await launch([
  // Everything but loopback goes to a proxy that is not there: no request can leave 127.0.0.1.
  "--proxy-server=http://127.0.0.1:9",
]);
const chromiumVersion = browser.version();
const started = new Date();
const load0 = loadavg()[0];

const stats = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return { median: null, p95: null, n: 0 };
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, p95: q(0.95), n: s.length };
};

/** A page of `lib` in a new context, with the probe and request accounting. */
async function openPage(lib, { bodies = false, rate = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1040, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (rate !== 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  }
  const rec = { responses: [], offsite: [], failed: [], errors: [], pending: [] };
  page.on("pageerror", (e) => rec.errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && rec.errors.push(m.text()));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("data:") && !u.startsWith("blob:") && !origins.has(new URL(u).origin)) rec.offsite.push(u);
  });
  page.on("requestfailed", (r) => rec.failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on("requestfinished", (r) => {
    const u = r.url();
    if (!u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).hostname !== "127.0.0.1") {
      rec.leaked = u;
    }
  });
  page.on("response", (resp) => {
    const entry = { url: resp.url(), type: resp.request().resourceType(), status: resp.status() };
    rec.responses.push(entry);
    if (bodies && !resp.url().startsWith("data:")) {
      rec.pending.push(
        resp.body().then(
          (b) => (entry.body = b),
          () => (entry.body = null),
        ),
      );
    }
  });
  await page.addInitScript(probe, {
    host: lib.host,
    map: lib.map,
    part: lib.part,
    tip: lib.tip,
    hoverWidth: lib.hoverWidth,
    multi: !!lib.multi,
    names: info.names,
    areas: info.areas,
  });
  return { context, page, rec };
}

async function coldLoad(lib, opts = {}) {
  const { context, page, rec } = await openPage(lib, opts);
  const url = pageUrl(lib);
  let painted = null;
  let how = null;
  let fetched = null;
  try {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__bench?.painted, null, { timeout: opts.timeout ?? 20000, polling: 50 });
    ({ painted, how, fetched } = await page.evaluate(() => ({ ...window.__bench })));
    await page.waitForTimeout(800); // requests a page makes just after drawing still count
  } catch (e) {
    rec.errors.push(`not painted: ${e.message.split("\n")[0]}`);
  }
  await Promise.all(rec.pending);
  if (rec.leaked) throw new Error(`${lib.id}: a request completed off 127.0.0.1: ${rec.leaked}`);
  await context.close();
  return { painted, how, fetched, rec };
}

function payload(rec) {
  const files = rec.responses
    .filter((r) => r.type !== "document" && r.body)
    .map((r) => {
      const b = r.body;
      return {
        path: new URL(r.url).pathname,
        raw: b.length,
        gzip: gzipSync(b, { level: 9 }).length,
        brotli: brotliCompressSync(b, {
          params: { [z.BROTLI_PARAM_QUALITY]: 11, [z.BROTLI_PARAM_LGWIN]: 22, [z.BROTLI_PARAM_SIZE_HINT]: b.length },
        }).length,
      };
    });
  const sum = (k) => files.reduce((a, f) => a + f[k], 0);
  return { files, raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") };
}

// Where the map is: a screenshot of the map's box (pointer parked outside), decoded in the page;
// a cell is "on the map" when most of its neighbourhood differs from the box's background colour
// (the commonest colour on its edge). Legends and titles pass too; their moves simply show no
// tooltip and are not samples. The same rule for every library, canvas or SVG.
async function landCells(page, rect, step = 6) {
  const clip = { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.w), height: Math.round(rect.h) };
  const png = (await page.screenshot({ clip })).toString("base64");
  return page.evaluate(
    async ({ png, step }) => {
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const c = document.createElement("canvas");
      [c.width, c.height] = [bmp.width, bmp.height];
      const ctx = c.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(bmp, 0, 0);
      const { data, width: w, height: h } = ctx.getImageData(0, 0, c.width, c.height);
      const px = (x, y) => (y * w + x) * 4;
      const counts = new Map();
      for (let x = 0; x < w; x++) for (const y of [0, h - 1]) { const i = px(x, y); const k = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]; counts.set(k, (counts.get(k) ?? 0) + 1); }
      for (let y = 0; y < h; y++) for (const x of [0, w - 1]) { const i = px(x, y); const k = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]; counts.set(k, (counts.get(k) ?? 0) + 1); }
      const bg = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      const [br, bgc, bb] = [bg >> 16, (bg >> 8) & 255, bg & 255];
      const off = (x, y) => { const i = px(x, y); return Math.abs(data[i] - br) + Math.abs(data[i + 1] - bgc) + Math.abs(data[i + 2] - bb) > 30; };
      const cells = [];
      for (let y = step; y < h - step; y += step)
        for (let x = step; x < w - step; x += step) {
          let n = 0;
          for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) n += off(x + dx, y + dy);
          if (n >= 9) cells.push([x, y]);
        }
      return cells;
    },
    { png, step },
  );
}

// Deterministic pseudo-random points (an LCG) among the map's cells, each far from the last.
function points(rect, cells, n) {
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const out = [];
  let last = [-1e9, -1e9];
  const far = Math.min(rect.w, rect.h) / 6;
  for (let tries = 0; out.length < n && tries < n * 50; tries++) {
    const [cx, cy] = cells[Math.floor(rnd() * cells.length)];
    const p = [rect.x + cx, rect.y + cy];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) < far) continue;
    out.push(p);
    last = p;
  }
  return out;
}

/** What one library's hover turns keep between its pages: the points, the samples, the errors. */
const hoverState = (lib) => ({ lib, errors: [], cells: 0, pts: null, next: 0, samples: [], moves: 0 });

/** Opens `h`'s page ready for hovering: loaded, settled, pointer parked. The map's cells are
 *  found and the points drawn on the first opening (the map is in the same place on every one). */
async function hoverOpen(h) {
  const { context, page, rec } = await openPage(h.lib);
  rec.errors = h.errors;
  Object.assign(h, { context, page, warm: 10 });
  await page.goto(pageUrl(h.lib));
  await page.waitForFunction(() => window.__bench?.painted, null, { timeout: 20000, polling: 50 });
  await page.mouse.move(1035, 995);
  await page.waitForTimeout(1500); // let entry animations (line charts) finish
  if (!h.pts) {
    const rect = await page.evaluate(() => window.__bench.mapRect());
    const cells = await landCells(page, rect);
    h.cells = cells.length;
    h.pts = points(rect, cells, HOVERS * 6);
  }
}

/** Moves the pointer until `want` more samples (or the points run out). */
async function hoverSome(h, want) {
  const goal = h.samples.length + want;
  while (h.samples.length < goal && h.next < h.pts.length) {
    const [x, y] = h.pts[h.next++];
    const result = h.page.evaluate(() => window.__bench.arm());
    await h.page.evaluate(() => window.__bench.armed());
    await h.page.mouse.move(x, y);
    const r = await result;
    h.moves++;
    if (process.env.BENCH_DEBUG) console.log(h.lib.id, x.toFixed(0), y.toFixed(0), JSON.stringify(r));
    if (r.ms === null) continue;
    if (h.warm > 0) h.warm--;
    else h.samples.push(r.ms);
  }
}

async function keyboard(lib) {
  const { context, page } = await openPage(lib);
  await page.goto(pageUrl(lib));
  await page.waitForFunction(() => window.__bench?.painted, null, { timeout: 20000, polling: 50 });
  const stops = [];
  let reached = null;
  let arrowsTried = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => window.__bench.focused());
    if (!f) {
      if (stops.length) break; // back to the document: the cycle is done
      continue;
    }
    if (stops.some((x) => x.id === f.id)) break; // round to a stop seen before
    stops.push(f);
    if (f.area) reached = { ...f, keys: "Tab" };
    else if (f.inMap && !arrowsTried) {
      // A map may take one Tab stop and move between areas with the arrow keys: try once.
      arrowsTried = true;
      await page.keyboard.press("ArrowRight");
      const g = await page.evaluate(() => window.__bench.focused());
      if (g?.area) reached = { ...g, keys: "Tab, then an arrow key" };
    }
  }
  await context.close();
  const inMap = [...new Set(stops.filter((s) => s.inMap).map((s) => (s.name ? `${s.what} "${s.name}"` : s.what)))];
  return { yes: !!reached, reached, stops: stops.length, inMap };
}

/** What one library's year-change turns keep between its pages. */
const yearState = (lib) => ({ lib, errors: [], presses: 0, samples: [], firsts: [], wholes: [], missed: 0 });

/** Opens `y`'s page ready for year changes: loaded, settled, pointer parked, its year slider
 *  focused, the warm-up presses made. */
async function yearOpen(y) {
  const { lib } = y;
  const { context, page, rec } = await openPage(lib);
  rec.errors = y.errors;
  Object.assign(y, { context, page, warm: 4 });
  await page.goto(pageUrl(lib));
  await page.waitForFunction(() => window.__bench?.painted, null, { timeout: 20000, polling: 50 });
  await page.mouse.move(1035, 995);
  await page.waitForTimeout(1500);
  const focused = await page.evaluate(
    ({ host, slider }) => {
      const root = host ? document.querySelector(host).shadowRoot : document;
      const s = root.querySelector(slider);
      s?.focus();
      return !!s && (host ? root.activeElement === s : document.activeElement === s);
    },
    { host: lib.host, slider: lib.slider ?? "#year" },
  );
  if (!focused) throw new Error(`${lib.id}: its year slider could not be focused`);
  await yearSome(y, 0); // the warm-up presses
}

/** One turn of `want` samples of `x` (hover or year state) with its library's page the only page
 *  open: opened, sampled, closed. With every library's page open at once, the others' frames and
 *  timers (eight renderers on two cores) made the slow 5% of the samples: care-atlas's hover p95
 *  was 19 ms among eight pages and 3.7 ms beside one. */
async function turn(x, open, some, want) {
  x.context = null;
  try {
    await open(x);
    await some(x, want);
  } finally {
    await x.context?.close();
  }
}

/** Presses ArrowLeft / ArrowRight in turn until `want` more samples. */
async function yearSome(y, want) {
  const goal = y.samples.length + want;
  for (let tries = 0; (y.warm > 0 || y.samples.length < goal) && tries < want * 3 + 12; tries++) {
    const key = y.presses++ % 2 === 0 ? "ArrowLeft" : "ArrowRight";
    const result = y.page.evaluate(() => window.__bench.armYear());
    await y.page.evaluate(() => window.__bench.armed());
    await y.page.keyboard.press(key);
    const r = await result;
    if (process.env.BENCH_DEBUG) console.log(y.lib.id, key, JSON.stringify(r));
    if (r.done === null) {
      y.missed++;
      continue;
    }
    if (y.warm > 0) y.warm--;
    else {
      y.samples.push(r.done);
      y.firsts.push(r.first);
      y.wholes.push(r.whole);
    }
  }
}

/** Ten widgets on one page, one after another: each one's connection → its first inked frame. */
async function multiSequential(multi) {
  const { context, page, rec } = await openPage(multi);
  await page.goto(pageUrl(multi), { waitUntil: "commit" });
  const painted = (n) => page.waitForFunction((k) => window.__bench.widgets?.().filter((w) => w.painted !== null).length >= k, n, { timeout: 20000, polling: 20 });
  await painted(1);
  for (let n = 2; n <= 10; n++) {
    await page.evaluate(() => window.__addAtlas());
    await painted(n);
  }
  await page.waitForTimeout(300); // ready events that come after the ink
  const { widgets, connected } = await page.evaluate(() => ({ widgets: window.__bench.widgets(), connected: window.__connected }));
  await context.close();
  if (rec.errors.length) throw new Error(`ten widgets: ${rec.errors.join(" | ")}`);
  return widgets.map((w, i) => ({ paint: w.painted - connected[i], ready: w.ready === null ? null : w.ready - connected[i] }));
}

/** Ten widgets in the page from the start: when the first and the last have painted. */
async function multiStatic(multi) {
  const { context, page, rec } = await openPage(multi);
  await page.goto(`${pageUrl(multi)}?mode=static`, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__bench.widgets?.().filter((w) => w.painted !== null).length >= 10, null, { timeout: 30000, polling: 20 });
  const widgets = await page.evaluate(() => window.__bench.widgets());
  await context.close();
  if (rec.errors.length) throw new Error(`ten widgets: ${rec.errors.join(" | ")}`);
  const t = widgets.map((w) => w.painted).sort((a, b) => a - b);
  return { first: t[0], last: t[9] };
}

/** Times a fixed loop in a fresh page at each rate, three times (median): is the renderer slowed? */
async function throttleCheck() {
  const out = Object.fromEntries(RATES.map((r) => [r, []]));
  for (let i = 0; i < 3; i++) {
    for (const rate of RATES) {
      const { context, page } = await openPage(LIBS.find((l) => l.id === "floor") ?? LIBS[0], { rate });
      await page.goto(new URL("bench/data/info.json", base).href);
      out[rate].push(
        await page.evaluate(() => {
          const t0 = performance.now();
          let x = 0;
          for (let i = 0; i < 3e7; i++) x = (x + i * 7) % 1000003;
          return performance.now() - t0 + x * 0;
        }),
      );
      await context.close();
    }
  }
  return Object.fromEntries(RATES.map((r) => [r, stats(out[r]).median]));
}

// ---------------------------------------------------------------------------------------------
if (AB) {
  // The two builds: cold loads, then hover, then year change, each alternating A and B.
  const [a, b] = LIBS;
  console.log(`A/B: care-atlas first paint, hover and year change, ${TURNS} turns, ${LOADS} cold loads at each of ${RATES.map((r) => `${r}×`).join(", ")} CPU, ${HOVERS} hovers and ${YEARS} year changes per build`);
  console.log(`  A: ${a.where} (${a.base})\n  B: ${b.where} (${b.base})`);
  console.log(`Chromium ${chromiumVersion}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} at start`);
  const t0 = Date.now();
  // Cold loads, A and B in turn (the order swapped each load), one warm-up each, discarded.
  const loads = RATES.map(() => [[], []]);
  const loadErrors = [[], []];
  for (const [k, rate] of RATES.entries()) {
    for (let i = -1; i < LOADS; i++) {
      for (const j of i % 2 ? [1, 0] : [0, 1]) {
        const r = await coldLoad(LIBS[j], { rate });
        if (i >= 0 && r.painted !== null) loads[k][j].push(r.painted);
        loadErrors[j].push(...r.rec.errors);
      }
    }
  }
  const hs = [hoverState(a), hoverState(b)];
  for (let t = 0; t < TURNS; t++) {
    for (const h of t % 2 ? [...hs].reverse() : hs) await turn(h, hoverOpen, hoverSome, Math.ceil(HOVERS / TURNS));
  }
  const ys = [yearState(a), yearState(b)];
  for (let t = 0; t < TURNS; t++) {
    for (const y of t % 2 ? [...ys].reverse() : ys) await turn(y, yearOpen, yearSome, Math.ceil(YEARS / TURNS));
  }
  await browser.close();
  const f = (x) => (x === null ? "—" : x.toFixed(1));
  const line = (what, xs) => {
    const t = stats(xs);
    return `${what} median ${f(t.median)} / p95 ${f(t.p95)} ms (n=${t.n})`;
  };
  for (const i of [0, 1]) {
    const lib = LIBS[i];
    const errors = [...new Set([...loadErrors[i], ...hs[i].errors, ...ys[i].errors])];
    const painted = RATES.map((rate, k) => line(`painted at ${rate}×`, loads[k][i])).join("; ");
    console.log(`${lib.ab}: ${painted}; ${line("hover", hs[i].samples)}; ${line("year change", ys[i].samples)}, first changed frame ${f(stats(ys[i].firsts).median)}, ${line("map and words", ys[i].wholes)}; ${ys[i].missed} presses showed no change${errors.length ? `; errors: ${errors.join(" | ")}` : ""}`);
  }
  console.log(`${((Date.now() - t0) / 60000).toFixed(1)} min; load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} at the end`);
  process.exit(0);
}
const t00 = Date.now();
const elapsed = () => `${((Date.now() - t00) / 60000).toFixed(1)} min`;
console.log(`side-by-side benchmark: ${LIBS.length} pages, ${LOADS} rounds of cold loads at ${RATES.map((r) => `${r}×`).join(" and ")} CPU (+1 warm-up), ${HOVERS} hovers and ${YEARS} year changes each, ${MULTI} rounds of ten widgets`);
console.log(`Chromium ${chromiumVersion}, ${cpus().length} cores, load average ${load0.toFixed(2)} at start`);
const throttle = await throttleCheck();
const throttleText = RATES.map((r) => `${r}×: ${throttle[r].toFixed(0)} ms (${(throttle[r] / throttle[RATES[0]]).toFixed(2)}×)`).join(", ");
console.log(`  CPU throttling check, a fixed loop: ${throttleText}`);
const R = Object.fromEntries(LIBS.map((l) => [l.id, { loads: Object.fromEntries(RATES.map((r) => [r, []])), fetched: [], how: null }]));

// Warm-up round: also where the payload is read (bodies are fetched only here, so the timed loads
// carry no extra CDP traffic). A page that does not draw here is not timed.
for (const lib of LIBS) {
  const r = await coldLoad(lib, { bodies: true, timeout: lib.checkOnly ? 8000 : 20000 });
  Object.assign(R[lib.id], {
    payload: payload(r.rec),
    drew: r.painted !== null,
    how: r.how,
    offsite: [...new Set(r.rec.offsite)],
    failed: [...new Set(r.rec.failed)],
    errors: r.rec.errors,
  });
  const p = R[lib.id].payload;
  console.log(`  ${lib.id}: warm-up ${r.painted?.toFixed(0) ?? "—"} ms (${r.how ?? "not drawn"}), ${p.files.length} files, ${(p.gzip / 1024).toFixed(1)} KB gzip${R[lib.id].offsite.length ? `, blocked off-host: ${R[lib.id].offsite.join(" ")}` : ""}${r.rec.errors.length ? `, errors: ${[...new Set(r.rec.errors)].join(" | ")}` : ""}`);
}
const timed = LIBS.filter((l) => !l.checkOnly && R[l.id].drew);
for (let round = 0; round < LOADS; round++) {
  // Rotate the order of the pages each round, and of the rates every other round.
  const order = timed.map((_, i) => timed[(i + round) % timed.length]);
  const rates = round % 2 ? [...RATES].reverse() : RATES;
  for (const lib of order) {
    for (const rate of rates) {
      const r = await coldLoad(lib, { rate });
      R[lib.id].loads[rate].push(r.painted);
      if (rate === 1) R[lib.id].fetched.push(r.painted === null ? null : r.fetched);
      if (r.rec.errors.length) R[lib.id].loadErrors = r.rec.errors;
    }
  }
  process.stdout.write(`  cold loads: round ${round + 1}/${LOADS} done (${elapsed()})\n`);
}
// Hover, then year change: in turns of a fifth, the libraries in the same order each turn, so
// machine noise is shared; each library's page is the only page open during its turn (see turn()).
const hovering = timed.map(hoverState);
for (let t = 0; t < PAGE_TURNS; t++) {
  for (const h of hovering) await turn(h, hoverOpen, hoverSome, Math.ceil(HOVERS / PAGE_TURNS));
}
for (const h of hovering) {
  R[h.lib.id].hover = { ...stats(h.samples.slice(0, HOVERS)), moves: h.moves, cells: h.cells, errors: h.errors };
  const x = R[h.lib.id].hover;
  console.log(`  ${h.lib.id}: hover n=${x.n} from ${x.moves} moves (${x.cells} map cells), median ${x.median?.toFixed(1) ?? "—"} ms`);
}
const yearing = timed.map(yearState);
for (let t = 0; t < PAGE_TURNS; t++) {
  for (const y of yearing) await turn(y, yearOpen, yearSome, Math.ceil(YEARS / PAGE_TURNS));
}
for (const y of yearing) {
  R[y.lib.id].year = { ...stats(y.samples.slice(0, YEARS)), first: stats(y.firsts.slice(0, YEARS)), whole: stats(y.wholes.slice(0, YEARS)), presses: y.presses, missed: y.missed, errors: y.errors };
  const x = R[y.lib.id].year;
  console.log(`  ${y.lib.id}: year change n=${x.n} from ${x.presses} presses (${x.missed} showed no change), median ${x.median?.toFixed(1) ?? "—"} ms (${elapsed()})`);
}
// Ten widgets on one page (care-atlas only), 1× CPU.
const multiLib = { id: "multi", multi: true, path: "bench/multi/", map: ".map-wrap" };
const multi = { seq: [], stat: [] };
if (!only || only.includes("care-atlas")) {
  for (let round = 0; round < MULTI; round++) {
    multi.seq.push(await multiSequential(multiLib));
    multi.stat.push(await multiStatic(multiLib));
  }
  console.log(`  ten widgets: ${MULTI} rounds done (${elapsed()})`);
}
for (const lib of timed) R[lib.id].keyboard = await keyboard(lib);
await browser.close();

// ---------------------------------------------------------------------------------------------
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (v) => (v === null ? "—" : `${v.toFixed(v < 10 ? 1 : 0)}`);
const care = R["care-atlas"];
const median = (id, rate) => (R[id] && R[id].drew ? stats(R[id].loads[rate]).median : null);
const rows = LIBS.map((lib) => {
  const r = R[lib.id];
  const size = `${kb(r.payload.raw)} / ${kb(r.payload.gzip)} / ${kb(r.payload.brotli)}`;
  const none = RATES.map(() => "—");
  if (!r.drew) {
    const why = r.offsite.length ? `not drawn: off-host request blocked` : "not drawn";
    return [lib.name, `${size} + blocked`, why, ...none.slice(1), "—", "—", "—", "—"];
  }
  if (lib.checkOnly) return [lib.name, size, "drawn (not timed)", ...none.slice(1), "—", "—", "—", "—"];
  const painted = RATES.map((rate) => {
    const t = stats(r.loads[rate]);
    const notDrawn = r.loads[rate].filter((x) => x === null).length;
    return t.n ? `${ms(t.median)} / ${ms(t.p95)}${notDrawn ? ` (${notDrawn} not drawn)` : ""}` : "not drawn";
  });
  const ratio = RATES.map((rate) => {
    const a = median(lib.id, rate);
    const c = median("care-atlas", rate);
    return a && c ? (a / c).toFixed(2) : "—";
  }).join(" / ");
  const y = r.year;
  return [
    lib.name,
    size,
    ...painted,
    ratio,
    r.hover.n ? `${ms(r.hover.median)} / ${ms(r.hover.p95)}` : "no tooltip seen",
    y?.n ? `${ms(y.median)} / ${ms(y.p95)}` : "—",
    r.keyboard.yes ? (r.keyboard.reached.keys === "Tab" ? "yes" : "yes, Tab then arrows") : "no",
  ];
});
const head = [
  "library",
  "payload raw / gzip / brotli",
  ...RATES.map((r) => `painted ms at ${r}× CPU, median / p95`),
  `÷ care-atlas (${RATES.map((r) => `${r}×`).join(" / ")})`,
  "hover ms median / p95",
  "year change ms median / p95",
  "keyboard reaches an area",
];
const table = mdTable(head, rows);
function mdTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

// The issue's measures: care-atlas's median first paint over d3's and over the floor's, per rate.
const goal = RATES.map((rate) => {
  const c = median("care-atlas", rate);
  const d = median("d3", rate);
  const f = median("floor", rate);
  const part = (x, name) => (c && x ? `${(c / x).toFixed(2)}× ${name}'s (${name} ${(x / c).toFixed(2)}× care-atlas's)` : `— × ${name}'s`);
  // The goal in milliseconds beside the floor's own time: whether even the floor would meet it.
  const target = d && f ? `; the goal, 0.6× d3's, is ${(0.6 * d).toFixed(0)} ms, the floor's median ${f.toFixed(0)} ms` : "";
  return `- at ${rate}× CPU: care-atlas's median time to painted is ${part(d, "d3")}; ${part(f, "floor")}${target}`;
}).join("\n");

// Ten widgets.
let multiText = "";
if (multi.seq.length) {
  const nth = (n, k) => stats(multi.seq.map((w) => w[n][k]));
  const mrows = Array.from({ length: 10 }, (_, n) => {
    const p = nth(n, "paint");
    const rd = nth(n, "ready");
    return [`${n + 1}`, `${ms(p.median)} / ${ms(p.p95)}`, rd.n ? `${ms(rd.median)} / ${ms(rd.p95)}` : "—"];
  });
  const ratios = stats(multi.seq.map((w) => w[9].paint / w[0].paint));
  const first = stats(multi.stat.map((s) => s.first));
  const last = stats(multi.stat.map((s) => s.last));
  multiText = `### Ten widgets on one page (care-atlas, authority map, 1× CPU, ${multi.seq.length} rounds)

${mdTable(["widget", "connected → first inked frame, ms median / p95", "connected → care-atlas-ready, ms median / p95"], mrows)}

- The tenth's time to paint ÷ the first's: **${ratios.median.toFixed(2)}** (median of the rounds' ratios; range ${Math.min(...multi.seq.map((w) => w[9].paint / w[0].paint)).toFixed(2)}–${Math.max(...multi.seq.map((w) => w[9].paint / w[0].paint)).toFixed(2)}).
- One after another: the first is connected while the page is parsed, so its time includes fetching the entry, glue and wasm, compiling and instantiating, decoding and drawing; each next one is connected once the one before has painted, so its time is that element's own work.
- All ten in the page from the start: the first painted at ${ms(first.median)} ms and the last at ${ms(last.median)} ms from navigation start (medians).
`;
}

const date = started.toISOString().slice(0, 16).replace("T", " ");
const load1 = loadavg()[0];
const env = `${date} UTC · Chromium ${chromiumVersion} (headless, --disable-gpu) · ${cpus().length} cores (${cpus()[0]?.model.trim()}), load average ${load0.toFixed(2)} at start and ${load1.toFixed(2)} at the end, shared with other work · Node ${process.version} · ${elapsed()}`;
const runs = `${widgetCommit}. ${LOADS} rounds of cold loads per library at each of ${RATES.map((r) => `${r}×`).join(", ")} CPU (+1 warm-up, discarded), ${HOVERS} hover samples and ${YEARS} year changes per library at 1×, in ${PAGE_TURNS} turns with only that library's page open (+10 warm-up moves and 4 warm-up presses per page), viewport 1040×1000 at DPR 1. CPU throttling check (a fixed loop): ${throttleText}`;

const notes = [];
for (const lib of LIBS) {
  const r = R[lib.id];
  const byKind = {};
  for (const f of r.payload.files) {
    const ext = f.path.split(".").pop();
    const kind = { js: "JS", mjs: "JS", wasm: "wasm", css: "CSS", json: "data", png: "images" }[ext] ?? ext;
    byKind[kind] = (byKind[kind] ?? 0) + f.gzip;
  }
  const kinds = Object.entries(byKind)
    .map(([k2, v]) => `${k2} ${kb(v)}`)
    .join(", ");
  const facts = [`payload (gzip) ${kinds}, from ${r.payload.files.map((f) => f.path).join(", ")}`];
  facts.push(r.drew ? `drawn as ${r.how}` : "the map never drew");
  const f = stats(r.fetched);
  if (f.n) facts.push(`at 1×, median ${ms(f.median)} ms to the last byte of the files asked for by then, so ${ms(stats(r.loads[1] ?? []).median - f.median)} ms of the median painted time came after it (parse, compile, draw)`);
  if (r.hover) facts.push(`hover: ${r.hover.n} samples from ${r.hover.moves} moves`);
  if (r.year) facts.push(`year change: ${r.year.n} samples from ${r.year.presses} presses${r.year.missed ? ` (${r.year.missed} showed no change within 2 s)` : ""}, first changed frame median ${ms(r.year.first.median)} ms; to the frame from which the map and the text in its element (or page) stay as they end, median ${ms(r.year.whole.median)} / p95 ${ms(r.year.whole.p95)} ms`);
  const k = r.keyboard;
  if (k) {
    facts.push(
      k.yes
        ? `keyboard: ${k.reached.keys === "Tab" ? `Tab stop ${k.stops}` : `Tab stop ${k.stops} and an arrow key`} reached ${k.reached.what}, named "${k.reached.name}" by its ${k.reached.via}`
        : `keyboard: ${k.stops} Tab stop(s)${k.inMap.length ? `, in the map: ${k.inMap.join(", ")}` : ", none in the map"}`,
    );
  }
  if (r.offsite.length) facts.push(`blocked off-host requests: ${r.offsite.join(", ")}`);
  const errors = [...new Set([...r.errors, ...(r.loadErrors ?? []), ...(r.hover?.errors ?? []), ...(r.year?.errors ?? [])])];
  if (errors.length) facts.push(`page errors: ${errors.join(" | ").slice(0, 300)}`);
  notes.push(`- **${lib.name}**: ${lib.page}. ${facts.join("; ")}.`);
}

const versions = LIBS.filter((l) => l.versions)
  .map((l) => `- ${l.versions}`)
  .join("\n");
const figures = Object.values(R)
  .flatMap((r) => r.payload.files)
  .find((f) => f.path.endsWith("cla.json"));
const out = `# care-atlas and its peers, side by side

${env}

${runs}. The task: a choropleth of England's ${info.areas} upper-tier local authorities (2025 boundaries)
coloured by children looked after per 10,000 children (2025 at start), a hover tooltip, a year
slider, and a two-line trend chart (County Durham against England). Peers load the boundaries as
one TopoJSON file (${kb(info.topojson.raw)}, ${kb(info.topojson.gzip)} gzip, ${info.topojson.points} points, ${
  info.geometry === "care-atlas"
    ? "care-atlas's own simplified boundaries\ntaken from its compiled bundle by `cargo xtask bench`, so every page draws the same points, in longitude/latitude, quantised at 1e5"
    : "cut from ONS's file at benchmark\ntime and quantised at 1e5 (`--geometry ons`)"
}; as GeoJSON it would be ${kb(info.geojson.raw)}, ${kb(info.geojson.gzip)} gzip) and the figures as a
${kb(figures?.raw ?? 0)} JSON file (one measure, ${info.years[0]}–${info.years.at(-1)}, one trend); care-atlas carries its core
data inside its wasm${bundle ? ` (data/care-atlas.bin's core frame, ${kb(bundle.raw)}, ${kb(bundle.gzip)} gzip on its own; its own simplified geometry for every year: ${bundle.geometry})` : ""}
and fetches other measures' packs when they are first shown.

${table}

First paint, care-atlas against d3 and the floor (issue 13's goal: at most 0.6× d3's time; the floor is the lower bound):
${goal}

${multiText}
Payload: every response but the HTML page, as served, then gzip -9 / brotli q11 per file. Painted:
navigation start → end of the first frame with the map drawn, in a fresh context (cold cache);
÷ care-atlas is a library's median over care-atlas's at each rate. Hover: real mouse move → end of
the first frame whose tooltip names the new area. Year change: real key press on the focused year
slider (care-atlas's own; a native slider calling each peer's setYear) → end of the first frame
showing the map as it stays (a peer's setYear recolours only its map; care-atlas also updates its
title, legend, trend mark and table). Keyboard: up to 40 Tabs, is an area focused? Method details
are in the header of \`benches/compare.mjs\`; reproduce with \`cargo xtask bench\`.

Read with care:
- The pages are served from 127.0.0.1 without compression, and the network is not throttled at
  4× CPU, so payload size barely shows in the time to painted here; on a real network it would
  (at 10 Mbit/s, 100 KB takes 80 ms).
- The machine has 2 cores shared with other engineers' builds and tests; loads and turns are
  interleaved across libraries so that noise falls on all of them, but a single run's p95 is noisy.
- care-atlas does more per hover than the peer pages: its trend chart follows the hovered area.
- Plotly throttles hover handling, so its hover figure depends on how close together moves come.
${
  info.geometry === "care-atlas"
    ? ""
    : `- The peers and the floor draw ONS's boundaries as cut here, which have more points than
  care-atlas's own simplified geometry (counts above); the run quoted in issue 13 gave the peers
  care-atlas's geometry instead, so its peer and floor ratios are not one-to-one with these.
`
}- The floor has no legend, controls, chart or text: it bounds the cost of painting the map, not of
  a usable widget.
- Frame ends are the end of the frame's main-thread work. Canvas drawing (software here, as
  Chromium runs with --disable-gpu) happens on the main thread and is counted; rasterising SVG and
  DOM happens after it on other threads and is not. So a year change is cheaper to *count* for an
  SVG page (a few attributes) than for a canvas page that redraws every area, floor included.

## What each page contains, and what the run saw

${notes.join("\n")}

## Versions

${versions}
`;

console.log(`\n${env}\n${runs}\n\n${table}\n\n${goal}\n\n${multiText}`);
if (write) {
  writeFileSync(join(here, "results.md"), out);
  console.log("wrote benches/results.md");
}
