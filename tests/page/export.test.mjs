// Issue 10, item 6: exports that are the view. The PNG keeps the arrangement
// on screen (side by side or stacked) at twice the CSS size with no text
// cut off; the CSV's metadata are comment lines a CSV parser skips; %-change
// mode exports the changes, named so; Ofsted exports the inspection date.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import Papa from "papaparse";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, settled, embedPage } from "./harness.mjs";

const ART = join(dirname(fileURLToPath(import.meta.url)), "artifacts");
/** Keeps an exported picture to look at (and to see what failed). */
function keep(name, bytes) {
  mkdirSync(ART, { recursive: true });
  writeFileSync(join(ART, name), bytes);
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PAD = 16;

async function widget(attrs, { width, theme = "light" }) {
  const bg = theme === "dark" ? "background:#1d2125;color:#eee" : "background:#fff";
  const html = embedPage(
    `<div style="width:${width}px"><care-atlas ${attrs} theme="${theme}"></care-atlas></div>`,
    `<style>body{margin:0;${bg};font:15px/1.4 "DejaVu Sans", sans-serif}</style>`,
  );
  const o = await open(browser, { path: `export-${Math.random().toString(36).slice(2)}.html`, html, width: width + 20, height: 1000 });
  await o.page.goto(o.url);
  assert.equal(await settled(o.page), "ready");
  return o;
}

async function download(page, name) {
  const [d] = await Promise.all([
    page.waitForEvent("download"),
    page.evaluate((n) => [...document.querySelector("care-atlas").shadowRoot.querySelectorAll("button")].find((b) => b.textContent === n).click(), name),
  ]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return { name: d.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/**
 * Decodes the PNG in the page: its size, the background colour (top-left
 * pixel), and how many pixels differ from it in the right padding strip
 * (text running past its column would land there, or be cut off at the edge).
 */
async function inspect(page, bytes) {
  return page.evaluate(async ([b64, pad]) => {
    const img = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: "image/png" }));
    const c = new OffscreenCanvas(img.width, img.height);
    const x = c.getContext("2d");
    x.drawImage(img, 0, 0);
    const d = x.getImageData(0, 0, img.width, img.height).data;
    const bg = [d[0], d[1], d[2]];
    let strip = 0;
    const from = img.width - 2 * pad + 4;
    for (let y = 0; y < img.height; y++)
      for (let xx = from; xx < img.width; xx++) {
        const i = (y * img.width + xx) * 4;
        if (Math.max(Math.abs(d[i] - bg[0]), Math.abs(d[i + 1] - bg[1]), Math.abs(d[i + 2] - bg[2])) > 24) strip++;
      }
    // Columns with ink, per band of rows: where the map and the trend sit.
    return { w: img.width, h: img.height, bg, strip };
  }, [bytes.toString("base64"), PAD]);
}

const LONG = "E08000021,E06000047,E06000058,E06000010,E08000037";

for (const theme of ["light", "dark"]) {
  test(`PNG, ${theme}: side by side at 1024 px stays side by side, twice the size, no text cut`, async () => {
    const { page, context, log } = await widget(`measure="cla_rate" level="la" focus="E12000001" highlight="${LONG}"`, { width: 1024, theme });
    const wide = await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".body").classList.contains("wide"));
    assert.ok(wide, "the widget is side by side at 1024 px");
    const png = await download(page, "Download PNG");
    assert.match(png.name, /^care-atlas-cla-rate-2025\.png$/);
    const r = await inspect(page, png.bytes);
    keep(`export-1024-${theme}.png`, png.bytes);
    assert.equal(r.w, 2 * (1024 + 2 * PAD), `width ${r.w}`);
    const h = await page.evaluate(() => document.querySelector("care-atlas").getBoundingClientRect().height);
    assert.ok(r.h < 2 * (h + 120), `height ${r.h}: about the widget's own (${h} CSS px), not a stack`);
    assert.ok(r.h < r.w, `${r.w} × ${r.h} is landscape, as the view is`);
    assert.equal(r.strip, 0, "nothing drawn in the right padding: the long trend title wrapped");
    assert.equal(r.bg.join(), theme === "dark" ? "29,33,37" : "255,255,255");
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  for (const width of [320, 1280]) {
    test(`PNG at ${width} px, ${theme}: twice the CSS size, arranged as on screen, no text cut`, async () => {
      const { page, context, log } = await widget(`measure="cla_rate" level="la" highlight="${LONG}"`, { width, theme });
      const png = await download(page, "Download PNG");
      const r = await inspect(page, png.bytes);
      keep(`export-${width}-${theme}.png`, png.bytes);
      assert.equal(r.w, 2 * (width + 2 * PAD));
      assert.equal(r.strip, 0, `${r.strip} px of ink in the right padding`);
      if (width === 320) assert.ok(r.h > r.w * 2, `stacked: ${r.w} × ${r.h}`);
      else assert.ok(r.h < r.w, `side by side: ${r.w} × ${r.h}`);
      assert.deepEqual(log.errors, []);
      await context.close();
    });
  }
}

test("a map-only PNG is the map's width, twice", async () => {
  const { page, context } = await widget('measure="cla_rate" view="map"', { width: 992 });
  const r = await inspect(page, (await download(page, "Download PNG")).bytes);
  assert.equal(r.w, 2 * (992 + 2 * PAD));
  await context.close();
});

/** A real CSV parser, told that `#` starts a comment. */
function parse(text) {
  const body = text.replace(/^\uFEFF/, "");
  const p = Papa.parse(body, { header: true, comments: "#", skipEmptyLines: true });
  assert.deepEqual(p.errors, [], "the CSV parses without errors");
  return { ...p, comments: body.split("\r\n").filter((l) => l.startsWith("#")) };
}

for (const width of [320, 1280]) {
  test(`CSV at ${width} px: a CSV parser reads only rows of data; the metadata are comments`, async () => {
    const { page, context, log } = await widget('measure="cla_rate" highlight="E12000001"', { width });
    const csv = await download(page, "Download CSV");
    assert.equal(csv.name, "care-atlas-cla-rate-2025.csv");
    const p = parse(csv.bytes.toString("utf8"));
    assert.deepEqual(p.meta.fields, ["area_code", "area_name", "level", "measure", "measure_label", "unit", "year", "value", "basis"]);
    assert.ok(p.data.length > 20, `${p.data.length} rows`);
    for (const row of p.data) {
      assert.match(row.area_code, /^E\d{8}$/, JSON.stringify(row));
      assert.match(row.year, /^\d{4}$/);
      assert.ok(row.value === "" || Number.isFinite(Number(row.value)), JSON.stringify(row));
    }
    assert.ok(p.comments.some((c) => c.includes("Open Government Licence v3.0")));
    assert.ok(p.comments.some((c) => c.startsWith("# Source: ")));
    // Without being told about comments a parser still gets the header right after them.
    assert.ok(csv.bytes.toString("utf8").replace(/^\uFEFF/, "").startsWith("# "));
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("%-change mode exports the changes, named so in the file name and the header", async () => {
  const { page, context, log } = await widget('measure="cla_rate" highlight="E12000001"', { width: 1280 });
  await page.evaluate(() => {
    const box = document.querySelector("care-atlas").shadowRoot.querySelector('input[type="checkbox"]');
    box.click();
  });
  const csv = await download(page, "Download CSV");
  assert.equal(csv.name, "care-atlas-cla-rate-change-since-2010-2025.csv");
  const p = parse(csv.bytes.toString("utf8"));
  assert.ok(p.meta.fields.includes("change_since_2010_pct"), p.meta.fields.join());
  const ne = p.data.find((r) => r.area_code === "E12000001" && r.year === "2025");
  const expected = (Number(ne.value) / Number(ne.value_2010) - 1) * 100;
  assert.ok(Math.abs(Number(ne.change_since_2010_pct) - expected) < 0.06, `${ne.change_since_2010_pct} vs ${expected}`);
  // The trend's read-out shows the same change, rounded.
  const label = await page.evaluate(() =>
    [...document.querySelector("care-atlas").shadowRoot.querySelectorAll(".labels .end")].map((s) => s.textContent).find((t) => t.startsWith("North East")),
  );
  assert.ok(label.includes(`${Math.round(expected)}%`), `${label} shows ${Math.round(expected)}%`);
  const png = await download(page, "Download PNG");
  assert.equal(png.name, "care-atlas-cla-rate-change-since-2010-2025.png");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the Ofsted CSV includes the inspection date the tooltip shows", async () => {
  const { page, context, log } = await widget('measure="ofsted_overall" level="la" view="map"', { width: 1280 });
  const p = parse((await download(page, "Download CSV")).bytes.toString("utf8"));
  assert.ok(p.meta.fields.includes("inspection_date"), p.meta.fields.join());
  const durham = p.data.find((r) => r.area_code === "E06000047");
  assert.match(durham.inspection_date, /^\d{4}-\d{2}-\d{2}$/);
  const pt = await page.evaluate(() => document.querySelector("care-atlas").areaPoint("E06000047"));
  await page.mouse.move(pt[0], pt[1]);
  const detail = await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".tip .d").textContent);
  const [y, m, d] = durham.inspection_date.split("-").map(Number);
  const words = `${d} ${["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1]} ${y}`;
  assert.ok(detail.includes(words), `tooltip "${detail}" gives ${words}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});
