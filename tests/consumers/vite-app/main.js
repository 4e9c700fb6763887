// What a web developer writes: import the package by name; the import
// registers <care-atlas>. The named export is used so a bundler that drops
// the element's module would fail the test.
import { CareAtlasElement } from "care-atlas";

document.body.dataset.element = customElements.get("care-atlas") === CareAtlasElement ? "registered" : "missing";
