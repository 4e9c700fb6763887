//! `cargo xtask bench [decode|interaction|peers] [args]`: measurements, not
//! tests (timings on a shared 2-core machine are too noisy to gate on).
//!
//! - `decode`: how long decoding the bundle takes, natively and in headless Chromium;
//! - `interaction`: how long a hover and a year change take to repaint;
//! - `peers`: care-atlas side by side with other libraries (payload, time to
//!   painted, hover latency, keyboard reach), printed and written to
//!   `benches/results.md`. Only this task installs the peers' npm packages
//!   (`benches/node_modules`) and cuts their boundary file from `../shared/data`.
//!
//! With no benchmark named, all three run; arguments after a name go to its script.

use crate::run::run;
use crate::{build, serve, tools};
use std::path::Path;
use std::process::Command;

const NAMES: [&str; 3] = ["decode", "interaction", "peers"];

pub fn all(root: &Path, args: &[String]) -> Result<(), String> {
    let (only, rest) = match args.first().map(String::as_str) {
        Some(name) if NAMES.contains(&name) => (Some(name), &args[1..]),
        _ => (None, args),
    };
    let wanted = |name: &str| only.is_none_or(|o| o == name);
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
