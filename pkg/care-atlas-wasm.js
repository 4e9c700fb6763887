// Where the element's WebAssembly module comes from: the file beside this one.
// A module of its own so that the standalone build (cargo xtask pkg) can put
// one holding the module's bytes in its place, leaving the element untouched.
//
// Outside a browser (Node, a server renderer, a build step querying dataset())
// the module is a file: URL, which fetch() cannot read there: the bytes are read
// with node:fs instead. The specifier is a variable, and bundlers are told to
// leave that import alone, so browser builds neither bundle nor warn about it.
const FS = "node:fs/promises";

export const wasmSource = () => {
  const url = new URL("./care_atlas_bg.wasm", import.meta.url);
  if (url.protocol !== "file:") return url;
  return import(/* webpackIgnore: true */ /* @vite-ignore */ FS).then((fs) => fs.readFile(url));
};
