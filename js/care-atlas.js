// The package entry: defines <care-atlas> and starts the WebAssembly engine.
// Importing this module in a browser registers the element; nothing else
// happens at import. Outside a browser (Node, a server renderer, a build
// step) the import defines nothing and `dataset()` still works.
// What a page passes in is checked here before the engine sees it (types,
// lengths; option objects by their own properties only): a bad argument is
// named in the widget, the console and a `care-atlas-error` event, and throws.
import { wasmSource, packSource, fullOnly } from "./care-atlas-wasm.js";

// There are two engines (src/web/engine.rs), each a wasm-bindgen glue module
// and its WebAssembly module: the core, which draws maps, trends and tables
// and is what a page loads first; and the full engine, with bars, the
// scatter, statistical neighbours, a page's own figures and the query API,
// loaded on first use of any of them. An element moves from the
// core engine to the full one keeping the reader's year and selection.
// Each glue is imported when first needed, beside the fetch of its module
// rather than before it: one file fewer in series before the first paint.
// A second copy of the package on a page hands every call to the first.
const REGISTRY = Symbol.for("care-atlas.package");
const first = globalThis[REGISTRY];
// Taken now, so a page that replaces them later cannot break the element.
const NativeCustomEvent = globalThis.CustomEvent;
const { hasOwn, entries } = Object;

// The engine's limits (src/data/user.rs, src/view/options.rs): longer text is
// cut to one character over the limit before it is copied in, to be refused.
const MAX_CSV = 1_000_000;
const MAX_TEXT = 200;
const MAX_ATTRIBUTE = 4096;
const MAX_NAME = 64;
const MAX_CODES = 200;

/** Each engine's start, core then full, once per page: a promise of { glue, exports }. */
const engines = [undefined, undefined];
/** The full engine has started: elements that connect now start on it. */
let fullStarted = false;
/**
 * Loads and starts an engine (once; after a failure, the next call tries
 * again). Where there is only the full engine (the standalone file), it
 * stands for both.
 */
function engineOf(full) {
  const k = +(full || fullOnly);
  return (engines[k] ??= start(k === 1).then(
    (e) => {
      fullStarted ||= k === 1;
      return e;
    },
    (e) => {
      engines[k] = undefined;
      throw e;
    },
  ));
}
const loadCore = () => engineOf(false).then((e) => e.glue);
const loadFull = () => engineOf(true).then((e) => e.glue);

/** Loads and instantiates the core engine once per page, resolving to its module's exports. */
export function load() {
  if (first) return first.load();
  return engineOf(false).then((e) => e.exports);
}

/** The core engine's way to the full one: (element) => void, set when the element class is made. */
let upgradeHook = () => {};

async function start(full) {
  // Two literal specifiers, so that bundlers find both files.
  const glue = full ? import("./care_atlas_full.js") : import("./care_atlas.js");
  const file = full ? "care_atlas_full" : "care_atlas";
  // Awaited below, after the fetch: a failure meanwhile is not "unhandled".
  glue.catch(() => {});
  let src = wasmSource(full);
  const where = src instanceof URL ? src.href : "the inlined module";
  if (src instanceof URL) {
    try {
      src = await fetch(src);
    } catch (e) {
      throw new Error(`${where} could not be fetched (${reason(e)}); the page may be offline`);
    }
    if (!src.ok) throw new Error(`${where} answered ${src.status} ${src.statusText}; ${file}_bg.wasm must be served beside care-atlas.js`);
  }
  let mod;
  try {
    mod = await glue;
  } catch (e) {
    throw new Error(`the engine's glue could not be loaded (${reason(e)}); ${file}.js must be served beside care-atlas.js`);
  }
  let exports;
  try {
    exports = await mod.default({ module_or_path: src });
  } catch (e) {
    throw new Error(`${where} is not a WebAssembly module this widget can run (${reason(e)}); it may be cut short or damaged`);
  }
  mod.setPackLoader(loadPack);
  // Only the core engine asks (the standalone file has the full one alone).
  mod.setUpgrade?.((host) => upgradeHook(host));
  return { glue: mod, exports };
}

/** A pack that has not answered in this long is given up (the widget says so; asking again retries). */
const PACK_TIMEOUT_MS = 30_000;

/** Each family's pack as fetched (or being fetched), shared by the two engines: one request per pack. */
const packs = new Map();
/**
 * The engines' pack loader: a family's pack of figures, fetched from beside
 * this module (or read from the standalone file). Always settles: with the
 * bytes, or with a message saying what went wrong and what to do.
 */
