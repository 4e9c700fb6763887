//! Property and fuzz tests of everything that reads input the widget does
//! not control: the bundle decoder, the attribute/option parser, the page's
//! CSV, and the view pipeline they feed (`support::show`, the same pure calls
//! the widget makes); and the number reader under the options and the CSV
//! (`scale::decimal::parse`), against std's `str::parse::<f64>`.
//!
//! Inputs come from a small deterministic generator (SplitMix64), one seed
//! per case, so a run is repeatable. Every property runs with overflow
//! checks on: in the test profile, and in `cargo xtask fuzz`'s `fuzz`
//! profile (release speed, `overflow-checks = true`).
//!
//! - `CARE_ATLAS_FUZZ_CASES`: cases per target (default 1,000; `cargo xtask
//!   test` runs 10,000, `cargo xtask fuzz` 1,000,000);
//! - `CARE_ATLAS_FUZZ_SEED`: the run's seed (default fixed; `cargo xtask
//!   fuzz` picks a new one each run and prints it);
//! - `CARE_ATLAS_FUZZ_ONLY`: run just this case number (it is written to the
//!   temporary folder, to read).
//!
//! A case that fails is written to `tests/fuzz/regressions/<target>/` and
//! the test fails naming the file; `regressions_replay` runs every file
//! there on each `cargo test`, so a fixed failure stays fixed.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use care_atlas::data::{
    add_user_measure, Area, AreaId, Basis, Bundle, Cell, Geometry, Kind, Level, Measure, MeasureId,
    Missing, Polarity, Series, Shape, Source, UserMeta, EMBEDDED, MAX_CSV_CHARS, MAX_PROBLEMS,
    MAX_VALUE, USER_MEASURE, YEARS,
};
use care_atlas::view::options::Options;

/// Every attribute name, from the one table.
const ATTRIBUTES: [&str; 18] = {
    let mut out = [""; 18];
    let mut i = 0;
    while i < 18 {
        out[i] = care_atlas::view::attributes::ATTRIBUTES[i].name;
        i += 1;
    }
    out
};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use support::{check, show, Layers};

// ---------------------------------------------------------------- running

/// SplitMix64: tiny, fast and well mixed; enough to drive generators.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, case: u64) -> Rng {
        let mut r = Rng(seed ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n ≥ 1).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn cases() -> u64 {
    env_u64("CARE_ATLAS_FUZZ_CASES", 1_000)
}

fn seed() -> u64 {
    env_u64("CARE_ATLAS_FUZZ_SEED", 0x00C0_FFEE)
}

/// Longest a single case may take before it counts as freezing the page.
/// Only checked in optimised builds: the test profile is ten times slower.
const FREEZE: Duration = Duration::from_millis(100);

fn regressions(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/regressions")
        .join(target)
}

/// Runs `cases()` generated inputs through `property` on every core. The
/// first input that fails is saved (as `save` writes it) and reported.
fn fuzz<I: Sync>(
    target: &str,
    ext: &str,
    generate: impl Fn(&mut Rng) -> I + Sync,
    property: impl Fn(&I) + Sync,
    save: impl Fn(&I) -> Vec<u8> + Sync,
) {
    let (n, seed) = (cases(), seed());
    // One case by its number, to look at: written out, timed, checked.
    if let Some(case) = std::env::var("CARE_ATLAS_FUZZ_ONLY")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        let input = generate(&mut Rng::new(seed, case));
        let file = std::env::temp_dir().join(format!("care-atlas-{target}-{seed:x}-{case}.{ext}"));
        let _ = std::fs::write(&file, save(&input));
        let t0 = Instant::now();
        property(&input);
        println!(
            "{target}: case {case} took {:?}; input in {}",
            t0.elapsed(),
            file.display()
        );
        return;
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let failed = AtomicBool::new(false);
    let done = AtomicU64::new(0);
    let slowest = Mutex::new((Duration::ZERO, 0u64));
    let found: Mutex<Option<String>> = Mutex::new(None);
    let started = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let (generate, property, save) = (&generate, &property, &save);
            let (failed, done, slowest, found) = (&failed, &done, &slowest, &found);
            s.spawn(move || {
                let mut case = t;
                while case < n && !failed.load(Ordering::Relaxed) {
                    let Ok(input) = catch_unwind(AssertUnwindSafe(|| generate(&mut Rng::new(seed, case)))) else {
                        failed.store(true, Ordering::Relaxed);
                        *found.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!(
                            "{target}: generating case {case} of seed {seed:#x} panicked (message above)"
                        ));
                        break;
                    };
                    let t0 = Instant::now();
                    let r = catch_unwind(AssertUnwindSafe(|| property(&input)));
                    let mut took = t0.elapsed();
                    // Wall-clock time, on a machine others share: a slow case
                    // is run twice more and its fastest run counts.
                    if r.is_ok() && !cfg!(debug_assertions) && took > FREEZE {
                        for _ in 0..2 {
                            let t1 = Instant::now();
                            property(&input);
                            took = took.min(t1.elapsed());
                        }
                    }
                    let slow = !cfg!(debug_assertions) && took > FREEZE;
                    if r.is_err() || slow {
                        if !failed.swap(true, Ordering::Relaxed) {
                            let bytes = save(&input);
                            let dir = regressions(target);
                            let _ = std::fs::create_dir_all(&dir);
                            let file = dir.join(format!("found-{seed:x}-{case}.{ext}"));
                            let _ = std::fs::write(&file, bytes);
                            let why = if slow {
                                format!("took {took:?}, over {FREEZE:?}")
                            } else {
                                "panicked (message above)".to_string()
                            };
                            *found.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!(
                                "{target}: case {case} of seed {seed:#x} {why}; input saved as {}",
                                file.display()
                            ));
                        }
                        break;
                    }
                    {
                        let mut sl = slowest.lock().unwrap_or_else(|e| e.into_inner());
                        if took > sl.0 {
                            *sl = (took, case);
                        }
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                    case += threads;
                }
            });
        }
    });
    if let Some(msg) = found.into_inner().unwrap_or_else(|e| e.into_inner()) {
        panic!("{msg}");
    }
    let (slow, slow_case) = slowest.into_inner().unwrap_or_else(|e| e.into_inner());
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz {target}: {} cases in {secs:.1} s ({:.0} µs each on {threads} threads), seed {seed:#x}, slowest case {slow_case} {:.1} ms",
        done.load(Ordering::Relaxed),
        secs * 1e6 * threads as f64 / n.max(1) as f64,
        slow.as_secs_f64() * 1e3,
    );
    assert_eq!(done.load(Ordering::Relaxed), n);
}

