// The site as a visitor meets it: every page loads with no error and no
// request off 127.0.0.1, its widgets render, it passes axe's WCAG 2.2 A/AA
// rules, and nothing overflows a 320 px screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, open, offsite } from "../page/harness.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PAGES = ["", "neighbours.html", "gallery.html", "builder.html", "api.html", "data.html"];
const ATTRIBUTION =
  "Source: Department for Education; Department for Work and Pensions; Ofsted; Ministry of Housing, Communities and Local Government. Open Government Licence v3.0. " +
  "Boundaries: Office for National Statistics, Open Government Licence v3.0. " +
  "Contains OS data © Crown copyright and database right 2016.";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Waits until every widget on the page has drawn or failed; returns the failures. */
export async function allSettled(page) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll("care-atlas")].every(
        (el) => el.shadowRoot?.querySelector(".title")?.textContent || el.shadowRoot?.querySelector(".message:not([hidden])"),
      ),
    null,
    { timeout: 15000 },
  );
  return page.evaluate(() =>
    [...document.querySelectorAll("care-atlas")]
      .map((el) => el.shadowRoot.querySelector(".message:not([hidden])")?.textContent)
      .filter(Boolean),
  );
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}

for (const path of PAGES) {
  const name = path || "index.html";
  test(`${name}: loads, widgets render, no error, nothing off-site, axe WCAG 2.2 AA clean`, async () => {
    const { page, context, log, url } = await open(browser, { path, width: 1100 });
    await page.goto(url);
    assert.deepEqual(await allSettled(page), []);
    assert.equal(await page.locator("h1").count(), 1);
    assert.equal(await page.locator("main").count(), 1);
    assert.equal(await page.locator("nav[aria-label=Site] [aria-current=page]").count(), 1);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(offsite(log), []);
    await context.close();
  });

  test(`${name}: fits a 320 px screen with no sideways scrolling`, async () => {
    const { page, context, log, url } = await open(browser, { path, width: 320, height: 700 });
    await page.goto(url);
    await allSettled(page);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 320, `the page is ${wide} px wide`);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("the keyboard's first stop is the skip link, which moves focus to the content", async () => {
  const { page, context, url } = await open(browser, { path: "api.html" });
  await page.goto(url);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to the content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await context.close();
});

test("the story's figures for the regions equal what the widget shows for them", async () => {
  const { page, context, log, url } = await open(browser, { width: 1100 });
  await page.goto(url);
  await allSettled(page);
  const figures = await page.evaluate(() =>
    [...document.querySelectorAll('#story data[data-kind="value"]')]
      .map((d) => ({ measure: d.dataset.measure, area: d.dataset.area, year: d.dataset.year, text: d.textContent }))
      .filter((f) => f.area.startsWith("E12")),
  );
  assert.ok(figures.length >= 10, `only ${figures.length} region figures`);
  const seen = new Set();
  for (const f of figures) {
    const key = `${f.measure} ${f.area} ${f.year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // The story's first map, pointed at the figure's measure and year.
    await page.evaluate(({ measure, year }) => {
      const el = document.getElementById("story-map");
      el.setAttribute("measure", measure);
      el.setAttribute("year", year);
      el.scrollIntoView({ block: "start" });
    }, f);
    await page.waitForFunction((y) => document.getElementById("story-map").shadowRoot.querySelector(".title").textContent.endsWith(y), f.year);
    const p = await page.evaluate((a) => Array.from(document.getElementById("story-map").areaPoint(a)), f.area);
    await page.mouse.move(p[0], p[1]);
    await page.waitForFunction(() => !document.getElementById("story-map").shadowRoot.querySelector(".tip").hidden);
    const tip = await page.evaluate(() => document.getElementById("story-map").shadowRoot.querySelector(".tip").textContent);
    // The unit as the story prints it beside its figures (the bundle's own text).
    const unit = await page.evaluate((m) => document.querySelector(`#story .bundle-text[data-field="unit"][data-measure="${m}"]`).textContent, f.measure);
    assert.ok(tip.includes(`${f.text} ${unit}`), `${key}: the story says ${f.text} ${unit}, the widget says ${tip}`);
    await page.mouse.move(1, 1);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the data page shows the Open Government Licence attribution in full", async () => {
  const { page, context, url } = await open(browser, { path: "data.html" });
  await page.goto(url);
  const quote = await page.locator("blockquote.attribution").textContent();
  assert.equal(quote.trim(), ATTRIBUTION);
  await context.close();
});

test("the API reference lists every measure the widget knows", async () => {
  const { page, context, url } = await open(browser, { path: "api.html" });
  await page.goto(url);
  const rows = await page.locator("#attributes ~ .table-wrap tbody tr").allTextContents();
  const measure = rows.find((r) => r.startsWith("measure"));
  for (const id of ["cla_rate", "cin_rate", "cpp_rate", "referrals_rate"]) assert.ok(measure.includes(id), measure);
  await context.close();
});

for (const [width, scheme] of [[1280, "dark"], [320, "dark"], [1280, "light"]]) {
  test(`neighbours.html at ${width} px, ${scheme}: the widgets compare with the neighbours, axe WCAG 2.2 AA clean`, async () => {
    const { page, context, log, url } = await open(browser, { path: "neighbours.html", width });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url);
    assert.deepEqual(await allSettled(page), []);
    // The page's figures and the widget's come from the same bundle: the lede's median is the summary's.
    const lede = await page.evaluate(() => document.querySelector('.lede data[data-kind="nstat"][data-stat="median"]').value);
    const summary = await page.evaluate(() => document.querySelector("#nb-widget").shadowRoot.querySelector(".summary").textContent);
    assert.ok(summary.includes(`median) in 2025: ${Number(lede)} per 10,000 children`), `${lede} / ${summary}`);
    assert.equal(await page.evaluate(() => document.querySelector("#nb-widget").shadowRoot.querySelectorAll(".neighbours button").length), 10);
    assert.match(await page.evaluate(() => document.querySelector("#nb-2021").shadowRoot.querySelector(".neighbours-title").textContent), /DfE's 2021 model \(mean\)/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}
