// Ranked bars, the scatter and tabs (issue 11) as readers meet them: axe-core
// in both themes at 320 and 1280 px, keyboard journeys with what the live
// region says, the tab pattern, hover tooltips, gaps listed, real pixels,
// and bad attributes named.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, open, settled, shadowText, embedPage } from "./harness.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function widget(attrs, { width = 1280, before = "", expect = "ready" } = {}) {
  const html = embedPage(`${before}<main><h1>Test page</h1><care-atlas ${attrs}></care-atlas></main>`);
  const o = await open(browser, { path: `v${Math.random().toString(36).slice(2)}.html`, html, width });
  await o.page.goto(o.url);
  const s = await settled(o.page);
  if (expect === "ready") assert.equal(s, "ready");
  o.settled = s;
  return o;
}

const shadow = (page, fn, arg) => page.evaluate(([f, a]) => new Function("root", "arg", `return (${f})(root, arg)`)(document.querySelector("care-atlas").shadowRoot, a), [fn.toString(), arg]);
const live = (page) => shadowText(page, "[aria-live]");

async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  }, WCAG);
}

const BARS = 'view="bars" level="la" focus="E12000001" highlight="E06000047"';
const SCATTER = 'view="scatter" level="la" focus="E12000001" selected="E06000047"';

for (const [name, attrs] of [["bars", BARS], ["bars of England", 'view="bars" level="la" selected="E08000021"'], ["scatter", SCATTER]]) {
  for (const width of [320, 1280]) {
    for (const theme of ["light", "dark"]) {
      test(`${name} at ${width} px, ${theme}: axe-core finds nothing, nothing scrolls sideways, the table equivalent opens`, async () => {
        const { page, context, log } = await widget(`${attrs} theme="${theme}"`, { width });
        await page.locator("care-atlas").locator("summary").click();
        assert.deepEqual(await axe(page), []);
        const overflow = await page.evaluate(() => {
          const f = document.querySelector("care-atlas").shadowRoot.querySelector(".frame");
          return { frame: f.scrollWidth - f.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
        });
        assert.ok(overflow.frame <= 0 && overflow.page <= 0, JSON.stringify(overflow));
        const rows = await shadow(page, (root) => root.querySelectorAll("details tbody tr").length);
        assert.ok(rows >= 12, `table rows: ${rows}`);
        assert.deepEqual(log.errors, []);
        await context.close();
      });
    }
  }
}

test("bars: England and region lines are labelled, bars ranked, the highlighted bar painted in its colour, gaps listed", async () => {
  const { page, context, log } = await widget(BARS);
  const refs = await shadow(page, (root) => [...root.querySelectorAll(".chart-wrap .ref")].map((s) => s.textContent));
  assert.deepEqual(refs, ["England 67", "North East 111"]);
  const names = await shadow(page, (root) => [...root.querySelectorAll(".chart-wrap .name")].map((s) => s.textContent));
  assert.equal(names.length, 12);
  assert.equal(names[0], "Hartlepool", "highest first");
  // Real pixels: County Durham's bar (highlight, slot 0) is the accent colour.
  const found = await shadow(page, (root) => {
    const c = root.querySelector("canvas.chart");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let accent = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 0xb3 && d[i + 1] === 0x12 && d[i + 2] === 0x5a) accent++;
    return accent;
  });
  assert.ok(found > 500, `accent pixels: ${found}`);
  const all = await widget('view="bars" level="la" year="2025"');
  assert.match(await shadowText(all.page, ".chart-note"), /No figure, so no bar, for 2 areas: City of London \(suppressed[^)]*\); Isles of Scilly/);
  assert.deepEqual(log.errors, []);
  await all.context.close();
  await context.close();
});

