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

test("dataset() has Inner and Outer London as a subregion level, each borough under one, with DfE's figures", async () => {
  const { page, context, log, url } = await open(browser, { path: "api-sub.html", html: "<!doctype html><title>api</title>" });
  await page.goto(url);
  const r = await page.evaluate(async () => {
    const { dataset } = await import("./pkg/care-atlas.js");
    const data = await dataset();
    const hackney = data.areas("la").find((a) => a.code === "E09000012");
    const gateshead = data.areas("la").find((a) => a.code === "E08000037");
    return {
      subs: data.areas("subregion").map((a) => [a.code, a.name, a.level, a.region]),
      hackney: hackney.subregion,
      gateshead: gateshead.subregion,
      inner: (await data.value("cla_rate", "E13000001", 2025)).value,
      turnover: (await data.value("sw_turnover_rate", "E13000002", 2025)).status,
      polarity: data.measures().find((m) => m.id === "leavers_eet_pct").polarity,
    };
  });
  assert.deepEqual(r.subs, [
    ["E13000001", "Inner London", "subregion", "E12000007"],
    ["E13000002", "Outer London", "subregion", "E12000007"],
  ]);
  assert.equal(r.hackney, "E13000001");
  assert.equal(r.gateshead, null);
  assert.equal(r.inner, 59);
  assert.equal(r.turnover, "official");
  assert.equal(r.polarity, "higher-is-better");
  assert.deepEqual(log.errors, []);
  await context.close();
});
