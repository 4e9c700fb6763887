// The package entry: defines <care-atlas> and starts the WebAssembly engine.
// Importing this module in a browser registers the element; nothing else
// happens at import. Outside a browser (Node, a server renderer, a build
// step) the import defines nothing and `dataset()` still works.
import init, { Atlas } from "./care_atlas.js";
import { wasmSource } from "./care-atlas-wasm.js";

let loading;

/** Loads and instantiates the WebAssembly module once per page. */
export function load() {
  loading ??= init({ module_or_path: wasmSource() });
  return loading;
}

// The attributes the element observes; a page test checks they are the engine's.
// BEGIN GENERATED attributes (cargo xtask generate, from care_atlas::view::options::ATTRIBUTES)
const ATTRIBUTES = [
  "measure",
  "year",
  "level",
  "focus",
  "highlight",
  "selected",
  "view",
  "theme",
  "palette",
  "classes",
  "base-year",
  "summary",
  "height",
  "data-src",
  "data-label",
  "data-unit",
  "data-source",
  "url-sync",
];
// END GENERATED attributes
// Attributes the element itself acts on; the rest the engine reads.
const OWN = new Set(["data-src", "data-label", "data-unit", "data-source", "url-sync"]);

// `focus` would hide HTMLElement.focus(): that attribute's property is `focusRegion`.
const camel = (name) => (name === "focus" ? "focusRegion" : name.replace(/-([a-z])/g, (_, c) => c.toUpperCase()));

/** The page's own content inside <care-atlas> (a link, an image, a table), shown until the widget is ready. */
function fallbackSlot() {
  const slot = document.createElement("slot");
  slot.className = "fallback";
  return slot;
}

