/** @type {import('next').NextConfig} */
export default {
  // On the server, care-atlas is loaded by Node from node_modules rather than
  // bundled, so dataset() finds the package's WebAssembly file beside it.
  serverExternalPackages: ["care-atlas"],
};
