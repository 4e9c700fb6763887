// What frameworks do to the element that a hand-written page does not:
// set properties by attribute name (`focus` included), write a false boolean
// as "false", re-render with new callbacks, and change one attribute while the
// reader has moved the year and picked areas.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, settled, embedPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function page(body) {
  const o = await open(browser, { path: `h${Math.random().toString(36).slice(2)}.html`, html: embedPage(body), width: 1100 });
  await o.page.goto(o.url);
  if (body.includes("<care-atlas")) await settled(o.page);
  return o;
}

test("setting the focus property to a region sets the attribute; focus() still focuses", async () => {
  const { page: p, context, log } = await page('<care-atlas level="la"></care-atlas>');
  const r = await p.evaluate(() => {
    const el = document.querySelector("care-atlas");
    el.focus = "E12000001"; // what React 19, Preact, Vue, Svelte and Solid do with focus="E12000001"
    const attr = el.getAttribute("focus");
    el.tabIndex = 0;
    el.focus();
    const focused = document.activeElement === el;
    el.focus = null;
    return { attr, focused, after: el.hasAttribute("focus"), method: typeof el.focus };
  });
  assert.deepEqual(r, { attr: "E12000001", focused: true, after: false, method: "function" });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("a page's attribute change keeps the reader's year and selection unless it changes them", async () => {
  const { page: p, context, log } = await page('<care-atlas measure="cla_rate"></care-atlas>');
  const step = (f) => p.evaluate(f);
  await step(() => {
    const el = document.querySelector("care-atlas");
    el.setYear(2016);
    el.select(["E12000003"]);
    el.highlight = "E12000001";
  });
  await p.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector(".trend-title").textContent.includes("North East"));
  assert.deepEqual(await step(() => [document.querySelector("care-atlas").currentYear, document.querySelector("care-atlas").selectedAreas]), [2016, ["E12000003"]]);
  // Another measure with 2016: the year stays.
  await step(() => (document.querySelector("care-atlas").measure = "cin_rate"));
  await p.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector(".title").textContent.startsWith("Children in need"));
  assert.equal(await step(() => document.querySelector("care-atlas").currentYear), 2016);
  // The page sets the year and the selection itself: those win.
  await step(() => {
    const el = document.querySelector("care-atlas");
    el.year = 2020;
    el.selected = "E12000004";
  });
  await p.waitForFunction(() => document.querySelector("care-atlas").currentYear === 2020);
  assert.deepEqual(await step(() => document.querySelector("care-atlas").selectedAreas), ["E12000004"]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('url-sync="false" (a framework\'s false boolean) leaves the address alone', async () => {
  const { page: p, context } = await page('<care-atlas url-sync="false"></care-atlas>');
  await p.evaluate(() => document.querySelector("care-atlas").setYear(2018));
  assert.equal(await p.evaluate(() => location.hash), "");
  await context.close();
});

test("mount().update with new callbacks replaces the old ones", async () => {
  const { page: p, context, log } = await page('<div id="slot"></div>');
  const calls = await p.evaluate(async () => {
    const { mount } = await import("/pkg/care-atlas.js");
    const calls = [];
    const m = mount(document.getElementById("slot"), { on: { yearchange: () => calls.push("first") } });
    await m.element.whenReady();
    for (const name of ["second", "third"]) m.update({ on: { yearchange: () => calls.push(name) } });
    m.element.setYear(2016);
    m.destroy();
    return calls;
  });
  assert.deepEqual(calls, ["third"]);
  assert.deepEqual(log.errors, []);
  await context.close();
});
