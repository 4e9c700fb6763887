// What a reader sees is true and fits (issue 10): bad optional attributes
// degrade with a notice, the trend marks the map's year, gaps and credits are
// explained, classes centred on England, touch tooltips behave, controls are
// big enough to tap and no text is clipped — at phone and desktop widths, in
// both themes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, embedPage, BASE } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SIZES = [
  [320, "light"],
  [1280, "dark"],
];

/** A page with one widget; resolves once it has drawn (or shown a message). */
async function widget(attrs, { width = 1000, touch = false, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, hasTouch: touch, isMobile: touch, colorScheme });
  const page = await context.newPage();
  const log = { errors: [], events: [] };
  page.on("console", (m) => m.type() === "error" && log.errors.push(m.text()));
  page.on("pageerror", (e) => log.errors.push(`pageerror: ${e.message}`));
  const html = embedPage(
    `<care-atlas id="w" ${attrs}></care-atlas><p id="below">Text below the widget.</p>`,
    `<script>window.__errors = []; document.addEventListener("care-atlas-error", (e) => window.__errors.push(e.detail));</script>`,
  );
  const url = new URL(`reader-${Math.random().toString(36).slice(2)}.html`, BASE).href;
  await page.route(url, (r) => r.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await page.goto(url);
  // Titled and not waiting for a pack of figures (a measure outside the core
  // is titled while its pack loads), or showing why it cannot be drawn.
  await page.waitForFunction(() => {
    const r = document.getElementById("w")?.shadowRoot;
    const loading = r?.querySelector(".loading");
    return (r?.querySelector(".title")?.textContent && (!loading || loading.hidden)) || r?.querySelector(".message:not([hidden])")?.textContent;
  });
  return { page, context, log };
}

const shadow = (page, sel) =>
  page.evaluate((s) => [...document.getElementById("w").shadowRoot.querySelectorAll(s)].filter((e) => !e.closest("[hidden]")).map((e) => e.textContent), sel);

test("a bad optional attribute is ignored with a notice, logged and fired; the chart is still drawn", async () => {
  for (const [width, theme] of SIZES) {
    const { page, context, log } = await widget(`palette="rainbow" highlight="E0600004" theme="${theme}" year="1999"`, { width });
    const notices = await shadow(page, ".notices li");
    assert.equal(notices.length, 3, notices.join("\n"));
    assert.match(notices.join("\n"), /Unknown palette "rainbow".*Valid values: ylgnbu, viridis, blues\. It is ignored/);
    assert.match(notices.join("\n"), /"E0600004"/);
    assert.match(notices.join("\n"), /No data for year "1999"/);
    assert.deepEqual(await shadow(page, ".message"), [], "no message replaces the chart");
    const r = await page.evaluate(() => {
      const root = document.getElementById("w").shadowRoot;
      const c = root.querySelector("canvas.map");
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] === 255) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return { colours: colours.size, errors: window.__errors.map((e) => e.attribute), theme: root.querySelector(".frame").dataset.theme };
    });
    assert.ok(r.colours >= 4, `map drawn in ${r.colours} colours`);
    assert.equal(r.theme, theme, "good attributes are kept");
    assert.deepEqual(r.errors.sort(), ["highlight", "palette", "year"]);
    assert.equal(log.errors.length, 3, log.errors.join("\n"));
    // Fixing one attribute removes its notice and fires nothing new.
    await page.evaluate(() => document.getElementById("w").setAttribute("palette", "blues"));
    await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelectorAll(".notices li").length === 2);
    assert.equal(await page.evaluate(() => window.__errors.length), 3);
    await context.close();
  }
});

test("only an unusable measure replaces the chart, and the message says what would work", async () => {
  const { page, context } = await widget(`measure="looked_after" palette="rainbow"`);
  const msg = (await shadow(page, ".message")).join("");
  assert.match(msg, /Unknown measure "looked_after".*Valid measures: cla_rate/);
  await context.close();
});

test("Ofsted judgements asked for at region level are mapped for authorities, with a notice", async () => {
  const { page, context } = await widget(`measure="ofsted_overall" level="region"`);
  const notices = await shadow(page, ".notices li");
  assert.match(notices[0], /published for local authorities only, so the map shows those \(level="la"\)/);
  const legend = (await shadow(page, ".legend li")).join("|");
  assert.match(legend, /Good/);
  assert.doesNotMatch(legend, /not published/, legend);
  await context.close();
});

