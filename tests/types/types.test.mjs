// The typings as a TypeScript user gets them, from the tarball installed here
// (cargo xtask consumers): <care-atlas> in React 19, Preact and Solid JSX with
// every attribute and event, bad values refused (each fixture's
// @ts-expect-error lines fail the compile if the typings let them through),
// and a project with no framework at all unaffected.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = path.join(here, "node_modules/.bin/tsc");

/** Runs tsc on a project; returns its output, or throws it. */
function compile(project, cwd = here) {
  try {
    return execFileSync(tsc, ["-p", project], { cwd, encoding: "utf8" });
  } catch (e) {
    throw new Error(`tsc -p ${project} failed:\n${e.stdout}${e.stderr}`);
  }
}

for (const framework of ["react", "preact", "solid"]) {
  test(`${framework}: every attribute and event of <care-atlas> type-checks; bad values are refused`, () => {
    compile(framework);
  });
}

test("react: without the package's types, <care-atlas> is not a JSX element (the fixture can fail)", () => {
  const dir = mkdtempSync(path.join(here, "react/.tmp-"));
  try {
    const src = readFileSync(path.join(here, "react/atlas.tsx"), "utf8")
      .replace('import "care-atlas";', "")
      .replace('import type { CareAtlasElement } from "care-atlas";', "type CareAtlasElement = HTMLElement;");
    writeFileSync(path.join(dir, "atlas.tsx"), src);
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", files: ["atlas.tsx"] }));
    assert.throws(() => compile(dir), /Property 'care-atlas' does not exist on type 'JSX.IntrinsicElements'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a project with no framework installed type-checks with skipLibCheck off", () => {
  // Its own folder, so that react, preact, solid-js, vue and svelte cannot be found.
  const dir = mkdtempSync(path.join(tmpdir(), "care-atlas-types-"));
  try {
    cpSync(path.join(here, "node_modules/care-atlas"), path.join(dir, "node_modules/care-atlas"), { recursive: true });
    cpSync(path.join(here, "none/use.ts"), path.join(dir, "use.ts"));
    cpSync(path.join(here, "none/tsconfig.json"), path.join(dir, "tsconfig.json"));
    compile(".", dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
