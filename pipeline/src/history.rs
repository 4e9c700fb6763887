//! DfE's statistical first releases on children looked after, 2010–2017:
//! counts at 31 March for England, regions and authorities, and in 2010 the
//! population DfE divided by, which no other file holds.

use super::catalogue::NOTE_DFE_2009_POP;
use super::collect::Collected;
use super::derive::derived;
use super::la_numbers::LaNumbers;
use super::table::{gap_reason, parse_figure, Era, Table};
use super::Names;
use care_atlas::data::{AreaId, Basis, Bundle, Cell};
use std::path::Path;

pub const DIR: &str = "sources/dfe-cla-history";
pub const SFR_2010: &str = "SFR27_2010_March.csv";
/// DfE's England-only series 1994–2024, newer than the releases of 2010–2014
/// and revising England's counts there (2010: 64,460, not the release's 64,400).
pub const TIME_SERIES: &str = "cla_time_series_1994_2024.csv";
/// The series' population of England's count. Years before the bundle's
/// first (2010, the first with regions) are not read, nor years from 2015:
/// LAIT's snapshot of May 2025, newer than this series (published with the
/// 2024 figures in November 2024), holds those.
pub const TIME_SERIES_ROWS: &str = "Children looked after at 31 March";
pub const TIME_SERIES_YEARS: (u16, u16) = (2010, 2014);

/// Each later release with the year it reports (its column `CLA_Mar{year}`).
pub const SFR_COUNTS: [(u16, &str); 7] = [
    (2011, "SFR21_CLA.csv"),
    (2012, "SFR20_CLA2012.csv"),
    (2013, "SFR36_CLA2013.csv"),
    (2014, "SFR36_CLA2014.csv"),
    (2015, "SFR34_CLA2015.csv"),
    (2016, "SFR41_CLA2016.csv"),
    (2017, "SFR50_CLA2017.csv"),
];

/// The area of a release's row: England, a region by name, or an authority
/// by its DfE number (the GSS codes these files print include Gateshead's
/// and Northumberland's pre-2013 codes; the number is the stable key).
fn area(
    b: &Bundle,
    names: &Names,
    la: &LaNumbers,
    level: &str,
    number: &str,
    name: &str,
    year: u16,
) -> Result<Option<AreaId>, String> {
    match level.to_ascii_uppercase().as_str() {
        "NATIONAL" => Ok(b.country()),
        "REGION" | "GOR" => Ok(names.code(name).and_then(|c| b.area_id(c))),
        "LA" => la.area(b, number, year),
        _ => Ok(None),
    }
}

fn count(text: &str) -> Option<Cell> {
    match parse_figure(text) {
        Some((v, _)) => Some(Cell::Value {
            value: v,
            decimals: 0,
            basis: Basis::Official,
        }),
        None => gap_reason(text, Era::Sfr).map(Cell::Missing),
    }
}

pub fn collect(
    data: &Path,
    b: &Bundle,
    names: &Names,
    la: &LaNumbers,
    out: &mut Collected,
) -> Result<(), String> {
    let dir = data.join(DIR);
    let t = Table::read_csv(&dir.join(SFR_2010))?;
    let (c_level, c_num, c_name, c_count, c_pop) = (
        t.col("geog_l")?,
        t.col("geog_c")?,
        t.col("geog_n")?,
        t.col("MarTotal_2010")?,
        t.col("Mid2009Pop0-17")?,
    );
    let src = format!("{SFR_2010} (MarTotal_2010)");
    for row in &t.rows {
        let Some(a) = area(b, names, la, &row[c_level], &row[c_num], &row[c_name], 2010)? else {
            continue;
        };
        let Some(cell) = count(&row[c_count]) else {
            continue;
        };
        out.put("cla_count", a, 2010, cell, &src, 2010);
        if let (Some(n), Some((p, _))) = (cell.value(), parse_figure(&row[c_pop])) {
            let src = format!("{SFR_2010} (MarTotal_2010 ÷ Mid2009Pop0-17)");
            out.put(
                "cla_rate",
                a,
                2010,
                derived(n, p, NOTE_DFE_2009_POP),
                &src,
                0,
            );
        }
    }
    let t = Table::read_csv(&dir.join(TIME_SERIES))?;
    let (c_year, c_what, c_n) = (
        t.col("time_period")?,
        t.col("population_count")?,
        t.col("number")?,
    );
    let vintage = t
        .rows
        .iter()
        .filter_map(|r| r[c_year].parse::<u16>().ok())
        .max()
        .ok_or_else(|| format!("{TIME_SERIES}: no years"))?;
    let england = b.country().ok_or("no England")?;
    let src = format!("{TIME_SERIES} (number)");
    for row in t.rows.iter().filter(|r| r[c_what] == TIME_SERIES_ROWS) {
        let year: u16 = row[c_year]
            .parse()
            .map_err(|_| format!("{TIME_SERIES}: bad year {:?}", row[c_year]))?;
        if !(TIME_SERIES_YEARS.0..=TIME_SERIES_YEARS.1).contains(&year) {
            continue;
        }
        if let Some(cell) = count(&row[c_n]) {
            out.put("cla_count", england, year, cell, &src, vintage);
        }
    }
    for (year, file) in SFR_COUNTS {
        let t = Table::read_csv(&dir.join(file))?;
        let column = format!("CLA_Mar{year}");
        let (c_level, c_num, c_name, c_count) = (
            t.col("geog_l")?,
            t.col("geog_c")?,
            t.col("geog_n")?,
            t.col(&column)?,
        );
        let src = format!("{file} ({column})");
        for row in &t.rows {
            let Some(cell) = count(&row[c_count]) else {
                continue;
            };
            match area(b, names, la, &row[c_level], &row[c_num], &row[c_name], year)? {
                Some(a) => out.put("cla_count", a, year, cell, &src, year),
                None if row[c_level].eq_ignore_ascii_case("LA") && cell.value().is_some() => {
                    return Err(format!(
                        "{src}: a figure for LA {} in {year}, when it is not mapped",
                        row[c_num]
                    ))
                }
                None => {}
            }
        }
    }
    Ok(())
}
