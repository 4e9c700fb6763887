//! Installs what the build and tests need, only when it is missing, so a
//! second run installs nothing: the wasm32 target, the wasm-bindgen CLI at
//! exactly the crate's version, wasm-opt from npm's binaryen, esbuild (for
//! the standalone file), Chromium and chromedriver from Debian, and the page
//! tests' npm packages.

use crate::run::{is_root, output, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// binaryen's npm package; Debian's older wasm-opt emits modules Chromium rejects.
const BINARYEN: &str = "binaryen@132.0.0";
/// Bundles the standalone single-file build; pinned so its output is stable.
const ESBUILD: (&str, &str) = ("esbuild", "0.28.2");
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn ensure_wasm_target() -> Result<(), String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(
        Path::new("."),
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

/// The wasm-bindgen version the lock file pins.
pub fn wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock =
        std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock does not pin wasm-bindgen".into())
}

pub fn ensure_wasm_bindgen(root: &Path) -> Result<(), String> {
    let want = wasm_bindgen_version(root)?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let test_runner =
        output(Command::new("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) && test_runner.contains(&want) {
        return Ok(());
    }
    // Not --locked: with it, resolution fails on the registry mirrors here.
    run(
        root,
        Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]),
    )
}

/// Installs an npm package's tool into its own folder under `target/tools/`
/// (one folder each: an npm install prunes whatever else a folder holds),
/// unless `bin --version` already answers `want` (any answer when `None`).
fn npm_tool(
    root: &Path,
    folder: &str,
    package: &str,
    bin: &str,
    want: Option<&str>,
) -> Result<PathBuf, String> {
    let dir = root.join("target/tools").join(folder);
    let path = dir.join("node_modules/.bin").join(bin);
    let have = output(Command::new(&path).arg("--version"));
    if have.is_some_and(|v| want.is_none_or(|w| v.trim() == w)) {
        return Ok(path);
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    run(
        &dir,
        Command::new("npm").args([
            "install",
            "--prefix",
            ".",
            "--no-audit",
            "--no-fund",
            "--no-save",
            package,
        ]),
    )?;
    Ok(path)
}

pub fn ensure_wasm_opt(root: &Path) -> Result<PathBuf, String> {
    npm_tool(root, "binaryen", BINARYEN, "wasm-opt", None)
}

pub fn ensure_esbuild(root: &Path) -> Result<PathBuf, String> {
    let (name, version) = ESBUILD;
    npm_tool(
        root,
        name,
        &format!("{name}@{version}"),
        name,
        Some(version),
    )
}

pub fn ensure_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// The font the page tests set their text in, and the Debian package that
/// brings it: named, so that reference images do not depend on which fonts a
/// machine happens to have (`sans-serif` is whatever fontconfig picks).
pub const TEST_FONT: TestFont = TestFont {
    package: "fonts-dejavu-core",
    family: "DejaVu Sans",
};

pub struct TestFont {
    pub package: &'static str,
    pub family: &'static str,
}

/// Installs [`TEST_FONT`]'s package when dpkg does not have it.
pub fn ensure_fonts() -> Result<(), String> {
    let pkg = TEST_FONT.package;
    let status =
        output(Command::new("dpkg-query").args(["-W", "-f=${Status}", pkg])).unwrap_or_default();
    if status.trim() == "install ok installed" {
        return Ok(());
    }
    apt_install(&[pkg])
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    if !is_root() {
        return Err(format!(
            "the tests need {packages:?} from Debian: sudo apt-get install -y --no-install-recommends {}",
            packages.join(" ")
        ));
    }
    let install = || {
        run(
            Path::new("."),
            Command::new("apt-get")
                .args(["install", "-y", "--no-install-recommends"])
                .args(packages)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    install().or_else(|_| {
        run(Path::new("."), Command::new("apt-get").arg("update"))?;
        install()
    })
}

/// `npm ci` in a folder with a lock file, unless its node_modules is current.
pub fn ensure_npm_packages(dir: &Path) -> Result<(), String> {
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::read(&lock), std::fs::metadata(&stamp)) {
        (Ok(_), Ok(s)) => std::fs::metadata(&lock)
            .and_then(|l| Ok(s.modified()? >= l.modified()?))
            .unwrap_or(false),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(
        dir,
        Command::new("npm").args(["ci", "--no-audit", "--no-fund"]),
    )
}
