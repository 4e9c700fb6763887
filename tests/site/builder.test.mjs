// The embed builder: choices update the live preview and the snippet, the
// copy button copies it, and the snippet, pasted into a page, renders.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, offsite, settled, shadowText, BASE } from "../page/harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("choosing a measure, year and area updates the preview and the snippet, which renders when pasted", async () => {
  const { page, context, log, url } = await open(browser, { path: "builder.html", width: 1100 });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(BASE).origin });
  await page.goto(url);
  await settled(page, "#preview");
  await page.selectOption("#b-measure", "cpp_rate");
  // Years follow the measure: children on protection plans start later.
  const years = await page.locator("#b-year option").evaluateAll((o) => o.map((x) => x.value));
  assert.ok(years.includes("2019") && !years.includes("2010"), years.join(","));
  await page.selectOption("#b-year", "2019");
  await page.selectOption("#b-highlight", "E12000001");
  await page.waitForFunction(() => document.querySelector("#preview").shadowRoot.querySelector(".title").textContent.endsWith("2019"));
  assert.match(await shadowText(page, ".title", "#preview"), /protection plans.*2019/);

  // The fallback inside the element is the preview's own summary, and a link to the figures.
  const summary = await shadowText(page, ".summary", "#preview");
  assert.match(summary, /2019/);
  await page.waitForFunction((s) => document.getElementById("snippet").textContent.includes(s), summary);
  const snippet = await page.locator("#snippet").textContent();
  const [script, open_, fallback, close] = snippet.split("\n");
  assert.match(script, /^<script type="module" src="https:\/\/cdn\.jsdelivr\.net\/npm\/care-atlas@[\w.-]+\/care-atlas\.js"><\/script>$/);
  assert.equal(open_, '<care-atlas measure="cpp_rate" year="2019" highlight="E12000001">');
  assert.match(fallback, /^  <p>.+ <a href="https:\/\/[^"]+">Department for Education: [^<]+<\/a><\/p>$/);
  assert.ok(fallback.includes(summary.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")), fallback);
  assert.equal(close, "</care-atlas>");

  await page.click("#copy");
  await page.waitForFunction(() => document.getElementById("copy-status").textContent === "Copied.");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(offsite(log), []);
  await context.close();

  // Pasted into a page, with the CDN's copy of the package served from here.
  const local = snippet.replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/care-atlas@[\w.-]+\//, "/pkg/");
  const pasted = await open(browser, {
    path: "pasted.html",
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pasted</title><link rel="icon" href="data:,"></head><body>${local}</body></html>`,
  });
  await pasted.page.goto(pasted.url);
  assert.equal(await settled(pasted.page), "ready");
  assert.match(await shadowText(pasted.page, ".title"), /protection plans.*2019/);
  // Ready: the fallback is in the page but not shown.
  assert.equal(await pasted.page.evaluate(() => document.querySelector("care-atlas p").getClientRects().length), 0);
  assert.deepEqual(pasted.log.errors, []);
  assert.deepEqual(offsite(pasted.log), []);
  await pasted.context.close();
});

test("every control has a label and the builder works from the keyboard", async () => {
  const { page, context, url } = await open(browser, { path: "builder.html" });
  await page.goto(url);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("#builder [data-attr]")].filter((c) => !c.labels?.length).map((c) => c.id),
  );
  assert.deepEqual(unlabelled, []);
  await page.focus("#b-measure");
  await page.keyboard.press("ArrowDown"); // the next measure, chosen without a mouse
  await page.waitForFunction(() => !document.getElementById("snippet").textContent.includes('measure="cla_rate"'));
  await context.close();
});

test("the fallback can be left out, and is left out while a value is bad", async () => {
  const { page, context, url } = await open(browser, { path: "builder.html", width: 1100 });
  await page.goto(url);
  await settled(page, "#preview");
  await page.waitForFunction(() => document.getElementById("snippet").textContent.includes("<p>"));
  await page.uncheck("#b-fallback");
  await page.waitForFunction(() => !document.getElementById("snippet").textContent.includes("<p>"));
  assert.match(await page.locator("#snippet").textContent(), /\n<care-atlas measure="cla_rate"><\/care-atlas>$/);
  await page.check("#b-fallback");
  await page.waitForFunction(() => document.getElementById("snippet").textContent.includes("<p>"));
  await page.fill("#b-height", "5"); // below 160 px: the preview shows the problem
  await page.waitForFunction(() => !document.getElementById("snippet").textContent.includes("<p>"));
  await context.close();
});
