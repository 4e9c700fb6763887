//! MHCLG's revenue outturn, RO3 (social care), 2024-25: each authority's
//! total expenditure on children's social care per child aged 0–17,
//! derived with ONS's mid-2024 population. A region (and Inner and Outer
//! London) is the sum of its authorities over the sum of their children —
//! a gap when one of them made no return; England is MHCLG's own total
//! (which estimates the missing returns) over England's children.

use super::catalogue::{NOTE_RO3_AUTHORITY, NOTE_RO3_ENGLAND, NOTE_RO3_SUM};
use super::collect::{round_to, Collected};
use super::table::parse_figure;
use care_atlas::data::{AreaId, Basis, Bundle, Cell, Level, Missing};
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE: &str = "sources/mhclg-revenue-outturn/RO3_LA_Data_2024-25_data_by_LA.ods";
pub const SHEET: &str = "RO3_LA_Data_202425";
/// The column of the total, as MHCLG heads it (£ thousand).
pub const COLUMN: &str = "TOTAL CHILDREN SOCIAL CARE - Total Expenditure (C3 = C1 + C2)";
/// The financial year 2024-25 ends on 31 March 2025: data year 2025.
pub const YEAR: u16 = 2025;
pub const MEASURE: &str = "spend_csc_per_child";

/// Each area's total in £ (`None`: no return), by ONS code; England's under its code.
pub fn read(data: &Path) -> Result<BTreeMap<String, Option<f64>>, String> {
    let rows = super::ods::read_sheet(&data.join(FILE), SHEET)?;
    let head = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "E-code"))
        .ok_or_else(|| format!("{FILE}: no header row"))?;
    let col = |name: &str| {
        rows[head]
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| format!("{FILE}: no column {name:?}"))
    };
    let (c_code, c_class, c_total) = (col("ONS Code")?, col("Class")?, col(COLUMN)?);
    let mut out = BTreeMap::new();
    for r in &rows[head + 1..] {
        let cell = |c: usize| r.get(c).map_or("", String::as_str);
        // Upper-tier authorities (unitary, metropolitan, London, county) and England.
        // (MHCLG's subtotals by class carry codes such as "E06" instead.)
        if !["UA", "MD", "LB", "SC", "Eng"].contains(&cell(c_class)) || cell(c_code).len() != 9 {
            continue;
        }
        let total = match parse_figure(cell(c_total)) {
            Some((v, _)) => Some(v * 1000.0),
            None if cell(c_total) == "[x]" => None,
            None => return Err(format!("{FILE}: {} has {:?}", cell(c_code), cell(c_total))),
        };
        out.insert(cell(c_code).to_string(), total);
    }
    Ok(out)
}

fn derived(spend: f64, pop: f64, note: u8) -> Cell {
    Cell::Value {
        value: round_to(spend / pop, 0),
        decimals: 0,
        basis: Basis::Derived(note),
    }
}

/// Spending per child for every authority, region, subregion and England.
pub fn collect(
    data: &Path,
    b: &Bundle,
    pop: &BTreeMap<(AreaId, u16), f64>,
    out: &mut Collected,
) -> Result<(), String> {
    let totals = read(data)?;
    let src = "RO3_LA_Data_2024-25_data_by_LA.ods ÷ ONS population";
    let mut spend: BTreeMap<AreaId, Option<f64>> = BTreeMap::new();
    for (code, total) in &totals {
        if code == super::ENGLAND {
            continue;
        }
        let a = b
            .area_at(code, YEAR)
            .ok_or_else(|| format!("{FILE}: {code} is not mapped in {YEAR}"))?;
        spend.insert(a, *total);
    }
    let people = |a: AreaId| {
        pop.get(&(a, YEAR))
            .copied()
            .ok_or_else(|| format!("no ONS population for {} in {YEAR}", b.area(a).code))
    };
    let mut groups: BTreeMap<AreaId, (Option<f64>, f64)> = BTreeMap::new();
    for a in b
        .areas_at(Level::Authority)
        .filter(|&a| b.area(a).live_in(YEAR))
    {
        let total = *spend
            .get(&a)
            .ok_or_else(|| format!("{FILE}: no row for {}", b.area(a).code))?;
        let p = people(a)?;
        let cell = total.map_or(Cell::Missing(Missing::NotPublished), |s| {
            derived(s, p, NOTE_RO3_AUTHORITY)
        });
        out.put(MEASURE, a, YEAR, cell, src, 0);
        let area = b.area(a);
        for g in [area.region, area.subregion].into_iter().flatten() {
            let e = groups.entry(g).or_insert((Some(0.0), 0.0));
            e.0 = e.0.zip(total).map(|(x, y)| x + y);
            e.1 += p;
        }
    }
    for (g, (sum, p)) in groups {
        let cell = sum.map_or(Cell::Missing(Missing::NotPublished), |s| {
            derived(s, p, NOTE_RO3_SUM)
        });
        out.put(MEASURE, g, YEAR, cell, src, 0);
    }
    let england = b.country().ok_or("no England")?;
    let total = totals
        .get(super::ENGLAND)
        .copied()
        .flatten()
        .ok_or_else(|| format!("{FILE}: no England total"))?;
    out.put(
        MEASURE,
        england,
        YEAR,
        derived(total, people(england)?, NOTE_RO3_ENGLAND),
        src,
        0,
    );
    Ok(())
}
