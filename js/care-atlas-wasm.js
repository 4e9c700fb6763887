// Where the element's WebAssembly modules and its packs of figures come from:
// the files beside the package's entry. A module of its own so that the
// standalone build (cargo xtask pkg) can put one holding their bytes in its
// place, leaving the element untouched. The package's entry has it bundled in
// (import.meta.url is then the entry's, beside the files): one request fewer
// in series before the module is fetched.
//
// Each file is named in a literal `new URL("./…", import.meta.url)`, the
// pattern Vite and webpack recognise to copy the file into a build and point
// at it: so npm consumers' builds carry the modules and packs without a plugin.
//
// Outside a browser (Node, a server renderer, a build step querying dataset())
// a file is a file: URL, which fetch() cannot read there: care-atlas-node.js
// reads the bytes with node:fs (a file of its own, shipped as written, because
// the entry is minified and its directions to bundlers are comments).

/** A URL to fetch, or outside a browser a promise of the file's bytes. */
const place = (url) => (url.protocol !== "file:" ? url : import("./care-atlas-node.js").then((node) => node.read(url)));

/** Whether there is only the full engine (in the standalone file there is). */
export const fullOnly = false;

/** The core engine's module, or with `full` the full engine's (see care-atlas.js). */
export const wasmSource = (full) =>
  place(full ? new URL("./care_atlas_full_bg.wasm", import.meta.url) : new URL("./care_atlas_bg.wasm", import.meta.url));

// BEGIN GENERATED packs (cargo xtask generate, from the bundle's families)
const PACKS = {
  __proto__: null,
  "demand": () => new URL("./care-atlas.demand.pack", import.meta.url),
  "poverty": () => new URL("./care-atlas.poverty.pack", import.meta.url),
  "ofsted": () => new URL("./care-atlas.ofsted.pack", import.meta.url),
  "assessment": () => new URL("./care-atlas.assessment.pack", import.meta.url),
  "workforce": () => new URL("./care-atlas.workforce.pack", import.meta.url),
  "spending": () => new URL("./care-atlas.spending.pack", import.meta.url),
  "placements": () => new URL("./care-atlas.placements.pack", import.meta.url),
  "leavers": () => new URL("./care-atlas.leavers.pack", import.meta.url),
};
// END GENERATED packs

/** A family's pack: a URL, or a promise of its bytes; null for a family with no pack. */
export const packSource = (family) => (Object.hasOwn(PACKS, family) ? place(PACKS[family]()) : null);
