// Where the element's WebAssembly module and its packs of figures come from:
// the files beside this one. A module of its own so that the standalone build
// (cargo xtask pkg) can put one holding their bytes in its place, leaving the
// element untouched.
//
// Each file is named in a literal `new URL("./…", import.meta.url)`, the
// pattern Vite and webpack recognise to copy the file into a build and point
// at it: so npm consumers' builds carry the packs without a plugin.
//
// Outside a browser (Node, a server renderer, a build step querying dataset())
// a file is a file: URL, which fetch() cannot read there: the bytes are read
// with node:fs instead. The specifier is a variable, and bundlers are told to
// leave that import alone, so browser builds neither bundle nor warn about it.
const FS = "node:fs/promises";

/** A URL to fetch, or outside a browser a promise of the file's bytes. */
const place = (url) => (url.protocol !== "file:" ? url : import(/* webpackIgnore: true */ /* @vite-ignore */ FS).then((fs) => fs.readFile(url)));

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
