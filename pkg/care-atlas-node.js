// Reads a file of the package outside a browser (Node, a server renderer, a
// build step querying dataset()), where fetch() cannot read file: URLs.
// Shipped as written, not minified: the comments in the import() tell
// webpack and Vite to leave node:fs alone, so browser builds neither bundle
// it nor warn about it (the specifier is a variable for the same reason).
const FS = "node:fs/promises";

/** The bytes of the file at a file: URL. */
export const read = (url) => import(/* webpackIgnore: true */ /* @vite-ignore */ FS).then((fs) => fs.readFile(url));
