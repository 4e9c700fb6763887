// Interaction benchmark: how long a pointer move takes to repaint the map,
// and a year change to repaint everything, on the authority map (or the
// region map with --level region). Prints median and p95; not a test.
//
//   cargo xtask site && cargo xtask bench      (serves target/site and runs this)
//   node benches/interaction.mjs http://127.0.0.1:8000/ [--level la|region]
import { launch, open, settled, embedPage } from "../tests/page/harness.mjs";

const args = process.argv.slice(2);
const level = args.includes("--level") ? args[args.indexOf("--level") + 1] : "la";
const base = args.find((a) => a.startsWith("http")) ?? process.env.CARE_ATLAS_URL ?? "http://127.0.0.1:8000/";
// The harness reads CARE_ATLAS_URL when imported (before this line runs):
// the page is opened by its absolute URL instead.

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms (n=${s.length})`;
};

const browser = await launch();
const html = embedPage(`<div style="width:1000px"><care-atlas level="${level}" measure="cla_rate" view="map+trend"></care-atlas></div>`);
const { page } = await open(browser, { path: new URL("bench.html", base).href, html, width: 1040, height: 1000 });
await page.goto(new URL("bench.html", base).href);
const state = await settled(page);
if (state !== "ready") {
  console.error(`the widget did not start: ${state}`);
  process.exit(1);
}
const result = await page.evaluate(async () => {
  const el = document.querySelector("care-atlas");
  const overlay = el.shadowRoot.querySelector(".overlay");
  const r = overlay.getBoundingClientRect();
  const frame = () => new Promise((res) => requestAnimationFrame(() => res(performance.now())));
  const areas = Number(el.shadowRoot.querySelector("canvas.map").getAttribute("aria-label").match(/ (\d+) local authorities| England's (\d+) regions/)?.slice(1).find(Boolean) ?? 0);
  // A grid of points over the map: most land on an area, moving between areas.
  const pts = [];
  for (let y = 0.05; y < 1; y += 0.07) for (let x = 0.05; x < 1; x += 0.07) pts.push([r.left + x * r.width, r.top + y * r.height]);
  const hover = [];
  const hoverFrame = [];
  for (let round = 0; round < 3; round++) {
    for (const [x, y] of pts) {
      const t0 = performance.now();
      overlay.dispatchEvent(new PointerEvent("pointermove", { clientX: x, clientY: y, bubbles: true }));
      hover.push(performance.now() - t0);
      hoverFrame.push((await frame()) - t0);
    }
  }
  const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
  const year = [];
  const yearFrame = [];
  for (let round = 0; round < 6; round++) {
    for (const y of years) {
      const t0 = performance.now();
      el.setYear(y);
      year.push(performance.now() - t0);
      yearFrame.push((await frame()) - t0);
    }
  }
  return { areas, hover, hoverFrame, year, yearFrame };
});
console.log(`care-atlas interaction benchmark, ${level} map (${result.areas} areas), headless Chromium`);
console.log(`pointer move → map repainted (handler):     ${stats(result.hover)}`);
console.log(`pointer move → next frame:                  ${stats(result.hoverFrame)}`);
console.log(`year change → map, legend, table repainted: ${stats(result.year)}`);
console.log(`year change → next frame:                   ${stats(result.yearFrame)}`);
await browser.close();