fn embedded() -> &'static Bundle {
    static B: OnceLock<Bundle> = OnceLock::new();
    B.get_or_init(|| care_atlas::data::complete().expect("the committed bundle decodes"))
}

// ------------------------------------------------------------ text cases

/// A page's input as a text file: one `key: value` line each (values with
/// `\n`, `\r`, `\t` and `\\` escaped), then `csv:` and the CSV to the end.
#[derive(Clone, Debug, Default)]
struct Case {
    attrs: Vec<(String, String)>,
    meta: UserMeta,
    csv: Option<String>,
    width: f64,
    hover: Option<usize>,
    paths: bool,
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

impl Case {
    fn to_text(&self) -> String {
        let mut out = String::new();
        for (k, v) in &self.attrs {
            out += &format!("attr {k}: {}\n", escape(v));
        }
        out += &format!("label: {}\n", escape(&self.meta.label));
        out += &format!("unit: {}\n", escape(&self.meta.unit));
        out += &format!("source: {}\n", escape(&self.meta.source));
        out += &format!("width: {}\n", self.width);
        if let Some(h) = self.hover {
            out += &format!("hover: {h}\n");
        }
        out += &format!("paths: {}\n", self.paths);
        if let Some(csv) = &self.csv {
            out += "csv:\n";
            out += csv;
        }
        out
    }

    fn from_text(text: &str) -> Case {
        let mut c = Case {
            width: 800.0,
            ..Case::default()
        };
        let mut rest = text;
        while let Some((line, after)) = rest.split_once('\n') {
            rest = after;
            if line == "csv:" {
                c.csv = Some(rest.to_string());
                return c;
            }
            let Some((k, v)) = line.split_once(": ") else {
                continue;
            };
            let v = unescape(v);
            match k {
                "label" => c.meta.label = v,
                "unit" => c.meta.unit = v,
                "source" => c.meta.source = v,
                "width" => c.width = v.parse().unwrap_or(800.0),
                "hover" => c.hover = v.parse().ok(),
                "paths" => c.paths = v == "true",
                _ => {
                    if let Some(name) = k.strip_prefix("attr ") {
                        c.attrs.push((name.to_string(), v));
                    }
                }
            }
        }
        c
    }

    fn attr(&self) -> impl Fn(&str) -> Option<String> + '_ {
        move |name| {
            self.attrs
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }
}

// ------------------------------------------------------------ generators

/// Words from the bundle the generators draw on.
struct Pools {
    codes: Vec<String>,
    regions: Vec<String>,
    authorities: Vec<String>,
    measures: Vec<String>,
}

fn pools() -> &'static Pools {
    static P: OnceLock<Pools> = OnceLock::new();
    P.get_or_init(|| {
        let b = embedded();
        let at = |l: Level| -> Vec<String> {
            b.areas
                .iter()
                .filter(|a| a.level == l)
                .map(|a| a.code.clone())
                .collect()
        };
        Pools {
            codes: b
                .areas
                .iter()
                .flat_map(|a| std::iter::once(a.code.clone()).chain(a.aliases.clone()))
                .collect(),
            regions: at(Level::Region),
            authorities: at(Level::Authority),
            measures: b.measures.iter().map(|m| m.id.clone()).collect(),
        }
    })
}

const ODD: [&str; 24] = [
    "",
    " ",
    "\u{feff}",
    "\u{2212}",
    "−",
    "\"",
    "\"\"",
    ",",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "=1+1",
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-",
    "é",
    "😀",
    "\u{0}",
    "NaN",
    "inf",
    "-inf",
    "1e5",
    "0x10",
];

/// Random text: printable, odd characters, or long runs.
fn junk(r: &mut Rng) -> String {
    match r.below(10) {
        0 => ODD[r.below(ODD.len())].to_string(),
        1 => {
            let c = *r.pick(&["a", "9", ",", "\"", " ", "E", "0", "é"]);
            let most = if r.chance(5) { 6000 } else { 120 };
            c.repeat(r.below(most))
        }
        2 => (0..r.below(12))
            .map(|_| char::from_u32(r.below(0x3000) as u32).unwrap_or('?'))
            .collect(),
        _ => (0..r.below(14))
            .map(|_| char::from(b' ' + r.below(95) as u8))
            .collect(),
    }
}

