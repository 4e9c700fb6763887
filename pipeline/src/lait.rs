//! DfE's Local Authority Interactive Tool: the published rates and counts for
//! every authority, region and England, and DWP's child poverty figures.
//!
//! Two snapshots are read. Each carries a vintage (the latest year it holds),
//! so where both hold a year the newer one's figure stands and the older one
//! is recorded as revised (see [`super::collect`]); the older snapshot adds
//! 2015, which the newer no longer holds. LAIT prints `-` for any missing
//! figure without saying why; the reason comes from DfE's count files where
//! they have one (see [`super::derive`]).
//!
//! Child poverty is different: DWP revised its whole series (the newest
//! snapshot holds the revised one from 2022, the older the one it replaced), so each
//! snapshot's figures form their own measure and are never mixed, and DWP
//! re-bases every year to the current authorities (Cumberland has figures
//! for 2015), so they are filed under the areas of the latest data year.

use super::collect::Collected;
use super::la_numbers::LaNumbers;
use super::table::Table;
use super::Names;
use care_atlas::data::{Basis, Bundle, Cell};
use std::path::Path;

pub const HEAD: &str = "sources/dfe-lait/bds_long_0__HEAD_2e30e39.parquet";
pub const OLD: &str = "sources/dfe-lait/bds_long_0__2025-05-28_c619cc4.parquet";

/// LAIT short descriptions, our measure ids, and the decimal places each is
/// published with. LAIT holds some figures as binary float text
/// ("277.10000000000002"), so they are read back at the published precision,
/// and anything finer is an error.
pub const MEASURES: [(&str, &str, u8); 5] = [
    ("LAC", "cla_rate", 0),
    ("LACnum", "cla_count", 0),
    ("CIN", "cin_rate", 1),
    ("CPP_rate", "cpp_rate", 1),
    ("CPP_Total_Rateper10,000", "referrals_rate", 1),
];

/// LAIT's longer series of the wider measures (issue 12), as above. Where
/// DfE's open-data files hold the same figure, both must agree (same
/// vintage) or the build stops; LAIT adds the earlier years.
pub const WIDER: [(&str, &str, u8); 14] = [
    ("LAC_Start_Rate", "cla_starts_rate", 0),
    ("Unacc_Asylmn_Seek_Childn%", "uasc_share", 0),
    ("Work_Force_TO_Rate", "sw_turnover_rate", 1),
    ("Work_Force_Agecy_Rate", "sw_agency_rate", 1),
    ("Work_Force_Vac_Rate", "sw_vacancy_rate", 1),
    ("Work_Force_AvgNumCase_SW", "sw_caseload", 1),
    ("TotalLACFinance", "spend_cla", 0),
    ("SafeguardingFinance", "spend_safeguarding", 0),
    ("FamilySupportFinance", "spend_family_support", 0),
    ("SureStartFinance", "spend_sure_start", 0),
    ("LACStable_2016on", "placements_3plus_pct", 0),
    ("LAC_LongStable%", "placements_stable_pct", 0),
    ("CareLeaverEET", "leavers_eet_pct", 0),
    ("CareLeaverAcc", "leavers_accommodation_pct", 0),
];

/// The measure id and decimals of a LAIT short description we read.
pub fn measure_of(desc: &str) -> Option<(&'static str, u8)> {
    MEASURES
        .iter()
        .chain(&WIDER)
        .find(|m| m.0 == desc)
        .map(|m| (m.1, m.2))
}

/// The data year of a LAIT row's `Years`, and how many years ahead its
/// areas are: section 251 outturn is by financial year ("2024-25 (OT)",
/// the year ending 31 March 2025: data year 2025); the workforce census of
/// 30 September Y is year Y on the areas of data year Y + 1.
pub fn data_year(desc: &str, years: &str) -> Option<(u16, u16)> {
    let first = year_of(years)?;
    if desc.ends_with("Finance") {
        let end: u16 = years.get(5..7)?.parse().ok()?;
        return (end == (first + 1) % 100).then_some((first + 1, 0));
    }
    Some((first, u16::from(desc.starts_with("Work_Force_"))))
}

/// DWP's children in low income families, per snapshot: the revised series
/// (newest snapshot) and the series it replaced (older snapshot).
pub const CHILD_POVERTY: (&str, u8) = ("ChildPov", 1);
pub const CHILD_POVERTY_CURRENT: &str = "child_poverty_bhc";
pub const CHILD_POVERTY_SUPERSEDED: &str = "child_poverty_bhc_2015_2024";

/// A published figure at its published precision; `None` for LAIT's `-`.
pub fn official(text: &str, decimals: u8, what: &str) -> Result<Option<Cell>, String> {
    if text == "-" {
        return Ok(None);
    }
    let v: f64 = text
        .parse()
        .map_err(|_| format!("{what}: unreadable figure {text:?}"))?;
    let value = super::collect::round_to(v, decimals);
    if (value - v).abs() > 1e-6 {
        return Err(format!(
            "{what}: {text} is finer than the {decimals} decimal place(s) published"
        ));
    }
    Ok(Some(Cell::Value {
        value,
        decimals,
        basis: Basis::Official,
    }))
}

/// A LAIT snapshot's rows of the measures we use.
pub struct Snapshot {
    pub table: Table,
    /// The latest data year the snapshot holds for the children's social
    /// care measures: its place in the order of releases.
    pub vintage: u16,
}

pub fn read(data: &Path, file: &str) -> Result<Snapshot, String> {
    let mut keep: Vec<&str> = MEASURES.iter().chain(&WIDER).map(|m| m.0).collect();
    keep.push(CHILD_POVERTY.0);
    let table = Table::read_lait(&data.join(file), &keep)?;
    let (c_desc, c_year) = (table.col("Short Desc")?, table.col("Years")?);
    let vintage = table
        .rows
        .iter()
        .filter(|r| r[c_desc] == "LAC")
        .filter_map(|r| year_of(&r[c_year]))
        .max()
        .ok_or_else(|| format!("{file}: no LAC rows"))?;
    Ok(Snapshot { table, vintage })
}