function loadPack(family) {
  let bytes = packs.get(family);
  if (!bytes) {
    packs.set(family, (bytes = fetchPack(family)));
    // A failure is not kept: asking again fetches again.
    bytes.then((b) => b instanceof Uint8Array || packs.delete(family));
  }
  return bytes;
}

/** One fetch of a family's pack (see `loadPack`). */
async function fetchPack(family) {
  let src;
  try {
    src = packSource(family);
  } catch (e) {
    return `it could not be located (${reason(e)})`;
  }
  if (src == null) return `this version of care-atlas has no "${excerpt(String(family))}" pack`;
  if (!(src instanceof URL)) {
    try {
      return new Uint8Array(await src);
    } catch (e) {
      return `it could not be read (${reason(e)})`;
    }
  }
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), PACK_TIMEOUT_MS);
  try {
    const res = await fetch(src, { signal: ctrl.signal });
    if (!res.ok) return `${src.href} answered ${res.status} ${res.statusText}; the package's .pack files must be served beside care-atlas.js`;
    return new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    if (ctrl.signal.aborted) return `${src.href} did not answer within ${PACK_TIMEOUT_MS / 1000} seconds; check the connection, then reload the page`;
    return `${src.href} could not be fetched (${reason(e)}); the page may be offline: check the connection, then reload the page`;
  } finally {
    clearTimeout(timer);
  }
}

const reason = (e) => (typeof e === "string" ? e : (e?.message ?? String(e)));
const excerpt = (t) => (t.length <= 40 ? t : `${t.slice(0, 40)}… (${t.length} characters)`);

/** A value as a message names it, calling nothing on it. */
function describe(v) {
  if (v === null || Array.isArray(v)) return v ? "an array" : "null";
  const t = typeof v;
  return t === "string" ? `"${excerpt(v)}"` : t === "object" ? "an object" : t === "function" || t === "undefined" ? t : `the ${t} ${String(v)}`;
}

/** `text`, or its first `max + 1` characters if it has more. */
function clip(text, max) {
  if (text.length <= max) return text;
  for (let i = 0, n = 0; i < text.length; i++, n++) {
    if (n === max) return text.slice(0, i + 1);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) i++;
  }
  return text;
}

function string(v, call, name, example) {
  if (typeof v === "string") return v;
  throw new TypeError(`care-atlas ${call}: ${name} must be a string such as ${example}, not ${describe(v)}.`);
}

function whole(v, call, name) {
  const n = typeof v === "string" && /^\s*\d{1,6}\s*$/.test(v) ? Number(v) : v;
  if (Number.isInteger(n)) return n;
  throw new TypeError(`care-atlas ${call}: ${name} must be a whole number such as 2025, not ${describe(v)}.`);
}

/** `o[key]` if set on the object itself, never from a (polluted) prototype. */
const own = (o, key) => (o !== null && typeof o === "object" && hasOwn(o, key) ? o[key] : undefined);

/** The label, unit and source of `setData` options; those not given are taken from `fallback` (the data-* attributes). */
function meta(options, call, fallback) {
  if (options != null && typeof options !== "object") {
    throw new TypeError(`care-atlas ${call}: options must be an object such as { label: "Foster carers" }, not ${describe(options)}.`);
  }
  const m = {};
  for (const k of ["label", "unit", "source"]) {
    const v = own(options, k);
    m[k] = clip(v == null ? (fallback(k) ?? "") : string(v, call, `options.${k}`, '"Foster carers"'), MAX_TEXT);
  }
  return m;
}

/** The CSV at `data-src`: this site only (after any redirect), at most 4 MB. */
async function fetchFigures(src, signal) {
  const fail = (why) => new Error(`data-src "${excerpt(src)}" ${why}`);
  const here = location.origin;
  let url, res;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    throw fail("is not a URL.");
  }
  if (url.origin !== here) throw fail(`is on another site (${url.origin}); it must be on this page's own site (${here}).`);
  try {
    // Null prototype: a polluted Object.prototype adds no method, body or credentials. In
    // same-origin mode a redirect to another site fails before any request goes there.
    res = await fetch(url, { __proto__: null, method: "GET", mode: "same-origin", credentials: "same-origin", redirect: "follow", signal });
  } catch (e) {
    if (signal.aborted) throw e;
    throw fail(`could not be loaded (${reason(e)}); it must be on this site, and redirects to another site are refused.`);
  }
  if (new URL(res.url || url).origin !== here) throw fail("was redirected to another site; figures are only read from this site.");
  if (!res.ok) throw fail(`could not be loaded: ${res.status} ${res.statusText}.`);
  const max = 4 * MAX_CSV;
  const big = fail(`is larger than ${max} bytes; the widget reads at most ${MAX_CSV} characters of figures.`);
  if (Number(res.headers.get("content-length")) > max) {
    res.body?.cancel().catch(() => {});
    throw big;
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const parts = [];
  for (let total = 0; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    if ((total += value.byteLength) > max) {
      reader.cancel().catch(() => {});
      throw big;
    }
    parts.push(value);
  }
  return new TextDecoder().decode(await new Blob(parts).arrayBuffer());
}

