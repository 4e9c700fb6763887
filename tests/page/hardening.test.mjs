// Issue 14's defects in the browser, one test each, named after what broke:
// hostile input through every way into the element must give a named
// message (in the widget, the console and a care-atlas-error event), settle
// every promise, and never block the page for 100 ms or more. Timings are
// taken with the page's own clock (performance.now) around the calls.
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

/** A page with `body`, every care-atlas-error collected in `window.__errors`. */
async function page(body, { head = "", hash = "", ready = true } = {}) {
  const o = await open(browser, { path: `d${Math.random().toString(36).slice(2)}.html`, html: embedPage(body, head), width: 1100 });
  await o.page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener("care-atlas-error", (e) => window.__errors.push(e.detail?.message ?? ""));
  });
  o.goto = async () => {
    await o.page.goto(o.url + hash);
    if (ready) assert.equal(await settled(o.page), "ready");
  };
  return o;
}

/** Runs `fn` in the page until `cond` holds, or 5 s of the page's time pass. */
const until = (p, cond, arg) =>
  p.waitForFunction(cond, arg, { timeout: 5000, polling: "raf" });

test("defect 1: a page value of 1 and 400 zeros is named, the rest is drawn, and the widget keeps working", async () => {
  const o = await page("<care-atlas></care-atlas>");
  await o.goto();
  const r = await o.page.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    const csv = `area_code,year,value\nE12000001,2024,1${"0".repeat(400)}\nE12000002,2024,-17${"0".repeat(306)}\nE12000002,2025,17${"0".repeat(306)}\nE12000003,2024,5\nE12000003,2025,999999999999999\n`;
    const { problems } = await el.setData(csv, { label: "Mine" });
    el.setAttribute("base-year", "2024");
    await null;
    el.select(["E12000003"]);
    const trend = el.shadowRoot.querySelector(".labels")?.textContent ?? "";
    el.setYear(2024);
    el.remove();
    await null;
    document.body.append(el);
    await new Promise((res) => setTimeout(res, 50));
    return { problems, title: el.shadowRoot.querySelector(".title").textContent, trend, csv: el.toCSV() };
  });
  assert.deepEqual(r.problems.map((p) => p.line), [2, 3, 4]);
  for (const p of r.problems) assert.match(p.message, /^value "[-\d]{40}… \(\d{3} characters\)" is too large: values must be smaller than 1,000,000,000,000,000 either side of zero\.$/);
  assert.match(r.title, /^Mine, in 2024$/);
  assert.ok(!/18,446,744/.test(r.trend + r.csv), "no saturated number");
  // base-year is set and the trend shown: the CSV is in change mode (value, value in 2024, % change).
  assert.match(r.csv, /E12000003,Yorkshire and The Humber,region,user,Mine,,2024,5,5,0\.0,supplied by this page/);
  assert.match((await o.page.evaluate(() => window.__errors))[0], /Line 2: value "10{39}… \(401 characters\)" is too large/);
  assert.ok(!o.log.errors.some((e) => /unreachable|RuntimeError|pageerror/.test(e)), o.log.errors.join("\n"));
  await o.context.close();
});

test("defect 3: a same-origin data-src redirected to another site is refused, and nothing is read from there", async () => {
  const o = await page('<care-atlas data-src="redir.csv" data-label="Ours"></care-atlas>', { ready: false });
  const elsewhere = [];
  await o.page.route("**/redir.csv", (route) => route.fulfill({ status: 302, headers: { location: "http://elsewhere.test/x.csv" } }));
  await o.page.route("http://elsewhere.test/**", (route) => {
    elsewhere.push(route.request().url());
    return route.fulfill({ headers: { "access-control-allow-origin": "*", "content-type": "text/csv" }, body: "area_code,year,value\nE12000001,2025,666\n" });
  });
  await o.goto();
  await until(o.page, () => window.__errors.length > 0);
  const errors = await o.page.evaluate(() => window.__errors);
  assert.match(errors.join("\n"), /data-src "redir\.csv" could not be loaded .*redirects to another site are refused/);
  assert.match(await shadowText(o.page, ".warnings"), /data-src "redir\.csv" could not be loaded/);
  assert.match(await shadowText(o.page, ".title"), /^Children looked after/);
  assert.ok(!(await o.page.evaluate(() => document.querySelector("care-atlas").toCSV())).includes("666"));
  assert.deepEqual(elsewhere, [], "no request reached the other site");
  await o.context.close();
});

