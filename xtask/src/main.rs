//! Project tasks: `cargo xtask <task>`; `cargo xtask help` lists them.

mod build;
mod pipeline;
mod preview;
mod run;
mod serve;
mod size;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <task>

  demo    build the widget and the site, then serve it on 127.0.0.1 (the main job)
  test    run every check: fmt, clippy, native, browser and page tests, package, size
  data    rebuild data/care-atlas.bin from the official files (../shared/data or $CARE_ATLAS_SOURCES)
  pkg     build the npm package into pkg/
  site    build the package and the site into target/site/
  size    print what a page downloads, against the budget
  bench   benchmarks in headless Chromium: `interaction` (hover and year-change timings) and
          `peers` (payload, time to painted, hover, keyboard, side by side with ECharts,
          Vega-Lite, Plot, Leaflet + Chart.js, d3, Plotly; writes benches/results.md);
          both when none is named, e.g. `cargo xtask bench peers --loads 3`
  preview draw the bundle's authorities to target/preview/*.png (optional data year)
";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the repository")
        .to_path_buf()
}

fn data() -> Result<(), String> {
    let root = root();
    let built = pipeline::build(&pipeline::sources_dir(&root))?;
    std::fs::write(root.join(pipeline::BUNDLE_PATH), &built.bytes).map_err(|e| e.to_string())?;
    std::fs::write(root.join(pipeline::MANIFEST_PATH), &built.manifest)
        .map_err(|e| e.to_string())?;
    print!("{}", built.manifest);
    println!(
        "\nwrote {} and {}",
        pipeline::BUNDLE_PATH,
        pipeline::MANIFEST_PATH
    );
    Ok(())
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

/// Builds the site, serves it, and runs the benchmark scripts against it:
/// `interaction` (care-atlas's own hover and year-change timings) and `peers`
/// (care-atlas side by side with other libraries, written to benches/results.md).
/// With no script named, both run; arguments after the name go to that script.
/// Only this task installs the peers' npm packages (benches/node_modules).
fn bench(args: &[String]) -> Result<(), String> {
    let (which, rest) = match args.first().map(String::as_str) {
        Some(w @ ("interaction" | "peers")) => (Some(w), &args[1..]),
        _ => (None, args),
    };
    let root = root();
    build::pkg(&root)?;
    let site = build::site(&root)?;
    tools::ensure_chromium()?;
    tools::ensure_npm_packages(&root.join("tests/page"))?;
    if which != Some("interaction") {
        tools::ensure_npm_packages(&root.join("benches"))?;
        run::run(
            &root,
            std::process::Command::new("node")
                .arg("benches/peers/build.mjs")
                .arg(&site)
                .env("CARE_ATLAS_SOURCES", pipeline::sources_dir(&root)),
        )?;
    }
    let addr = serve::start(site, 0)?;
    let url = format!("http://{addr}/");
    if which != Some("peers") {
        for level in ["la", "region"] {
            run::run(
                &root,
                std::process::Command::new("node")
                    .arg("benches/interaction.mjs")
                    .arg(&url)
                    .args(["--level", level])
                    .args(rest),
            )?;
        }
    }
    if which != Some("interaction") {
        run::run(
            &root,
            std::process::Command::new("node")
                .arg("benches/compare.mjs")
                .arg(&url)
                .args(rest)
                .env("CHROMIUM", tools::CHROMIUM),
        )?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(),
        Some("test") => test::all(&root),
        Some("data") => data(),
        Some("pkg") => build::pkg(&root),
        Some("site") => build::pkg(&root)
            .and_then(|()| build::site(&root).map(|p| println!("site in {}", p.display()))),
        Some("size") => size::report(&root),
        Some("bench") => bench(&args[1..]),
        Some("preview") => match args.get(1).map(|y| y.parse::<u16>()) {
            None => preview::run(&root, 2025),
            Some(Ok(y)) => preview::run(&root, y),
            Some(Err(_)) => Err("preview takes a data year, e.g. 2019".into()),
        },
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
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}
