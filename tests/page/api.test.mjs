// The package's query API as a page uses it: import the entry, await dataset().
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("dataset() answers measures, areas, years and values from the bundled data", async () => {
  const { page, context, log, url } = await open(browser, { path: "api.html", html: "<!doctype html><title>api</title>" });
  await page.goto(url);
  const r = await page.evaluate(async () => {
    const { dataset } = await import("./pkg/care-atlas.js");
    const data = await dataset();
    const ne = await data.value("cla_rate", "E12000001", 2025);
    let error = null;
    try {
      await data.value("no_such_measure", "E12000001", 2025);
    } catch (e) {
      error = String(e.message);
    }
    return {
      ne,
      ids: data.measures().map((m) => m.id),
      las: data.areas("la").length,
      years: data.years("cin_rate"),
      attribution: data.attribution(),
      error,
    };
  });
  assert.equal(r.ne.value, 111);
  assert.equal(r.ne.status, "official");
  assert.ok(r.ids.includes("child_poverty_bhc") && r.ids.includes("ofsted_overall"), r.ids.join());
  assert.equal(r.las, 163);
  assert.deepEqual(r.years, Array.from({ length: 13 }, (_, i) => 2013 + i));
  assert.match(r.attribution, /Open Government Licence/);
  assert.match(r.error, /no_such_measure/);
  assert.deepEqual(log.errors, []);
  await context.close();
});