/// LAIT years read "2015" or "2015-16"; DfE's and DWP's figures are filed
/// under the year they end in March of, which is the first four digits here.
pub fn year_of(s: &str) -> Option<u16> {
    s.get(..4)?.parse().ok()
}

/// The area a LAIT row belongs to in `year`: England is 970, regions
/// 980–990 by name (Inner and Outer London, 987–988, as "London (Inner)"
/// and "London (Outer)"), authorities by number. `Ok(None)` for rows no area takes.
pub fn area(
    b: &Bundle,
    names: &Names,
    la: &LaNumbers,
    number: &str,
    name: &str,
    year: u16,
) -> Result<Option<care_atlas::data::AreaId>, String> {
    let n: u32 = number
        .parse()
        .map_err(|_| format!("LAIT: bad LA number {number:?}"))?;
    if n >= 970 {
        return Ok(names.code(name).and_then(|c| b.area_id(c)));
    }
    la.area(b, number, year)
}

/// Every figure of the snapshot into `out`. `child_poverty` names the
/// measure this snapshot's child poverty figures go to, and the data year
/// whose areas they are filed under.
pub fn collect(
    snap: &Snapshot,
    b: &Bundle,
    names: &Names,
    la: &LaNumbers,
    child_poverty: (&str, u16),
    out: &mut Collected,
) -> Result<(), String> {
    let t = &snap.table;
    let (c_desc, c_year, c_area, c_value, c_num) = (
        t.col("Short Desc")?,
        t.col("Years")?,
        t.col("LA and Regions")?,
        t.col("Values")?,
        t.col("LA Number")?,
    );
    for row in &t.rows {
        let (measure, decimals, geography_year) = if row[c_desc] == CHILD_POVERTY.0 {
            (child_poverty.0, CHILD_POVERTY.1, Some(child_poverty.1))
        } else {
            match measure_of(&row[c_desc]) {
                Some((id, d)) => (id, d, None),
                None => continue,
            }
        };
        let (year, ahead) = data_year(&row[c_desc], &row[c_year])
            .ok_or_else(|| format!("{}: bad year {:?}", t.name, row[c_year]))?;
        let src = format!("{} ({})", t.name, row[c_desc]);
        let cell = official(&row[c_value], decimals, &src)?;
        let at = geography_year.unwrap_or(year + ahead);
        let Some(a) = area(b, names, la, &row[c_num], &row[c_area], at)? else {
            let wider = WIDER.iter().any(|m| m.0 == row[c_desc]);
            if cell.is_some() && row[c_num].parse::<u32>().is_ok_and(|n| n < 970) && wider {
                // LAIT files a few of the wider series' figures under an
                // authority that did not exist that year (Dorset's care
                // leavers 2020 under the pre-2019 county): which area they
                // belong to is not certain, so they are left out, and listed.
                out.unplaced.push(format!(
                    "{src}: LA {} ({}) {year} = {}",
                    row[c_num], row[c_area], row[c_value]
                ));
                continue;
            }
            if cell.is_some() && row[c_num].parse::<u32>().is_ok_and(|n| n < 970) {
                return Err(format!(
                    "{src}: a figure for LA {} ({}) in {year}, when none of its areas is mapped",
                    row[c_num], row[c_area]
                ));
            }
            continue;
        };
        // Outside the area's years (a dash for an authority not yet created)
        // is not a gap of the figure but of the area: the bundle says so.
        if !b.area(a).live_in(at) {
            continue;
        }
        match cell {
            Some(cell) => out.put(measure, a, year, cell, &src, snap.vintage),
            None => out.put_dash(measure, a, year, &src, snap.vintage),
        }
    }
    Ok(())
}

/// LAIT's data dictionary, which says for each measure whether DfE calls a
/// lower or a higher figure better (its `Polarity`: "Low", "High", or "-"
/// for neither).
pub const DICTIONARY: &str = "sources/dfe-lait/lait_data_dictionary.csv";

/// Sets each LAIT measure's polarity from LAIT's dictionary: "Low" is
/// [`Polarity::LowerIsBetter`], "High" [`Polarity::HigherIsBetter`]; "-"
/// leaves the catalogue's (no better direction). Quartile bands follow this.
pub fn polarities(data: &Path, measures: &mut [care_atlas::data::Measure]) -> Result<(), String> {
    use care_atlas::data::Polarity;
    let t = Table::read_csv(&data.join(DICTIONARY))?;
    let (c_short, c_pol) = (t.col("Measure_short")?, t.col("Polarity")?);
    let mut ours: Vec<(&str, &str)> = MEASURES.iter().map(|(s, id, _)| (*s, *id)).collect();
    ours.push((CHILD_POVERTY.0, CHILD_POVERTY_CURRENT));
    ours.push((CHILD_POVERTY.0, CHILD_POVERTY_SUPERSEDED));
    for (short, id) in ours {
        let row = t
            .rows
            .iter()
            .find(|r| r[c_short] == short)
            .ok_or_else(|| format!("{DICTIONARY}: no measure {short}"))?;
        let Some(m) = measures.iter_mut().find(|m| m.id == id) else {
            continue;
        };
        match row[c_pol].as_str() {
            "Low" => m.polarity = Polarity::LowerIsBetter,
            "High" => m.polarity = Polarity::HigherIsBetter,
            "-" | "NA" => {}
            other => return Err(format!("{DICTIONARY}: {short} has polarity {other:?}")),
        }
    }
    Ok(())
}
