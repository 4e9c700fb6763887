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

/** A measure in the bundled dataset, with its metadata. Ids are stable public API. */
export interface MeasureInfo {
  id: string;
  label: string;
  shortLabel: string;
  /** Read after a value, e.g. "per 10,000 children"; empty for judgements. */
  unit: string;
  kind: "rate" | "count" | "percent" | "category";
  /** Whether a higher value means more need ("neutral" for judgements). */
  polarity: "higher-is-more-need" | "neutral";
  /** Decimal places values are stored at. */
  decimals: number;
  definition: string;
  /** "at 31 March", "in the year to 31 March", "in the financial year ending 31 March". */
  convention: string;
  /** Data years with at least one value, ascending. */
  years: number[];
  /** For series published on one year's areas throughout (child poverty): that data year. */
  boundaries: number | null;
  /** For `kind: "category"`: the categories, best first. */
  categories: string[];
  source: { publisher: string; publication: string; url: string; licence: string };
}

/** An area: England, a region, or an upper-tier local authority ("la"). */
export interface AreaInfo {
  /** ONS GSS code, e.g. "E06000047". */
  code: string;
  name: string;
  level: "country" | "region" | "la";
  /** The region's code, for authorities (London boroughs: E12000007). */
  region: string | null;
  /** Other codes publishers use for the same area and shape. */
  aliases: string[];
  /** First and last data year the area is mapped for; null when open-ended. */
  liveFrom: number | null;
  liveTo: number | null;
}

/** One figure: `value(measure, area, year)`. */
export interface Figure {
  measure: string;
  /** The area code the asked code resolved to that year (aliases resolve by year). */
  area: string;
  areaName: string;
  year: number;
  /** The figure (for judgements, the category's index), or null for a gap. */
  value: number | null;
  /** Decimal places it was published (or derived) with. */
  decimals: number | null;
  status: "official" | "derived" | "suppressed" | "not-published" | "not-live";
  /** For derived values, the formula. */
  note: string | null;
  /** For gaps, why, in words. */
  reason: string | null;
  /** For judgements, the category, e.g. "Good". */
  category: string | null;
  /** For judgements, the inspection date, "YYYY-MM-DD". */
  date: string | null;
}

/** The bundled dataset's query API. Functions throw an `Error` naming an unknown measure, area or level. */
export interface Dataset {
  measures(): MeasureInfo[];
  areas(level?: "country" | "region" | "la"): AreaInfo[];
  years(measure: string): number[];
  value(measure: string, area: string, year: number): Figure;
  /** The attribution the Open Government Licence asks pages to show. */
  attribution(): string;
  /** Diagnostics: mean milliseconds to decode the bundle, over `runs` decodes. */
  decodeBenchmark(runs: number): number;
}

/** Loads the engine (once) and resolves to the query API over the bundled data. */
export function dataset(): Promise<Dataset>;

declare global {
  interface HTMLElementTagNameMap {
    "care-atlas": CareAtlasElement;
  }
}
