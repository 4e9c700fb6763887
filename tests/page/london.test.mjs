// Issue 10, items 2 and 3: London you can read (the inset, zoom and pan,
// every borough reachable by pointer, touch and keyboard) and everything
// drawn inside the widget. Each at 320 and 1280 px, light and dark.
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

const LONDON = [
  "E09000001", "E09000002", "E09000003", "E09000004", "E09000005", "E09000006", "E09000007", "E09000008",
  "E09000009", "E09000010", "E09000011", "E09000012", "E09000013", "E09000014", "E09000015", "E09000016",
  "E09000017", "E09000018", "E09000019", "E09000020", "E09000021", "E09000022", "E09000023", "E09000024",
  "E09000025", "E09000026", "E09000027", "E09000028", "E09000029", "E09000030", "E09000031", "E09000032",
  "E09000033",
];
const PAGE_BG = { light: [255, 255, 255], dark: [29, 33, 37] };

async function widget(attrs, { width, theme = "light", hasTouch = false, below = "", margin = 0 }) {
  const bg = theme === "dark" ? "background:#1d2125;color:#eee" : "background:#fff";
  const html = embedPage(
    `<div id="wrap" style="width:${width}px;margin:${margin}px"><care-atlas ${attrs} theme="${theme}"></care-atlas></div>${below}`,
    `<style>body{margin:0;${bg};font:15px/1.4 "DejaVu Sans", sans-serif}</style>`,
  );
  const o = await open(browser, { path: `london-${Math.random().toString(36).slice(2)}.html`, html, width: width + 2 * margin, height: 900 });
  if (hasTouch) {
    await o.context.close();
    const context = await browser.newContext({ viewport: { width, height: 900 }, hasTouch: true });
    const page = await context.newPage();
    const log = { errors: [] };
    page.on("console", (m) => m.type() === "error" && log.errors.push(m.text()));
    page.on("pageerror", (e) => log.errors.push(e.message));
    await page.route(o.url, (r) => r.fulfill({ status: 200, contentType: "text/html", body: html }));
    Object.assign(o, { context, page, log });
  }
  await o.page.goto(o.url);
  assert.equal(await settled(o.page), "ready");
  return o;
}

/** The widget's shadow parts, read in the page. */
const inPage = (page, fn, arg) => page.evaluate(fn, arg);

/** The overlay's box in the viewport, and the borough's point (its tile, in the inset). */
async function geometry(page, code) {
  return inPage(
    page,
    (c) => {
      const el = document.querySelector("care-atlas");
      const r = el.shadowRoot.querySelector("svg.overlay").getBoundingClientRect();
      return { box: { x: r.x, y: r.y, w: r.width, h: r.height }, point: el.areaPoint(c) };
    },
    code,
  );
}

/**
 * Measures each borough's hit area around its point: pointer moves are sent
 * to the map pixel by pixel in a window, and the tooltip says what was hit.
 * Returns, per code, the side of the largest square of pixels hitting it.
 */
async function hitSquares(page, codes, half = 22) {
  return inPage(
    page,
    ([codes, half]) => {
      const el = document.querySelector("care-atlas");
      const root = el.shadowRoot;
      const overlay = root.querySelector("svg.overlay");
      const tip = root.querySelector(".tip");
      const names = {};
      const out = {};
      for (const code of codes) {
        const p = el.areaPoint(code);
        // The name of the borough at its own point: the tooltip's first line.
        const nameAt = (x, y) => {
          overlay.dispatchEvent(new PointerEvent("pointermove", { clientX: x, clientY: y, bubbles: true }));
          return tip.hidden ? null : tip.querySelector("strong").textContent;
        };
        names[code] = nameAt(p[0], p[1]);
        const n = 2 * half + 1;
        const grid = new Uint8Array(n * n);
        for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) grid[j * n + i] = nameAt(p[0] - half + i, p[1] - half + j) === names[code] ? 1 : 0;
        // Largest all-ones square (dynamic programming).
        const dp = new Uint16Array(n * n);
        let best = 0;
        for (let j = 0; j < n; j++)
          for (let i = 0; i < n; i++) {
            if (!grid[j * n + i]) continue;
            dp[j * n + i] = i && j ? 1 + Math.min(dp[(j - 1) * n + i], dp[j * n + i - 1], dp[(j - 1) * n + i - 1]) : 1;
            best = Math.max(best, dp[j * n + i]);
          }
        out[code] = best;
      }
      overlay.dispatchEvent(new PointerEvent("pointerleave"));
      return { squares: out, names };
    },
    [codes, half],
  );
}

