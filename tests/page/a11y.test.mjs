// Accessibility as a keyboard and screen-reader user meets the widget:
// axe-core on every view × level × theme, keyboard-only use of the map and
// the trend, Chromium's accessibility tree, target sizes and narrow widths.
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

async function widget(attrs, { width = 1100, before = "" } = {}) {
  const html = embedPage(`${before}<main><h1>Test page</h1><care-atlas ${attrs}></care-atlas></main>`);
  const o = await open(browser, { path: `a${Math.random().toString(36).slice(2)}.html`, html, width });
  await o.page.goto(o.url);
  assert.equal(await settled(o.page), "ready");
  return o;
}

const shadow = (page, fn, arg) => page.evaluate(([f, a]) => new Function("root", "arg", `return (${f})(root, arg)`)(document.querySelector("care-atlas").shadowRoot, a), [fn.toString(), arg]);

for (const view of ["map+trend", "map", "trend", "table"]) {
  for (const level of ["region", "la"]) {
    for (const theme of ["light", "dark"]) {
      test(`axe-core finds no WCAG 2.2 AA violation: view=${view} level=${level} theme=${theme}`, async () => {
        const { page, context, log } = await widget(`view="${view}" level="${level}" theme="${theme}" highlight="E12000001"`);
        await page.addScriptTag({ path: axePath });
        const result = await page.evaluate(async (tags) => {
          const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
          return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
        }, WCAG);
        assert.deepEqual(result, []);
        assert.deepEqual(log.errors, []);
        await context.close();
      });
    }
  }
}

