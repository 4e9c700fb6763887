/** @type {import('next').NextConfig} */
export default {
  // #region readme
  // For dataset() on the server: Node loads care-atlas from node_modules instead of
  // the server bundle, so the package finds its WebAssembly file beside it.
  serverExternalPackages: ["care-atlas"],
  // #endregion
};
