// Production builds of the two bundler apps against the care-atlas tarball
// installed in node_modules, with each tool's defaults and no plugins or
// loaders: what `npm create vite` or a plain webpack config gives a user.
//   node build.mjs vite|webpack <out-dir>
import { copyFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const [tool, out] = process.argv.slice(2);
if (!out) throw new Error("usage: node build.mjs vite|webpack <out-dir>");

if (tool === "vite") {
  const { build } = await import("vite");
  // base "./": the app is served from a sub-folder, as on GitHub Pages.
  await build({ root: path.join(here, "vite-app"), base: "./", logLevel: "warn", build: { outDir: path.resolve(out), emptyOutDir: true } });
} else if (tool === "webpack") {
  const { default: webpack } = await import("webpack");
  const stats = await new Promise((resolve, reject) =>
    webpack(
      {
        mode: "production",
        context: path.join(here, "webpack-app"),
        entry: "./main.js",
        output: { path: path.resolve(out), filename: "main.js", clean: true },
      },
      (err, s) => (err ? reject(err) : resolve(s)),
    ),
  );
  const info = stats.toJson({ all: false, errors: true, warnings: true, assets: true });
  for (const w of info.warnings) console.warn(`webpack warning: ${w.message}`);
  if (stats.hasErrors()) throw new Error(info.errors.map((e) => e.message).join("\n"));
  for (const a of info.assets) console.log(`  ${a.name} ${a.size} bytes`);
  await mkdir(out, { recursive: true });
  await copyFile(path.join(here, "webpack-app/index.html"), path.join(out, "index.html"));
} else {
  throw new Error(`unknown tool ${tool}`);
}
