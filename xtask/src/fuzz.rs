//! `cargo xtask fuzz`: the property and fuzz tests of `tests/fuzz.rs` (bundle
//! decoder, option parser, page CSV, view pipeline, number reader) at a million cases per
//! target, in the `fuzz` profile (optimised, overflow checks on), on every
//! core. Each run takes a new seed, printed so a run can be repeated; a
//! failing input is saved under `tests/fuzz/regressions/` and replayed by
//! every `cargo test` from then on. `cargo xtask test` runs a shorter pass.

use crate::run::run;
use std::path::Path;
use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Cases per target in `cargo xtask fuzz`.
pub const LONG: u64 = 1_000_000;
/// Cases per target in `cargo xtask test`, with the tests' fixed seed.
pub const SHORT: u64 = 10_000;

/// Runs `cases` per target; `seed` `None` keeps the tests' fixed seed.
pub fn run_cases(root: &Path, cases: u64, seed: Option<u64>) -> Result<(), String> {
    let started = Instant::now();
    let mut cmd = Command::new("cargo");
    cmd.args([
        "test",
        "--profile",
        "fuzz",
        "-p",
        "care-atlas",
        "--test",
        "fuzz",
    ])
    .args(["--", "--test-threads", "1", "--nocapture"])
    .env("CARE_ATLAS_FUZZ_CASES", cases.to_string());
    if let Some(s) = seed {
        println!("fuzz seed {s:#x} (repeat with: cargo xtask fuzz {cases} {s:#x})");
        cmd.env("CARE_ATLAS_FUZZ_SEED", s.to_string());
    }
    run(root, &mut cmd)?;
    println!(
        "fuzz: {cases} cases per target in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `cargo xtask fuzz [cases] [seed]`: a million cases per target, a fresh seed.
pub fn main(root: &Path, args: &[String]) -> Result<(), String> {
    let number = |s: &String| {
        let s = s.replace('_', "");
        match s.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16),
            None => s.parse(),
        }
        .map_err(|_| format!("not a number: {s}"))
    };
    let cases = args.first().map(number).transpose()?.unwrap_or(LONG);
    let seed = match args.get(1) {
        Some(s) => number(s)?,
        None => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    };
    run_cases(root, cases, Some(seed))
}
