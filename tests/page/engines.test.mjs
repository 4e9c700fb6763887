// The two engines (src/web/engine.rs): a page loads the core engine, which
// draws maps, trends and tables; bars, the scatter, statistical neighbours, a
// page's own figures and the query API are the full engine's, loaded on first
// use. An element moves onto the full engine keeping the reader's year and
// selection, and a full engine that cannot load is a named error in the
// widget that needed it, never a box stuck on "Loading".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, settled, embedPage } from "./harness.mjs";

const CORE = "/pkg/care_atlas_bg.wasm";
const FULL = "/pkg/care_atlas_full_bg.wasm";
/** The engine modules a page fetched, by path, in order. */
const modules = (log) => log.requests.map((u) => new URL(u).pathname).filter((p) => p.endsWith(".wasm"));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** How many options the bars' or scatter's listbox has (0 while neither is drawn). */
const chartItems = (page) =>
  page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelectorAll(".chart-wrap [role=listbox] [role=option]").length);

const CASES = [
  { name: "the default view", body: "<care-atlas></care-atlas>", want: [CORE] },
  { name: "an authority map with a table view", body: '<care-atlas level="la" view="table"></care-atlas>', want: [CORE] },
  { name: "tabs of map, trend and table", body: '<care-atlas tabs="map,trend,table"></care-atlas>', want: [CORE] },
  { name: "bars", body: '<care-atlas view="bars"></care-atlas>', want: [FULL], chart: true },
  { name: "a scatter tab", body: '<care-atlas tabs="map,scatter" view="scatter"></care-atlas>', want: [FULL], chart: true },
  { name: "statistical neighbours", body: '<care-atlas level="la" compare="neighbours" highlight="E06000047"></care-atlas>', want: [FULL] },
  { name: "the page's own figures", body: '<care-atlas><script type="text/csv">area_code,year,value\nE12000001,2025,5</script></care-atlas>', want: [FULL] },
];

for (const c of CASES) {
  test(`${c.name}: the page fetches ${c.want[0] === CORE ? "the core engine" : "the full engine"} alone`, async () => {
    const { page, context, log, url } = await open(browser, { path: "engines.html", html: embedPage(c.body) });
    await page.goto(url);
    assert.equal(await settled(page), "ready");
    if (c.chart) assert.ok((await chartItems(page)) > 0, "the chart is drawn");
    assert.deepEqual(modules(log), c.want);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("a widget whose attributes come to ask for bars moves onto the full engine, keeping the reader's year and selection", async () => {
  const { page, context, log, url } = await open(browser, { path: "engines-move.html", html: embedPage('<care-atlas level="la"></care-atlas>') });
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  await page.evaluate(() => {
    const el = document.querySelector("care-atlas");
    el.setYear(2019);
    el.select(["E06000047", "E08000021"]);
  });
  assert.deepEqual(modules(log), [CORE]);
  // Written as a page might: the engine, not the entry's hint, decides.
  await page.evaluate(() => document.querySelector("care-atlas").setAttribute("view", " Bars "));
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelectorAll(".chart-wrap [role=option]").length > 0);
  const r = await page.evaluate(() => {
    const el = document.querySelector("care-atlas");
    const root = el.shadowRoot;
    return {
      year: el.currentYear,
      selected: el.selectedAreas,
      title: root.querySelector(".title").textContent,
      loading: root.querySelector(".loading")?.hidden ?? true,
      selectedBars: [...root.querySelectorAll(".chart-wrap [role=option][aria-selected=true]")].map((o) => o.textContent.split(":")[0]),
    };
  });
  assert.equal(r.year, 2019);
  assert.deepEqual(r.selected, ["E06000047", "E08000021"]);
  assert.match(r.title, /2019/);
  assert.equal(r.loading, true, "the loading line is gone");
  assert.deepEqual(r.selectedBars.sort(), ["County Durham", "Newcastle upon Tyne"]);
  assert.deepEqual(modules(log), [CORE, FULL]);
  // A widget added now starts on the full engine: nothing more is fetched.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement("care-atlas"), { id: "late" })));
  assert.equal(await settled(page, "#late"), "ready");
  assert.deepEqual(modules(log), [CORE, FULL]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("a full engine that cannot be loaded is named in the widget that needed it; the others draw on", async () => {
  const html = embedPage('<care-atlas id="core"></care-atlas><care-atlas id="later"></care-atlas>');
  const { page, context, log, url } = await open(browser, { path: "engines-missing.html", html });
  await page.route(`**${FULL}`, (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "not found" }));
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url);
  for (const id of ["#core", "#later"]) assert.equal(await settled(page, id), "ready", id);
  const detail = page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.querySelector("#later");
        el.addEventListener("care-atlas-error", (e) => resolve(e.detail), { once: true });
        el.setAttribute("view", "scatter");
      }),
  );
  const d = await detail;
  assert.equal(d.kind, "load");
  assert.match(d.message, /care_atlas_full_bg\.wasm answered 404/);
  const shown = await page.evaluate(() => {
    const root = document.querySelector("#later").shadowRoot;
    return root.querySelector("[role=alert]")?.textContent ?? "";
  });
  assert.match(shown, /care_atlas_full_bg\.wasm answered 404 Not Found; care_atlas_full_bg\.wasm must be served beside care-atlas\.js/);
  assert.ok(errors.some((e) => /care_atlas_full_bg\.wasm answered 404/.test(e)), errors.join("\n"));
  // The other widget still answers and draws.
  const year = await page.evaluate(() => {
    const el = document.querySelector("#core");
    el.setYear(2015);
    return el.currentYear;
  });
  assert.equal(year, 2015);
  assert.equal(await page.evaluate(() => document.querySelector("#core").shadowRoot.querySelector(".title").textContent.includes("2015")), true);
  // Nothing went to another site or failed unannounced.
  assert.deepEqual(log.errors.filter((e) => !/care_atlas_full_bg|404/.test(e)), []);
  await context.close();
});

