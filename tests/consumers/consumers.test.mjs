// Each way into the package, from the tarball `npm pack` made: a CDN-like
// path, a Vite app, a webpack app, and the standalone file on hosts that
// serve .wasm badly or not at all. The server (cargo xtask test) lays out:
//   /npm/care-atlas@<version>/   the unpacked tarball
//   /cdn/      a plain page with one module script from that path
//   /vite/     the Vite app's production build
//   /webpack/  the webpack app's production build
//   /octet/    the package files, .wasm served as application/octet-stream
//   /nowasm/   the package files, .wasm refused (404)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, offsite } from "../page/harness.mjs";
import { assertRendered } from "./rendered.mjs";

const VERSION = process.env.CARE_ATLAS_VERSION;

let browser;
before(async () => {
  assert.ok(VERSION, "CARE_ATLAS_VERSION is set by cargo xtask test");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `path`, asserts the widget rendered with no error and nothing fetched off 127.0.0.1. */
async function rendersAt(path) {
  const { page, context, log, url } = await open(browser, { path });
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto(url);
  await assertRendered(page);
  // The second widget's measure is in the demand pack.
  await assertRendered(page, "#packed", /Children in need/);
  // The third compares with statistical neighbours: the full engine's, which
  // outlines them on its map and lists them.
  await assertRendered(page, "#full");
  assert.ok((await page.evaluate(() => document.querySelector("#full").shadowRoot.querySelectorAll(".neighbours li").length)) >= 10, "the neighbours are listed");
  assert.deepEqual(log.errors, []);
  assert.deepEqual(offsite(log), []);
  await context.close();
  return { requests: log.requests, warnings };
}

test("a plain page with one module script from a CDN-like path renders", async () => {
  const { requests } = await rendersAt("cdn/");
  const pkg = `/npm/care-atlas@${VERSION}/`;
  for (const f of ["care-atlas.js", "care_atlas.js", "care_atlas_bg.wasm", "care_atlas_full.js", "care_atlas_full_bg.wasm", "care-atlas.demand.pack"]) {
    assert.ok(requests.some((u) => new URL(u).pathname === pkg + f), `${pkg}${f} was not loaded: ${requests.join(", ")}`);
  }
});

test("a Vite app that installed the tarball renders from its production build", async () => {
  const { requests } = await rendersAt("vite/");
  // Vite copied both engines' wasm into its assets with hashed names.
  assert.ok(requests.some((u) => /\/vite\/assets\/care_atlas_bg-[\w-]+\.wasm$/.test(u)), requests.join(", "));
  assert.ok(requests.some((u) => /\/vite\/assets\/care_atlas_full_bg-[\w-]+\.wasm$/.test(u)), requests.join(", "));
  // And the pack the second widget needs, found by the same literal new URL(…, import.meta.url).
  assert.ok(requests.some((u) => /\/vite\/assets\/care-atlas\.demand-[\w-]+\.pack$/.test(u)), requests.join(", "));
});

test("a webpack 5 app that installed the tarball renders from its production build", async () => {
  const { requests } = await rendersAt("webpack/");
  // Both engines' modules.
  assert.equal(new Set(requests.filter((u) => /\/webpack\/\w+\.wasm$/.test(u))).size, 2, requests.join(", "));
  assert.ok(requests.some((u) => /\/webpack\/\w+\.pack$/.test(u)), requests.join(", "));
});

for (const host of ["octet", "nowasm"]) {
  test(`the standalone file renders from a host that ${host === "octet" ? "serves .wasm as application/octet-stream" : "refuses .wasm"}, fetching no .wasm`, async () => {
    const { requests } = await rendersAt(`${host}/standalone.html`);
    assert.deepEqual(requests.filter((u) => u.includes(".wasm")), []);
    assert.equal(requests.length, 2, requests.join(", ")); // the page and the one file, which carries the packs
  });
}

test("the package entry on a host that serves .wasm as application/octet-stream still renders, with the glue's warning", async () => {
  const { warnings } = await rendersAt("octet/entry.html");
  assert.ok(warnings.some((w) => w.includes("application/wasm")), warnings.join("\n"));
});

test("the package entry on a host that refuses .wasm says so in the widget and the console; the standalone file is the way out", async () => {
  const { page, context, log, url } = await open(browser, { path: "nowasm/entry.html" });
  // Listening before the page's scripts run: the failure can come at once.
  await page.addInitScript(() => {
    for (const type of ["care-atlas-error", "care-atlas-ready"]) {
      document.addEventListener(type, (e) => (window.__outcome ??= e.detail?.message ?? type));
    }
  });
  await page.goto(url);
  const outcome = await (await page.waitForFunction(() => window.__outcome, null, { timeout: 10000 })).jsonValue();
  assert.match(outcome, /WebAssembly module could not be loaded/);
  assert.match(await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.textContent), /could not be loaded/);
  assert.ok(log.errors.some((e) => e.includes("could not be loaded")), log.errors.join("\n"));
  await context.close();
});