/** Makes the element's class: only in a browser, where HTMLElement exists. */
function elementClass() {
class CareAtlasElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #atlas = null;
  #pending = false;
  #ready = null;
  #resolveReady = null;
  #cleanup = [];

  constructor() {
    super();
    this.#ready = new Promise((resolve) => (this.#resolveReady = resolve));
  }

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    // Until the engine draws (it replaces the shadow root's children), the page's
    // own content inside the element shows through this slot.
    if (!root.firstChild) root.append(fallbackSlot());
    load().then(
      async () => {
        if (!this.isConnected || this.#atlas) return;
        this.#readUrl();
        try {
          this.#atlas = new Atlas(this, root);
        } catch (e) {
          // The engine has already shown the message in the widget and console.
          this.#fire("care-atlas-error", { message: String(e) });
          return;
        }
        await this.#loadData();
        this.#watchUrl();
        this.#fire("care-atlas-ready", this.#atlas?.readyDetail());
        this.#resolveReady(this);
      },
      (e) => {
        const msg = `care-atlas: the WebAssembly module could not be loaded (${e}).`;
        console.error(msg);
        // The message, and below it whatever the page put inside the element.
        const p = document.createElement("p");
        p.setAttribute("role", "alert");
        p.textContent = msg;
        root.replaceChildren(p, fallbackSlot());
        this.#fire("care-atlas-error", { message: msg });
      },
    );
  }

  disconnectedCallback() {
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#atlas?.free();
    this.#atlas = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.#atlas || oldValue === newValue) return;
    if (name.startsWith("data-")) {
      this.#loadData();
      return;
    }
    if (OWN.has(name) || this.#pending) return;
    // Several attributes set in one task are applied together.
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#atlas?.refresh();
    });
  }

  /** Resolves once the widget has drawn (or shown why it cannot). */
  whenReady() {
    return this.#ready;
  }

  /** Viewport coordinates `[x, y]` of an area's label point on the map. */
  areaPoint(code) {
    return this.#atlas?.areaPoint(code);
  }

  /** The year shown (it moves with the slider and play). */
  get currentYear() {
    return this.#atlas?.year;
  }

  /** Shows another year; returns whether it has data. */
  setYear(year) {
    return this.#atlas?.setYear(Number(year)) ?? false;
  }

  /** Codes of the selected areas. */
  get selectedAreas() {
    return this.#atlas?.selected ?? [];
  }

  /** Replaces the selection with these area codes. */
  select(codes) {
    this.#atlas?.select(Array.from(typeof codes === "string" ? [codes] : codes ?? [], String));
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
   * Shows the page's own figures: CSV text with area_code,year,value columns.
   * Resolves to the lines that could not be used, `{ problems: [{ line, message }] }`.
   */
  async setData(csv, { label = "", unit = "", source = "" } = {}) {
    await this.#ready;
    return this.#atlas?.setData(String(csv), label, unit, source) ?? { problems: [] };
  }

  /** Loads the page's figures from a `<script type="text/csv">` child or `data-src`. */
  async #loadData() {
    const inline = this.querySelector('script[type="text/csv"]')?.textContent;
    const src = this.getAttribute("data-src");
    let csv = inline;
    if (src) {
      const url = new URL(src, document.baseURI);
      if (url.origin !== location.origin) {
        return this.#dataError(
          `data-src "${src}" is on another site (${url.origin}); it must be on this page's own site (${location.origin}).`,
        );
      }
      try {
        const res = await fetch(url);
        if (!res.ok) return this.#dataError(`data-src "${src}" could not be loaded: ${res.status} ${res.statusText}.`);
        csv = await res.text();
      } catch (e) {
        return this.#dataError(`data-src "${src}" could not be loaded (${e}).`);
      }
    }
    if (csv == null || !this.#atlas) return;
    this.#atlas.setData(csv, this.dataset.label ?? "", this.dataset.unit ?? "", this.dataset.source ?? "");
  }

  #dataError(message) {
    console.error(`care-atlas: ${message}`);
    this.#fire("care-atlas-error", { message, attribute: "data-src", value: this.getAttribute("data-src") });
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
    const year = p.get(this.#key("year"));
    const sel = p.get(this.#key("selected"));
    if (year) this.setAttribute("year", year);
    if (sel) this.setAttribute("selected", sel);
  }

  #watchUrl() {
    if (!this.#urlSync()) return;
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
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

// Every attribute is also a property: `el.measure = "cin_rate"`, `el.baseYear = 2010`,
// `el.highlight = ["E12000001"]`, `el.focusRegion = "E12000001"`; null or undefined removes it.
for (const name of ATTRIBUTES) {
  Object.defineProperty(CareAtlasElement.prototype, camel(name), {
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
Object.defineProperty(CareAtlasElement.prototype, "focus", {
  get() {
    return focusMethod;
  },
  set(v) {
    if (typeof v === "function") Object.defineProperty(this, "focus", { value: v, writable: true, configurable: true });
    else this.focusRegion = v;
  },
  configurable: true,
});
return CareAtlasElement;
}

// The element's class exists only where there are custom elements: in Node
// (and any server renderer) `CareAtlasElement` is undefined and nothing is defined.
const inBrowser = typeof HTMLElement === "function" && typeof customElements === "object" && customElements !== null;

export const CareAtlasElement = inBrowser ? elementClass() : undefined;

if (inBrowser && !customElements.get("care-atlas")) {
  customElements.define("care-atlas", CareAtlasElement);
}

/**
 * For frameworks: puts a widget in `target` (or drives `target` if it is one)
 * with `options` as its attributes, `data` as the page's own figures and `on`
 * as event listeners. Returns a handle to update or remove it.
 */
export function mount(target, options = {}) {
  if (!target) throw new TypeError("care-atlas mount(): the target element is missing.");
  if (!inBrowser) throw new TypeError("care-atlas mount(): there is no DOM here (mount in the browser, e.g. in an effect).");
  const el = target instanceof CareAtlasElement ? target : target.appendChild(document.createElement("care-atlas"));
  // One listener per event name: an update with a new `on.select` replaces the old one,
  // so a framework may pass fresh callbacks on every render.
  const listeners = new Map();
  const apply = ({ data, on, ...attrs } = {}) => {
    for (const [k, v] of Object.entries(attrs)) el[camel(k)] = v;
    for (const [type, fn] of Object.entries(on ?? {})) {
      const name = type.startsWith("care-atlas-") ? type : `care-atlas-${type}`;
      const old = listeners.get(name);
      if (old === fn) continue;
      if (old) el.removeEventListener(name, old);
      if (fn) el.addEventListener(name, fn);
      listeners.set(name, fn);
    }
    if (data?.csv != null) el.setData(data.csv, data);
  };
  apply(options);
  return {
    element: el,
    update: apply,
    destroy() {
      for (const [name, fn] of listeners) if (fn) el.removeEventListener(name, fn);
      listeners.clear();
      if (el !== target) el.remove();
    },
  };
}

// The query API over the bundled data (see Dataset in care-atlas.d.ts).
import * as engine from "./care_atlas.js";

/** Loads the engine (once) and resolves to the query API over the bundled data. */
export async function dataset() {
  await load();
  const { measures, areas, years, value, attribution, decodeBenchmark } = engine;
  return { measures, areas, years, value, attribution, decodeBenchmark };
}
