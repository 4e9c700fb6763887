//! `cargo xtask test`: every check, in the order a failure is cheapest to
//! find. CI runs exactly this.

use crate::run::{run, step};
use crate::{build, serve, size, tools};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// What `npm pack` must put in the package: nothing more, nothing less.
pub const PACKAGE_FILES: [&str; 7] = [
    "LICENSE",
    "README.md",
    "care-atlas.d.ts",
    "care-atlas.js",
    "care_atlas.js",
    "care_atlas_bg.wasm",
    "package.json",
];

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    run(root, Command::new("cargo").args(args))
}

pub fn all(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    step("rustfmt", || cargo(root, &["fmt", "--all", "--check"]))?;
    step("toolchain", || {
        tools::ensure_wasm_target()?;
        tools::ensure_wasm_bindgen(root)?;
        tools::ensure_chromium()
    })?;
    step("clippy (native)", || {
        cargo(
            root,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    step("clippy (wasm32)", || {
        cargo(
            root,
            &[
                "clippy",
                "-p",
                "care-atlas",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    step("rustdoc", || {
        run(
            root,
            Command::new("cargo")
                .args([
                    "doc",
                    "--no-deps",
                    "-p",
                    "care-atlas",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .env("RUSTDOCFLAGS", "-D warnings"),
        )
    })?;
    step("native tests", || cargo(root, &["test", "--workspace"]))?;
    step(
        "browser tests (wasm-bindgen-test in headless Chromium)",
        || {
            run(
                root,
                Command::new("cargo")
                    .args([
                        "test",
                        "-p",
                        "care-atlas",
                        "--target",
                        "wasm32-unknown-unknown",
                        "--test",
                        "browser",
                        "--test",
                        "api",
                    ])
                    .env("CHROMEDRIVER", tools::CHROMEDRIVER),
            )
        },
    )?;
    step("package build", || build::pkg(root))?;
    step("package contents (npm pack --dry-run)", || {
        package_check(root)
    })?;
    step("size report", || size::report(root))?;
    step("page tests (playwright-core, Chromium)", || {
        page_tests(root)
    })?;
    println!(
        "\nall checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn package_check(root: &Path) -> Result<(), String> {
    let out = Command::new("npm")
        .args(["pack", "--dry-run", "--json", "--ignore-scripts"])
        .current_dir(root.join("pkg"))
        .output()
        .map_err(|e| format!("npm pack: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "npm pack failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("npm pack output: {e}"))?;
    let files: BTreeSet<String> = json[0]["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str().map(String::from))
        .collect();
    let want: BTreeSet<String> = PACKAGE_FILES.iter().map(|s| s.to_string()).collect();
    for f in &files {
        println!("  {f}");
    }
    if files != want {
        let extra: Vec<_> = files.difference(&want).collect();
        let missing: Vec<_> = want.difference(&files).collect();
        return Err(format!(
            "package files differ: unexpected {extra:?}, missing {missing:?}"
        ));
    }
    Ok(())
}

fn page_tests(root: &Path) -> Result<(), String> {
    let dir = root.join("tests/page");
    tools::ensure_npm_packages(&dir)?;
    let site = build::site(root)?;
    let addr = serve::start(site, 0)?;
    let url = format!("http://{addr}/");
    println!("serving the site at {url}");
    run(
        &dir,
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .env("CARE_ATLAS_URL", &url)
            .env("CHROMIUM", tools::CHROMIUM),
    )
}