/// Changes a word slightly: a typo.
fn typo(r: &mut Rng, w: &str) -> String {
    let mut c: Vec<char> = w.chars().collect();
    if c.is_empty() {
        return "x".into();
    }
    let i = r.below(c.len());
    match r.below(4) {
        0 => {
            c.remove(i);
        }
        1 => c.insert(i, char::from(b'a' + r.below(26) as u8)),
        2 => c[i] = char::from(b'0' + r.below(10) as u8),
        _ => {
            let j = (i + 1) % c.len();
            c.swap(i, j)
        }
    }
    match r.below(3) {
        0 => c.iter().collect::<String>().to_ascii_uppercase(),
        1 => format!(" {} ", c.iter().collect::<String>()),
        _ => c.into_iter().collect(),
    }
}

fn code(r: &mut Rng, valid: u64) -> String {
    let p = pools();
    if r.chance(valid) {
        match r.below(4) {
            0 => r.pick(&p.regions).clone(),
            1 => r.pick(&p.codes).to_ascii_lowercase(),
            _ => r.pick(&p.authorities).clone(),
        }
    } else if r.chance(50) {
        let c = r.pick(&p.codes).clone();
        typo(r, &c)
    } else {
        junk(r)
    }
}

fn year_text(r: &mut Rng, valid: u64) -> String {
    if r.chance(valid) {
        return r.range(2010, 2025).to_string();
    }
    match r.below(8) {
        0 => format!("+{}", r.range(2010, 2025)),
        1 => r.range(1900, 2200).to_string(),
        2 => format!("{}.0", r.range(2010, 2025)),
        3 => "1990".into(),
        4 => "2100".into(),
        5 => r.range(-100_000, 100_000).to_string(),
        _ => junk(r),
    }
}

fn value_text(r: &mut Rng, valid: u64) -> String {
    if r.chance(valid) {
        let v = match r.below(6) {
            0 => r.range(0, 200) as f64,
            1 => r.range(-5000, 5000) as f64 / 10.0,
            2 => r.range(0, 1_000_000) as f64 / 1000.0,
            3 => r.range(0, 999_999_999_999_999) as f64,
            4 => -(r.range(0, 999_999_999_999_999) as f64) / 1000.0,
            _ => 0.0,
        };
        let s = care_atlas::scale::format::plain(v, r.below(4) as u8);
        return match r.below(5) {
            0 => format!("+{s}"),
            1 => s.replacen('-', "\u{2212}", 1),
            _ => s,
        };
    }
    match r.below(10) {
        0 => format!("1{}", "0".repeat(r.below(420))),
        1 => format!("-17{}", "0".repeat(r.below(320))),
        2 => format!("0.{}1", "0".repeat(r.below(400))),
        3 => format!("\"1,{:03}\"", r.below(1000)),
        4 => format!("1 {:03}", r.below(1000)),
        5 => "999999999999999.999".into(),
        6 => "1000000000000000".into(),
        7 => format!("{}e{}", r.below(10), r.below(400)),
        _ => junk(r),
    }
}

/// A CSV field as a page might write it: sometimes quoted, with quotes,
/// commas and line breaks inside.
fn field(r: &mut Rng, text: String) -> String {
    if r.chance(15) {
        let inner = text.replace('"', "\"\"");
        let extra = match r.below(6) {
            0 => ",",
            1 => "\n",
            2 => "\r\n",
            3 => "\"\"",
            _ => "",
        };
        format!("\"{inner}{extra}\"")
    } else {
        text
    }
}

fn line_end(r: &mut Rng, style: usize) -> &'static str {
    match if r.chance(90) { style } else { r.below(3) } {
        0 => "\n",
        1 => "\r\n",
        _ => "\r",
    }
}

/// CSV text: a header in any order and case, rows mostly valid (`valid`
/// percent) or hostile, mixed line endings, and now and then damage.
fn csv_text(r: &mut Rng, valid: u64) -> String {
    let mut cols: Vec<String> = vec!["area_code".into(), "year".into(), "value".into()];
    if r.chance(30) {
        cols.push("note".into());
    }
    for _ in 0..r.below(3) {
        let (a, b) = (r.below(cols.len()), r.below(cols.len()));
        cols.swap(a, b);
    }
    if r.chance(100 - valid.min(95)) {
        let i = r.below(cols.len());
        cols[i] = typo(r, &cols[i].clone());
    }
    let style = r.below(3);
    let mut out = String::new();
    if r.chance(5) {
        out.push('\u{feff}');
    }
    if r.chance(5) {
        out += line_end(r, style);
    }
    let head: Vec<String> = cols
        .iter()
        .map(|c| {
            let c = if r.chance(10) {
                c.to_ascii_uppercase()
            } else {
                c.clone()
            };
            field(r, c)
        })
        .collect();
    out += &head.join(",");
    out += line_end(r, style);
    let rows = match r.below(100) {
        0 => r.below(3000),
        1..=10 => 0,
        _ => r.below(40),
    };
    for _ in 0..rows {
        if r.chance(3) {
            out += line_end(r, style);
            continue;
        }
        let cells: Vec<String> = cols
            .iter()
            .map(|c| {
                let t = match c.as_str() {
                    "area_code" => code(r, valid),
                    "year" => year_text(r, valid),
                    "value" => value_text(r, valid),
                    _ => junk(r),
                };
                field(r, t)
            })
            .collect();
        let take = if r.chance(3) {
            r.below(cols.len() + 2)
        } else {
            cells.len()
        };
        out += &cells
            .iter()
            .take(take)
            .cloned()
            .collect::<Vec<_>>()
            .join(",");
        if r.chance(2) {
            out += ",extra";
        }
        out += line_end(r, style);
    }
    // Damage: cut, insert or drop characters, leave a quote open.
    for _ in 0..if r.chance(100 - valid) { r.below(4) } else { 0 } {
        let cut = char_boundary(&out, r.below(out.len() + 1));
        match r.below(4) {
            0 => out.truncate(cut),
            1 => out.insert_str(cut, &junk(r)),
            2 => out.insert(cut, '"'),
            _ => {
                let end = char_boundary(&out, (cut + r.below(20)).min(out.len()));
                out.replace_range(cut..end, "");
            }
        }
    }
    if r.chance(1) {
        // Over the size limit now and then (cheaply: one long line).
        out += &"x".repeat(MAX_CSV_CHARS + 1 - out.chars().count().min(MAX_CSV_CHARS));
    }
    out
}

