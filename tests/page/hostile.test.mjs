// Hostile environments: the widget on pages that fight it. A strict
// Content-Security-Policy with Trusted Types, a server with the wrong MIME
// type, a missing, cut short or damaged WebAssembly module, a network that
// goes away, a page that poisons the builtins or resets every style, twenty
// widgets at once, and a thousand created and removed. In each the widget
// draws, or says why it cannot, and every promise settles.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, settled, shadowText, embedPage, offsite } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const WASM = "**/pkg/care_atlas_bg.wasm";

/** A page served with `headers` (e.g. a policy) at a fresh path. */
async function served(html, headers = {}) {
  const o = await open(browser, { path: `hostile-${Math.random().toString(36).slice(2)}.html` });
  await o.page.route(o.url, (route) =>
    route.fulfill({ status: 200, headers: { "content-type": "text/html; charset=utf-8", ...headers }, body: html }),
  );
  // Every care-atlas-error, whenever it fires.
  await o.page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener("care-atlas-error", (e) => window.__errors.push(e.detail?.message ?? "(no message)"));
  });
  return o;
}

/** A promise's outcome in the page, or "pending" if it has not settled within `ms` of the page's own time. */
const outcome = (page, expr, ms = 10000) =>
  page.evaluate(
    ([expr, ms]) =>
      Promise.race([
        Promise.resolve()
          .then(() => (0, eval)(expr))
          .then(
            (v) => ({ resolved: v === undefined ? null : typeof v === "object" && v !== null && "localName" in v ? v.localName : v }),
            (e) => ({ rejected: String(e?.message ?? e) }),
          ),
        new Promise((r) => setTimeout(() => r("pending"), ms)),
      ]),
    [expr, ms],
  );

test("strict CSP with Trusted Types: every part draws and updates with no violation", { timeout: 60000 }, async () => {
  const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types 'none'";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tt</title>
<script type="module" src="/pkg/care-atlas.js"></script></head>
<body><care-atlas highlight="E12000001"></care-atlas></body></html>`;
  const { page, context, log, url } = await served(html, { "content-security-policy": policy });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.effectiveDirective}: ${e.blockedURI || "inline"} ${e.sample}`));
  });
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  // Each step rebuilds some part the widget once emptied with innerHTML = "".
  const p = await page.evaluate(() => Array.from(document.querySelector("care-atlas").areaPoint("E12000002")));
  await page.mouse.move(p[0], p[1]); // tooltip
  await page.evaluate(async () => {
    const el = document.querySelector("care-atlas");
    el.setYear(2016); // legend
    el.select(["E12000002", "E12000007"]); // trend labels, outlines
    el.level = "la"; // picker, listbox
    await new Promise((r) => requestAnimationFrame(r));
    el.view = "table"; // table
    await new Promise((r) => requestAnimationFrame(r));
    el.view = "map+trend";
    await el.setData("area_code,year,value\nE12000001,2025,5\nE99999999,2025,1\n", { label: "Ours" }); // data warnings
    try {
      el.areaPoint({}); // a notice
    } catch {}
  });
  const box = await page.evaluate(() => {
    const r = document.querySelector("care-atlas").shadowRoot.querySelector("canvas.trend").getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
  });
  await page.mouse.move(box[0], box[1]); // trend tooltip
  await page.waitForFunction(() => /^Ours/.test(document.querySelector("care-atlas").shadowRoot.querySelector(".title").textContent));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.ok(!log.errors.some((e) => /Trusted|pageerror|unreachable/i.test(e)), log.errors.join("\n"));
  assert.match(await shadowText(page, ".warnings"), /Line 3: area code "E99999999"/);
  await context.close();
});

