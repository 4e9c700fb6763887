// compare="neighbours" in a real Chromium: at 320 and 1280 px, light and
// dark, axe-core finds no WCAG 2.2 AA violation; the map outlines the ten
// neighbours, the list and summary name the model and statistic and carry the
// same figure as the query API; a keyboard reaches every neighbour and Enter
// selects it; a bad model is named.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, open, settled, shadowText, embedPage } from "./harness.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const DURHAM = "E06000047";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function widget(attrs, { width = 1280, before = "" } = {}) {
  const html = embedPage(`${before}<main><h1>Test page</h1><care-atlas ${attrs}></care-atlas></main>`);
  const o = await open(browser, { path: `n${Math.random().toString(36).slice(2)}.html`, html, width });
  await o.page.goto(o.url);
  return o;
}

const shadow = (page, fn, arg) =>
  page.evaluate(([f, a]) => new Function("root", "arg", `return (${f})(root, arg)`)(document.querySelector("care-atlas").shadowRoot, a), [fn.toString(), arg]);

async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  }, WCAG);
}

for (const width of [320, 1280]) {
  for (const theme of ["light", "dark"]) {
    test(`neighbours at ${width} px, ${theme}: outlined, listed, summarised, no axe violation`, async () => {
      const { page, context, log } = await widget(`measure="cla_rate" year="2025" compare="neighbours" highlight="${DURHAM}" summary="show" theme="${theme}"`, { width });
      assert.equal(await settled(page), "ready");
      // Ten neighbours, each drawn dashed on the map (under a halo).
      const dashed = await shadow(page, (root) => root.querySelectorAll("path.neighbour[stroke-dasharray]").length);
      assert.equal(dashed, 10);
      const items = await shadow(page, (root) => Array.from(root.querySelectorAll(".neighbours li"), (li) => li.textContent));
      assert.equal(items.length, 10);
      for (const t of items) assert.match(t, /\((extremely close|very close|close|somewhat close|not close)\): \d+ per 10,000 children/);
      // The same list and figure as the query API.
      const api = await page.evaluate(async (code) => {
        const d = await (await import("/pkg/care-atlas.js")).dataset();
        return { n: d.neighbours(code), c: await d.compare("cla_rate", code, 2025) };
      }, DURHAM);
      assert.deepEqual(items.map((t) => t.split(" (")[0]), api.n.neighbours.map((n) => n.name));
      const summary = await shadowText(page, ".summary");
      assert.match(summary, /County Durham's statistical neighbours \(DfE's 2025 model, median\) in 2025: /);
      assert.ok(summary.includes(`: ${api.c.neighbours.value} per 10,000 children, from ${api.c.neighbours.with} of 10 with a figure`), summary);
      assert.ok(summary.includes(`County Durham is ${api.c.rank.words}.`), summary);
      assert.match(summary, /No quartile band/);
      // The trend draws and names the neighbours' line.
      assert.match(await shadowText(page, ".trend-title"), /County Durham, County Durham's neighbours, .*England/);
      assert.match(await shadowText(page, ".labels"), /Neighbours'\s+median/);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(log.errors, []);
      await context.close();
    });
  }
}

test("keyboard only: Tab reaches each neighbour, Enter selects it and its line joins the trend", async () => {
  const { page, context, log } = await widget(`measure="cla_rate" year="2025" compare="neighbours" highlight="${DURHAM}"`, { before: '<button id="start">Start</button>' });
  assert.equal(await settled(page), "ready");
  await page.evaluate(() => {
    window.selections = [];
    document.querySelector("care-atlas").addEventListener("care-atlas-select", (e) => window.selections.push(e.detail.codes));
  });
  await page.focus("#start");
  const focusedCode = () => shadow(page, (root) => root.activeElement?.dataset?.code ?? null);
  let code = null;
  for (let i = 0; i < 30 && !code; i++) {
    await page.keyboard.press("Tab");
    code = await focusedCode();
  }
  assert.ok(code, "Tab reaches the first neighbour");
  const codes = [code];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press("Tab");
    codes.push(await focusedCode());
  }
  const api = await page.evaluate(async (c) => (await (await import("/pkg/care-atlas.js")).dataset()).neighbours(c).neighbours.map((n) => n.code), DURHAM);
  assert.deepEqual(codes, api, "every neighbour in DfE's order");
  // Back to the second neighbour and select it.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  const chosen = codes[8];
  assert.deepEqual(await page.evaluate(() => window.selections.at(-1)), [chosen]);
  const name = await page.evaluate(async (c) => (await (await (await import("/pkg/care-atlas.js")).dataset()).value("cla_rate", c, 2025)).areaName, chosen);
  assert.match(await shadowText(page, "[aria-live]"), new RegExp(`^${name}: \\d+ per 10,000 children, selected`));
  // The trend follows the selection: wait for its heading to name it.
  await page.waitForFunction((n) => document.querySelector("care-atlas").shadowRoot.querySelector(".trend-title").textContent.includes(n), name);
  assert.equal(await shadow(page, (root, c) => root.querySelector(`.neighbours button[data-code="${c}"]`).getAttribute("aria-pressed"), chosen), "true");
  // The subject stays County Durham: the list is still its neighbours.
  assert.match(await shadowText(page, ".neighbours-title"), /^County Durham's statistical neighbours/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the 2021 model's mean, with Cumbria's list standing in for Cumberland, and a table with ranks and bands", async () => {
  const { page, context, log } = await widget('measure="child_poverty_bhc" view="table" compare="neighbours" neighbour-model="2021" neighbour-stat="mean" highlight="E06000063"');
  assert.equal(await settled(page), "ready");
  assert.match(await shadowText(page, ".neighbours-title"), /Cumberland's statistical neighbours, DfE's 2021 model \(mean\)/);
  const rows = await shadow(page, (root) => Array.from(root.querySelectorAll("tbody tr"), (tr) => Array.from(tr.children, (c) => c.textContent)));
  const head = await shadow(page, (root) => Array.from(root.querySelectorAll("thead th"), (c) => c.textContent));
  assert.ok(head.includes("Band"), "child poverty has a better direction, so a band column");
  const nb = rows.find((r) => r[0].startsWith("Cumberland's neighbours (mean, DfE's 2021 model)"));
  assert.ok(nb, "a neighbours row");
  assert.match(nb.at(-1), /Derived: the mean of the \d+ of 10 neighbours with a figure/);
  const durham = rows.find((r) => r[0] === "County Durham");
  assert.match(durham[durham.length - 3], /^=?\d+(st|nd|rd|th) of \d+$/);
  assert.match(durham[durham.length - 2], /^[ABCD]$/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("a bad neighbour model is named with the valid ones and ignored: DfE's 2025 model is used", async () => {
  const { page, context, log } = await widget(`compare="neighbours" neighbour-model="2019" highlight="${DURHAM}"`);
  // The error event fires (before or after ready), naming the value; the chart is drawn regardless.
  assert.match(await settled(page), /^(ready|error: Unknown neighbour-model "2019"\. .*It is ignored)/);
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector(".neighbours-title")?.textContent);
  const notices = await shadow(page, (root) => Array.from(root.querySelectorAll(".notices li"), (li) => li.textContent).join("\n"));
  assert.match(notices, /Unknown neighbour-model "2019"\. .*Valid values: 2025, 2021\. It is ignored/);
  assert.match(await shadowText(page, ".neighbours-title"), /DfE's 2025 model/);
  assert.equal(log.errors.length, 1, log.errors.join("\n"));
  await context.close();
});
