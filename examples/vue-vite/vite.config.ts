import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

export default defineConfig({
  // The app is served from a sub-folder (as on GitHub Pages, and in the tests).
  base: "./",
  plugins: [
    // #region readme
    // <care-atlas> is a custom element, not a Vue component:
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === "care-atlas" } } }),
    // #endregion
  ],
});
