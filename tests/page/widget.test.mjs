// The widget as a visitor meets it: the site's page in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, offsite, settled, shadowText, embedPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Pixel statistics of the map canvas: opaque pixels and distinct colours. */
async function mapPixels(page, host = "care-atlas") {
  return page.evaluate((h) => {
    const c = document.querySelector(h).shadowRoot.querySelector("canvas.map");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let opaque = 0;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 255) {
        opaque++;
        colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      }
    }
    return { opaque, total: d.length / 4, colours: colours.size, width: c.width, cssWidth: c.getBoundingClientRect().width };
  }, host);
}

test("the site shows a drawn map and trend with no console error and no request leaving 127.0.0.1", async () => {
  const { page, context, log, url } = await open(browser);
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  const px = await mapPixels(page);
  // England fills a good share of its frame in several class colours.
  assert.ok(px.opaque / px.total > 0.25, `only ${px.opaque} of ${px.total} map pixels drawn`);
  assert.ok(px.colours >= 4, `map has ${px.colours} colours`);
  const trend = await page.evaluate(() => {
    const c = document.querySelector("care-atlas").shadowRoot.querySelector("canvas.trend");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
    return ink;
  });
  assert.ok(trend > 1000, `trend canvas has ${trend} drawn pixels`);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(offsite(log), []);
  await context.close();
});

test("hovering the North East shows its name and 2025 rate of children looked after (111 per 10,000)", async () => {
  const { page, context, log, url } = await open(browser);
  await page.goto(url);
  await settled(page);
  const p = await page.evaluate(() => Array.from(document.querySelector("care-atlas").areaPoint("E12000001")));
  await page.mouse.move(p[0], p[1]);
  await page.waitForFunction(() => !document.querySelector("care-atlas").shadowRoot.querySelector(".tip").hidden);
  const tip = await shadowText(page, ".tip");
  assert.match(tip, /^North East/);
  assert.match(tip, /111 per 10,000 children/);
  assert.match(tip, /2025/);
  // Once the pointer rests, the trend follows the North East against England.
  await page.waitForFunction(() => /North East and England/.test(document.querySelector("care-atlas").shadowRoot.querySelector(".trend-title").textContent));
  assert.match(await shadowText(page, ".labels"), /North East 111/);
  // Leaving the map hides the tooltip.
  await page.mouse.move(2, 2);
  assert.equal(await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".tip").hidden), true);
  assert.deepEqual(log.errors, []);
  await context.close();
});

for (const dpr of [1, 2, 3]) {
  for (const width of [320, 1600]) {
    test(`at devicePixelRatio ${dpr} and ${width} px wide, every canvas is backed at ${dpr}× its CSS size and nothing overflows`, async () => {
      const html = embedPage(`<care-atlas level="la" highlight="E06000047"></care-atlas>`);
      const { page, context, log, url } = await open(browser, { path: `dpr${dpr}-${width}.html`, html, width, dpr });
      await page.goto(url);
      assert.equal(await settled(page), "ready");
      const r = await page.evaluate(() => {
        const root = document.querySelector("care-atlas").shadowRoot;
        // Canvases of views not shown (the bars' and scatter's) take no room and are not sized.
        const canvases = [...root.querySelectorAll("canvas")].filter((c) => c.getClientRects().length > 0).map((c) => [c.width, c.getBoundingClientRect().width, c.height, c.getBoundingClientRect().height]);
        return { canvases, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      for (const [w, cssW, h, cssH] of r.canvases) {
        assert.equal(w, Math.round(cssW * dpr), `canvas width ${w} for ${cssW} CSS px`);
        assert.equal(h, Math.round(cssH * dpr), `canvas height ${h} for ${cssH} CSS px`);
      }
      assert.ok(r.overflow <= 0, `page scrolls sideways by ${r.overflow} px`);
      assert.deepEqual(log.errors, []);
      await context.close();
    });
  }
}

test("the widget fits its container, down to 320 px, and follows it when it resizes", async () => {
  const html = embedPage(`<div id="box" style="width:320px"><care-atlas measure="cin_rate"></care-atlas></div>`);
  const { page, context, log, url } = await open(browser, { path: "fit.html", html, width: 800 });
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  assert.equal((await mapPixels(page)).cssWidth, 320);
  await page.evaluate(() => (document.getElementById("box").style.width = "560px"));
  await page.waitForFunction(
    () => document.querySelector("care-atlas").shadowRoot.querySelector("canvas.map").getBoundingClientRect().width === 560,
  );
  const px = await mapPixels(page);
  assert.ok(px.colours >= 4);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("a bad measure is named inside the widget and in the console, and the page keeps working", async () => {
  const html = embedPage(
    `<p id="before">Before</p><care-atlas id="bad" measure="looked_after"></care-atlas>
     <care-atlas id="good" measure="cpp_rate" year="2019"></care-atlas>
     <button id="b" onclick="this.textContent='clicked'">Click</button>`,
  );
  const { page, context, log, url } = await open(browser, { path: "bad.html", html });
  await page.goto(url);
  assert.match(await settled(page, "#bad"), /^error: Unknown measure "looked_after"/);
  assert.equal(await settled(page, "#good"), "ready");
  const msg = await shadowText(page, ".message", "#bad");
  assert.match(msg, /"looked_after"/);
  assert.match(msg, /cla_rate/);
  assert.ok(log.errors.some((e) => e.includes('care-atlas: Unknown measure "looked_after"')), log.errors.join("\n"));
  assert.equal(log.errors.length, 1, log.errors.join("\n"));
  await page.click("#b");
  assert.equal(await page.textContent("#b"), "clicked");
  assert.match(await shadowText(page, ".title", "#good"), /protection plans.*2019/);
  await context.close();
});

test("changing an attribute redraws; a bad year shows the valid years and the latest is drawn", async () => {
  const html = embedPage(`<care-atlas measure="cla_rate" year="2016"></care-atlas>`);
  const { page, context, log, url } = await open(browser, { path: "attr.html", html });
  await page.goto(url);
  await settled(page);
  await page.evaluate(() => document.querySelector("care-atlas").setAttribute("year", "2012"));
  await page.waitForFunction(() => !document.querySelector("care-atlas").shadowRoot.querySelector(".notices").hidden);
  assert.match(await shadowText(page, ".notices li"), /"2012".*2010, 2013–2025/);
  assert.match(await shadowText(page, ".title"), /31 March 2025$/);
  await page.evaluate(() => document.querySelector("care-atlas").setAttribute("year", "2010"));
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector(".notices").hidden);
  assert.match(await shadowText(page, ".title"), /31 March 2010$/);
  assert.equal(log.errors.length, 1);
  await context.close();
});

test("removing and re-adding the element works and leaves one widget", async () => {
  const html = embedPage(`<div id="slot"><care-atlas></care-atlas></div>`);
  const { page, context, log, url } = await open(browser, { path: "life.html", html });
  await page.goto(url);
  await settled(page);
  await page.evaluate(() => {
    const el = document.querySelector("care-atlas");
    el.remove();
    document.getElementById("slot").append(el);
  });
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelectorAll(".frame").length === 1);
  const px = await mapPixels(page);
  assert.ok(px.colours >= 4);
  assert.deepEqual(log.errors, []);
  await context.close();
});
