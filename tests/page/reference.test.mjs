// Reference images of key views, compared pixel by pixel with a tolerance.
// On a mismatch, artifacts/<name>.png shows expected | difference | actual.
// Regenerate after an intended change with CARE_ATLAS_UPDATE_REFERENCES=1.
//
// Fonts: the widget's text is HTML in the page's font, so these images hold
// glyphs, and `sans-serif` is whatever fontconfig picks on the machine. The
// pages therefore name one family, CARE_ATLAS_FONT, which `cargo xtask test`
// installs from a Debian package (xtask/src/tools.rs, TEST_FONT) and passes
// in; a first test fails if Chromium does not actually draw with it. We pin
// the font rather than mask text out, so the images still check the text's
// placement, wrapping and clipping, which are part of what a reader sees.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open, settled, embedPage } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const REF = join(here, "reference");
const ART = join(here, "artifacts");
const UPDATE = !!process.env.CARE_ATLAS_UPDATE_REFERENCES;
/** A channel may differ by this much (antialiasing), and this share of pixels may differ at all. */
const CHANNEL_TOLERANCE = 48;
const PIXEL_SHARE = 0.002;
const FONT = process.env.CARE_ATLAS_FONT;

const VIEWS = {
  "region-map": { width: 700, attrs: 'measure="cla_rate" year="2025" view="map" highlight="E12000001"' },
  "la-map-north-east": { width: 700, attrs: 'measure="cla_rate" year="2025" level="la" focus="E12000001" view="map" highlight="E06000047"' },
  "la-map-ofsted": { width: 700, attrs: 'measure="ofsted_overall" level="la" view="map"' },
  // London's inset over open space (700 px), and in a band below a phone's map (320 px).
  "la-map-london-inset": { width: 700, attrs: 'measure="cla_rate" year="2025" level="la" view="map" highlight="E09000007"' },
  "la-map-london-inset-320": { width: 320, attrs: 'measure="cla_rate" year="2025" level="la" view="map" theme="dark"', page: "background:#1d2125" },
  trend: { width: 700, attrs: 'measure="cla_rate" view="trend" highlight="E12000001"' },
  "trend-index": { width: 700, attrs: 'measure="cla_rate" view="trend" highlight="E12000001,E12000007" base-year="2010"' },
  // Classes centred on England's figure (issue 10): purple below, orange above.
  "la-map-england": { width: 700, attrs: 'measure="cla_rate" year="2025" level="la" classes="england" view="map"' },
  // Three frames of Play with the default breaks, fixed across the years:
  // the legend is the same in each, so only the fills move.
  "play-2013": { width: 500, attrs: 'measure="cla_rate" year="2013" level="la" focus="E12000001" view="map" highlight="E08000021"' },
  "play-2019": { width: 500, attrs: 'measure="cla_rate" year="2019" level="la" focus="E12000001" view="map" highlight="E08000021"' },
  "play-2025": { width: 500, attrs: 'measure="cla_rate" year="2025" level="la" focus="E12000001" view="map" highlight="E08000021"' },
  "dark-map-trend": { width: 960, attrs: 'measure="cpp_rate" year="2025" theme="dark" highlight="E12000001"', page: "background:#1d2125" },
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The test page for a view, in the pinned font. */
function viewPage(v) {
  return embedPage(
    `<div style="width:${v.width}px;padding:8px;${v.page ?? ""}"><care-atlas ${v.attrs}></care-atlas></div>`,
    `<style>body{margin:0;font:15px/1.4 "${FONT}"}</style>`,
  );
}

test("the pinned font is installed and Chromium draws with it", async () => {
  assert.ok(FONT, "CARE_ATLAS_FONT is not set: run the page tests through `cargo xtask test`, which installs the font and names it");
  const { page, context, url } = await open(browser, { path: "font.html", html: embedPage("") });
  await page.goto(url);
  // A family that is not installed falls back to the next in the list:
  // measured against two different fallbacks, the widths agree only if it is there.
  const widths = await page.evaluate((f) => {
    const c = document.createElement("canvas").getContext("2d");
    return ["monospace", "serif"].map((fallback) => {
      c.font = `20px "${f}", ${fallback}`;
      return c.measureText("Children looked after, 2025: 1,234.5").width;
    });
  }, FONT);
  assert.equal(widths[0], widths[1], `the font "${FONT}" is not installed (widths ${widths}): cargo xtask test installs it`);
  await context.close();
});

/** Compares two PNGs in the browser; returns the share of differing pixels and a diff strip. */
async function compare(page, expected, actual, recolour = null) {
  return page.evaluate(
    async ([e64, a64, tol, swap]) => {
      const load = async (b64) => createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: "image/png" }));
      const [e, a] = [await load(e64), await load(a64)];
      const w = Math.max(e.width, a.width);
      const h = Math.max(e.height, a.height);
      const read = (img) => {
        const c = new OffscreenCanvas(w, h);
        const x = c.getContext("2d");
        x.drawImage(img, 0, 0);
        return x.getImageData(0, 0, w, h);
      };
      const [de, da] = [read(e), read(a)];
      if (swap) {
        // Paint every pixel of one colour in another: a class whose colour changed.
        const [from, to] = swap;
        for (let i = 0; i < da.data.length; i += 4) {
          if ([0, 1, 2].every((k) => Math.abs(da.data[i + k] - from[k]) <= 2)) da.data.set([...to, 255], i);
        }
      }
      const strip = new OffscreenCanvas(w * 3, h);
      const sx = strip.getContext("2d");
      sx.drawImage(e, 0, 0);
      sx.drawImage(a, 2 * w, 0);
      const diff = sx.createImageData(w, h);
      let bad = 0;
      for (let i = 0; i < de.data.length; i += 4) {
        const d = Math.max(...[0, 1, 2, 3].map((k) => Math.abs(de.data[i + k] - da.data[i + k])));
        const off = d > tol;
        if (off) bad++;
        diff.data.set(off ? [255, 0, 80, 255] : [de.data[i] / 3 + 170, de.data[i + 1] / 3 + 170, de.data[i + 2] / 3 + 170, 255], i);
      }
      sx.putImageData(diff, w, 0);
      const blob = await strip.convertToBlob({ type: "image/png" });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let bin = "";
      for (const b of bytes) bin += String.fromCharCode(b);
      return { share: bad / (w * h), sameSize: e.width === a.width && e.height === a.height, strip: btoa(bin) };
    },
    [expected.toString("base64"), actual.toString("base64"), CHANNEL_TOLERANCE, recolour],
  );
}