for (const width of [320, 1280]) {
  for (const theme of ["light", "dark"]) {
    test(`London inset at ${width} px, ${theme}: every borough has a hit area of 24 × 24 px or more, and only its own name`, async () => {
      const { page, context, log } = await widget('measure="cla_rate" level="la" year="2025"', { width, theme });
      const { squares, names } = await hitSquares(page, LONDON);
      const distinct = new Set(Object.values(names));
      assert.equal(distinct.size, 33, `33 different boroughs answer at their points: ${JSON.stringify(names)}`);
      for (const code of LONDON) assert.ok(squares[code] >= 24, `${names[code]} (${code}): largest hit square ${squares[code]} px`);
      // The points are in the inset, inside the map's box, and the inset covers no area of the main map.
      const { box } = await geometry(page, LONDON[0]);
      for (const code of LONDON) {
        const p = (await geometry(page, code)).point;
        assert.ok(p[0] > box.x && p[0] < box.x + box.w && p[1] > box.y && p[1] < box.y + box.h, `${code} at ${p} in ${JSON.stringify(box)}`);
      }
      // Each borough is still drawn in its place on the main map: hovering
      // its label point there (the inset hidden by zooming) names it.
      await inPage(page, () => document.querySelector("care-atlas").shadowRoot.querySelector(".zoom button").click());
      const camden = (await geometry(page, "E09000007")).point;
      const onMap = await inPage(page, ([x, y]) => {
        const root = document.querySelector("care-atlas").shadowRoot;
        root.querySelector("svg.overlay").dispatchEvent(new PointerEvent("pointermove", { clientX: x, clientY: y, bubbles: true }));
        return root.querySelector(".tip strong").textContent;
      }, camden);
      assert.equal(onMap, "Camden");
      assert.deepEqual(log.errors, []);
      await context.close();
    });
  }
}

test("a tap on a borough's tile selects it; the keyboard moves between the inset's tiles", async () => {
  const { page, context, log } = await widget('measure="cla_rate" level="la" year="2025" view="map"', { width: 320, hasTouch: true });
  const { point } = await geometry(page, "E09000019"); // Islington
  await page.touchscreen.tap(point[0] + 9, point[1] - 9); // off-centre, still in its cell
  assert.deepEqual(await page.evaluate(() => document.querySelector("care-atlas").selectedAreas), ["E09000019"]);
  // Keyboard: type a name to reach Camden, then Right goes to Islington's tile, Right again to Hackney's.
  await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".keys").focus());
  await page.keyboard.type("Camden");
  const live = () => page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector("[role=status]").textContent);
  assert.match(await live(), /^Camden/);
  await page.keyboard.press("ArrowRight");
  assert.match(await live(), /^Islington/);
  await page.keyboard.press("ArrowRight");
  assert.match(await live(), /^Hackney/);
  // The keyboard's tooltip sits at the tile, in the inset.
  const tip = await page.evaluate(() => {
    const root = document.querySelector("care-atlas").shadowRoot;
    const t = root.querySelector(".tip");
    return { hidden: t.hidden, name: t.querySelector("strong").textContent };
  });
  assert.deepEqual(tip, { hidden: false, name: "Hackney" });
  // + zooms in on the focused borough's real shape, in the middle of the map.
  for (let i = 0; i < 4; i++) await page.keyboard.press("+");
  const { box, point: hackney } = await geometry(page, "E09000012");
  assert.ok(Math.abs(hackney[0] - (box.x + box.w / 2)) < 2 && Math.abs(hackney[1] - (box.y + box.h / 2)) < 2, `Hackney at ${hackney}, the map's middle ${box.x + box.w / 2},${box.y + box.h / 2}`);
  const zoomedTip = await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".tip strong").textContent);
  assert.equal(zoomedTip, "Hackney");
  assert.deepEqual(log.errors, []);
  await context.close();
});

/** The map's zoom as seen from outside: where Cornwall's label point is. */
const cornwall = (page) => page.evaluate(() => document.querySelector("care-atlas").areaPoint("E06000052"));
const resetDisabled = (page) =>
  page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector('.zoom button[aria-label="Show the whole map"]').disabled);

