// The interactive atlas driven as a reader would: pointer, slider, play,
// views, index mode and exports, at a phone's width and a desktop's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, settled, shadowText, embedPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const atlas = (page) => page.locator("care-atlas");

/** Opens a page with one widget, waits until it is drawn. */
async function widget(attrs, { width = 1280, dpr = 1, reducedMotion, clock = false } = {}) {
  const html = embedPage(`<care-atlas ${attrs}></care-atlas>`);
  const o = await open(browser, { path: `w${Math.random().toString(36).slice(2)}.html`, html, width, dpr });
  if (reducedMotion) await o.page.emulateMedia({ reducedMotion });
  // The page's clock, faked, so timed behaviour is tested by moving time, not by waiting.
  if (clock) await o.page.clock.install();
  await o.page.goto(o.url);
  assert.equal(await settled(o.page), "ready");
  // Collect the widget's events for the assertions.
  await o.page.evaluate(() => {
    window.events = [];
    const el = document.querySelector("care-atlas");
    for (const t of ["care-atlas-select", "care-atlas-yearchange"]) {
      el.addEventListener(t, (e) => window.events.push({ type: t, detail: e.detail, at: performance.now() }));
    }
  });
  return o;
}

const point = (page, code) =>
  page.evaluate((c) => Array.from(document.querySelector("care-atlas").areaPoint(c) ?? []), code);

