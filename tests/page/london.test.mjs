// Issue 10, items 2 and 3: London you can read (the inset, zoom and pan,
// every borough reachable by pointer, touch and keyboard) and everything
// drawn inside the widget. Each at 320 and 1280 px, light and dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./harness.mjs";
import { widget, inPage, geometry } from "./map-harness.mjs";

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


/**
 * Measures each borough's hit area around its point: pointer moves are sent
 * to the map pixel by pixel in a window (29 px square: a 26 px cell fits in
 * it whole), and the tooltip says what was hit.
 * Returns, per code, the side of the largest square of pixels hitting it.
 */
async function hitSquares(page, codes, half = 14) {
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
      const { page, context, log } = await widget(browser, 'measure="cla_rate" level="la" year="2025"', { width, theme });
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
  const { page, context, log } = await widget(browser, 'measure="cla_rate" level="la" year="2025" view="map"', { width: 320, hasTouch: true });
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

