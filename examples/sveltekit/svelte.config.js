import adapter from "@sveltejs/adapter-static";

/** @type {import('@sveltejs/kit').Config} */
export default {
  // Every page is rendered on the server when the app is built (see src/routes/+layout.ts).
  kit: { adapter: adapter() },
};
