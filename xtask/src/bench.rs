//! `cargo xtask bench [peers|decode|interaction|all] [args]`: measurements, not
//! tests (timings on a shared 2-core machine are too noisy to gate on).
//!
//! - `peers` (the default, issue 13's check): care-atlas side by side with other
//!   libraries and a no-library floor page (payload, first paint at 1× and 4× CPU
//!   with ratios to d3 and the floor, hover and year-change latency, keyboard
//!   reach, ten widgets on one page), printed and written to `benches/results.md`.
//!   Only this task installs the peers' npm packages (`benches/node_modules`) and
//!   cuts their boundary and figures files from `../shared/data`. It takes about
//!   a quarter of an hour on a 2-core machine; `--rounds`, `--hovers`, `--years`,
//!   `--multi` and `--rates` (see `benches/compare.mjs`) trade time for noise;
//! - `decode`: how long decoding the bundle takes, natively and in headless Chromium;
//! - `interaction`: how long a hover and a year change take in the handler and to
//!   the next frame, on the authority and the region map (synthetic events);
//! - `all`: the three in turn.
//!
//! With no benchmark named, `peers` runs; arguments (after a name, or alone) go to
//! its script.

use crate::run::run;
use crate::{build, serve, tools};
use std::path::Path;
use std::process::Command;

const NAMES: [&str; 4] = ["decode", "interaction", "peers", "all"];

pub fn all(root: &Path, args: &[String]) -> Result<(), String> {
    let (only, rest) = match args.first().map(String::as_str) {
        Some(name) if NAMES.contains(&name) => (name, &args[1..]),
        _ => ("peers", args),
    };
    let wanted = |name: &str| only == "all" || only == name;
    if wanted("decode") {
        run(
            root,
            Command::new("cargo").args([
                "run",
                "--quiet",
                "--release",
                "--example",
                "decode_bench",
            ]),
        )?;
    }
    tools::ensure_chromium()?;
    tools::ensure_npm_packages(&root.join("tests/page"))?;
    build::pkg(root)?;
    let site = build::site(root)?;
    if wanted("peers") {
        tools::ensure_npm_packages(&root.join("benches"))?;
        run(
            root,
            Command::new("node")
                .arg("benches/peers/build.mjs")
                .arg(&site)
                .env("CARE_ATLAS_SOURCES", crate::sources_dir(root)),
        )?;
    }
    let addr = serve::start(site, 0)?;
    let url = format!("http://{addr}/");
    if wanted("decode") {
        run(
            root,
            Command::new("node")
                .arg("benches/decode.mjs")
                .env("CARE_ATLAS_URL", &url)
                .env("CHROMIUM", tools::CHROMIUM),
        )?;
    }
    if wanted("interaction") {
        for level in ["la", "region"] {
            run(
                root,
                Command::new("node")
                    .arg("benches/interaction.mjs")
                    .arg(&url)
                    .args(["--level", level])
                    .args(rest)
                    // The harness reads the URL when imported, before the script sees its arguments.
                    .env("CARE_ATLAS_URL", &url)
                    .env("CHROMIUM", tools::CHROMIUM),
            )?;
        }
    }
    if wanted("peers") {
        run(
            root,
            Command::new("node")
                .arg("benches/compare.mjs")
                .arg(&url)
                .args(rest)
                .env("CHROMIUM", tools::CHROMIUM),
        )?;
    }
    Ok(())
}
