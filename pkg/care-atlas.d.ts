/** Loads the core WebAssembly engine (done automatically when an element connects); resolves to its module's exports. */
export function load(): Promise<unknown>;

/**
 * Every `care-atlas-error` carries this one shape. `kind`: "attribute" (a bad
 * attribute value: `attribute` and `value` name it), "data" (the page's own
 * figures; `data-src` names the attribute when it came from there), "call" (a
 * method given something it cannot use: `attribute` is the method), "load"
 * (the WebAssembly module could not be loaded), "bundle" (the bundled data
 * could not be read), "pack" (the pack of figures a measure needs could not be
 * fetched or read: `attribute` is "measure", `value` the measure; the message
 * names the pack's file and what to do), "browser" (the browser refused a call).
 */
export interface CareAtlasError {
  kind: "attribute" | "data" | "call" | "load" | "bundle" | "pack" | "browser";
  message: string;
  attribute: string | null;
  value: string | null;
}

// BEGIN GENERATED types (cargo xtask generate, from src/view/attributes.rs via xtask/src/attributes.rs)
/** The measures in the bundled data, and "user" for the page's own figures. */
export type MeasureId =
  | "cla_rate"
  | "cla_count"
  | "cin_rate"
  | "cpp_rate"
  | "referrals_rate"
  | "child_poverty_bhc"
  | "child_poverty_bhc_2015_2024"
  | "ofsted_overall"
  | "ofsted_leaders"
  | "ofsted_help_and_protection"
  | "ofsted_children_in_care"
  | "ofsted_care_leavers"
  | "cla_starts_rate"
  | "cpp_repeat_pct"
  | "uasc_share"
  | "factor_domestic_abuse_rate"
  | "factor_domestic_abuse"
  | "factor_mental_health_rate"
  | "factor_mental_health"
  | "factor_drug_misuse_rate"
  | "factor_drug_misuse"
  | "factor_alcohol_misuse_rate"
  | "factor_alcohol_misuse"
  | "sw_turnover_rate"
  | "sw_agency_rate"
  | "sw_vacancy_rate"
  | "sw_caseload"
  | "spend_cla"
  | "spend_safeguarding"
  | "spend_family_support"
  | "spend_sure_start"
  | "spend_csc_per_child"
  | "placements_3plus_pct"
  | "placements_stable_pct"
  | "placements_far_out_pct"
  | "leavers_eet_pct"
  | "leavers_accommodation_pct"
  | "user";