fn char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn meta(r: &mut Rng) -> UserMeta {
    let word = |r: &mut Rng| match r.below(6) {
        0 => junk(r),
        1 => ODD[r.below(ODD.len())].to_string(),
        2 if r.chance(10) => "=".repeat(r.below(400)),
        _ => "Foster carers".to_string(),
    };
    UserMeta {
        label: word(r),
        unit: word(r),
        source: word(r),
    }
}

/// An attribute value: valid words, near misses, junk, lists.
fn attr_value(r: &mut Rng, name: &str, valid: u64) -> String {
    let p = pools();
    let b = embedded();
    let good = r.chance(valid);
    let list = |r: &mut Rng, valid: u64| -> String {
        let n = if r.chance(2) {
            r.below(600)
        } else {
            r.below(5)
        };
        let sep = *r.pick(&[",", ", ", " ", ",,"]);
        (0..n).map(|_| code(r, valid)).collect::<Vec<_>>().join(sep)
    };
    match name {
        "measure" if good => r.pick(&p.measures).clone(),
        "measure" => {
            let m = r.pick(&p.measures).clone();
            typo(r, &m)
        }
        "year" | "base-year" if good => {
            let m = MeasureId(r.below(b.measures.len()) as u16);
            let ys = b.years_of(m);
            if ys.is_empty() {
                "2025".into()
            } else {
                ys[r.below(ys.len())].to_string()
            }
        }
        "year" | "base-year" => year_text(r, 30),
        "level" => (*r.pick(&[
            "region",
            "la",
            "LA",
            " la ",
            "country",
            "authority",
            "Region",
        ]))
        .into(),
        "focus" if good => r.pick(&p.regions).clone(),
        "focus" => code(r, 30),
        "highlight" | "selected" => list(r, if good { 95 } else { 40 }),
        "view" => (*r.pick(&[
            "map+trend",
            "map",
            "trend",
            "table",
            "Map",
            "maps",
            "",
            "map trend",
        ]))
        .into(),
        "theme" => (*r.pick(&["light", "dark", "auto", "Dark", "night"])).into(),
        "palette" => (*r.pick(&["ylgnbu", "viridis", "blues", "YlGnBu", "rainbow"])).into(),
        "classes" if good => match r.below(3) {
            0 => "equal".into(),
            1 => "quantile".into(),
            _ => {
                let mut v = r.range(-1000, 1000) as f64 / 10.0;
                let n = r.range(2, 11);
                (0..n)
                    .map(|_| {
                        v += r.range(1, 500) as f64 / 10.0;
                        care_atlas::scale::format::plain(v, 1)
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            }
        },
        "classes" => match r.below(4) {
            0 => "40,60,60,100".into(),
            1 => "1e308,inf".into(),
            2 => (0..r.below(3000))
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(","),
            _ => junk(r),
        },
        "summary" => (*r.pick(&["show", "hide", "SHOW", "yes"])).into(),
        "height" if good => r.range(160, 2000).to_string(),
        "height" => {
            (*r.pick(&["159", "2001", "480px", " 300 ", "NaN", "1e3", "-500", "inf"])).into()
        }
        _ => junk(r),
    }
}

/// Attributes for the options parser: any attribute, any value.
fn attributes(r: &mut Rng, valid: u64) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in ATTRIBUTES {
        if r.chance(35) {
            let v = if r.chance(1) {
                // Past the attribute limit, now and then far past it.
                "E12000001,".repeat(if r.chance(10) {
                    20_000
                } else {
                    410 + r.below(100)
                })
            } else {
                attr_value(r, name, valid)
            };
            out.push((name.to_string(), v));
        }
    }
    out
}

/// A plausible view: mostly valid attributes, often the page's own figures.
fn view_case(r: &mut Rng) -> Case {
    let mut attrs = attributes(r, 92);
    let csv = r.chance(60).then(|| csv_text(r, 97));
    if csv.is_some() && r.chance(60) {
        attrs.retain(|(k, _)| k != "measure" && k != "year" && k != "base-year");
        attrs.push(("measure".into(), USER_MEASURE.into()));
        if r.chance(30) {
            attrs.push(("base-year".into(), r.range(2010, 2025).to_string()));
        }
    }
    Case {
        attrs,
        meta: if r.chance(80) {
            UserMeta {
                label: "Foster carers".into(),
                unit: "per 10,000 children".into(),
                source: "A council".into(),
            }
        } else {
            meta(r)
        },
        csv,
        width: *r.pick(&[200.0, 320.0, 640.0, 721.0, 1280.0, 1600.0]),
        hover: r.chance(50).then(|| r.below(200)),
        paths: r.chance(3),
    }
}

// ------------------------------------------------------------- properties

fn physical_lines(csv: &str) -> usize {
    csv.matches('\n').count() + csv.matches('\r').count() + 1
}

/// The page's CSV: problems are few, bounded, on real lines; figures kept
/// are finite and within the limits.
fn csv_property(c: &Case) {
    let b = embedded();
    let csv = c.csv.as_deref().unwrap_or("");
    let (nb, problems) = add_user_measure(b, csv, &c.meta);
    assert!(
        problems.len() <= MAX_PROBLEMS + 3,
        "{} problems",
        problems.len()
    );
    let lines = physical_lines(csv);
    for p in &problems {
        assert!(!p.message.is_empty());
        assert!(
            p.message.chars().count() <= 700,
            "long message: {}",
            p.message
        );
        assert!(p.line <= lines, "line {} of {lines}: {}", p.line, p.message);
    }
    match nb {
        None => assert!(!problems.is_empty(), "nothing kept and nothing said"),
        Some(nb) => {
            let m = nb
                .measure_id(USER_MEASURE)
                .expect("the page's measure is added");
            let me = nb.measure(m);
            assert!(
                YEARS.contains(&me.years.0)
                    && YEARS.contains(&me.years.1)
                    && me.years.0 <= me.years.1
            );
            let s = &nb.series[m.index()];
            let width = usize::from(me.years.1 - me.years.0) + 1;
            assert_eq!(s.cells.len(), s.areas.len() * width);
            let values: Vec<f64> = s.cells.iter().filter_map(Cell::value).collect();
            assert!(!values.is_empty());
            assert!(values.len() <= lines);
            for v in values {
                assert!(v.is_finite() && v.abs() < MAX_VALUE, "value {v}");
            }
            assert!(!nb.years_of(m).is_empty());
        }
    }
}

/// The option parser: any attributes give options that hold together, or
/// an error naming the attribute and quoting its value.
fn options_property(c: &Case) {
    let b = embedded();
    match Options::parse(b, c.attr()) {
        Ok(o) => {
            let years = b.years_of(o.measure);
            assert!(years.contains(&o.year));
            assert!(o.base_year.is_none_or(|y| years.contains(&y)));
            assert!(o.height.is_none_or(|h| (160.0..=2000.0).contains(&h)));
            for &a in o.highlight.iter().chain(&o.selected) {
                assert_ne!(b.area(a).level, Level::Country);
            }
            assert!(o.focus.is_none_or(|f| b.area(f).level == Level::Region));
            if let care_atlas::view::options::ClassMethod::Breaks(k) = &o.classes {
                assert!((2..=10).contains(&k.len()));
            }
        }
        Err(e) => {
            assert!(ATTRIBUTES.contains(&e.attribute));
            assert!(
                !e.message.is_empty() && e.message.chars().count() < 3000,
                "{}",
                e.message
            );
            let quoted: String = e.value.trim().chars().take(30).collect();
            assert!(
                e.message.contains(&quoted),
                "{:?} does not quote {quoted:?}",
                e.message
            );
        }
    }
}

/// The whole view: whatever the page gives, everything is drawn with finite
/// numbers, few ticks, and an export no spreadsheet runs.
fn view_property(c: &Case) {
    let b = embedded();
    let with_data;
    let bundle = match &c.csv {
        Some(csv) => match add_user_measure(b, csv, &c.meta) {
            (Some(nb), _) => {
                with_data = nb;
                &with_data
            }
            (None, _) => b,
        },
        None => b,
    };
    let mut layers = LAYERS.with(|l| std::mem::take(&mut *l.borrow_mut()));
    let r = show(bundle, &c.attr(), &mut layers, c.width, c.hover, c.paths);
    LAYERS.with(|l| *l.borrow_mut() = layers);
    match r {
        Ok(shown) => check(&shown),
        Err(e) => assert!(!e.message.is_empty()),
    }
}

thread_local! {
    static LAYERS: std::cell::RefCell<Layers> = std::cell::RefCell::new(Layers::default());
}

/// A small bundle that satisfies every rule of the format, built from `r`.
fn small_bundle(r: &mut Rng) -> Bundle {
    let n_sources = r.below(3) + 1;
    let n_notes = r.below(3);
    let n_areas = r.below(6);
    let n_arcs = r.below(8);
    let coord = |r: &mut Rng| -> i32 {
        match r.below(10) {
            0 => *r.pick(&[i32::MAX, i32::MIN, 0, -1]),
            _ => r.range(-100_000, 100_000) as i32,
        }
    };
    let arcs: Vec<Vec<[i32; 2]>> = (0..n_arcs)
        .map(|_| (0..r.below(6)).map(|_| [coord(r), coord(r)]).collect())
        .collect();
    let shapes: Vec<Shape> = (0..r.below(4))
        .map(|_| Shape {
            polygons: (0..r.below(3))
                .map(|_| {
                    (0..r.below(3))
                        .map(|_| {
                            (0..r.below(4))
                                .filter(|_| n_arcs > 0)
                                .map(|_| {
                                    let a = r.below(n_arcs) as i32;
                                    if r.chance(50) {
                                        !a
                                    } else {
                                        a
                                    }
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect(),
            anchor: [coord(r), coord(r)],
        })
        .collect();
    let n_shapes = shapes.len();
    let areas: Vec<Area> = (0..n_areas)
        .map(|i| {
            let y0 = r.range(0, 3000) as u16;
            Area {
                code: format!("E{:08}", r.below(100)),
                name: junk(r),
                level: *r.pick(&Level::ALL),
                region: (i > 0 && r.chance(50)).then(|| AreaId(r.below(n_areas) as u16)),
                subregion: (i > 0 && r.chance(20)).then(|| AreaId(r.below(n_areas) as u16)),
                data_years: (y0, y0.saturating_add(r.below(20) as u16)),
                shape: (n_shapes > 0 && r.chance(70)).then(|| r.below(n_shapes) as u16),
                aliases: (0..r.below(2)).map(|_| junk(r)).collect(),
            }
        })
        .collect();
    let mut measures = Vec::new();
    let mut series = Vec::new();
    for _ in 0..r.below(4) {
        let kind = *r.pick(&[Kind::Rate, Kind::Count, Kind::Percent, Kind::Category]);
        let categories: Vec<String> = if kind == Kind::Category {
            (0..r.below(4) + 1).map(|_| junk(r)).collect()
        } else {
            vec![]
        };
        let decimals = if kind == Kind::Category {
            0
        } else {
            r.below(4) as u8
        };
        let y0 = r.range(1990, 2100) as u16;
        let years = (y0, y0 + r.below(5) as u16);
        let width = usize::from(years.1 - years.0) + 1;
        let rows: Vec<AreaId> = (0..n_areas)
            .filter(|_| r.chance(60))
            .map(|a| AreaId(a as u16))
            .collect();
        let cells = (0..rows.len() * width)
            .map(|_| match r.below(6) {
                0 => Cell::Missing(*r.pick(&[
                    Missing::Suppressed,
                    Missing::NotPublished,
                    Missing::NotLive,
                ])),
                _ => {
                    let d = if decimals == 0 {
                        0
                    } else {
                        r.below(usize::from(decimals) + 1) as u8
                    };
                    let k = if kind == Kind::Category {
                        r.below(categories.len()) as i64
                    } else {
                        r.range(-1_000_000_000, 1_000_000_000)
                    };
                    Cell::Value {
                        value: k as f64 / 10f64.powi(i32::from(decimals)),
                        decimals: d,
                        basis: if n_notes > 0 && r.chance(20) {
                            Basis::Derived(r.below(n_notes) as u8)
                        } else {
                            Basis::Official
                        },
                    }
                }
            })
            .collect();
        let dates = if r.chance(20) {
            rows.iter().map(|_| r.next() as u32 % 30_000_000).collect()
        } else {
            vec![]
        };
        measures.push(Measure {
            id: junk(r),
            family: junk(r),
            label: junk(r),
            short_label: junk(r),
            unit: junk(r),
            kind,
            polarity: *r.pick(&[
                Polarity::HigherIsMoreNeed,
                Polarity::Neutral,
                Polarity::HigherIsBetter,
                Polarity::LowerIsBetter,
            ]),
            decimals,
            definition: junk(r),
            convention: junk(r),
            source: r.below(n_sources) as u16,
            years,
            boundaries: r.chance(20).then(|| r.range(1, 3000) as u16),
            next_year_areas: r.chance(20),
            categories,
        });
        series.push(std::sync::Arc::new(Series {
            areas: rows,
            cells,
            dates,
        }));
    }
    Bundle {
        attribution: junk(r),
        areas,
        sources: (0..n_sources)
            .map(|_| Source {
                publisher: junk(r),
                publication: junk(r),
                url: junk(r),
                licence: junk(r),
            })
            .collect(),
        notes: (0..n_notes).map(|_| junk(r)).collect(),
        measures,
        series,
        neighbours: Default::default(),
        waiting: Default::default(),
        geometry: std::sync::Arc::new(Geometry {
            unit: *r.pick(&[1.0, 100.0, 0.5]),
            origin: [r.range(-1000, 1000) as f64, 0.0],
            arcs,
            shapes,
        }),
    }
}

/// Bytes for the decoder: a valid small bundle (checked to round-trip) or,
/// now and then, the real one, then damaged in one of its two frames (the
/// core, mostly, or the full engine's part); the headers are usually fixed
/// up, and the second frame tied to the damaged core again, so that the
/// damage reaches the decoder rather than a checksum.
fn bundle_bytes(r: &mut Rng) -> Vec<u8> {
    let whole = if r.chance(99) || r.below(5) != 0 {
        let b = small_bundle(r);
        let bytes = b.encode();
        assert_eq!(
            Bundle::decode(&bytes).as_ref(),
            Ok(&b),
            "a valid bundle round-trips"
        );
        bytes
    } else {
        EMBEDDED.to_vec()
    };
    let split = care_atlas::data::core_frame_len(&whole);
    let (mut core, mut full) = (whole[..split].to_vec(), whole[split..].to_vec());
    if r.below(5) == 0 {
        damage(r, &mut full);
    } else {
        damage(r, &mut core);
    }
    if r.chance(85) {
        reframe(&mut core);
        if full.len() >= 20 {
            let core_crc = care_atlas::data::crc32(core.get(16..).unwrap_or_default());
            full[16..20].copy_from_slice(&core_crc.to_le_bytes());
            reframe(&mut full);
        }
    }
    core.extend_from_slice(&full);
    core
}

/// A frame's length and CRC made to match its payload as it now is.
fn reframe(frame: &mut [u8]) {
    if frame.len() >= 16 {
        let payload = frame[16..].to_vec();
        frame[8..12].copy_from_slice(&(payload.len() as u32).to_le_bytes());
        frame[12..16].copy_from_slice(&care_atlas::data::crc32(&payload).to_le_bytes());
    }
}

/// Up to four random edits of a frame's bytes, mostly past its header.
fn damage(r: &mut Rng, bytes: &mut Vec<u8>) {
    for _ in 0..r.below(5) {
        let len = bytes.len();
        let at = 16 + r.below(len.saturating_sub(16) + 1);
        let at = at.min(len);
        match r.below(7) {
            0 => {
                if at < len {
                    bytes[at] ^= 1 << r.below(8);
                }
            }
            1 => {
                if at < len {
                    bytes[at] = r.next() as u8;
                }
            }
            2 => bytes.truncate(at),
            3 => {
                let v: Vec<u8> = match r.below(3) {
                    // A ten-byte varint, at its largest or past it.
                    0 => vec![
                        0xFF,
                        0xFF,
                        0xFF,
                        0xFF,
                        0xFF,
                        0xFF,
                        0xFF,
                        0xFF,
                        0xFF,
                        r.below(128) as u8,
                    ],
                    1 => vec![0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
                    _ => (0..r.below(8)).map(|_| r.next() as u8).collect(),
                };
                bytes.splice(at..at, v);
            }
            4 => {
                let end = (at + r.below(12)).min(len);
                bytes.drain(at..end);
            }
            5 => {
                let end = (at + r.below(12)).min(len);
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => {
                if len > 0 {
                    bytes[r.below(len.min(16))] = r.next() as u8;
                }
            }
        }
    }
}

/// The decoder: any bytes give a bundle or a typed error, never a panic or
/// an overflow; what it accepts can be queried, re-encoded and read again.
fn bundle_property(bytes: &[u8]) {
    let Ok(b) = Bundle::decode(bytes) else {
        return;
    };
    for (i, m) in b.measures.iter().enumerate() {
        let id = MeasureId(i as u16);
        let years = b.years_of(id);
        let _ = b.source_of(id);
        for a in b.area_ids() {
            for &y in years
                .iter()
                .chain([m.years.0.wrapping_sub(1), m.years.1.wrapping_add(1)].iter())
            {
                let _ = b.cell(id, a, y);
                let _ = b.value(&m.id, &b.area(a).code, y);
            }
            let _ = b.date(id, a);
        }
    }
    for a in &b.areas {
        let _ = b.area_at(&a.code, a.data_years.0);
        let _ = b.area_id(&a.code);
    }
    let again = Bundle::decode(&b.encode()).expect("what decodes re-encodes and decodes");
    assert_eq!(again.areas, b.areas);
    assert_eq!(again.measures, b.measures);
}

// ------------------------------------------------------------------ tests

#[test]
fn fuzz_bundle_decoder() {
    fuzz(
        "bundle",
        "bin",
        bundle_bytes,
        |b| bundle_property(b),
        Vec::clone,
    );
}

#[test]
fn fuzz_option_parser() {
    fuzz(
        "options",
        "case",
        |r| Case {
            attrs: attributes(r, 60),
            width: 800.0,
            ..Case::default()
        },
        options_property,
        |c| c.to_text().into_bytes(),
    );
}

#[test]
fn fuzz_page_csv() {
    fuzz(
        "csv",
        "case",
        |r| {
            let valid = *r.pick(&[99, 90, 60, 10]);
            Case {
                csv: Some(csv_text(r, valid)),
                meta: meta(r),
                width: 800.0,
                ..Case::default()
            }
        },
        csv_property,
        |c| c.to_text().into_bytes(),
    );
}

#[test]
fn fuzz_view_pipeline() {
    fuzz("view", "case", view_case, view_property, |c| {
        c.to_text().into_bytes()
    });
}

// ---------------------------------------------------------------- numbers

/// `care_atlas::scale::decimal::parse` against std's `str::parse::<f64>`:
/// the same strings accepted, the same bits returned (any NaN for NaN).
fn numbers_property(s: &String) {
    let want = s.parse::<f64>().ok();
    let got = care_atlas::scale::decimal::parse(s);
    let same = match (want, got) {
        (Some(w), Some(g)) => (w.is_nan() && g.is_nan()) || w.to_bits() == g.to_bits(),
        (None, None) => true,
        _ => false,
    };
    assert!(same, "{s:?}: std gives {want:?}, decimal::parse {got:?}");
    // What the widget prints reads back as the value it printed.
    if let Some(v) = want.filter(|v| v.is_finite() && v.abs() < 1e15) {
        for d in [0u8, 1, 3] {
            let shown = care_atlas::scale::format::plain(v, d);
            let again = care_atlas::scale::decimal::parse(&shown);
            assert_eq!(again, shown.parse::<f64>().ok(), "{shown:?}");
        }
    }
}

/// The decimal digits of `digits × m^k`, for a one-digit `m` (the exact
/// decimal form of a binary fraction: m × 2^-k = m × 5^k / 10^k).
fn times_pow(digits: &str, m: u8, k: u32) -> String {
    let mut v: Vec<u8> = digits.bytes().rev().map(|b| b - b'0').collect();
    for _ in 0..k {
        let mut carry = 0u8;
        for d in &mut v {
            let x = *d * m + carry;
            *d = x % 10;
            carry = x / 10;
        }
        if carry > 0 {
            v.push(carry);
        }
    }
    v.iter().rev().map(|d| char::from(b'0' + d)).collect()
}

/// A string to read: std's own output for a random `f64`, a random decimal
/// (long, short, with exponents), the exact point halfway between two
/// neighbouring `f64`s (and a hair either side), or junk from the grammar's
/// alphabet.
fn number_text(r: &mut Rng) -> String {
    let digits = |r: &mut Rng, n: usize| -> String {
        (0..n)
            .map(|_| char::from(b'0' + r.below(10) as u8))
            .collect()
    };
    let sign = |r: &mut Rng| *r.pick(&["", "", "-", "+"]);
    match r.below(6) {
        0 => {
            let v = f64::from_bits(r.next());
            match r.below(4) {
                0 => format!("{v}"),
                1 => format!("{v:e}"),
                2 => format!("{v:.*}", r.below(25)),
                _ => {
                    // One digit more or less than std's shortest form.
                    let mut s = format!("{v:e}");
                    if let Some(e) = s.find('e') {
                        let (m, x) = s.split_at(e);
                        s = format!("{m}{}{x}", r.below(10));
                    }
                    s
                }
            }
        }
        1 => {
            // A figure as people type it: up to 25 digits either side.
            let (ni, nf) = (r.below(26), r.below(26));
            let int = digits(r, ni);
            let frac = digits(r, nf);
            let point = if frac.is_empty() && r.chance(50) {
                ""
            } else {
                "."
            };
            let exp = if r.chance(30) {
                format!(
                    "{}{}",
                    r.pick(&["e", "E", "e-", "e+", "E-"]),
                    r.range(0, 400)
                )
            } else {
                String::new()
            };
            format!("{}{int}{point}{frac}{exp}", sign(r))
        }
        2 => {
            // Halfway: (2m + 1) × 2^(e - 1), exactly, for a random m of 53
            // bits and a random binary exponent.
            let m = (1u64 << 52) | (r.next() >> 12);
            let odd = (2 * u128::from(m) + 1).to_string();
            let k = r.range(-80, 120);
            let mut s = if k >= 0 {
                // × 2^-k: the digits of odd × 5^k with k decimals.
                let all = times_pow(&odd, 5, k as u32);
                let k = k as usize;
                let all = format!("{}{all}", "0".repeat((k + 1).saturating_sub(all.len())));
                let (i, f) = all.split_at(all.len() - k);
                format!("{i}.{f}")
            } else {
                // × 2^-k with k < 0: an integer.
                let mut v = odd;
                for _ in 0..-k {
                    v = times_pow(&v, 2, 1);
                }
                v
            };
            match r.below(3) {
                0 => {}
                1 => {
                    if !s.contains('.') {
                        s.push('.');
                    }
                    s.push_str(&"0".repeat(r.below(30)));
                    s.push('1');
                }
                _ => {
                    // Just below halfway: drop the final digit's 5 to a 4.
                    if let Some(last) = s.pop() {
                        s.push(if last == '5' { '4' } else { last });
                    }
                }
            }
            s
        }
        3 => {
            // Long: hundreds of digits (past the 800 kept), tiny and huge.
            let lead = "0".repeat(r.below(400));
            let n = 1 + r.below(900);
            let body = digits(r, n);
            let nf = r.below(40);
            let frac = digits(r, nf);
            match r.below(3) {
                0 => format!("0.{lead}{body}"),
                1 => format!("{body}.{frac}"),
                _ => format!("{body}e-{}", r.range(0, 700)),
            }
        }
        4 => {
            // Near the edges: subnormals, the largest finite, 2^53.
            let edges = [
                "2.2250738585072011e-308",
                "2.2250738585072014e-308",
                "4.9406564584124654e-324",
                "2.4703282292062327e-324",
                "1.7976931348623157e308",
                "1.7976931348623158e308",
                "9007199254740993",
                "0.1",
                "123.456",
            ];
            let e = r.pick(&edges).to_string();
            let cut = r.below(e.len() + 1);
            let n = r.below(4);
            format!("{}{}{}", &e[..cut], digits(r, n), &e[cut..])
        }
        _ => {
            // The grammar's alphabet in any order.
            let alphabet = b"0123456789..eE+-infatyINFATY _,";
            (0..r.below(12))
                .map(|_| char::from(*r.pick(alphabet)))
                .collect()
        }
    }
}

#[test]
fn fuzz_numbers() {
    fuzz("numbers", "txt", number_text, numbers_property, |s| {
        s.clone().into_bytes()
    });
}

/// Every input kept in `tests/fuzz/regressions/` (hand-made from issue 14's
/// reports, or saved by a failing fuzz run) passes its target's property.
#[test]
fn regressions_replay() {
    let mut n = 0;
    for target in ["bundle", "options", "csv", "view", "numbers"] {
        let Ok(dir) = std::fs::read_dir(regressions(target)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap_or_default();
            let text = || Case::from_text(&String::from_utf8_lossy(&bytes));
            let r = catch_unwind(AssertUnwindSafe(|| match target {
                "bundle" => bundle_property(&bytes),
                "options" => options_property(&text()),
                "csv" => csv_property(&text()),
                "numbers" => numbers_property(&String::from_utf8_lossy(&bytes).into_owned()),
                _ => view_property(&text()),
            }));
            assert!(r.is_ok(), "regression {} fails again", f.display());
            n += 1;
        }
    }
    assert!(n >= 5, "only {n} regression files found");
}

/// The damaged bundles reach the decoder's inner checks, in both frames,
/// rather than stopping at the frames' headers or sections: a fuzzer whose
/// damage never gets in tests nothing (as happened once the core file had
/// two frames and the fix-up still treated the whole tail as one payload).
#[test]
fn bundle_damage_reaches_the_decoders_inner_checks() {
    let mut ok = 0;
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    let n = 3000;
    for case in 0..n {
        let bytes = bundle_bytes(&mut Rng::new(0x5eed, case));
        match Bundle::decode(&bytes) {
            Ok(_) => ok += 1,
            Err(care_atlas::data::DecodeError::Invalid { what, .. }) => {
                *kinds.entry(what).or_default() += 1
            }
            Err(_) => {}
        }
    }
    eprintln!("{ok} of {n} decoded; errors: {kinds:#?}");
    assert!(ok * 10 >= n, "only {ok} of {n} damaged bundles decoded");
    let reached = |whats: &[&str]| whats.iter().any(|w| kinds.contains_key(w));
    assert!(
        reached(&[
            "arc point out of range",
            "ring names a missing arc",
            "anchor out of range"
        ]),
        "no damage reached the geometry: {kinds:?}"
    );
    assert!(
        reached(&[
            "definitions do not match the measures",
            "unread bytes at the end of the full engine's part",
            "neighbour area out of range",
        ]),
        "no damage reached the full engine's part: {kinds:?}"
    );
}