for (const width of [320, 1280]) {
  test(`at ${width} px: clicking regions selects several; the trend follows them; clicking again deselects`, async () => {
    const { page, context, log } = await widget('measure="cla_rate" year="2025"', { width });
    for (const code of ["E12000001", "E12000007"]) {
      const [x, y] = await point(page, code);
      await page.mouse.click(x, y);
    }
    const title = await shadowText(page, ".trend-title");
    assert.match(title, /North East, London and England/);
    let events = await page.evaluate(() => window.events.filter((e) => e.type === "care-atlas-select"));
    assert.deepEqual(events.at(-1).detail.codes, ["E12000001", "E12000007"]);
    assert.match(await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector("canvas.map").getAttribute("aria-label")), /North East \(111\) is 1st of 9/);
    const [x, y] = await point(page, "E12000001");
    await page.mouse.click(x, y);
    events = await page.evaluate(() => window.events.filter((e) => e.type === "care-atlas-select"));
    assert.deepEqual(events.at(-1).detail.codes, ["E12000007"]);
    assert.deepEqual(await page.evaluate(() => document.querySelector("care-atlas").selectedAreas), ["E12000007"]);
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test(`at ${width} px: dragging the year slider to its start shows 2010, with a change event`, async () => {
    const { page, context, log } = await widget('measure="cla_rate"', { width });
    const slider = atlas(page).locator('input[type="range"]');
    const box = await slider.boundingBox();
    await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 1, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    assert.match(await shadowText(page, ".title"), /31 March 2010$/);
    assert.equal(await slider.getAttribute("aria-valuetext"), "2010");
    const years = await page.evaluate(() => window.events.filter((e) => e.type === "care-atlas-yearchange").map((e) => e.detail));
    assert.equal(years.at(-1), 2010);
    // Only years with data are on the slider: 2011 and 2012 are skipped.
    assert.ok(!years.includes(2011) && !years.includes(2012), years.join());
    // The tooltip shows the 2010 figure, marked as derived.
    const [x, y] = await point(page, "E12000001");
    await page.mouse.move(x, y);
    assert.match(await shadowText(page, ".tip"), /69\.5 per 10,000 children.*2010.*Derived/);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("play steps through the years and can be paused; reduced motion still plays, slower", async () => {
  const step = {};
  for (const reducedMotion of ["no-preference", "reduce"]) {
    const { page, context, log } = await widget('measure="cin_rate" year="2013"', { reducedMotion, clock: true });
    // Stop the page's time, then move it on by hand.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
    const years = () => page.evaluate(() => window.events.filter((e) => e.type === "care-atlas-yearchange"));
    await atlas(page).getByRole("button", { name: "Play" }).click();
    assert.equal(await atlas(page).getByRole("button", { name: "Pause" }).count(), 1);
    assert.deepEqual(await years(), [], "nothing moves until time does");
    for (let i = 0; i < 100 && (await years()).length < 3; i++) await page.clock.runFor(100);
    const seen = await years();
    assert.deepEqual(seen.map((e) => e.detail), [2014, 2015, 2016]);
    step[reducedMotion] = seen[2].at - seen[1].at;
    await atlas(page).getByRole("button", { name: "Pause" }).click();
    await page.clock.runFor(10000);
    assert.equal((await years()).length, 3, "paused: no more year changes");
    assert.match(await shadowText(page, ".title"), /2016$/);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
  assert.ok(step["no-preference"] > 0, `a step takes time: ${JSON.stringify(step)}`);
  assert.ok(step.reduce >= 1.5 * step["no-preference"], `reduced motion steps more slowly: ${JSON.stringify(step)}`);
});

test("views switch by attribute: table (sortable, England first), trend, map", async () => {
  const { page, context, log } = await widget('measure="cpp_rate" year="2024" view="table"');
  const rows = () => page.evaluate(() => Array.from(document.querySelector("care-atlas").shadowRoot.querySelectorAll("tbody th"), (th) => th.textContent));
  let names = await rows();
  assert.equal(names.length, 10);
  assert.equal(names[0], "England");
  assert.equal(names[1], "North East", "highest first by default");
  const header = atlas(page).getByRole("button", { name: "Protection plans" });
  await header.click();
  names = await rows();
  assert.equal(names[1], "East of England", "lowest first after one click");
  assert.equal(await atlas(page).locator('th:has(button[data-col="value"])').getAttribute("aria-sort"), "ascending");
  await atlas(page).getByRole("button", { name: "Region" }).click();
  assert.equal((await rows())[1], "East Midlands");
  assert.equal(await atlas(page).locator("canvas.map").isVisible(), false);

  await page.evaluate(() => document.querySelector("care-atlas").setAttribute("view", "trend"));
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector("canvas.trend").getBoundingClientRect().width > 0);
  assert.equal(await atlas(page).locator("canvas.map").isVisible(), false);
  assert.equal(await atlas(page).locator("table").isVisible(), false);
  assert.match(await shadowText(page, ".title"), /2013–2025$/);

  await page.evaluate(() => document.querySelector("care-atlas").setAttribute("view", "map"));
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector("canvas.map").getBoundingClientRect().width > 0);
  assert.equal(await atlas(page).locator("canvas.trend").isVisible(), false);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("index mode shows % change since the base year, computed from the figures", async () => {
  const { page, context, log } = await widget('measure="cla_rate" highlight="E12000001"');
  await atlas(page).getByLabel("Change since 2010").check();
  assert.match(await shadowText(page, ".trend-title"), /% change since 2010: North East and England/);
  const labels = await shadowText(page, ".labels");
  // North East 69.5 → 111 and England 58.5 → 67, from the bundle.
  const ne = Math.round((111 / 69.5 - 1) * 100);
  const en = Math.round((67 / 58.5 - 1) * 100);
  assert.ok(labels.includes(`North East +${ne}%`), labels);
  assert.ok(labels.includes(`England +${en}%`), labels);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("hovering the trend reads out the year's values and outlines the line's area on the map", async () => {
  const { page, context, log } = await widget('measure="cla_rate" highlight="E12000001"');
  const canvas = atlas(page).locator("canvas.trend");
  const box = await canvas.boundingBox();
  // The North East's 2025 point is the top end of the focus line: find it from the end label.
  const y = await page.evaluate(() => {
    const s = [...document.querySelector("care-atlas").shadowRoot.querySelectorAll(".labels .end")].find((e) => e.textContent.startsWith("North East"));
    return parseFloat(s.style.top);
  });
  // The outlines are SVG paths over the map: the hover outline is the
  // first pair after the group of selected and highlighted outlines.
  const overlayInk = () =>
    page.evaluate(() => {
      const svg = document.querySelector("care-atlas").shadowRoot.querySelector("svg.overlay");
      const hover = svg.querySelectorAll(":scope > path")[1];
      return (hover.getAttribute("d") ?? "").length;
    });
  const before = await overlayInk();
  const endX = await page.evaluate(() => {
    const s = document.querySelector("care-atlas").shadowRoot.querySelector(".labels .end");
    return parseFloat(s.style.left) - 8;
  });
  await page.mouse.move(box.x + endX - 2, box.y + y);
  const tip = await shadowText(page, ".yeartip");
  assert.match(tip, /^2025/);
  assert.match(tip, /North East: 111/);
  assert.match(tip, /England: 67/);
  assert.equal(before, 0, "nothing hovered at first");
  assert.ok((await overlayInk()) > 100, "hovering the North East line outlines it on the map");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("CSV export holds the figures shown, their basis, the source and the licence", async () => {
  const { page, context, log } = await widget('measure="cla_rate" year="2025" highlight="E12000001"');
  const [download] = await Promise.all([page.waitForEvent("download"), atlas(page).getByRole("button", { name: "Download CSV" }).click()]);
  assert.equal(download.suggestedFilename(), "care-atlas-cla-rate-2025.csv");
  const text = (await streamText(await download.createReadStream())).replace(/^\uFEFF/, "");
  // What the figures are, their source and licence: `#` comment lines above the header.
  const all = text.split("\r\n");
  const comments = all.filter((l) => l.startsWith("#"));
  const lines = all.filter((l) => !l.startsWith("#"));
  assert.ok(all[0].startsWith("# "), all[0]);
  assert.equal(lines[0], "area_code,area_name,level,measure,measure_label,unit,year,value,basis");
  assert.ok(lines.includes('E12000001,North East,region,cla_rate,Children looked after,"per 10,000 children",2025,111,official'), lines.slice(0, 12).join("\n"));
  assert.ok(lines.some((l) => l.startsWith('E12000001,North East,region,cla_rate,Children looked after,"per 10,000 children",2010,69.5,"derived:')));
  assert.ok(lines.some((l) => l.startsWith('E12000001,North East,region,cla_rate,Children looked after,"per 10,000 children",2011,,no data:')));
  assert.ok(comments.some((l) => l.includes("Open Government Licence v3.0")));
  assert.ok(comments.some((l) => l.startsWith("# Source: Department for Education, ")), comments.join("\n"));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("PNG export is a picture that decodes, at twice the widget's size", async () => {
  const { page, context, log } = await widget('measure="cla_rate"', { width: 900 });
  const [download] = await Promise.all([page.waitForEvent("download"), atlas(page).getByRole("button", { name: "Download PNG" }).click()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  const bytes = await streamBytes(await download.createReadStream());
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "PNG signature");
  const size = await page.evaluate(async (b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const img = await createImageBitmap(new Blob([bin], { type: "image/png" }));
    return [img.width, img.height];
  }, bytes.toString("base64"));
  assert.ok(size[0] >= 900 && size[1] > 900, `decoded ${size}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

/** Pixels of the trend canvas that are pure green (the accent these tests set). */
const greenPixels = (page) =>
  page.evaluate(() => {
    const c = document.querySelector("care-atlas").shadowRoot.querySelector("canvas.trend");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 40 && d[i + 1] > 200 && d[i + 2] < 40) n++;
    return n;
  });

test("the dark theme and a page's accent colour reach the canvases", async () => {
  const html = embedPage(`<care-atlas theme="dark" highlight="E12000001" style="--care-atlas-accent:#00ff00"></care-atlas>`);
  const { page, context, log, url } = await open(browser, { path: "dark.html", html, width: 1000 });
  await page.goto(url);
  await settled(page);
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector("care-atlas").shadowRoot.querySelector(".frame")).backgroundColor);
  assert.equal(bg, "rgb(29, 33, 37)");
  const green = await greenPixels(page);
  assert.ok(green > 100, `the highlighted line takes the page's accent (${green} green pixels)`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

// Bug: `--care-atlas-accent: lime` turned the HTML controls lime but left the
// canvases unchanged (only hex colours were read back), and `theme="Dark"` was
// accepted but drawn light (the stylesheet matched the attribute's case).
test("a named accent colour reaches the canvases, and theme=\"Dark\" in any case draws dark", async () => {
  const html = embedPage(`<care-atlas theme="Dark" highlight="E12000001" style="--care-atlas-accent:lime"></care-atlas>`);
  const { page, context, log, url } = await open(browser, { path: "lime.html", html, width: 1000 });
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector("care-atlas").shadowRoot.querySelector(".frame")).backgroundColor);
  assert.equal(bg, "rgb(29, 33, 37)", "dark background");
  const green = await greenPixels(page);
  assert.ok(green > 100, `the highlighted line is lime (${green} lime pixels)`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

async function streamBytes(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

async function streamText(stream) {
  return (await streamBytes(stream)).toString("utf8");
}