/** `<care-atlas>`'s attributes by name, as HTML and framework templates write them. */
export interface CareAtlasAttributes {
  /** A measure id (see the measures), or "user" for the page's own figures: What is mapped and charted.. Default: the page's own figures if it brings some, else "cla_rate". */
  measure?: MeasureId;
  /** A year with data for that measure: The year shown at start; readers move it with the slider and play.. Default: the latest. */
  year?: number | string;
  /** "region", "la": Regions, or upper-tier local authorities ("la").. Default: "region". */
  level?: "region" | "la";
  /** A region code, e.g. "E12000001" (North East): A region whose authorities fill the frame (at "region" level: outlined).. Default: none. */
  focus?: string;
  /** Area codes, comma-separated: Areas outlined on the map and always in the trend.. Default: none. */
  highlight?: string | string[];
  /** Area codes, comma-separated: Areas selected at start (readers change the selection).. Default: none. */
  selected?: string | string[];
  /** "map+trend", "map", "trend", "table", "bars", "scatter": What is shown: "map+trend" is side by side from 720 px, stacked when narrower; "bars" ranks the areas for the year; "scatter" plots "x" against "y".. Default: "map+trend". */
  view?: "map+trend" | "map" | "trend" | "table" | "bars" | "scatter";
  /** "map+trend", "map", "trend", "table", "bars", "scatter", or several of them separated by commas, e.g. "map,trend,bars,scatter,table": Views a reader can switch between, as tabs inside the widget; the area, year and selection stay as they move. The first opens unless "view" names another.. Default: none (no tabs). */
  tabs?: "map+trend" | "map" | "trend" | "table" | "bars" | "scatter" | (string & {});
  /** A measure id: The scatter's horizontal measure (a number, not a judgement).. Default: "child_poverty_bhc". */
  x?: MeasureId;
  /** A measure id: The scatter's vertical measure; never another vintage of "x"'s series.. Default: "measure", or "cla_rate" if that is "x" or not a number. */
  y?: MeasureId;
  /** "light", "dark", "auto": Colours; "auto" follows the reader's setting.. Default: "light". */
  theme?: "light" | "dark" | "auto";
  /** "ylgnbu", "viridis", "blues": Colours of the classes (all light-to-dark, colour-blind safe).. Default: "ylgnbu". */
  palette?: "ylgnbu" | "viridis" | "blues";
  /** "quantile", "equal", "quantile-yearly", "equal-yearly", "england", or ascending breaks such as "40,60,80,100" (values below the first and from the last have classes of their own); "quantile" and "equal" use breaks fixed across the years, so Play shows change, the "-yearly" ones recompute them each year; "england" colours areas above and below England's figure for the year (bands of 10% and 30% difference, purple below, orange above): How values are grouped into colours.. Default: "quantile". */
  classes?: "quantile" | "equal" | "quantile-yearly" | "equal-yearly" | "england" | (string & {});
  /** A year with data for that measure: The trend shows % change since this year.. Default: none. */
  "base-year"?: number | string;
  /** "region", "neighbours": What an authority is compared with: "region" (its region and England), or "neighbours", which adds its DfE statistical neighbours (outlined on the map, their median or mean in the trend, table and summary, listed as buttons). The authority is the first highlighted, else the first selected; "neighbours" shows authorities unless "level" says otherwise.. Default: "region". */
  compare?: "region" | "neighbours";
  /** "2025", "2021": Which of DfE's statistical neighbour models "compare="neighbours"" uses: "2025" (today's authorities) or "2021" (April 2021's: Cumberland and Westmorland and Furness use Cumbria's list). Never mixed.. Default: "2025", as DfE's dashboard. */
  "neighbour-model"?: "2025" | "2021";
  /** "median", "mean": The neighbours' average: "median" (DfE's dashboard) or "mean" (LAIT), over the neighbours with a figure each year.. Default: "median". */
  "neighbour-stat"?: "median" | "mean";
  /** "show", "hide": "show" puts the generated summary above the picture (it is always the text alternative).. Default: "hide". */
  summary?: "show" | "hide";
  /** "measures": "measures" puts a measure picker in the widget, grouped by family, so readers switch measure without a new embed.. Default: none. */
  picker?: "measures";
  /** 160–2000: The map's height in CSS px.. Default: from England's shape. */
  height?: number | string;
  /** A URL on the page's own site: Your own figures: a same-origin CSV with "area_code,year,value".. Default: none. */
  "data-src"?: string;
  /** Text: Your own figures' label.. Default: none. */
  "data-label"?: string;
  /** Text: Your own figures' unit.. Default: none. */
  "data-unit"?: string;
  /** Text: Your own figures' source line.. Default: none. */
  "data-source"?: string;
  /** Present or absent: Keep the year and selection in the address's "#fragment" (share links).. Default: off. */
  "url-sync"?: boolean | "" | "true" | "false";
}

