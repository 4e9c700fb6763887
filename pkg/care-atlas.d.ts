/** Loads the WebAssembly engine (done automatically when an element connects). */
export function load(): Promise<unknown>;

/**
 * `<care-atlas>`: a map of England's regions for one measure and year, with
 * a trend of the hovered or selected region against England.
 *
 * Attributes: `measure` (e.g. `cla_rate`), `year` (e.g. `2025`),
 * `level` (`region`), `highlight` (comma-separated area codes).
 *
 * Events: `care-atlas-ready`, `care-atlas-error` (`detail.message`),
 * `care-atlas-select` (`detail.code`).
 */
export class CareAtlasElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Viewport coordinates `[x, y]` of an area's label point on the map. */
  areaPoint(code: string): [number, number] | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    "care-atlas": CareAtlasElement;
  }
}
