// Shared by the peer pages: fetch the boundaries and the figures, as any page would.
export async function loadData() {
  const get = (f) =>
    fetch(new URL(`../data/${f}`, location.href)).then((r) => {
      if (!r.ok) throw new Error(`${f}: HTTP ${r.status}`);
      return r.json();
    });
  const [topo, values] = await Promise.all([get("utla-2025.topo.json"), get("cla-2025.json")]);
  return { topo, values };
}

/** "67" or "no data": the tooltip's figure. */
export const fmt = (v) => (v === null || v === undefined ? "no data" : String(v));
