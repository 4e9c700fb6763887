// Shared by the peer pages: fetch the boundaries and the figures, as any page would.
export async function loadData() {
  const get = (f) =>
    fetch(new URL(`../data/${f}`, location.href)).then((r) => {
      if (!r.ok) throw new Error(`${f}: HTTP ${r.status}`);
      return r.json();
    });
  const [topo, values] = await Promise.all([get("utla-2025.topo.json"), get("cla.json")]);
  return { topo, values };
}

/** "67" or "no data": the tooltip's figure. */
export const fmt = (v) => (v === null || v === undefined ? "no data" : String(v));

/** An area's figure in a year (null where the extract has none). */
export const valueIn = (values, area, year) => area?.values[values.years.indexOf(year)] ?? null;

/** The extent of the figures over every year: colour scales fixed across years, so a change shows. */
export const allYears = (values) => {
  const known = values.areas.flatMap((a) => a.values).filter((v) => v !== null);
  return [Math.min(...known), Math.max(...known)];
};

/**
 * Wires the page's year slider (built into the page by build.mjs, outside the map) to `setYear`,
 * which recolours the map as the library would; also exposed as window.setYear.
 */
export function yearControl(setYear) {
  const slider = document.getElementById("year");
  const out = document.getElementById("year-out");
  window.setYear = setYear;
  slider?.addEventListener("input", () => {
    out.textContent = slider.value;
    setYear(Number(slider.value));
  });
}
