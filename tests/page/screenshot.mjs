// Takes the README's screenshot:
//   cargo xtask demo   (in another terminal), then
//   node tests/page/screenshot.mjs http://127.0.0.1:8000/ docs/screenshot.png
const [url = "http://127.0.0.1:8000/", out = "docs/screenshot.png"] = process.argv.slice(2);
// The harness reads the site's address when it is imported.
process.env.CARE_ATLAS_URL = url;
const { launch, open, settled, embedPage } = await import("./harness.mjs");
const browser = await launch();
const html = embedPage(
  '<div style="width:1000px;padding:12px"><care-atlas level="la" focus="E12000001" highlight="E06000047"></care-atlas></div>',
  "<style>body{margin:0;font:15px/1.4 system-ui,sans-serif}</style>",
);
const { page } = await open(browser, { path: "screenshot.html", html, width: 1040, height: 900 });
await page.goto(new URL("screenshot.html", url).href);
await settled(page);
const p = await page.evaluate(() => Array.from(document.querySelector("care-atlas").areaPoint("E08000037")));
await page.mouse.move(p[0], p[1]);
await page.waitForTimeout(200);
await page.locator("care-atlas").screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
