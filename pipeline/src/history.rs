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
