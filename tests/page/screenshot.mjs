// Takes the README's screenshot from a running site:
//   cargo xtask demo   (in another terminal), then
//   node tests/page/screenshot.mjs http://127.0.0.1:8000/ docs/screenshot.png
import { launch, open, settled } from "./harness.mjs";

const [url = "http://127.0.0.1:8000/", out = "docs/screenshot.png"] = process.argv.slice(2);
const browser = await launch();
const { page } = await open(browser, { width: 1000, height: 900 });
await page.goto(url);
await settled(page);
const el = await page.$("care-atlas");
const p = await page.evaluate(() => Array.from(document.querySelector("care-atlas").areaPoint("E12000001")));
await page.mouse.move(p[0], p[1]);
await page.waitForTimeout(200);
await el.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
