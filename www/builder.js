// The embed builder: every form control with data-attr sets that attribute
// on the preview and in the snippet. The controls and their choices are
// rendered from the bundle when the site is built; this script knows none.
const form = document.getElementById("builder");
const preview = document.getElementById("preview");
const snippet = document.getElementById("snippet");
const copy = document.getElementById("copy");
const status = document.getElementById("copy-status");
const year = form.querySelector('[data-attr="year"]');
const years = year ? JSON.parse(year.dataset.years) : {};
const cdn = snippet.textContent.split("\n")[0];
const fallback = document.getElementById("b-fallback");

/** Offers the years the chosen measure has, keeping the chosen one if it can. */
function fillYears() {
  const measure = form.querySelector('[data-attr="measure"]')?.value;
  if (!year || !measure) return;
  const keep = year.value;
  const list = years[measure] ?? [];
  year.replaceChildren(year.options[0]);
  for (const y of [...list].reverse()) year.add(new Option(String(y), String(y)));
  year.value = list.map(String).includes(keep) ? keep : "";
}

function escapeAttr(v) {
  return v.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}

function escapeText(v) {
  return v.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

let attrs = [];

/**
 * The fallback inside the element: the preview's summary sentence (the
 * engine's, for exactly these attributes) and a link to where the measure's
 * figures are published. Empty until the preview has drawn.
 */
function fallbackHtml() {
  const root = preview.shadowRoot;
  const summary = root?.querySelector(".summary")?.textContent.trim();
  // Nothing while a value is bad: the chart is then replaced by a message (its
  // summary is an old one) or drawn without that value (a notice says which).
  const bad = [".message", ".notices"].some((s) => root.querySelector(s)?.hidden === false);
  if (!fallback?.checked || !summary || bad) return "";
  const source = form.querySelector('[data-attr="measure"]')?.selectedOptions[0]?.dataset;
  const link = source?.sourceUrl
    ? ` <a href="${escapeAttr(source.sourceUrl)}">${escapeText(source.sourceTitle ?? "The figures")}</a>`
    : "";
  return `\n  <p>${escapeText(summary)}${link}</p>\n`;
}

/** Writes the snippet. The preview first shows what the snippet will: its year, its selection. */
function writeSnippet() {
  if (preview.currentYear !== undefined) {
    const measure = form.querySelector('[data-attr="measure"]')?.value;
    const year = Number(preview.getAttribute("year")) || (years[measure] ?? []).at(-1);
    if (year && preview.currentYear !== year) preview.setYear(year);
    const chosen = (preview.getAttribute("selected") ?? "").split(",").filter(Boolean);
    if (chosen.join() !== preview.selectedAreas.join()) preview.select(chosen);
  }
  snippet.textContent = `${cdn}\n<care-atlas${attrs.join("")}>${fallbackHtml()}</care-atlas>`;
}

function update() {
  attrs = [];
  for (const control of form.querySelectorAll("[data-attr]")) {
    const name = control.dataset.attr;
    const value = control.value.trim();
    if (value && value !== control.dataset.default) {
      attrs.push(` ${name}="${escapeAttr(value)}"`);
      preview.setAttribute(name, value);
    } else {
      preview.removeAttribute(name);
    }
  }
  status.textContent = "";
  // The preview redraws in a microtask queued by the attribute changes; this one runs after it.
  queueMicrotask(writeSnippet);
}

preview.addEventListener("care-atlas-ready", writeSnippet);

form.addEventListener("change", (e) => {
  if (e.target.dataset.attr === "measure") fillYears();
  update();
});
form.addEventListener("input", (e) => e.target.tagName === "INPUT" && update());
form.addEventListener("submit", (e) => e.preventDefault());

copy.addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    status.textContent = "Copied.";
  } catch {
    // No clipboard access (an old browser, or permission refused): select
    // the code so the user can copy it themselves.
    getSelection().selectAllChildren(snippet);
    status.textContent = "Selected: press Ctrl+C (or ⌘C) to copy.";
  }
});

fillYears();
update();