/** The same as properties (camelCase; `focus` is `focusRegion`), also what `mount()` takes. */
export interface CareAtlasOptions {
  /** A measure id (see the measures), or "user" for the page's own figures: What is mapped and charted.. Default: the page's own figures if it brings some, else "cla_rate". */
  measure?: MeasureId;
  /** A year with data for that measure: The year shown at start; readers move it with the slider and play.. Default: the latest. */
  year?: number | string;
  /** "region", "la": Regions, or upper-tier local authorities ("la").. Default: "region". */
  level?: "region" | "la";
  /** A region code, e.g. "E12000001" (North East): A region whose authorities fill the frame (at "region" level: outlined).. Default: none. */
  focusRegion?: string;
  /** Area codes, comma-separated: Areas outlined on the map and always in the trend.. Default: none. */
  highlight?: string | string[];
  /** Area codes, comma-separated: Areas selected at start (readers change the selection).. Default: none. */
  selected?: string | string[];
  /** "map+trend", "map", "trend", "table", "bars", "scatter": What is shown: "map+trend" is side by side from 720 px, stacked when narrower; "bars" ranks the areas for the year; "scatter" plots "x" against "y".. Default: "map+trend". */
  view?: "map+trend" | "map" | "trend" | "table" | "bars" | "scatter";
  /** "map+trend", "map", "trend", "table", "bars", "scatter", or several of them separated by commas, e.g. "map,trend,bars,scatter,table": Views a reader can switch between, as tabs inside the widget; the area, year and selection stay as they move. The first opens unless "view" names another.. Default: none (no tabs). */
  tabs?: "map+trend" | "map" | "trend" | "table" | "bars" | "scatter" | (string & {});
  /** A measure id: The scatter's horizontal measure (a number, not a judgement).. Default: "child_poverty_bhc". */
  x?: MeasureId;
  /** A measure id: The scatter's vertical measure; never another vintage of "x"'s series.. Default: "measure", or "cla_rate" if that is "x" or not a number. */
  y?: MeasureId;
  /** "light", "dark", "auto": Colours; "auto" follows the reader's setting.. Default: "light". */
  theme?: "light" | "dark" | "auto";
  /** "ylgnbu", "viridis", "blues": Colours of the classes (all light-to-dark, colour-blind safe).. Default: "ylgnbu". */
  palette?: "ylgnbu" | "viridis" | "blues";
  /** "quantile", "equal", "quantile-yearly", "equal-yearly", "england", or ascending breaks such as "40,60,80,100" (values below the first and from the last have classes of their own); "quantile" and "equal" use breaks fixed across the years, so Play shows change, the "-yearly" ones recompute them each year; "england" colours areas above and below England's figure for the year (bands of 10% and 30% difference, purple below, orange above): How values are grouped into colours.. Default: "quantile". */
  classes?: "quantile" | "equal" | "quantile-yearly" | "equal-yearly" | "england" | (string & {});
  /** A year with data for that measure: The trend shows % change since this year.. Default: none. */
  baseYear?: number | string;
  /** "region", "neighbours": What an authority is compared with: "region" (its region and England), or "neighbours", which adds its DfE statistical neighbours (outlined on the map, their median or mean in the trend, table and summary, listed as buttons). The authority is the first highlighted, else the first selected; "neighbours" shows authorities unless "level" says otherwise.. Default: "region". */
  compare?: "region" | "neighbours";
  /** "2025", "2021": Which of DfE's statistical neighbour models "compare="neighbours"" uses: "2025" (today's authorities) or "2021" (April 2021's: Cumberland and Westmorland and Furness use Cumbria's list). Never mixed.. Default: "2025", as DfE's dashboard. */
  neighbourModel?: "2025" | "2021";
  /** "median", "mean": The neighbours' average: "median" (DfE's dashboard) or "mean" (LAIT), over the neighbours with a figure each year.. Default: "median". */
  neighbourStat?: "median" | "mean";
  /** "show", "hide": "show" puts the generated summary above the picture (it is always the text alternative).. Default: "hide". */
  summary?: "show" | "hide";
  /** "measures": "measures" puts a measure picker in the widget, grouped by family, so readers switch measure without a new embed.. Default: none. */
  picker?: "measures";
  /** 160–2000: The map's height in CSS px.. Default: from England's shape. */
  height?: number | string;
  /** A URL on the page's own site: Your own figures: a same-origin CSV with "area_code,year,value".. Default: none. */
  dataSrc?: string;
  /** Text: Your own figures' label.. Default: none. */
  dataLabel?: string;
  /** Text: Your own figures' unit.. Default: none. */
  dataUnit?: string;
  /** Text: Your own figures' source line.. Default: none. */
  dataSource?: string;
  /** Present or absent: Keep the year and selection in the address's "#fragment" (share links).. Default: off. */
  urlSync?: boolean;
}

/** The events `<care-atlas>` fires; they bubble out of its shadow root. */
export interface CareAtlasEventMap {
  /** The widget has settled: drawn, with the measure and year shown, or showing why it cannot draw (attributes it cannot use, figures that did not come), with both null after a "care-atlas-error" that says why. */
  "care-atlas-ready": CustomEvent<{ measure: string | null; year: number | null }>;
  /** Something could not be shown or used: "kind" says what, the message names the bad value and the valid ones. */
  "care-atlas-error": CustomEvent<CareAtlasError>;
  /** The selection changed. "code" is the last selected area, or null. */
  "care-atlas-select": CustomEvent<{ codes: string[]; code: string | null }>;
  /** The year shown changed (slider, play or setYear); "detail" is the year. */
  "care-atlas-yearchange": CustomEvent<number>;
}
// END GENERATED types

/** A line of the page's CSV that could not be used. */
export interface DataProblem {
  /** 1-based line number; 0 for the file as a whole. */
  line: number;
  message: string;
}

