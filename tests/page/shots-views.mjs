// Screenshots of the bars and the scatter at 320 and 1280 px, light and dark:
//   PORT=8740 cargo xtask demo, then node tests/page/shots-views.mjs http://127.0.0.1:8740/ /tmp/shots
const [url = "http://127.0.0.1:8000/", dir = "/tmp"] = process.argv.slice(2);
process.env.CARE_ATLAS_URL = url;
const { launch, open, settled, embedPage } = await import("./harness.mjs");
const browser = await launch();
const cases = [
  ["bars-ne", 'view="bars" level="la" focus="E12000001" highlight="E06000047" selected="E08000021"'],
  ["bars-all", 'view="bars" level="la" highlight="E06000047"'],
  ["scatter", 'view="scatter" level="la" focus="E12000001" selected="E06000047" x="child_poverty_bhc" y="cla_rate"'],
  ["tabs", 'tabs="map,trend,bars,scatter,table" level="la" focus="E12000001"'],
];
for (const [name, attrs] of cases) {
  for (const width of [320, 1280]) {
    for (const theme of ["light", "dark"]) {
      const html = embedPage(
        `<div style="padding:8px;background:${theme === "dark" ? "#1d2125" : "#fff"}"><care-atlas ${attrs} theme="${theme}"></care-atlas></div>`,
        "<style>body{margin:0;font:15px/1.4 'DejaVu Sans',sans-serif}</style>",
      );
      const { page, context, log } = await open(browser, { path: `shot-${name}.html`, html, width, height: 900 });
      await page.goto(new URL(`shot-${name}.html`, url).href);
      console.log(name, width, theme, await settled(page));
      await page.waitForTimeout(150);
      await page.locator("care-atlas").screenshot({ path: `${dir}/${name}-${width}-${theme}.png` });
      if (log.errors.length) console.log(log.errors);
      await context.close();
    }
  }
}
await browser.close();