test("wrong MIME type: a module served as text/plain still starts", async () => {
  const { page, context, log, url } = await served(embedPage("<care-atlas></care-atlas>"));
  await page.route(WASM, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), "content-type": "text/plain" } });
  });
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  assert.match(await shadowText(page, ".title"), /^Children looked after/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

for (const [what, serve, said] of [
  ["missing (404)", (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "not found" }), /answered 404 Not Found; care_atlas_bg\.wasm must be served beside care-atlas\.js/],
  [
    "cut short",
    async (route) => {
      const body = await (await route.fetch()).body();
      await route.fulfill({ status: 200, contentType: "application/wasm", body: body.subarray(0, body.length >> 1) });
    },
    /is not a WebAssembly module this widget can run .*cut short or damaged/,
  ],
  [
    "damaged",
    async (route) => {
      const body = Buffer.from(await (await route.fetch()).body());
      body.fill(0xff, 2000, 3000);
      await route.fulfill({ status: 200, contentType: "application/wasm", body });
    },
    /is not a WebAssembly module this widget can run/,
  ],
]) {
  test(`a ${what} WebAssembly module: the widget says so, whenReady() and setData() reject, an error event fires, and a later widget tries again`, { timeout: 60000 }, async () => {
    const { page, context, log, url } = await served(embedPage('<care-atlas id="a"></care-atlas>'));
    await page.route(WASM, serve);
    await page.goto(url);
    const ready = await outcome(page, 'document.getElementById("a").whenReady()');
    assert.match(ready.rejected ?? "", said, JSON.stringify(ready));
    const data = await outcome(page, 'document.getElementById("a").setData("area_code,year,value\\n")');
    assert.match(data.rejected ?? "", said, JSON.stringify(data));
    assert.match(await page.evaluate(() => document.getElementById("a").shadowRoot.textContent), said);
    assert.match((await page.evaluate(() => window.__errors)).join("\n"), said);
    assert.ok(log.errors.some((e) => said.test(e)), log.errors.join("\n"));
    // The module is served properly again: new widgets, and the failed one put back, start.
    await page.unroute(WASM);
    await page.evaluate(() => {
      const b = document.createElement("care-atlas");
      b.id = "b";
      document.body.append(b);
    });
    assert.deepEqual(await outcome(page, 'document.getElementById("b").whenReady()'), { resolved: "care-atlas" });
    await page.evaluate(async () => {
      const a = document.getElementById("a");
      a.remove();
      await null;
      document.body.append(a);
    });
    assert.deepEqual(await outcome(page, 'document.getElementById("a").whenReady()'), { resolved: "care-atlas" });
    assert.match(await shadowText(page, ".title", "#a"), /^Children looked after/);
    await context.close();
  });
}

test("offline after load: the widget keeps working, new widgets start, and a data-src says it could not be loaded", async () => {
  const { page, context, log, url } = await served(embedPage('<care-atlas id="a"></care-atlas>'));
  await page.goto(url);
  assert.equal(await settled(page, "#a"), "ready");
  await context.setOffline(true);
  const r = await page.evaluate(async () => {
    const a = document.getElementById("a");
    a.setYear(2016);
    a.select(["E12000001"]);
    const b = document.createElement("care-atlas");
    b.setAttribute("level", "la");
    document.body.append(b);
    await b.whenReady();
    a.dataSrc = "figures.csv";
    for (let i = 0; i < 200 && !window.__errors.length; i++) await new Promise((res) => setTimeout(res, 25));
    return { year: a.currentYear, csv: a.toCSV().split("\r\n").length, b: b.shadowRoot.querySelector(".title").textContent, errors: window.__errors };
  });
  assert.equal(r.year, 2016);
  assert.ok(r.csv > 10);
  assert.match(r.b, /^Children looked after/);
  assert.match(r.errors.join("\n"), /data-src "figures\.csv" could not be loaded/);
  assert.match(await shadowText(page, ".warnings", "#a"), /data-src "figures\.csv" could not be loaded/);
  // Chromium's own line for the failed request, and ours naming it.
  assert.deepEqual(
    log.errors.filter((e) => !/figures\.csv|ERR_INTERNET_DISCONNECTED/.test(e)),
    [],
  );
  await context.close();
});

