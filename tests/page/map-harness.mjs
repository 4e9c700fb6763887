// Set-up shared by the map tests (containment, the London inset, zoom): a
// widget in a page of known width and theme, and where the map and a
// borough are in the viewport.
import assert from "node:assert/strict";
import { open, settled, embedPage } from "./harness.mjs";

/** A page with one widget in a box `width` px wide; with `hasTouch`, in a touch context. */
export async function widget(browser, attrs, { width, theme = "light", hasTouch = false, below = "", margin = 0 }) {
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
export const inPage = (page, fn, arg) => page.evaluate(fn, arg);

/** The overlay's box in the viewport, and the borough's point (its tile, in the inset). */
export async function geometry(page, code) {
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
