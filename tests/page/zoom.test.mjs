// Issue 10, item 2: zoom and pan of the map (buttons, keys, ctrl + wheel,
// pinch, drag), at 320 and 1280 px. The London inset is in london.test.mjs,
// what stays inside the widget in contain.test.mjs.
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



/** The map's zoom as seen from outside: where Cornwall's label point is. */
const cornwall = (page) => page.evaluate(() => document.querySelector("care-atlas").areaPoint("E06000052"));
const resetDisabled = (page) =>
  page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector('.zoom button[aria-label="Show the whole map"]').disabled);

for (const width of [320, 1280]) {
  test(`zoom and pan at ${width} px: buttons, keys, ctrl + wheel, drag; the wheel alone scrolls the page`, async () => {
    const { page, context, log } = await widget(browser, 'measure="cla_rate" level="la" year="2025"', {
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
  const { page, context, log } = await widget(browser, 'measure="cla_rate" level="la" year="2025" view="map"', {
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

