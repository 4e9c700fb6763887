import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// base "./": the app is served from a sub-folder (as on GitHub Pages, and in the tests).
export default defineConfig({ base: "./", plugins: [react()] });
