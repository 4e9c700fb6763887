// Rendered on the server at build time; the browser then hydrates it.
export const prerender = true;
