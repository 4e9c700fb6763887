// The element as a web developer uses it: attributes and properties, methods,
// events, mount(), the page's own figures, share links, and many widgets
// created and removed without leaking.
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

async function page(body, opts = {}) {
  const o = await open(browser, { path: `e${Math.random().toString(36).slice(2)}.html`, html: embedPage(body), width: 1100, ...opts });
  // Events from the start of the page, before any test code runs in it.
  await o.page.addInitScript(() => {
    window.seen = [];
    for (const t of ["care-atlas-ready", "care-atlas-error"]) document.addEventListener(t, (e) => window.seen.push([t, e.target.id, e.detail]));
  });
  await o.page.goto(o.url + (opts.hash ?? ""));
  return o;
}

/** Waits until the page has seen `n` events (of `type`, if given); returns them. */
async function seen(p, n, type) {
  await p.waitForFunction(([k, t]) => window.seen.filter(([e]) => !t || e === t).length >= k, [n, type]);
  return p.evaluate((t) => window.seen.filter(([e]) => !t || e === t), type);
}

test("the element observes exactly the attributes the engine reads", async () => {
  const { page: p, context } = await page("<care-atlas></care-atlas>");
  await settled(p);
  const [js, engine] = await p.evaluate(async () => {
    const glue = await import("/pkg/care_atlas.js");
    return [customElements.get("care-atlas").observedAttributes, glue.Atlas.attributeNames()];
  });
  assert.deepEqual(js, engine);
  await context.close();
});