test("defect 4: a slow earlier data-src never overwrites a later one (the earlier load is cancelled)", async () => {
  const o = await page('<care-atlas data-label="Ours"></care-atlas>');
  let release;
  const gate = new Promise((r) => (release = r));
  await o.page.route("**/slow.csv", async (route) => {
    await gate;
    await route.fulfill({ contentType: "text/csv", body: "area_code,year,value\nE12000001,2020,1\n" }).catch(() => {});
  });
  await o.page.route("**/fast.csv", (route) => route.fulfill({ contentType: "text/csv", body: "area_code,year,value\nE12000001,2024,2\n" }));
  await o.goto();
  const slowDone = new Promise((r) => {
    const done = (req) => req.url().endsWith("/slow.csv") && r(req.failure() ? "cancelled" : "finished");
    o.page.on("requestfailed", done);
    o.page.on("requestfinished", done);
  });
  await o.page.evaluate(() => {
    const el = document.querySelector("care-atlas");
    el.dataSrc = "slow.csv";
    el.dataSrc = "fast.csv";
  });
  await until(o.page, () => /^Ours, in 2024$/.test(document.querySelector("care-atlas").shadowRoot.querySelector(".title").textContent));
  // Now the slow answer arrives (or would): the page has moved on.
  release();
  const how = await slowDone;
  await o.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(how, "cancelled");
  assert.match(await shadowText(o.page, ".title"), /^Ours, in 2024$/);
  await o.context.close();
});

test("defect 5: figures and the reader's state survive data-* changes, moves, setData while out of the page, and new figures", async () => {
  const o = await page(`<div id="one"><care-atlas id="a" data-label="Inline"><script type="text/csv">area_code,year,value
E12000001,2025,8
</script></care-atlas></div><div id="two"></div>`);
  await o.goto();
  const csv = "area_code,year,value\nE12000001,2024,5\nE12000001,2025,6\nE12000002,2024,3\nE12000002,2025,4\n";
  const r = await o.page.evaluate(async (csv) => {
    const el = document.getElementById("a");
    const snap = () => ({ title: el.shadowRoot.querySelector(".title").textContent, year: el.currentYear, selected: el.selectedAreas, ne: /E12000001,North East,[^\n]*,(\d+),supplied by this page/.exec(el.toCSV())?.[1] });
    await el.setData(csv, { label: "Mine" });
    el.setYear(2024);
    el.select(["E12000002"]);
    const before = snap();
    // A data-* attribute relabels the figures shown; it does not bring the inline CSV back.
    el.dataset.unit = "per 10,000 children";
    const relabelled = snap();
    // New figures keep the selection and the year.
    await el.setData(csv.replace(",5\n", ",7\n"), { label: "Mine" });
    const refreshed = snap();
    // Moved to another parent in one task: nothing is lost.
    document.getElementById("two").append(el);
    await new Promise((r) => setTimeout(r, 20));
    const moved = snap();
    // setData while out of the page: checked now, shown when it is back.
    el.remove();
    await new Promise((r) => setTimeout(r, 20));
    const out = await el.setData(csv + "E99999999,2025,1\n", { label: "Back" });
    document.getElementById("one").append(el);
    await el.whenReady();
    await new Promise((r) => setTimeout(r, 20));
    const back = snap();
    // An element never in the page: setData settles with its problems.
    const fresh = document.createElement("care-atlas");
    const never = await Promise.race([fresh.setData("area_code,year,value\nE12000001,2025,x\n"), new Promise((r) => setTimeout(() => r("pending"), 5000))]);
    return { before, relabelled, refreshed, moved, out, back, never };
  }, csv);
  assert.deepEqual(r.before, { title: "Mine, in 2024", year: 2024, selected: ["E12000002"], ne: "5" });
  assert.deepEqual(r.relabelled, { title: "Mine, per 10,000 children, in 2024", year: 2024, selected: ["E12000002"], ne: "5" });
  assert.deepEqual(r.refreshed, { ...r.relabelled, ne: "7" });
  assert.deepEqual(r.moved, r.refreshed);
  assert.deepEqual(r.out.problems.map((p) => p.line), [6]);
  assert.equal(r.back.title, "Back, per 10,000 children, in 2024");
  assert.deepEqual(r.back.selected, ["E12000002"]);
  assert.deepEqual(r.never.problems.map((p) => p.line), [2, 0]);
  await o.context.close();
});

