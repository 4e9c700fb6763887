/** Loads the WebAssembly engine (done automatically when an element connects). */
export function load(): Promise<unknown>;

/** Attribute values of `<care-atlas>`; each is also a property (camelCase). */
export interface CareAtlasOptions {
  /** A measure id, e.g. "cla_rate", "cin_rate", "ofsted_overall", or "user" for the page's own figures. Default: the page's figures if given, else "cla_rate". */
  measure?: string;
  /** A year with data for the measure. Default: the latest. */
  year?: number | string;
  /** "region" (default) or "la" (upper-tier local authorities). */
  level?: "region" | "la";
  /** The `focus` attribute: a region code whose authorities fill the frame, e.g. "E12000001" (North East). */
  focusRegion?: string;
  /** Area codes outlined on the map and always in the trend. */
  highlight?: string | string[];
  /** Area codes selected at start. */
  selected?: string | string[];
  /** What to show. Default "map+trend" (side by side from 720 px, stacked when narrower). */
  view?: "map+trend" | "map" | "trend" | "table";
  /** Default "light"; "auto" follows the reader's colour-scheme preference. */
  theme?: "light" | "dark" | "auto";
  /** Sequential palette for rates and counts. Default "ylgnbu". */
  palette?: "ylgnbu" | "viridis" | "blues";
  /** "equal" (default), "quantile", or ascending breaks such as "40,60,80,100". */
  classes?: string;
  /** Show the trend as % change since this year. */
  baseYear?: number | string;
  /** "show" puts the generated summary above the picture (it is always the text alternative). */
  summary?: "show" | "hide";
  /** Map height in CSS px, 160–2000. */
  height?: number | string;
  /** Same-origin URL of a CSV of the page's own figures (area_code,year,value). */
  dataSrc?: string;
  /** Label, unit and source line of the page's own figures. */
  dataLabel?: string;
  dataUnit?: string;
  dataSource?: string;
  /** Keep the year and selection in the address's #fragment, for share links. */
  urlSync?: boolean;
}

/** A line of the page's CSV that could not be used. */
export interface DataProblem {
  /** 1-based line number; 0 for the file as a whole. */
  line: number;
  message: string;
}

export interface CareAtlasEventMap {
  "care-atlas-ready": CustomEvent<{ measure: string; year: number }>;
  /** A bad attribute or data: the message names the bad value and the valid ones. */
  /**
   * Something could not be shown: a bad attribute or data (`attribute` names it), a bad
   * argument to a method (`attribute` is the method), or an engine that cannot load (`attribute` null).
   */
  "care-atlas-error": CustomEvent<{ message: string; attribute?: string | null; value?: string | null }>;
  /** The selection changed. `code` is the last selected area, or null. */
  "care-atlas-select": CustomEvent<{ codes: string[]; code: string | null }>;
  /** The year shown changed (slider, play or setYear). */
  "care-atlas-yearchange": CustomEvent<number>;
}

/**
 * `<care-atlas>`: maps and trends of children's social care statistics for
 * England's regions and local authorities. Every attribute is also a property.
 */
export class CareAtlasElement extends HTMLElement {
  static readonly observedAttributes: string[];
  measure: string | null;
  year: string | null;
  level: string | null;
  /** The `focus` attribute (named so as not to hide `focus()`). */
  focusRegion: string | null;
  highlight: string | null;
  selected: string | null;
  view: string | null;
  theme: string | null;
  palette: string | null;
  classes: string | null;
  baseYear: string | null;
  summary: string | null;
  height: string | null;
  dataSrc: string | null;
  dataLabel: string | null;
  dataUnit: string | null;
  dataSource: string | null;
  urlSync: string | null;
  /** The year shown (moves with the slider and play). */
  readonly currentYear: number | undefined;
  /** Codes of the selected areas. */
  readonly selectedAreas: string[];
  /**
   * Resolves once the widget has drawn (or shown why its attributes cannot be drawn);
   * rejects, with the reason, if the WebAssembly engine cannot be loaded (missing,
   * cut short or damaged `.wasm`, offline). A later widget, or this one put back, tries again.
   */
  whenReady(): Promise<CareAtlasElement>;
  /** Viewport coordinates `[x, y]` of an area's label point on the map. Throws a TypeError if `code` is not a string. */
  areaPoint(code: string): [number, number] | undefined;
  /** Shows another year; returns whether it has data. Throws a TypeError if `year` is not a whole number. */
  setYear(year: number | string): boolean;
  /** Replaces the selection (null or [] for none). Throws a TypeError for non-strings, a RangeError for unknown codes or more than 200. */
  select(codes: string | Iterable<string> | null): void;
  /** Starts or pauses playing through the years. */
  togglePlay(): void;
  /** The figures shown, as CSV text with source and licence lines. */
  toCSV(): string;
  downloadCSV(): void;
  downloadPNG(): void;
  /**
   * Shows the page's own figures: RFC 4180 CSV with area_code,year,value columns, at most
   * 1,000,000 characters and 20,000 lines of figures; values smaller than 10^15 either side of
   * zero; label, unit and source at most 200 characters each (those not given: the data-*
   * attributes'). Resolves to the lines that could not be used; rejects with a TypeError for
   * arguments that are not strings, or if the engine cannot be loaded. On an element not in the
   * document the figures are checked at once and shown when it is added.
   */
  setData(csv: string, meta?: { label?: string; unit?: string; source?: string }): Promise<{ problems: DataProblem[] }>;
  addEventListener<K extends keyof CareAtlasEventMap>(type: K, listener: (ev: CareAtlasEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** What `mount()` takes: the attributes, the page's own figures, and event listeners. */
export interface MountOptions extends CareAtlasOptions {
  data?: { csv: string; label?: string; unit?: string; source?: string };
  /** Listeners by event name, with or without the "care-atlas-" prefix: `{ select: (e) => … }`. */
  on?: Partial<Record<"ready" | "error" | "select" | "yearchange" | keyof CareAtlasEventMap, (e: CustomEvent) => void>>;
}

export interface Mounted {
  element: CareAtlasElement;
  update(options: MountOptions): void;
  destroy(): void;
}

/** For frameworks: a widget inside `target` (or `target` itself if it is one). Options are read from the object's own properties; an unknown one is a TypeError. */
export function mount(target: Element, options?: MountOptions): Mounted;

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

/** The bundled dataset's query API. Functions throw an `Error` naming an unknown measure, area or level, and a `TypeError` for arguments of the wrong type. */
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
