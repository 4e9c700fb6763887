//! Builds the npm package in `pkg/` (release wasm, wasm-bindgen glue,
//! wasm-opt) and the static site in `target/site/` (www/ plus the package).

use crate::run::run;
use crate::{imports, standalone, tools};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files of pkg/ a page downloads, in load order: the entry (with where the
/// modules are bundled in), and the core engine's glue and module.
pub const PAGE_FILES: [&str; 3] = ["care-atlas.js", "care_atlas.js", "care_atlas_bg.wasm"];

/// The full engine's glue and module, loaded on first use of what only it
/// has (bars, scatter, neighbours, a page's figures, the query API).
pub const FULL_FILES: [&str; 2] = ["care_atlas_full.js", "care_atlas_full_bg.wasm"];

/// The two builds of the crate (src/web/engine.rs): the name wasm-bindgen
/// gives each module's files, and whether it has the `full` feature.
pub const ENGINES: [(&str, bool); 2] = [("care_atlas", false), ("care_atlas_full", true)];

/// Where each engine's module is kept as rustc built it, names and all (the
/// bloat check reads them); wasm-bindgen then names its files after it.
pub fn engine_module(name: &str) -> String {
    format!("target/engines/{name}.wasm")
}

/// The packs of figures, fetched by a page on first use of one of their
/// measures: their file names, as in `data/` and in `pkg/`.
pub fn pack_files() -> Result<Vec<String>, String> {
    Ok(crate::attributes::pack_families()?
        .iter()
        .map(|f| care_atlas::data::pack_file(f))
        .collect())
}

/// Copies the packs from `data/` into `pkg/`, and removes any pack there
/// the data no longer has.
fn copy_packs(root: &Path) -> Result<(), String> {
    let packs = pack_files()?;
    let out = root.join("pkg");
    for entry in std::fs::read_dir(&out).map_err(|e| format!("pkg/: {e}"))? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".pack") && !packs.iter().any(|p| *p == name) {
            std::fs::remove_file(out.join(&*name)).map_err(|e| format!("pkg/{name}: {e}"))?;
        }
    }
    for p in &packs {
        std::fs::copy(root.join("data").join(p), out.join(p))
            .map_err(|e| format!("data/{p}: {e}"))?;
    }
    Ok(())
}

pub fn pkg(root: &Path) -> Result<(), String> {
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen(root)?;
    let wasm_opt = tools::ensure_wasm_opt(root)?;
    let out = root.join("pkg");
    // One licence file in the repository; the package gets a copy.
    std::fs::copy(root.join("LICENSE"), out.join("LICENSE"))
        .map_err(|e| format!("LICENSE: {e}"))?;
    std::fs::create_dir_all(root.join("target/engines")).map_err(|e| e.to_string())?;
    for (name, full) in ENGINES {
        engine(root, &wasm_opt, name, full)?;
    }
    entry(root)?;
    copy_packs(root)?;
    standalone::build(root)
}

/// The readable entry, kept in the repository.
pub const ENTRY_SOURCE: &str = "js/care-atlas.js";

/// What the entry imports and leaves as files beside it.
const ENTRY_EXTERNAL: [&str; 3] = ["care_atlas.js", "care_atlas_full.js", "care-atlas-node.js"];

/// The package's entry, `pkg/care-atlas.js`: `js/care-atlas.js` with
/// `js/care-atlas-wasm.js` bundled in (one request fewer in series before
/// the module's), minified (11.1 KB gzip readable, 6.1 minified; it is the
/// first file a page loads), with a banner saying where its source is. The
/// engines' glue and the Node-only reader stay files of their own.
fn entry(root: &Path) -> Result<(), String> {
    let version = standalone::package_version(root)?;
    run(
        root,
        Command::new(tools::ensure_esbuild(root)?)
            .arg(ENTRY_SOURCE)
            .args(["--bundle", "--minify", "--format=esm", "--log-level=warning"])
            .args(ENTRY_EXTERNAL.map(|f| format!("--external:./{f}")))
            .arg(format!(
                "--banner:js=/*! care-atlas {version}. Code MIT; data Crown copyright, Open Government Licence v3.0. Readable source: {ENTRY_SOURCE} in the repository. */"
            ))
            .arg("--legal-comments=none")
            .arg("--outfile=pkg/care-atlas.js"),
    )
}

