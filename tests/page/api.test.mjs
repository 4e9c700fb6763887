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

// The answers are built in Rust field by field (src/data/plain.rs): they must
// reach the page as plain objects in the typings' order, `null` (never
// `undefined`) for an absent value, arrays as arrays, and numbers exactly as
// computed — a mean of ten figures is not rounded on the way (Gateshead's
// neighbours' mean rate of children in need in 2024 is 438.6499999999999,
// which any six-decimal text would turn into 438.65).
test("dataset() answers are plain objects, keys in order, null for absent, numbers exact", async () => {
  const { page, context, log, url } = await open(browser, { path: "api-shape.html", html: "<!doctype html><title>api</title>" });
  await page.goto(url);
  const r = await page.evaluate(async () => {
    const { dataset } = await import("./pkg/care-atlas.js");
    const data = await dataset();
    const plain = (o) => Object.getPrototypeOf(o) === Object.prototype;
    const figure = await data.value("cla_rate", "E06000047", 2025);
    const gap = await data.value("cla_rate", "E92000001", 2011);
    const c = await data.compare("cin_rate", "E08000037", 2024, { statistic: "mean" });
    const list = data.neighbours("E08000037").neighbours;
    const values = [];
    for (const n of list) {
      const v = (await data.value("cin_rate", n.code, 2024)).value;
      if (v !== null) values.push(v);
    }
    const m = data.measures()[0];
    return {
      plain: [figure, gap, c, c.neighbours, c.rank, m, m.source, list[0]].every(plain),
      arrays: [m.years, m.categories, list, c.neighbours.gaps].every(Array.isArray),
      figureKeys: Object.keys(figure),
      gap: { value: gap.value, note: gap.note, hasNote: "note" in gap, reason: typeof gap.reason },
      mean: c.neighbours.value,
      jsMean: values.reduce((a, b) => a + b, 0) / values.length,
      counts: [c.neighbours.with, c.neighbours.of, values.length, typeof c.rank.place],
      years: data.years("cla_rate").every((y) => typeof y === "number"),
    };
  });
  assert.ok(r.plain, "every answer is a plain object");
  assert.ok(r.arrays, "lists are arrays");
  assert.deepEqual(r.figureKeys, ["measure", "area", "areaName", "year", "value", "decimals", "status", "note", "reason", "category", "date"]);
  assert.deepEqual(r.gap, { value: null, note: null, hasNote: true, reason: "string" });
  assert.equal(r.mean, r.jsMean, "the neighbours' mean arrives to the last bit");
  assert.equal(r.counts[0], r.counts[2]);
  assert.deepEqual([r.counts[1], r.counts[3]], [10, "number"]);
  assert.ok(r.years);
  assert.deepEqual(log.errors, []);
  await context.close();
});
