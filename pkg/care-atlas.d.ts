/** Loads the WebAssembly engine (done automatically when an element connects). */
export function load(): Promise<unknown>;

/** Attribute values of `<care-atlas>`; each is also a property (camelCase). */
export interface CareAtlasOptions {
  // generated: options (cargo xtask gen, from src/view/attributes.rs)
  /** `measure`: What is mapped and charted. Values: a measure id (see the measures), or `user` for the page's own figures. Default: the page's own figures if it brings some, else `cla_rate`. */
  measure?: string;
  /** `year`: The year shown at start; readers move it with the slider and play. Values: a year with data for that measure. Default: the latest. */
  year?: number | string;
  /** `level`: Regions, or upper-tier local authorities (`la`). Default: `region`. */
  level?: "region" | "la";
  /** `focus`: A region whose authorities fill the frame (at `region` level: outlined). Values: a region code, e.g. `E12000001` (North East). Default: none. */
  focusRegion?: string;
  /** `highlight`: Areas outlined on the map and always in the trend. Values: area codes, comma-separated. Default: none. */
  highlight?: string | string[];
  /** `selected`: Areas selected at start (readers change the selection). Values: area codes, comma-separated. Default: none. */
  selected?: string | string[];
  /** `view`: What is shown: `map+trend` is side by side from 720 px, stacked when narrower. Default: `map+trend`. */
  view?: "map+trend" | "map" | "trend" | "table";
  /** `theme`: Colours; `auto` follows the reader's setting. Default: `light`. */
  theme?: "light" | "dark" | "auto";
  /** `palette`: Colours of the classes (all light-to-dark, colour-blind safe). Default: `ylgnbu`. */
  palette?: "ylgnbu" | "viridis" | "blues";
  /** `classes`: How values are grouped into colours. Values: `equal`, `quantile`, or ascending breaks such as `40,60,80,100` (values below the first and from the last have classes of their own). Default: `equal`. */
  classes?: string;
  /** `base-year`: The trend shows % change since this year. Values: a year with data for that measure. Default: none. */
  baseYear?: number | string;
  /** `summary`: `show` puts the generated summary above the picture (it is always the text alternative). Default: `hide`. */
  summary?: "show" | "hide";
  /** `height`: The map's height in CSS px. Values: 160–2000. Default: from England's shape. */
  height?: number | string;
  /** `data-src`: Your own figures: a same-origin CSV with `area_code,year,value`. Values: a URL on the page's own site. Default: none. */
  dataSrc?: string;
  /** `data-label`: Your own figures' label. Values: text. Default: none. */
  dataLabel?: string;
  /** `data-unit`: Your own figures' unit. Values: text. Default: none. */
  dataUnit?: string;
  /** `data-source`: Your own figures' source line. Values: text. Default: none. */
  dataSource?: string;
  /** `url-sync`: Keep the year and selection in the address's `#fragment` (share links). Values: present or absent. Default: off. */
  urlSync?: boolean;
  // end generated: options
}

/** A line of the page's CSV that could not be used. */
export interface DataProblem {
  /** 1-based line number; 0 for the file as a whole. */
  line: number;
  message: string;
}

/**
 * Every `care-atlas-error` carries this one shape. `kind`: "attribute" (a bad
 * attribute value: `attribute` and `value` name it), "data" (the page's own
 * figures; `data-src` names the attribute when it came from there), "call" (a
 * method given something it cannot use: `attribute` is the method), "load"
 * (the WebAssembly module could not be loaded), "bundle" (the bundled data
 * could not be read), "browser" (the browser refused a call).
 */
export interface CareAtlasError {
  kind: "attribute" | "data" | "call" | "load" | "bundle" | "browser";
  message: string;
  attribute: string | null;
  value: string | null;
}

export interface CareAtlasEventMap {
  "care-atlas-ready": CustomEvent<{ measure: string; year: number }>;
  /** A bad attribute or data: the message names the bad value and the valid ones. */
  "care-atlas-error": CustomEvent<CareAtlasError>;
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
  // generated: properties (cargo xtask gen, from src/view/attributes.rs)
  /** The `measure` attribute. */
  measure: string | null;
  /** The `year` attribute. */
  year: string | null;
  /** The `level` attribute. */
  level: string | null;
  /** The `focus` attribute. */
  focusRegion: string | null;
  /** The `highlight` attribute. */
  highlight: string | null;
  /** The `selected` attribute. */
  selected: string | null;
  /** The `view` attribute. */
  view: string | null;
  /** The `theme` attribute. */
  theme: string | null;
  /** The `palette` attribute. */
  palette: string | null;
  /** The `classes` attribute. */
  classes: string | null;
  /** The `base-year` attribute. */
  baseYear: string | null;
  /** The `summary` attribute. */
  summary: string | null;
  /** The `height` attribute. */
  height: string | null;
  /** The `data-src` attribute. */
  dataSrc: string | null;
  /** The `data-label` attribute. */
  dataLabel: string | null;
  /** The `data-unit` attribute. */
  dataUnit: string | null;
  /** The `data-source` attribute. */
  dataSource: string | null;
  /** The `url-sync` attribute. */
  urlSync: string | null;
  // end generated: properties
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