/// Builds one engine: the release module with or without the `full`
/// feature, its wasm-bindgen glue (minified) and its optimised module in pkg/.
fn engine(root: &Path, wasm_opt: &Path, name: &str, full: bool) -> Result<(), String> {
    let mut build = Command::new("cargo");
    build.args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "care-atlas",
    ]);
    if !full {
        build.arg("--no-default-features");
    }
    run(root, &mut build)?;
    let module = engine_module(name);
    std::fs::copy(
        root.join("target/wasm32-unknown-unknown/release/care_atlas.wasm"),
        root.join(&module),
    )
    .map_err(|e| format!("{module}: {e}"))?;
    let out = root.join("pkg");
    run(
        root,
        Command::new("wasm-bindgen")
            .arg(&module)
            .args(["--out-dir", "pkg", "--target", "web", "--no-typescript"])
            .args(["--remove-name-section", "--remove-producers-section"]),
    )?;
    let wasm = out.join(format!("{name}_bg.wasm"));
    // The features rustc enables by default for wasm32-unknown-unknown.
    run(
        root,
        Command::new(wasm_opt)
            .arg(&wasm)
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            // Measured here: -Oz's inlining makes the gzip larger (it copies
            // small functions into many callers, which compress worse);
            // skipping these passes saved about 6.7 KB gzip.
            .args([
                "--skip-pass=inlining",
                "--skip-pass=inlining-optimizing",
                "--skip-pass=memory-packing",
                // Repeats the passes while they still shrink the module:
                // 0.3 KB gzip off the core engine, for a few seconds more.
                "--converge",
                "-o",
            ])
            .arg(&wasm)
            .args([
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ]),
    )?;
    let glue = out.join(format!("{name}.js"));
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let glue_text = String::from_utf8(read(&glue)?).map_err(|e| format!("{name}.js: {e}"))?;
    let (module, glue_text) =
        imports::shorten(&read(&wasm)?, &glue_text, &format!("./{name}_bg.js"))
            .map_err(|e| format!("pkg/{name}_bg.wasm and pkg/{name}.js: {e}"))?;
    let write =
        |p: &Path, b: &[u8]| std::fs::write(p, b).map_err(|e| format!("{}: {e}", p.display()));
    write(&wasm, &module)?;
    write(&glue, glue_text.as_bytes())?;
    // wasm-bindgen's glue is generated, so it is shipped minified (about a
    // third of its gzip); so is the entry (see `entry`).
    run(
        root,
        Command::new(tools::ensure_esbuild(root)?)
            .arg(&glue)
            .args([
                "--minify",
                "--format=esm",
                "--allow-overwrite",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", glue.display())),
    )
}

/// Sources of rendered pages, not served as they are.
const TEMPLATES: [&str; 3] = ["layout.html", "pages", "gallery.txt"];

fn copy_dir(from: &Path, to: &Path, skip: &[&str]) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if skip.iter().any(|s| entry.file_name() == *s) {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &dest, &[])?;
        } else {
            std::fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Assembles the site: `www/`'s pages rendered with figures from the bundle,
/// its other files as they are, and the package under `pkg/`. Needs `pkg()` first.
pub fn site(root: &Path) -> Result<PathBuf, String> {
    let site = root.join("target/site");
    if site.exists() {
        std::fs::remove_dir_all(&site).map_err(|e| e.to_string())?;
    }
    copy_dir(&root.join("www"), &site, &TEMPLATES)?;
    crate::site::render(root, &site, &standalone::package_version(root)?)?;
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;
    let packs = pack_files()?;
    for f in PAGE_FILES
        .iter()
        .chain(&FULL_FILES)
        .copied()
        .chain(["care-atlas-node.js", "care-atlas.d.ts", standalone::FILE])
        .chain(packs.iter().map(String::as_str))
    {
        let from = root.join("pkg").join(f);
        if !from.exists() {
            return Err(format!(
                "{} is missing: build the package first (cargo xtask pkg)",
                from.display()
            ));
        }
        std::fs::copy(&from, pkg.join(f)).map_err(|e| e.to_string())?;
    }
    Ok(site)
}
