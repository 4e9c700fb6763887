//! Project tasks: `cargo xtask <task>`; `cargo xtask help` lists them.

mod attributes;
mod bench;
mod bloat;
mod build;
mod consumers;
mod fuzz;
mod generate;
mod html;
mod imports;
mod preview;
mod run;
mod serve;
mod site;
mod size;
mod standalone;
mod story;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <task>

  demo    build the widget and the site, then serve it on 127.0.0.1 (the main job)
  test    run every check: fmt, clippy, native, browser and page tests, package, size
  fuzz    property and fuzz tests of the decoder, option parser, page CSV, view
          pipeline and number reader: a million cases each (optionally `cargo xtask fuzz <cases> <seed>`)
  data    rebuild data/care-atlas.bin from the official files (../shared/data or $CARE_ATLAS_SOURCES):
          runs the pipeline crate (`cargo run -p pipeline`), which only this task compiles
  pkg     build the npm package into pkg/
  site    build the package and the site into target/site/
  size    print what a page downloads, against the budget; `--write` puts the table in the README
  generate  write the typings, the JS entry's attribute list and properties, the READMEs'
          attribute tables and framework snippets from the attribute table
          (src/view/attributes.rs) and the example apps; `generate --check` fails if any is stale
  bench   benchmarks in headless Chromium: `peers`, the default (payload, first paint at 1×
          and 4× CPU, hover, year change and keyboard reach side by side with ECharts,
          Vega-Lite, Plot, Leaflet + Chart.js, d3, Plotly and a no-library floor, ten widgets
          on a page; writes benches/results.md; `--rounds N` etc.), `decode` (bundle decode
          time), `interaction` (synthetic hover and year-change timings), or `all`
  preview draw the bundle's authorities to target/preview/*.png (optional data year)
  site-tests only the site's tests; needs `cargo xtask pkg` first
  consumers  only the tests of the package from its tarball (Vite, webpack,
             CDN path, standalone, CSP); needs `cargo xtask pkg` first
";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the repository")
        .to_path_buf()
}

/// The official files' folder: `$CARE_ATLAS_SOURCES`, else `../shared/data`
/// beside the repository (the pipeline crate and its `build.rs` use the same rule).
pub fn sources_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARE_ATLAS_SOURCES") {
        Some(p) => PathBuf::from(p),
        None => root.join("../shared/data"),
    }
}

/// Rebuilds the bundle with the pipeline crate, which lives apart so that no
/// other task compiles its readers.
fn data(root: &Path) -> Result<(), String> {
    run::run(
        root,
        std::process::Command::new("cargo").args(["run", "--quiet", "-p", "pipeline"]),
    )
}

fn demo() -> Result<(), String> {
    let root = root();
    build::pkg(&root)?;
    let site = build::site(&root)?;
    let port = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8000);
    let addr = serve::start_near(site, port)?;
    println!("\ncare-atlas is being served at http://{addr}/  (Ctrl+C to stop)");
    loop {
        std::thread::park();
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(),
        Some("test") => test::all(&root),
        Some("data") => data(&root),
        Some("pkg") => build::pkg(&root),
        Some("site") => build::pkg(&root)
            .and_then(|()| build::site(&root).map(|p| println!("site in {}", p.display()))),
        Some("size") => match args.get(1).map(String::as_str) {
            None => size::report(&root),
            Some("--write") => size::write_readme(&root),
            Some(other) => Err(format!("size takes only --write, not {other:?}")),
        },
        Some("generate") => {
            generate::run(&root, args.get(1).map(String::as_str) == Some("--check"))
        }
        Some("bench") => bench::all(&root, &args[1..]),
        Some("preview") => match args.get(1).map(|y| y.parse::<u16>()) {
            None => preview::run(&root, 2025),
            Some(Ok(y)) => preview::run(&root, y),
            Some(Err(_)) => Err("preview takes a data year, e.g. 2019".into()),
        },
        Some("consumers") => consumers::test(&root),
        Some("fuzz") => fuzz::main(&root, &args[1..]),
        Some("site-tests") => test::site_tests(&root),
        Some("help" | "--help" | "-h") => {
            print!("{HELP}");
            Ok(())
        }
        other => {
            eprint!("unknown task {other:?}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `test` has printed its table, whose last line is the verdict.
        Err(e) if e.is_empty() => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}