test("defect 7: the exported CSV writes a page's formula-like label and unit as text", async () => {
  const o = await page("<care-atlas></care-atlas>");
  await o.goto();
  const csv = await o.page.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    await el.setData("area_code,year,value\nE12000001,2025,-5\n", { label: '=HYPERLINK("http://elsewhere.test/","x")', unit: "+cmd|' /C calc'!A0", source: "@SUM(A1)" });
    return el.toCSV();
  });
  assert.match(csv, /E12000001,North East,region,user,"'=HYPERLINK\(""http:\/\/elsewhere\.test\/"",""x""\)",'\+cmd\|' \/C calc'!A0,2025,-5,supplied by this page/);
  for (const line of csv.split("\r\n")) assert.doesNotMatch(line, /(^|,)[=+@]/, line);
  await o.context.close();
});

test("defect 8: a 1 MB highlight, a 2 MB share link and a 1 MB CSV of junk are each named, none freezing the page", async () => {
  const hash = `#ca-selected=${"E1200000X,".repeat(200_000)}`;
  const o = await page('<care-atlas id="a"></care-atlas>', { hash });
  await o.goto();
  const r = await o.page.evaluate(async () => {
    const a = document.getElementById("a");
    const time = async (f) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const highlight = await time(async () => {
      a.setAttribute("highlight", "E1200000X,".repeat(100_000));
      await null;
    });
    // An optional attribute: the chart is drawn without it, and says so.
    const highlightMsg = a.shadowRoot.querySelector(".notices li").textContent;
    const drawn = !a.shadowRoot.querySelector(".body").hidden;
    a.removeAttribute("highlight");
    await null;
    const b = document.createElement("care-atlas");
    b.setAttribute("url-sync", "");
    const link = await time(async () => {
      document.body.append(b);
      await b.whenReady();
    });
    let problems;
    const csv = await time(async () => {
      ({ problems } = await a.setData(`area_code,year,value\n${"E0600004x,2024,1\n".repeat(58_000)}`));
    });
    return { highlight, highlightMsg, drawn, link, linkMsg: b.shadowRoot.querySelector(".warnings").textContent, csv, problems: problems.map((p) => p.message) };
  });
  assert.match(r.highlightMsg, /^The highlight attribute "E1200000X,E1200000X,E1200000X,E1200000X,… \(1,000,000 characters\)" is too long: at most 4,096 characters are allowed\. It is ignored: the chart is shown as if highlight were not set\.$/);
  assert.ok(r.drawn, "a bad highlight does not blank the chart");
  assert.match(r.linkMsg, /The address's #ca-selected "E1200000X,.*" is longer than 4096 characters, so it was ignored\./);
  assert.match(r.problems[0], /area code "E0600004x" is not an English region or upper-tier authority\. Did you mean E0600004\d \(/);
  assert.ok(r.problems.some((p) => /only the first 20,000 lines of figures are read/.test(p)), r.problems.join("\n"));
  console.log(`1 MB highlight ${Math.round(r.highlight)} ms, 2 MB link ${Math.round(r.link)} ms, 1 MB CSV ${Math.round(r.csv)} ms`);
  // The defect was a frozen page (3–7 s). The bound is a freeze, not a speed
  // target: on an idle machine each takes 10–60 ms (printed above), and a
  // machine busy with other builds must not fail the run (speed belongs in
  // `cargo xtask bench`).
  for (const what of ["highlight", "link", "csv"]) assert.ok(r[what] < 1000, `${what} took ${Math.round(r[what])} ms`);
  await o.context.close();
});

test("defect 9: arguments of the wrong type give named TypeErrors at the boundary, shown in the widget, and the engine carries on", async () => {
  const o = await page("<care-atlas></care-atlas>");
  await o.goto();
  const r = await o.page.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    const { dataset } = await import("/pkg/care-atlas.js");
    const data = await dataset();
    const attempt = async (f) => {
      try {
        await f();
        return "no error";
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };
    const out = {
      areaPointObject: await attempt(() => el.areaPoint({})),
      areaPointNumber: await attempt(() => el.areaPoint(12000001)),
      setDataLabel: await attempt(() => el.setData("area_code,year,value\nE12000001,2025,1\n", { label: 5 })),
      setDataCsv: await attempt(() => el.setData(new ArrayBuffer(8))),
      setYear: await attempt(() => el.setYear({})),
      selectNumber: await attempt(() => el.select(5)),
      selectNumbers: await attempt(() => el.select([1, 2])),
      value: await attempt(() => data.value(1, {}, "x")),
      areas: await attempt(() => data.areas(7)),
    };
    out.afterwards = [el.setYear(2016), el.currentYear, Array.from(el.areaPoint("E12000001")).length, (await data.value("cla_rate", "E12000001", 2025)).value];
    out.warnings = el.shadowRoot.querySelector(".warnings").textContent;
    out.events = window.__errors.length;
    return out;
  });
  assert.equal(r.areaPointObject, 'TypeError: care-atlas areaPoint(code): code must be an area code such as "E12000001", not an object.');
  assert.equal(r.areaPointNumber, 'TypeError: care-atlas areaPoint(code): code must be an area code such as "E12000001", not the number 12000001.');
  assert.equal(r.setDataLabel, 'TypeError: care-atlas setData(csv, options): options.label must be a string such as "Foster carers", not the number 5.');
  assert.match(r.setDataCsv, /^TypeError: care-atlas setData\(csv, options\): csv must be a string such as "area_code,year,value\\n…", not an object\.$/);
  assert.equal(r.setYear, "TypeError: care-atlas setYear(year): year must be a whole number such as 2025, not an object.");
  assert.match(r.selectNumber, /^TypeError: care-atlas select\(codes\): codes must be an area code or a list of them, such as \["E12000001"\], not the number 5\.$/);
  assert.match(r.selectNumbers, /^TypeError: care-atlas select\(codes\): .* not an array\.$/);
  assert.equal(r.value, 'TypeError: care-atlas value(measure, area, year): measure must be a string such as "cla_rate", not the number 1.');
  assert.equal(r.areas, 'TypeError: care-atlas areas(level): level must be a string such as "la", not the number 7.');
  assert.deepEqual(r.afterwards, [true, 2016, 2, 111]);
  for (const call of ["areaPoint", "setData", "setYear", "select"]) assert.ok(r.warnings.includes(`care-atlas ${call}(`), r.warnings);
  assert.equal(r.events, 7, "one error event per bad call on the element");
  assert.ok(!o.log.errors.some((e) => /memory access|unreachable|RuntimeError/.test(e)), o.log.errors.join("\n"));
  await o.context.close();
});

test("defect 10: the page's CSV as RFC 4180 has it: CR-only lines, quoted line breaks, +5", async () => {
  const o = await page("<care-atlas></care-atlas>");
  await o.goto();
  const r = await o.page.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    const out = [];
    for (const csv of [
      "area_code,year,value\rE12000001,2025,+5\rE12000002,2025,7\r",
      'area_code,note,year,value\nE12000001,"two\nlines",2025,+5\nE12000002,"",2025,"7"\n',
      "area_code,year,value\r\nE12000001,2025,+5\r\nE12000002,2025,7",
    ]) {
      const { problems } = await el.setData(csv, { label: "Mine" });
      out.push([problems.length, /E12000001,North East,region,user,Mine,,2025,5,/.test(el.toCSV()), /E12000002,North West,region,user,Mine,,2025,7,/.test(el.toCSV())]);
    }
    return out;
  });
  assert.deepEqual(r, [
    [0, true, true],
    [0, true, true],
    [0, true, true],
  ]);
  await o.context.close();
});

