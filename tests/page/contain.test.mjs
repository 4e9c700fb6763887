// Issue 10, item 3: outlines, markers, focus rings and tooltips are drawn
// inside the widget, never over the page around it: stacked (320 px) and
// side by side (1280 px), light and dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.mjs";
import { widget, geometry } from "./map-harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PAGE_BG = { light: [255, 255, 255], dark: [29, 33, 37] };


/**
 * Every pixel of the page outside the widget's box is the page's background:
 * read from a screenshot of the whole page, in the browser: the map's
 * outlines, markers, focus rings and tooltips, and the trend's end labels
 * (wrapped to fit, issue 10 item 5).
 */
async function inkOutside(page, theme) {
  const shot = await page.screenshot({ fullPage: true });
  return page.evaluate(
    async ([b64, bg]) => {
      const img = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: "image/png" }));
      const c = new OffscreenCanvas(img.width, img.height);
      const x = c.getContext("2d");
      x.drawImage(img, 0, 0);
      const d = x.getImageData(0, 0, img.width, img.height).data;
      const r = document.querySelector("care-atlas").getBoundingClientRect();
      const [l, t, rt, b] = [r.left + scrollX, r.top + scrollY, r.right + scrollX, r.bottom + scrollY].map(Math.round);
      let bad = 0;
      let first = null;
      for (let y = 0; y < img.height; y++)
        for (let xx = 0; xx < img.width; xx++) {
          if (xx >= l - 1 && xx < rt + 1 && y >= t - 1 && y < b + 1) continue;
          const i = (y * img.width + xx) * 4;
          if (Math.max(Math.abs(d[i] - bg[0]), Math.abs(d[i + 1] - bg[1]), Math.abs(d[i + 2] - bg[2])) > 8) {
            bad++;
            first ??= [xx, y];
          }
        }
      return { bad, first, box: [l, t, rt, b] };
    },
    [shot.toString("base64"), PAGE_BG[theme]],
  );
}

/** Boxes of the widget's parts that reach outside the host element. */
const partsOutside = (page) =>
  page.evaluate(() => {
    const el = document.querySelector("care-atlas");
    const h = el.getBoundingClientRect();
    const out = [];
    for (const n of el.shadowRoot.querySelectorAll(".tip, .yeartip, svg.overlay, .zoom, canvas, .keys")) {
      if (n.hidden || n.closest("[hidden]")) continue;
      const r = n.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < h.left - 0.5 || r.top < h.top - 0.5 || r.right > h.right + 0.5 || r.bottom > h.bottom + 0.5)
        out.push(`${n.className.baseVal ?? n.className}: ${[r.left, r.top, r.right, r.bottom].map(Math.round)} outside ${[h.left, h.top, h.right, h.bottom].map(Math.round)}`);
    }
    return out;
  });

for (const width of [320, 1280]) {
  for (const theme of ["light", "dark"]) {
    test(`at ${width} px, ${theme}, outlines, focus rings, markers and tooltips stay inside the widget`, async () => {
      // The North East's authorities fill the frame; the highlighted North
      // Yorkshire, Cumberland and Westmorland and Furness lie just outside it
      // (their outlines used to be drawn over the page around the widget).
      // The page has room on every side to show anything drawn there.
      const { page, context, log } = await widget(browser, 'measure="cla_rate" level="la" focus="E12000001" highlight="E06000065,E06000063,E06000064,E06000047" year="2025"', {
        width,
        theme,
        margin: 80,
        below: '<div style="height:200px"></div>',
      });
      await page.evaluate(() => window.scrollTo(0, 0));
      // Hover and tooltips at the map's corners and edges, the keyboard's ring, zoomed and not.
      const { box } = await geometry(page, "E06000047");
      const spots = [[0.02, 0.98], [0.98, 0.98]];
      for (const [fx, fy] of spots) {
        await page.mouse.move(box.x + box.w * fx, box.y + box.h * fy);
        const r = await inkOutside(page, theme);
        assert.equal(r.bad, 0, `hovering at ${fx},${fy}: ${r.bad} px drawn outside the widget ${r.box}, first at ${r.first}`);
        assert.deepEqual(await partsOutside(page), []);
      }
      await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".keys").focus());
      await page.keyboard.press("End");
      await page.keyboard.press("+");
      await page.keyboard.press("+");
      await page.keyboard.press("Home");
      const r = await inkOutside(page, theme);
      assert.equal(r.bad, 0, `focused and zoomed: ${r.bad} px outside the widget, first at ${r.first}`);
      assert.deepEqual(await partsOutside(page), []);
      assert.deepEqual(log.errors, []);
      await context.close();
    });
  }
}

test("a hover's tooltip sits beside the pointer, on the side with more room, inside the map", async () => {
  const { page, context, log } = await widget(browser, 'measure="cla_rate" level="la" year="2025" view="map"', { width: 700 });
  // Cumberland (top left), Cornwall (bottom left), Norfolk (right), Kent (bottom right), Northumberland (top).
  const seen = new Set();
  for (const code of ["E06000063", "E06000052", "E10000020", "E10000016", "E06000057"]) {
    const { box, point: p } = await geometry(page, code);
    assert.ok(p[1] < 900, `${code}'s point ${p} is in view`);
    await page.mouse.move(p[0], p[1]);
    await page.waitForFunction(() => !document.querySelector("care-atlas").shadowRoot.querySelector(".tip").hidden);
    const tip = await page.evaluate(() => {
      const r = document.querySelector("care-atlas").shadowRoot.querySelector(".tip").getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    const map = { left: box.x, top: box.y, right: box.x + box.w, bottom: box.y + box.h };
    const where = `${code} at ${p.map(Math.round)}: tooltip ${JSON.stringify(tip)}, map ${JSON.stringify(map)}`;
    assert.ok(tip.right - tip.left > 40 && tip.bottom - tip.top > 20, `laid out: ${where}`);
    assert.ok(tip.left >= map.left + 3.5 && tip.right <= map.right - 3.5 && tip.top >= map.top + 3.5 && tip.bottom <= map.bottom - 3.5, `inside the map: ${where}`);
    // Beside the point on each axis where the roomier side has room for it (14 px off, 4 px from the edge).
    for (const [lo, hi, at, a, b, before, after] of [
      [map.left, map.right, p[0], tip.left, tip.right, "left", "right"],
      [map.top, map.bottom, p[1], tip.top, tip.bottom, "above", "below"],
    ]) {
      const first = at > (lo + hi) / 2;
      if ((first ? at - lo : hi - at) - 18 < b - a + 1) continue;
      seen.add(first ? before : after);
      assert.ok(first ? b <= at - 12 : a >= at + 12, `${first ? before : after} of the pointer: ${where}`);
    }
  }
  assert.deepEqual([...seen].sort(), ["above", "below", "left", "right"], "each side was tried");
  assert.deepEqual(log.errors, []);
  await context.close();
});