/**
 * `<care-atlas>`: maps and trends of children's social care statistics for
 * England's regions and local authorities. Every attribute is also a property.
 * Outside a browser (Node, a server renderer) this export is `undefined`.
 */
export class CareAtlasElement extends HTMLElement {
  static readonly observedAttributes: string[];
  // Every attribute is also a property; `focus` is `focusRegion` (`focus()` stays a method).
  // BEGIN GENERATED properties (cargo xtask generate)
  get measure(): string | null;
  set measure(value: CareAtlasOptions["measure"] | null | undefined);
  get year(): string | null;
  set year(value: CareAtlasOptions["year"] | null | undefined);
  get level(): string | null;
  set level(value: CareAtlasOptions["level"] | null | undefined);
  get focusRegion(): string | null;
  set focusRegion(value: CareAtlasOptions["focusRegion"] | null | undefined);
  get highlight(): string | null;
  set highlight(value: CareAtlasOptions["highlight"] | null | undefined);
  get selected(): string | null;
  set selected(value: CareAtlasOptions["selected"] | null | undefined);
  get view(): string | null;
  set view(value: CareAtlasOptions["view"] | null | undefined);
  get tabs(): string | null;
  set tabs(value: CareAtlasOptions["tabs"] | null | undefined);
  get x(): string | null;
  set x(value: CareAtlasOptions["x"] | null | undefined);
  get y(): string | null;
  set y(value: CareAtlasOptions["y"] | null | undefined);
  get theme(): string | null;
  set theme(value: CareAtlasOptions["theme"] | null | undefined);
  get palette(): string | null;
  set palette(value: CareAtlasOptions["palette"] | null | undefined);
  get classes(): string | null;
  set classes(value: CareAtlasOptions["classes"] | null | undefined);
  get baseYear(): string | null;
  set baseYear(value: CareAtlasOptions["baseYear"] | null | undefined);
  get compare(): string | null;
  set compare(value: CareAtlasOptions["compare"] | null | undefined);
  get neighbourModel(): string | null;
  set neighbourModel(value: CareAtlasOptions["neighbourModel"] | null | undefined);
  get neighbourStat(): string | null;
  set neighbourStat(value: CareAtlasOptions["neighbourStat"] | null | undefined);
  get summary(): string | null;
  set summary(value: CareAtlasOptions["summary"] | null | undefined);
  get picker(): string | null;
  set picker(value: CareAtlasOptions["picker"] | null | undefined);
  get height(): string | null;
  set height(value: CareAtlasOptions["height"] | null | undefined);
  get dataSrc(): string | null;
  set dataSrc(value: CareAtlasOptions["dataSrc"] | null | undefined);
  get dataLabel(): string | null;
  set dataLabel(value: CareAtlasOptions["dataLabel"] | null | undefined);
  get dataUnit(): string | null;
  set dataUnit(value: CareAtlasOptions["dataUnit"] | null | undefined);
  get dataSource(): string | null;
  set dataSource(value: CareAtlasOptions["dataSource"] | null | undefined);
  get urlSync(): string | null;
  set urlSync(value: CareAtlasOptions["urlSync"] | null | undefined);
  // END GENERATED properties
  /** The year shown (moves with the slider and play). */
  readonly currentYear: number | undefined;
  /** Codes of the selected areas. */
  readonly selectedAreas: string[];
  /** Resolves once the widget has drawn (or shown why it cannot). */
  whenReady(): Promise<CareAtlasElement>;
  /** Viewport coordinates `[x, y]` of an area's label point on the map. */
  areaPoint(code: string): [number, number] | undefined;
  /** Shows another year; returns whether it has data. */
  setYear(year: number): boolean;
  /** Replaces the selection. */
  select(codes: string | string[]): void;
  /** Starts or pauses playing through the years. */
  togglePlay(): void;
  /** The figures shown, as CSV text with source and licence lines. */
  toCSV(): string;
  downloadCSV(): void;
  downloadPNG(): void;
  /** Shows the page's own figures (CSV with area_code,year,value); resolves to the lines that could not be used. */
  setData(csv: string, meta?: { label?: string; unit?: string; source?: string }): Promise<{ problems: DataProblem[] }>;
  addEventListener<K extends keyof CareAtlasEventMap>(type: K, listener: (ev: CareAtlasEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CareAtlasEventMap>(type: K, listener: (ev: CareAtlasEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** What `mount()` takes: the attributes, the page's own figures, and event listeners. */
export interface MountOptions extends CareAtlasOptions {
  /** The same as `focusRegion`. */
  focus?: string;
  data?: { csv: string; label?: string; unit?: string; source?: string };
  /** Listeners by event name, with or without the "care-atlas-" prefix: `{ select: (e) => … }`. */
  on?: Partial<Record<"ready" | "error" | "select" | "yearchange" | keyof CareAtlasEventMap, (e: CustomEvent) => void>>;
}

export interface Mounted {
  element: CareAtlasElement;
  update(options: MountOptions): void;
  destroy(): void;
}

/** For frameworks: a widget inside `target` (or `target` itself if it is one). */
export function mount(target: Element, options?: MountOptions): Mounted;

/** A measure in the bundled dataset, with its metadata. Ids are stable public API. */
export interface MeasureInfo {
  id: string;
  /**
   * The family the measure belongs to (its values load together, in one pack):
   * "demand", "poverty", "ofsted", "assessment", "workforce", "spending", "placements", "leavers".
   */
  family: string;
  label: string;
  shortLabel: string;
  /** Read after a value, e.g. "per 10,000 children"; empty for judgements. */
  unit: string;
  kind: "rate" | "count" | "percent" | "category";
  /** Whether a higher value means more need, and whether DfE (LAIT) calls lower or higher better ("neutral" for judgements). Quartile bands need a better direction. */
  polarity: "higher-is-more-need" | "lower-is-better" | "higher-is-better" | "neutral";
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
  level: "country" | "region" | "la" | "subregion";
  /** The region's code, for authorities and subregions (London boroughs: E12000007). */
  region: string | null;
  /** Inner or Outer London's code (E13000001/2) for a London borough, else null. */
  subregion: string | null;
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
  /** `page`: a figure the page supplied with `setData` or `data-src`, not an official statistic. */
  status: "official" | "derived" | "page" | "suppressed" | "not-published" | "not-live";
  /** For derived values, the formula. */
  note: string | null;
  /** For gaps, why, in words. */
  reason: string | null;
  /** For judgements, the category, e.g. "Good". */
  category: string | null;
  /** For judgements, the inspection date, "YYYY-MM-DD". */
  date: string | null;
}

/** DfE's statistical neighbour models: "2025" (today's geography, the default) or "2021" (April 2021 geography). Never mixed. */
export type NeighbourModel = "2025" | "2021";

/** `neighbours(area, model)`: an authority's 10 statistical neighbours in one model. */
export interface Neighbours {
  model: NeighbourModel;
  /** The model in words, e.g. "DfE's 2025 model". */
  modelName: string;
  /** The asked area's code as resolved, and its name. */
  area: string;
  areaName: string;
  /** The code whose list this is: the area's own, or (for an area the model does not list) its stand-in's. */
  listedAs: string;
  /** "own"; "same-area": the model lists it under another code; "predecessor": the model predates it and lists the authority it was formed from (Cumberland: Cumbria). */
  via: "own" | "same-area" | "predecessor";
  /** Closest first, as DfE orders them; codes as the model names them (the 2021 model names Cumbria). */
  neighbours: { code: string; name: string; closeness: "extremely-close" | "very-close" | "close" | "somewhat-close" | "not-close"; closenessLabel: string }[];
}

/** `compare(measure, area, year, options)`: a figure against its neighbours, region and England, with its rank and quartile band. */
export interface Comparison {
  measure: string;
  area: string;
  areaName: string;
  year: number;
  value: number | null;
  /** Among authorities mapped that year with a figure: 1 = highest, ties share the best place, authorities without a figure counted in `without`. Null for a gap, a region or a judgement. */
  rank: { place: number; tied: number; of: number; without: number; words: string } | null;
  /** "A" (best quarter for the measure) to "D"; null when DfE gives the measure no better direction (see `bandRule`). */
  band: "A" | "B" | "C" | "D" | null;
  bandRule: string;
  /** The neighbours' median or mean over those with a figure (`with` of `of`); gaps as [code, name, reason]. Null when the model does not cover the area. */
  neighbours: { model: NeighbourModel; statistic: "median" | "mean"; value: number | null; with: number; of: number; listedAs: string; gaps: [string, string, string][] } | null;
  region: number | null;
  england: number | null;
}

/** The bundled dataset's query API. Functions throw an `Error` naming an unknown measure, area or level. */
export interface Dataset {
  measures(): MeasureInfo[];
  areas(level?: "country" | "region" | "la" | "subregion"): AreaInfo[];
  years(measure: string): number[];
  /**
   * One figure. A promise: a measure outside the default one has its values in
   * its family's pack, fetched from beside the module on first use (once per
   * page, shared with every widget). Rejects naming an unknown measure, area or
   * year, or the pack that could not be loaded and what to do.
   */
  value(measure: string, area: string, year: number): Promise<Figure>;
  /** Resolves once a measure's values are loaded (fetching its pack if needed); rejects as `value` does. */
  loadMeasure(measure: string): Promise<void>;
  /** An authority's statistical neighbours (model "2025" by default). Throws naming an unknown area or model, or an area the model does not cover. */
  neighbours(area: string, model?: NeighbourModel): Neighbours;
  /** A figure with its rank, band and neighbours' average (defaults: model "2025", statistic "median", as DfE's dashboard). A promise, as `value`: the measure's pack may be fetched first. */
  compare(measure: string, area: string, year: number, options?: { model?: NeighbourModel; statistic?: "median" | "mean" }): Promise<Comparison>;
  /** The attribution the Open Government Licence asks pages to show. */
  attribution(): string;
  /** Diagnostics: mean milliseconds to decode the bundle, over `runs` decodes. */
  decodeBenchmark(runs: number): number;
}

/** Loads the full engine (once) and resolves to the query API over the bundled data. */
export function dataset(): Promise<Dataset>;

declare global {
  interface HTMLElementTagNameMap {
    "care-atlas": CareAtlasElement;
  }
}

// Framework typings: importing "care-atlas" (or "care-atlas/standalone") teaches
// React 19's, Preact's and Solid's JSX, Vue's templates and Svelte's markup the
// element, with every attribute and event typed. Each augmentation names no type
// of its framework: a plain element's props are looked up from the framework's
// own table (`section`), so a project without that framework type-checks as before.

/** A framework's props for a plain HTML element, less the names the widget gives its own meaning. */
type CareAtlasBase<Elements> = Elements extends { section: infer Props } ? Omit<Props, keyof CareAtlasAttributes> : {};

/** Listeners as React 19, Preact and Svelte 5 write them: `oncare-atlas-select={…}`. */
export type CareAtlasOnEvents = {
  [K in keyof CareAtlasEventMap as `on${K}`]?: (event: CareAtlasEventMap[K]) => void;
};

/** Listeners as Solid writes them: `on:care-atlas-select={…}`. */
export type CareAtlasSolidEvents = {
  [K in keyof CareAtlasEventMap as `on:${K}`]?: (event: CareAtlasEventMap[K]) => void;
};

type CareAtlasCamel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CareAtlasCamel<B>>}` : S;

/** Listeners as Vue's templates write them (`@care-atlas-select="…"`), as props. */
export type CareAtlasVueEvents = {
  [K in keyof CareAtlasEventMap as `on${Capitalize<CareAtlasCamel<K>>}`]?: (event: CareAtlasEventMap[K]) => void;
};

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "care-atlas": CareAtlasBase<IntrinsicElements> & CareAtlasAttributes & CareAtlasOnEvents;
    }
  }
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      "care-atlas": CareAtlasBase<IntrinsicElements> & CareAtlasAttributes & CareAtlasOnEvents;
    }
  }
}

// Solid's JSX namespace is declared in its JSX runtime (solid-js 1; @solidjs/web from Solid 2).
declare module "solid-js/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements {
      "care-atlas": CareAtlasBase<IntrinsicElements> & CareAtlasAttributes & CareAtlasSolidEvents;
    }
  }
}

declare module "@solidjs/web/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements {
      "care-atlas": CareAtlasBase<IntrinsicElements> & CareAtlasAttributes & CareAtlasSolidEvents;
    }
  }
}

declare module "vue" {
  interface GlobalComponents {
    "care-atlas": new () => { $props: CareAtlasAttributes & CareAtlasVueEvents & { class?: unknown; style?: unknown; id?: string } };
  }
}

declare module "svelte/elements" {
  interface SvelteHTMLElements {
    "care-atlas": CareAtlasBase<SvelteHTMLElements> & CareAtlasAttributes & CareAtlasOnEvents;
  }
}