test("a page that poisons the builtins: polluted prototypes add nothing, and a throwing CustomEvent leaves no promise pending", async () => {
  const { page, context, log, url } = await served(embedPage('<div id="slot"></div><care-atlas id="src" data-src="ours.csv"></care-atlas>'));
  const requests = [];
  await page.route("**/ours.csv", (route) => {
    const r = route.request();
    requests.push({ method: r.method(), body: r.postData(), cookie: r.headers().cookie ?? null });
    return route.fulfill({ contentType: "text/csv", body: "area_code,year,value\nE12000001,2025,7\n" });
  });
  await page.addInitScript(() => {
    const poison = {
      unit: "POLLUTED",
      label: "POLLUTED",
      source: "POLLUTED",
      data: { csv: "area_code,year,value\nE12000001,2025,999\n" },
      on: { select: () => (window.__pollutedListener = true) },
      method: "POST",
      body: "stolen=1",
      mode: "no-cors",
      credentials: "include",
      redirect: "manual",
      cancelable: true,
      detail: "POLLUTED",
    };
    for (const [k, v] of Object.entries(poison)) Object.defineProperty(Object.prototype, k, { value: v, enumerable: true, configurable: true, writable: true });
    Array.prototype.first = function () {
      return this[0];
    };
    String.prototype.shout = function () {
      return this.toUpperCase();
    };
    const { includes, map } = Array.prototype;
    Array.prototype.includes = function (...a) {
      return includes.apply(this, a);
    };
    Array.prototype.map = function (...a) {
      return map.apply(this, a);
    };
    JSON.stringify = JSON.parse = () => {
      throw new Error("JSON poisoned");
    };
    window.CustomEvent = class {
      constructor() {
        throw new Error("CustomEvent poisoned");
      }
    };
  });
  await page.goto(url);
  const r = await page.evaluate(async () => {
    const { mount } = await import("/pkg/care-atlas.js");
    const m = mount(document.getElementById("slot"), { level: "region" });
    await m.element.whenReady();
    const problems = await m.element.setData("area_code,year,value\nE12000001,2025,5\n", { label: "Mine" });
    await document.getElementById("src").whenReady();
    m.element.select(["E12000002"]);
    const text = (el) => el.shadowRoot.querySelector(".frame").textContent;
    return { problems, title: m.element.shadowRoot.querySelector(".title").textContent, all: text(m.element) + text(document.getElementById("src")), listener: window.__pollutedListener ?? false };
  });
  assert.deepEqual(r.problems.problems, []);
  assert.equal(r.title, "Mine, in 2025");
  assert.ok(!r.all.includes("POLLUTED"), r.all.slice(0, 300));
  assert.ok(!r.all.includes("999"));
  assert.equal(r.listener, false);
  assert.deepEqual(requests, [{ method: "GET", body: null, cookie: null }]);
  // The only errors: the events the poisoned constructor would not make.
  assert.deepEqual(log.errors.filter((e) => !/event could not be sent \(CustomEvent poisoned\)/.test(e)), []);
  await context.close();
});

test("no script from data and no storage: markup in every string a page gives is shown as text, and nothing is stored", async () => {
  const evil = `<img src=x onerror="window.__ran=1"><script>window.__ran=1</script>`;
  const { page, context, log, url } = await served(embedPage('<care-atlas id="a" url-sync></care-atlas>'));
  await page.goto(url + `#a-selected=${encodeURIComponent(evil)}`);
  await settled(page, "#a");
  const r = await page.evaluate(async (evil) => {
    const a = document.getElementById("a");
    a.removeAttribute("selected");
    a.setAttribute("measure", evil);
    await null;
    const shown = [a.shadowRoot.querySelector(".message").textContent];
    a.removeAttribute("measure");
    await null;
    await a.setData(`area_code,year,value\n${evil},2025,1\nE12000001,2025,${evil}\nE12000002,2025,3\n`, { label: evil, unit: evil, source: evil });
    try {
      a.areaPoint(evil);
      a.select([evil]);
    } catch {}
    a.select(["E12000002"]);
    shown.push(a.shadowRoot.querySelector(".frame").textContent);
    const injected = a.shadowRoot.querySelectorAll("img, script, iframe, object, embed").length + document.querySelectorAll("img, iframe").length;
    const stored = {
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
    };
    return { shown, injected, ran: window.__ran ?? 0, stored, csv: a.toCSV() };
  }, evil);
  assert.equal(r.ran, 0);
  assert.equal(r.injected, 0);
  assert.ok(r.shown[0].includes('Unknown measure "<img src=x onerror='), r.shown[0]);
  assert.ok(r.shown[1].includes(`${evil.slice(0, 40)}…`) || r.shown[1].includes(evil), r.shown[1].slice(0, 400));
  assert.deepEqual(r.stored, { cookie: "", local: 0, session: 0, idb: 0, caches: 0 });
  assert.ok(!log.errors.some((e) => /pageerror/.test(e)), log.errors.join("\n"));
  await context.close();
});