for (const width of [320, 1280]) {
  test(`zoom and pan at ${width} px: buttons, keys, ctrl + wheel, drag; the wheel alone scrolls the page`, async () => {
    const { page, context, log } = await widget('measure="cla_rate" level="la" year="2025"', {
      width,
      below: '<div style="height:2000px">Below</div>',
    });
    const { box } = await geometry(page, "E06000052");
    const c0 = await cornwall(page);
    assert.equal(await resetDisabled(page), true, "nothing to reset at first");
    // Buttons: zoom in about the centre moves Cornwall away from it by 1.5×.
    await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector('.zoom button[aria-label="Zoom in"]').click());
    const c1 = await cornwall(page);
    const cx = box.x + box.w / 2;
    assert.ok(Math.abs((c1[0] - cx) - 1.5 * (c0[0] - cx)) < 1.5, `x ${c0[0]} → ${c1[0]} about ${cx}`);
    assert.equal(await resetDisabled(page), false);
    await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector('.zoom button[aria-label="Show the whole map"]').click());
    assert.deepEqual(await cornwall(page), c0);
    // Keys on the focused map: + zooms, Shift+Arrow pans, - zooms out, 0 resets; the arrows alone still move between areas.
    await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector(".keys").focus());
    await page.keyboard.press("+");
    await page.keyboard.press("+");
    const k2 = await cornwall(page);
    assert.notDeepEqual(k2, c0);
    // (Zoomed about the focused area, Barking and Dagenham, at the east: there is room to the west.)
    await page.keyboard.press("Shift+ArrowLeft");
    const panned = await cornwall(page);
    assert.ok(panned[0] > k2[0] + 5, `Shift+ArrowLeft shows more of the west: ${k2} → ${panned}`);
    await page.keyboard.press("-");
    await page.keyboard.press("0");
    assert.deepEqual(await cornwall(page), c0);
    assert.equal(await resetDisabled(page), true);
    // The wheel alone scrolls the page and leaves the map as it was.
    const mid = [box.x + box.w * 0.3, box.y + box.h * 0.4];
    await page.mouse.move(mid[0], mid[1]);
    await page.mouse.wheel(0, 200);
    await page.waitForFunction(() => window.scrollY > 0);
    assert.deepEqual(await cornwall(page).then((p) => p[0]), c0[0]);
    await page.evaluate(() => window.scrollTo(0, 0));
    // Ctrl + wheel zooms about the pointer: the point under it stays put.
    await page.mouse.move(mid[0], mid[1]);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -100);
    await page.keyboard.up("Control");
    await page.waitForFunction(() => !document.querySelector("care-atlas").shadowRoot.querySelector('.zoom button[aria-label="Show the whole map"]').disabled);
    assert.equal(await page.evaluate(() => window.scrollY), 0, "ctrl + wheel does not scroll the page");
    const w1 = await cornwall(page);
    const ratio = (w1[0] - mid[0]) / (c0[0] - mid[0]);
    assert.ok(ratio > 1.1, `zoomed about the pointer (ratio ${ratio})`);
    // A drag pans the zoomed map and selects nothing.
    await page.mouse.move(mid[0], mid[1]);
    await page.mouse.down();
    await page.mouse.move(mid[0] - 30, mid[1] - 20, { steps: 5 });
    await page.mouse.up();
    const d1 = await cornwall(page);
    assert.ok(Math.abs(d1[0] - w1[0] + 30) < 6 && Math.abs(d1[1] - w1[1] + 20) < 6, `dragged by (-30, -20): ${w1} → ${d1}`);
    assert.deepEqual(await page.evaluate(() => document.querySelector("care-atlas").selectedAreas), []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("two fingers pinch to zoom; one finger scrolls the page", async () => {
  const { page, context, log } = await widget('measure="cla_rate" level="la" year="2025" view="map"', {
    width: 320,
    hasTouch: true,
    below: '<div style="height:2000px">Below</div>',
  });
  const { box } = await geometry(page, "E06000052");
  const c0 = await cornwall(page);
  const cdp = await context.newCDPSession(page);
  const cx = box.x + box.w / 2;
  const cy = box.y + 150;
  const touch = (type, d) =>
    cdp.send("Input.dispatchTouchEvent", {
      type,
      touchPoints: type === "touchEnd" ? [] : [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }],
    });
  await touch("touchStart", 20);
  for (let d = 25; d <= 60; d += 5) await touch("touchMove", d);
  await touch("touchEnd", 0);
  const c1 = await cornwall(page);
  const ratio = (c1[0] - cx) / (c0[0] - cx);
  assert.ok(ratio > 2.5 && ratio < 3.5, `pinched from 40 to 120 px apart: zoom ${ratio}`);
  assert.equal(await page.evaluate(() => window.scrollY), 0, "the pinch did not scroll the page");
  assert.deepEqual(log.errors, []);
  await context.close();
});

/**
 * Every pixel of the page outside the widget's box is the page's background:
 * read from a screenshot of the whole page, in the browser. The rows beside
 * the trend chart are left out: its end labels' width at 320 px is issue 10
 * item 5 (clipped text), done separately; this checks the map's outlines,
 * markers, focus rings and tooltips. (Drop the exclusion once both are in.)
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
      const plot = document.querySelector("care-atlas").shadowRoot.querySelector(".trend-plot");
      const tr = plot && !plot.closest("[hidden]") ? plot.getBoundingClientRect() : null;
      const besideTrend = (y) => tr && y >= tr.top + scrollY && y < tr.bottom + scrollY;
      let bad = 0;
      let first = null;
      for (let y = 0; y < img.height; y++)
        for (let xx = 0; xx < img.width; xx++) {
          if (xx >= l - 1 && xx < rt + 1 && y >= t - 1 && y < b + 1) continue;
          if (besideTrend(y)) continue;
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
      const { page, context, log } = await widget('measure="cla_rate" level="la" focus="E12000001" highlight="E06000065,E06000063,E06000064,E06000047" year="2025"', {
        width,
        theme,
        margin: 150,
        below: '<div style="height:600px"></div>',
      });
      await page.evaluate(() => window.scrollTo(0, 0));
      // Hover and tooltips at the map's corners and edges, the keyboard's ring, zoomed and not.
      const { box } = await geometry(page, "E06000047");
      const spots = [[0.02, 0.98], [0.98, 0.98], [0.5, 0.99], [0.98, 0.02], [0.5, 0.5]];
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