test("each measure credits its own publisher; the page's own figures are credited to the page, not called official", async () => {
  const { page, context } = await widget(`measure="child_poverty_bhc" level="region"`);
  const src = (await shadow(page, ".source")).join("");
  assert.match(src, /^Source: Department for Work and Pensions, /);
  assert.doesNotMatch(src, /Department for Education|Ofsted/);
  const r = await page.evaluate(async () => {
    const w = document.getElementById("w");
    w.removeAttribute("measure");
    await w.setData("area_code,year,value\nE12000001,2024,12\nE12000002,2024,\nE12000003,2025,14\n", { label: "Our figure", unit: "per 1,000", source: "Durham County Council" });
    const root = w.shadowRoot;
    w.select(["E12000001"]);
    await new Promise(requestAnimationFrame);
    return {
      source: root.querySelector(".source").textContent,
      heading: root.querySelector(".trend-title").textContent,
      warnings: root.querySelector(".warnings").hidden,
      csv: w.toCSV(),
    };
  });
  assert.match(r.source, /^Figures supplied by this page \(Durham County Council\); not official statistics\./);
  assert.doesNotMatch(r.source, /Department for Education/);
  assert.doesNotMatch(r.heading, /England/, `no England line is drawn: ${r.heading}`);
  assert.ok(r.warnings, "a blank value is a gap, not a problem");
  assert.match(r.csv, /E12000001,North East,region,user,Our figure,"per 1,000",2024,12,supplied by this page/);
  assert.doesNotMatch(r.csv, /,official/);
  await context.close();
});

test("the trend marks the map's year, lists that year's values and explains its breaks", async () => {
  for (const [width, theme] of SIZES) {
    const { page, context } = await widget(`level="la" focus="E12000001" highlight="E08000021" year="2016" theme="${theme}"`, { width });
    const read = () =>
      page.evaluate(() => {
        const root = document.getElementById("w").shadowRoot;
        const mark = root.querySelector(".mark");
        const tick = [...root.querySelectorAll(".labels .x")].find((t) => t.textContent === "2016");
        const mx = mark.getBoundingClientRect().left;
        return {
          hidden: mark.hidden,
          label: mark.textContent,
          offset: tick ? Math.abs(mx - (tick.getBoundingClientRect().left + tick.getBoundingClientRect().width / 2)) : null,
          readout: root.querySelector(".trend-readout").textContent,
          note: root.querySelector(".trend-note").textContent,
          heading: root.querySelector(".trend-title").textContent,
        };
      });
    const r = await read();
    assert.equal(r.hidden, false);
    assert.equal(r.label, "2016");
    if (r.offset !== null) assert.ok(r.offset < 3, `the mark is ${r.offset} px from the 2016 tick`);
    const want = await page.evaluate(async () => {
      const { dataset } = await import("/pkg/care-atlas.js");
      const d = await dataset();
      const v = await d.value("cla_rate", "E08000021", 2016);
      return String(v.value);
    });
    assert.match(r.readout, new RegExp(`^2016:.*Newcastle upon Tyne: ${want}(?!\\d)`), r.readout);
    assert.match(r.readout, /England: \d+/);
    assert.match(r.heading, /Newcastle upon Tyne, North East and England, with 11 other authorities in grey$/);
    assert.match(r.note, /in 2011–2012 \(not published\): the lines break there/);
    await page.evaluate(() => document.getElementById("w").setYear(2020));
    await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".mark").textContent === "2020");
    assert.match((await read()).readout, /^2020:/);
    await context.close();
  }
});

test("a grey line is named when the pointer is on it, and its area outlined", async () => {
  const { page, context } = await widget(`view="trend" year="2025"`, { width: 900 });
  const at = await page.evaluate(async () => {
    const { dataset } = await import("/pkg/care-atlas.js");
    const d = await dataset();
    const v = (await d.value("cla_rate", "E12000007", 2020)).value;
    const root = document.getElementById("w").shadowRoot;
    const centre = (e) => {
      const r = e.getBoundingClientRect();
      return [r.left + r.width / 2, r.top + r.height / 2];
    };
    const xs = [...root.querySelectorAll(".labels .x")].map((e) => [Number(e.textContent), centre(e)[0]]);
    const ys = [...root.querySelectorAll(".labels .y")].map((e) => [Number(e.textContent.replace(/,/g, "")), centre(e)[1]]);
    const [[y0, x0], [y1, x1]] = [xs[0], xs[xs.length - 1]];
    const [[v0, p0], [v1, p1]] = [ys[0], ys[ys.length - 1]];
    return { x: x0 + ((2020 - y0) / (y1 - y0)) * (x1 - x0), y: p0 + ((v - v0) / (v1 - v0)) * (p1 - p0) };
  });
  await page.mouse.move(at.x, at.y);
  await page.waitForFunction(() => !document.getElementById("w").shadowRoot.querySelector(".yeartip").hidden);
  const tip = (await shadow(page, ".yeartip")).join("");
  assert.match(tip, /^2020.*London: \d+/, tip);
  await context.close();
});