// The widget inherits the page's font and line height, as text around it would; the
// resets of spacing, case, wrapping and alignment that a page applies to everything stop at it.
test("global CSS resets: the page's resets do not reach inside, and the widget neither overflows nor blanks", async () => {
  const reset = `<style>
*, ::before, ::after { box-sizing: content-box; margin: 0; padding: 0; border: 0 solid; }
canvas, svg, img, div, ul { display: block; max-width: 50%; height: auto; list-style: none; }
html { line-height: 1.5; }
* { letter-spacing: .3em !important; word-spacing: 1em; text-transform: uppercase !important; white-space: pre; text-align: right; font-style: italic; }
care-atlas { all: unset; }
</style>`;
  const { page, context, log, url } = await served(embedPage(`<main><care-atlas level="la" summary="show"></care-atlas></main>`, reset));
  await page.goto(url);
  assert.equal(await settled(page), "ready");
  const r = await page.evaluate(() => {
    const el = document.querySelector("care-atlas");
    const root = el.shadowRoot;
    const map = root.querySelector("canvas.map");
    const px = map.getContext("2d").getImageData(0, 0, map.width, map.height).data;
    let ink = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i]) ink++;
    const title = root.querySelector(".title");
    const s = getComputedStyle(title);
    return {
      mapWidth: map.getBoundingClientRect().width,
      ink: ink / (px.length / 4),
      titleHeight: title.getBoundingClientRect().height,
      text: [s.textTransform, s.letterSpacing, s.whiteSpace, s.fontStyle],
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
  assert.ok(r.mapWidth > 400, `map ${r.mapWidth} px wide`);
  assert.ok(r.ink > 0.2, `map ${Math.round(r.ink * 100)}% drawn`);
  assert.ok(r.titleHeight > 10, `title ${r.titleHeight} px high`);
  assert.deepEqual(r.text, ["none", "normal", "normal", "normal"]);
  assert.ok(r.overflow <= 0, `page scrolls sideways by ${r.overflow} px`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("twenty widgets on one page: all draw, each with its own ids, with no error", { timeout: 60000 }, async () => {
  const { page, context, log, url } = await served(embedPage('<div id="slot" style="width:640px"></div>'));
  await page.goto(url);
  const r = await page.evaluate(async () => {
    const { load } = await import("/pkg/care-atlas.js");
    await load();
    const slot = document.getElementById("slot");
    const views = ["map+trend", "map", "trend", "table"];
    const started = performance.now();
    const els = Array.from({ length: 20 }, (_, i) => {
      const el = document.createElement("care-atlas");
      el.setAttribute("level", i % 2 ? "la" : "region");
      el.setAttribute("view", views[i % 4]);
      if (i % 5 === 0) el.setAttribute("focus", "E12000001");
      slot.append(el);
      return el;
    });
    await Promise.all(els.map((e) => e.whenReady()));
    const took = performance.now() - started;
    const ids = els.flatMap((e) => [...e.shadowRoot.querySelectorAll("[id]")].map((n) => n.id));
    const drawn = els.filter((e) => {
      const c = e.shadowRoot.querySelector(e.getAttribute("view") === "table" ? "tbody tr" : "canvas");
      return c && e.shadowRoot.querySelector(".title").textContent.length > 10;
    }).length;
    return { drawn, ids: ids.length, unique: new Set(ids).size, took };
  });
  console.log(`twenty widgets ready in ${Math.round(r.took)} ms`);
  assert.equal(r.drawn, 20);
  assert.equal(r.unique, r.ids);
  assert.ok(r.took < 10000, `twenty widgets took ${Math.round(r.took)} ms`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("a thousand widgets created and removed: wasm memory, JavaScript heap, DOM nodes and listeners stay flat", { timeout: 180000 }, async () => {
  const { page, context, log, url } = await served(embedPage('<div id="slot" style="width:480px"></div>'));
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  await page.evaluate(async () => {
    const { load } = await import("/pkg/care-atlas.js");
    window.__wasm = await load();
    window.__cycle = async (n, from) => {
      const slot = document.getElementById("slot");
      for (let i = from; i < from + n; i++) {
        const el = document.createElement("care-atlas");
        if (i % 3 === 1) el.setAttribute("level", "la");
        if (i % 3 === 2) el.setAttribute("view", "table");
        if (i % 7 === 0) el.setAttribute("url-sync", "");
        slot.append(el);
        await el.whenReady();
        el.select(["E12000001"]);
        el.remove();
        await null;
      }
    };
  });
  const measure = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters");
    const wasm = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
    return { heap: heap.usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners, wasm };
  };
  await page.evaluate(() => window.__cycle(100, 0));
  const warm = await measure();
  await page.evaluate(() => window.__cycle(900, 100));
  const end = await measure();
  assert.equal(end.wasm, warm.wasm, `wasm memory grew from ${warm.wasm} to ${end.wasm} bytes`);
  assert.ok(end.heap - warm.heap < 1 << 20, `JS heap grew ${end.heap - warm.heap} bytes over 900 widgets`);
  assert.ok(end.nodes - warm.nodes < 200, `DOM nodes ${warm.nodes} → ${end.nodes}`);
  assert.ok(end.listeners <= warm.listeners, `listeners ${warm.listeners} → ${end.listeners}`);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(offsite(log), []);
  await context.close();
});