// BEGIN GENERATED attributes (cargo xtask generate, from src/view/attributes.rs)
const ATTRIBUTES = [
  "measure",
  "year",
  "level",
  "focus",
  "highlight",
  "selected",
  "view",
  "tabs",
  "x",
  "y",
  "theme",
  "palette",
  "classes",
  "base-year",
  "compare",
  "neighbour-model",
  "neighbour-stat",
  "summary",
  "picker",
  "height",
  "data-src",
  "data-label",
  "data-unit",
  "data-source",
  "url-sync",
];
// Attributes the element itself acts on; the engine reads the rest.
const OWN = new Set(["data-src", "data-label", "data-unit", "data-source", "url-sync"]);
// Each attribute's property (`focus` would hide HTMLElement.focus()).
const PROPERTIES = Object.freeze({
  __proto__: null,
  "measure": "measure",
  "year": "year",
  "level": "level",
  "focus": "focusRegion",
  "highlight": "highlight",
  "selected": "selected",
  "view": "view",
  "tabs": "tabs",
  "x": "x",
  "y": "y",
  "theme": "theme",
  "palette": "palette",
  "classes": "classes",
  "base-year": "baseYear",
  "compare": "compare",
  "neighbour-model": "neighbourModel",
  "neighbour-stat": "neighbourStat",
  "summary": "summary",
  "picker": "picker",
  "height": "height",
  "data-src": "dataSrc",
  "data-label": "dataLabel",
  "data-unit": "dataUnit",
  "data-source": "dataSource",
  "url-sync": "urlSync",
});
// END GENERATED attributes
const META = { "data-label": "label", "data-unit": "unit", "data-source": "source" };
/** Every attribute's property name. */
const PROPERTY_NAMES = new Set(Object.values(PROPERTIES));
/** An attribute's property; other keys (already properties) as they are. */
const property = (key) => PROPERTIES[key] ?? key;

/** The one shape of every `care-atlas-error` detail (the engine's too). */
const errorDetail = (kind, message, attribute = null, value = null) => ({ kind, message, attribute, value });

/** The page's own content inside <care-atlas> (a link, an image, a table), shown until the widget is ready. */
function fallbackSlot() {
  const slot = document.createElement("slot");
  slot.className = "fallback";
  return slot;
}