test("defect 12: two copies of the package on one page: one warning, one engine, and the second's mount() drives the first's element", async () => {
  const o = await page('<care-atlas id="a"></care-atlas>', { head: '<script type="module" src="/copy2/care-atlas.js"></script>' });
  await o.page.route("**/copy2/*", async (route) => {
    const res = await route.fetch({ url: route.request().url().replace("/copy2/", "/pkg/") });
    await route.fulfill({ response: res });
  });
  const warnings = [];
  o.page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await o.goto();
  const r = await o.page.evaluate(async () => {
    const a = document.getElementById("a");
    const one = await import("/pkg/care-atlas.js");
    const two = await import("/copy2/care-atlas.js");
    const m = two.mount(a, { measure: "cin_rate" });
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const data = await two.dataset();
    return {
      same: m.element === a,
      nested: a.querySelectorAll("care-atlas").length,
      title: a.shadowRoot.querySelector(".title").textContent,
      classes: [one.CareAtlasElement === two.CareAtlasElement, two.CareAtlasElement === customElements.get("care-atlas")],
      value: (await data.value("cla_rate", "E12000001", 2025)).value,
      engines: (await one.load()) === (await two.load()),
    };
  });
  assert.deepEqual(r, { same: true, nested: 0, title: r.title, classes: [true, true], value: 111, engines: true });
  assert.match(r.title, /^Children in need/);
  assert.equal(warnings.filter((w) => /loaded twice/.test(w)).length, 1, warnings.join("\n"));
  // One set of engines: the core (for the element) and the full one (for
  // dataset()) fetched once each, both from the copy that loaded first.
  const wasm = o.log.requests.filter((u) => u.endsWith(".wasm")).map((u) => new URL(u).pathname);
  assert.deepEqual(wasm.map((p) => p.split("/").pop()).sort(), ["care_atlas_bg.wasm", "care_atlas_full_bg.wasm"], wasm.join(", "));
  assert.equal(new Set(wasm.map((p) => p.slice(0, p.lastIndexOf("/")))).size, 1, wasm.join(", "));
  // A pack the second copy still fetches through the route must not fail the run once the page is closed.
  await o.page.unrouteAll({ behavior: "ignoreErrors" });
  await o.context.close();
});

test("defect 14: setData refuses a 10 MB CSV by its size, without copying it into the engine", async () => {
  const o = await page("<care-atlas></care-atlas>");
  await o.goto();
  const r = await o.page.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    const wasm = await (await import("/pkg/care-atlas.js")).load();
    const before = wasm.memory.buffer.byteLength;
    const big = await el.setData(`area_code,year,value\n${"E12000001,2025,1\n".repeat(600_000)}`);
    const after = wasm.memory.buffer.byteLength;
    const ok = await el.setData("area_code,year,value\nE12000001,2025,1\n", { label: "Small" });
    return { big: big.problems.map((p) => p.message), grew: after - before, ok: ok.problems.length, title: el.shadowRoot.querySelector(".title").textContent };
  });
  assert.deepEqual(r.big, ["The CSV is longer than 1,000,000 characters, the most the widget reads. Give it only the figures it shows."]);
  assert.ok(r.grew <= 2 << 20, `wasm memory grew ${r.grew} bytes`);
  assert.equal(r.ok, 0);
  assert.match(r.title, /^Small/);
  await o.context.close();
});