test("classes=\"england\" colours areas above and below England's figure for the year", async () => {
  const { page, context } = await widget(`level="la" classes="england" year="2025"`);
  const legend = await shadow(page, ".legend li");
  assert.match(legend[0], /^Looked after compared with England \(\d+ per 10,000 children in 2025\)$/);
  assert.match(legend[1], /^30% or more below England \(under [\d.]+\)/);
  assert.match(legend[3], /^within 10% of England/);
  assert.match(legend[5], /^30% or more above England/);
  const found = await page.evaluate(() => {
    const c = document.getElementById("w").shadowRoot.querySelector("canvas.map");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4) seen.add(((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]).toString(16).padStart(6, "0"));
    return ["5e3c99", "b2abd2", "f7f7f7", "fdb863", "e66101"].filter((c) => seen.has(c));
  });
  assert.equal(found.length, 5, `diverging colours on the map: ${found}`);
  await context.close();
});

test("Play shows change, not a new legend: the default breaks hold across the years", async () => {
  const { page, context } = await widget(`level="la" focus="E12000001" highlight="E08000021"`);
  const legends = await page.evaluate(async () => {
    const w = document.getElementById("w");
    const out = [];
    for (const y of [2013, 2016, 2019, 2025]) {
      w.setYear(y);
      await new Promise(requestAnimationFrame);
      out.push([...w.shadowRoot.querySelectorAll(".legend li")].map((li) => li.querySelector("span:not(.n):not(.sw)")?.textContent ?? li.textContent).join("|"));
    }
    return out;
  });
  assert.equal(new Set(legends).size, 1, legends.join("\n"));
  await context.close();
});

test("touch: a tap's tooltip docks away from the finger and is dismissed by a tap elsewhere or a deselecting tap", async () => {
  const { page, context } = await widget(`level="la" focus="E12000001"`, { width: 375, touch: true });
  const point = await page.evaluate(async () => {
    const { dataset } = await import("/pkg/care-atlas.js");
    const w = document.getElementById("w");
    const [x, y] = w.areaPoint("E08000037");
    return { x, y, dataset: !!dataset };
  });
  const tip = () =>
    page.evaluate(() => {
      const t = document.getElementById("w").shadowRoot.querySelector(".tip");
      const r = t.getBoundingClientRect();
      return { hidden: t.hidden, left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: t.textContent };
    });
  await page.touchscreen.tap(point.x, point.y);
  let t = await tip();
  assert.equal(t.hidden, false);
  assert.match(t.text, /^Gateshead/);
  // Nothing within 40 px of the finger is covered.
  const clear = t.bottom < point.y - 40 || t.top > point.y + 40;
  assert.ok(clear, `tooltip ${JSON.stringify(t)} covers the area around the tap at ${point.y}`);
  await page.touchscreen.tap(point.x, point.y);
  assert.equal((await tip()).hidden, true, "a deselecting tap dismisses it");
  await page.touchscreen.tap(point.x, point.y);
  assert.equal((await tip()).hidden, false);
  const below = await page.evaluate(() => {
    const r = document.getElementById("below").getBoundingClientRect();
    return { x: r.left + 10, y: r.top + r.height / 2 };
  });
  await page.touchscreen.tap(below.x, below.y);
  assert.equal((await tip()).hidden, true, "a tap outside the widget dismisses it");
  await context.close();
});

test("every control is at least 24 × 24 CSS px", async () => {
  for (const [width, theme] of SIZES) {
    const { page, context } = await widget(`level="la" focus="E12000001" theme="${theme}"`, { width });
    const small = await page.evaluate(() =>
      [...document.getElementById("w").shadowRoot.querySelectorAll("button, input, select, [tabindex]")]
        .filter((e) => !e.closest("[hidden]"))
        .map((e) => ({ what: e.outerHTML.slice(0, 60), r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ what, r }) => `${what} ${r.width}×${r.height}`),
    );
    assert.deepEqual(small, [], `${width} px`);
    await context.close();
  }
});

test("no text is clipped or drawn outside the widget from 320 to 1600 px", async () => {
  for (const width of [320, 375, 768, 1024, 1280, 1600]) {
    for (const attrs of [`level="la" focus="E12000001" highlight="E08000021 E06000047"`, `level="la" selected="E06000010 E09000033"`]) {
      const { page, context } = await widget(attrs, { width });
      const out = await page.evaluate(() => {
        const host = document.getElementById("w");
        const box = host.getBoundingClientRect();
        const bad = [];
        const walker = document.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          // Text for assistive technology only is clipped to nothing on purpose.
          if (!n.textContent.trim() || el.closest("[hidden], option") || getComputedStyle(el).clipPath !== "none") continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) {
            if (r.width === 0) continue;
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
              bad.push(`"${n.textContent.slice(0, 40)}" at ${Math.round(r.left)}–${Math.round(r.right)} (widget ${Math.round(box.left)}–${Math.round(box.right)})`);
            }
          }
          // Text cut by its own box (overflow hidden or scrolled).
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible" && !el.matches(".table-wrap, .table-wrap *")) {
            bad.push(`"${n.textContent.slice(0, 40)}" overflows its box`);
          }
        }
        return bad;
      });
      assert.deepEqual(out, [], `${width} px, ${attrs}`);
      await context.close();
    }
  }
});