/** Makes the element's class: only in a browser, where HTMLElement exists. */
function elementClass() {
class CareAtlas extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #atlas = null;
  /** The glue of the engine the widget runs on (the core's, or the full one's). */
  #engine = null;
  /** The move onto the full engine, while under way. */
  #upgrading = null;
  /** Counts starts and teardowns: a start that awaited across one gives up. */
  #run = 0;
  #pending = false;
  /** "idle", "starting", "ready" or "failed". */
  #state = "idle";
  #ready = null;
  #settle = null;
  #cleanup = [];
  /** The page's figures as last given (setData, data-src or inline): { csv, label, unit, source }. */
  #figures = null;
  /** The figures the engine shows, and its answer. */
  #applied = null;
  /** The data-src load in flight; a later load or setData cancels it. */
  #fetching = null;
  /** The reader's year and selection when the engine was freed, for the element's return. */
  #kept = null;
  /** Problems found before the engine could show them. */
  #notices = [];

  static {
    // The core engine's request to move an element onto the full one.
    upgradeHook = (host) => {
      if (#upgrade in host) host.#upgrade();
    };
  }

  constructor() {
    super();
    this.#newReady();
  }

  #newReady() {
    this.#ready = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    // A failure is told in the widget, console and an event: no "uncaught" warning too.
    this.#ready.catch(() => {});
  }

  connectedCallback() {
    // Taken out and put back in one task: the engine runs on, keeping what the reader chose.
    if (this.#atlas || this.#state === "starting") return;
    if (this.#state === "failed") this.#newReady();
    this.#state = "starting";
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    // Until the engine draws (it replaces the shadow root's children), the page's
    // own content inside the element shows through this slot.
    if (!root.firstChild) root.append(fallbackSlot());
    // Once the full engine has started on the page, or when the element
    // will surely need it, it starts there rather than on the core.
    const run = ++this.#run;
    (fullStarted || this.#wantsFull() ? loadFull() : loadCore()).then(
      (mod) => this.#start(root, mod, run),
      (e) => run === this.#run && this.#fail(`the WebAssembly module could not be loaded: ${reason(e)}.`, root),
    );
  }

  /**
   * Whether the element will need the full engine as soon as it starts: its
   * own figures, or a view or comparison only the full engine draws. A hint
   * that saves loading both: the core engine asks for the full one whenever
   * it meets what it lacks, however the attributes are written.
   */
  #wantsFull() {
    const a = (name) => (this.getAttribute(name) ?? "").toLowerCase();
    return (
      this.#figures != null ||
      this.hasAttribute("data-src") ||
      this.querySelector('script[type="text/csv"]') != null ||
      /bars|scatter/.test(`${a("view")},${a("tabs")}`) ||
      a("compare").includes("neighbours")
    );
  }

  async #start(root, mod, run) {
    if (run !== this.#run) return;
    if (!this.isConnected || this.#atlas) return void (this.#state = "idle");
    this.#readUrl();
    try {
      this.#atlas = new mod.Atlas(this, root);
      this.#engine = mod;
    } catch (e) {
      // The bundled data could not be read: the engine has shown why.
      return this.#fail(reason(e));
    }
    try {
      // The core engine met what only the full one draws, and has asked for it.
      if (this.#atlas.needsFull) await this.#upgrade();
      // Taken out meanwhile (a later start goes on), or the full engine failed (said).
      if (run !== this.#run || !this.#atlas) return;
      for (const n of this.#notices.splice(0)) this.#atlas.notice(...n);
      await this.#loadData();
      if (run !== this.#run) return;
      if (this.#kept && this.#atlas) {
        const { year, selected } = this.#kept;
        this.#kept = null;
        this.#atlas.setYear(year ?? 0);
        try {
          this.#atlas.select(selected);
        } catch {
          // Areas not on this map any more.
        }
      }
      // A measure outside the core: ready once its pack has come (or failed, which the widget shows).
      await this.#atlas?.settled();
      if (run !== this.#run) return;
    } catch (e) {
      // The engine failed part-way: say so rather than leave a half-drawn widget
      // (unless that has been said, or the element was taken out meanwhile).
      if (run !== this.#run || this.#state === "failed") return;
      return this.#fail(`the widget stopped: ${reason(e)}.`, root);
    }
    // Settled before any event: a page whose CustomEvent throws cannot leave it pending.
    this.#settle.resolve(this);
    if (!this.#atlas) return void (this.#state = "idle");
    this.#watchUrl();
    this.#state = "ready";
    this.#fire("care-atlas-ready", this.#atlas.readyDetail());
  }

  /**
   * Moves the widget onto the full engine (loaded once per page), keeping the
   * reader's year and selection and the page's figures; calls while one is
   * under way share it. Always settles: if the full engine cannot load or
   * start, the widget says so in its place, as when an engine cannot start.
   */
  #upgrade() {
    const stop = (why) => {
      this.#atlas?.free();
      this.#atlas = this.#applied = this.#engine = null;
      this.#fail(why, this.shadowRoot);
    };
    this.#upgrading ??= loadFull()
      .then(
        (mod) => {
          const atlas = this.#atlas;
          // Taken out meanwhile, already moved, or no longer needing it.
          if (!atlas || this.#engine === mod || !(atlas.needsFull || this.#figures)) return;
          const kept = { year: atlas.year, selected: atlas.selected };
          atlas.free();
          this.#atlas = this.#applied = this.#engine = null;
          try {
            this.#atlas = new mod.Atlas(this, this.shadowRoot);
            this.#engine = mod;
            if (kept.year != null) {
              this.#atlas.setYear(kept.year);
              try {
                this.#atlas.select(kept.selected);
              } catch {
                // Areas not on this map.
              }
            }
          } catch (e) {
            return stop(`the widget stopped: ${reason(e)}.`);
          }
          return Promise.all([this.#apply(), this.#atlas.settled()]);
        },
        (e) => this.#atlas && stop(`the WebAssembly module could not be loaded: ${reason(e)}.`),
      )
      // Whatever went wrong is said in the widget (setData's own promise rejects).
      .catch(() => {})
      .finally(() => (this.#upgrading = null));
    return this.#upgrading;
  }

  /** The engine cannot run: said in the widget (if `root`), the console and an event; whenReady() rejects. */
  #fail(why, root) {
    const message = `care-atlas: ${why}`;
    if (root) {
      const p = document.createElement("p");
      p.setAttribute("role", "alert");
      p.textContent = message;
      // The message, and below it whatever the page put inside the element.
      root.replaceChildren(p, fallbackSlot());
    }
    console.error(message);
    this.#state = "failed";
    this.#settle.reject(new Error(message));
    this.#fire("care-atlas-error", errorDetail("load", message));
  }

  disconnectedCallback() {
    // Freed only if still out at the end of the task: moving the element keeps it.
    queueMicrotask(() => this.isConnected || this.#teardown());
  }

  #teardown() {
    this.#fetching?.abort();
    for (const undo of this.#cleanup.splice(0)) undo();
    if (!this.#atlas) return;
    this.#kept = { year: this.#atlas.year, selected: this.#atlas.selected };
    this.#run++;
    this.#atlas.free();
    this.#atlas = this.#applied = this.#engine = null;
    this.#state = "idle";
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#atlas || oldValue === value) return;
    if (name === "data-src") {
      if (value) this.#fetchData(value);
      else this.#fetching?.abort();
    } else if (name in META) {
      // Relabels the figures shown, however they came; nothing is fetched again.
      if (this.#figures) {
        this.#figures = { ...this.#figures, [META[name]]: clip(value ?? "", MAX_TEXT) };
        this.#apply().catch(() => {});
      }
    } else if (!OWN.has(name) && !this.#pending) {
      // Several attributes set in one task are applied together.
      this.#pending = true;
      queueMicrotask(() => {
        this.#pending = false;
        this.#atlas?.refresh();
      });
    }
  }

  /** Resolves once the widget has drawn (or shown why its attributes cannot be); rejects if the engine cannot start. */
  whenReady() {
    return this.#ready;
  }

  /** Names a bad argument in the widget, the console and an event; returns the error to throw. */
  #misuse(error, call, value) {
    const shown = describe(value);
    if (this.#atlas) this.#atlas.notice(call, shown, error.message);
    else {
      console.error(error.message);
      this.#fire("care-atlas-error", errorDetail("call", error.message, call, shown));
    }
    return error;
  }

  /** Viewport coordinates `[x, y]` of an area's label point on the map, or undefined. */
  areaPoint(code) {
    if (typeof code !== "string") {
      throw this.#misuse(new TypeError(`care-atlas areaPoint(code): code must be an area code such as "E12000001", not ${describe(code)}.`), "areaPoint", code);
    }
    return code.length > MAX_NAME ? undefined : this.#atlas?.areaPoint(code);
  }

  /** The year shown (it moves with the slider and play). */
  get currentYear() {
    return this.#atlas?.year;
  }

  /** Shows another year; returns whether it has data. */
  setYear(year) {
    let y;
    try {
      y = whole(year, "setYear(year)", "year");
    } catch (e) {
      throw this.#misuse(e, "setYear", year);
    }
    return y >= 0 && y <= 0xffff && (this.#atlas?.setYear(y) ?? false);
  }

  /** Codes of the selected areas. */
  get selectedAreas() {
    return this.#atlas?.selected ?? [];
  }

  /** Replaces the selection with these area codes (one, a list, or null for none). */
  select(codes) {
    const list = codes == null ? [] : typeof codes === "string" ? [codes] : typeof codes[Symbol.iterator] === "function" ? Array.from(codes) : null;
    const call = "care-atlas select(codes)";
    if (!list?.every((c) => typeof c === "string")) {
      throw this.#misuse(new TypeError(`${call}: codes must be an area code or a list of them, such as ["E12000001"], not ${describe(codes)}.`), "select", codes);
    }
    const long = list.find((c) => c.length > MAX_NAME);
    if (long !== undefined || list.length > MAX_CODES) {
      const what = long === undefined ? `${list.length} codes are more than the ${MAX_CODES} allowed` : `"${excerpt(long)}" is not an area code`;
      throw this.#misuse(new RangeError(`${call}: ${what}.`), "select", long ?? codes);
    }
    try {
      this.#atlas?.select(list);
    } catch (e) {
      throw this.#misuse(new RangeError(`${call}: ${reason(e)}`), "select", list.join());
    }
  }

  /** Starts or pauses playing through the years. */
  togglePlay() {
    this.#atlas?.togglePlay();
  }

  /** The figures shown, as CSV text with source and licence lines. */
  toCSV() {
    return this.#atlas?.csv() ?? "";
  }

  /** Offers the figures shown as a CSV file. */
  downloadCSV() {
    this.#atlas?.downloadCsv();
  }

  /** Offers a picture of what is shown as a PNG file. */
  downloadPNG() {
    this.#atlas?.downloadPng();
  }

  /**
   * Shows the page's own figures: CSV text with area_code,year,value columns,
   * at most 1,000,000 characters and 20,000 lines; label, unit and source at
   * most 200 characters each (those not given: the data-* attributes'). Resolves to the lines that could not be used,
   * `{ problems: [{ line, message }] }`; rejects on an argument of the wrong
   * type or if the engine cannot start. On an element not in the document the
   * figures are checked now and shown when it is added.
   */
  async setData(csv, options) {
    const call = "setData(csv, options)";
    let f;
    try {
      f = { csv: clip(string(csv, call, "csv", '"area_code,year,value\\n…"'), MAX_CSV), ...meta(options, call, (k) => this.getAttribute(`data-${k}`)) };
    } catch (e) {
      throw this.#misuse(e, "setData", typeof csv === "string" ? options : csv);
    }
    // The latest figures win: a data-src load in flight is cancelled.
    this.#fetching?.abort();
    this.#figures = f;
    await (this.isConnected ? this.whenReady() : loadFull());
    return this.#atlas && this.#figures === f ? this.#apply() : (await loadFull()).checkData(f.csv, f.label, f.unit, f.source);
  }

  /** Shows the figures as last given (once for each set, on the full engine); resolves to the engine's answer. */
  async #apply() {
    if (!this.#figures || !this.#atlas) return { problems: [] };
    if (!this.#engine.fullEngine()) await this.#upgrade();
    const f = this.#figures;
    if (!f) return { problems: [] };
    if (!this.#atlas?.setData) throw new Error("care-atlas: the figures cannot be shown: the full engine, which shows a page's own figures, could not be started (the widget says why).");
    if (this.#applied?.f !== f) this.#applied = { f, result: this.#atlas.setData(f.csv, f.label, f.unit, f.source) };
    return this.#applied.result;
  }

  /** Figures from an inline `<script type="text/csv">` or `data-src`, labelled by the attributes. */
  #take(csv) {
    const f = { csv: clip(csv, MAX_CSV) };
    for (const [attr, key] of entries(META)) f[key] = clip(this.getAttribute(attr) ?? "", MAX_TEXT);
    this.#figures = f;
    this.#apply().catch(() => {});
  }

  /** Shows the figures as last given, else loads `data-src`, else reads an inline `<script type="text/csv">`. */
  async #loadData() {
    if (this.#figures) return this.#apply();
    const src = this.getAttribute("data-src");
    if (src) return this.#fetchData(src);
    const inline = this.querySelector('script[type="text/csv"]')?.textContent;
    if (inline != null) this.#take(inline);
  }

  /** Loads `data-src`; a later load or setData cancels it, so the figures shown are the latest asked for. */
  async #fetchData(src) {
    this.#fetching?.abort();
    const ctrl = (this.#fetching = new AbortController());
    try {
      const csv = await fetchFigures(src, ctrl.signal);
      if (!ctrl.signal.aborted) this.#take(csv);
    } catch (e) {
      if (ctrl.signal.aborted) return;
      const message = reason(e);
      if (this.#atlas) this.#atlas.notice("data-src", excerpt(src), message);
      else {
        console.error(`care-atlas: ${message}`);
        this.#fire("care-atlas-error", errorDetail("data", message, "data-src", src));
      }
    } finally {
      if (this.#fetching === ctrl) this.#fetching = null;
    }
  }

  /** With `url-sync`, the year and selection live in the address's #fragment. */
  #urlSync() {
    // Frameworks write a false boolean attribute as url-sync="false" (Vue, Svelte).
    return this.hasAttribute("url-sync") && this.getAttribute("url-sync") !== "false";
  }

  #key(name) {
    return `${this.id ? this.id + "-" : "ca-"}${name}`;
  }

  #readUrl() {
    if (!this.#urlSync()) return;
    const p = new URLSearchParams(location.hash.slice(1));
    for (const name of ["year", "selected"]) {
      const v = p.get(this.#key(name));
      // Anyone can send a link: an absurd value is named and left out.
      if (v?.length > MAX_ATTRIBUTE) {
        this.#notices.push(["url-sync", excerpt(v), `The address's #${this.#key(name)} "${excerpt(v)}" is longer than ${MAX_ATTRIBUTE} characters, so it was ignored.`]);
      } else if (v) this.setAttribute(name, v);
    }
  }

  #watchUrl() {
    if (!this.#urlSync() || this.#cleanup.length) return;
    const write = () => {
      const p = new URLSearchParams(location.hash.slice(1));
      p.set(this.#key("year"), String(this.currentYear ?? ""));
      const sel = this.selectedAreas.join(",");
      if (sel) p.set(this.#key("selected"), sel);
      else p.delete(this.#key("selected"));
      history.replaceState(history.state, "", `#${p}`);
    };
    for (const type of ["care-atlas-yearchange", "care-atlas-select"]) {
      this.addEventListener(type, write);
      this.#cleanup.push(() => this.removeEventListener(type, write));
    }
  }

  #fire(type, detail) {
    try {
      this.dispatchEvent(new NativeCustomEvent(type, { __proto__: null, detail, bubbles: true, composed: true }));
    } catch (e) {
      console.error(`care-atlas: the ${type} event could not be sent (${reason(e)}).`);
    }
  }
}

// Every attribute is also a property: `el.measure = "cin_rate"`, `el.baseYear = 2010`,
// `el.highlight = ["E12000001"]`, `el.focusRegion = "E12000001"`; null or undefined removes it.
for (const name of ATTRIBUTES) {
  Object.defineProperty(CareAtlas.prototype, property(name), {
    get() {
      return this.getAttribute(name);
    },
    set(v) {
      if (v == null || v === false) this.removeAttribute(name);
      else this.setAttribute(name, Array.isArray(v) ? v.join(",") : v === true ? "" : String(v));
    },
    enumerable: true,
    configurable: true,
  });
}

// `focus` is also a method. Frameworks that set a custom element's properties
// when it has one by that name (React 19, Preact, Vue, Svelte, Solid) would
// replace `focus()` with the region code: setting `focus` to a string sets the
// attribute instead, and reading it still gives the method.
const focusMethod = HTMLElement.prototype.focus;
Object.defineProperty(CareAtlas.prototype, "focus", {
  get() {
    return focusMethod;
  },
  set(v) {
    if (typeof v === "function") Object.defineProperty(this, "focus", { value: v, writable: true, configurable: true });
    else this.focusRegion = v;
  },
  configurable: true,
});
return CareAtlas;
}

// The element's class exists only where there are custom elements: in Node
// (and any server renderer) `CareAtlasElement` is undefined and nothing is defined.
const inBrowser = typeof HTMLElement === "function" && typeof customElements === "object" && customElements !== null;
const CareAtlas = inBrowser ? (first?.Element ?? elementClass()) : undefined;

/** The element class: this copy's, or the first copy's if the page loads the package twice. */
export const CareAtlasElement = CareAtlas;

/**
 * For frameworks: puts a widget in `target` (or drives `target` if it is one)
 * with `options` as its attributes, `data` as the page's own figures and `on`
 * as event listeners. Returns a handle to update or remove it.
 */
export function mount(target, options = {}) {
  if (first) return first.mount(target, options);
  if (!inBrowser) throw new TypeError("care-atlas mount(): there is no DOM here (mount in the browser, e.g. in an effect).");
  const call = "care-atlas mount(target, options)";
  if (!(target instanceof Element)) throw new TypeError(`${call}: target must be an element, not ${describe(target)}.`);
  // A <care-atlas> of whichever copy of the package defined it.
  const el = target.localName === "care-atlas" ? target : target.appendChild(document.createElement("care-atlas"));
  // One listener per event name: update() replaces, never adds (frameworks
  // call it on every render, React's StrictMode twice).
  const listeners = new Map();
  let lastCsv;
  const apply = (opts = {}) => {
    if (opts === null || typeof opts !== "object") throw new TypeError(`${call}: options must be an object, not ${describe(opts)}.`);
    for (const [k, v] of entries(opts)) {
      const key = PROPERTY_NAMES.has(k) ? k : Object.hasOwn(PROPERTIES, k) ? PROPERTIES[k] : null;
      if (key) el[key] = v;
      else if (k !== "data" && k !== "on") throw new TypeError(`${call}: unknown option "${excerpt(k)}"; options are data, on and ${[...PROPERTY_NAMES].join(", ")}.`);
    }
    const on = own(opts, "on");
    if (on != null) {
      const wanted = new Map();
      for (const [type, fn] of entries(on)) {
        if (typeof fn !== "function") throw new TypeError(`${call}: on.${excerpt(type)} must be a function, not ${describe(fn)}.`);
        wanted.set(type.startsWith("care-atlas-") ? type : `care-atlas-${type}`, fn);
      }
      for (const [name, fn] of listeners) {
        if (wanted.get(name) !== fn) {
          el.removeEventListener(name, fn);
          listeners.delete(name);
        }
      }
      for (const [name, fn] of wanted) {
        if (!listeners.has(name)) {
          el.addEventListener(name, fn);
          listeners.set(name, fn);
        }
      }
    }
    const data = own(opts, "data");
    // The same figures again are not loaded again. A rejection is told in
    // the widget, the console and an event.
    if (own(data, "csv") != null && data.csv !== lastCsv) {
      lastCsv = data.csv;
      el.setData(data.csv, data).catch(() => {});
    }
  };
  apply(options);
  return {
    element: el,
    update: apply,
    destroy() {
      for (const [name, fn] of listeners) el.removeEventListener(name, fn);
      listeners.clear();
      if (el !== target) el.remove();
    },
  };
}

/** Loads the full engine (once) and resolves to the query API over the bundled data. */
export async function dataset() {
  if (first) return first.dataset();
  const { measures, areas, years, value, neighbours, compare, attribution, decodeBenchmark, ensureMeasure } = await loadFull();
  const name = (v, call, what, example) => {
    const s = string(v, call, what, example);
    if (s.length > MAX_NAME) throw new RangeError(`care-atlas ${call}: no ${what} "${excerpt(s)}" in the bundle.`);
    return s;
  };
  const v = "value(measure, area, year)";
  const n = "neighbours(area, model)";
  const c = "compare(measure, area, year, options)";
  const opt = (x, call, what, example) => (x == null ? undefined : name(x, call, what, example));
  return {
    measures,
    areas: (level) => areas(level == null ? undefined : name(level, "areas(level)", "level", '"la"')),
    years: (measure) => years(name(measure, "years(measure)", "measure", '"cla_rate"')),
    // A promise: the measure's pack is fetched on first use (shared with the widgets).
    value: async (measure, area, year) => {
      const m = name(measure, v, "measure", '"cla_rate"');
      const a = name(area, v, "area", '"E12000001"');
      const y = Math.min(0xffff, Math.max(0, whole(year, v, "year")));
      await ensureMeasure(m);
      return value(m, a, y);
    },
    loadMeasure: async (measure) => {
      await ensureMeasure(name(measure, "loadMeasure(measure)", "measure", '"cin_rate"'));
    },
    neighbours: (area, model) => neighbours(name(area, n, "area", '"E06000047"'), opt(model, n, "model", '"2025"')),
    // A promise, as value: ranks and averages need the measure's values.
    compare: async (measure, area, year, options) => {
      const m = name(measure, c, "measure", '"cla_rate"');
      const a = name(area, c, "area", '"E06000047"');
      const y = Math.min(0xffff, Math.max(0, whole(year, c, "year")));
      const model = opt(options?.model, c, "model", '"2025"');
      const statistic = opt(options?.statistic, c, "statistic", '"median"');
      await ensureMeasure(m);
      return compare(m, a, y, model, statistic);
    },
    attribution,
    decodeBenchmark: (runs) => decodeBenchmark(Math.max(1, Math.min(1e6, whole(runs ?? 1, "decodeBenchmark(runs)", "runs")))),
  };
}

if (first) {
  if (!first.warned) {
    first.warned = true;
    console.warn(`care-atlas: the package is loaded twice on this page (${first.url}, then ${import.meta.url}); the second copy uses the first one's element and engine. Load it once.`);
  }
} else {
  Object.defineProperty(globalThis, REGISTRY, { value: { url: import.meta.url, Element: CareAtlas, load, mount, dataset, warned: false } });
  if (!inBrowser) {
    // Nothing to define outside a browser.
  } else if (customElements.get("care-atlas")) console.warn("care-atlas: <care-atlas> is already defined by other code on this page; that definition is kept.");
  else customElements.define("care-atlas", CareAtlas);
}