test("keyboard only: Tab reaches the map, arrows go to the named neighbour, Enter selects, the live region says so", async () => {
  const { page, context, log } = await widget('measure="cla_rate" year="2025"', { before: '<button id="start">Start</button>' });
  await page.evaluate(() => {
    window.selections = [];
    document.querySelector("care-atlas").addEventListener("care-atlas-select", (e) => window.selections.push(e.detail.codes));
  });
  await page.focus("#start");
  let onMap = false;
  for (let i = 0; i < 12 && !onMap; i++) {
    await page.keyboard.press("Tab");
    onMap = await shadow(page, (root) => root.activeElement?.getAttribute("role") === "listbox");
  }
  assert.ok(onMap, "Tab reaches the map");
  // Type-ahead to the North East.
  await page.keyboard.type("north e");
  const live = () => shadowText(page, "[aria-live]");
  assert.match(await live(), /^North East: 111 per 10,000 children/);
  const active = () => shadow(page, (root) => root.getElementById(root.querySelector("[role=listbox]").getAttribute("aria-activedescendant"))?.getAttribute("aria-label"));
  assert.match(await active(), /^North East/);
  // The tooltip shows for the focused area.
  assert.match(await shadowText(page, ".tip"), /North East.*111/);
  await page.keyboard.press("ArrowLeft");
  assert.match(await live(), /^North West: 90 per 10,000 children/);
  await page.keyboard.press("ArrowRight");
  assert.match(await live(), /^North East/);
  await page.keyboard.press("ArrowDown");
  assert.match(await live(), /^Yorkshire and The Humber/);
  await page.keyboard.press("Enter");
  assert.match(await live(), /Yorkshire and The Humber: 77 per 10,000 children, selected/);
  assert.deepEqual(await page.evaluate(() => window.selections.at(-1)), ["E12000003"]);
  const selected = await shadow(page, (root) => root.querySelector('[role=option][aria-selected="true"]')?.getAttribute("aria-label"));
  assert.match(selected, /^Yorkshire and The Humber/);
  await page.keyboard.press("Escape");
  assert.equal(await shadow(page, (root) => root.querySelector(".tip").hidden), true);
  await page.keyboard.press("Home");
  assert.match(await live(), /^East Midlands/, "Home: first by name");
  await page.keyboard.press("End");
  assert.match(await live(), /^Yorkshire and The Humber/, "End: last by name");
  // Focus is visible: the focus ring is outlined on the map in the focus colour.
  const ring = await shadow(page, (root) => {
    const p = root.querySelectorAll("svg.overlay > path")[3];
    return { d: (p.getAttribute("d") ?? "").length, stroke: p.getAttribute("stroke"), width: p.getAttribute("stroke-width") };
  });
  assert.ok(ring.d > 100, `focus ring path: ${JSON.stringify(ring)}`);
  assert.equal(ring.stroke, "#0b5cad");
  assert.equal(ring.width, "3.5");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("keyboard only: the trend reads out values year by year and line by line", async () => {
  const { page, context, log } = await widget('measure="cla_rate" highlight="E12000001"');
  await page.locator("care-atlas").locator(".trend-plot .keys").focus();
  const live = () => shadowText(page, "[aria-live]");
  assert.equal(await live(), "North East, 2025: 111");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await live(), "North East, 2024: 113");
  await page.keyboard.press("ArrowDown");
  assert.equal(await live(), "England, 2024: 69");
  await page.keyboard.press("Home");
  assert.equal(await live(), "England, 2010: 58.5");
  await page.keyboard.press("ArrowRight");
  assert.equal(await live(), "England, 2011: no data", "gaps are said to be gaps");
  assert.match(await shadowText(page, ".yeartip"), /^2011/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the area picker reaches any area by keyboard and selects it", async () => {
  const { page, context, log } = await widget('level="la" focus="E12000001"');
  const picker = page.locator("care-atlas").getByLabel("Find an area");
  // Its options are built when it is first focused or pressed, as a reader reaches it.
  assert.equal(await picker.locator("option").count(), 1, "only the prompt before it is opened");
  await picker.focus();
  const groups = await picker.locator("optgroup").evaluateAll((gs) => gs.map((g) => g.label));
  assert.deepEqual(groups, ["North East"], "grouped by region");
  const count = await picker.locator("option").count();
  assert.equal(count, 13, "the North East's 12 authorities and the prompt");
  await picker.selectOption({ label: "Gateshead" });
  assert.match(await shadowText(page, "[aria-live]"), /^Gateshead: .*selected/);
  assert.deepEqual(await page.evaluate(() => document.querySelector("care-atlas").selectedAreas), ["E08000037"]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the measure picker (picker=\"measures\") is labelled, grouped by family, works by keyboard and sets the measure attribute", async () => {
  const { page, context, log } = await widget('picker="measures" level="la" focus="E12000001" highlight="E08000037"');
  const el = page.locator("care-atlas");
  const picker = el.locator(".measure-picker select");
  // Labelled by its <label> ("Measure"), which wraps it.
  assert.equal(await picker.evaluate((s) => s.labels[0].firstChild.textContent), "Measure");
  assert.equal(await el.getByRole("combobox", { name: /^Measure/ }).count(), 1);
  const groups = await picker.locator("optgroup").evaluateAll((gs) => gs.map((g) => g.label));
  assert.deepEqual(groups, ["Demand", "Child poverty", "Ofsted inspections", "Factors at assessment", "Social work workforce", "Spending", "Placements", "Care leavers"]);
  assert.equal(await picker.inputValue(), "cla_rate");
  // Keyboard: the next measure in the list.
  await picker.focus();
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => document.querySelector("care-atlas").getAttribute("measure") === "cla_count");
  // Its pack loads, then the title is the measure's and year's.
  const titled = (re) => page.waitForFunction((s) => new RegExp(s).test(document.querySelector("care-atlas").shadowRoot.querySelector(".title").textContent), re.source);
  await titled(/Children looked after \(number\), at 31 March/);
  // A measure of another family, through the same attribute a page would set.
  await picker.selectOption({ label: "Children's social worker turnover" });
  await page.waitForFunction(() => document.querySelector("care-atlas").getAttribute("measure") === "sw_turnover_rate");
  await titled(/30 September/);
  assert.equal(await picker.inputValue(), "sw_turnover_rate");
  // And back from the page: the picker follows the attribute.
  await page.evaluate(() => document.querySelector("care-atlas").setAttribute("measure", "leavers_eet_pct"));
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector(".measure-picker select").value === "leavers_eet_pct");
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (tags) => (await window.axe.run(document, { runOnly: { type: "tag", values: tags } })).violations.map((v) => v.id), WCAG);
  assert.deepEqual(violations, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("without picker=\"measures\" there is no measure picker", async () => {
  const { page, context } = await widget('level="region"');
  assert.equal(await shadowText(page, ".title") !== null, true);
  assert.equal(await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".measure-picker").hidden), true);
  await context.close();
});

test("what a screen reader gets: the accessibility tree names the picture, the areas, the table and the live region", async () => {
  const { page, context } = await widget('measure="cla_rate" year="2025" view="map+trend"');
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const named = (role) => nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => n.name?.value ?? "");
  // Chromium calls the img role "image".
  assert.ok(named("image").some((n) => /^Children looked after, per 10,000 children, at 31 March 2025, in England's 9 regions\. Highest: North East \(111\)/.test(n)), named("image").join("\n"));
  assert.ok(named("image").some((n) => /^Line chart of children looked after/.test(n)));
  assert.ok(named("listbox").some((n) => /^Regions on the map/.test(n)));
  // The map's options carry their figure; the picker's are names only.
  const options = named("option").filter((n) => n.includes("per 10,000"));
  assert.equal(options.length, 9);
  assert.ok(options.includes("North East: 111 per 10,000 children"), options.join("\n"));
  assert.equal(named("status").length, 1, "one polite live region");
  assert.ok(named("button").includes("Download CSV"));
  assert.ok(named("slider").includes("Year"));
  await context.close();

  const t = await widget('measure="cla_rate" year="2025" view="table"');
  const cdp2 = await t.context.newCDPSession(t.page);
  const tree = (await cdp2.send("Accessibility.getFullAXTree")).nodes;
  const roles = tree.filter((n) => !n.ignored).map((n) => `${n.role?.value}:${n.name?.value ?? ""}`);
  assert.ok(roles.includes("table:Children looked after, per 10,000 children, at 31 March 2025"), "the table is named by its caption");
  assert.ok(roles.some((r) => r.startsWith("columnheader:Children looked after") || r === "columnheader:Looked after"), roles.filter((r) => r.startsWith("columnheader")).join());
  assert.ok(roles.includes("rowheader:North East"));
  await t.context.close();
});

test("every control is at least 24 × 24 CSS px, and the widget works at 320 px wide without sideways scrolling", async () => {
  for (const width of [1100, 320]) {
    const { page, context, log } = await widget('measure="cla_rate" view="map+trend"', { width });
    const small = await shadow(page, (root) =>
      [...root.querySelectorAll("button, input, select")]
        .map((e) => {
          const target = e.type === "checkbox" ? e.closest("label") : e;
          const r = target.getBoundingClientRect();
          return { what: e.outerHTML.slice(0, 50), w: r.width, h: r.height, hidden: !target.offsetParent };
        })
        .filter((r) => !r.hidden && (r.w < 24 || r.h < 24)),
    );
    assert.deepEqual(small, [], `at ${width} px`);
    const overflow = await page.evaluate(() => {
      const el = document.querySelector("care-atlas");
      const f = el.shadowRoot.querySelector(".frame");
      return { frame: f.scrollWidth - f.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
    });
    assert.ok(overflow.frame <= 0 && overflow.page <= 0, `sideways overflow at ${width} px: ${JSON.stringify(overflow)}`);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});
