// Decode time of the embedded bundle in headless Chromium: run by `cargo xtask bench`
// (which builds the package and serves the site), or by hand with CARE_ATLAS_URL set.
// Prints figures; it is a measurement, not a test.
import { launch, open } from "../tests/page/harness.mjs";

const browser = await launch();
try {
  const { page, url } = await open(browser, { path: "bench.html", html: "<!doctype html><title>bench</title>" });
  await page.goto(url);
  const r = await page.evaluate(async () => {
    const t0 = performance.now();
    const { load, dataset } = await import("./pkg/care-atlas.js");
    await load();
    const t1 = performance.now();
    const api = await dataset();
    const t2 = performance.now();
    api.measures(); // the first call decodes the bundle once for the page
    const t3 = performance.now();
    const runs = 50;
    const perDecode = api.decodeBenchmark(runs);
    return { load: t1 - t0, first: t3 - t2, perDecode, runs };
  });
  console.log(`Chromium: wasm load + instantiate ${r.load.toFixed(1)} ms`);
  console.log(`Chromium: first query (decodes the bundle) ${r.first.toFixed(2)} ms`);
  console.log(`Chromium: decode alone ${r.perDecode.toFixed(2)} ms (mean of ${r.runs})`);
} finally {
  await browser.close();
}
