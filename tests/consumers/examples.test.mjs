// The example apps in examples/, each built for production from the tarball
// (cargo xtask consumers) and driven in Chromium as a reader would: the map
// paints, a click on it reaches the framework's state, a prop the framework
// changes updates the widget without losing the year and selection the
// reader chose, unmounting frees the engine and mounting again works; no
// console error (a hydration error is one), nothing fetched from elsewhere.
// The server-rendered ones (Next.js, SvelteKit) must also send the element,
// its attributes and its fallback content in the HTML.
//   CARE_ATLAS_URL/examples/<name>/  the static builds (React + Vite, Vue + Vite, SvelteKit)
//   CARE_ATLAS_NEXT_URL              `next start` for examples/next
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, BASE } from "../page/harness.mjs";
import { assertRendered } from "./rendered.mjs";

const FALLBACK = "Children looked after in England: the figures";

const APPS = [
  { name: "React 19 + Vite", url: new URL("examples/react-vite/", BASE).href },
  { name: "Vue 3 + Vite", url: new URL("examples/vue-vite/", BASE).href },
  { name: "SvelteKit (prerendered)", url: new URL("examples/sveltekit/", BASE).href, ssr: true },
  { name: "Next.js (server-rendered)", url: process.env.CARE_ATLAS_NEXT_URL, ssr: true },
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const atlas = (page, f, arg) => page.evaluate(f, arg);

for (const app of APPS) {
  test(`${app.name}: paints, hears a click, keeps the reader's year and selection across a prop change, unmounts cleanly`, async () => {
    assert.ok(app.url, "CARE_ATLAS_NEXT_URL is set by cargo xtask consumers");
    if (app.ssr) {
      // What the server sent, before any script ran.
      const html = await (await fetch(app.url)).text();
      assert.match(html, /<care-atlas[^>]* measure="cla_rate"/, "the element and its attributes are in the server's HTML");
      assert.ok(html.includes(FALLBACK), "the fallback content is in the server's HTML");
    }
    const { page, context, log } = await open(browser, { path: app.url, width: 1100 });
    await page.goto(app.url);
    await assertRendered(page);
    // Ready: the fallback link is in the light DOM but no longer shown.
    assert.equal(await atlas(page, () => document.querySelector("care-atlas a").getClientRects().length), 0);

    // A click on the map reaches the framework's state.
    const [x, y] = await atlas(page, () => Array.from(document.querySelector("care-atlas").areaPoint("E12000003")));
    await page.mouse.click(x, y);
    await page.waitForFunction(() => document.getElementById("selected").textContent === "E12000003");

    // The reader moves to 2016; then the framework changes a prop.
    assert.equal(await atlas(page, () => document.querySelector("care-atlas").setYear(2016)), true);
    assert.doesNotMatch(await atlas(page, () => document.querySelector("care-atlas").shadowRoot.querySelector(".trend-title").textContent), /North West/);
    await page.click("#more");
    await page.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector(".trend-title").textContent.includes("North West"));
    const after = await atlas(page, () => {
      const el = document.querySelector("care-atlas");
      return { highlight: el.getAttribute("highlight"), year: el.currentYear, selected: el.selectedAreas, title: el.shadowRoot.querySelector(".title").textContent };
    });
    assert.deepEqual(after.highlight.split(","), ["E12000001", "E12000002"]);
    assert.equal(after.year, 2016, "the reader's year survives the prop change");
    assert.deepEqual(after.selected, ["E12000003"], "the reader's selection survives the prop change");
    assert.match(after.title, /2016/);

    // Unmounting removes the element and frees its engine; mounting again draws afresh.
    await atlas(page, () => (window.__removed = document.querySelector("care-atlas")));
    await page.click("#toggle");
    await page.waitForFunction(() => !document.querySelector("care-atlas"));
    assert.deepEqual(await atlas(page, () => [window.__removed.isConnected, window.__removed.currentYear]), [false, undefined]);
    await page.click("#toggle");
    await assertRendered(page);

    assert.deepEqual(log.errors, []);
    const origin = new URL(app.url).origin;
    assert.deepEqual(log.requests.filter((u) => !u.startsWith("data:") && new URL(u).origin !== origin), []);
    await context.close();
  });
}
