// Packs of figures (issue 12): the default view carries only its own
// measure; every other family's values are fetched from beside the module on
// first use, once per page, and a pack that is missing, cut short or damaged
// is a named error in the widget, never a blank box or a promise that hangs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, offsite, settled, shadowText, embedPage } from "./harness.mjs";
import { mapPixels } from "../consumers/rendered.mjs";

const PACK = /\/pkg\/care-atlas\.(\w+)\.pack$/;
const packsIn = (log) => log.requests.filter((u) => PACK.test(new URL(u).pathname)).map((u) => new URL(u).pathname.match(PACK)[1]);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Ink on the trend canvas of the element matching `host`. */
async function trendInk(page, host) {
  return page.evaluate((h) => {
    const c = document.querySelector(h).shadowRoot.querySelector("canvas.trend");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
    return ink;
  }, host);
}

test("the first paint of the default view downloads no pack", async () => {
  for (const body of [`<care-atlas></care-atlas>`, `<care-atlas level="la" focus="E12000001" highlight="E06000047"></care-atlas>`]) {
    const { page, context, log, url } = await open(browser, { path: "packs-default.html", html: embedPage(body) });
    await page.goto(url);
    assert.equal(await settled(page), "ready");
    assert.ok((await mapPixels(page)).colours >= 4, "the map is drawn");
    // Hovering and moving through the years stays on the core's measure.
    await page.evaluate(() => document.querySelector("care-atlas").setYear(2015));
    // A pack would be asked for inside the year change itself; two frames later it would be seen.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.deepEqual(packsIn(log), [], `packs fetched: ${log.requests.join(", ")}`);
    assert.ok(log.requests.some((u) => u.endsWith("/pkg/care_atlas_bg.wasm")), "the module was fetched");
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

// One measure of each family with a pack, and what its map, trend and table must show.
const FAMILIES = [
  { family: "demand", measure: "cin_rate", title: /Children in need/, area: "E12000001", year: 2025 },
  { family: "poverty", measure: "child_poverty_bhc", title: /low income/, area: "E12000001", year: 2025 },
  { family: "ofsted", measure: "ofsted_overall", title: /Ofsted/, area: "E06000047", year: 2025, categorical: true },
  { family: "assessment", measure: "factor_domestic_abuse_rate", title: /domestic abuse/i, area: "E12000001", year: 2025 },
  { family: "workforce", measure: "sw_turnover_rate", title: /turnover/i, area: "E12000001", year: 2025 },
  { family: "spending", measure: "spend_csc_per_child", title: /spend/i, area: "E12000001", year: 2025 },
  { family: "placements", measure: "placements_3plus_pct", title: /placements/i, area: "E12000001", year: 2025 },
  { family: "leavers", measure: "leavers_eet_pct", title: /education, employment or training/i, area: "E12000001", year: 2025 },
];

for (const f of FAMILIES) {
  test(`a measure from the ${f.family} pack (${f.measure}) draws its map, trend and table, fetching the pack once`, async () => {
    const level = f.area.startsWith("E12") ? "region" : "la";
    const body = `<care-atlas id="both" measure="${f.measure}" level="${level}" highlight="${f.area}"></care-atlas>
      <care-atlas id="table" measure="${f.measure}" level="${level}" view="table"></care-atlas>`;
    const { page, context, log, url } = await open(browser, { path: `packs-${f.family}.html`, html: embedPage(body) });
    await page.goto(url);
    for (const id of ["#both", "#table"]) assert.equal(await settled(page, id), "ready", id);
    assert.match(await shadowText(page, ".title", "#both"), f.title);
    const px = await mapPixels(page, "#both");
    assert.ok(px.opaque / px.total > 0.1, `only ${px.opaque} of ${px.total} map pixels drawn`);
    assert.ok(px.colours >= 3, `map has ${px.colours} colours`);
    const legend = await page.evaluate(() => document.querySelector("#both").shadowRoot.querySelectorAll(".legend li").length);
    assert.ok(legend >= 3, `legend has ${legend} entries`);
    if (!f.categorical) {
      // A judgement has no trend; every other measure draws one.
      assert.ok((await trendInk(page, "#both")) > 1000, "the trend is drawn");
      assert.match(await shadowText(page, ".trend-title", "#both"), /\S/);
    }
    // The table holds the area's figure as the query API gives it, from the same pack.
    const { rows, cell, figure } = await page.evaluate(
      async ([m, area, year]) => {
        const root = document.querySelector("#table").shadowRoot;
        const trs = [...root.querySelectorAll("tbody tr")];
        const { dataset } = await import("/pkg/care-atlas.js");
        const fig = await (await dataset()).value(m, area, year);
        const row = trs.find((tr) => tr.textContent.includes(fig.areaName));
        return { rows: trs.length, cell: row?.textContent ?? "", figure: fig };
      },
      [f.measure, f.area, f.year],
    );
    assert.ok(rows >= 9, `${rows} table rows`);
    assert.ok(figure.value !== null, `${f.measure} ${f.area} ${f.year} has a figure`);
    // As the table prints it: thousands separated, the published decimals.
    const shown =
      figure.category ??
      figure.value.toLocaleString("en-GB", { minimumFractionDigits: figure.decimals, maximumFractionDigits: figure.decimals });
    assert.ok(cell.includes(shown), `the table's row "${cell}" shows ${shown}`);
    // Two widgets and the query API asked; the pack came once, and no other.
    assert.deepEqual(packsIn(log), [f.family]);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(offsite(log), []);
    await context.close();
  });
}

test("two widgets needing the same pack share one fetch; while it loads each says so, to screen readers too", async () => {
  const body = `<care-atlas id="a" measure="cin_rate"></care-atlas><care-atlas id="b" measure="cpp_rate" level="la"></care-atlas>`;
  const { page, context, log, url } = await open(browser, { path: "packs-two.html", html: embedPage(body) });
  // Hold the pack until both widgets have said they are loading.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route("**/pkg/care-atlas.demand.pack", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url);
  const loading = () =>
    page.evaluate(() =>
      ["#a", "#b"].map((id) => {
        const r = document.querySelector(id).shadowRoot;
        const l = r?.querySelector(".loading");
        return { shown: !!l && !l.hidden ? l.textContent : null, live: r?.querySelector("[aria-live]")?.textContent ?? null };
      }),
    );
  await page.waitForFunction(() => ["#a", "#b"].every((id) => document.querySelector(id).shadowRoot?.querySelector(".loading:not([hidden])")));
  const during = await loading();
  assert.match(during[0].shown, /Loading the figures for “Children in need”/);
  assert.match(during[1].shown, /Loading the figures for “Children on child protection plans”/);
  assert.match(during[0].live, /Loading/);
  release();
  for (const id of ["#a", "#b"]) assert.equal(await settled(page, id), "ready", id);
  assert.match(await shadowText(page, ".title", "#a"), /Children in need/);
  assert.match(await shadowText(page, ".title", "#b"), /protection plans/);
  assert.deepEqual((await loading()).map((l) => l.shown), [null, null]);
  assert.deepEqual(packsIn(log), ["demand"], "one fetch of the demand pack for both");
  // Switching to another family later fetches that pack, once.
  await page.evaluate(() => {
    document.querySelector("#a").setAttribute("measure", "ofsted_overall");
    document.querySelector("#b").setAttribute("measure", "ofsted_leaders");
  });
  await page.waitForFunction(() => /Ofsted/.test(document.querySelector("#b").shadowRoot.querySelector(".title").textContent) && document.querySelector("#b").shadowRoot.querySelector(".loading").hidden);
  assert.deepEqual(packsIn(log), ["demand", "ofsted"]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

/** Opens a page with one widget of `measure`, the demand pack answered by `fulfil`; returns what the widget and page said. */
async function brokenPack(fulfil, measure = "cin_rate") {
  const { page, context, log, url } = await open(browser, { path: "packs-broken.html", html: embedPage(`<care-atlas measure="${measure}"></care-atlas>`) });
  await page.route("**/pkg/care-atlas.demand.pack", fulfil);
  await page.addInitScript(() => {
    window.__events = [];
    document.addEventListener("care-atlas-error", (e) => window.__events.push(e.detail));
    document.addEventListener("care-atlas-ready", () => window.__events.push("ready"));
  });
  await page.goto(url);
  const outcome = await settled(page);
  const ready = await page.evaluate(() => document.querySelector("care-atlas").whenReady().then(() => "resolved"));
  const shown = await shadowText(page, ".message");
  const events = await page.evaluate(() => window.__events);
  const api = await page.evaluate(async () => {
    const { dataset } = await import("/pkg/care-atlas.js");
    return (await dataset()).value("cpp_rate", "E12000001", 2025).then(
      () => "resolved",
      (e) => e.message,
    );
  });
  await context.close();
  return { outcome, ready, shown, events, api, log };
}

test("a truncated pack is a named error in the widget, the console and a care-atlas-error event", async () => {
  const r = await brokenPack(async (route) => {
    const res = await route.fetch();
    const body = await res.body();
    await route.fulfill({ response: res, body: body.subarray(0, body.length >> 1) });
  });
  assert.match(r.outcome, /^error:/);
  assert.equal(r.ready, "resolved", "whenReady() settles: the widget has shown why");
  for (const text of [r.shown, r.outcome]) {
    assert.match(text, /“Children in need” \(the demand pack, care-atlas\.demand\.pack\) could not be loaded/);
    assert.match(text, /truncated/);
    assert.match(text, /serve the package's files of one version together, then reload/);
  }
  const error = r.events.find((e) => e !== "ready");
  assert.equal(error.kind, "pack");
  assert.equal(error.attribute, "measure");
  assert.equal(error.value, "cin_rate");
  assert.ok(r.log.errors.some((e) => e.includes("care-atlas.demand.pack")), r.log.errors.join("\n"));
  // The query API asked for the same pack after the failure: it tries again and is refused again, naming it.
  assert.match(r.api, /care-atlas\.demand\.pack/);
});

test("a missing pack (404) and a damaged one say which file and what to do", async () => {
  const missing = await brokenPack((route) => route.fulfill({ status: 404, body: "not here" }));
  assert.match(missing.shown, /care-atlas\.demand\.pack/);
  assert.match(missing.shown, /404/);
  assert.match(missing.shown, /must be served beside care-atlas\.js/);
  const damaged = await brokenPack(async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    body[body.length - 10] ^= 0xff;
    await route.fulfill({ response: res, body });
  });
  assert.match(damaged.shown, /care-atlas\.demand\.pack is damaged/);
  assert.match(damaged.shown, /checksum/);
  const offline = await brokenPack((route) => route.abort("internetdisconnected"));
  assert.match(offline.shown, /could not be fetched .*check the connection, then reload the page/);
  for (const r of [missing, damaged, offline]) assert.equal(r.ready, "resolved");
});

test("axe-core finds no WCAG 2.2 AA violation while a pack loads or after it failed, in both themes", async () => {
  const { createRequire } = await import("node:module");
  const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
  const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
  for (const theme of ["light", "dark"]) {
    for (const state of ["loading", "failed"]) {
      const html = embedPage(`<main><h1>Test page</h1><care-atlas measure="cin_rate" theme="${theme}"></care-atlas></main>`);
      const { page, context, url } = await open(browser, { path: `packs-axe-${theme}-${state}.html`, html });
      // Loading: the pack never answers while axe runs. Failed: it is refused.
      await page.route("**/pkg/care-atlas.demand.pack", (route) => (state === "failed" ? route.fulfill({ status: 404, body: "" }) : undefined));
      await page.goto(url);
      const sel = state === "loading" ? ".loading:not([hidden])" : ".message:not([hidden])";
      await page.waitForFunction((s) => document.querySelector("care-atlas").shadowRoot?.querySelector(s), sel);
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
        return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
      }, WCAG);
      assert.deepEqual(violations, [], `${theme} ${state}`);
      await context.close();
    }
  }
});
