//! The standalone build: `pkg/care-atlas.standalone.js`, one ES module with
//! the element, the wasm-bindgen glue and the WebAssembly module inlined, for
//! hosts that cannot serve `.wasm` files (or not with the right type).
//!
//! It is the package entry's source (`js/care-atlas.js`), bundled by
//! esbuild, with `js/care-atlas-wasm.js` (where the wasm and the packs come
//! from) swapped for a module that holds their bytes: every pack of figures
//! is inside. So the element is defined once, in `js/care-atlas.js`.
//! It holds the full engine alone (`fullOnly`: the entry starts only the
//! full engine); the core engine's glue is a module that re-exports the full
//! one's, so the entry's import of it, never taken, still resolves.
//!
//! The bytes are gzipped before esbuild writes them as base64: base64 of the
//! raw module gzips a quarter worse than the module itself (126 KB against
//! 95 KB), and many hosts that cannot serve `.wasm` do not compress either.
//! The browser inflates them with `DecompressionStream`, which every browser
//! with constructed stylesheets (which the element needs) has.

use crate::run::run;
use crate::tools;
use std::io::Write;
use std::path::Path;
use std::process::Command;

pub const FILE: &str = "care-atlas.standalone.js";

/// Files the entry imports, copied beside the swapped module: its source,
/// and the full engine's glue as built in pkg/.
const SOURCES: [&str; 2] = [crate::build::ENTRY_SOURCE, "pkg/care_atlas_full.js"];

/// What stands for the core engine's glue: the full engine's.
const CORE_GLUE: &str = "// The standalone build has the full engine alone.\n\
    export * from \"./care_atlas_full.js\";\n\
    export { default } from \"./care_atlas_full.js\";\n";

/// The standalone build's sources module: the gzipped module and packs,
/// inlined by esbuild; the module as a Response typed as wasm, so the glue
/// compiles it while it inflates; each pack inflated when first asked for.
fn inline_source(packs: &[(String, String)]) -> String {
    let mut out = String::from(
        "// The standalone build's sources: the gzipped module and packs, inlined by esbuild.\n\
         import packed from \"./care_atlas_bg.wasm.gz\";\n",
    );
    for (i, (_, file)) in packs.iter().enumerate() {
        out += &format!("import pack{i} from \"./{file}.gz\";\n");
    }
    out += "const inflate = (bytes) => new Blob([bytes]).stream().pipeThrough(new DecompressionStream(\"gzip\"));\n\
        export const fullOnly = true;\n\
        export const wasmSource = () =>\n  new Response(inflate(packed), { headers: { \"Content-Type\": \"application/wasm\" } });\n\
        const PACKS = {\n  __proto__: null,\n";
    for (i, (family, _)) in packs.iter().enumerate() {
        out += &format!("  \"{family}\": pack{i},\n");
    }
    out += "};\n\
        export const packSource = (family) =>\n  Object.hasOwn(PACKS, family) ? new Response(inflate(PACKS[family])).arrayBuffer() : null;\n";
    out
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).map_err(|e| e.to_string())?;
    gz.finish().map_err(|e| e.to_string())
}

/// The package's version, for the file's banner.
pub fn package_version(root: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(root.join("pkg/package.json"))
        .map_err(|e| format!("pkg/package.json: {e}"))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("pkg/package.json: {e}"))?;
    json["version"]
        .as_str()
        .map(String::from)
        .ok_or_else(|| "pkg/package.json has no version".to_string())
}

/// Writes `pkg/care-atlas.standalone.js`. Needs the glue and wasm in `pkg/`.
pub fn build(root: &Path) -> Result<(), String> {
    let esbuild = tools::ensure_esbuild(root)?;
    let work = root.join("target/standalone");
    if work.exists() {
        std::fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    for f in SOURCES {
        let name = Path::new(f).file_name().unwrap_or_default();
        std::fs::copy(root.join(f), work.join(name)).map_err(|e| format!("{f}: {e}"))?;
    }
    std::fs::write(work.join("care_atlas.js"), CORE_GLUE).map_err(|e| e.to_string())?;
    let wasm = std::fs::read(root.join("pkg/care_atlas_full_bg.wasm"))
        .map_err(|e| format!("pkg/care_atlas_full_bg.wasm: {e}"))?;
    std::fs::write(work.join("care_atlas_bg.wasm.gz"), gzip(&wasm)?).map_err(|e| e.to_string())?;
    // Every pack inside: the one file requests nothing.
    let packs: Vec<(String, String)> = crate::attributes::pack_families()?
        .into_iter()
        .map(|f| {
            let file = care_atlas::data::pack_file(&f);
            (f, file)
        })
        .collect();
    for (_, file) in &packs {
        let bytes =
            std::fs::read(root.join("data").join(file)).map_err(|e| format!("data/{file}: {e}"))?;
        std::fs::write(work.join(format!("{file}.gz")), gzip(&bytes)?)
            .map_err(|e| e.to_string())?;
    }
    std::fs::write(work.join("care-atlas-wasm.js"), inline_source(&packs))
        .map_err(|e| e.to_string())?;
    let version = package_version(root)?;
    let banner = format!(
        "/*! care-atlas {version}, standalone: element, glue and WebAssembly in one file. \
         Code MIT; data Crown copyright, Open Government Licence v3.0. */"
    );
    run(
        &work,
        Command::new(&esbuild)
            .args(["care-atlas.js", "--bundle", "--format=esm", "--minify"])
            // esbuild writes the bytes as base64. Without a target it decodes
            // them with Uint8Array.fromBase64, which older browsers lack.
            .arg("--loader:.gz=binary")
            .arg("--target=es2022")
            .arg("--legal-comments=none")
            .arg(format!("--banner:js={banner}"))
            .arg(format!(
                "--outfile={}",
                root.join("pkg").join(FILE).display()
            )),
    )
}