test("bars by keyboard: Tab reaches them, arrows move bar to bar, Home and End, Enter selects, the live region says rank and value", async () => {
  const { page, context, log } = await widget(BARS, { before: '<button id="start">Start</button>' });
  await page.evaluate(() => {
    window.selections = [];
    document.querySelector("care-atlas").addEventListener("care-atlas-select", (e) => window.selections.push(e.detail.codes));
  });
  await page.focus("#start");
  let on = false;
  for (let i = 0; i < 12 && !on; i++) {
    await page.keyboard.press("Tab");
    on = await shadow(page, (root) => root.activeElement?.closest?.(".chart-wrap") != null);
  }
  assert.ok(on, "Tab reaches the bars");
  assert.match(await live(page), /^Hartlepool: 157 per 10,000 children, 1st highest of 12, at 31 March 2025/);
  assert.match(await shadowText(page, ".chart-wrap .tip"), /Hartlepool.*157/);
  await page.keyboard.press("ArrowDown");
  assert.match(await live(page), /^Redcar and Cleveland: 144 .*2nd highest of 12/);
  await page.keyboard.press("End");
  assert.match(await live(page), /^Northumberland: .*12th highest of 12/);
  await page.keyboard.press("Enter");
  assert.match(await live(page), /^Northumberland: .*selected$/);
  assert.deepEqual(await page.evaluate(() => window.selections.at(-1)), ["E06000057"]);
  const active = await shadow(page, (root) => {
    const k = root.querySelector(".chart-wrap [role=listbox]");
    return root.getElementById(k.getAttribute("aria-activedescendant"))?.textContent;
  });
  assert.match(active, /^Northumberland/);
  await page.keyboard.press("Home");
  assert.match(await live(page), /^Hartlepool/);
  await page.keyboard.press("Escape");
  assert.equal(await shadow(page, (root) => root.querySelector(".chart-wrap .tip").hidden), true);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("bars by pointer: hovering a bar shows its figure and rank, a click selects it", async () => {
  const { page, context, log } = await widget(BARS);
  const at = await shadow(page, (root) => {
    const s = [...root.querySelectorAll(".chart-wrap .name")].find((n) => n.textContent === "Gateshead");
    const r = s.getBoundingClientRect();
    return [r.right + 40, r.top + r.height / 2];
  });
  await page.mouse.move(at[0], at[1]);
  assert.match(await shadowText(page, ".chart-wrap .tip"), /^Gateshead124 per 10,000 children5th highest of 12/);
  await page.mouse.click(at[0], at[1]);
  assert.deepEqual(await page.evaluate(() => document.querySelector("care-atlas").selectedAreas), ["E08000037"]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("scatter: r and n stated with the caveat, every point reached by keyboard, the selected one named", async () => {
  const { page, context, log } = await widget(SCATTER);
  const note = await shadowText(page, ".chart-note");
  assert.match(note, /Pearson's r = 0\.\d\d \(n = 151\): a \w+ positive association/);
  assert.match(note, /association across areas, not a cause/);
  assert.match(note, /Not plotted, for want of a figure: City of London/);
  assert.match(await shadowText(page, ".chart-wrap .pname"), /^County Durham$/);
  await page.locator("care-atlas").locator(".chart-wrap [role=listbox]").focus();
  const first = await live(page);
  assert.match(first, /^County Durham: Low income: [\d.]+ ?% of children under 16; Looked after: 118 per 10,000 children/, "starts on the selected point");
  await page.keyboard.press("Home");
  const seen = new Set([await live(page)]);
  for (let i = 0; i < 160; i++) {
    await page.keyboard.press("ArrowRight");
    seen.add(await live(page));
  }
  assert.equal(seen.size, 151, "every point, once each");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("tabs: the WAI-ARIA pattern, roving tabindex, arrows and Home/End, and the reader's year and selection kept", async () => {
  const { page, context, log } = await widget('tabs="map,trend,bars,scatter,table" level="la" focus="E12000001" x="child_poverty_bhc_2015_2024"');
  const tabs = () =>
    shadow(page, (root) => [...root.querySelectorAll("[role=tab]")].map((t) => `${t.textContent}:${t.getAttribute("aria-selected")}:${t.tabIndex}`));
  assert.deepEqual(await tabs(), ["Map:true:0", "Trend:false:-1", "Ranked bars:false:-1", "Scatter:false:-1", "Table:false:-1"]);
  const panel = await shadow(page, (root) => {
    const b = root.querySelector("[role=tabpanel]");
    return root.getElementById(b.getAttribute("aria-labelledby"))?.textContent;
  });
  assert.equal(panel, "Map");
  const el = page.locator("care-atlas");
  await page.evaluate(() => {
    const a = document.querySelector("care-atlas");
    a.setYear(2020);
    a.select(["E06000047"]);
  });
  await el.locator("[role=tab]").first().focus();
  await page.keyboard.press("ArrowRight");
  assert.deepEqual((await tabs())[1], "Trend:true:0");
  assert.equal(await shadow(page, (root) => root.activeElement?.textContent), "Trend", "focus follows");
  await page.keyboard.press("ArrowRight");
  assert.equal(await shadow(page, (root) => root.querySelector(".chart-part").hidden), false);
  assert.match(await shadowText(page, ".title"), /2020$/, "bars keep the year");
  assert.equal(await shadow(page, (root) => root.querySelector(".map-part").hidden), true);
  await page.keyboard.press("ArrowRight");
  assert.match(await shadowText(page, ".title"), /against .*2020$/, "scatter keeps the year");
  assert.match(await shadowText(page, ".chart-wrap .pname"), /^County Durham$/, "and the selection");
  await page.keyboard.press("End");
  assert.equal(await shadow(page, (root) => root.querySelector(".table-part").hidden), false);
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowLeft");
  assert.deepEqual((await tabs())[4], "Table:true:0", "arrows wrap");
  // Clicking a tab works too; the earlier poverty series ends in 2024, so a 2025 map moves to 2024 on the scatter.
  await page.evaluate(() => document.querySelector("care-atlas").setYear(2025));
  await el.locator("[role=tab]", { hasText: "Scatter" }).click();
  assert.equal(await page.evaluate(() => document.querySelector("care-atlas").currentYear), 2024);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

for (const theme of ["light", "dark"]) {
  test(`tabs, ${theme}: axe-core finds nothing on any tab at 320 px`, async () => {
    const { page, context, log } = await widget(`tabs="map,trend,bars,scatter,table" level="la" theme="${theme}"`, { width: 320 });
    for (const name of ["Trend", "Ranked bars", "Scatter", "Table", "Map"]) {
      await page.locator("care-atlas").locator("[role=tab]", { hasText: name }).click();
      assert.deepEqual(await axe(page), [], name);
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("bad x, y and tabs are named in the widget with what is allowed, and the chart is drawn without them", async () => {
  const cases = [
    ['view="scatter" x="child_poverty_bhc" y="child_poverty_bhc_2015_2024"', /two vintages of one series/],
    ['view="scatter" x="poverty"', /^Unknown measure "poverty" in x\. Valid measures: .*child_poverty_bhc \(/],
    ['tabs="map,chart"', /^Unknown tabs "chart"\..*Valid values: a comma-separated list of map\+trend, map, trend, table, bars, scatter/],
    ['view="scatter" y="ofsted_overall"', /judgement, not a number/],
  ];
  for (const [attrs, re] of cases) {
    const { page, context } = await widget(attrs, { expect: "either" });
    const fired = await page.evaluate(() => new Promise((resolve) => {
      const el = document.querySelector("care-atlas");
      const seen = el.shadowRoot.querySelector(".notices li");
      if (seen) return resolve(seen.textContent);
      el.addEventListener("care-atlas-error", (e) => resolve(e.detail.message), { once: true });
    }));
    assert.match(fired, re, attrs);
    // Optional attributes: ignored with a notice, never a blank chart (issue 10).
    assert.match(await shadowText(page, ".notices li"), re);
    assert.equal(await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".message").hidden), true);
    await context.close();
  }
});

async function streamBytes(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

test("PNG and CSV of the scatter: the points with their words and r's caveat drawn in, both measures' figures in the CSV", async () => {
  const { page, context, log } = await widget(SCATTER, { width: 900 });
  const el = page.locator("care-atlas");
  const [png] = await Promise.all([page.waitForEvent("download"), el.getByRole("button", { name: "Download PNG" }).click()]);
  const bytes = await streamBytes(await png.createReadStream());
  // Decoded in the page: the picture has the accent of the selected point and dark text pixels below the plot.
  const seen = await page.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const img = await createImageBitmap(new Blob([bin], { type: "image/png" }));
    const c = new OffscreenCanvas(img.width, img.height);
    const x = c.getContext("2d");
    x.drawImage(img, 0, 0);
    const d = x.getImageData(0, 0, img.width, img.height).data;
    let accent = 0;
    let darkRows = new Set();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] === 0xb3 && d[i + 1] === 0x12 && d[i + 2] === 0x5a) accent++;
      if (d[i] < 60 && d[i + 1] < 60 && d[i + 2] < 60) darkRows.add(Math.floor(i / 4 / img.width));
    }
    return { w: img.width, h: img.height, accent, darkRows: darkRows.size };
  }, bytes.toString("base64"));
  assert.ok(seen.w >= 1800 && seen.accent > 50, JSON.stringify(seen));
  assert.ok(seen.darkRows > 200, `text and points drawn: ${JSON.stringify(seen)}`);
  const csv = await page.evaluate(() => document.querySelector("care-atlas").toCSV());
  const lines = csv.split("\r\n");
  assert.ok(lines.some((l) => l.startsWith("E06000047,County Durham,la,child_poverty_bhc,")), "x figures");
  assert.ok(lines.some((l) => l.startsWith("E06000047,County Durham,la,cla_rate,") && l.includes(",2025,118,")), "y figures");
  assert.ok(lines.some((l) => l.startsWith("E09000001,City of London,la,cla_rate,") && l.includes("no data")), "gaps kept");
  assert.ok(lines.some((l) => l.startsWith("# Source: Department for Work and Pensions")), lines.slice(0, 8).join("\n"));
  assert.match(await shadowText(page, ".source"), /Department for Work and Pensions.*Department for Education|Department for Education.*Department for Work and Pensions/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("bars with compare=neighbours: the authority and its ten neighbours, the neighbours' median a labelled line; the scatter fills them", async () => {
  const { page, context, log } = await widget('view="bars" tabs="bars,scatter" compare="neighbours" highlight="E06000047" neighbour-stat="mean"');
  const names = await shadow(page, (root) => [...root.querySelectorAll(".chart-wrap .name")].map((s) => s.textContent));
  assert.equal(names.length, 11);
  assert.ok(names.includes("Halton") && names.includes("County Durham"), names.join());
  const refs = await shadow(page, (root) => [...root.querySelectorAll(".chart-wrap .ref")].map((s) => s.textContent));
  assert.equal(refs.length, 3, refs.join());
  assert.match(refs[2], /^Neighbours' mean \d+\.\d$/);
  assert.match(await shadowText(page, ".chart-note"), /County Durham and the mean of its 10 statistical neighbours \(DfE's 2025 model\)/);
  await page.locator("care-atlas").locator("[role=tab]", { hasText: "Scatter" }).click();
  assert.match(await shadowText(page, ".chart-note"), /Filled points: County Durham's statistical neighbours \(DfE's 2025 model\)/);
  assert.deepEqual(log.errors, []);
  await context.close();
});
