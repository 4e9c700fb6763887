// Where the element's WebAssembly module comes from: the file beside this one.
// A module of its own so that the standalone build (cargo xtask pkg) can put
// one holding the module's bytes in its place, leaving the element untouched.
export const wasmSource = () => new URL("./care_atlas_bg.wasm", import.meta.url);
