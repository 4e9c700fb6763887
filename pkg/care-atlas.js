// The package entry: defines <care-atlas> and starts the WebAssembly engine.
// Importing this module registers the element; nothing else happens at import.
import init, { Atlas } from "./care_atlas.js";

let loading;

/** Loads and instantiates the WebAssembly module once per page. */
export function load() {
  loading ??= init({ module_or_path: new URL("./care_atlas_bg.wasm", import.meta.url) });
  return loading;
}

// The same list as the engine's `Atlas.attributeNames()` (a page test checks).
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
];

export class CareAtlasElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #atlas = null;
  #pending = false;

  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    load().then(
      () => {
        if (!this.isConnected || this.#atlas) return;
        try {
          this.#atlas = new Atlas(this, root);
        } catch (e) {
          // The engine has already shown the message in the widget and console.
          this.#fire("care-atlas-error", { message: String(e) });
          return;
        }
        this.#fire("care-atlas-ready", this.#atlas.readyDetail());
      },
      (e) => {
        const msg = `care-atlas: the WebAssembly module could not be loaded (${e}).`;
        console.error(msg);
        root.textContent = msg;
        this.#fire("care-atlas-error", { message: msg });
      },
    );
  }

  disconnectedCallback() {
    this.#atlas?.free();
    this.#atlas = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.#atlas || oldValue === newValue || this.#pending) return;
    // Several attributes set in one task are applied together.
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#atlas?.refresh();
    });
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
    this.#atlas?.select(Array.from(codes ?? [], String));
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

  #fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get("care-atlas")) {
  customElements.define("care-atlas", CareAtlasElement);
}

// The query API over the bundled data (see Dataset in care-atlas.d.ts).
import * as engine from "./care_atlas.js";

/** Loads the engine (once) and resolves to the query API over the bundled data. */
export async function dataset() {
  await load();
  const { measures, areas, years, value, attribution, decodeBenchmark } = engine;
  return { measures, areas, years, value, attribution, decodeBenchmark };
}
