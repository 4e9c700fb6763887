//! The pipeline against the official files: the committed bundle is exactly
//! what they rebuild to, and its figures equal the published ones. `cargo
//! xtask test` runs these (every test under `source_checks::`) as a step of
//! their own.

mod fidelity;
mod neighbours;
mod wider;

use crate::table::Table;
use crate::*;
use care_atlas::data::{Basis, Bundle, Cell, EMBEDDED};
use std::sync::OnceLock;

/// The sources folder, or `None` (with a visible warning) when it is absent
/// and CARE_ATLAS_SKIP_SOURCES is set. Absent without that, the test fails.
fn sources() -> Option<PathBuf> {
    let dir = sources_dir(&root());
    if dir.join("sources").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CARE_ATLAS_SKIP_SOURCES").is_some() {
        eprintln!(
            "WARNING: SKIPPED: official sources not found at {}; the bundle was NOT checked against them",
            dir.display()
        );
        return None;
    }
    panic!(
        "official sources not found at {}: set CARE_ATLAS_SOURCES to their folder, \
         or CARE_ATLAS_SKIP_SOURCES=1 to skip these checks knowingly",
        dir.display()
    );
}

fn built() -> Option<&'static Built> {
    static BUILT: OnceLock<Built> = OnceLock::new();
    let dir = sources()?;
    Some(BUILT.get_or_init(|| build(&dir).expect("pipeline builds")))
}

#[test]
#[cfg_attr(
    sources_absent,
    ignore = "official sources absent and CARE_ATLAS_SKIP_SOURCES set"
)]
fn rebuilding_from_the_official_files_gives_the_committed_bytes() {
    let Some(b) = built() else { return };
    assert!(
        b.bytes == EMBEDDED,
        "data/care-atlas.bin is stale or was edited by hand: run `cargo xtask data` and commit the result"
    );
    // Every pack too, byte for byte, and no pack file the build does not write.
    assert!(!b.packs.is_empty(), "the build cut no packs");
    for (name, bytes) in &b.packs {
        let committed = std::fs::read(root().join("data").join(name)).unwrap_or_default();
        assert!(
            &committed == bytes,
            "data/{name} is stale, missing or was edited by hand: run `cargo xtask data` and commit the result"
        );
    }
    let on_disk: Vec<String> = std::fs::read_dir(root().join("data"))
        .expect("data/ is readable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pack"))
        .collect();
    for name in on_disk {
        assert!(
            b.packs.iter().any(|(n, _)| *n == name),
            "data/{name} is a pack the pipeline no longer writes: run `cargo xtask data`"
        );
    }
    let manifest = std::fs::read_to_string(root().join(MANIFEST_PATH)).unwrap_or_default();
    assert_eq!(
        manifest, b.manifest,
        "data/manifest.txt is stale: run `cargo xtask data`"
    );
}

fn committed() -> Bundle {
    care_atlas::data::complete().expect("committed bundle and packs decode")
}

/// The bundle's value for a measure, area code and year.
fn value(b: &Bundle, measure: &str, code: &str, year: u16) -> Cell {
    let m = b
        .measure_id(measure)
        .unwrap_or_else(|| panic!("no measure {measure}"));
    let a = b.area_id(code).unwrap_or_else(|| panic!("no area {code}"));
    b.cell(m, a, year)
}

fn measure_of(reference: &str) -> Option<&'static str> {
    Some(match reference {
        "cla_rate_per_10k" => "cla_rate",
        "cin_rate_per_10k" => "cin_rate",
        "cpp_rate_per_10k" => "cpp_rate",
        "referrals_rate_per_10k" => "referrals_rate",
        _ => return None,
    })
}

