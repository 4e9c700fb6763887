// A year change is kept cheap (issue 13) by writing only what changed, in
// place: the map's listbox names its options with aria-label rather than text
// (text in 153 options cost 4 ms of layout per change), and the legend is
// refilled rather than rebuilt. What a reader sees and hears after a change
// must still be right: the listbox as Chromium's accessibility tree gives it,
// checked against the package's own query API for that year, and the legend
// exactly as a widget drawn afresh at that year shows it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, settled, embedPage } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function widget(attrs) {
  const html = embedPage(`<main><h1>Test page</h1><care-atlas ${attrs}></care-atlas></main>`);
  const o = await open(browser, { path: `l${Math.random().toString(36).slice(2)}.html`, html, width: 1100 });
  await o.page.goto(o.url);
  assert.equal(await settled(o.page), "ready");
  return o;
}

/** Waits until the widget has been still for two frames and a task. */
const quiet = (page) =>
  page.evaluate(
    () =>
      new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))),
      ),
  );

/**
 * The map listbox's options as the accessibility tree names them, in order,
 * beside the area code each stands for (from its id, `ca<n>-<code>`).
 */
async function options(page, cdp) {
  const codes = await page.evaluate(() =>
    [...document.querySelector("care-atlas").shadowRoot.querySelectorAll(".map-wrap [role=listbox] > [role=option]")].map((o) => o.id.replace(/^ca\d+-/, "")),
  );
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const listbox = nodes.find((n) => !n.ignored && n.role?.value === "listbox" && /on the map/.test(n.name?.value ?? ""));
  assert.ok(listbox, "the map's listbox is in the accessibility tree");
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const names = (listbox.childIds ?? []).map((id) => byId.get(id)).filter((n) => n && !n.ignored && n.role?.value === "option").map((n) => n.name?.value ?? "");
  assert.equal(names.length, codes.length, "every option is in the accessibility tree");
  return codes.map((code, i) => ({ code, name: names[i] }));
}

/** What each area's option must say in `year`: its name, and its figure or that there is none. */
async function expected(page, measure, codes, year) {
  return page.evaluate(
    async ([m, cs, y]) => {
      const { dataset } = await import("/pkg/care-atlas.js");
      const data = await dataset();
      const out = {};
      for (const c of cs) {
        const f = await data.value(m, c, y);
        const figure = f.value === null ? null : new Intl.NumberFormat("en-GB", { minimumFractionDigits: f.decimals ?? 0, maximumFractionDigits: f.decimals ?? 0 }).format(f.value);
        out[c] = { areaName: f.areaName, figure };
      }
      return out;
    },
    [measure, codes, year],
  );
}

function check(opts, want, year) {
  let figures = 0;
  for (const { code, name } of opts) {
    const w = want[code];
    assert.ok(name.startsWith(`${w.areaName}: `), `${code} in ${year}: "${name}" should start with "${w.areaName}: "`);
    if (w.figure === null) {
      assert.doesNotMatch(name, /per 10,000 children/, `${code} has no figure in ${year}: "${name}"`);
    } else {
      assert.ok(name.includes(`: ${w.figure} per 10,000 children`), `${code} in ${year}: "${name}" should give ${w.figure}`);
      figures++;
    }
  }
  return figures;
}