for (const [name, v] of Object.entries(VIEWS)) {
  test(`reference image: ${name}`, async () => {
    const html = viewPage(v);
    const { page, context, log, url } = await open(browser, { path: `ref-${name}.html`, html, width: v.width + 40 });
    await page.goto(url);
    assert.equal(await settled(page), "ready");
    const actual = await page.locator("care-atlas").screenshot({ animations: "disabled" });
    const file = join(REF, `${name}.png`);
    if (UPDATE || !existsSync(file)) {
      assert.ok(UPDATE, `${file} is missing: run with CARE_ATLAS_UPDATE_REFERENCES=1 to create it`);
      mkdirSync(REF, { recursive: true });
      writeFileSync(file, actual);
    } else {
      const r = await compare(page, readFileSync(file), actual);
      if (!r.sameSize || r.share > PIXEL_SHARE) {
        mkdirSync(ART, { recursive: true });
        writeFileSync(join(ART, `${name}.png`), Buffer.from(r.strip, "base64"));
        assert.fail(
          `${name}: ${(r.share * 100).toFixed(2)}% of pixels differ (allowed ${PIXEL_SHARE * 100}%)` +
            `${r.sameSize ? "" : ", and the size changed"}; see ${join(ART, name + ".png")} (expected | difference | actual)`,
        );
      }
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("a one-class colour change fails the region map's comparison", async () => {
  const v = VIEWS["region-map"];
  const { page, context, url } = await open(browser, { path: "ref-recolour.html", html: viewPage(v), width: v.width + 40 });
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  const actual = await page.locator("care-atlas").screenshot({ animations: "disabled" });
  const expected = readFileSync(join(REF, "region-map.png"));
  const same = await compare(page, expected, actual);
  assert.ok(same.sameSize && same.share <= PIXEL_SHARE, "the unchanged map matches its reference");
  // The legend's swatches are the classes' colours; move the fullest class to its neighbour's colour.
  const swatches = await page.evaluate(() =>
    Array.from(document.querySelector("care-atlas").shadowRoot.querySelectorAll(".legend .sw:not(.nodata)"), (s) => {
      const li = s.closest("li");
      return { rgb: getComputedStyle(s).backgroundColor.match(/\d+/g).slice(0, 3).map(Number), n: Number(li.querySelector(".n").textContent.replace(/\D/g, "")) };
    }),
  );
  assert.ok(swatches.length >= 3, `legend swatches: ${JSON.stringify(swatches)}`);
  const k = swatches.reduce((best, s, i) => (s.n > swatches[best].n ? i : best), 0);
  const to = swatches[k === swatches.length - 1 ? k - 1 : k + 1].rgb;
  const changed = await compare(page, expected, actual, [swatches[k].rgb, to]);
  assert.ok(changed.share > PIXEL_SHARE, `recolouring one class (${swatches[k].rgb} → ${to}) changed only ${(changed.share * 100).toFixed(2)}% of pixels`);
  await context.close();
});