#[test]
#[cfg_attr(
    sources_absent,
    ignore = "official sources absent and CARE_ATLAS_SKIP_SOURCES set"
)]
fn reproduces_every_value_and_basis_of_the_reference_regional_series() {
    let Some(dir) = sources() else { return };
    let t = Table::read_csv(&dir.join("derived/regional_csc_rates_best_series.csv")).unwrap();
    let b = committed();
    let (c_code, c_year, c_measure, c_value, c_basis) = (
        t.col("area_code").unwrap(),
        t.col("year").unwrap(),
        t.col("measure").unwrap(),
        t.col("value").unwrap(),
        t.col("basis").unwrap(),
    );
    let mut checked = 0;
    for row in &t.rows {
        let Some(m) = measure_of(&row[c_measure]) else {
            continue;
        };
        let year: u16 = row[c_year].parse().unwrap();
        let want: f64 = row[c_value].parse().unwrap();
        let official = row[c_basis].starts_with("official");
        match value(&b, m, &row[c_code], year) {
            Cell::Value { value, basis, .. } => {
                assert!(
                    (value - want).abs() < 1e-9,
                    "{m} {} {year}: bundle {value}, reference {want}",
                    row[c_code]
                );
                assert_eq!(
                    basis == Basis::Official,
                    official,
                    "{m} {} {year}: basis differs",
                    row[c_code]
                );
            }
            other => panic!(
                "{m} {} {year}: bundle has {other:?}, reference {want}",
                row[c_code]
            ),
        }
        checked += 1;
    }
    assert_eq!(
        checked, 530,
        "the reference file has 530 regional and national rates"
    );
}

#[test]
#[cfg_attr(
    sources_absent,
    ignore = "official sources absent and CARE_ATLAS_SKIP_SOURCES set"
)]
fn ees_published_cla_rates_agree_with_the_bundle() {
    let Some(dir) = sources() else { return };
    let t = Table::read_csv(&dir.join("sources/dfe-ees/cla_number_and_rate_per_10k_children.csv"))
        .unwrap();
    let b = committed();
    let (c_level, c_region, c_type, c_year, c_rate) = (
        t.col("geographic_level").unwrap(),
        t.col("region_code").unwrap(),
        t.col("population_type").unwrap(),
        t.col("time_period").unwrap(),
        t.col("rate_per_10000").unwrap(),
    );
    let mut checked = 0;
    for row in &t.rows {
        if row[c_type] != "Children looked after on 31 March each year" {
            continue;
        }
        let code = match row[c_level].as_str() {
            "National" => "E92000001",
            "Regional" if row[c_region].starts_with("E12") => row[c_region].as_str(),
            _ => continue,
        };
        let year: u16 = row[c_year].parse().unwrap();
        let want: f64 = row[c_rate].parse().unwrap();
        assert_eq!(
            value(&b, "cla_rate", code, year).value(),
            Some(want),
            "{code} {year}"
        );
        checked += 1;
    }
    assert_eq!(checked, 50, "2021–2025 × (England + 9 regions)");
}

#[test]
#[cfg_attr(
    sources_absent,
    ignore = "official sources absent and CARE_ATLAS_SKIP_SOURCES set"
)]
fn each_authoritys_region_agrees_with_dfe_and_ons_lookups() {
    // The pipeline places authorities by geometry; DfE's files and ONS's
    // 2014 lookup say the same thing in words.
    let Some(dir) = sources() else { return };
    let b = committed();
    let region_of = |code: &str, year: u16| {
        let a = b
            .area_at(code, year)
            .unwrap_or_else(|| panic!("{code} is not mapped in {year}"));
        b.area(b.area(a).region.expect("has a region")).code.clone()
    };
    let t =
        Table::read_csv(&dir.join("sources/dfe-ees/b1_children_in_need_2013_to_2025.csv")).unwrap();
    let (c_level, c_region, c_code, c_year) = (
        t.col("geographic_level").unwrap(),
        t.col("region_code").unwrap(),
        t.col("new_la_code").unwrap(),
        t.col("time_period").unwrap(),
    );
    let mut checked = 0;
    for row in t.rows.iter().filter(|r| r[c_level] == "Local authority") {
        // DfE files London boroughs under Inner and Outer London.
        let want = match row[c_region].as_str() {
            "E13000001" | "E13000002" => "E12000007",
            r => r,
        };
        let year: u16 = row[c_year].parse().unwrap();
        assert_eq!(
            region_of(&row[c_code], year),
            want,
            "{} {year}",
            row[c_code]
        );
        checked += 1;
    }
    assert!(checked > 1900, "{checked}");
    let t = Table::read_csv(&dir.join("sources/ons-uk-topojson/ltla14-lookup.csv")).unwrap();
    let (c_ltla, c_cty, c_rgn) = (
        t.col("ltlacd").unwrap(),
        t.col("ctycd").unwrap(),
        t.col("rgncd").unwrap(),
    );
    for row in t.rows.iter().filter(|r| r[c_ltla].starts_with('E')) {
        // A district's county is the authority; anything else is its own.
        let code = if row[c_cty].is_empty() {
            &row[c_ltla]
        } else {
            &row[c_cty]
        };
        assert_eq!(region_of(code, 2015), row[c_rgn], "{code}");
    }
}
