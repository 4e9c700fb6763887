// The package under a strict Content-Security-Policy sent as a real HTTP
// header by the test server for everything under /csp/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, offsite } from "../page/harness.mjs";
import { assertRendered } from "./rendered.mjs";

const POLICY = process.env.CARE_ATLAS_CSP;

let browser;
before(async () => {
  assert.ok(POLICY, "CARE_ATLAS_CSP is set by cargo xtask test");
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Opens a page under /csp/, collecting every `securitypolicyviolation` event
 * (listened for before any of the page's scripts run) and every console
 * message that mentions the policy.
 */
async function openUnderPolicy(path) {
  const { page, context, log, url } = await open(browser, { path });
  const consoleCsp = [];
  page.on("console", (m) => /Content Security Policy|Refused to/i.test(m.text()) && consoleCsp.push(m.text()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const response = await page.goto(url);
  assert.equal(response.headers()["content-security-policy"], POLICY, "the policy is sent as a header");
  return { page, context, log, consoleCsp, violations: () => page.evaluate(() => window.__violations) };
}

for (const [path, what] of [
  ["csp/", "the package entry"],
  ["csp/standalone.html", "the standalone file"],
]) {
  test(`${what} renders under "${POLICY}" with no violation`, async () => {
    const { page, context, log, consoleCsp, violations } = await openUnderPolicy(path);
    await assertRendered(page);
    // A pack fetched (or inflated from the standalone file) under the same policy.
    await assertRendered(page, "#packed", /Children in need/);
    // Hover a region so the tooltip's styles are set too.
    const p = await page.evaluate(() => Array.from(document.querySelector("care-atlas").areaPoint("E12000001")));
    await page.mouse.move(p[0], p[1]);
    await page.waitForFunction(() => !document.querySelector("care-atlas").shadowRoot.querySelector(".tip").hidden);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(consoleCsp, []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(offsite(log), []);
    await context.close();
  });
}

test("control: the same policy refuses an inline script and an inline style, and the test sees both", async () => {
  const { page, context, consoleCsp, violations } = await openUnderPolicy("csp/control.html");
  assert.notEqual(await page.title(), "inline script ran");
  const v = await violations();
  assert.ok(v.some((x) => x.startsWith("script-src-elem")), v.join("\n"));
  assert.ok(v.some((x) => x.startsWith("style-src-attr")), v.join("\n"));
  assert.ok(consoleCsp.length >= 2, consoleCsp.join("\n"));
  await context.close();
});
