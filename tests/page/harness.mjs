// Shared set-up for the page tests: Debian's Chromium driven by
// playwright-core, every console message and request recorded.
import { chromium } from "playwright-core";

export const BASE = process.env.CARE_ATLAS_URL ?? "http://127.0.0.1:8000/";
const origin = new URL(BASE).origin;

// Without the background-networking flags Chromium tries to reach Google at start.
export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launch(extraArgs = []) {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: [...ARGS, ...extraArgs] });
}

/**
 * A page that records console errors, page errors and every request.
 * `html` (optional) is served at `path` on the test origin instead of the site's file.
 */
export async function open(browser, { path = "", html, width = 1000, height = 900, dpr = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on("console", (m) => m.type() === "error" && log.errors.push(m.text()));
  page.on("pageerror", (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => log.requests.push(r.url()));
  const url = new URL(path, BASE).href;
  if (html !== undefined) {
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  }
  return { page, context, log, url };
}

/** Requests that went anywhere but the test server (data: URLs stay in the page). */
export function offsite(log) {
  return log.requests.filter((u) => !u.startsWith("data:") && new URL(u).origin !== origin);
}

/** Waits until the nth <care-atlas> has fired ready or error; returns which. */
export async function settled(page, selector = "care-atlas") {
  return page.evaluate(
    (sel) =>
      new Promise((resolve, reject) => {
        const el = document.querySelector(sel);
        if (!el) return reject(new Error(`no ${sel}`));
        // Already settled before we listened: read the outcome from the widget.
        const msg = el.shadowRoot?.querySelector(".message");
        if (msg && !msg.hidden && msg.textContent) return resolve(`error: ${msg.textContent}`);
        // Titled and not waiting for a pack of figures.
        const loading = el.shadowRoot?.querySelector(".loading");
        if (el.shadowRoot?.querySelector(".title")?.textContent && (!loading || loading.hidden)) return resolve("ready");
        el.addEventListener("care-atlas-ready", () => resolve("ready"), { once: true });
        el.addEventListener("care-atlas-error", (e) => resolve(`error: ${e.detail.message}`), { once: true });
        setTimeout(() => reject(new Error(`${sel} neither ready nor failed after 10 s`)), 10000);
      }),
    selector,
  );
}

/** Text inside the element's shadow root matching a selector. */
export async function shadowText(page, selector, host = "care-atlas") {
  return page.evaluate(
    ([h, s]) => document.querySelector(h)?.shadowRoot?.querySelector(s)?.textContent ?? null,
    [host, selector],
  );
}

/** A page embedding the package as a site user would. */
export function embedPage(body, head = "") {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>test</title>
<link rel="icon" href="data:,">${head}
<script type="module" src="/pkg/care-atlas.js"></script></head><body>${body}</body></html>`;
}