test("after year changes (a key on the slider, setYear, a year with other authorities) every listbox option names its area's figure for the year shown", async () => {
  const { page, context, log } = await widget('level="la" measure="cla_rate" year="2025" view="map+trend"');
  const cdp = await context.newCDPSession(page);
  const shown = () => page.evaluate(() => document.querySelector("care-atlas").currentYear);

  let opts = await options(page, cdp);
  assert.ok(opts.length >= 150, `${opts.length} options`);
  assert.ok(check(opts, await expected(page, "cla_rate", opts.map((o) => o.code), 2025), 2025) >= 140);
  const before = new Map(opts.map((o) => [o.code, o.name]));

  // A real key press on the focused slider, as a keyboard user changes year.
  await page.evaluate(() => document.querySelector("care-atlas").shadowRoot.querySelector('.year input[type="range"]').focus());
  await page.keyboard.press("ArrowLeft");
  await quiet(page);
  assert.equal(await shown(), 2024);
  opts = await options(page, cdp);
  assert.ok(check(opts, await expected(page, "cla_rate", opts.map((o) => o.code), 2024), 2024) >= 140);
  const changed = opts.filter((o) => before.has(o.code) && before.get(o.code) !== o.name).length;
  assert.ok(changed > 100, `most options' words changed with the year (${changed})`);

  // A year whose authorities differ (before Northamptonshire and Cumbria were split):
  // options are dropped and added, and the new ones are named too.
  await page.evaluate(() => document.querySelector("care-atlas").setYear(2019));
  await quiet(page);
  opts = await options(page, cdp);
  const codes19 = opts.map((o) => o.code);
  assert.ok(codes19.includes("E10000021"), "Northamptonshire is an option in 2019");
  assert.ok(check(opts, await expected(page, "cla_rate", codes19, 2019), 2019) >= 140);

  // And back: the options of 2025's authorities say 2025's figures again.
  await page.evaluate(() => document.querySelector("care-atlas").setYear(2025));
  await quiet(page);
  opts = await options(page, cdp);
  assert.deepEqual(
    opts.map((o) => [o.code, o.name]),
    [...before],
  );
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("a selected area's option says so, and stops saying so when deselected, across a year change", async () => {
  const { page, context, log } = await widget('level="la" measure="cla_rate" year="2025" view="map" selected="E06000047"');
  const cdp = await context.newCDPSession(page);
  const durham = async () => (await options(page, cdp)).find((o) => o.code === "E06000047").name;
  assert.match(await durham(), /^County Durham: .*, selected$/);
  await page.evaluate(() => document.querySelector("care-atlas").setYear(2023));
  await quiet(page);
  const want = (await expected(page, "cla_rate", ["E06000047"], 2023)).E06000047;
  assert.equal(await durham(), `County Durham: ${want.figure} per 10,000 children, selected`);
  await page.evaluate(() => document.querySelector("care-atlas").removeAttribute("selected"));
  await quiet(page);
  assert.equal(await durham(), `County Durham: ${want.figure} per 10,000 children`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

/**
 * The legend read on its own terms: a gap's entry has the hatched swatch, its reason in a
 * title and for screen readers; a class or category has a coloured swatch and neither; every
 * entry's shown and heard counts agree, and they add up to the areas on the map.
 */
async function legendHolds(page, what) {
  const entries = await page.evaluate(() =>
    [...document.getElementById("moved").shadowRoot.querySelectorAll(".legend li:not(.legend-title)")].map((li) => ({
      sw: li.children[0].className,
      bg: li.children[0].style.background,
      words: [...li.children].slice(1).map((c) => c.textContent),
      title: li.getAttribute("title"),
    })),
  );
  const areas = await page.evaluate(() => document.getElementById("moved").shadowRoot.querySelectorAll(".map-wrap [role=option]").length);
  let total = 0;
  for (const e of entries) {
    const [label, shown, heard, reason] = e.words;
    const n = Number(shown.slice(1, -1).replace(/,/g, ""));
    assert.equal(heard, `, ${n} ${n === 1 ? "area" : "areas"}`, `${what}: ${JSON.stringify(e)}`);
    total += n;
    if (/^No data/.test(label)) {
      assert.match(e.sw, /^sw nodata/, `${what}: ${JSON.stringify(e)}`);
      assert.equal(e.bg, "", `${what}: ${JSON.stringify(e)}`);
      assert.match(e.title ?? "", /^No data: ./, `${what}: ${JSON.stringify(e)}`);
      assert.equal(reason, `: ${e.title.slice("No data: ".length)}`, `${what}: ${JSON.stringify(e)}`);
    } else {
      assert.equal(e.sw, "sw", `${what}: ${JSON.stringify(e)}`);
      assert.match(e.bg, /^rgb/, `${what}: ${JSON.stringify(e)}`);
      assert.equal(e.title, null, `${what}: ${JSON.stringify(e)}`);
      assert.equal(reason, "", `${what}: ${JSON.stringify(e)}`);
    }
  }
  assert.equal(total, areas, `${what}: the legend counts every area on the map`);
}

test("after year changes the legend and the trend's readout are exactly what a widget drawn afresh at that year shows", async () => {
  for (const attrs of ['level="la" measure="cla_rate"', 'level="la" measure="cin_rate" classes="england"', 'level="region" measure="cla_rate" classes="quantile-yearly"']) {
    const { page, context, log } = await widget(`id="moved" year="2025" view="map+trend" highlight="E06000047" ${attrs}`);
    const shown = (id) =>
      page.evaluate((i) => {
        const r = document.getElementById(i).shadowRoot;
        return [".legend", ".trend-readout"].map((s) => r.querySelector(s).outerHTML).join("\n");
      }, id);
    for (const year of [2024, 2019, 2015, 2023, 2025]) {
      await page.evaluate((y) => document.getElementById("moved").setYear(y), year);
      const fresh = await page.evaluate(
        ([a, y]) => {
          const el = document.createElement("care-atlas");
          el.id = "fresh";
          for (const m of a.matchAll(/([a-z-]+)="([^"]*)"/g)) el.setAttribute(m[1], m[2]);
          el.setAttribute("year", String(y));
          el.setAttribute("view", "map+trend");
          el.setAttribute("highlight", "E06000047");
          document.querySelector("main").append(el);
          return el.whenReady().then(() => el.currentYear);
        },
        [attrs, year],
      );
      assert.equal(fresh, year);
      await quiet(page);
      await legendHolds(page, `${attrs}, ${year}`);
      const [moved, drawn] = [await shown("moved"), await shown("fresh")];
      assert.match(drawn, /<ul class="legend".*<li.*\n<p class="trend-readout"><strong>\d{4}:<\/strong><ul><li>/s);
      assert.equal(moved, drawn, `${attrs}, ${year}`);
      await page.evaluate(() => document.getElementById("fresh").remove());
    }
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test("after measure changes the legend's entries (classes, categories, gaps and their reasons) are right", async () => {
  const { page, context, log } = await widget('id="moved" year="2025" view="map" level="la" measure="cla_rate"');
  const title = () => page.evaluate(() => document.getElementById("moved").shadowRoot.querySelector(".legend-title")?.textContent ?? "");
  // Legends of 4 categories and a gap, 5 classes and 2 gaps, …: an item turns from a class
  // into a gap and back, and items come and go.
  for (const measure of ["ofsted_care_leavers", "cla_rate", "ofsted_care_leavers", "cpp_rate", "ofsted_overall", "cin_rate"]) {
    const before = await title();
    await page.evaluate((m) => document.getElementById("moved").setAttribute("measure", m), measure);
    await page.waitForFunction((b) => {
      const r = document.getElementById("moved").shadowRoot;
      const t = r.querySelector(".legend-title")?.textContent ?? "";
      return t && t !== b && r.querySelector(".loading")?.hidden !== false;
    }, before);
    await quiet(page);
    await legendHolds(page, measure);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});
