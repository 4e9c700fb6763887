// What "the widget rendered" means in these tests, in one place.
import assert from "node:assert/strict";
import { settled, shadowText } from "../page/harness.mjs";

/** Opaque pixels and distinct colours on the map canvas of the element matching `host`. */
export async function mapPixels(page, host = "care-atlas") {
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
    return { opaque, total: d.length / 4, colours: colours.size };
  }, host);
}

/**
 * Asserts the element became ready, titled itself, and drew England's
 * regions in several class colours; returns the title.
 */
export async function assertRendered(page, host = "care-atlas", title = /Children looked after/) {
  assert.equal(await settled(page, host), "ready");
  const text = await shadowText(page, ".title", host);
  assert.match(text ?? "", title);
  const px = await mapPixels(page, host);
  assert.ok(px.opaque / px.total > 0.25, `only ${px.opaque} of ${px.total} map pixels drawn`);
  assert.ok(px.colours >= 4, `map has ${px.colours} colours`);
  return text;
}