/** Holds the full engine's module back until `release()` (a slow network). */
async function holdFull(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(`**${FULL}`, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test("a year or selection set with the view that needs the full engine is the one shown", async () => {
  const { page, context, log, url } = await open(browser, { path: "engines-together.html", html: embedPage('<care-atlas level="la"></care-atlas>') });
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  await page.evaluate(() => {
    const el = document.querySelector("care-atlas");
    el.setAttribute("year", "2016");
    el.setAttribute("selected", "E06000047");
    el.setAttribute("view", "bars");
  });
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelectorAll(".chart-wrap [role=option]").length > 0);
  const r = await page.evaluate(() => {
    const el = document.querySelector("care-atlas");
    return { year: el.currentYear, selected: el.selectedAreas, title: el.shadowRoot.querySelector(".title").textContent };
  });
  assert.equal(r.year, 2016);
  assert.deepEqual(r.selected, ["E06000047"]);
  assert.match(r.title, /2016/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("an element given bars after it was added starts on the core, moves once, and is ready once, even taken out and put back while the full engine loads", async () => {
  const { page, context, log, url } = await open(browser, { path: "engines-late.html", html: embedPage("") });
  const release = await holdFull(page);
  await page.goto(url);
  await page.evaluate(() => {
    window.readies = 0;
    const el = document.createElement("care-atlas");
    el.addEventListener("care-atlas-ready", () => window.readies++);
    document.body.append(el);
    // Set after it connected: the entry's hint cannot see it, the core engine asks.
    el.setAttribute("view", "bars");
  });
  // The core engine says it is loading the bars while the full engine comes.
  await page.waitForFunction(() => {
    const l = document.querySelector("care-atlas").shadowRoot?.querySelector(".loading");
    return l && !l.hidden && /ranked bars/.test(l.textContent);
  });
  await page.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    el.remove();
    await new Promise((r) => setTimeout(r, 20));
    document.body.append(el);
  });
  release();
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelectorAll(".chart-wrap [role=option]").length > 0);
  // Two frames for any second start to show itself.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.evaluate(() => window.readies), 1);
  assert.deepEqual(modules(log), [CORE, FULL]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("setData rejects, and the widget says why, when the full engine cannot be loaded", async () => {
  const { page, context, url } = await open(browser, { path: "engines-setdata.html", html: embedPage("<care-atlas></care-atlas>") });
  await page.route(`**${FULL}`, (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "not found" }));
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  const r = await page.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    try {
      await el.setData("area_code,year,value\nE12000001,2025,5\n");
      return "resolved";
    } catch (e) {
      return `rejected: ${e.message}`;
    }
  });
  assert.match(r, /^rejected: .*full engine/);
  assert.match(await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector("[role=alert]")?.textContent ?? ""), /care_atlas_full_bg\.wasm answered 404/);
  await context.close();
});

test("a query API call at load whose full engine fails does not take the plain widgets with it", async () => {
  // The query API is asked first, then a widget added while its engine loads.
  const html = embedPage(
    "",
    `<script type="module">import { dataset } from "/pkg/care-atlas.js";
window.api = dataset().then(() => "ok", (e) => e.message);
document.body.append(document.createElement("care-atlas"));</script>`,
  );
  const { page, context, url } = await open(browser, { path: "engines-api.html", html });
  await page.route(`**${FULL}`, (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "not found" }));
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  assert.match(await page.evaluate(() => window.api), /care_atlas_full_bg\.wasm answered 404/);
  // A widget added after the failure starts on the core engine and draws.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement("care-atlas"), { id: "late" })));
  assert.equal(await settled(page, "#late"), "ready");
  await context.close();
});