test("every attribute is a property; setting one redraws; focus() still works", async () => {
  const { page: p, context, log } = await page("<care-atlas></care-atlas>");
  await settled(p);
  await p.evaluate(() => {
    const el = document.querySelector("care-atlas");
    el.measure = "cin_rate";
    el.highlight = ["E12000001", "E12000002"];
    el.baseYear = 2013;
  });
  // The title names the new measure at once; the trend follows when the measure's pack has
  // arrived (tens of ms here, longer on a slow network), so wait for both.
  await p.waitForFunction(() => {
    const root = document.querySelector("care-atlas").shadowRoot;
    return root.querySelector(".title").textContent.startsWith("Children in need") && /% change since 2013/.test(root.querySelector(".trend-title").textContent);
  });
  const attrs = await p.evaluate(() => {
    const el = document.querySelector("care-atlas");
    return [el.getAttribute("measure"), el.getAttribute("highlight"), el.getAttribute("base-year"), el.measure, typeof el.focus];
  });
  assert.deepEqual(attrs, ["cin_rate", "E12000001,E12000002", "2013", "cin_rate", "function"]);
  assert.match(await shadowText(p, ".trend-title"), /% change since 2013: North East, North West and England/);
  await p.evaluate(() => {
    const el = document.querySelector("care-atlas");
    el.level = "la";
    el.focusRegion = "E12000001";
    el.baseYear = null;
  });
  await p.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector("canvas.map").getAttribute("aria-label").includes("local authorities of North East"));
  assert.equal(await p.evaluate(() => document.querySelector("care-atlas").hasAttribute("base-year")), false);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("methods and events: setYear, select, toCSV; ready, yearchange, select, error", async () => {
  const { page: p, context, log } = await page("<care-atlas id=a></care-atlas><care-atlas id=b view=sideways></care-atlas>");
  const events = (await seen(p, 2)).map(([t, id, d]) => [t, id, d?.message ?? ""]);
  assert.ok(events.some(([t, id]) => t === "care-atlas-ready" && id === "a"));
  const err = events.find(([t, id]) => t === "care-atlas-error" && id === "b");
  assert.ok(err, JSON.stringify(events));
  assert.match(err[2], /Unknown view "sideways".*Valid values: map\+trend, map, trend, table/);
  const r = await p.evaluate(async () => {
    const el = document.getElementById("a");
    const got = [];
    el.addEventListener("care-atlas-yearchange", (e) => got.push(["year", e.detail]));
    el.addEventListener("care-atlas-select", (e) => got.push(["select", e.detail.codes]));
    const ok = el.setYear(2016);
    const bad = el.setYear(2011);
    el.select(["E12000001", "E12000009"]);
    return { ok, bad, got, current: el.currentYear, selected: el.selectedAreas, csv: el.toCSV() };
  });
  assert.equal(r.ok, true);
  assert.equal(r.bad, false, "2011 has no CLA rate");
  assert.equal(r.current, 2016);
  assert.deepEqual(r.got, [["year", 2016], ["select", ["E12000001", "E12000009"]]]);
  assert.deepEqual(r.selected, ["E12000001", "E12000009"]);
  assert.match(r.csv, /E12000001,North East,region,cla_rate,Children looked after,"per 10,000 children",2016,84,official/);
  assert.equal(log.errors.length, 1, "only the bad view is logged");
  await context.close();
});

// Bug: after a bad measure, care-atlas-ready came with `detail: null`, where
// the typings promised `{ measure, year }` and a page's `e.detail.year` threw.
test("care-atlas-ready's detail is always { measure, year }: what is shown, or both null after the error that says why", async () => {
  const { page: p, context, log } = await page('<care-atlas id=a measure="cin_rate" year="2020"></care-atlas><care-atlas id=b measure="no_such_measure" year="2020"></care-atlas>');
  const events = await seen(p, 3);
  const ready = (id) => events.find(([t, i]) => t === "care-atlas-ready" && i === id);
  assert.deepEqual(ready("a")?.[2], { measure: "cin_rate", year: 2020 });
  assert.deepEqual(Object.keys(ready("a")[2]), ["measure", "year"], "the typings' order");
  const b = ready("b");
  assert.ok(b, JSON.stringify(events));
  assert.notEqual(b[2], null, "an object, not null");
  assert.deepEqual(b[2], { measure: null, year: null });
  assert.deepEqual(Object.keys(b[2]), ["measure", "year"]);
  // The error that says why came first.
  const error = events.findIndex(([t, i]) => t === "care-atlas-error" && i === "b");
  assert.ok(error >= 0 && error < events.indexOf(b), JSON.stringify(events));
  assert.match(events[error][2].message, /no_such_measure/);
  assert.equal(log.errors.length, 1, "the bad measure is logged once");
  await context.close();
});

// Bug: setting measure, palette, view or base-year reset the year to the
// latest and emptied the selection.
test("changing an attribute keeps the reader's year and selection", async () => {
  const { page: p, context, log } = await page("<care-atlas></care-atlas>");
  await settled(p);
  const seen = await p.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    el.setYear(2018);
    el.select(["E12000001", "E12000007"]);
    const out = [];
    for (const [k, v] of [["measure", "cin_rate"], ["palette", "viridis"], ["view", "table"], ["base-year", "2013"], ["view", "map+trend"]]) {
      el.setAttribute(k, v);
      await new Promise((r) => queueMicrotask(r));
      await new Promise((r) => requestAnimationFrame(r));
      // A measure outside the core waits for its pack (fetched once): the year and selection are kept through it.
      while (!el.shadowRoot.querySelector(".loading")?.hidden) await new Promise((r) => setTimeout(r, 20));
      out.push([k, el.currentYear, el.selectedAreas.join(","), el.shadowRoot.querySelector(".title").textContent]);
    }
    return out;
  });
  for (const [k, year, sel, title] of seen) {
    assert.equal(year, 2018, `year after ${k}`);
    assert.equal(sel, "E12000001,E12000007", `selection after ${k}`);
    assert.match(title, /2018$/, `title after ${k}`);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

// Bug: every mount().update() added the listeners again (React's StrictMode
// fired one click's handler six times).
test("mount().update() replaces listeners rather than adding them", async () => {
  const { page: p, context, log } = await page('<div id="slot"></div>');
  const calls = await p.evaluate(async () => {
    const { mount } = await import("/pkg/care-atlas.js");
    let n = 0;
    const onSelect = () => n++;
    const m = mount(document.getElementById("slot"), { on: { select: onSelect } });
    await m.element.whenReady();
    for (let i = 0; i < 5; i++) m.update({ palette: "blues", on: { select: onSelect } });
    m.element.select(["E12000001"]);
    const once = n;
    let other = 0;
    m.update({ on: { select: () => other++ } });
    m.element.select(["E12000002"]);
    m.destroy();
    return { once, after: n, other };
  });
  assert.deepEqual(calls, { once: 1, after: 1, other: 1 });
  assert.deepEqual(log.errors, []);
  await context.close();
});

// Every error event has one shape, whoever fires it.
test("care-atlas-error details all have kind, message, attribute and value", async () => {
  const { page: p, context } = await page('<care-atlas id="a" view="sideways"></care-atlas><care-atlas id="b" data-src="https://example.org/x.csv"></care-atlas>');
  const details = (await seen(p, 2, "care-atlas-error")).map(([, , d]) => d);
  for (const d of details) assert.deepEqual(Object.keys(d).sort(), ["attribute", "kind", "message", "value"]);
  const kinds = details.map((d) => `${d.kind}:${d.attribute}`).sort();
  assert.deepEqual(kinds, ["attribute:view", "data:data-src"]);
  await context.close();
});

// Event details are built in Rust (src/data/plain.rs) and cross as strings,
// not as JSON text: a value with quotes, backslashes, control and line
// separator characters and an emoji must reach the page unchanged.
test("event details carry hostile strings unchanged, as plain objects", async () => {
  const hostile = 'q"uo\\te\u0007\n\u2028\u2029 😀 </script> \\u0041';
  const { page: p, context } = await page("<div id=host></div>");
  await p.evaluate((v) => {
    const el = document.createElement("care-atlas");
    el.id = "h";
    el.setAttribute("measure", v);
    document.getElementById("host").append(el);
  }, hostile);
  const [[, , d]] = await seen(p, 1, "care-atlas-error");
  assert.equal(d.value, hostile);
  assert.equal(d.attribute, "measure");
  assert.equal(d.kind, "attribute");
  assert.ok(d.message.includes(hostile), d.message);
  const plain = await p.evaluate(() => window.seen.filter(([t]) => t === "care-atlas-error").every(([, , x]) => Object.getPrototypeOf(x) === Object.prototype));
  assert.ok(plain);
  await context.close();
});

test("mount() puts a widget in a container, updates it, listens, and removes it", async () => {
  const { page: p, context, log } = await page('<div id="slot"></div>');
  const r = await p.evaluate(async () => {
    const { mount } = await import("/pkg/care-atlas.js");
    const got = [];
    const m = mount(document.getElementById("slot"), {
      measure: "cpp_rate",
      level: "la",
      focus: "E12000001",
      on: { select: (e) => got.push(e.detail.codes) },
    });
    await m.element.whenReady();
    const title = m.element.shadowRoot.querySelector(".title").textContent;
    m.element.select(["E06000047"]);
    m.update({ view: "table" });
    // The table is drawn on the next frame.
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const rows = m.element.shadowRoot.querySelectorAll("tbody tr").length;
    m.destroy();
    return { title, got, rows, left: document.querySelectorAll("care-atlas").length };
  });
  assert.match(r.title, /^Children on child protection plans/);
  assert.deepEqual(r.got, [["E06000047"]]);
  assert.equal(r.rows, 13, "England and the North East's 12 authorities");
  assert.equal(r.left, 0);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the page's own figures: inline CSV is drawn, bad lines are listed by number", async () => {
  const body = `<care-atlas level="la" focus="E12000001" data-label="Foster carers approved" data-unit="per 10,000 children" data-source="North East councils">
<script type="text/csv">area_code,year,value
E06000047,2024,12.5
E08000021,2024,9
E08000037,2024,not known
E99999999,2024,3
E06000047,2024,13
</script></care-atlas>`;
  const { page: p, context, log } = await page(body);
  await settled(p);
  await p.waitForFunction(() => document.querySelector("care-atlas").shadowRoot.querySelector(".title").textContent.startsWith("Foster carers"));
  assert.match(await shadowText(p, ".title"), /^Foster carers approved, per 10,000 children, in 2024$/);
  const w = await shadowText(p, ".warnings");
  assert.match(w, /Line 4: value "not known" is not a number/);
  assert.match(w, /Line 5: area code "E99999999"/);
  assert.match(w, /Line 6: E06000047 2024 appears again \(first on line 2\)/);
  assert.match(await shadowText(p, ".source"), /Figures supplied by this page \(North East councils\)/);
  const [x, y] = await p.evaluate(() => Array.from(document.querySelector("care-atlas").areaPoint("E06000047")));
  await p.mouse.move(x, y);
  assert.match(await shadowText(p, ".tip"), /County Durham12\.5 per 10,000 children/);
  assert.ok(log.errors.some((e) => e.includes("Line 4")), log.errors.join("\n"));
  await context.close();
});

test("data-src loads same-origin CSV and refuses another site's", async () => {
  const o = await open(browser, {
    path: "src.html",
    html: embedPage('<care-atlas id="good" data-src="figures.csv" data-label="Our rate"></care-atlas><care-atlas id="bad" data-src="https://example.org/x.csv"></care-atlas>'),
    width: 1000,
  });
  await o.page.route(new URL("figures.csv", o.url).href, (r) => r.fulfill({ contentType: "text/csv", body: "area_code,year,value\nE12000001,2025,7\nE12000002,2025,5\n" }));
  const errors = [];
  await o.page.exposeFunction("noteError", (m) => errors.push(m));
  await o.page.addInitScript(() => document.addEventListener("care-atlas-error", (e) => window.noteError(e.detail.message)));
  await o.page.goto(o.url);
  await settled(o.page, "#good");
  await o.page.waitForFunction(() => document.getElementById("good").shadowRoot.querySelector(".title").textContent.startsWith("Our rate"));
  // The refusal is an error event from #bad: wait for it, rather than for a guessed time.
  for (let i = 0; i < 100 && !errors.some((m) => /example\.org/.test(m)); i++) await o.page.waitForTimeout(50);
  assert.ok(errors.some((m) => /data-src "https:\/\/example\.org\/x\.csv" is on another site/.test(m)), errors.join("\n"));
  assert.ok(!o.log.requests.some((u) => u.startsWith("https://example.org")), "nothing is fetched from another site");
  await o.context.close();
});

test("url-sync keeps the year and selection in the address, and a share link restores them", async () => {
  const { page: p, context } = await page('<care-atlas id="atlas" url-sync></care-atlas>');
  await settled(p);
  await p.evaluate(() => {
    const el = document.getElementById("atlas");
    el.setYear(2018);
    el.select(["E12000001"]);
  });
  const hash = await p.evaluate(() => location.hash);
  assert.match(hash, /atlas-year=2018/);
  assert.match(hash, /atlas-selected=E12000001/);
  const shared = await page('<care-atlas id="atlas" url-sync></care-atlas>', { hash });
  await settled(shared.page);
  assert.match(await shadowText(shared.page, ".title"), /31 March 2018$/);
  assert.deepEqual(await shared.page.evaluate(() => document.getElementById("atlas").selectedAreas), ["E12000001"]);
  await shared.context.close();
  await context.close();
});

test("many widgets on one page; removing them frees their memory for the next ones", async () => {
  const { page: p, context, log } = await page('<div id="slot"></div>');
  const r = await p.evaluate(async () => {
    const mod = await import("/pkg/care-atlas.js");
    const wasm = await mod.load();
    const slot = document.getElementById("slot");
    const round = async () => {
      const els = [];
      for (let i = 0; i < 8; i++) {
        const el = document.createElement("care-atlas");
        el.setAttribute("level", i % 2 ? "la" : "region");
        slot.append(el);
        els.push(el);
      }
      await Promise.all(els.map((e) => e.whenReady()));
      const drawn = els.every((e) => e.shadowRoot.querySelector(".title").textContent.length > 0);
      for (const e of els) e.remove();
      return drawn;
    };
    const drawn = [];
    for (let i = 0; i < 3; i++) drawn.push(await round());
    const settledBytes = wasm.memory.buffer.byteLength;
    for (let i = 0; i < 6; i++) drawn.push(await round());
    return { drawn, before: settledBytes, after: wasm.memory.buffer.byteLength };
  });
  assert.ok(r.drawn.every(Boolean));
  // Freed engines give their memory back to the allocator, so later rounds reuse it.
  assert.equal(r.after, r.before, `wasm memory grew from ${r.before} to ${r.after} bytes over 48 more widgets`);
  assert.deepEqual(log.errors, []);
  await context.close();
});
