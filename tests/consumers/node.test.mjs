// The package in plain Node, as a server renderer or a build step meets it:
// installed from the tarball (cargo xtask consumers), imported with no DOM.
// Each import runs in a fresh Node process, so one cannot hide another's failure.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs `code` as an ES module in a new Node process here; returns what it printed as JSON. */
function inNode(code) {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: here, encoding: "utf8" });
  return JSON.parse(out);
}

for (const entry of ["care-atlas", "care-atlas/standalone"]) {
  test(`import("${entry}") in Node succeeds and defines nothing`, () => {
    const r = inNode(`
      const before = new Set(Object.getOwnPropertyNames(globalThis));
      const m = await import(${JSON.stringify(entry)});
      const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));
      console.log(JSON.stringify({ exports: Object.keys(m).sort(), element: typeof m.CareAtlasElement, added,
        dom: typeof HTMLElement + " " + typeof customElements }));
    `);
    assert.deepEqual(r.exports, ["CareAtlasElement", "dataset", "load", "mount"]);
    assert.equal(r.element, "undefined", "no element class without a DOM");
    assert.deepEqual(r.added, [], "no globals added");
    assert.equal(r.dom, "undefined undefined");
  });

  test(`dataset() from "${entry}" answers in Node, reading the package's own module`, () => {
    const r = inNode(`
      const { dataset } = await import(${JSON.stringify(entry)});
      const data = await dataset();
      let unknown = null;
      try { await data.value("cla_rat", "E12000001", 2025); } catch (e) { unknown = e.message; }
      // A measure in a pack: read from the package's own file (or the standalone file's inside).
      const cin = await data.value("cin_rate", "E12000001", 2025);
      console.log(JSON.stringify({ ne: await data.value("cla_rate", "E12000001", 2025), cin, measures: data.measures().length,
        las: data.areas("la").length, attribution: data.attribution(), unknown }));
    `);
    assert.equal(r.ne.value, 111);
    assert.equal(r.cin.status, "official");
    assert.ok(r.cin.value > 0, `children in need in the North East: ${r.cin.value}`);
    assert.equal(r.ne.areaName, "North East");
    assert.equal(r.ne.status, "official");
    assert.ok(r.measures >= 12, `${r.measures} measures`);
    assert.ok(r.las > 150, `${r.las} authorities`);
    assert.match(r.attribution, /Open Government Licence/);
    assert.match(r.unknown ?? "", /cla_rat/, "an unknown measure throws, naming it");
  });
}

test("mount() in Node says there is no DOM instead of failing obscurely", () => {
  const r = inNode(`
    const { mount } = await import("care-atlas");
    let message = null;
    try { mount({}); } catch (e) { message = e.message; }
    console.log(JSON.stringify({ message }));
  `);
  assert.match(r.message, /no DOM here/);
});
