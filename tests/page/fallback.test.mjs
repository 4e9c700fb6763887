// Fallback content: what a page puts inside <care-atlas> (a link, an image, a
// table) shows until the widget is ready, and stays when the WebAssembly
// module or the script cannot load; a <script type="text/csv"> child stays
// invisible and keeps working throughout.
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

const BODY = `<care-atlas level="la" focus="E12000001" data-label="Foster carers approved">
<p id="fallback">In 2025, 111 children per 10,000 were looked after in the North East. <a href="/figures">The figures</a></p>
<script type="text/csv">area_code,year,value
E06000047,2024,12.5
</script></care-atlas>`;

/** Whether the element with this id takes up room on the page (unslotted light DOM does not). */
const shown = (page, id) => page.evaluate((i) => document.getElementById(i).getClientRects().length > 0, id);
const csvShown = (page) => page.evaluate(() => document.querySelector('care-atlas script[type="text/csv"]').getClientRects().length > 0);

test("the page's content shows until the widget is ready, then gives way to it; the CSV child is never shown and is drawn", async () => {
  const { page, context, log, url } = await open(browser, { path: "fallback.html", html: embedPage(BODY) });
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route("**/*.wasm", async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(url);
  // The element is defined and has its shadow root, but the engine is still loading.
  await page.waitForFunction(() => customElements.get("care-atlas") && document.querySelector("care-atlas").shadowRoot);
  assert.equal(await shown(page, "fallback"), true, "the fallback shows while the module loads");
  assert.equal(await csvShown(page), false);
  const box = await page.locator("#fallback a").boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, "the link can be seen and clicked");
  release();
  assert.equal(await settled(page), "ready");
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector(".title").textContent.startsWith("Foster carers"));
  assert.equal(await shown(page, "fallback"), false, "the widget replaces the fallback");
  assert.equal(await csvShown(page), false);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("when the WebAssembly module cannot load, the widget says so and the page's content stays", async () => {
  const { page, context, log, url } = await open(browser, { path: "fallback-nowasm.html", html: embedPage(BODY) });
  await page.route("**/*.wasm", (route) => route.fulfill({ status: 404, body: "not here" }));
  await page.goto(url);
  // The failure can come before a listener could be added: wait for what it shows.
  await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot?.querySelector('[role="alert"]'));
  assert.match(await shadowText(page, '[role="alert"]'), /WebAssembly module could not be loaded/);
  assert.equal(await shown(page, "fallback"), true, "the fallback stays");
  assert.equal(await csvShown(page), false);
  assert.ok(log.errors.some((e) => e.includes("could not be loaded")), log.errors.join("\n"));
  await context.close();
});

test("when the script cannot load at all, the page's content shows as it is", async () => {
  const html = embedPage(BODY).replace("/pkg/care-atlas.js", "/pkg/missing.js");
  const { page, context, url } = await open(browser, { path: "fallback-noscript.html", html });
  await page.goto(url);
  await page.waitForLoadState("load");
  assert.equal(await page.evaluate(() => customElements.get("care-atlas")), undefined);
  assert.equal(await shown(page, "fallback"), true);
  assert.equal(await csvShown(page), false);
  await context.close();
});
