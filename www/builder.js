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

function update() {
  const attrs = [];
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
  snippet.textContent = `${cdn}\n<care-atlas${attrs.join("")}></care-atlas>`;
  status.textContent = "";
}

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
