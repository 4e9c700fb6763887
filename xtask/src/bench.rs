//! `cargo xtask bench`: how long decoding the bundle takes, natively and in
//! headless Chromium, and how long a hover and a year change take to repaint.
//! Prints figures; a measurement, not a test (timings on a shared 2-core
//! machine are too noisy to gate on).

use crate::run::run;
use crate::{build, serve, tools};
use std::path::Path;
use std::process::Command;

pub fn all(root: &Path, args: &[String]) -> Result<(), String> {
    run(
        root,
        Command::new("cargo").args(["run", "--quiet", "--release", "--example", "decode_bench"]),
    )?;
    tools::ensure_chromium()?;
    tools::ensure_npm_packages(&root.join("tests/page"))?;
    build::pkg(root)?;
    let site = build::site(root)?;
    let addr = serve::start(site, 0)?;
    let url = format!("http://{addr}/");
    run(
        root,
        Command::new("node")
            .arg("benches/decode.mjs")
            .env("CARE_ATLAS_URL", &url)
            .env("CHROMIUM", tools::CHROMIUM),
    )?;
    for level in ["la", "region"] {
        run(
            root,
            Command::new("node")
                .arg("benches/interaction.mjs")
                .arg(&url)
                .args(["--level", level])
                .args(args)
                .env("CHROMIUM", tools::CHROMIUM),
        )?;
    }
    Ok(())
}
